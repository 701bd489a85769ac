"""Shared pieces of the delivery tests: a clean sandbox account, a small network, hand-made records,
and an independent reader of delivered text files (no labkit code on the reading side)."""
from __future__ import annotations

import gzip
import itertools
import json
import os
import time

import boto3
import pytest

from labkit.delivery import Deliverer
from labkit.flowlog.record import FlowRecord

ACCOUNT = "123456789012"
REGION = "us-east-1"
# Simulated time: a recent hour (CloudWatch Logs refuses events older than 14 days).
BASE = (int(time.time()) // 3600 - 3) * 3600


_names = itertools.count()


def unique(prefix: str) -> str:
    """A bucket/group/role name no earlier test used (the sandbox is shared, not reset: resets are slow)."""
    return f"{prefix}-{os.getpid()}-{next(_names)}"


_preexisting: set[str] = set()


@pytest.fixture
def clean(aws_env):
    """boto3 clients on the sandbox; flow logs that exist already (other tests') are left alone and
    ignored by `make_deliverer`; the ones this test creates are deleted afterwards."""
    clients = {name: boto3.client(name, region_name=REGION) for name in ("ec2", "s3", "logs", "iam", "firehose")}
    _preexisting.clear()
    _preexisting.update(flow_log_ids(clients["ec2"]))
    yield clients
    mine = flow_log_ids(clients["ec2"]) - _preexisting
    if mine:  # leave no active flow log behind: later tests' deliverers serve every active one
        clients["ec2"].delete_flow_logs(FlowLogIds=sorted(mine))


def flow_log_ids(ec2) -> set[str]:
    return {fl["FlowLogId"] for fl in ec2.describe_flow_logs()["FlowLogs"]}


def make_deliverer() -> Deliverer:
    """A Deliverer for the flow logs this test created (the sandbox is shared with other tests)."""
    ec2 = boto3.client("ec2", region_name=REGION)
    return Deliverer(ec2=ec2, flow_log_ids=flow_log_ids(ec2) - _preexisting)


def sandbox_clients(url: str) -> dict:
    """Clients of the sandbox at url (its credentials are the session's, in the environment)."""
    return {name: boto3.client(name, region_name=REGION, endpoint_url=url)
            for name in ("ec2", "s3", "logs", "iam", "firehose")}


@pytest.fixture(scope="module")
def shared_network(sandbox):
    """A VPC with two subnets: eni_a1, eni_a2 in subnet a; eni_b in subnet b (one per test module)."""
    ec2 = sandbox_clients(sandbox.url)["ec2"]
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet_a = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    subnet_b = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.2.0/24")["Subnet"]["SubnetId"]

    def eni(subnet, ip):
        return ec2.create_network_interface(SubnetId=subnet, PrivateIpAddress=ip)["NetworkInterface"][
            "NetworkInterfaceId"]

    return {"vpc": vpc, "subnet_a": subnet_a, "subnet_b": subnet_b, "eni_a1": eni(subnet_a, "10.0.1.10"),
            "eni_a2": eni(subnet_a, "10.0.1.20"), "eni_b": eni(subnet_b, "10.0.2.10")}


@pytest.fixture
def network(clean, shared_network):
    """The module's network and this test's clients."""
    return {**shared_network, **clean}


def record(eni: str, minute: int, *, src="203.0.113.5", dst="10.0.1.10", sport=40000, dport=22, protocol=6,
           packets=1, size=40, action="REJECT", offset=(0, 0), **extra) -> FlowRecord:
    """A hand-made per-minute record starting `offset[0]` s and ending `offset[1]` s into its minute."""
    return FlowRecord(account_id=ACCOUNT, interface_id=eni, srcaddr=src, dstaddr=dst, srcport=sport, dstport=dport,
                      protocol=protocol, packets=packets, bytes=size, start=minute + offset[0],
                      end=minute + offset[1], action=action, **extra)


def s3_flow_log(ec2, resource_id: str, destination: str, **kwargs) -> str:
    args = {"ResourceType": _resource_type(resource_id), "ResourceIds": [resource_id], "TrafficType": "ALL",
            "LogDestinationType": "s3", "LogDestination": destination, **kwargs}
    response = ec2.create_flow_logs(**args)
    assert response["Unsuccessful"] == [], response["Unsuccessful"]
    return response["FlowLogIds"][0]


def _resource_type(resource_id: str) -> str:
    return {"vpc": "VPC", "subnet": "Subnet", "eni": "NetworkInterface"}[resource_id.split("-")[0]]


def all_keys(s3, bucket: str) -> list[str]:
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys += [item["Key"] for item in page.get("Contents", [])]
    return sorted(keys)


def read_text_object(s3, bucket: str, key: str) -> tuple[list[str], list[dict]]:
    """(header field names, rows as dicts of strings) of a delivered gzip text file."""
    lines = gzip.decompress(s3.get_object(Bucket=bucket, Key=key)["Body"].read()).decode().splitlines()
    header = lines[0].split(" ")
    return header, [dict(zip(header, line.split(" "), strict=True)) for line in lines[1:]]


def read_all_rows(s3, bucket: str) -> list[dict]:
    return [row for key in all_keys(s3, bucket) if key.endswith(".log.gz")
            for row in read_text_object(s3, bucket, key)[1]]


def policy_of(s3, bucket: str) -> dict:
    return json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
