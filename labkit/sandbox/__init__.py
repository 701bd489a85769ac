"""The sandbox: one loopback endpoint serving AWS (moto), Athena (labkit's engine) and the simulated
internet, run as one background service per student (per LABKIT_HOME).

    >>> from labkit.sandbox import ensure_sandbox
    >>> url = ensure_sandbox(seed=0)   # attach to this student's sandbox, or start it; sets the environment

Nothing heavy is imported here: a notebook kernel imports this package, the sandbox process the rest.
"""
from __future__ import annotations

import os

from ..config import DEFAULT_REGION, SANDBOX_ACCOUNT, is_loopback_url, region

LOOPBACK = "127.0.0.1"


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
        from .service import connect

        state = connect(seed=seed)
        os.environ.update({"AWS_ENDPOINT_URL": state.url, "AWS_ACCESS_KEY_ID": state.access_key_id,
                           "AWS_SECRET_ACCESS_KEY": state.secret_access_key})
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


def start_sandbox(*args, **kwargs):
    """An in-process sandbox (for the service itself and tests): see endpoint.start_sandbox."""
    from .client_patches import patch_pyathena_arrow
    from .endpoint import start_sandbox as start

    patch_pyathena_arrow()

    return start(*args, **kwargs)


__all__ = ["DEFAULT_REGION", "LOOPBACK", "SANDBOX_ACCOUNT", "ensure_sandbox", "is_loopback_url", "start_sandbox"]
