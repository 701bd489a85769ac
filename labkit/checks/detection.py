"""Lab 02, real-time detection: the SSH-reject metric filter on VPCFlowLogs, the alarm on its metric (set up
as the lab says, notifying an SNS topic that an SQS queue receives, and gone to ALARM as CloudWatch
evaluated it), and the answer of one Logs Insights query, judged against the truth.

The filter pattern is judged by what it matches, not by its text: CloudWatch's own TestMetricFilter runs it
on sample flow-log records (a rejected SSH attempt, and near misses: accepted, another port, UDP), so any
pattern that counts exactly the rejected SSH attempts passes, and each near miss it counts is named.

    >>> verify("detection.metric_filter").passed
    True
"""

from __future__ import annotations

import json
from collections import Counter

from botocore.exceptions import ClientError

from .. import iam as policies
from . import names
from .answers import normalize, same_answer
from .context import Context, truth_counts
from .delivered import tied_at_top
from .reading import rejected_sources_delivered, top_rejected_source, why_not_top_source
from .verdict import Verdict

SAMPLE_ENI = "eni-0a1b2c3d4e5f60718"


def sample_record(dstport: int = 22, protocol: int = 6, action: str = "REJECT", srcport: int = 51515) -> str:
    """A default-format flow-log record of one attempt from 203.0.113.9 to the bastion's private address."""
    return (
        f"2 123456789012 {SAMPLE_ENI} 203.0.113.9 10.0.1.10 {srcport} {dstport} {protocol} 1 40 "
        f"1764190800 1764190860 {action} OK"
    )


SSH_REJECT = sample_record()
# Records the SSH-reject filter must not count, by the reason it would be wrong to, and what they show.
NEAR_MISSES = (
    ("metric_filter_counts_accepted", "ACCEPT", sample_record(action="ACCEPT")),
    ("metric_filter_counts_other_ports", "23", sample_record(dstport=23)),
    ("metric_filter_counts_other_ports", "2222", sample_record(dstport=2222)),
    ("metric_filter_counts_other_ports", "222", sample_record(dstport=222)),
    ("metric_filter_counts_other_ports", "srcport 22", sample_record(srcport=22, dstport=51515)),
    ("metric_filter_counts_udp", "UDP", sample_record(protocol=17)),
)
THRESHOLD_REASON = "Threshold Crossed"  # how CloudWatch's own evaluations explain a change of state


def _paginate(client, operation: str, key: str, **kwargs) -> list:
    return [item for page in client.get_paginator(operation).paginate(**kwargs) for item in page.get(key, [])]


def _log_group_exists(ctx: Context) -> bool:
    groups = ctx.client("logs").describe_log_groups(logGroupNamePrefix=names.LOG_GROUP_NAME)["logGroups"]
    return any(g["logGroupName"] == names.LOG_GROUP_NAME for g in groups)


def _publishes_lab_metric(metric_filter: dict) -> bool:
    return any(
        (t.get("metricNamespace"), t.get("metricName")) == (names.METRIC_NAMESPACE, names.METRIC_NAME)
        for t in metric_filter.get("metricTransformations") or []
    )


def _judge_metric_filter(ctx: Context, metric_filter: dict) -> Verdict:
    v = Verdict()
    name = metric_filter.get("filterName", "")
    v.evidence.update(filter=name, pattern=metric_filter.get("filterPattern", ""))
    fix = {"filter": name, "group": names.LOG_GROUP_NAME}
    transformations = metric_filter.get("metricTransformations") or [{}]
    mine = [
        t
        for t in transformations
        if (t.get("metricNamespace"), t.get("metricName")) == (names.METRIC_NAMESPACE, names.METRIC_NAME)
    ]
    if not mine:
        found = transformations[0]
        v.fail(
            "metric_filter_wrong_metric",
            found=f"{found.get('metricNamespace')}/{found.get('metricName')}",
            expected=f"{names.METRIC_NAMESPACE}/{names.METRIC_NAME}",
            **fix,
        )
        return v
    transformation = mine[0]
    value = str(transformation.get("metricValue", ""))
    v.require(value.strip() == "1", "metric_filter_value", found=value, **fix)
    default = transformation.get("defaultValue")
    v.require(default is None or default == 0, "metric_filter_default", found=default, **fix)
    _judge_pattern(ctx, v, metric_filter.get("filterPattern", ""), fix)
    return v


