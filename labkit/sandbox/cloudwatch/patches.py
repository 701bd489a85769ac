"""moto's CloudWatch Logs and CloudWatch, made to behave as AWS does for the course (shared/reference/moto.md).

Applied once from moto_patches when moto first loads either service. Gaps closed:
- Filter patterns (FilterLogEvents, StartLiveTail, subscription filters): the whole syntax (filter_pattern.py),
  not only plain terms; a pattern AWS refuses is an InvalidParameterException, not "match everything".
- PutMetricFilter: the pattern and transformation checked as AWS checks them, the log group must exist,
  a filter of the same name is replaced (moto kept both), creationTime; DeleteLogGroup takes its filters.
- TestMetricFilter (moto lacks it), with extractedValues.
- Metric filters publish: every event a log stream receives (PutLogEvents, flow-log delivery) is matched
  by its group's metric filters and the values go to CloudWatch per minute (metric_filters.py).
- GetMetricStatistics, GetMetricData: a metric is namespace, name and the exact set of dimensions, as in
  CloudWatch (moto added values with more dimensions); periods count from StartTime rounded down to the minute.
- Alarms: a new alarm starts INSUFFICIENT_DATA and evaluates over simulated time (alarms.py, clock.py);
  SetAlarmState and evaluations record history and run SNS actions; DescribeAlarmHistory (moto lacks it).
- Logs Insights (moto ignored filter and stats): StartQuery, GetQueryResults, StopQuery, DescribeQueries and
  GetLogRecord answer with labkit's engine (insights.py); a query AWS refuses is a MalformedQueryException.
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
import time
import uuid
from datetime import datetime

from moto.cloudwatch.exceptions import InvalidParameterValue, ValidationError
from moto.cloudwatch.metric_data_expression_parser import parse_expression
from moto.cloudwatch.models import Alarm, CloudWatchBackend, MetricAggregatedDatum, Statistics, cloudwatch_backends
from moto.cloudwatch.responses import CloudWatchResponse
from moto.core.responses import ActionResult
from moto.core.utils import unix_time_millis, utcnow
from moto.logs import models as logs_models
from moto.logs.exceptions import (
    InvalidParameterException,
    LimitExceededException,
    LogsClientError,
    ResourceNotFoundException,
)
from moto.logs.models import LogEvent, LogsBackend, LogStream, logs_backends
from moto.logs.responses import LogsResponse

from ..persistence import collector_paused
from . import alarms, clock, insights
from .filter_pattern import FilterPatternError, parse
from .metric_filters import MetricFilterError, check_metric_filter, parse_metric_pattern, publish, try_metric_filter

FILTER_INVALID = "Invalid filter pattern"
MAX_METRIC_FILTERS = 100
_applied = False
_publishing = threading.Lock()


def apply() -> None:
    global _applied
    if _applied:
        return
    _applied = True
    _patch_logs()
    _patch_insights()
    _patch_cloudwatch()


# --- CloudWatch Logs ---


class _PatternFilter:
    """moto's EventMessageFilter, with labkit's filter patterns behind it."""

    def __init__(self, pattern: str | None):
        try:
            self.pattern = parse(pattern or "")
        except FilterPatternError as error:
            raise InvalidParameterException(error.aws_message(FILTER_INVALID)) from None

    def matches(self, message: str) -> bool:
        return self.pattern.matches(message)


def _patch_logs() -> None:
    logs_models.EventMessageFilter = _PatternFilter  # FilterLogEvents and StartLiveTail look it up here
    original_filter = LogsBackend.filter_log_events
    original_live_tail = LogsBackend.start_live_tail
    original_delete_group = LogsBackend.delete_log_group
    original_put_subscription = LogsBackend.put_subscription_filter

    def filter_log_events(
        self, log_group_name, log_stream_names, start_time, end_time, limit, next_token, filter_pattern, interleaved
    ):
        _PatternFilter(filter_pattern)  # refused before any stream is read, as AWS refuses it
        return original_filter(
            self, log_group_name, log_stream_names, start_time, end_time, limit, next_token, filter_pattern, interleaved
        )

    def start_live_tail(
        self, log_group_identifiers, log_stream_names, log_stream_name_prefixes, log_event_filter_pattern
    ):
        _PatternFilter(log_event_filter_pattern)
        return original_live_tail(
            self, log_group_identifiers, log_stream_names, log_stream_name_prefixes, log_event_filter_pattern
        )

    def put_metric_filter(self, filter_name, filter_pattern, log_group_name, metric_transformations):
        if log_group_name not in self.groups:
            raise ResourceNotFoundException()
        try:
            check_metric_filter(filter_pattern or "", metric_transformations or [])
        except MetricFilterError as error:
            raise InvalidParameterException(str(error)) from None
        mine = [f for f in self.filters.metric_filters if f["logGroupName"] == log_group_name]
        if len(mine) >= MAX_METRIC_FILTERS and filter_name not in {f["filterName"] for f in mine}:
            raise LimitExceededException()  # AWS's quota: 100 metric filters a log group
        self.filters.delete_filter(filter_name, log_group_name)
        self.filters.add_filter(filter_name, filter_pattern or "", log_group_name, metric_transformations)
        self.filters.metric_filters[-1]["creationTime"] = int(time.time() * 1000)

    def delete_log_group(self, log_group_name):
        original_delete_group(self, log_group_name)
        for metric_filter in [f for f in self.filters.metric_filters if f["logGroupName"] == log_group_name]:
            self.filters.metric_filters.remove(metric_filter)

    def put_log_events(self, log_events):
        """moto's LogStream.put_log_events, with each subscription filter sending only the events its
        pattern matches (moto sent every event), then the metric filters' values published."""
        self.last_ingestion_time = utcnow()
        self.stored_bytes += sum(len(event["message"]) for event in log_events)
        ingestion_time = int(unix_time_millis(self.last_ingestion_time))
        events = [LogEvent(ingestion_time, event) for event in log_events]
        self.events += events
        self.upload_sequence_token += 1
        for subscription in list(self.log_group.subscription_filters.values()):
            try:
                pattern = parse(subscription.filter_pattern or "")
            except FilterPatternError:
                continue  # stored before these checks existed: it matches nothing
            chosen = [
                {"id": e.event_id, "timestamp": e.timestamp, "message": e.message}
                for e in events
                if pattern.matches(e.message)
            ]
            if chosen:
                self._send_log_events(
                    service=subscription.destination_arn.split(":")[2],
                    destination_arn=subscription.destination_arn,
                    filter_name=subscription.name,
                    log_events=chosen,
                )
        _publish_metric_filters(self, log_events)
        return f"{self.upload_sequence_token:056d}"

    def put_subscription_filter(self, log_group_name, filter_name, filter_pattern, destination_arn, role_arn):
        _PatternFilter(filter_pattern)
        return original_put_subscription(self, log_group_name, filter_name, filter_pattern, destination_arn, role_arn)

    def test_metric_filter(self) -> str:
        try:
            found = try_metric_filter(self._get_param("filterPattern") or "", self._get_param("logEventMessages") or [])
        except MetricFilterError as error:
            raise InvalidParameterException(str(error)) from None
        return json.dumps({"matches": found})

    LogsBackend.filter_log_events = filter_log_events
    LogsBackend.start_live_tail = start_live_tail
    LogsBackend.put_metric_filter = put_metric_filter
    LogsBackend.delete_log_group = delete_log_group
    LogStream.put_log_events = put_log_events
    LogsBackend.put_subscription_filter = put_subscription_filter
    LogsResponse.test_metric_filter = test_metric_filter


