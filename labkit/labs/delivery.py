"""Waiting for flow-log files: instant in the sandbox, about ten minutes on AWS.

In the sandbox `run_traffic` delivers simulated minutes at once. On a real account AWS publishes a file
to S3 about every 5 minutes, roughly 10 minutes after the traffic, so a notebook polls instead:

    >>> keys = wait_for_delivery("labkit-flow-logs-123456789012-us-east-1")   # on AWS: polls S3

It says what it waits for, then after each look a progress bar of the time allowed and the files so
far, and at its timeout what to check. LABKIT_DELIVERY_TIMEOUT and LABKIT_DELIVERY_POLL_SECONDS change
the defaults (seconds) without touching a notebook, e.g. for a test on a mock that never delivers.
"""

from __future__ import annotations

import os
import time
from typing import Callable

from .. import aws
from ..checks import names
from ..flowlog.s3_layout import listed_log_files, s3_base_prefix
from ..messages import message

POLL_SECONDS = 30
TIMEOUT_SECONDS = 20 * 60
TIMEOUT_VARIABLE = "LABKIT_DELIVERY_TIMEOUT"
POLL_VARIABLE = "LABKIT_DELIVERY_POLL_SECONDS"
BAR_WIDTH = 20


def seconds_from_environment(variable: str, default: float) -> float:
    """A positive number of seconds from `variable`, else `default` (unset, not a number, or not > 0)."""
    try:
        value = float(os.environ.get(variable, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def progress_bar(done: float, total: float, width: int = BAR_WIDTH) -> str:
    """`[██████··············]`: the share of `total` that `done` is, in `width` cells."""
    filled = width if total <= 0 else min(width, int(width * done / total))
    return "[" + "█" * filled + "·" * (width - filled) + "]"


def delivery_prefix(account: str, region: str) -> str:
    """Where the S3 flow log (no subfolder, default layout) puts its files."""
    return s3_base_prefix(account, region)


def delivered_keys(bucket: str, prefix: str | None = None, s3=None) -> list[str]:
    """The `.log.gz` objects the flow log delivered under `prefix` (default: this account and region), sorted."""
    s3 = s3 or aws.client("s3")
    prefix = prefix if prefix is not None else delivery_prefix(aws.account_id(), aws.region())
    return sorted(item["Key"] for item in listed_log_files(s3, bucket, prefix))


def wait_for_delivery(
    bucket: str | None = None,
    at_least: int = 1,
    timeout: float | None = None,
    every: float | None = None,
    show: Callable[[str], None] = print,
    sleep: Callable[[float], None] = time.sleep,
) -> list[str]:
    """Poll S3 every `every` seconds until `at_least` more flow-log files than now have arrived, or
    `timeout` seconds passed (defaults: 30 s and 20 min, or LABKIT_DELIVERY_POLL_SECONDS and
    LABKIT_DELIVERY_TIMEOUT).

    Returns every delivered key. Says what it waits for, and each time it looks a progress bar, in both
    languages.
    """
    timeout = timeout if timeout is not None else seconds_from_environment(TIMEOUT_VARIABLE, TIMEOUT_SECONDS)
    every = every if every is not None else seconds_from_environment(POLL_VARIABLE, POLL_SECONDS)
    bucket = bucket or names.flow_log_bucket_name(aws.account_id(), aws.region())
    wanted = len(delivered_keys(bucket)) + at_least
    show(message("labs.waiting", bucket=bucket, minutes=round(timeout / 60), files=at_least))
    waited = 0.0
    while True:
        keys = delivered_keys(bucket)
        if len(keys) >= wanted:
            show(message("labs.delivered", files=len(keys)))
            return keys
        if waited >= timeout:
            show(message("labs.not_delivered_yet", minutes=round(waited / 60)))
            return keys
        sleep(every)
        waited += every
        show(
            message(
                "labs.still_waiting",
                bar=progress_bar(waited, timeout),
                minutes=round(waited / 60),
                limit=round(timeout / 60),
                files=len(keys),
            )
        )
