"""Which AWS a command talks to: the sandbox in AWS_ENDPOINT_URL, or (only when asked) a real account."""
from __future__ import annotations

import os

from ..messages import LabkitError


def require_target() -> str:
    """'sandbox' or 'aws'; raises a bilingual error when neither is configured.

    A command that creates resources must never reach a real account by accident:
    without AWS_ENDPOINT_URL it needs LABKIT_TARGET=aws.

        >>> os.environ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000"; require_target()
        'sandbox'
    """
    if os.environ.get("AWS_ENDPOINT_URL"):
        return "sandbox"
    if os.environ.get("LABKIT_TARGET", "").strip().lower() == "aws":
        return "aws"
    raise LabkitError("environment.no_target")
