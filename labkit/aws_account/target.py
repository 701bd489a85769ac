"""Which AWS a command talks to: this student's sandbox, or (only when asked) a real account."""

from __future__ import annotations

from ..config import target


def require_target(creates: bool = True) -> str:
    """'aws' with LABKIT_TARGET=aws; otherwise 'sandbox', attached to (or starting) this LABKIT_HOME's
    sandbox and pointing boto3 at it, so a command never reaches a real account by accident.

    On a real account it is refused when CI is set (unless LABKIT_ALLOW_AWS_IN_CI=1), the course's tags
    and confirmation guard are installed on boto3, and a command that `creates` resources needs the
    student's confirmation for this account and region first (`labkit confirm-aws`).
    """
    if target() == "aws":
        from . import consent, hooks

        consent.refuse_in_ci()
        hooks.install()
        if creates:
            consent.require_confirmed()
        return "aws"
    from ..sandbox_client import ensure_sandbox

    ensure_sandbox()
    return "sandbox"