def _publish_metric_filters(stream, log_events) -> None:
    """The metric values the group's metric filters make of these events, into CloudWatch."""
    if not log_events:
        return
    backend = logs_backends[stream.account_id][stream.region]
    group = stream.log_group.name
    filters = []
    for metric_filter in backend.filters.metric_filters:
        if metric_filter["logGroupName"] != group:
            continue
        try:
            pattern = parse_metric_pattern(metric_filter["filterPattern"])
        except MetricFilterError:
            continue  # stored before these checks existed (an old snapshot): it matches nothing
        for transformation in metric_filter["metricTransformations"]:
            filters.append((metric_filter["filterName"], pattern, transformation))
    if not filters:
        return
    points = publish(filters, ((e["timestamp"], e["message"]) for e in log_events))
    cloudwatch = cloudwatch_backends[stream.account_id][stream.region]
    with _publishing:
        index = getattr(cloudwatch, "labkit_filter_points", None)
        if index is None:
            index = cloudwatch.labkit_filter_points = {}
        for point in points:
            datum = index.get(point.key)
            if datum is None:
                datum = MetricAggregatedDatum(
                    point.namespace,
                    point.name,
                    min_stat=point.minimum,
                    max_stat=point.maximum,
                    sample_count=point.sample_count,
                    sum_stat=point.total,
                    dimensions=[{"Name": k, "Value": v} for k, v in point.dimensions],
                    timestamp=alarms.utc(point.minute),
                    unit=point.unit,
                )
                index[point.key] = datum
                cloudwatch.metric_data.append(datum)
            else:  # the same minute again (another stream, another batch): one statistic set per minute
                datum.sample_count += point.sample_count
                datum.sum += point.total
                datum.min = min(datum.min, point.minimum)
                datum.max = max(datum.max, point.maximum)


