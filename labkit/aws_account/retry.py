"""Deleting on AWS while a dependency is still letting go: an ENI outlives its terminated instance for a
minute or two, a security group stays in use until then. Retry while AWS says "busy"; gone is fine.

    >>> while_busy(lambda: ec2.delete_subnet(SubnetId="subnet-1"), wait_seconds=120)
    True
"""

from __future__ import annotations

import time
from typing import Callable

from botocore.exceptions import ClientError

BUSY_CODES = (
    "DependencyViolation",
    "InvalidNetworkInterface.InUse",
    "CrawlerRunningException",
    "CrawlerStoppingException",
    "ResourceInUse",
    "VolumeInUse",
    "BucketNotEmpty",
)
GONE_CODES = (
    "NoSuchBucket",
    "NoSuchEntity",
    "ResourceNotFoundException",
    "EntityNotFoundException",
    "ResourceNotFound",
    "AWS.SimpleQueueService.NonExistentQueue",
    "QueueDoesNotExist",
)


def error_code(error: ClientError) -> str:
    return error.response.get("Error", {}).get("Code") or "Unknown"


def is_gone(code: str) -> bool:
    """An error that means the resource no longer exists (InvalidVpcID.NotFound, NoSuchBucket, ...)."""
    return code in GONE_CODES or code.endswith("NotFound") or code.endswith(".NotFound")


def while_busy(
    action: Callable[[], object],
    wait_seconds: float = 120.0,
    pause: float = 3.0,
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """Run `action`, retrying for up to `wait_seconds` while AWS answers a busy code; True when it ran,
    False when the resource was already gone; any other error (or busy past the wait) is raised."""
    waited = 0.0
    while True:
        try:
            action()
            return True
        except ClientError as error:
            code = error_code(error)
            if is_gone(code):
                return False
            if code not in BUSY_CODES or waited >= wait_seconds:
                raise
        sleep(pause)
        waited += pause
