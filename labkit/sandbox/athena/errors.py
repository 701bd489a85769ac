"""API errors as Athena reports them (HTTP 400, a JSON body with __type and Message).

Their messages pass the same `scrub` as a failed query's (sql/errors.py): no local path, Python
class or traceback reaches the client.
"""

from __future__ import annotations

from .sql.errors import scrub


class ApiError(Exception):
    """A rejected API call, e.g. InvalidRequestException for a missing output location."""

    def __init__(self, message: str | None, code: str = "InvalidRequestException", athena_code: str | None = None):
        message = None if message is None else scrub(message)
        super().__init__(message)
        self.code = code
        self.message = message
        self.athena_code = athena_code

    def as_response(self) -> dict:
        response = {"__type": self.code}
        if self.message is not None:  # UnknownOperationException carries no message
            response["Message"] = self.message
        if self.athena_code:
            response["AthenaErrorCode"] = self.athena_code
        return response
