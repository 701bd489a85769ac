"""Correct lab state built with boto3 in the sandbox, for the check tests (fixtures and builders, no tests).

Each builder creates what a student's notebook would; tests then break one thing at a time.
"""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import boto3
import pytest

from conftest import reset_sandbox
from labkit.world import current_world

ACCOUNT = "123456789012"
REGION = "us-east-1"
BUCKET = f"labkit-flow-logs-{ACCOUNT}-{REGION}"
PREFIX = f"AWSLogs/{ACCOUNT}/vpcflowlogs/{REGION}/"
RESULTS_BUCKET = f"labkit-athena-results-{ACCOUNT}-{REGION}"
ADMIN = "198.51.100.7"
TOP_ATTACKER = "203.0.113.9"
OTHER_ATTACKER = "192.0.2.44"
DAY = "2026/11/26"
HEADER = ("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
          "start end action log-status")
TRUST = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
LOGS_POLICY = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Resource": "*",
    "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
               "logs:DescribeLogGroups", "logs:DescribeLogStreams"]}]}
COLUMNS = [("version", "int"), ("account_id", "string"), ("interface_id", "string"), ("srcaddr", "string"),
           ("dstaddr", "string"), ("srcport", "int"), ("dstport", "int"), ("protocol", "bigint"),
           ("packets", "bigint"), ("bytes", "bigint"), ("start", "bigint"), ("end", "bigint"),
           ("action", "string"), ("log_status", "string")]


def client(service):
    return boto3.client(service, region_name=REGION)


def build_demo() -> dict:
    """The demo VPC with a bastion that has a public IP (what labkit.environment builds)."""
    ec2 = client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=[
        {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "labkit-demo-vpc"}]}])["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    instance = ec2.run_instances(
        ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro",
        NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet, "AssociatePublicIpAddress": True,
                            "PrivateIpAddress": "10.0.1.10"}],
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "labkit-bastion"}]}],
    )["Instances"][0]
    eni = instance["NetworkInterfaces"][0]["NetworkInterfaceId"]
    return {"vpc": vpc, "subnet": subnet, "instance": instance["InstanceId"], "eni": eni}


def build_bucket() -> None:
    client("s3").create_bucket(Bucket=BUCKET)


def s3_flow_log_args(demo: dict, **overrides) -> dict:
    args = dict(ResourceIds=[demo["vpc"]], ResourceType="VPC", TrafficType="ALL", LogDestinationType="s3",
                LogDestination=f"arn:aws:s3:::{BUCKET}", MaxAggregationInterval=60,
                TagSpecifications=[{"ResourceType": "vpc-flow-log",
                                    "Tags": [{"Key": "Name", "Value": "DemoS3FlowLog"}]}])
    args.update(overrides)
    return {key: value for key, value in args.items() if value is not None}


def bucket_policy(bucket: str = BUCKET, resource_prefix: str = f"AWSLogs/{ACCOUNT}/*") -> dict:
    """The two statements AWS attaches for flow-log delivery."""
    conditions = {"StringEquals": {"aws:SourceAccount": ACCOUNT},
                  "ArnLike": {"aws:SourceArn": f"arn:aws:logs:{REGION}:{ACCOUNT}:*"}}
    return {"Version": "2012-10-17", "Id": "AWSLogDeliveryWrite20150319", "Statement": [
        {"Sid": "AWSLogDeliveryWrite", "Effect": "Allow", "Principal": {"Service": "delivery.logs.amazonaws.com"},
         "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{bucket}/{resource_prefix}",
         "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control",
                                        "aws:SourceAccount": ACCOUNT},
                       "ArnLike": conditions["ArnLike"]}},
        {"Sid": "AWSLogDeliveryAclCheck", "Effect": "Allow",
         "Principal": {"Service": "delivery.logs.amazonaws.com"},
         "Action": ["s3:GetBucketAcl", "s3:ListBucket"], "Resource": f"arn:aws:s3:::{bucket}",
         "Condition": conditions}]}


def build_s3_flow_log(demo: dict) -> str:
    response = client("ec2").create_flow_logs(**s3_flow_log_args(demo))
    client("s3").put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(bucket_policy()))
    return response["FlowLogIds"][0]


def build_role(inline: bool = False) -> None:
    iam = client("iam")
    iam.create_role(RoleName="flowlogsrole", AssumeRolePolicyDocument=json.dumps(TRUST))
    if inline:
        iam.put_role_policy(RoleName="flowlogsrole", PolicyName="flow-logs", PolicyDocument=json.dumps(LOGS_POLICY))
    else:
        arn = iam.create_policy(PolicyName="FlowLogsDelivery", PolicyDocument=json.dumps(LOGS_POLICY))["Policy"]["Arn"]
        iam.attach_role_policy(RoleName="flowlogsrole", PolicyArn=arn)


