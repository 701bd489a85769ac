"""Lab 02's real-time detection checks against the sandbox: the SSH-reject metric filter, the alarm (its
settings, where it notifies, and a history that went to ALARM by evaluation), and the Logs Insights answer
judged against the truth. The lab is built once as its notebook builds it (prepare, traffic, the network ACL,
SSH narrowed to the administrator, the filter, the alarm, a quiet stretch then the campaign); each test then
breaks one thing and puts it back."""

from __future__ import annotations

import contextlib
import json

import boto3
import pytest

from conftest import fresh_account
from labkit.checks import verify
from labkit.checks.detection import NEAR_MISSES, SSH_REJECT
from labkit.world import current_world

REGION = "us-east-1"
ADMIN = "198.51.100.7"
PATTERN = (
    "[version, account, eni, source, destination, srcport, destport=22, protocol=6, packets, bytes, "
    'windowstart, windowend, action="REJECT", flowlogstatus]'
)
TRANSFORMATION = {
    "metricNamespace": "VPCFlowLogMetrics",
    "metricName": "SSHRejects",
    "metricValue": "1",
    "defaultValue": 0,
}
ALARM = dict(
    AlarmName="ssh-brute-force",
    Namespace="VPCFlowLogMetrics",
    MetricName="SSHRejects",
    Statistic="Sum",
    Period=60,
    EvaluationPeriods=1,
    Threshold=5,
    ComparisonOperator="GreaterThanOrEqualToThreshold",
    TreatMissingData="notBreaching",
)
STEPS = ("detection.metric_filter", "detection.alarm", "detection.insights_answer")


def client(service: str):
    return boto3.client(service, region_name=REGION)


def reasons(step_id: str, answer=None) -> list[str]:
    return [key.removeprefix("checks.why.") for key, _ in verify(step_id, answer).missing]


def put_filter(pattern: str = PATTERN, group: str = "VPCFlowLogs", name: str = "ssh-rejects", **changes) -> None:
    client("logs").put_metric_filter(
        logGroupName=group,
        filterName=name,
        filterPattern=pattern,
        metricTransformations=[{**TRANSFORMATION, **changes}],
    )


def put_alarm(topic: str, **changes) -> None:
    settings = {**ALARM, "AlarmActions": [topic], **changes}
    client("cloudwatch").put_metric_alarm(**{k: v for k, v in settings.items() if v is not None})


def campaign() -> int:
    """The notebook's campaign cell: three quiet minutes, then ten of the usual internet; returns its end."""
    from labkit.traffic import run_traffic

    run_traffic(3, seed=0, intensity=0)
    return run_traffic(10, seed=0).end


def insights_top(end: int) -> list[tuple[str, int]]:
    """The student's query, run through the sandbox's Logs Insights."""
    logs = client("logs")
    query = logs.start_query(
        logGroupName="VPCFlowLogs",
        startTime=0,
        endTime=end,
        queryString=(
            'filter action = "REJECT" and dstPort = 22 and protocol = 6 | stats count(*) as attempts by srcAddr '
            "| sort attempts desc"
        ),
    )["queryId"]
    rows = logs.get_query_results(queryId=query)["results"]
    return [
        ({f["field"]: f["value"] for f in row}["srcAddr"], int({f["field"]: f["value"] for f in row}["attempts"]))
        for row in rows
    ]


