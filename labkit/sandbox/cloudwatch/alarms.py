"""Metric alarms that evaluate, as CloudWatch evaluates them, over the sandbox's simulated clock.

Every simulated minute (clock.py advances time as traffic is delivered) each metric alarm looks at the
`EvaluationPeriods + 2` most recent periods ending at that minute (the *evaluation range*), one
datapoint per period (its statistic over the metric's values), and `decide` chooses the state by the
rules of the CloudWatch user guide ("How alarm state is evaluated when data is missing"):

    >>> decide([False, None, True, None, True], periods=3, to_alarm=2, treat_missing="missing", current="OK")
    'ALARM'
    >>> decide([None] * 5, periods=3, to_alarm=3, treat_missing="missing", current="OK")
    'INSUFFICIENT_DATA'

A change of state is recorded in the alarm's history (DescribeAlarmHistory) and runs the actions of
the new state: an SNS topic receives CloudWatch's notification (moto's SNS delivers it to the topic's
subscribers, an SQS queue for example) and the history records the action.

Not evaluated (they keep the state SetAlarmState gives them): alarms on metric math (`Metrics`),
percentile statistics (`ExtendedStatistic`), anomaly-detection operators, composite alarms.
"""

from __future__ import annotations

import bisect
import calendar
import json
from datetime import datetime, timezone
from typing import Sequence

from ...config import MINUTE

OK, ALARM, INSUFFICIENT = "OK", "ALARM", "INSUFFICIENT_DATA"
RANGE_EXTRA = 2  # the guide's examples: 3 evaluation periods, "CloudWatch retrieves the 5 most recent data points"
OPERATORS = {
    "GreaterThanOrEqualToThreshold": (lambda v, t: v >= t, "greater than or equal to"),
    "GreaterThanThreshold": (lambda v, t: v > t, "greater than"),
    "LessThanThreshold": (lambda v, t: v < t, "less than"),
    "LessThanOrEqualToThreshold": (lambda v, t: v <= t, "less than or equal to"),
}
STATISTICS = ("SampleCount", "Average", "Sum", "Minimum", "Maximum")
REGION_NAMES = {
    "us-east-1": "US East (N. Virginia)",
    "us-east-2": "US East (Ohio)",
    "us-west-1": "US West (N. California)",
    "us-west-2": "US West (Oregon)",
    "eu-west-1": "EU (Ireland)",
    "eu-central-1": "EU (Frankfurt)",
    "ap-northeast-1": "Asia Pacific (Tokyo)",
    "ap-northeast-2": "Asia Pacific (Seoul)",
    "ap-southeast-1": "Asia Pacific (Singapore)",
    "ap-southeast-2": "Asia Pacific (Sydney)",
}


def decide(points: Sequence[bool | None], periods: int, to_alarm: int, treat_missing: str, current: str) -> str:
    """The alarm state for one evaluation. `points`: the evaluation range, oldest first, each period
    breaching (True), not breaching (False) or missing (None)."""
    real = [p for p in points if p is not None]
    if len(real) >= periods:  # enough real datapoints: the most recent N decide, missing data plays no part
        return ALARM if sum(real[-periods:]) >= to_alarm else OK
    if not real:
        return {"breaching": ALARM, "notBreaching": OK, "ignore": current}.get(treat_missing, INSUFFICIENT)
    if treat_missing in ("breaching", "notBreaching"):
        filled = real + [treat_missing == "breaching"] * (periods - len(real))  # as few filled in as possible
        return ALARM if sum(filled) >= to_alarm else OK
    breaching = sum(real)
    if breaching >= to_alarm:
        return ALARM
    if breaching < len(real):
        return OK  # a real datapoint within the threshold
    if treat_missing == "ignore":
        return current
    # Every real datapoint breaches but there are too few of them. The guide's table: "- - - - X" gives
    # INSUFFICIENT_DATA, "X - - - -" gives ALARM ("the oldest evaluated data point is breaching").
    return ALARM if points[0] is not None else INSUFFICIENT


# --- time ---


def epoch(moment: datetime) -> float:
    """Seconds since the epoch of a moto timestamp (naive datetimes are UTC, as moto keeps them)."""
    if moment.tzinfo is None:
        return calendar.timegm(moment.utctimetuple()) + moment.microsecond / 1e6
    return moment.timestamp()


