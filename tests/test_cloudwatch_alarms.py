"""Alarms that evaluate over simulated time as CloudWatch does: the user guide's missing-data tables, M out of
N, state history, SNS notifications an SQS queue receives, SetAlarmState, and the classic SSH-reject alarm under
simulated traffic, its history equal to CloudWatch's rules worked out by hand."""

from __future__ import annotations

import itertools
import json
import time
from datetime import datetime, timezone

import pytest

from labkit.sandbox.cloudwatch import clock
from labkit.sandbox.cloudwatch.alarms import decide
from labkit.traffic import run_traffic
from test_cloudwatch_metric_filters import (
    SSH_REJECT,
    delivered_events,
    flow_logs_to_cloudwatch,
    independent_ssh_rejects,
    ssh_denied,
)

_names = itertools.count()
MINUTE = 60


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_names)}-{int(time.time() * 1000) % 10_000_000}"


def utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


# --- the guide's tables ("How alarm state is evaluated when data is missing"): 0 within, X breaching, - missing ---

COLUMNS = ("missing", "ignore", "breaching", "notBreaching")
RETAIN = "retain"
THREE_OF_THREE = [
    ("0 - X - X", ("OK", "OK", "OK", "OK")),
    ("0 - - - -", ("OK", "OK", "OK", "OK")),
    ("- - - - -", ("INSUFFICIENT_DATA", RETAIN, "ALARM", "OK")),
    ("0 X X - X", ("ALARM", "ALARM", "ALARM", "ALARM")),
    ("- - - - X", ("INSUFFICIENT_DATA", RETAIN, "ALARM", "OK")),
    ("X - - - -", ("ALARM", RETAIN, "ALARM", "OK")),
]
TWO_OF_THREE = [
    ("0 - X - X", ("ALARM", "ALARM", "ALARM", "ALARM")),
    ("0 0 X 0 X", ("ALARM", "ALARM", "ALARM", "ALARM")),
    ("0 - X - -", ("OK", "OK", "ALARM", "OK")),
    ("- - - - 0", ("OK", "OK", "ALARM", "OK")),
    ("- - - - X", ("INSUFFICIENT_DATA", RETAIN, "ALARM", "OK")),
]


def points(row: str) -> list:
    return [{"0": False, "X": True, "-": None}[p] for p in row.split()]


@pytest.mark.parametrize("to_alarm, rows", [(3, THREE_OF_THREE), (2, TWO_OF_THREE)])
def test_the_guides_missing_data_tables(to_alarm, rows):
    for row, states in rows:
        for treat, expected in zip(COLUMNS, states):
            for current in ("OK", "ALARM", "INSUFFICIENT_DATA"):
                wanted = current if expected == RETAIN else expected
                assert decide(points(row), 3, to_alarm, treat, current) == wanted, (row, treat, current)


# --- through the API, simulated time moved by hand ---


@pytest.fixture
def cw(sandbox, world):
    """CloudWatch, SNS and SQS clients, a topic an SQS queue subscribes to, and a fresh simulated clock."""
    cloudwatch, sns, sqs = sandbox.client("cloudwatch"), sandbox.client("sns"), sandbox.client("sqs")
    topic = sns.create_topic(Name=unique("alarms"))["TopicArn"]
    queue = sqs.create_queue(QueueName=unique("inbox"))["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)

    def notifications() -> list[dict]:
        received = []
        while True:
            messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10).get("Messages", [])
            if not messages:
                return received
            for message in messages:
                body = json.loads(message["Body"])
                received.append({"Subject": body["Subject"], **json.loads(body["Message"])})
                sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])

    return {
        "cloudwatch": cloudwatch,
        "topic": topic,
        "notifications": notifications,
        "base": int(time.time()) // 60 * 60 - 3 * 3600,
    }


