"""Errors as Athena reports them: API errors (HTTP 400) and failed queries (state FAILED)."""
from __future__ import annotations


class ApiError(Exception):
    """A rejected API call, e.g. InvalidRequestException for a missing output location."""

    def __init__(self, message: str, code: str = "InvalidRequestException", athena_code: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.athena_code = athena_code

    def as_response(self) -> dict:
        response = {"__type": self.code, "Message": self.message}
        if self.athena_code:
            response["AthenaErrorCode"] = self.athena_code
        return response


class QueryFailed(Exception):
    """A query that reached the engine and failed: becomes StateChangeReason and AthenaError.

    error_type is Trino's name (SYNTAX_ERROR, TABLE_NOT_FOUND, COLUMN_NOT_FOUND, FUNCTION_NOT_FOUND, ...)
    category 1 = system, 2 = user, 3 = other (Athena's ErrorCategory).
    """

    # Athena's numeric ErrorType for the Trino error names the course meets.
    ERROR_TYPES = {
        "SYNTAX_ERROR": 1000, "GENERIC_USER_ERROR": 1001, "NOT_SUPPORTED": 1002,
        "TABLE_NOT_FOUND": 1006, "COLUMN_NOT_FOUND": 1006, "FUNCTION_NOT_FOUND": 1006,
        "SCHEMA_NOT_FOUND": 1006, "ALREADY_EXISTS": 1013, "TYPE_MISMATCH": 1001,
        "INVALID_FUNCTION_ARGUMENT": 1001, "DIVISION_BY_ZERO": 1001, "HIVE_BAD_DATA": 1001,
        "USER_CANCELLED": 1001, "INTERNAL_ERROR": 1,
    }

    def __init__(self, error_name: str, message: str, category: int = 2):
        super().__init__(message)
        self.error_name = error_name
        self.message = message
        self.category = category

    @property
    def reason(self) -> str:
        """StateChangeReason as Athena words it: 'NAME: line L:C: detail' (or the bare message)."""
        if self.error_name in ("SYNTAX_ERROR", "GENERIC_USER_ERROR", "INTERNAL_ERROR"):
            return self.message
        return f"{self.error_name}: {self.message}"

    def as_athena_error(self) -> dict:
        return {
            "ErrorCategory": self.category,
            "ErrorType": self.ERROR_TYPES.get(self.error_name, 1001),
            "Retryable": False,
            "ErrorMessage": self.reason,
        }
