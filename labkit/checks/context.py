"""What verifications look at, fetched once per check run: clients, the demo VPC, flow logs, the truth.

Every lookup is read-only (Describe/Get/List/Head calls only).

    >>> ctx = Context()
    >>> ctx.demo_vpc["VpcId"]
    'vpc-…'
"""

from __future__ import annotations

from collections import Counter
from functools import cache, cached_property

from . import names


PREPARED_TAG = {"Key": "labkit:built-by", "Value": "prepare"}


def load_truth() -> dict | None:
    """The traffic model's ground truth, or None before any traffic ran (and anywhere but in the sandbox
    process, or on a real account without synthetic uploads).

    A damaged truth (not the shape the traffic model writes) is no truth: checks then say so rather
    than crash on it (see `valid_truth`).
    """
    from ..traffic.truth import load_truth as traffic_truth

    truth = traffic_truth()
    return truth if isinstance(truth, dict) and truth.get("runs") else None


class DamagedTruth(Exception):
    """The traffic record exists but is not what the traffic model writes."""


def valid_truth(truth: dict) -> dict:
    """The parts of the truth checks use, checked for their type (DamagedTruth otherwise)."""
    if not isinstance(truth.get("runs"), list):
        raise DamagedTruth("runs")
    for key in ("top_rejected_source",):
        if truth.get(key) is not None and not isinstance(truth[key], str):
            raise DamagedTruth(key)
    if truth.get("top_rejected_port") is not None and (
        isinstance(truth["top_rejected_port"], bool) or not isinstance(truth["top_rejected_port"], (int, str))
    ):
        raise DamagedTruth("top_rejected_port")
    for key in (
        "attackers",
        "rejected_by_port",
        "rejected_by_source",
        "rejected_ssh_by_source",
        "accepted_ssh_by_source",
        "ssh_sessions_by_source",
        "records",
        "scenarios",
    ):
        if truth.get(key) is not None and not isinstance(truth[key], dict):
            raise DamagedTruth(key)
    for key in ("admin_address",):
        if truth.get(key) is not None and not isinstance(truth[key], str):
            raise DamagedTruth(key)
    return truth


def truth_counts(truth: dict | None, key: str) -> Counter:
    """One of the truth's counters (`rejected_by_source`, `accepted_ssh_by_source`...) with text keys,
    anything that is not a count left out."""
    counts = (truth or {}).get(key) or {}
    return Counter({str(k): n for k, n in counts.items() if isinstance(n, int) and not isinstance(n, bool)})


def tag(resource: dict, key: str = "Name") -> str | None:
    for item in resource.get("Tags") or resource.get("TagList") or []:
        if item.get("Key") == key:
            return item.get("Value")
    return None


# A check must end, whatever the endpoint does: a few seconds to connect, a bounded wait for each answer,
# one retry. (boto3's defaults wait 60 s per read and retry up to 4 times: minutes for a hung sandbox.)
CONNECT_TIMEOUT = 5
READ_TIMEOUT = 20
MAX_ATTEMPTS = 2


@cache
def client_config():
    from botocore.config import Config

    return Config(
        connect_timeout=CONNECT_TIMEOUT,
        read_timeout=READ_TIMEOUT,
        retries={"total_max_attempts": MAX_ATTEMPTS, "mode": "standard"},
    )


