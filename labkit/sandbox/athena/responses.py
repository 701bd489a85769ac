"""Athena's JSON wire protocol (X-Amz-Target: AmazonAthena.<Operation>); the backend does the work."""

from __future__ import annotations

import json
import logging
import re

from ..validation import RequestInvalid, TypeMismatch, check_request
from .errors import ApiError
from .models import OPERATIONS, AthenaBackend

_REGION_IN_AUTH = re.compile(r"Credential=[^/]+/\d+/([^/]+)/")
log = logging.getLogger(__name__)


class AthenaResponses:
    """A WSGI app: one JSON request in, one JSON response out."""

    def __init__(self, backend: AthenaBackend | None = None):
        self.backend = backend or AthenaBackend()

    def __call__(self, environ, start_response):
        status, payload = self.handle(environ)
        data = json.dumps(payload, default=str).encode()
        start_response(status, [("Content-Type", "application/x-amz-json-1.1"), ("Content-Length", str(len(data)))])
        return [data]

    def handle(self, environ) -> tuple[str, dict]:
        """(HTTP status, JSON payload) of one request: every failure is a JSON error as Athena sends
        it, never an HTML page or a traceback."""
        operation = environ.get("HTTP_X_AMZ_TARGET", "").partition(".")[2]
        try:
            body = _json_body(environ)
            if operation in OPERATIONS:  # an unknown one is refused as such by dispatch()
                _validate(operation, body)
            return "200 OK", self.backend.dispatch(operation, body, _region(environ))
        except ApiError as error:
            return "400 Bad Request", error.as_response()
        except Exception:  # a bug of the sandbox: logged for us, a generic error for the caller
            log.exception("Athena %s failed inside the sandbox", operation)
            return "500 Internal Server Error", ApiError(
                "An internal error occurred.", "InternalServerException"
            ).as_response()


def _validate(operation: str, body: dict) -> None:
    """Refuse what Athena's model refuses (a missing QueryExecutionId, a QueryString over 262,144
    characters, MaxResults over 1000), with AWS's validation message, before the backend sees it."""
    try:
        check_request("athena", operation, body)
    except (RequestInvalid, TypeMismatch) as error:
        raise ApiError(error.message) from None


def _json_body(environ) -> dict:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = json.loads(environ["wsgi.input"].read(length) or b"{}")
    except ValueError:  # a bad Content-Length, bytes that are not JSON (or not UTF-8)
        body = None
    if not isinstance(body, dict):
        raise ApiError("Could not parse request body into json")
    return body


def _region(environ) -> str:
    from ...config import DEFAULT_REGION

    match = _REGION_IN_AUTH.search(environ.get("HTTP_AUTHORIZATION", ""))
    return match.group(1) if match else DEFAULT_REGION
