"""Metric filters: which log events a filter turns into metric values, and the checks PutMetricFilter
and TestMetricFilter make. Pure: events in, per-minute statistic sets out (the moto glue is in patches.py).

    >>> transformation = {"metricName": "SshRejects", "metricNamespace": "Lab", "metricValue": "1"}
    >>> pattern = check_metric_filter('[..., action="REJECT", status]', [transformation])
    >>> [(p.minute, p.sample_count, p.total) for p in publish([("[...]", pattern, transformation)],
    ...     [(1764190805000, "2 a eni-1 x y 1 22 6 1 40 1 2 REJECT OK"), (1764190810000, "2 a eni-1 x y 1 22 6 1 40 1 2 ACCEPT OK")])]
    [(1764190800, 1, 1.0)]

CloudWatch Logs, as the user guide describes it: a matching event adds its metric value (a number, or
`$field` / `$.path` of the event); when the transformation has a default value, an event that does not
match adds that value instead, so a minute in which events arrived but none matched reports the default;
a minute without events reports nothing. Values are aggregated per minute (SampleCount, Sum, Minimum,
Maximum), stamped with the events' own time. Dimensions take their values from fields of the matching
event, only for JSON and space-delimited patterns, never together with a default value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

from ...config import MINUTE
from .filter_pattern import NUMBER, FilterPattern, FilterPatternError, parse

MAX_DIMENSIONS = 3
MAX_TEST_MESSAGES = 50
METRIC_FILTER_INVALID = "Invalid metric filter pattern"
NO_DIMENSIONS = "The specified filter pattern does not support dimensions"
DIMENSIONS_AND_DEFAULT = "Invalid metric transformation: dimensions and default value are mutually exclusive properties"


class MetricFilterError(ValueError):
    """What CloudWatch Logs answers with InvalidParameterException (the message is AWS's)."""


def parse_metric_pattern(text: str, invalid: str = METRIC_FILTER_INVALID) -> FilterPattern:
    try:
        return parse(text or "")
    except FilterPatternError as error:
        raise MetricFilterError(error.aws_message(invalid)) from None


def check_metric_filter(pattern_text: str, transformations: Sequence[dict]) -> FilterPattern:
    """The parsed pattern of a metric filter PutMetricFilter may store; MetricFilterError otherwise."""
    pattern = parse_metric_pattern(pattern_text)
    for transformation in transformations:
        dimensions = transformation.get("dimensions") or {}
        if dimensions and pattern.kind not in ("json", "delimited"):
            raise MetricFilterError(NO_DIMENSIONS)
        if dimensions and transformation.get("defaultValue") is not None:
            raise MetricFilterError(DIMENSIONS_AND_DEFAULT)
        if len(dimensions) > MAX_DIMENSIONS:
            raise MetricFilterError(f"Invalid metric transformation: at most {MAX_DIMENSIONS} dimensions are allowed")
        for reference in [transformation.get("metricValue", ""), *dimensions.values()]:
            if not _literal_number(reference) and not pattern.can_reference(str(reference)):
                raise MetricFilterError(
                    f"Invalid metric transformation: {reference} is not a number or a field of the filter pattern"
                )
    return pattern


def _literal_number(text) -> bool:
    return isinstance(text, (int, float)) or (isinstance(text, str) and bool(NUMBER.fullmatch(text.strip())))


def _number(text: str | None) -> float | None:
    if text is None or not NUMBER.fullmatch(text.strip()):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def try_metric_filter(pattern_text: str, messages: Sequence[str]) -> list[dict]:
    """TestMetricFilter's `matches`: eventNumber (from 1), eventMessage, extractedValues."""
    pattern = parse_metric_pattern(pattern_text)
    if not 1 <= len(messages) <= MAX_TEST_MESSAGES:
        raise MetricFilterError(
            f"1 validation error detected: Value at 'logEventMessages' failed to satisfy "
            f"constraint: Member must have length between 1 and {MAX_TEST_MESSAGES}"
        )
    found = []
    for number, message in enumerate(messages, start=1):
        match = pattern.match(message)
        if match is not None:
            found.append({"eventNumber": number, "eventMessage": message, "extractedValues": dict(match.extracted)})
    return found


@dataclass
class Datapoint:
    """The statistic set of one metric (name, namespace, dimensions, unit) in one minute."""

    namespace: str
    name: str
    dimensions: tuple[tuple[str, str], ...]
    unit: str | None
    minute: int
    sample_count: int = 0
    total: float = 0.0
    minimum: float = math.inf
    maximum: float = -math.inf

    @property
    def key(self) -> tuple:
        return (self.namespace, self.name, self.dimensions, self.unit, self.minute)

    def add(self, value: float) -> None:
        self.sample_count += 1
        self.total += value
        self.minimum = min(self.minimum, value)
        self.maximum = max(self.maximum, value)


def _observation(pattern: FilterPattern, transformation: dict, message: str):
    """(value, dimensions) this event adds, or None."""
    match = pattern.match(message)
    if match is None:
        default = transformation.get("defaultValue")
        return None if default is None else (float(default), ())
    raw = transformation.get("metricValue", "1")
    value = float(raw) if _literal_number(raw) else _number(match.value(str(raw)))
    if value is None:
        return None  # the field is not a number in this event: CloudWatch Logs publishes nothing for it
    dimensions = []
    for key, reference in sorted((transformation.get("dimensions") or {}).items()):
        dimension_value = match.value(str(reference))
        if dimension_value is None or dimension_value == "":
            return None
        dimensions.append((key, dimension_value))
    return value, tuple(dimensions)


def publish(filters: Iterable[tuple[str, FilterPattern, dict]], events: Iterable[tuple[int, str]]) -> list[Datapoint]:
    """The per-minute datapoints `filters` (name, parsed pattern, transformation) make of `events`
    (timestamp in milliseconds, message)."""
    filters = list(filters)
    points: dict[tuple, Datapoint] = {}
    for timestamp, message in events:
        minute = int(timestamp) // 1000 // MINUTE * MINUTE
        for _, pattern, transformation in filters:
            observed = _observation(pattern, transformation, message)
            if observed is None:
                continue
            value, dimensions = observed
            point = Datapoint(
                transformation["metricNamespace"],
                transformation["metricName"],
                dimensions,
                transformation.get("unit"),
                minute,
            )
            points.setdefault(point.key, point).add(value)
    return list(points.values())