@pytest.fixture(scope="module")
def lab(sandbox, tmp_path_factory):
    """Lab 02 as its notebook builds it, with the checks' verdicts before the detection section."""
    from labkit.environment import find_demo_environment
    from labkit.labs import prepare
    from labkit.traffic import load_truth, run_traffic

    with fresh_account(sandbox, tmp_path_factory.mktemp("labkit-home")):
        prepare("02-reading-flow-logs")
        before_traffic = {step: reasons(step, "203.0.113.9") for step in STEPS}
        env = find_demo_environment()
        ec2 = client("ec2")
        run_traffic(10, seed=0)
        scanner = load_truth()["top_rejected_source"]
        ec2.create_network_acl_entry(
            NetworkAclId=env.network_acl_id,
            RuleNumber=90,
            Protocol="-1",
            RuleAction="deny",
            Egress=False,
            CidrBlock=f"{scanner}/32",
        )
        run_traffic(5, seed=0)
        ssh = {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22}
        ec2.revoke_security_group_ingress(
            GroupId=env.bastion.security_group_id, IpPermissions=[{**ssh, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
        )
        ec2.authorize_security_group_ingress(
            GroupId=env.bastion.security_group_id, IpPermissions=[{**ssh, "IpRanges": [{"CidrIp": f"{ADMIN}/32"}]}]
        )
        prepared = {step: reasons(step, scanner) for step in STEPS}
        put_filter()
        sns, sqs = client("sns"), client("sqs")
        topic = sns.create_topic(Name="labkit-security-alerts")["TopicArn"]
        queue = sqs.create_queue(QueueName="labkit-alert-inbox")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sqs.set_queue_attributes(QueueUrl=queue, Attributes={"Policy": queue_policy(queue_arn, topic)})
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
        put_alarm(topic)
        end = campaign()
        yield {
            "env": env,
            "scanner": scanner,
            "topic": topic,
            "queue": queue,
            "queue_arn": queue_arn,
            "end": end,
            "before_traffic": before_traffic,
            "prepared": prepared,
            "world": current_world(),
        }


def queue_policy(queue_arn: str, topic: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "sns.amazonaws.com"},
                    "Action": "sqs:SendMessage",
                    "Resource": queue_arn,
                    "Condition": {"ArnEquals": {"aws:SourceArn": topic}},
                }
            ],
        }
    )


def ssh_truth(lab) -> dict[str, int]:
    return lab["world"].truth["rejected_ssh_by_source"]


# ---- before the student's work --------------------------------------------------------------------------


def test_what_prepare_builds_or_nothing_at_all_passes_no_detection_step(lab):
    expected_before = {
        "detection.metric_filter": ["no_metric_filter"],
        "detection.alarm": ["no_alarm"],
        "detection.insights_answer": ["no_ssh_rejects"],
    }
    assert lab["before_traffic"] == expected_before
    # After lab 02's traffic and its network ACL, before the detection section: no filter, no alarm.
    assert lab["prepared"]["detection.metric_filter"] == ["no_metric_filter"]
    assert lab["prepared"]["detection.alarm"] == ["no_alarm"]


def test_the_lab_as_built_passes_every_detection_step(lab):
    top = max(ssh_truth(lab).items(), key=lambda item: item[1])[0]
    for step, answer in zip(STEPS, (None, None, top)):
        assert verify(step, answer).missing == [], step


def test_the_insights_query_finds_the_truths_answer(lab):
    rows = insights_top(lab["end"])
    truth = ssh_truth(lab)
    assert dict(rows) == truth  # the log group holds exactly what the truth counted
    assert rows[0][0].startswith("192.0.2.") and rows[0][0] != lab["scanner"]  # a password guesser, not the scanner
    assert verify("detection.insights_answer", rows[0][0]).passed
    assert verify("detection.insights_answer", f"  '{rows[0][0]}'\n").passed


# ---- the metric filter ------------------------------------------------------------------------------------


@contextlib.contextmanager
def changed_filter(**put):
    """The lab's metric filter replaced (put_metric_filter with its name), then restored."""
    put_filter(**put)
    try:
        yield
    finally:
        if put.get("name", "ssh-rejects") != "ssh-rejects" or put.get("group", "VPCFlowLogs") != "VPCFlowLogs":
            client("logs").delete_metric_filter(
                logGroupName=put.get("group", "VPCFlowLogs"), filterName=put.get("name", "ssh-rejects")
            )
        put_filter()


@pytest.mark.parametrize(
    "pattern",
    [
        PATTERN,
        PATTERN.replace("destport=22", 'destport="22"').replace("protocol=6", 'protocol="6"'),  # the AWS guide's
        "[v, a, e, s, d, sp, dp = 22, p = 6, pk, b, ws, we, act = REJECT, st]",
        "[..., dp=22, p=6, pk, b, ws, we, act=REJECT, st]",
    ],
)
def test_any_pattern_that_counts_exactly_rejected_ssh_passes(lab, pattern):
    with changed_filter(pattern=pattern):
        assert reasons("detection.metric_filter") == []


@pytest.mark.parametrize(
    "pattern, why",
    [
        (PATTERN.replace(', action="REJECT"', ", action"), ["metric_filter_counts_accepted"]),
        (PATTERN.replace("destport=22", "destport=22*"), ["metric_filter_counts_other_ports"]),
        (PATTERN.replace("destport=22", "destport"), ["metric_filter_counts_other_ports"]),
        (PATTERN.replace("protocol=6", "protocol"), ["metric_filter_counts_udp"]),
        ("REJECT", ["metric_filter_counts_other_ports", "metric_filter_counts_udp"]),
        (PATTERN.replace("flowlogstatus]", "]").replace(", ]", "]"), ["metric_filter_misses"]),  # 13 fields
        (PATTERN.replace("destport=22", "destport=23"), ["metric_filter_misses"]),
    ],
)
def test_a_pattern_that_counts_the_wrong_records_says_which(lab, pattern, why):
    with changed_filter(pattern=pattern):
        assert reasons("detection.metric_filter") == why