def _judge_pattern(ctx: Context, v: Verdict, pattern: str, fix: dict) -> None:
    """What the pattern matches among a rejected SSH attempt and its near misses (TestMetricFilter)."""
    events = [SSH_REJECT] + [record for _, _, record in NEAR_MISSES]
    matched = {
        m["eventMessage"]
        for m in ctx.client("logs").test_metric_filter(filterPattern=pattern, logEventMessages=events)["matches"]
    }
    if not v.require(SSH_REJECT in matched, "metric_filter_misses", record=SSH_REJECT, **fix):
        return
    wrong: dict[str, list[str]] = {}
    for reason, shown, record in NEAR_MISSES:
        if record in matched:
            wrong.setdefault(reason, []).append(shown)
    for reason, shown in wrong.items():
        v.fail(reason, found=", ".join(shown), **fix)


def metric_filter(ctx: Context, answer=None) -> Verdict:
    """A metric filter on VPCFlowLogs adds 1 to the lab's metric for each rejected SSH attempt, and only those."""
    if not _log_group_exists(ctx):
        return Verdict().fail("no_log_group", group=names.LOG_GROUP_NAME)
    logs = ctx.client("logs")
    filters = _paginate(logs, "describe_metric_filters", "metricFilters", logGroupName=names.LOG_GROUP_NAME)
    candidates = [f for f in filters if _publishes_lab_metric(f)] or [
        f for f in filters if f.get("filterName") == names.METRIC_FILTER_NAME
    ]
    if not candidates:
        elsewhere = [
            f
            for f in _paginate(
                logs,
                "describe_metric_filters",
                "metricFilters",
                metricName=names.METRIC_NAME,
                metricNamespace=names.METRIC_NAMESPACE,
            )
            if f.get("logGroupName") != names.LOG_GROUP_NAME
        ]
        if elsewhere:
            return Verdict().fail(
                "metric_filter_other_group",
                found=elsewhere[0]["logGroupName"],
                filter=elsewhere[0]["filterName"],
                group=names.LOG_GROUP_NAME,
            )
        return Verdict().fail(
            "no_metric_filter",
            group=names.LOG_GROUP_NAME,
            filter=names.METRIC_FILTER_NAME,
            metric=f"{names.METRIC_NAMESPACE}/{names.METRIC_NAME}",
        )
    verdicts = [_judge_metric_filter(ctx, f) for f in candidates]
    return next((v for v in verdicts if v.passed), verdicts[0])


# --- the alarm ---


def _lab_alarm(ctx: Context, v: Verdict) -> dict | None:
    cloudwatch = ctx.client("cloudwatch")
    found = cloudwatch.describe_alarms(AlarmNames=[names.ALARM_NAME], AlarmTypes=["MetricAlarm"])["MetricAlarms"]
    if found:
        return found[0]
    on_metric = [
        a
        for a in _paginate(cloudwatch, "describe_alarms", "MetricAlarms", AlarmTypes=["MetricAlarm"])
        if (a.get("Namespace"), a.get("MetricName")) == (names.METRIC_NAMESPACE, names.METRIC_NAME)
    ]
    if on_metric:
        v.fail("alarm_wrong_name", found=on_metric[0]["AlarmName"], expected=names.ALARM_NAME)
    else:
        v.fail("no_alarm", name=names.ALARM_NAME, metric=f"{names.METRIC_NAMESPACE}/{names.METRIC_NAME}")
    return None


