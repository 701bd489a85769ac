"""Failed queries as Athena reports them (state FAILED, StateChangeReason, AthenaError).

Every message passes `scrub` on its way out: whatever an engine library put into it, the student
never sees a local path, a Python class or a traceback (Athena shows none of those either).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile


def _private_roots() -> list[str]:
    """Folders whose names say something about this machine: temp (the engine's cache and work
    folders live there), the interpreter and its site-packages, the home folder, the labkit sources."""
    sources = os.path.abspath(os.path.join(os.path.dirname(__file__), *[os.pardir] * 4))  # the labkit checkout
    roots = [
        tempfile.gettempdir(),
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        os.path.expanduser("~"),
        sources,
        os.getcwd(),
    ]
    found = {os.path.normpath(r) for r in roots} | {os.path.realpath(r) for r in roots}
    return sorted((r for r in found if r != os.sep), key=len, reverse=True)


# A private root at the start of a path; not one inside an s3:// key or a name the user typed.
_PRIVATE_PATH = re.compile(
    r"(?<![\w:/.-])(?:file:/*)?(?:" + "|".join(re.escape(r) for r in _private_roots()) + r")(?=[/\s'\"]|$)[^\s'\"]*"
)
_PYTHON_CLASS = re.compile(r"<class '[^']*'>")
_PYTHON_QUALIFIED = re.compile(r"\b(?:sqlglot|duckdb|moto|labkit|werkzeug|botocore|builtins)(?:\.\w+)+")
HIDDEN = "***"


def scrub(text: str) -> str:
    """The message without tracebacks, local paths or Python class names."""
    text = text.split("Traceback (most recent call last)", 1)[0]
    text = _PRIVATE_PATH.sub(HIDDEN, text)
    text = _PYTHON_CLASS.sub(HIDDEN, text)
    return _PYTHON_QUALIFIED.sub(HIDDEN, text).rstrip()


class QueryFailed(Exception):
    """A query that reached the engine and failed: becomes StateChangeReason and AthenaError.

    error_type is Trino's name (SYNTAX_ERROR, TABLE_NOT_FOUND, COLUMN_NOT_FOUND, FUNCTION_NOT_FOUND, ...)
    category 1 = system, 2 = user, 3 = other (Athena's ErrorCategory).
    """

    # Athena's numeric ErrorType for the Trino error names the course meets.
    ERROR_TYPES = {
        "SYNTAX_ERROR": 1000,
        "GENERIC_USER_ERROR": 1001,
        "NOT_SUPPORTED": 1002,
        "TABLE_NOT_FOUND": 1006,
        "COLUMN_NOT_FOUND": 1006,
        "FUNCTION_NOT_FOUND": 1006,
        "SCHEMA_NOT_FOUND": 1006,
        "ALREADY_EXISTS": 1013,
        "TYPE_MISMATCH": 1001,
        "INVALID_FUNCTION_ARGUMENT": 1001,
        "DIVISION_BY_ZERO": 1001,
        "HIVE_BAD_DATA": 1001,
        "USER_CANCELLED": 1001,
        "INTERNAL_ERROR": 1,
        "INTERNAL_ERROR_QUERY_ENGINE": 200,
    }

    def __init__(self, error_name: str, message: str, category: int = 2):
        message = scrub(message)
        super().__init__(message)
        self.error_name = error_name
        self.message = message
        self.category = category

    @property
    def reason(self) -> str:
        """StateChangeReason as Athena words it: 'NAME: line L:C: detail' (or the bare message)."""
        if self.error_name in ("SYNTAX_ERROR", "GENERIC_USER_ERROR", "INTERNAL_ERROR", "INTERNAL_ERROR_QUERY_ENGINE"):
            return self.message
        return f"{self.error_name}: {self.message}"

    def as_athena_error(self) -> dict:
        return {
            "ErrorCategory": self.category,
            "ErrorType": self.ERROR_TYPES.get(self.error_name, 1001),
            "Retryable": False,
            "ErrorMessage": self.reason,
        }
