"""The demo environment the lab starts from: a VPC on the internet with a bastion host.

>>> from labkit.environment import build_demo_environment
>>> env = build_demo_environment()        # idempotent: finds what exists by Name tags
>>> env.bastion.interface_id
'eni-…'
"""

from __future__ import annotations

from .demo import (
    DemoEnvironment,
    Host,
    build_demo_environment,
    find_demo_environment,
    teardown_demo_environment,
)
from ..aws_account.target import require_target

__all__ = [
    "DemoEnvironment",
    "Host",
    "build_demo_environment",
    "find_demo_environment",
    "require_target",
    "teardown_demo_environment",
]
