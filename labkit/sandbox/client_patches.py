"""Client-side gaps that would send a sandbox user to real AWS, closed in the user's process.

pyarrow's S3FileSystem ignores AWS_ENDPOINT_URL, so PyAthena's ArrowCursor would read query
results from s3.amazonaws.com even when boto3 talks to the sandbox. When AWS_ENDPOINT_URL is set,
the filesystem PyAthena builds gets that endpoint too; otherwise nothing changes.
"""
from __future__ import annotations

import os
from urllib.parse import urlparse

_patched = False


def _endpoint_kwargs() -> dict:
    url = os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL")
    if not url:
        return {}
    parsed = urlparse(url)
    return {"endpoint_override": parsed.netloc, "scheme": parsed.scheme or "http"}


def patch_pyathena_arrow() -> None:
    """Make PyAthena's Arrow result reader honour AWS_ENDPOINT_URL (idempotent)."""
    global _patched
    if _patched:
        return
    try:
        from pyathena.arrow.result_set import AthenaArrowResultSetMetadataReader
    except ImportError:  # PyAthena without the arrow extra: nothing to patch
        return
    original = AthenaArrowResultSetMetadataReader._create_s3_file_system

    def create_s3_file_system(self):
        filesystem = original(self)
        extra = _endpoint_kwargs()
        if not extra:
            return filesystem
        from pyarrow import fs

        kwargs = filesystem.__reduce__()[1][0]
        kwargs = {k: v for k, v in kwargs.items() if v is not None and k in _S3_ARGS}
        kwargs.update(extra)
        return fs.S3FileSystem(**kwargs)

    AthenaArrowResultSetMetadataReader._create_s3_file_system = create_s3_file_system
    _patched = True


_S3_ARGS = {"access_key", "secret_key", "session_token", "region", "connect_timeout", "request_timeout"}
