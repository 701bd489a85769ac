"""Where moto differs from AWS in ways the course shows, labkit patches it here, once.

Each patch says which gap it closes (see shared/reference/moto.md).
"""
from __future__ import annotations

_applied = False


def apply_moto_patches() -> None:
    global _applied
    if _applied:
        return
    _applied = True
    from . import flow_log_patches

    flow_log_patches.apply()  # flow logs: DestinationOptions, S3 subfolders, bucket policy, CWL status, errors
