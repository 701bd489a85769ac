"""Which AWS a command talks to: this student's sandbox, or (only when asked) a real account."""
from __future__ import annotations

from ..config import target


def require_target() -> str:
    """'aws' with LABKIT_TARGET=aws; otherwise 'sandbox', attached to (or starting) this LABKIT_HOME's
    sandbox and pointing boto3 at it, so a command never reaches a real account by accident."""
    if target() == "aws":
        return "aws"
    from ..sandbox import ensure_sandbox

    ensure_sandbox()
    return "sandbox"
