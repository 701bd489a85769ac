"""Where lab 03's table finds attack records: in the sandbox, the flow log's own files; on a real account,
synthetic ones uploaded once under `labkit-synthetic/`.

A new VPC on AWS delivers its real traffic about ten minutes late and sees few attacks in its first hour,
so an Athena lab that waited for them would have little to count. labkit has no attacker on a real
account; it uploads the traffic model's records instead, in the layout AWS uses, under a folder of their
own (never mixed with what AWS delivers under `AWSLogs/`), and the checks grade answers about them.

    >>> prefix = attack_records(bucket)     # '' in the sandbox; 'labkit-synthetic/' on AWS
    >>> location = f"s3://{bucket}/{prefix}AWSLogs/{account}/vpcflowlogs/{region}/"
"""

from __future__ import annotations

from typing import Callable

from .. import aws
from ..checks import names
from ..config import target
from ..messages import message
from .delivery import delivered_keys, delivery_prefix, wait_for_delivery

SYNTHETIC_MINUTES = 60  # today's hour of attacks; a few minutes of the day before make a second partition


def attack_records(bucket: str, minutes: int = SYNTHETIC_MINUTES, show: Callable[[str], None] = print) -> str:
    """The folder (`''` or `labkit-synthetic/`) in `bucket` above `AWSLogs/` that holds the records to query.

    Sandbox: what the flow log delivered (waited for if nothing is there yet); returns ''. AWS: uploads
    `minutes` of synthetic records ending now and a few minutes of the day before, unless that folder
    already holds some (running the cell again uploads nothing), says so, and returns `labkit-synthetic/`.
    """
    if target() != "aws":
        if not delivered_keys(bucket):
            wait_for_delivery(bucket)
        return ""
    from ..traffic.synthetic_upload import upload_synthetic_records
    from .prerequisites import EARLIER_DAY_MINUTES, earlier_day_start

    prefix = names.SYNTHETIC_PREFIX
    found = delivered_keys(bucket, prefix + delivery_prefix(aws.account_id(), aws.region()))
    if found:
        show(message("labs.synthetic_present", bucket=bucket, prefix=prefix, files=len(found)))
        return prefix
    # As the demo was built (SSH open to the world, as in lab 02's first part), so lab 03's SSH questions
    # have answers; the account's rules are not changed.
    recent, recent_keys = upload_synthetic_records(bucket, prefix=prefix, minutes=minutes, ssh_open=True)
    earlier, earlier_keys = upload_synthetic_records(
        bucket, prefix=prefix, minutes=EARLIER_DAY_MINUTES, start=earlier_day_start(recent.start), ssh_open=True
    )
    show(
        message(
            "traffic.uploaded",
            files=len(earlier_keys) + len(recent_keys),
            records=earlier.records + recent.records,
            bucket=bucket,
            prefix=prefix,
        )
    )
    show(message("labs.synthetic_note", prefix=prefix))
    return prefix
