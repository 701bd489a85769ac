"""Waiting for flow-log files: instant in the sandbox, about ten minutes on AWS.

In the sandbox `run_traffic` delivers simulated minutes at once. On a real account AWS publishes a file
to S3 about every 5 minutes, roughly 10 minutes after the traffic, so a notebook polls instead:

    >>> keys = wait_for_delivery("labkit-flow-logs-123456789012-us-east-1")   # on AWS: polls S3
"""
from __future__ import annotations

import time
from typing import Callable

from .. import aws
from ..checks import names
from ..delivery.s3_layout import s3_base_prefix
from ..messages import message

POLL_SECONDS = 30
TIMEOUT_SECONDS = 20 * 60


def delivery_prefix(account: str, region: str) -> str:
    """Where the S3 flow log (no subfolder, default layout) puts its files."""
    return s3_base_prefix(account, region)


def delivered_keys(bucket: str, prefix: str | None = None, s3=None) -> list[str]:
    """The `.log.gz` objects the flow log delivered under `prefix` (default: this account and region), sorted."""
    s3 = s3 or aws.client("s3")
    prefix = prefix if prefix is not None else delivery_prefix(aws.account_id(), aws.region())
    keys = [item["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
            for item in page.get("Contents", []) if item["Key"].endswith(".log.gz")]
    return sorted(keys)


def wait_for_delivery(bucket: str | None = None, at_least: int = 1, timeout: float = TIMEOUT_SECONDS,
                      every: float = POLL_SECONDS, show: Callable[[str], None] = print,
                      sleep: Callable[[float], None] = time.sleep) -> list[str]:
    """Poll S3 until `at_least` more flow-log files than now have arrived (or `timeout` seconds passed).

    Returns every delivered key. Says what it waits for, and each time it looks, in both languages.
    """
    bucket = bucket or names.flow_log_bucket_name(aws.account_id(), aws.region())
    wanted = len(delivered_keys(bucket)) + at_least
    show(message("labs.waiting", bucket=bucket, minutes=round(timeout / 60)))
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
        show(message("labs.still_waiting", minutes=round(waited / 60), files=len(keys)))
