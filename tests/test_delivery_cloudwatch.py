"""CloudWatch Logs delivery: a stream per ENI, start-stamped events, and FAILED status when AWS would fail."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from flowlogs_reader import FlowLogsReader

from fixtures.checks_state import LOGS_POLICY as PERMISSIONS
from fixtures.checks_state import TRUST
from fixtures.delivery import ACCOUNT, BASE, make_deliverer, record, unique
from labkit.delivery import Deliverer


def make_role(iam, trust=TRUST, permissions=PERMISSIONS, managed: str | None = None) -> str:
    name = unique("flow-logs-role")
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    if permissions is not None:
        iam.put_role_policy(RoleName=name, PolicyName="deliver", PolicyDocument=json.dumps(permissions))
    if managed:
        iam.attach_role_policy(RoleName=name, PolicyArn=managed)
    return arn


def cwl_flow_log(ec2, resource_id: str, group: str, role_arn: str, **kwargs) -> str:
    response = ec2.create_flow_logs(
        ResourceType="VPC",
        ResourceIds=[resource_id],
        TrafficType="ALL",
        LogGroupName=group,
        DeliverLogsPermissionArn=role_arn,
        **kwargs,
    )
    return response["FlowLogIds"][0]


def status(ec2, flow_log: str) -> tuple[str, str | None]:
    (described,) = ec2.describe_flow_logs(FlowLogIds=[flow_log])["FlowLogs"]
    return described["DeliverLogsStatus"], described.get("DeliverLogsErrorMessage")


def run(network, minutes=range(BASE, BASE + 120, 60)) -> Deliverer:
    deliverer = make_deliverer()
    for minute in minutes:
        deliverer.deliver_minute(
            minute,
            [
                record(network["eni_a1"], minute, offset=(7, 30)),
                record(network["eni_b"], minute, dst="10.0.2.10", dport=3389),
            ],
        )
    deliverer.close()
    return deliverer


def streams(logs, group: str) -> list[str]:
    return sorted(s["logStreamName"] for s in logs.describe_log_streams(logGroupName=group)["logStreams"])


def test_streams_per_interface_with_start_timestamps(network):
    ec2, logs = network["ec2"], network["logs"]
    group = unique("/vpc/flow-logs")
    logs.create_log_group(logGroupName=group)
    flow_log = cwl_flow_log(ec2, network["vpc"], group, make_role(network["iam"]), MaxAggregationInterval=60)
    assert status(ec2, flow_log) == ("SUCCESS", None)
    run(network)

    assert streams(logs, group) == sorted(f"{network[k]}-all" for k in ("eni_a1", "eni_a2", "eni_b"))
    events = logs.get_log_events(logGroupName=group, logStreamName=f"{network['eni_a1']}-all", startFromHead=True)[
        "events"
    ]
    assert [e["timestamp"] for e in events] == [(BASE + 7) * 1000, (BASE + 67) * 1000]
    assert events[0]["message"] == (
        f"2 {ACCOUNT} {network['eni_a1']} 203.0.113.5 10.0.1.10 40000 22 6 1 40 {BASE + 7} {BASE + 30} REJECT OK"
    )
    idle = logs.get_log_events(logGroupName=group, logStreamName=f"{network['eni_a2']}-all")["events"]
    assert [e["message"].split()[-1] for e in idle] == ["NODATA", "NODATA"]

    reader = FlowLogsReader(
        group,
        boto_client=logs,
        raise_on_error=True,
        start_time=datetime.fromtimestamp(BASE - 60, tz=timezone.utc).replace(tzinfo=None),
        end_time=datetime.fromtimestamp(BASE + 600, tz=timezone.utc).replace(tzinfo=None),
    )
    read = list(reader)
    assert len(read) == 6
    assert {(r.interface_id, r.dstport, r.action) for r in read if r.log_status == "OK"} == {
        (network["eni_a1"], 22, "REJECT"),
        (network["eni_b"], 3389, "REJECT"),
    }


def test_managed_cloudwatch_logs_full_access_is_enough(network):
    ec2, logs = network["ec2"], network["logs"]
    group = unique("/vpc/flow-logs")
    logs.create_log_group(logGroupName=group)
    role = make_role(network["iam"], permissions=None, managed="arn:aws:iam::aws:policy/CloudWatchLogsFullAccess")
    assert status(ec2, cwl_flow_log(ec2, network["vpc"], group, role)) == ("SUCCESS", None)


def _broken(case: str, iam) -> tuple[str, bool]:
    """(role ARN, create the log group?) for each way AWS's delivery fails."""
    if case == "missing role":
        return f"arn:aws:iam::{ACCOUNT}:role/{unique('no-such-role')}", True
    if case == "wrong trust principal":
        trust = json.loads(json.dumps(TRUST))
        trust["Statement"][0]["Principal"]["Service"] = "ec2.amazonaws.com"
        return make_role(iam, trust=trust), True
    if case == "missing permissions":
        only_create = {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "logs:CreateLogStream", "Resource": "*"}],
        }
        return make_role(iam, permissions=only_create), True
    if case == "explicit deny":
        denied = json.loads(json.dumps(PERMISSIONS))
        denied["Statement"].append({"Effect": "Deny", "Action": "logs:PutLogEvents", "Resource": "*"})
        return make_role(iam, permissions=denied), True
    return make_role(iam), False  # missing log group


@pytest.mark.parametrize(
    "case", ["missing role", "wrong trust principal", "missing permissions", "explicit deny", "missing log group"]
)
def test_failed_delivery_status_and_nothing_delivered(network, case):
    ec2, logs = network["ec2"], network["logs"]
    group = unique("/vpc/flow-logs")
    role, create_group = _broken(case, network["iam"])
    if create_group:
        logs.create_log_group(logGroupName=group)
    flow_log = cwl_flow_log(ec2, network["vpc"], group, role, MaxAggregationInterval=60)
    assert status(ec2, flow_log) == ("FAILED", "Access error")

    def with_status(value):
        return [
            fl["FlowLogId"]
            for fl in ec2.describe_flow_logs(Filters=[{"Name": "deliver-log-status", "Values": [value]}])["FlowLogs"]
        ]

    assert flow_log in with_status("FAILED") and flow_log not in with_status("SUCCESS")
    deliverer = run(network)
    if create_group:
        assert streams(logs, group) == []
    else:
        assert group not in [g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]]
    assert any(flow_log in note for note in deliverer.problems)


def test_status_is_recomputed_when_the_group_appears(network):
    ec2, logs = network["ec2"], network["logs"]
    group = unique("/vpc/flow-logs")
    flow_log = cwl_flow_log(ec2, network["vpc"], group, make_role(network["iam"]), MaxAggregationInterval=60)
    deliverer = make_deliverer()
    deliverer.deliver_minute(BASE, [record(network["eni_a1"], BASE)])
    assert status(ec2, flow_log)[0] == "FAILED"
    logs.create_log_group(logGroupName=group)
    assert status(ec2, flow_log)[0] == "SUCCESS"
    deliverer.deliver_minute(BASE + 60, [record(network["eni_a1"], BASE + 60, offset=(2, 3))])
    deliverer.close()
    events = logs.get_log_events(logGroupName=group, logStreamName=f"{network['eni_a1']}-all")["events"]
    assert [e["timestamp"] for e in events] == [(BASE + 62) * 1000]  # only the minute after the fix
