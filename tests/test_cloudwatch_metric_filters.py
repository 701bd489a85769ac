"""Metric filters that publish: events a log group receives (PutLogEvents, flow-log delivery) become CloudWatch
datapoints per minute, equal to an independent count of the matching events; PutMetricFilter checks what AWS
checks; metric filters, their datapoints and alarms survive a snapshot of the sandbox."""

from __future__ import annotations

import contextlib
import itertools
import json
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone

import boto3
import pytest
from botocore.exceptions import ClientError

from conftest import reset_sandbox
from labkit.environment import build_demo_environment
from labkit.sandbox.persistence import load_snapshot, save_snapshot
from labkit.traffic import run_traffic

SSH_REJECT = (
    '[version, account, eni, source, destination, srcport, destport="22", protocol="6", packets, '
    'bytes, windowstart, windowend, action="REJECT", flowlogstatus]'
)
ACCOUNT = "123456789012"
_names = itertools.count()


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_names)}-{int(time.time() * 1000) % 10_000_000}"


def utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def flow(src="198.51.100.7", dport=22, protocol=6, action="REJECT", bytes_="180"):
    return (
        f"2 {ACCOUNT} eni-0a1b2c3d {src} 10.0.1.10 50144 {dport} {protocol} 3 {bytes_} 1764190800 1764190859 "
        f"{action} OK"
    )


def independent_ssh_rejects(message: str) -> bool:
    """The SSH-reject pattern's meaning, by hand: 14 fields, TCP to port 22, REJECT."""
    fields = message.split(" ")
    return len(fields) == 14 and fields[6] == "22" and fields[7] == "6" and fields[12] == "REJECT"


@pytest.fixture
def logs(sandbox):
    return sandbox.client("logs")


@pytest.fixture
def cloudwatch(sandbox):
    return sandbox.client("cloudwatch")


@pytest.fixture
def base():
    """A minute an hour ago: recent enough for PutLogEvents (AWS refuses events older than 14 days)."""
    return int(time.time()) // 60 * 60 - 3600


def new_group(logs) -> str:
    name = unique("/test/metric-filters")
    logs.create_log_group(logGroupName=name)
    logs.create_log_stream(logGroupName=name, logStreamName="s")
    return name


def put(logs, group: str, events: list[tuple[int, str]]) -> None:
    logs.put_log_events(
        logGroupName=group,
        logStreamName="s",
        logEvents=[{"timestamp": t * 1000, "message": m} for t, m in sorted(events)],
    )


def statistics(cloudwatch, namespace: str, name: str, start: int, end: int, dimensions=None) -> dict[int, dict]:
    answer = cloudwatch.get_metric_statistics(
        Namespace=namespace,
        MetricName=name,
        StartTime=utc(start),
        EndTime=utc(end),
        Period=60,
        Dimensions=dimensions or [],
        Statistics=["Sum", "SampleCount", "Minimum", "Maximum"],
    )
    return {
        int(p["Timestamp"].timestamp()): {k: p[k] for k in ("Sum", "SampleCount", "Minimum", "Maximum")}
        for p in answer["Datapoints"]
    }


def transformation(namespace: str, **extra) -> list[dict]:
    return [{"metricName": "SshRejects", "metricNamespace": namespace, "metricValue": "1", **extra}]


# --- PutMetricFilter ---


@pytest.mark.parametrize(
    "pattern, extra, message",
    [
        ("[a, a]", {}, "Invalid metric filter pattern"),
        ("10.0.1.10", {}, "Invalid character(s) in term '10.0.1.10'"),
        ("REJECT", {"dimensions": {"Source": "$source"}}, "The specified filter pattern does not support dimensions"),
        (
            SSH_REJECT,
            {"dimensions": {"Source": "$source"}, "defaultValue": 0},
            "Invalid metric transformation: dimensions and default value are mutually exclusive properties",
        ),
    ],
)
def test_put_metric_filter_refuses_what_aws_refuses(logs, pattern, extra, message):
    group = new_group(logs)
    with pytest.raises(ClientError) as refused:
        logs.put_metric_filter(
            logGroupName=group,
            filterName="f",
            filterPattern=pattern,
            metricTransformations=transformation("Lab", **extra),
        )
    assert refused.value.response["Error"] == {"Code": "InvalidParameterException", "Message": message}
    assert logs.describe_metric_filters(logGroupName=group)["metricFilters"] == []