def put_values(cloudwatch, namespace: str, values: dict[int, float], dimensions=None) -> None:
    for moment, value in sorted(values.items()):
        cloudwatch.put_metric_data(
            Namespace=namespace,
            MetricData=[
                {"MetricName": "Rejects", "Value": value, "Timestamp": utc(moment + 5), "Dimensions": dimensions or []}
            ],
        )


def alarm(cloudwatch, name: str, namespace: str, **settings) -> None:
    request = {
        "AlarmName": name,
        "Namespace": namespace,
        "MetricName": "Rejects",
        "Statistic": "Sum",
        "Period": 60,
        "EvaluationPeriods": 1,
        "Threshold": 5.0,
        "ComparisonOperator": "GreaterThanOrEqualToThreshold",
        **settings,
    }
    cloudwatch.put_metric_alarm(**request)


def state(cloudwatch, name: str) -> str:
    return cloudwatch.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]["StateValue"]


def states_minute_by_minute(cloudwatch, name: str, start: int, minutes: int) -> list[str]:
    seen = []
    for minute in range(1, minutes + 1):
        clock.advance(start + minute * MINUTE)
        seen.append(state(cloudwatch, name))
    return seen


def transitions(cloudwatch, name: str) -> list[tuple[int, str]]:
    items = cloudwatch.describe_alarm_history(
        AlarmName=name, HistoryItemType="StateUpdate", ScanBy="TimestampAscending"
    )["AlarmHistoryItems"]
    return [(int(i["Timestamp"].timestamp()), i["HistorySummary"]) for i in items]


def test_a_new_alarm_is_insufficient_data_until_simulated_time_moves(cw):
    cloudwatch, name = cw["cloudwatch"], unique("fresh")
    alarm(cloudwatch, name, unique("Lab"))
    described = cloudwatch.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]
    assert (described["StateValue"], described["StateReason"]) == (
        "INSUFFICIENT_DATA",
        "Unchecked: Initial alarm creation",
    )
    (created,) = cloudwatch.describe_alarm_history(AlarmName=name)["AlarmHistoryItems"]
    assert (created["HistoryItemType"], created["HistorySummary"]) == ("ConfigurationUpdate", f'Alarm "{name}" created')


def test_ok_alarm_ok_minute_by_minute_with_history_and_notifications(cw):
    cloudwatch, base, name, namespace = cw["cloudwatch"], cw["base"], unique("ssh"), unique("Lab")
    alarm(cloudwatch, name, namespace, AlarmActions=[cw["topic"]], OKActions=[cw["topic"]])
    values = {base + m * MINUTE: v for m, v in enumerate([1, 2, 9, 12, 3, 0, 0, 6, 1])}
    put_values(cloudwatch, namespace, values)
    seen = states_minute_by_minute(cloudwatch, name, base, 9)
    # Each minute t judges the period [t-60, t): breaching when its Sum >= 5.
    assert seen == ["OK", "OK", "ALARM", "ALARM", "OK", "OK", "OK", "ALARM", "OK"]
    assert transitions(cloudwatch, name) == [
        (base + 60, "Alarm updated from INSUFFICIENT_DATA to OK"),
        (base + 180, "Alarm updated from OK to ALARM"),
        (base + 300, "Alarm updated from ALARM to OK"),
        (base + 480, "Alarm updated from OK to ALARM"),
        (base + 540, "Alarm updated from ALARM to OK"),
    ]
    described = cloudwatch.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]
    assert described["StateReason"].startswith("Threshold Crossed: 1 out of the last 1 datapoints [1.0 (")
    assert int(described["StateTransitionedTimestamp"].timestamp()) == base + 540
    assert json.loads(described["StateReasonData"])["recentDatapoints"] == [1.0]

    sent = cw["notifications"]()
    assert [(n["OldStateValue"], n["NewStateValue"]) for n in sent] == [
        ("INSUFFICIENT_DATA", "OK"),
        ("OK", "ALARM"),
        ("ALARM", "OK"),
        ("OK", "ALARM"),
        ("ALARM", "OK"),
    ]
    first_alarm = sent[1]
    assert first_alarm["Subject"] == f'ALARM: "{name}" in US East (N. Virginia)'
    assert first_alarm["AlarmName"] == name and first_alarm["Region"] == "US East (N. Virginia)"
    assert first_alarm["Trigger"]["MetricName"] == "Rejects" and first_alarm["Trigger"]["Threshold"] == 5.0
    actions = cloudwatch.describe_alarm_history(AlarmName=name, HistoryItemType="Action")["AlarmHistoryItems"]
    assert len(actions) == 5 and all(
        a["HistorySummary"] == f"Successfully executed action {cw['topic']}" for a in actions
    )