def utc(seconds: float) -> datetime:
    """A naive UTC datetime, the form moto keeps."""
    return datetime.fromtimestamp(seconds, tz=timezone.utc).replace(tzinfo=None)


def iso(seconds: float) -> str:
    moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}+0000"


def _short(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%d/%m/%y %H:%M:%S")


# --- which alarms, which data ---


def evaluable(alarm) -> bool:
    return (
        getattr(alarm, "rule", None) is None
        and not alarm.metric_data_queries
        and not alarm.extended_statistic
        and alarm.statistic in STATISTICS
        and alarm.comparison_operator in OPERATORS
        and alarm.threshold is not None
        and bool(alarm.period)
        and bool(alarm.evaluation_periods)
    )


class MetricIndex:
    """A region's metric values by metric (namespace, name, dimensions), sorted by time. moto only ever
    appends to its list of values, so the index reads what was appended since it last looked."""

    def __init__(self, metric_data: list):
        self.metric_data = metric_data
        self.read = 0
        self.series: dict[tuple, tuple[list[float], list]] = {}

    def refresh(self) -> "MetricIndex":
        for datum in self.metric_data[self.read :]:
            key = (datum.namespace, datum.name, tuple(sorted((d.name, d.value) for d in datum.dimensions)))
            times, data = self.series.setdefault(key, ([], []))
            moment = epoch(datum.timestamp)
            position = bisect.bisect_right(times, moment)
            times.insert(position, moment)
            data.insert(position, datum)
        self.read = len(self.metric_data)
        return self


_indexes: dict[int, MetricIndex] = {}


def keep_indexes(metric_data_lists: list[list]) -> None:
    """Forget the indexes of lists moto no longer uses (a reset, a restore replaced them)."""
    live = {id(data) for data in metric_data_lists}
    for key in [key for key in _indexes if key not in live]:
        del _indexes[key]


def metric_index(metric_data: list) -> MetricIndex:
    """The index of one region's metric values (rebuilt when moto's list is a new one: a reset, a restore)."""
    index = _indexes.get(id(metric_data))
    if index is None or index.metric_data is not metric_data:
        index = _indexes[id(metric_data)] = MetricIndex(metric_data)
    return index.refresh()


class Series:
    """The alarm's metric values, sorted by time, for statistics per period."""

    def __init__(self, alarm, index: MetricIndex):
        key = (alarm.namespace, alarm.metric_name, tuple(sorted((d.name, d.value) for d in alarm.dimensions)))
        times, data = index.series.get(key, ([], []))
        if alarm.unit:
            chosen = [(t, d) for t, d in zip(times, data) if d.unit == alarm.unit]
            times, data = [t for t, _ in chosen], [d for _, d in chosen]
        self.times, self.data = times, data

    def between(self, start: float, end: float) -> list:
        return self.data[bisect.bisect_left(self.times, start) : bisect.bisect_left(self.times, end)]

    def next_from(self, moment: float) -> float | None:
        """The time of the first value at or after `moment`."""
        index = bisect.bisect_left(self.times, moment)
        return self.times[index] if index < len(self.times) else None


def statistic(data: list, name: str) -> tuple[float, float]:
    """(value, sample count) of moto datapoints (single values and statistic sets alike)."""
    from moto.cloudwatch.models import MetricAggregatedDatum

    count = total = 0.0
    low, high = float("inf"), float("-inf")
    for datum in data:
        if isinstance(datum, MetricAggregatedDatum):
            count += datum.sample_count
            total += datum.sum
            low, high = min(low, datum.min), max(high, datum.max)
        else:
            count += 1
            total += datum.value
            low, high = min(low, datum.value), max(high, datum.value)
    value = {
        "SampleCount": count,
        "Sum": total,
        "Minimum": low,
        "Maximum": high,
        "Average": total / count if count else 0.0,
    }[name]
    return value, count


# --- one evaluation ---


def evaluate(alarm, series: Series, at: int, account_id: str, region: str) -> None:
    """Evaluate `alarm` at simulated time `at` (a minute boundary) and change its state if need be."""
    period = int(alarm.period)
    periods = int(alarm.evaluation_periods)
    to_alarm = int(alarm.datapoints_to_alarm or periods)
    test, phrase = OPERATORS[alarm.comparison_operator]
    threshold = float(alarm.threshold)
    span = periods + RANGE_EXTRA
    points: list[bool | None] = []
    evaluated: list[dict] = []
    for index in range(span - 1, -1, -1):  # oldest first
        start = at - (index + 1) * period
        data = series.between(start, start + period)
        if not data:
            points.append(None)
            continue
        value, count = statistic(data, alarm.statistic)
        breaching = test(value, threshold)
        points.append(breaching)
        evaluated.append(
            {"timestamp": iso(start), "sampleCount": count, "value": value, "start": start, "breaching": breaching}
        )
    current = alarm.state_value
    treat = alarm.treat_missing_data or "missing"
    new = decide(points, periods, to_alarm, treat, current)
    if new == current:
        return
    recent = evaluated[-periods:]
    reason = _reason(new, current, recent, to_alarm, periods, phrase, threshold, span - len(evaluated))
    data = {
        "version": "1.0",
        "queryDate": iso(at),
        "startDate": iso(at - span * period),
        "statistic": alarm.statistic,
        "period": period,
        "recentDatapoints": [p["value"] for p in recent],
        "threshold": threshold,
        "evaluatedDatapoints": [
            {k: v for k, v in p.items() if k not in ("start", "breaching")} for p in reversed(recent)
        ],
    }
    change_state(alarm, new, reason, json.dumps(data), at, account_id, region)


def _reason(
    new: str, old: str, recent: list[dict], to_alarm: int, periods: int, phrase: str, threshold: float, missing: int
) -> str:
    if new == INSUFFICIENT or not recent:
        count = max(missing, 1)
        return f"Insufficient Data: {count} datapoint{'s were' if count > 1 else ' was'} unknown."
    deciding = [p for p in reversed(recent) if p["breaching"] == (new == ALARM)] or list(reversed(recent))
    shown = ", ".join(f"{float(p['value'])!r} ({_short(p['start'])})" for p in deciding)
    verb = "was" if len(deciding) == 1 else "were"
    negation = "" if new == ALARM else "not "
    needed = to_alarm if new == ALARM else periods - to_alarm + 1
    return (
        f"Threshold Crossed: {len(deciding)} out of the last {periods} datapoints [{shown}] {verb} "
        f"{negation}{phrase} the threshold ({float(threshold)!r}) (minimum {needed} datapoint"
        f"{'s' if needed > 1 else ''} for {old} -> {new} transition)."
    )


# --- state changes, history, actions ---


def history_item(alarm, kind: str, summary: str, data: dict, at: float) -> dict:
    return {
        "AlarmName": alarm.name,
        "AlarmType": "CompositeAlarm" if getattr(alarm, "rule", None) else "MetricAlarm",
        "Timestamp": utc(at),
        "HistoryItemType": kind,
        "HistorySummary": summary,
        "HistoryData": json.dumps(data),
    }


def record(alarm, item: dict) -> None:
    history = getattr(alarm, "history", None)
    if not isinstance(history, list):
        alarm.history = history = []
    history.append(item)


def change_state(alarm, new: str, reason: str, reason_data: str, at: float, account_id: str, region: str) -> None:
    """Set the state, record the transition and run the new state's actions (SNS topics)."""
    old, old_reason = alarm.state_value, alarm.state_reason
    alarm.state_value, alarm.state_reason, alarm.state_reason_data = new, reason, reason_data or None
    alarm.state_updated_timestamp = alarm.state_transitioned_timestamp = utc(at)
    try:
        parsed_data = json.loads(reason_data) if reason_data else None
    except ValueError:
        parsed_data = None
    new_state = {"stateValue": new, "stateReason": reason}
    if parsed_data:
        new_state["stateReasonData"] = parsed_data
    record(
        alarm,
        history_item(
            alarm,
            "StateUpdate",
            f"Alarm updated from {old} to {new}",
            {"version": "1.0", "oldState": {"stateValue": old, "stateReason": old_reason}, "newState": new_state},
            at,
        ),
    )
    if alarm.actions_enabled:
        actions = {ALARM: alarm.alarm_actions, OK: alarm.ok_actions, INSUFFICIENT: alarm.insufficient_data_actions}[new]
        for action in actions or []:
            _run_action(alarm, action, old, at, account_id, region)


def notification(alarm, old: str, at: float, account_id: str, region: str) -> tuple[str, str]:
    """(subject, message) of the SNS notification CloudWatch sends for a state change."""
    region_name = REGION_NAMES.get(region, region)
    trigger = {
        "MetricName": alarm.metric_name,
        "Namespace": alarm.namespace,
        "StatisticType": "Statistic",
        "Statistic": (alarm.statistic or "").upper(),
        "Unit": alarm.unit,
        "Dimensions": [{"value": d.value, "name": d.name} for d in alarm.dimensions],
        "Period": int(alarm.period),
        "EvaluationPeriods": int(alarm.evaluation_periods),
        "DatapointsToAlarm": int(alarm.datapoints_to_alarm or alarm.evaluation_periods),
        "ComparisonOperator": alarm.comparison_operator,
        "Threshold": float(alarm.threshold),
        "TreatMissingData": alarm.treat_missing_data or "missing",
        "EvaluateLowSampleCountPercentile": "",
    }
    message = {
        "AlarmName": alarm.name,
        "AlarmDescription": alarm.description,
        "AWSAccountId": account_id,
        "AlarmConfigurationUpdatedTimestamp": iso(epoch(alarm.configuration_updated_timestamp)),
        "NewStateValue": alarm.state_value,
        "NewStateReason": alarm.state_reason,
        "StateChangeTime": iso(at),
        "Region": region_name,
        "AlarmArn": alarm.alarm_arn,
        "OldStateValue": old,
        "OKActions": list(alarm.ok_actions or []),
        "AlarmActions": list(alarm.alarm_actions or []),
        "InsufficientDataActions": list(alarm.insufficient_data_actions or []),
        "Trigger": trigger,
    }
    subject = f'{alarm.state_value}: "{alarm.name}" in {region_name}'[:100]
    return subject, json.dumps(message)


def _run_action(alarm, action: str, old: str, at: float, account_id: str, region: str) -> None:
    parts = action.split(":")
    if len(parts) < 6 or parts[2] != "sns":
        return  # EC2 / Auto Scaling / Systems Manager actions: nothing in the sandbox carries them out
    subject, message = notification(alarm, old, at, account_id, region)
    try:
        from moto.sns.models import sns_backends

        sns_backends[parts[4]][parts[3]].publish(message, arn=action, subject=subject)
    except Exception as error:  # a missing topic, a queue deleted since: the history says so, as AWS's does
        name = getattr(error, "message", None) or type(error).__name__
        record(
            alarm,
            history_item(
                alarm,
                "Action",
                f'Failed to execute action {action}. Received error: "{name}"',
                {
                    "actionState": "Failed",
                    "notificationResource": action,
                    "stateUpdateTimestamp": int(at * 1000),
                    "error": name,
                },
                at,
            ),
        )
        return
    record(
        alarm,
        history_item(
            alarm,
            "Action",
            f"Successfully executed action {action}",
            {
                "actionState": "Succeeded",
                "notificationResource": action,
                "stateUpdateTimestamp": int(at * 1000),
                "publishedMessage": message,
            },
            at,
        ),
    )


# --- catching up with the clock ---


def catch_up(alarm, index: MetricIndex, until: int, account_id: str, region: str) -> None:
    """Evaluate `alarm` at every minute after the last one it was evaluated at, up to `until`."""
    last = getattr(alarm, "labkit_evaluated_until", None)
    alarm.labkit_evaluated_until = until if last is None else max(last, until)
    if not evaluable(alarm) or (last is not None and until <= last):
        return
    first = until if last is None else (last // MINUTE + 1) * MINUTE
    if last is None:  # created before simulated time began: it has existed since the first minute it sees
        for item in getattr(alarm, "history", None) or []:
            if isinstance(item, dict) and item.pop("labkit_undated", False):
                item["Timestamp"] = utc(until - MINUTE)
    reach = (int(alarm.evaluation_periods) + RANGE_EXTRA) * int(alarm.period)
    series = Series(alarm, index)  # each combination of dimensions is a metric of its own, as in CloudWatch
    moment = first
    while moment <= until:
        evaluate(alarm, series, moment, account_id, region)
        if series.between(moment - reach, moment):
            moment += MINUTE
            continue
        # Nothing in range: every later evaluation until the next value enters it decides the same.
        upcoming = series.next_from(moment)
        if upcoming is None:
            break
        moment = max(moment + MINUTE, (int(upcoming) // MINUTE + 1) * MINUTE)
