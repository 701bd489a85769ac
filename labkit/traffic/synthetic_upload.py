"""For a real AWS account: put synthetic attack records next to the real flow logs, clearly apart.

AWS itself delivers the bastion's real traffic; this uploads the model's records in the same layout
(default v2 format, gzip text with the header line, 5-minute files) under a separate prefix, so the
Athena exercises have attack data on day one:
`<prefix>AWSLogs/ACCOUNT/vpcflowlogs/REGION/YYYY/MM/DD/ACCOUNT_vpcflowlogs_REGION_fl-labkitsynthetic_YYYYMMDDTHHmmZ_HASH.log.gz`

    >>> keys = upload_synthetic_records("my-flow-log-bucket", minutes=60)
"""

from __future__ import annotations

from collections.abc import Sequence

from botocore.exceptions import ClientError

from .. import aws
from ..config import MINUTE
from ..delivery import DEFAULT_FIELDS
from ..delivery.flow_logs import FlowLogConfig
from ..delivery.s3 import S3Destination
from ..environment import find_demo_environment
from ..messages import LabkitError
from ..flowlog.record import FlowRecord
from .rules import with_ssh_open
from .run import TrafficSummary, run_traffic

SYNTHETIC_FLOW_LOG_ID = "fl-labkitsynthetic"


class SyntheticS3Deliverer:
    """A deliverer writing 1-minute records as one default-format flow log would, to bucket/prefix."""

    def __init__(self, bucket: str, prefix: str, account_id: str, region: str):
        subfolder = prefix.strip("/")
        config = FlowLogConfig(
            flow_log_id=SYNTHETIC_FLOW_LOG_ID,
            resource_id="synthetic",
            traffic_type="ALL",
            interval=MINUTE,
            fields=DEFAULT_FIELDS,
            destination_type="s3",
            destination=f"arn:aws:s3:::{bucket}/{subfolder}" if subfolder else f"arn:aws:s3:::{bucket}",
            log_group=None,
        )
        self._destination = S3Destination(aws.client("s3"), config, account_id, region)
        self.keys: list[str] = []

    def deliver_minute(self, minute_start: int, records: Sequence[FlowRecord]) -> None:
        self._destination.add(records)
        self.keys += self._destination.close_before(minute_start + MINUTE)

    def close(self) -> None:
        self.keys += self._destination.close()


def upload_synthetic_records(
    bucket: str,
    prefix: str = "labkit-synthetic/",
    minutes: int = 60,
    seed: int = 0,
    start: int | None = None,
    intensity: float = 1.0,
    ssh_open: bool = False,
) -> tuple[TrafficSummary, list[str]]:
    """Generate `minutes` of traffic for the demo environment and upload it; (summary, object keys).

    The demo environment must exist (`LABKIT_TARGET=aws labkit environment build`); the ground truth is updated
    as for any run, so checks grade answers about the synthetic records. `ssh_open`: the records of the
    bastion as the demo builds it, SSH open to the world whatever its security group says now (lab 03's
    history on a real account: who guessed SSH passwords, and did they get in); the account is not changed.
    """
    if not prefix.strip("/") or prefix.strip("/").startswith("AWSLogs"):
        raise LabkitError("traffic.bad_prefix", prefix=prefix)
    try:
        aws.client("s3").head_bucket(Bucket=bucket)
    except ClientError as error:
        raise LabkitError("traffic.no_bucket", bucket=bucket, detail=error.response["Error"].get("Code")) from None
    env = find_demo_environment()
    if env is None:
        raise LabkitError("traffic.no_environment")
    deliverer = SyntheticS3Deliverer(bucket, prefix, env.account_id, env.region)
    opened = (lambda rules: with_ssh_open(rules, env.bastion.private_ip)) if ssh_open else None
    summary = run_traffic(minutes, seed=seed, start=start, deliverer=deliverer, intensity=intensity, rules_as=opened)
    return summary, deliverer.keys