def build_log_group(retention: int | None = 1) -> None:
    logs = client("logs")
    logs.create_log_group(logGroupName="VPCFlowLogs")
    if retention:
        logs.put_retention_policy(logGroupName="VPCFlowLogs", retentionInDays=retention)


def cwl_flow_log_args(demo: dict, **overrides) -> dict:
    args = dict(ResourceIds=[demo["vpc"]], ResourceType="VPC", TrafficType="ALL",
                LogDestinationType="cloud-watch-logs", LogGroupName="VPCFlowLogs",
                DeliverLogsPermissionArn=f"arn:aws:iam::{ACCOUNT}:role/flowlogsrole", MaxAggregationInterval=60,
                TagSpecifications=[{"ResourceType": "vpc-flow-log",
                                    "Tags": [{"Key": "Name", "Value": "DemoFlowLog CloudWatch Logs"}]}])
    args.update(overrides)
    return {key: value for key, value in args.items() if value is not None}


def flow_log_records(eni: str) -> list[str]:
    """Delivered records: the top attacker 5 REJECTs (port 23), another 3 (port 445), admin SSH accepted."""
    start = 1764190800
    lines = []
    for i in range(5):
        lines.append(f"2 {ACCOUNT} {eni} {TOP_ATTACKER} 10.0.1.10 {40000 + i} 23 6 1 40 {start + 60 * i} "
                     f"{start + 60 * i + 59} REJECT OK")
    for i in range(3):
        lines.append(f"2 {ACCOUNT} {eni} {OTHER_ATTACKER} 10.0.1.10 5123{i} 445 6 1 40 {start + 60 * i} "
                     f"{start + 60 * i + 59} REJECT OK")
    lines.append(f"2 {ACCOUNT} {eni} {ADMIN} 10.0.1.10 50022 22 6 40 8000 {start} {start + 59} ACCEPT OK")
    lines.append(f"2 {ACCOUNT} {eni} 10.0.1.10 {ADMIN} 22 50022 6 38 9000 {start} {start + 59} ACCEPT OK")
    return lines


def deliver(key: str, lines: list[str], delivered: dict | None = None) -> str:
    """Write one flow-log file as the flow-logs service does: the object, and the sandbox's record that the
    service wrote it (labkit.world.record_delivery, what labkit.delivery.s3 calls after each upload).
    The record goes to the current world, and to `delivered` (a module's state outlives a test's world)."""
    from labkit.world import record_delivery

    answer = client("s3").put_object(Bucket=BUCKET, Key=key, ACL="bucket-owner-full-control",
                                     Body=gzip.compress(("\n".join([HEADER, *lines]) + "\n").encode()))
    record_delivery(BUCKET, key, answer["ETag"])
    if delivered is not None:
        delivered[f"{BUCKET}/{key}"] = answer["ETag"].strip('"')
    return key


def build_delivered_files(demo: dict, flow_log_id: str, delivered: dict) -> str:
    """Two delivered .log.gz files under the default prefix; returns one key."""
    records = flow_log_records(demo["eni"])
    keys = []
    for part, chunk in enumerate((records[:4], records[4:])):
        key = f"{PREFIX}{DAY}/{ACCOUNT}_vpcflowlogs_{REGION}_{flow_log_id}_20261126T220{part * 5}Z_abcd{part}.log.gz"
        keys.append(deliver(key, chunk, delivered))
    return keys[0]


def write_truth(home, demo: dict) -> dict:
    truth = {
        "runs": [{"seed": 0, "start": 1764190800, "end": 1764191400, "minutes": 10}],
        "bastion": {"instance_id": demo["instance"], "interface_id": demo["eni"], "private_ip": "10.0.1.10",
                    "public_ip": "54.0.0.1"},
        "admin_address": ADMIN,
        "attackers": {TOP_ATTACKER: {"campaign": "scan-telnet", "records": 5, "rejected_records": 5, "ports": [23]},
                      OTHER_ATTACKER: {"campaign": "scan-smb", "records": 3, "rejected_records": 3, "ports": [445]}},
        "records": {"total": 10, "accepted": 2, "rejected": 8, "by_class": {"scan-telnet": 5, "scan-smb": 3}},
        "rejected_by_source": {TOP_ATTACKER: 5, OTHER_ATTACKER: 3},
        "rejected_by_port": {"23": 5, "445": 3},
        "rejected_by_minute": {"1764190800": 2},
        "top_rejected_source": TOP_ATTACKER, "top_rejected_port": 23,
    }
    home.mkdir(parents=True, exist_ok=True)
    current_world().truth = truth
    return truth