def test_m_out_of_n_and_missing_data(cw):
    cloudwatch, base, namespace = cw["cloudwatch"], cw["base"], unique("Lab")
    # minute:   0  1  2  3  4  5  6  7  8  9  10
    series = [6, 0, 7, None, None, None, None, None, 8, 9, None]
    put_values(cloudwatch, namespace, {base + m * MINUTE: v for m, v in enumerate(series) if v is not None})
    names = {treat: unique(f"two-of-three-{treat}") for treat in ("missing", "breaching", "notBreaching", "ignore")}
    for treat, name in names.items():
        alarm(cloudwatch, name, namespace, EvaluationPeriods=3, DatapointsToAlarm=2, TreatMissingData=treat)
    seen = {treat: [] for treat in names}
    for minute in range(1, 12):
        clock.advance(base + minute * MINUTE)
        for treat, name in names.items():
            seen[treat].append(state(cloudwatch, name))
    # Worked out by hand over the range of the last 5 periods (X breaching, 0 within, - missing):
    #  t=1  - - - - X   t=2  - - - X 0   t=3  - - X 0 X   t=4  - X 0 X -   t=5  X 0 X - -   t=6  0 X - - -
    #  t=7  X - - - -   t=8  - - - - -   t=9  - - - - X   t=10 - - - X X   t=11 - - X X -
    # (t=7 is the guide's "X - - - -": ALARM when missing data is missing; t=9 its "- - - - X": INSUFFICIENT_DATA)
    assert seen["missing"] == [
        "INSUFFICIENT_DATA",
        "OK",
        "ALARM",
        "ALARM",
        "ALARM",
        "OK",
        "ALARM",
        "INSUFFICIENT_DATA",
        "INSUFFICIENT_DATA",
        "ALARM",
        "ALARM",
    ]
    assert seen["breaching"] == [
        "ALARM",
        "ALARM",
        "ALARM",
        "ALARM",
        "ALARM",
        "ALARM",
        "ALARM",
        "ALARM",
        "ALARM",
        "ALARM",
        "ALARM",
    ]
    assert seen["notBreaching"] == ["OK", "OK", "ALARM", "ALARM", "ALARM", "OK", "OK", "OK", "OK", "ALARM", "ALARM"]
    assert seen["ignore"] == [
        "INSUFFICIENT_DATA",
        "OK",
        "ALARM",
        "ALARM",
        "ALARM",
        "OK",
        "OK",
        "OK",
        "OK",
        "ALARM",
        "ALARM",
    ]


def test_the_alarm_reads_only_its_own_dimensions(cw):
    cloudwatch, base, namespace, name = cw["cloudwatch"], cw["base"], unique("Lab"), unique("per-source")
    put_values(cloudwatch, namespace, {base: 9}, dimensions=[{"Name": "Source", "Value": "203.0.113.9"}])
    put_values(cloudwatch, namespace, {base: 1}, dimensions=[{"Name": "Source", "Value": "198.51.100.7"}])
    alarm(cloudwatch, name, namespace, Dimensions=[{"Name": "Source", "Value": "198.51.100.7"}])
    assert states_minute_by_minute(cloudwatch, name, base, 1) == ["OK"]


