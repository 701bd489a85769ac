"""The sandbox: one loopback endpoint serving AWS (moto) and Athena (labkit's engine).

    >>> from labkit.sandbox import ensure_sandbox
    >>> url = ensure_sandbox(seed=0)   # attaches to $AWS_ENDPOINT_URL, or starts one here
"""
from __future__ import annotations

import os
import urllib.request

from .client_patches import patch_pyathena_arrow
from .endpoint import (
    DEFAULT_REGION,
    LOOPBACK,
    SANDBOX_ACCOUNT,
    Sandbox,
    is_loopback_url,
    sandbox_environment,
    start_sandbox,
)

_in_process: Sandbox | None = None

# PyAthena's ArrowCursor reads results through pyarrow, which ignores AWS_ENDPOINT_URL: make it honour it.
patch_pyathena_arrow()


def is_running(url: str, timeout: float = 1.0) -> bool:
    """True when a sandbox answers at url (only loopback URLs are ever probed)."""
    if not is_loopback_url(url):
        return False
    try:
        with urllib.request.urlopen(f"{url}/moto-api/", timeout=timeout):
            return True
    except Exception:
        return False


_instances: dict[str, str | None] = {}


def sandbox_instance(url: str | None = None) -> str | None:
    """The id of the sandbox at url (default: $AWS_ENDPOINT_URL), or None on AWS / another endpoint.

    A new sandbox starts empty, so what was recorded about an older one (the traffic truth) no longer
    describes it; this id tells them apart.
    """
    import json

    url = url if url is not None else os.environ.get("AWS_ENDPOINT_URL", "")
    if not url or not is_loopback_url(url):
        return None
    if url not in _instances:
        try:
            with urllib.request.urlopen(f"{url}/labkit/instance", timeout=2) as response:
                _instances[url] = json.loads(response.read())["instance"]
        except Exception:
            return None
    return _instances[url]


def ensure_sandbox(seed: int = 0, port: int = 0) -> str:
    """Use the sandbox named by AWS_ENDPOINT_URL when it answers; else start one in this process.

    Sets AWS_ENDPOINT_URL and placeholder credentials in os.environ so plain boto3/PyAthena use it.
    """
    global _in_process
    named = os.environ.get("AWS_ENDPOINT_URL", "")
    if named and is_running(named):
        url = named
    elif _in_process is not None:
        url = _in_process.url
    else:
        _in_process = start_sandbox(port=port, seed=seed)
        url = _in_process.url
    os.environ.update(sandbox_environment(url))
    return url


def stop_in_process_sandbox() -> None:
    global _in_process
    if _in_process is not None:
        _in_process.stop()
        _in_process = None


__all__ = [
    "DEFAULT_REGION", "LOOPBACK", "SANDBOX_ACCOUNT", "Sandbox", "ensure_sandbox", "is_running", "sandbox_instance",
    "sandbox_environment", "start_sandbox", "stop_in_process_sandbox",
]
