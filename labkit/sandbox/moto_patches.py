"""Where moto differs from AWS in ways the course shows, labkit patches it here, once.

Each patch says which gap it closes (see shared/reference/moto.md). Patches of a service are
installed when moto first loads that service's backend, so the sandbox starts without importing
moto's EC2 (seconds of start-up) until the first EC2 request.
"""
from __future__ import annotations

import sys
from typing import Callable

_applied = False


def when_backend_loads(service: str, module: str, patch: Callable[[], None]) -> None:
    """Run `patch` once, just before moto hands out `service`'s backend (now if `module` is loaded)."""
    from moto import backends

    if module in sys.modules:
        patch()
        return
    original = backends.get_backend
    done = False

    def get_backend(name, *args, **kwargs):
        nonlocal done
        if name == service and not done:
            done = True
            patch()
        return original(name, *args, **kwargs)

    backends.get_backend = get_backend


def _patch_flow_logs() -> None:
    from . import flow_log_patches

    flow_log_patches.apply()


def apply_moto_patches() -> None:
    global _applied
    if _applied:
        return
    _applied = True
    from moto.core.config import default_user_config

    # IAM: load AWS managed policies, so CloudWatchLogsFullAccess & co. can be attached as in AWS
    default_user_config.setdefault("iam", {})["load_aws_managed_policies"] = True
    # EC2 flow logs: DestinationOptions, S3 subfolders, bucket policy, CWL status, EC2's errors
    when_backend_loads("ec2", "moto.ec2.models", _patch_flow_logs)
