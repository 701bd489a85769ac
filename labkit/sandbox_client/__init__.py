"""The client side of the sandbox: find (or start) this student's sandbox process and call it. Kernels,
commands and the course's checks use this package; none of it is the server (labkit.sandbox), and it
imports nothing of it (the server runs in its own process: `python -m labkit.sandbox.service`).

    >>> from labkit.sandbox_client import ensure_sandbox
    >>> url = ensure_sandbox(seed=0)   # attach to this student's sandbox, or start it; sets the environment
"""

from __future__ import annotations

import os

from ..config import region


def _environment_sandbox() -> str | None:
    """AWS_ENDPOINT_URL and the credentials in the environment, when they reach a sandbox (a grader's,
    a foreground `labkit sandbox`, a test's): that one is used as it is."""
    from .client import Endpoint, answers

    endpoint = Endpoint.from_environment()
    return endpoint.url if endpoint.url and answers(endpoint, timeout=2.0) else None


def ensure_sandbox(seed: int = 0) -> str:
    """Attach to the sandbox (the one the environment names, else this LABKIT_HOME's, started when none
    answers) and point boto3/PyAthena at it: AWS_ENDPOINT_URL, its credentials, the region."""
    from .client_patches import patch_pyathena_arrow

    patch_pyathena_arrow()  # PyAthena's ArrowCursor reads results through pyarrow, which ignores AWS_ENDPOINT_URL
    url = _environment_sandbox()
    if url is None:
        from .process import connect

        state = connect(seed=seed)
        os.environ.update(
            {
                "AWS_ENDPOINT_URL": state.url,
                "AWS_ACCESS_KEY_ID": state.access_key_id,
                "AWS_SECRET_ACCESS_KEY": state.secret_access_key,
            }
        )
        os.environ.pop("AWS_SESSION_TOKEN", None)
        _forget_cached_credentials()
        url = state.url
    os.environ.setdefault("AWS_DEFAULT_REGION", region())
    return url


def _forget_cached_credentials() -> None:
    """boto3's default session keeps the credentials it first read: a kernel that used another sandbox
    (one that has since restarted with new keys) must read them again."""
    import sys

    boto3 = sys.modules.get("boto3")
    if boto3 is not None:
        boto3.DEFAULT_SESSION = None