def test_the_near_misses_name_what_was_counted(lab):
    with changed_filter(pattern=PATTERN.replace("destport=22", "destport=22*")):
        [(key, fields)] = verify("detection.metric_filter").missing
    assert fields["found"] == "2222, 222" and fields["filter"] == "ssh-rejects"
    assert SSH_REJECT.split()[6] == "22" and all(record != SSH_REJECT for _, _, record in NEAR_MISSES)


@pytest.mark.parametrize(
    "changes, why",
    [
        ({"metricName": "Rejects"}, ["metric_filter_wrong_metric"]),
        ({"metricNamespace": "LabKit"}, ["metric_filter_wrong_metric"]),
        ({"metricValue": "$bytes"}, ["metric_filter_value"]),
        ({"defaultValue": 1}, ["metric_filter_default"]),
    ],
)
def test_the_metric_it_publishes(lab, changes, why):
    with changed_filter(**changes):
        assert reasons("detection.metric_filter") == why


def test_no_default_value_is_fine(lab):
    client("logs").put_metric_filter(
        logGroupName="VPCFlowLogs",
        filterName="ssh-rejects",
        filterPattern=PATTERN,
        metricTransformations=[{k: v for k, v in TRANSFORMATION.items() if k != "defaultValue"}],
    )
    try:
        assert reasons("detection.metric_filter") == []
    finally:
        put_filter()


def test_a_filter_on_another_group_or_none_at_all(lab):
    logs = client("logs")
    logs.create_log_group(logGroupName="OtherLogs")
    try:
        logs.delete_metric_filter(logGroupName="VPCFlowLogs", filterName="ssh-rejects")
        assert reasons("detection.metric_filter") == ["no_metric_filter"]
        put_filter(group="OtherLogs")
        assert reasons("detection.metric_filter") == ["metric_filter_other_group"]
    finally:
        logs.delete_log_group(logGroupName="OtherLogs")
        put_filter()
    assert reasons("detection.metric_filter") == []


def test_a_differently_named_filter_with_the_right_metric_passes(lab):
    logs = client("logs")
    logs.delete_metric_filter(logGroupName="VPCFlowLogs", filterName="ssh-rejects")
    try:
        put_filter(name="rejected-ssh")
        assert reasons("detection.metric_filter") == []
    finally:
        logs.delete_metric_filter(logGroupName="VPCFlowLogs", filterName="rejected-ssh")
        put_filter()


# ---- the alarm -------------------------------------------------------------------------------------------


@contextlib.contextmanager
def changed_alarm(lab, **changes):
    """The lab's alarm put again with other settings (its state and history stay), then restored."""
    put_alarm(lab["topic"], **changes)
    try:
        yield
    finally:
        put_alarm(lab["topic"])


@pytest.mark.parametrize(
    "changes, why",
    [
        ({"MetricName": "Rejects"}, ["alarm_wrong_metric"]),
        ({"Dimensions": [{"Name": "Source", "Value": "192.0.2.1"}]}, ["alarm_dimensions"]),
        ({"Statistic": "Average"}, ["alarm_statistic"]),
        ({"Period": 300}, ["alarm_period"]),
        ({"EvaluationPeriods": 3, "DatapointsToAlarm": 2}, ["alarm_evaluation_periods"]),
        ({"Threshold": 10}, ["alarm_threshold"]),
        ({"ComparisonOperator": "GreaterThanThreshold"}, ["alarm_threshold"]),
        ({"TreatMissingData": None}, ["alarm_missing_data"]),
        ({"TreatMissingData": "breaching"}, ["alarm_missing_data"]),
        ({"AlarmActions": []}, ["alarm_no_topic"]),
        ({"AlarmActions": [f"arn:aws:sns:{REGION}:123456789012:deleted-topic"]}, ["alarm_topic_missing"]),
        ({"ActionsEnabled": False}, ["alarm_actions_disabled"]),
    ],
)
def test_each_wrong_setting_is_named(lab, changes, why):
    with changed_alarm(lab, **changes):
        assert reasons("detection.alarm") == why


