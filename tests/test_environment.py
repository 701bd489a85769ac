"""The demo environment: built by Name tags, idempotent, torn down cleanly; `labkit env up/down`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import boto3

from labkit.environment import build_demo_environment, find_demo_environment, layout, teardown_demo_environment

LABKIT = str(Path(sys.executable).with_name("labkit"))


def test_build_is_idempotent_and_matches_the_lab(aws_env):
    env = build_demo_environment()
    assert build_demo_environment() == env
    assert find_demo_environment() == env
    ec2 = boto3.client("ec2")
    assert len(ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [layout.VPC_NAME]}])["Vpcs"]) == 1
    live = ec2.describe_instances(
        Filters=[{"Name": "vpc-id", "Values": [env.vpc_id]}, {"Name": "instance-state-name", "Values": ["running"]}]
    )
    assert sum(len(r["Instances"]) for r in live["Reservations"]) == 2

    assert env.vpc_cidr == "10.0.0.0/16" and env.bastion.private_ip == "10.0.1.10"
    assert env.bastion.public_ip and env.private.public_ip is None
    routes = ec2.describe_route_tables(RouteTableIds=[env.route_table_id])["RouteTables"][0]
    assert {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": env.igw_id} in [
        {k: r.get(k) for k in ("DestinationCidrBlock", "GatewayId")} for r in routes["Routes"]
    ]
    assert env.public_subnet_id in [a.get("SubnetId") for a in routes["Associations"]]
    group = ec2.describe_security_groups(GroupIds=[env.bastion.security_group_id])["SecurityGroups"][0]
    assert [(p["IpProtocol"], p["FromPort"], [r["CidrIp"] for r in p["IpRanges"]]) for p in group["IpPermissions"]] == [
        ("tcp", 22, ["0.0.0.0/0"])
    ]
    eni = ec2.describe_network_interfaces(NetworkInterfaceIds=[env.bastion.interface_id])["NetworkInterfaces"][0]
    assert eni["Attachment"]["InstanceId"] == env.bastion.instance_id and eni["SubnetId"] == env.public_subnet_id
    default_acl = ec2.describe_network_acls(NetworkAclIds=[env.network_acl_id])["NetworkAcls"][0]
    assert default_acl["IsDefault"] and env.az_id.startswith("use1-")


def test_build_completes_a_partial_environment(aws_env):
    env = build_demo_environment()
    ec2 = boto3.client("ec2")
    ec2.terminate_instances(InstanceIds=[env.private.instance_id])
    assert find_demo_environment() is None
    rebuilt = build_demo_environment()
    assert rebuilt.vpc_id == env.vpc_id and rebuilt.bastion == env.bastion
    assert rebuilt.private.instance_id != env.private.instance_id and rebuilt.private.private_ip == "10.0.2.20"


def test_teardown_removes_everything_and_flow_logs(aws_env):
    env = build_demo_environment()
    ec2 = boto3.client("ec2")
    boto3.client("logs").create_log_group(logGroupName="teardown-test")
    ec2.create_flow_logs(
        ResourceIds=[env.vpc_id],
        ResourceType="VPC",
        TrafficType="ALL",
        LogGroupName="teardown-test",
        DeliverLogsPermissionArn="arn:aws:iam::123456789012:role/x",
    )
    assert teardown_demo_environment() is True
    assert find_demo_environment() is None
    assert ec2.describe_vpcs(Filters=[{"Name": "vpc-id", "Values": [env.vpc_id]}])["Vpcs"] == []
    assert ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [env.vpc_id]}])["FlowLogs"] == []
    assert teardown_demo_environment() is False


def cli(args: list[str], sandbox, home) -> subprocess.CompletedProcess:
    """`labkit ARGS` in a child process: attached to `sandbox` (its URL and credentials), or with None,
    to whatever sandbox that LABKIT_HOME has."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "LABKIT_TARGET"}
    env.update({"AWS_DEFAULT_REGION": "us-east-1", "LABKIT_HOME": str(home), "LABKIT_LANG": "both"})
    if sandbox is not None:
        env.update(sandbox.environment())
    return subprocess.run([LABKIT, *args], env=env, capture_output=True, text=True, timeout=120)


def test_cli_env_up_and_down(aws_env, sandbox, tmp_path):
    teardown_demo_environment()
    up = cli(["env", "up"], sandbox, tmp_path)
    assert up.returncode == 0, up.stderr
    env = find_demo_environment()
    assert env is not None
    assert f"Demo environment ready: VPC {env.vpc_id}" in up.stdout and "데모 환경 준비 완료" in up.stdout
    down = cli(["env", "down"], sandbox, tmp_path)
    assert down.returncode == 0 and f"(VPC {env.vpc_id})" in down.stdout and "삭제했습니다" in down.stdout
    assert find_demo_environment() is None


def test_cli_without_an_endpoint_uses_this_homes_sandbox_never_aws(tmp_path):
    import json

    try:
        result = cli(["env", "up"], None, tmp_path)
        assert result.returncode == 0, result.stderr
        assert "Demo environment ready" in result.stdout and "Traceback" not in result.stderr
        state = json.loads((tmp_path / "sandbox.json").read_text())
        assert state["url"].startswith("http://127.0.0.1:")
        again = cli(["env", "up"], None, tmp_path)  # the same sandbox: the VPC is found, not rebuilt
        assert again.returncode == 0 and json.loads((tmp_path / "sandbox.json").read_text())["pid"] == state["pid"]
    finally:
        stopped = cli(["sandbox", "stop"], None, tmp_path)
        assert stopped.returncode == 0, stopped.stderr
