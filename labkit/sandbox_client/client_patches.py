"""Client-side gaps that would send a sandbox user to real AWS, closed in the user's process.

pyarrow's S3FileSystem ignores AWS_ENDPOINT_URL, so PyAthena's ArrowCursor would read query
results from s3.amazonaws.com even when boto3 talks to the sandbox. When AWS_ENDPOINT_URL is set,
the filesystem PyAthena builds gets that endpoint too; otherwise nothing changes.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
from urllib.parse import urlparse

_patched = False
_ARROW_MODULE = "pyathena.arrow.result_set"


def _endpoint_kwargs() -> dict:
    url = os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL")
    if not url:
        return {}
    parsed = urlparse(url)
    return {"endpoint_override": parsed.netloc, "scheme": parsed.scheme or "http"}


class _PatchAfterImport(importlib.abc.MetaPathFinder):
    """Finds nothing itself: when PyAthena's Arrow module is first imported, lets the usual finder
    load it and patches it right after. (Importing it up front costs pyarrow: 0.3 CPU s a kernel.)"""

    def find_spec(self, fullname, path, target=None):
        if fullname != _ARROW_MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return None
        execute = spec.loader.exec_module

        def exec_module(module):
            execute(module)
            _patch_arrow_reader(module.AthenaArrowResultSetMetadataReader)

        spec.loader.exec_module = exec_module
        return spec


def patch_pyathena_arrow() -> None:
    """Make PyAthena's Arrow result reader honour AWS_ENDPOINT_URL (idempotent): now if PyAthena's
    Arrow module is loaded, else when it is first imported."""
    module = sys.modules.get(_ARROW_MODULE)
    if module is not None:
        _patch_arrow_reader(module.AthenaArrowResultSetMetadataReader)
    elif not any(isinstance(finder, _PatchAfterImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _PatchAfterImport())


def _patch_arrow_reader(AthenaArrowResultSetMetadataReader) -> None:
    global _patched
    if _patched:
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