def test_put_metric_filter_needs_the_group_and_replaces_a_filter_of_the_same_name(logs):
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.put_metric_filter(
            logGroupName=unique("/nowhere"),
            filterName="f",
            filterPattern="REJECT",
            metricTransformations=transformation("Lab"),
        )
    group = new_group(logs)
    for pattern in ("REJECT", SSH_REJECT):
        logs.put_metric_filter(
            logGroupName=group, filterName="ssh", filterPattern=pattern, metricTransformations=transformation("Lab")
        )
    (stored,) = logs.describe_metric_filters(logGroupName=group)["metricFilters"]
    assert stored["filterPattern"] == SSH_REJECT and stored["creationTime"] > 0
    for number in range(99):
        logs.put_metric_filter(
            logGroupName=group,
            filterName=f"more-{number}",
            filterPattern="REJECT",
            metricTransformations=transformation("Lab"),
        )
    with pytest.raises(logs.exceptions.LimitExceededException):  # AWS's quota: 100 a log group
        logs.put_metric_filter(
            logGroupName=group,
            filterName="one-too-many",
            filterPattern="REJECT",
            metricTransformations=transformation("Lab"),
        )
    logs.delete_log_group(logGroupName=group)
    assert logs.describe_metric_filters(filterNamePrefix="ssh", logGroupName=group)["metricFilters"] == []


# --- what ingestion publishes ---


