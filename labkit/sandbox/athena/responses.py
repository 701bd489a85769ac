"""Athena's JSON wire protocol (X-Amz-Target: AmazonAthena.<Operation>); the backend does the work."""
from __future__ import annotations

import json
import re

from .errors import ApiError
from .models import AthenaBackend

_REGION_IN_AUTH = re.compile(r"Credential=[^/]+/\d+/([^/]+)/")


class AthenaResponses:
    """A WSGI app: one JSON request in, one JSON response out."""

    def __init__(self, backend: AthenaBackend | None = None):
        self.backend = backend or AthenaBackend()

    def __call__(self, environ, start_response):
        operation = environ["HTTP_X_AMZ_TARGET"].split(".", 1)[1]
        region = _region(environ)
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = json.loads(environ["wsgi.input"].read(length) or b"{}")
            result = self.backend.dispatch(operation, body, region)
            status, payload = "200 OK", result
        except ApiError as error:
            status, payload = "400 Bad Request", error.as_response()
        data = json.dumps(payload, default=str).encode()
        start_response(status, [("Content-Type", "application/x-amz-json-1.1"),
                                ("Content-Length", str(len(data)))])
        return [data]


def _region(environ) -> str:
    from ..endpoint import DEFAULT_REGION

    match = _REGION_IN_AUTH.search(environ.get("HTTP_AUTHORIZATION", ""))
    return match.group(1) if match else DEFAULT_REGION