# --- CloudWatch Logs Insights ---

MAX_QUERY_GROUPS = 50  # StartQuery: log groups of one query
KEPT_QUERIES = 200  # the newest queries of a backend keep their results (AWS: 7 days)
RESULTS_PAGE = 10_000  # GetQueryResults: rows of one answer (maxItems at most)
_running = threading.Lock()


class MalformedQueryException(LogsClientError):
    """StartQuery's refusal of a query, with the queryCompileError that locates the fault."""

    def __init__(self, error: insights.MalformedQuery):
        super().__init__("MalformedQueryException", error.message)
        self.description = json.dumps(
            {
                "__type": "MalformedQueryException",
                "message": error.message,
                "queryCompileError": {
                    "location": {"startCharOffset": error.start, "endCharOffset": error.end},
                    "message": error.message,
                },
            }
        )


class InsightsQuery:
    """A Logs Insights query, where moto kept its LogQuery (backend.queries). It runs when its results are
    first asked for, over the events its log groups held when it started (later events are not in it);
    until then it is Running and StopQuery cancels it."""

    def __init__(
        self, query_id: str, query_string: str, groups: list, start: int, end: int, limit: int | None, account_id: str
    ):
        self.query_id = query_id
        self.query_string = query_string
        self.log_group_names = [group.name for group in groups]
        self.start_time, self.end_time, self.limit = start, end, limit
        self.account_id = account_id
        self.create_time = int(time.time() * 1000)
        self.status = "Running"
        self.results: list[list[dict]] = []
        self.statistics = {"recordsMatched": 0.0, "recordsScanned": 0.0, "bytesScanned": 0.0}
        self._sources = [
            (group.name, stream, len(stream.events)) for group in groups for stream in list(group.streams.values())
        ]

    def run(self) -> None:
        with _running:
            if self.status != "Running":
                return
            try:
                with collector_paused():  # 100,000 events are 100,000 objects, none of them garbage
                    result = insights.parse(self.query_string).run(self._events(), self.limit)
            except Exception:  # noqa: BLE001 - a fault of the engine: the query fails, the sandbox goes on
                self.status, self._sources = "Failed", []
                return
            self.results = [
                [{"field": name, "value": value} for name, value in fields]
                + ([{"field": "@ptr", "value": _pointer(*source)}] if source is not None else [])
                for fields, source in result.rows
            ]
            self.statistics = {
                "recordsMatched": float(result.matched),
                "recordsScanned": float(result.scanned),
                "bytesScanned": float(result.bytes_scanned),
            }
            self.status, self._sources = "Complete", []

    def cancel(self) -> bool:
        with _running:
            if self.status != "Running":
                return False
            self.status, self._sources = "Cancelled", []
            return True

    def _events(self):
        low, high = self.start_time * 1000, (self.end_time + 1) * 1000  # both ends inclusive, in seconds
        for group_name, stream, count in self._sources:
            log, name = f"{self.account_id}:{group_name}", stream.log_stream_name
            for index, event in enumerate(stream.events[:count]):
                if low <= event.timestamp < high:
                    yield insights.Event(
                        event.timestamp, event.message, event.ingestion_time, name, log, (group_name, name, index)
                    )

    def to_json(self, log_group_name: str | None = None) -> dict:
        return {
            "queryId": self.query_id,
            "queryString": self.query_string,
            "status": self.status,
            "createTime": self.create_time,
            "queryLanguage": "CWLI",
            "logGroupName": log_group_name or (self.log_group_names[0] if self.log_group_names else ""),
        }