def _judge_settings(v: Verdict, alarm: dict) -> None:
    """Each setting the lab gives, with the call that fixes it (put_metric_alarm with the same name replaces it)."""
    fix = {"name": alarm["AlarmName"]}
    metric = (alarm.get("Namespace"), alarm.get("MetricName"))
    v.require(
        metric == (names.METRIC_NAMESPACE, names.METRIC_NAME),
        "alarm_wrong_metric",
        found=f"{metric[0]}/{metric[1]}",
        expected=f"{names.METRIC_NAMESPACE}/{names.METRIC_NAME}",
        **fix,
    )
    dimensions = alarm.get("Dimensions") or []
    v.require(
        not dimensions,
        "alarm_dimensions",
        found=", ".join(f"{d.get('Name')}={d.get('Value')}" for d in dimensions),
        **fix,
    )
    statistic = alarm.get("Statistic") or alarm.get("ExtendedStatistic")
    v.require(
        statistic == names.ALARM_STATISTIC, "alarm_statistic", found=statistic, expected=names.ALARM_STATISTIC, **fix
    )
    v.require(
        alarm.get("Period") == names.ALARM_PERIOD,
        "alarm_period",
        found=alarm.get("Period"),
        expected=names.ALARM_PERIOD,
        **fix,
    )
    periods = (alarm.get("EvaluationPeriods"), alarm.get("DatapointsToAlarm") or alarm.get("EvaluationPeriods"))
    v.require(
        periods == (names.ALARM_EVALUATION_PERIODS,) * 2,
        "alarm_evaluation_periods",
        found=f"{periods[1]}/{periods[0]}",
        expected=names.ALARM_EVALUATION_PERIODS,
        **fix,
    )
    condition = (alarm.get("ComparisonOperator"), alarm.get("Threshold"))
    v.require(
        condition == (names.ALARM_OPERATOR, names.ALARM_THRESHOLD),
        "alarm_threshold",
        found=f"{condition[0]} {condition[1]}",
        operator=names.ALARM_OPERATOR,
        threshold=names.ALARM_THRESHOLD,
        **fix,
    )
    missing = alarm.get("TreatMissingData") or "missing"
    v.require(
        missing == names.ALARM_MISSING_DATA,
        "alarm_missing_data",
        found=missing,
        expected=names.ALARM_MISSING_DATA,
        **fix,
    )


def _topic_exists(ctx: Context, topic: str) -> bool:
    try:
        ctx.client("sns").get_topic_attributes(TopicArn=topic)
        return True
    except ClientError:
        return False


def _queue_url(ctx: Context, queue_arn: str) -> str | None:
    parts = queue_arn.split(":")
    if len(parts) != 6:
        return None
    try:
        return ctx.client("sqs").get_queue_url(QueueName=parts[5], QueueOwnerAWSAccountId=parts[4])["QueueUrl"]
    except ClientError:
        return None


def _queue_lets_topic_send(ctx: Context, url: str, queue_arn: str, topic: str) -> bool:
    """The queue's policy lets SNS deliver this topic's messages (AWS drops them otherwise)."""
    found = ctx.client("sqs").get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"]).get("Attributes", {})
    try:
        policy = policies.document(found.get("Policy") or "{}")
    except ValueError:
        return False
    request = policies.Request("sqs:SendMessage", queue_arn, "sns.amazonaws.com", {"aws:SourceArn": topic})
    return policies.decide([policy], request).allowed