def test_datapoints_per_minute_equal_an_independent_count(logs, cloudwatch, base):
    group, namespace = new_group(logs), unique("Lab")
    logs.put_metric_filter(
        logGroupName=group,
        filterName="ssh",
        filterPattern=SSH_REJECT,
        metricTransformations=transformation(namespace, defaultValue=0),
    )
    kinds = [flow(), flow(action="ACCEPT"), flow(dport=3389), flow(protocol=17), flow(src="203.0.113.9")]
    events = [
        (base + minute * 60 + second, kinds[(minute * 7 + second) % len(kinds)])
        for minute in (0, 1, 2, 4)
        for second in range(0, 60, 7 + minute)
    ]
    events += [(base + 5 * 60 + 3, flow(action="ACCEPT"))]  # a minute with events but no match: the default
    put(logs, group, events)

    expected = defaultdict(lambda: {"Sum": 0.0, "SampleCount": 0.0})
    for timestamp, message in events:
        point = expected[timestamp // 60 * 60]
        point["SampleCount"] += 1  # every event reports: the match's 1 or the default 0
        point["Sum"] += independent_ssh_rejects(message)
    got = statistics(cloudwatch, namespace, "SshRejects", base - 60, base + 600)
    assert {t: {"Sum": p["Sum"], "SampleCount": p["SampleCount"]} for t, p in got.items()} == dict(expected)
    assert base + 3 * 60 not in got  # no events, no datapoint
    assert got[base + 5 * 60]["Sum"] == 0.0

    data = cloudwatch.get_metric_data(
        StartTime=utc(base),
        EndTime=utc(base + 360),
        ScanBy="TimestampAscending",
        MetricDataQueries=[
            {
                "Id": "m",
                "MetricStat": {
                    "Metric": {"Namespace": namespace, "MetricName": "SshRejects"},
                    "Period": 60,
                    "Stat": "Sum",
                },
            }
        ],
    )["MetricDataResults"][0]
    assert dict(zip((int(t.timestamp()) for t in data["Timestamps"]), data["Values"])) == {
        t: p["Sum"] for t, p in expected.items()
    }


def test_without_a_default_only_matches_report(logs, cloudwatch, base):
    group, namespace = new_group(logs), unique("Lab")
    logs.put_metric_filter(
        logGroupName=group, filterName="ssh", filterPattern=SSH_REJECT, metricTransformations=transformation(namespace)
    )
    put(logs, group, [(base + 5, flow()), (base + 6, flow(action="ACCEPT")), (base + 65, flow(action="ACCEPT"))])
    assert statistics(cloudwatch, namespace, "SshRejects", base, base + 300) == {
        base: {"Sum": 1.0, "SampleCount": 1.0, "Minimum": 1.0, "Maximum": 1.0}
    }


def test_a_field_as_the_value_and_fields_as_dimensions(logs, cloudwatch, base):
    group, namespace = new_group(logs), unique("Lab")
    logs.put_metric_filter(
        logGroupName=group,
        filterName="bytes",
        filterPattern="[..., bytes, start, end, action=REJECT, status]",
        metricTransformations=[
            {
                "metricName": "RejectedBytes",
                "metricNamespace": namespace,
                "metricValue": "$bytes",
                "unit": "Bytes",
                "dimensions": {"Source": "$4"},
            }
        ],
    )
    events = [
        (base + 1, flow(bytes_="100")),
        (base + 2, flow(bytes_="60")),
        (base + 3, flow(src="203.0.113.9", bytes_="40")),
        (base + 4, flow(action="ACCEPT", bytes_="999")),
        (base + 5, flow(bytes_="-")),
    ]  # "-": not a number
    put(logs, group, events)
    for source, total, count in (("198.51.100.7", 160.0, 2.0), ("203.0.113.9", 40.0, 1.0)):
        got = statistics(
            cloudwatch, namespace, "RejectedBytes", base, base + 120, dimensions=[{"Name": "Source", "Value": source}]
        )
        assert {t: (p["Sum"], p["SampleCount"]) for t, p in got.items()} == {base: (total, count)}
    listed = cloudwatch.list_metrics(Namespace=namespace)["Metrics"]
    assert sorted(d["Value"] for m in listed for d in m["Dimensions"]) == ["198.51.100.7", "203.0.113.9"]


def test_a_json_field_as_the_value(logs, cloudwatch, base):
    group, namespace = new_group(logs), unique("Lab")
    logs.put_metric_filter(
        logGroupName=group,
        filterName="latency",
        filterPattern="{ $.latency = * }",
        metricTransformations=[
            {"metricName": "Latency", "metricNamespace": namespace, "metricValue": "$.latency", "defaultValue": 0}
        ],
    )
    put(
        logs,
        group,
        [
            (base + 1, json.dumps({"latency": 50, "requestType": "GET"})),
            (base + 2, json.dumps({"latency": 250})),
            (base + 3, "not json"),
        ],
    )
    assert statistics(cloudwatch, namespace, "Latency", base, base + 60) == {
        base: {"Sum": 300.0, "SampleCount": 3.0, "Minimum": 0.0, "Maximum": 250.0}
    }


# --- flow-log delivery ---

SSH_DENY_RULE = 50


@contextlib.contextmanager
def ssh_denied(env):
    """The demo VPC's network ACL denies inbound SSH (the bastion's security group lets it in): SSH attempts
    and scans of port 22 become REJECT records, as after an administrator blocks SSH at the subnet."""
    ec2 = boto3.client("ec2")
    ec2.create_network_acl_entry(
        NetworkAclId=env.network_acl_id,
        RuleNumber=SSH_DENY_RULE,
        Protocol="6",
        RuleAction="deny",
        Egress=False,
        CidrBlock="0.0.0.0/0",
        PortRange={"From": 22, "To": 22},
    )
    try:
        yield
    finally:
        ec2.delete_network_acl_entry(NetworkAclId=env.network_acl_id, RuleNumber=SSH_DENY_RULE, Egress=False)


@contextlib.contextmanager
def flow_logs_to_cloudwatch():
    """The demo VPC (built if missing) with a 1-minute flow log of all traffic to a new log group, through
    a role like the lab's flowlogsrole; the flow log is deleted after."""
    env = build_demo_environment()
    logs, ec2, iam = boto3.client("logs"), boto3.client("ec2"), boto3.client("iam")
    group, namespace, role = unique("VPCFlowLogs"), unique("VPCFlowLogs"), unique("flowlogsrole")
    logs.create_log_group(logGroupName=group)
    logs.put_retention_policy(logGroupName=group, retentionInDays=1)
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}}
        ],
    }
    arn = iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    iam.attach_role_policy(RoleName=role, PolicyArn="arn:aws:iam::aws:policy/CloudWatchLogsFullAccess")
    flow_log = ec2.create_flow_logs(
        ResourceType="VPC",
        ResourceIds=[env.vpc_id],
        TrafficType="ALL",
        LogGroupName=group,
        DeliverLogsPermissionArn=arn,
        MaxAggregationInterval=60,
    )["FlowLogIds"][0]
    try:
        yield {"env": env, "logs": logs, "group": group, "namespace": namespace}
    finally:
        ec2.delete_flow_logs(FlowLogIds=[flow_log])