def _pointer(group: str, stream: str, index: int) -> str:
    """@ptr: where an event is, for GetLogRecord (opaque to clients, as AWS's is)."""
    return base64.urlsafe_b64encode(json.dumps([group, stream, index]).encode()).decode()


def _validation(parameter: str, value, constraint: str) -> InvalidParameterException:
    return InvalidParameterException(constraint=constraint, parameter=parameter, value=value)


def _patch_insights() -> None:
    def start_query(self, names, identifiers, start_time, end_time, query_string, limit, language=None):
        if language not in (None, "CWLI"):
            raise InvalidParameterException(
                f"The queryLanguage {language} is not supported by the labkit sandbox; use CWLI (Logs Insights QL)"
            )
        if sum(1 for given in (names, identifiers) if given) != 1:
            raise InvalidParameterException(
                "Exactly one of logGroupName, logGroupNames and logGroupIdentifiers must be specified"
            )
        wanted = list(names or identifiers)
        if len(wanted) > MAX_QUERY_GROUPS:
            raise _validation(
                "logGroupNames" if names else "logGroupIdentifiers",
                wanted,
                f"Member must have length less than or equal to {MAX_QUERY_GROUPS}",
            )
        groups = [self.groups.get(_group_name(item, self.account_id)) for item in wanted]
        if any(group is None for group in groups):
            raise ResourceNotFoundException()
        if start_time is None or end_time is None or int(start_time) < 0 or int(end_time) < 0:
            raise InvalidParameterException("startTime and endTime must be given, in seconds since the epoch")
        if int(end_time) < int(start_time):
            raise InvalidParameterException("End time should not be before the start time")
        if limit is not None and not 1 <= int(limit) <= insights.MAX_LIMIT:
            raise _validation(
                "limit",
                limit,
                f"Member must have value less than or equal to {insights.MAX_LIMIT}"
                if int(limit) > 1
                else "Member must have value greater than or equal to 1",
            )
        if query_string is None or len(query_string) > insights.MAX_QUERY_LENGTH:
            raise _validation(
                "queryString",
                query_string,
                f"Member must have length less than or equal to {insights.MAX_QUERY_LENGTH}",
            )
        try:
            insights.parse(query_string)
        except insights.MalformedQuery as error:
            raise MalformedQueryException(error) from None
        query_id = str(uuid.uuid4())  # not moto's seeded random: resource ids stay the same for the same seed
        self.queries[query_id] = InsightsQuery(
            query_id,
            query_string,
            groups,
            int(start_time),
            int(end_time),
            None if limit is None else int(limit),
            self.account_id,
        )
        for old in list(self.queries)[:-KEPT_QUERIES]:
            del self.queries[old]
        return query_id

    def find_query(self, query_id) -> InsightsQuery:
        query = self.queries.get(query_id)
        if not isinstance(query, InsightsQuery):
            raise ResourceNotFoundException("The specified query does not exist.")
        return query

    def get_query_results(self, query_id) -> InsightsQuery:
        query = find_query(self, query_id)
        query.run()
        return query

    def stop_query(self, query_id) -> bool:
        if not find_query(self, query_id).cancel():
            raise InvalidParameterException("The query is not running")
        return True

    def describe_queries(self, log_group_name, status) -> list[InsightsQuery]:
        if log_group_name and log_group_name not in self.groups:
            raise ResourceNotFoundException()
        found = [
            query
            for query in self.queries.values()
            if isinstance(query, InsightsQuery)
            and (not log_group_name or log_group_name in query.log_group_names)
            and (not status or query.status == status)
        ]
        return sorted(found, key=lambda query: query.create_time, reverse=True)

    def get_log_record(self, pointer) -> dict[str, str]:
        try:
            group_name, stream_name, index = json.loads(base64.urlsafe_b64decode(str(pointer).encode()))
            event = self.groups[group_name].streams[stream_name].events[int(index)]
        except (binascii.Error, ValueError, TypeError, KeyError, IndexError, UnicodeDecodeError):
            raise InvalidParameterException("The specified logRecordPointer is not valid") from None
        record = {
            "@timestamp": str(event.timestamp),
            "@message": event.message,
            "@logStream": stream_name,
            "@log": f"{self.account_id}:{group_name}",
            "@ingestionTime": str(event.ingestion_time),
        }
        record.update((name, str(value)) for name, value in insights.discover(event.message).items())
        return record

    # the wire protocol: parameters in, JSON out

    def start_query_response(self) -> str:
        name = self._get_param("logGroupName")
        names = self._get_param("logGroupNames")
        if name and names:
            raise InvalidParameterException(
                "Exactly one of logGroupName, logGroupNames and logGroupIdentifiers must be specified"
            )
        query_id = self.logs_backend.start_query(
            [name] if name else names,
            self._get_param("logGroupIdentifiers"),
            self._get_param("startTime"),
            self._get_param("endTime"),
            self._get_param("queryString"),
            self._get_param("limit"),
            self._get_param("queryLanguage"),
        )
        return json.dumps({"queryId": query_id})

    def get_query_results_response(self) -> str:
        query = self.logs_backend.get_query_results(self._get_param("queryId"))
        size = min(int(self._get_param("maxItems") or RESULTS_PAGE), RESULTS_PAGE)
        offset = _token(self._get_param("nextToken"))
        answer = {
            "queryLanguage": "CWLI",
            "results": query.results[offset : offset + size],
            "statistics": query.statistics,
            "status": query.status,
        }
        if offset + size < len(query.results):
            answer["nextToken"] = str(offset + size)
        return json.dumps(answer)

    def stop_query_response(self) -> str:
        return json.dumps({"success": self.logs_backend.stop_query(self._get_param("queryId"))})

    def describe_queries_response(self) -> str:
        name = self._get_param("logGroupName")
        queries = self.logs_backend.describe_queries(name, self._get_param("status"))
        size = int(self._get_param("maxResults") or 1000)
        offset = _token(self._get_param("nextToken"))
        answer = {"queries": [query.to_json(name) for query in queries[offset : offset + size]]}
        if offset + size < len(queries):
            answer["nextToken"] = str(offset + size)
        return json.dumps(answer)

    def get_log_record_response(self) -> str:
        return json.dumps({"logRecord": self.logs_backend.get_log_record(self._get_param("logRecordPointer"))})

    LogsBackend.start_query = start_query
    LogsBackend.get_query_results = get_query_results
    LogsBackend.stop_query = stop_query
    LogsBackend.describe_queries = describe_queries
    LogsBackend.get_log_record = get_log_record
    LogsResponse.start_query = start_query_response
    LogsResponse.get_query_results = get_query_results_response
    LogsResponse.stop_query = stop_query_response
    LogsResponse.describe_queries = describe_queries_response
    LogsResponse.get_log_record = get_log_record_response