def _judge_notification(ctx: Context, v: Verdict, alarm: dict) -> None:
    """An SNS topic among the ALARM actions, an SQS queue subscribed to it, and a queue policy letting it in."""
    name = alarm["AlarmName"]
    v.require(alarm.get("ActionsEnabled", True), "alarm_actions_disabled", name=name)
    topics = [a for a in alarm.get("AlarmActions") or [] if a.startswith("arn:aws:sns:")]
    if not v.require(bool(topics), "alarm_no_topic", name=name):
        return
    existing = [t for t in topics if _topic_exists(ctx, t)]
    if not v.require(bool(existing), "alarm_topic_missing", name=name, topic=topics[0]):
        return
    topic = existing[0]
    subscriptions = _paginate(ctx.client("sns"), "list_subscriptions_by_topic", "Subscriptions", TopicArn=topic)
    queues = [s["Endpoint"] for s in subscriptions if s.get("Protocol") == "sqs"]
    if not v.require(bool(queues), "topic_no_queue", topic=topic):
        return
    urls = {arn: _queue_url(ctx, arn) for arn in queues}
    live = [arn for arn, url in urls.items() if url]
    if not v.require(bool(live), "subscribed_queue_missing", topic=topic, queue=queues[0]):
        return
    v.require(
        any(_queue_lets_topic_send(ctx, urls[arn], arn, topic) for arn in live),
        "queue_policy",
        queue=urls[live[0]],
        topic=topic,
    )


def _history(ctx: Context, name: str, kind: str) -> list[dict]:
    items = _paginate(
        ctx.client("cloudwatch"), "describe_alarm_history", "AlarmHistoryItems", AlarmName=name, HistoryItemType=kind
    )
    found = []
    for item in items:
        try:
            data = json.loads(item.get("HistoryData") or "{}")
        except ValueError:
            data = {}
        found.append(data if isinstance(data, dict) else {})
    return found


def _judge_history(ctx: Context, v: Verdict, alarm: dict) -> None:
    """The alarm went to ALARM by CloudWatch's own evaluation (not SetAlarmState) and notified its topic."""
    name = alarm["AlarmName"]
    to_alarm = [d.get("newState") or {} for d in _history(ctx, name, "StateUpdate")]
    to_alarm = [s for s in to_alarm if isinstance(s, dict) and s.get("stateValue") == "ALARM"]
    evaluated = [s for s in to_alarm if str(s.get("stateReason", "")).startswith(THRESHOLD_REASON)]
    v.evidence["went_to_alarm"] = len(evaluated)
    if not evaluated:
        v.fail("alarm_set_by_hand" if to_alarm else "alarm_never_fired", name=name, state=alarm.get("StateValue"))
        return
    sent = [
        d
        for d in _history(ctx, name, "Action")
        if d.get("actionState") == "Succeeded" and str(d.get("notificationResource", "")).startswith("arn:aws:sns:")
    ]
    v.require(bool(sent), "alarm_not_notified", name=name)


def alarm(ctx: Context, answer=None) -> Verdict:
    """The lab's alarm, set up as the lab says, notifying a topic a queue receives, and gone to ALARM."""
    v = Verdict()
    found = _lab_alarm(ctx, v)
    if found is None:
        return v
    v.evidence.update(alarm=found["AlarmName"], state=found.get("StateValue"))
    _judge_settings(v, found)
    _judge_notification(ctx, v, found)
    _judge_history(ctx, v, found)
    return v


# --- the Logs Insights question: who made the most rejected SSH attempts ---


def rejected_ssh_by_source(ctx: Context) -> Counter:
    """Rejected SSH attempts toward the bastion by source: the truth's, else the delivered logs'."""
    if ctx.truth:
        return truth_counts(ctx.truth, "rejected_ssh_by_source")
    return rejected_sources_delivered(ctx, ssh_only=True)


def insights_answer(ctx: Context, answer=None) -> Verdict:
    """The source address with the most rejected SSH attempts (any address tied at the top is right)."""
    v = Verdict()
    counts = rejected_ssh_by_source(ctx)
    if not v.require(bool(counts), "no_ssh_rejects"):
        return v
    v.evidence["answer"] = normalize(answer)
    if any(same_answer(answer, address) for address in tied_at_top(counts)):
        return v
    overall = top_rejected_source(ctx, Verdict())
    if overall is not None and same_answer(answer, overall):
        return v.fail("answer_top_any_port", answer=normalize(answer))
    why, fields = why_not_top_source(ctx, answer, counts, absent="answer_no_ssh_rejects")
    return v.fail(why, **fields)
