"""Lab 01's resources, each created only when missing: the same boto3 calls the lab's solutions make,
tagged `labkit:built-by=prepare` (the checks give no XP for what prepare() built) and with the course's
tags (`labkit:course`, `labkit:lab`: what `labkit cleanup` removes).

Every function returns what it created (True, or the new flow log's id), or False/None when it found
it already there.

    >>> ensure_bucket(aws.client("s3"), "labkit-flow-logs-123456789012-us-east-1", "us-east-1")
    True
"""

from __future__ import annotations

import json

from botocore.exceptions import ClientError

from ..aws_account.tags import course_tags, with_course_tags
from ..checks import names
from ..flowlog import FLOW_LOGS_SERVICE

TRUST_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": FLOW_LOGS_SERVICE}, "Action": "sts:AssumeRole"}],
}
LOGS_FULL_ACCESS = "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess"
PREPARED_TAG = {"Key": "labkit:built-by", "Value": "prepare"}


def prepared_tags() -> list[dict]:
    return with_course_tags([PREPARED_TAG])


def name_tag(name: str) -> list[dict]:
    return [{"ResourceType": "vpc-flow-log", "Tags": [{"Key": "Name", "Value": name}, *prepared_tags()]}]


def ensure_bucket(s3, bucket: str, region: str) -> bool:
    try:
        s3.head_bucket(Bucket=bucket)
        return False
    except ClientError:
        pass
    if region == "us-east-1":  # the one region that takes no LocationConstraint
        s3.create_bucket(Bucket=bucket)
    else:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": prepared_tags()})
    return True


def _flow_log_named(ec2, vpc_id: str, name: str) -> dict | None:
    found = ec2.describe_flow_logs(
        Filters=[{"Name": "resource-id", "Values": [vpc_id]}, {"Name": "tag:Name", "Values": [name]}]
    )["FlowLogs"]
    return found[0] if found else None


def ensure_s3_flow_log(ec2, vpc_id: str, bucket: str) -> str | None:
    if _flow_log_named(ec2, vpc_id, names.S3_FLOW_LOG_NAME):
        return None
    return ec2.create_flow_logs(
        ResourceIds=[vpc_id],
        ResourceType="VPC",
        TrafficType="ALL",
        LogDestinationType="s3",
        LogDestination=f"arn:aws:s3:::{bucket}",
        MaxAggregationInterval=names.AGGREGATION_SECONDS,
        TagSpecifications=name_tag(names.S3_FLOW_LOG_NAME),
    )["FlowLogIds"][0]


def ensure_role(iam) -> tuple[bool, str]:
    """(created, role ARN) of flowlogsrole, trusted by the flow-logs service, with CloudWatchLogsFullAccess."""
    try:
        return False, iam.get_role(RoleName=names.ROLE_NAME)["Role"]["Arn"]
    except ClientError:
        pass
    role = iam.create_role(
        RoleName=names.ROLE_NAME, AssumeRolePolicyDocument=json.dumps(TRUST_POLICY), Tags=prepared_tags()
    )["Role"]
    iam.attach_role_policy(RoleName=names.ROLE_NAME, PolicyArn=LOGS_FULL_ACCESS)
    return True, role["Arn"]


def ensure_log_group(logs) -> bool:
    groups = logs.describe_log_groups(logGroupNamePrefix=names.LOG_GROUP_NAME)["logGroups"]
    if any(g["logGroupName"] == names.LOG_GROUP_NAME for g in groups):
        return False
    logs.create_log_group(
        logGroupName=names.LOG_GROUP_NAME, tags={PREPARED_TAG["Key"]: PREPARED_TAG["Value"], **course_tags()}
    )
    logs.put_retention_policy(logGroupName=names.LOG_GROUP_NAME, retentionInDays=names.LOG_GROUP_RETENTION_DAYS)
    return True


def ensure_cwl_flow_log(ec2, vpc_id: str, role_arn: str) -> str | None:
    if _flow_log_named(ec2, vpc_id, names.CWL_FLOW_LOG_NAME):
        return None
    return ec2.create_flow_logs(
        ResourceIds=[vpc_id],
        ResourceType="VPC",
        TrafficType="ALL",
        LogDestinationType="cloud-watch-logs",
        LogGroupName=names.LOG_GROUP_NAME,
        DeliverLogsPermissionArn=role_arn,
        MaxAggregationInterval=names.AGGREGATION_SECONDS,
        TagSpecifications=name_tag(names.CWL_FLOW_LOG_NAME),
    )["FlowLogIds"][0]