def _group_name(identifier: str, account_id: str) -> str:
    """A log group's name from StartQuery's name or ARN (arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*])."""
    if not identifier.startswith("arn:"):
        return identifier
    parts = identifier.split(":", 6)
    if len(parts) < 7 or parts[5] != "log-group" or parts[4] != account_id:
        return ""
    name = parts[6]
    return name[:-2] if name.endswith(":*") else name


def _token(text) -> int:
    try:
        return max(int(text or 0), 0)
    except ValueError:
        raise InvalidParameterException("The specified nextToken is not valid") from None


# --- CloudWatch ---


def _account_region(alarm) -> tuple[str, str]:
    parts = alarm.alarm_arn.split(":")  # arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME
    return parts[4], parts[3]


def _moment() -> float:
    """When something happens in the sandbox's CloudWatch: simulated time once traffic has run."""
    simulated = clock.now()
    return float(simulated) if simulated is not None else time.time()


def _patch_cloudwatch() -> None:
    original_put_alarm = CloudWatchBackend.put_metric_alarm

    def put_metric_alarm(self, name, *args, **kwargs):
        to_alarm, periods = kwargs.get("datapoints_to_alarm"), kwargs.get("evaluation_periods")
        if to_alarm is not None and periods is not None and int(to_alarm) > int(periods):
            raise ValidationError("DatapointsToAlarm must be less than or equal to EvaluationPeriods")
        before = self.alarms.get(name)
        alarm = original_put_alarm(self, name, *args, **kwargs)
        at = _moment()
        alarm.configuration_updated_timestamp = alarms.utc(at)
        if before is not None:  # an update keeps the alarm's state and history
            alarm.history = list(getattr(before, "history", None) or [])
            alarm.state_value, alarm.state_reason = before.state_value, before.state_reason
            alarm.state_reason_data, alarm.state_updated_timestamp = (
                before.state_reason_data,
                before.state_updated_timestamp,
            )
            alarm.state_transitioned_timestamp = getattr(
                before, "state_transitioned_timestamp", before.state_updated_timestamp
            )
            alarm.labkit_evaluated_until = getattr(before, "labkit_evaluated_until", None)
            summary, kind = f'Alarm "{name}" updated', "Update"
        else:
            alarm.history = []
            alarm.state_value = alarms.INSUFFICIENT  # AWS: every new alarm starts here
            alarm.state_reason = "Unchecked: Initial alarm creation"
            alarm.state_updated_timestamp = alarm.state_transitioned_timestamp = alarms.utc(at)
            alarm.labkit_evaluated_until = clock.now()
            summary, kind = f'Alarm "{name}" created', "Create"
        item = alarms.history_item(alarm, "ConfigurationUpdate", summary, {"type": kind, "version": "1.0"}, at)
        if clock.now() is None:
            item["labkit_undated"] = True  # dated when simulated time begins (alarms.catch_up)
        alarms.record(alarm, item)
        return alarm

    def update_state(self, reason, reason_data, state_value):  # SetAlarmState: lasts until the next evaluation
        account_id, region = _account_region(self)
        alarms.change_state(self, state_value, reason, reason_data or "", _moment(), account_id, region)

    def describe_alarm_history(self) -> ActionResult:
        name = self._get_param("AlarmName")
        kind = self._get_param("HistoryItemType")
        start, end = self._get_param("StartDate"), self._get_param("EndDate")
        newest_first = (self._get_param("ScanBy") or "TimestampDescending") == "TimestampDescending"
        limit = int(self._get_param("MaxRecords") or 100)
        offset = int(self._get_param("NextToken") or 0)
        items = [
            item
            for alarm in self.cloudwatch_backend.alarms.values()
            if name is None or alarm.name == name
            for item in (getattr(alarm, "history", None) or [])
            if isinstance(item, dict)
            and (kind is None or item["HistoryItemType"] == kind)
            and (start is None or item["Timestamp"] >= _naive(start))
            and (end is None or item["Timestamp"] <= _naive(end))
        ]
        items.sort(key=lambda item: item["Timestamp"], reverse=newest_first)
        page = [
            {k: v for k, v in item.items() if not k.startswith("labkit_")} for item in items[offset : offset + limit]
        ]
        result = {"AlarmHistoryItems": page}
        if offset + limit < len(items):
            result["NextToken"] = str(offset + limit)
        return ActionResult(result)

    def get_metric_statistics(self, namespace, metric_name, start_time, end_time, period, stats, dimensions, unit=None):
        """A metric is its namespace, name and exact set of dimensions (moto also took values with more
        dimensions); periods count from StartTime rounded down to the minute (moto's from the first value)."""
        start = int(alarms.epoch(start_time)) // 60 * 60
        end = alarms.epoch(end_time)
        if start_time >= end_time:
            raise InvalidParameterValue("The parameter StartTime must be less than the parameter EndTime.")
        wanted = sorted((d["Name"], d.get("Value")) for d in dimensions or [])
        buckets: dict[int, list] = {}
        for datum in self.get_all_metrics():
            moment = alarms.epoch(datum.timestamp)
            if (
                datum.namespace != namespace
                or datum.name != metric_name
                or not start <= moment < end
                or (unit and datum.unit != unit)
                or sorted((d.name, d.value) for d in datum.dimensions) != wanted
            ):
                continue
            buckets.setdefault(int((moment - start) // period), []).append(datum)
        answer = []
        for number in sorted(buckets):
            statistics = Statistics(stats, alarms.utc(start + number * period))
            statistics.metric_data = buckets[number]
            statistics.unit = buckets[number][-1].unit
            answer.append(statistics)
        return answer

    original_get_metric_data = CloudWatchBackend.get_metric_data

    def get_metric_data(self, queries, start_time, end_time, scan_by="TimestampAscending"):
        """MetricStat queries read one metric (namespace, name, exact dimensions) as GetMetricStatistics
        does; math expressions run on them with moto's evaluator. Metrics Insights (SELECT) stays moto's."""
        if any(q.get("Expression", "").startswith("SELECT") for q in queries):
            return original_get_metric_data(self, queries, start_time, end_time, scan_by)
        if start_time >= end_time:
            raise ValidationError(
                "The parameter StartTime must not equal parameter EndTime."
                if start_time == end_time
                else "The parameter EndTime must be greater than StartTime."
            )
        results, shown = [], []
        for query in queries:
            if "MetricStat" in query:
                stat = query["MetricStat"]
                metric = stat["Metric"]
                points = get_metric_statistics(
                    self,
                    metric["Namespace"],
                    metric["MetricName"],
                    start_time,
                    end_time,
                    int(stat["Period"]),
                    [stat["Stat"]],
                    metric.get("Dimensions") or [],
                    stat.get("Unit"),
                )
                label = query.get("Label") or f"{metric['MetricName']} {stat['Stat']}"
                if scan_by == "TimestampDescending":
                    points.reverse()
                values = [p.get_statistics_for_type(stat["Stat"]) for p in points]
                timestamps = [p.timestamp for p in points]
            else:  # moto's evaluator: an expression naming another query (already in the order asked for)
                label = query.get("Label") or query["Id"]
                values, timestamps = parse_expression(query["Expression"], results)
            result = {
                "id": query["Id"],
                "label": label,
                "values": values,
                "timestamps": timestamps,
                "status_code": "Complete",
            }
            results.append(result)
            if query.get("ReturnData", True):
                shown.append(result)
        return shown

    CloudWatchBackend.put_metric_alarm = put_metric_alarm
    CloudWatchBackend.get_metric_data = get_metric_data
    CloudWatchBackend.get_metric_statistics = get_metric_statistics
    Alarm.update_state = update_state
    CloudWatchResponse.describe_alarm_history = describe_alarm_history


def _naive(moment: datetime) -> datetime:
    return moment if moment.tzinfo is None else alarms.utc(moment.timestamp())