def test_set_alarm_state_lasts_until_the_next_evaluation_and_notifies(cw):
    cloudwatch, base, namespace, name = cw["cloudwatch"], cw["base"], unique("Lab"), unique("tested")
    alarm(cloudwatch, name, namespace, AlarmActions=[cw["topic"]])
    put_values(cloudwatch, namespace, {base: 1, base + 60: 1})
    clock.advance(base + 60)
    cloudwatch.set_alarm_state(AlarmName=name, StateValue="ALARM", StateReason="testing the notification")
    assert state(cloudwatch, name) == "ALARM"
    assert [n["NewStateReason"] for n in cw["notifications"]()] == ["testing the notification"]
    clock.advance(base + 120)
    assert state(cloudwatch, name) == "OK"
    assert [s for _, s in transitions(cloudwatch, name)][-2:] == [
        "Alarm updated from OK to ALARM",
        "Alarm updated from ALARM to OK",
    ]


def test_disabled_actions_and_a_missing_topic(cw):
    cloudwatch, base, namespace = cw["cloudwatch"], cw["base"], unique("Lab")
    quiet, broken = unique("quiet"), unique("broken")
    missing_topic = cw["topic"] + "-deleted"
    alarm(cloudwatch, quiet, namespace, AlarmActions=[cw["topic"]], ActionsEnabled=False)
    alarm(cloudwatch, broken, namespace, AlarmActions=[missing_topic])
    put_values(cloudwatch, namespace, {base: 9})
    clock.advance(base + 60)
    assert state(cloudwatch, quiet) == state(cloudwatch, broken) == "ALARM"
    assert cw["notifications"]() == []
    (failed,) = cloudwatch.describe_alarm_history(AlarmName=broken, HistoryItemType="Action")["AlarmHistoryItems"]
    assert failed["HistorySummary"].startswith(f"Failed to execute action {missing_topic}")


def test_history_pages_and_orders(cw):
    cloudwatch, base, namespace, name = cw["cloudwatch"], cw["base"], unique("Lab"), unique("paged")
    alarm(cloudwatch, name, namespace)
    put_values(cloudwatch, namespace, {base + m * MINUTE: (9 if m % 2 else 0) for m in range(6)})
    states_minute_by_minute(cloudwatch, name, base, 6)
    everything = cloudwatch.describe_alarm_history(AlarmName=name)["AlarmHistoryItems"]
    stamps = [i["Timestamp"] for i in everything]
    assert stamps == sorted(stamps, reverse=True) and len(everything) == 7  # created + 6 changes
    first = cloudwatch.describe_alarm_history(AlarmName=name, MaxRecords=4)
    rest = cloudwatch.describe_alarm_history(AlarmName=name, MaxRecords=4, NextToken=first["NextToken"])
    assert first["AlarmHistoryItems"] + rest["AlarmHistoryItems"] == everything and "NextToken" not in rest


def test_simulated_time_never_goes_back(cw):
    cloudwatch, base, namespace, name = cw["cloudwatch"], cw["base"], unique("Lab"), unique("monotonic")
    alarm(cloudwatch, name, namespace)
    put_values(cloudwatch, namespace, {base: 9})
    clock.advance(base + 60)
    assert clock.now() == base + 60 and state(cloudwatch, name) == "ALARM"
    clock.advance(base)  # an earlier stretch delivered again: late data, no evaluation
    assert clock.now() == base + 60 and len(transitions(cloudwatch, name)) == 1


# --- the classic: SSH rejects from flow logs, counted per minute, alarmed on, under simulated traffic ---


@pytest.fixture
def flow_logs(aws_env):
    with flow_logs_to_cloudwatch() as setup:
        yield setup