def test_each_reason_names_the_call_that_fixes_it(lab):
    from labkit.messages import text

    with changed_alarm(lab, Threshold=10, TreatMissingData="missing"):
        missing = verify("detection.alarm").missing
    shown = [text(key, code, **fields) for key, fields in missing for code in ("en", "ko")]
    assert len(shown) == 4 and all("cloudwatch.put_metric_alarm(AlarmName='ssh-brute-force'" in s for s in shown)
    assert "GreaterThanOrEqualToThreshold 10.0" in shown[0] and "5.0" in shown[0]


def test_where_the_notification_goes(lab):
    sns, sqs = client("sns"), client("sqs")
    subscription = sns.list_subscriptions_by_topic(TopicArn=lab["topic"])["Subscriptions"][0]["SubscriptionArn"]
    sqs.set_queue_attributes(QueueUrl=lab["queue"], Attributes={"Policy": json.dumps({"Statement": []})})
    assert reasons("detection.alarm") == ["queue_policy"]
    sqs.set_queue_attributes(
        QueueUrl=lab["queue"],
        Attributes={"Policy": queue_policy(lab["queue_arn"], f"arn:aws:sns:{REGION}:123456789012:other")},
    )
    assert reasons("detection.alarm") == ["queue_policy"]  # the policy lets another topic in, not this one
    sqs.set_queue_attributes(QueueUrl=lab["queue"], Attributes={"Policy": queue_policy(lab["queue_arn"], lab["topic"])})
    sns.unsubscribe(SubscriptionArn=subscription)
    assert reasons("detection.alarm") == ["topic_no_queue"]
    sns.subscribe(TopicArn=lab["topic"], Protocol="sqs", Endpoint=f"arn:aws:sqs:{REGION}:123456789012:gone")
    assert reasons("detection.alarm") == ["subscribed_queue_missing"]
    for item in sns.list_subscriptions_by_topic(TopicArn=lab["topic"])["Subscriptions"]:
        sns.unsubscribe(SubscriptionArn=item["SubscriptionArn"])
    sns.subscribe(TopicArn=lab["topic"], Protocol="sqs", Endpoint=lab["queue_arn"])
    assert reasons("detection.alarm") == []


def test_a_wrongly_named_alarm_on_the_metric(lab):
    cloudwatch = client("cloudwatch")
    cloudwatch.delete_alarms(AlarmNames=["ssh-brute-force"])
    try:
        assert reasons("detection.alarm") == ["no_alarm"]
        client("cloudwatch").put_metric_alarm(**{**ALARM, "AlarmName": "ssh"})
        assert reasons("detection.alarm") == ["alarm_wrong_name"]
    finally:
        cloudwatch.delete_alarms(AlarmNames=["ssh"])
        put_alarm(lab["topic"])


def test_the_alarm_must_have_gone_to_alarm_by_evaluation_and_notified(lab):
    """A new alarm has no history; SetAlarmState proves nothing; an evaluation with actions disabled notified
    nobody; only a quiet stretch then the campaign, actions on, passes."""
    cloudwatch = client("cloudwatch")
    cloudwatch.delete_alarms(AlarmNames=["ssh-brute-force"])
    put_alarm(lab["topic"], ActionsEnabled=False)
    assert reasons("detection.alarm") == ["alarm_actions_disabled", "alarm_never_fired"]
    cloudwatch.set_alarm_state(AlarmName="ssh-brute-force", StateValue="ALARM", StateReason="trying")
    assert reasons("detection.alarm") == ["alarm_actions_disabled", "alarm_set_by_hand"]
    campaign()
    assert reasons("detection.alarm") == ["alarm_actions_disabled", "alarm_not_notified"]
    put_alarm(lab["topic"])
    assert reasons("detection.alarm") == ["alarm_not_notified"]
    campaign()
    assert reasons("detection.alarm") == []
    history = cloudwatch.describe_alarm_history(
        AlarmName="ssh-brute-force", HistoryItemType="StateUpdate", ScanBy="TimestampAscending"
    )["AlarmHistoryItems"]
    assert [h["HistorySummary"].split()[-1] for h in history][-2:] == ["OK", "ALARM"]


def test_the_notification_reaches_the_queue(lab):
    messages = client("sqs").receive_message(QueueUrl=lab["queue"], MaxNumberOfMessages=10)["Messages"]
    notices = [json.loads(json.loads(m["Body"])["Message"]) for m in messages]
    assert {(n["AlarmName"], n["NewStateValue"]) for n in notices} == {("ssh-brute-force", "ALARM")}