def table_input(name: str = "vpc_flow_logs", location: str = f"s3://{BUCKET}/{PREFIX}",
                columns=COLUMNS, partition_keys=(("date", "date"),), parameters=None) -> dict:
    """What Athena writes to Glue for the tutorial's CREATE EXTERNAL TABLE."""
    params = {"EXTERNAL": "TRUE", "skip.header.line.count": "1", "transient_lastDdlTime": "1764190800"}
    params.update(parameters or {})
    return {
        "Name": name, "TableType": "EXTERNAL_TABLE", "Parameters": params,
        "PartitionKeys": [{"Name": n, "Type": t} for n, t in partition_keys],
        "StorageDescriptor": {
            "Columns": [{"Name": n, "Type": t} for n, t in columns], "Location": location,
            "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
            "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            "SerdeInfo": {"SerializationLibrary": "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                          "Parameters": {"field.delim": " ", "serialization.format": " "}},
        },
    }


def build_glue() -> None:
    glue = client("glue")
    try:
        glue.create_database(DatabaseInput={"Name": "default"})
    except glue.exceptions.AlreadyExistsException:
        pass
    glue.create_table(DatabaseName="default", TableInput=table_input())
    glue.create_partition(DatabaseName="default", TableName="vpc_flow_logs", PartitionInput={
        "Values": ["2026-11-26"],
        "StorageDescriptor": {"Location": f"s3://{BUCKET}/{PREFIX}{DAY}", "Columns": table_input()["StorageDescriptor"]["Columns"]}})
    projection = {"projection.enabled": "true", "projection.day.type": "date",
                  "projection.day.range": "2026/11/01,NOW", "projection.day.format": "yyyy/MM/dd",
                  "storage.location.template": f"s3://{BUCKET}/{PREFIX}${{day}}"}
    glue.create_table(DatabaseName="default", TableInput=table_input(
        "vpc_flow_logs_projected", partition_keys=(("day", "string"),), parameters=projection))


def set_acl_for_lab(demo: dict, deny_rule: int = 90, cidr: str = f"{TOP_ATTACKER}/32") -> str:
    """Add the deny entry to the bastion subnet's (default) network ACL."""
    ec2 = client("ec2")
    acl = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [demo["subnet"]]}])
    acl_id = acl["NetworkAcls"][0]["NetworkAclId"]
    ec2.create_network_acl_entry(NetworkAclId=acl_id, RuleNumber=deny_rule, Protocol="-1", RuleAction="deny",
                                 Egress=False, CidrBlock=cidr)
    return acl_id


def build_all() -> dict:
    """Everything labs 01-03 build, correctly, in a freshly reset sandbox account."""
    demo = build_demo()
    build_bucket()
    demo["flow_log"] = build_s3_flow_log(demo)
    build_role()
    build_log_group()
    demo["cwl_flow_log"] = client("ec2").create_flow_logs(**cwl_flow_log_args(demo))["FlowLogIds"][0]
    demo["delivered"] = {}
    demo["key"] = build_delivered_files(demo, demo["flow_log"], demo["delivered"])
    build_glue()
    demo["acl"] = set_acl_for_lab(demo)
    return demo


@pytest.fixture(scope="module")
def lab_state(sandbox):
    """Built once per test module (moto's EC2 is slow to reset); tests that break something restore it."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in sandbox.environment().items():
            patch.setenv(name, value)
        patch.setenv("AWS_DEFAULT_REGION", REGION)
        patch.delenv("AWS_REGION", raising=False)
        reset_sandbox(sandbox.url)
        yield build_all()
        reset_sandbox(sandbox.url)  # leave a clean account for the next module


@pytest.fixture
def lab(lab_state, aws_env, world):
    """The built state plus this test's fresh sandbox world holding the traffic truth."""
    home = Path(os.environ["LABKIT_HOME"])
    # The sandbox saw the module's flow logs being created (a fresh world has not: tell it).
    world.flow_logs_ever.update(f["FlowLogId"] for f in client("ec2").describe_flow_logs()["FlowLogs"])
    world.delivered.update(lab_state["delivered"])  # and what the flow-logs service delivered
    return dict(lab_state, home=home, world=world, truth=write_truth(home, lab_state))


ANSWERS = {"reading.top_attacker": TOP_ATTACKER, "athena.top_port": 23, "athena.rejected_count": 8,
           "flowlogs.bucket_policy": f"arn:aws:s3:::{BUCKET}/AWSLogs/{ACCOUNT}/*"}