@pytest.fixture
def delivered(aws_env):
    """flow_logs_to_cloudwatch, the SSH-reject metric filter on its log group."""
    with flow_logs_to_cloudwatch() as setup:
        setup["logs"].put_metric_filter(
            logGroupName=setup["group"],
            filterName="ssh-rejects",
            filterPattern=SSH_REJECT,
            metricTransformations=transformation(setup["namespace"], defaultValue=0),
        )
        yield setup


def delivered_events(logs, group: str) -> list[tuple[int, str]]:
    events = []
    for stream in logs.describe_log_streams(logGroupName=group)["logStreams"]:
        token = None
        while True:
            page = logs.get_log_events(
                logGroupName=group,
                logStreamName=stream["logStreamName"],
                startFromHead=True,
                **({"nextToken": token} if token else {}),
            )
            events += [(e["timestamp"] // 1000, e["message"]) for e in page["events"]]
            if not page["events"] or page["nextForwardToken"] == token:
                break
            token = page["nextForwardToken"]
    return events


def test_flow_log_delivery_feeds_the_metric_filter(delivered, cloudwatch):
    start = (int(time.time()) // 3600 - 2) * 3600
    with ssh_denied(delivered["env"]):
        run_traffic(12, seed=5, start=start)
    events = delivered_events(delivered["logs"], delivered["group"])
    per_minute = Counter(t // 60 * 60 for t, m in events if independent_ssh_rejects(m))
    events_per_minute = Counter(t // 60 * 60 for t, _ in events)
    got = statistics(cloudwatch, delivered["namespace"], "SshRejects", start, start + 12 * 60)
    assert {t: p["Sum"] for t, p in got.items()} == {t: float(per_minute[t]) for t in events_per_minute}
    assert {t: p["SampleCount"] for t, p in got.items()} == {t: float(n) for t, n in events_per_minute.items()}
    assert sum(per_minute.values()) > 0 and len(got) == 12


# --- snapshot and restore ---


def test_metric_filters_datapoints_and_alarms_survive_a_snapshot(sandbox, aws_env, tmp_path, base):
    from labkit.sandbox.cloudwatch import clock
    from labkit.world import World, current_world, install_world

    logs, cloudwatch = boto3.client("logs"), boto3.client("cloudwatch")
    group, namespace = new_group(logs), unique("Lab")
    logs.put_metric_filter(
        logGroupName=group,
        filterName="ssh",
        filterPattern=SSH_REJECT,
        metricTransformations=transformation(namespace, defaultValue=0),
    )
    alarm = unique("ssh")
    cloudwatch.put_metric_alarm(
        AlarmName=alarm,
        Namespace=namespace,
        MetricName="SshRejects",
        Statistic="Sum",
        Period=60,
        EvaluationPeriods=1,
        Threshold=2,
        ComparisonOperator="GreaterThanOrEqualToThreshold",
    )
    put(logs, group, [(base + 1, flow()), (base + 2, flow()), (base + 61, flow(action="ACCEPT"))])
    clock.advance(base + 60)
    world = current_world()

    def observe() -> dict:
        return {
            "filters": logs.describe_metric_filters(logGroupName=group)["metricFilters"],
            "points": statistics(cloudwatch, namespace, "SshRejects", base, base + 300),
            "alarm": {
                k: v
                for k, v in cloudwatch.describe_alarms(AlarmNames=[alarm])["MetricAlarms"][0].items()
                if k.startswith("State")
            },
            "history": cloudwatch.describe_alarm_history(AlarmName=alarm)["AlarmHistoryItems"],
        }

    before = observe()
    assert before["alarm"]["StateValue"] == "ALARM"
    path = tmp_path / "snapshot"
    save_snapshot(path, {"world": world.state()}, athena_backend=sandbox.athena)
    try:
        reset_sandbox(sandbox.url)
        restored = World.from_state(load_snapshot(path, athena_backend=sandbox.athena)["world"])
        install_world(restored)
        assert restored.clock == base + 60
        assert observe() == before
        put(logs, group, [(base + 62, flow(action="ACCEPT"))])  # ingestion and evaluation carry on
        clock.advance(base + 120)
        assert cloudwatch.describe_alarms(AlarmNames=[alarm])["MetricAlarms"][0]["StateValue"] == "OK"
        assert statistics(cloudwatch, namespace, "SshRejects", base, base + 300)[base + 60]["SampleCount"] == 2.0
    finally:
        install_world(world)
        reset_sandbox(sandbox.url)


def test_get_metric_statistics_reads_one_metric_its_exact_dimensions(cloudwatch, base):
    namespace = unique("Lab")
    for dimensions, value in (
        ([], 1.0),
        ([{"Name": "Source", "Value": "a"}], 10.0),
        ([{"Name": "Source", "Value": "a"}, {"Name": "Port", "Value": "22"}], 100.0),
    ):
        cloudwatch.put_metric_data(
            Namespace=namespace,
            MetricData=[
                {"MetricName": "Rejects", "Value": value, "Timestamp": utc(base + 70), "Dimensions": dimensions}
            ],
        )
    assert statistics(cloudwatch, namespace, "Rejects", base, base + 300)[base + 60]["Sum"] == 1.0
    assert (
        statistics(cloudwatch, namespace, "Rejects", base, base + 300, dimensions=[{"Name": "Source", "Value": "a"}])[
            base + 60
        ]["Sum"]
        == 10.0
    )
    answer = cloudwatch.get_metric_statistics(
        Namespace=namespace,
        MetricName="Rejects",
        StartTime=utc(base + 30),
        EndTime=utc(base + 600),
        Period=300,
        Statistics=["SampleCount"],
    )
    assert [(int(p["Timestamp"].timestamp()), p["SampleCount"]) for p in answer["Datapoints"]] == [(base, 1.0)]


def test_get_metric_data_reads_one_metric_its_exact_dimensions(cloudwatch, base):
    namespace = unique("Lab")
    for dimensions, value in (([], 1.0), ([{"Name": "Source", "Value": "a"}], 10.0)):
        cloudwatch.put_metric_data(
            Namespace=namespace,
            MetricData=[
                {"MetricName": "Rejects", "Value": value, "Timestamp": utc(base + 70), "Dimensions": dimensions}
            ],
        )

    def query(dimensions) -> dict:
        return {
            "Metric": {"Namespace": namespace, "MetricName": "Rejects", "Dimensions": dimensions},
            "Period": 60,
            "Stat": "Sum",
        }

    results = cloudwatch.get_metric_data(
        StartTime=utc(base),
        EndTime=utc(base + 300),
        MetricDataQueries=[
            {"Id": "plain", "MetricStat": query([])},
            {"Id": "source", "MetricStat": query([{"Name": "Source", "Value": "a"}]), "ReturnData": False},
            {"Id": "again", "Expression": "source"},
        ],
    )["MetricDataResults"]
    assert [(r["Id"], r["Values"], [int(t.timestamp()) for t in r["Timestamps"]]) for r in results] == [
        ("plain", [1.0], [base + 60]),
        ("again", [10.0], [base + 60]),
    ]
