"""Athena state: query executions, workgroups, named queries. (Being written.)"""
from __future__ import annotations

from .errors import ApiError


class AthenaBackend:
    def dispatch(self, operation: str, body: dict, region: str) -> dict:
        raise ApiError(f"{operation} is not implemented yet")