def test_the_ssh_reject_alarm_fires_under_attack_and_clears_after(flow_logs, cw):
    setup = flow_logs
    cloudwatch, logs, name = cw["cloudwatch"], setup["logs"], unique("SshRejects")
    logs.put_metric_filter(
        logGroupName=setup["group"],
        filterName="ssh-rejects",
        filterPattern=SSH_REJECT,
        metricTransformations=[
            {"metricName": "SshRejects", "metricNamespace": setup["namespace"], "metricValue": "1", "defaultValue": 0}
        ],
    )
    threshold = 5.0
    cloudwatch.put_metric_alarm(
        AlarmName=name,
        Namespace=setup["namespace"],
        MetricName="SshRejects",
        Statistic="Sum",
        Period=60,
        EvaluationPeriods=1,
        Threshold=threshold,
        ComparisonOperator="GreaterThanOrEqualToThreshold",
        AlarmActions=[cw["topic"]],
        OKActions=[cw["topic"]],
    )
    start = (int(time.time()) // 3600 - 2) * 3600
    with ssh_denied(setup["env"]):
        run_traffic(10, seed=3, start=start)  # brute force and scans, SSH blocked
        run_traffic(5, seed=3, start=start + 600, intensity=0)  # the internet goes quiet

    events = delivered_events(logs, setup["group"])
    counts = {minute: 0 for minute in range(start, start + 15 * MINUTE, MINUTE)}
    for timestamp, message in events:
        counts[timestamp // MINUTE * MINUTE] += independent_ssh_rejects(message)
    assert {t // MINUTE * MINUTE for t, _ in events} == set(counts)  # events every minute: never missing data
    # CloudWatch's rule for 1 out of 1 periods of 60 s, by hand: at t, ALARM when the minute before t has
    # Sum >= threshold, OK otherwise; a change is recorded at t.
    expected, current = [], "INSUFFICIENT_DATA"
    for minute in sorted(counts):
        new = "ALARM" if counts[minute] >= threshold else "OK"
        if new != current:
            expected.append((minute + MINUTE, f"Alarm updated from {current} to {new}"))
            current = new
    assert transitions(cloudwatch, name) == expected
    assert any(summary.endswith("to ALARM") for _, summary in expected)
    assert state(cloudwatch, name) == "OK" and max(counts[m] for m in range(start + 600, start + 900, 60)) == 0
    sent = cw["notifications"]()
    assert [n["NewStateValue"] for n in sent] == [summary.split()[-1] for _, summary in expected]


def test_a_long_quiet_stretch_is_skipped_without_missing_the_next_value(cw):
    cloudwatch, base, namespace, name = cw["cloudwatch"], cw["base"], unique("Lab"), unique("gap")
    alarm(cloudwatch, name, namespace)
    # values at base+5 s, then exactly at base+4 min and base+120 min (put_values adds 5 s)
    put_values(cloudwatch, namespace, {base: 9, base + 4 * MINUTE - 5: 9, base + 120 * MINUTE - 5: 9})
    clock.advance(base + 60)
    clock.advance(base + 180 * MINUTE)  # one step: three hours of minutes evaluated
    assert transitions(cloudwatch, name) == [
        (base + 60, "Alarm updated from INSUFFICIENT_DATA to ALARM"),
        (base + 4 * MINUTE, "Alarm updated from ALARM to INSUFFICIENT_DATA"),  # [base+1 min, base+4 min) is empty
        (base + 5 * MINUTE, "Alarm updated from INSUFFICIENT_DATA to ALARM"),
        (base + 8 * MINUTE, "Alarm updated from ALARM to INSUFFICIENT_DATA"),
        (base + 121 * MINUTE, "Alarm updated from INSUFFICIENT_DATA to ALARM"),
        (base + 124 * MINUTE, "Alarm updated from ALARM to INSUFFICIENT_DATA"),
    ]


def test_more_datapoints_to_alarm_than_evaluation_periods_is_refused(cw):
    cloudwatch = cw["cloudwatch"]
    with pytest.raises(cloudwatch.exceptions.ClientError) as refused:
        alarm(cloudwatch, unique("impossible"), unique("Lab"), EvaluationPeriods=1, DatapointsToAlarm=15)
    assert refused.value.response["Error"]["Code"] == "ValidationError"
    assert (
        refused.value.response["Error"]["Message"]
        == "DatapointsToAlarm must be less than or equal to EvaluationPeriods"
    )
