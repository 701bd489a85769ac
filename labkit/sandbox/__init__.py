"""The sandbox: one loopback endpoint serving AWS (moto), Athena (labkit's engine) and the simulated
internet, run as one background service per student (per LABKIT_HOME). This package is the server; a
kernel reaches it through labkit.sandbox_client (re-exported here: `ensure_sandbox`).

    >>> from labkit.sandbox import ensure_sandbox
    >>> url = ensure_sandbox(seed=0)   # attach to this student's sandbox, or start it; sets the environment

Nothing heavy is imported here: a notebook kernel imports this package, the sandbox process the rest.
"""

from __future__ import annotations

from ..config import DEFAULT_REGION, LOOPBACK, SANDBOX_ACCOUNT, is_loopback_url
from ..sandbox_client import ensure_sandbox


def start_sandbox(*args, **kwargs):
    """An in-process sandbox (for the service itself and tests): see endpoint.start_sandbox."""
    from ..sandbox_client.client_patches import patch_pyathena_arrow
    from .endpoint import start_sandbox as start

    patch_pyathena_arrow()

    return start(*args, **kwargs)


__all__ = ["DEFAULT_REGION", "LOOPBACK", "SANDBOX_ACCOUNT", "ensure_sandbox", "is_loopback_url", "start_sandbox"]