class Context:
    """One check run's view of the account. Attributes are fetched lazily and cached."""

    def client(self, service: str):
        """The shared client of `service` with the checks' timeouts (labkit.aws keeps one per configuration)."""
        from .. import aws

        return aws.client(service, config=client_config())

    @cached_property
    def region(self) -> str:
        from .. import aws

        return aws.region()

    @cached_property
    def account(self) -> str:
        return self.client("sts").get_caller_identity()["Account"]

    @cached_property
    def demo_vpc(self) -> dict | None:
        vpcs = self.client("ec2").describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [names.VPC_NAME]}])["Vpcs"]
        return vpcs[0] if vpcs else None

    @cached_property
    def bastion(self) -> dict | None:
        if not self.demo_vpc:
            return None
        reservations = self.client("ec2").describe_instances(
            Filters=[
                {"Name": "tag:Name", "Values": [names.BASTION_NAME]},
                {"Name": "vpc-id", "Values": [self.demo_vpc["VpcId"]]},
                {"Name": "instance-state-name", "Values": ["pending", "running"]},
            ]
        )["Reservations"]
        instances = [i for r in reservations for i in r["Instances"]]
        return instances[0] if instances else None

    @cached_property
    def bastion_interface(self) -> dict | None:
        if not self.bastion:
            return None
        interfaces = sorted(
            self.bastion.get("NetworkInterfaces", []), key=lambda eni: eni.get("Attachment", {}).get("DeviceIndex", 0)
        )
        return interfaces[0] if interfaces else None

    @cached_property
    def flow_logs(self) -> list[dict]:
        pages = self.client("ec2").get_paginator("describe_flow_logs").paginate()
        return [flow_log for page in pages for flow_log in page["FlowLogs"]]

    def flow_logs_named(self, name: str) -> list[dict]:
        """Flow logs tagged Name=name, those on the demo VPC first."""
        vpc_id = (self.demo_vpc or {}).get("VpcId")
        return sorted((f for f in self.flow_logs if tag(f) == name), key=lambda f: f.get("ResourceId") != vpc_id)

    def flow_log_named(self, name: str) -> dict | None:
        """The flow log tagged Name=name, preferring one on the demo VPC."""
        tagged = self.flow_logs_named(name)
        return tagged[0] if tagged else None

    @cached_property
    def flow_log_destination(self) -> tuple[str, str] | None:
        """(bucket, subfolder prefix '' or 'sub/') of the S3 flow log, or None without one."""
        flow_log = self.flow_log_named(names.S3_FLOW_LOG_NAME)
        if not flow_log or flow_log.get("LogDestinationType") != "s3":
            return None
        return names.parse_s3_arn(flow_log.get("LogDestination", ""))

    @cached_property
    def flow_log_bucket(self) -> str:
        """The S3 flow log's bucket, or the name the lab derives when there is no flow log yet."""
        if self.flow_log_destination:
            return self.flow_log_destination[0]
        return names.flow_log_bucket_name(self.account, self.region)

    def delivery_prefix(self) -> str | None:
        """`[sub/]AWSLogs/ACCOUNT/vpcflowlogs/REGION/`: where the S3 flow log's files land."""
        if not self.flow_log_destination:
            return None
        from ..flowlog.s3_layout import s3_base_prefix

        _, sub = self.flow_log_destination
        return s3_base_prefix(self.account, self.region, sub)

    def service_wrote(self, bucket: str, key: str, etag: str) -> bool:
        """Whether the flow-logs service delivered this object as it is now (see checks.delivered)."""
        from ..world import current_world, delivered_etag

        from .delivered import named_as_delivered

        if current_world() is not None:
            return delivered_etag(bucket, key) == etag.strip('"')
        return named_as_delivered(key)

    def delivered_files(self):
        """The S3 flow log's delivered files (a checks.delivered.Delivered), or None without an S3 flow log."""
        from .delivered import Delivered

        prefix = self.delivery_prefix()
        if prefix is None:
            return None
        bucket = self.flow_log_bucket
        return Delivered(self.client("s3"), bucket, prefix, lambda key, etag: self.service_wrote(bucket, key, etag))

    def bucket_exists(self, bucket: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client("s3").head_bucket(Bucket=bucket)
            return True
        except ClientError:
            return False

    @cached_property
    def truth(self) -> dict | None:
        """The traffic truth, or None without one; DamagedTruth (a clear verdict) when it is damaged."""
        found = load_truth()
        return valid_truth(found) if found is not None else None

    def built_by_prepare(self, kind: str, ident: str, resource: dict | None = None) -> bool:
        """Whether prepare() built this (recorded by the sandbox, or tagged labkit:built-by=prepare)."""
        from ..world import current_world

        world = current_world()
        if world is not None and f"{kind}:{ident}" in world.built_by_prepare:
            return True
        return tag(resource or {}, PREPARED_TAG["Key"]) == PREPARED_TAG["Value"]

    @cached_property
    def flow_log_ever_existed(self) -> bool | None:
        """In the sandbox: whether any flow log was ever created; elsewhere None (not known)."""
        from ..world import current_world

        world = current_world()
        if world is None:
            return None
        return bool(world.flow_logs_ever) or bool(self.flow_logs)