# ---- the Logs Insights answer -----------------------------------------------------------------------------


def test_wrong_answers_are_named(lab):
    ranked = sorted(ssh_truth(lab).items(), key=lambda item: (-item[1], item[0]))
    second = ranked[1][0]
    assert reasons("detection.insights_answer", ranked[0][1]) == ["answer_count_not_address"]
    assert reasons("detection.insights_answer", lab["scanner"]) == ["answer_top_any_port"]
    assert reasons("detection.insights_answer", second) in (["answer_not_top"], ["answer_ascending"])
    assert reasons("detection.insights_answer", ADMIN) == ["answer_accepted_source"]
    assert reasons("detection.insights_answer", "10.0.1.10") == ["answer_own_address"]
    assert reasons("detection.insights_answer", "8.8.8.8") == ["answer_no_ssh_rejects"]
    assert reasons("detection.insights_answer", "ssh") == ["answer_not_address"]
    assert reasons("detection.insights_answer") == ["answer_needed"]


def test_the_truth_decides_and_a_tie_accepts_either(lab):
    world = lab["world"]
    saved = world.truth
    try:
        world.truth = {**saved, "rejected_ssh_by_source": {"192.0.2.7": 40, "192.0.2.9": 40, "192.0.2.11": 3}}
        assert verify("detection.insights_answer", "192.0.2.7").passed
        assert verify("detection.insights_answer", "192.0.2.9").passed
        assert reasons("detection.insights_answer", "192.0.2.11") == ["answer_ascending"]
        world.truth = {**saved, "rejected_ssh_by_source": {}}
        assert reasons("detection.insights_answer", "192.0.2.7") == ["no_ssh_rejects"]
        world.truth = {key: value for key, value in saved.items() if key != "rejected_ssh_by_source"}
        assert reasons("detection.insights_answer", "192.0.2.7") == ["no_ssh_rejects"]  # a truth from before
    finally:
        world.truth = saved


def test_a_wrong_answer_never_shows_the_right_one(lab):
    from labkit.progress import run_check

    top = max(ssh_truth(lab).items(), key=lambda item: item[1])[0]
    shown = repr(run_check("detection.insights_answer", lab["scanner"]))
    assert top not in shown and lab["scanner"] in shown


# ---- lab 04 -------------------------------------------------------------------------------------------


def test_the_cleanup_check_wants_the_alarm_gone_and_notes_the_rest(lab):
    missing = reasons("cleanup.done")
    assert "alarms_left" in missing
    client("cloudwatch").delete_alarms(AlarmNames=["ssh-brute-force"])
    verdict = verify("cleanup.done")
    assert "checks.why.alarms_left" not in [key for key, _ in verdict.missing]
    notes = dict(verdict.notes)
    assert notes["checks.note.metric_filters_left"]["filters"] == "ssh-rejects"
    assert "labkit-security-alerts" in notes["checks.note.alerts_left"]["resources"]
    assert "labkit-alert-inbox" in notes["checks.note.alerts_left"]["resources"]


# ---- the notebook's AWS branch waits for the alarm ------------------------------------------------------


def test_wait_for_alarm_returns_once_the_alarm_is_in_alarm(lab):
    from labkit.labs import wait_for_alarm

    shown, naps = [], []
    put_alarm(lab["topic"])
    client("cloudwatch").set_alarm_state(AlarmName="ssh-brute-force", StateValue="OK", StateReason="test")

    def nap(seconds):  # while we "wait", the guessers come back
        naps.append(seconds)
        campaign()

    assert wait_for_alarm("ssh-brute-force", every=60, show=shown.append, sleep=nap, clock=lambda: 1234.5) == 1234
    assert naps == [60] and "Waiting for alarm ssh-brute-force to be ALARM" in shown[0]
    assert "the alarm is OK" in shown[1] and "경보 ssh-brute-force가 ALARM 상태입니다." in shown[-1]


def test_wait_for_alarm_gives_up_after_the_timeout(lab):
    from labkit.labs import wait_for_alarm

    shown = []
    end = wait_for_alarm(
        "no-such-alarm", timeout=120, every=60, show=shown.append, sleep=lambda s: None, clock=lambda: 99.0
    )
    assert end == 99 and len(shown) == 4 and "still - after 2 min" in shown[-1]
