"""The flow-logs service in miniature: per-minute records in, files and log events out.

    >>> deliverer = Deliverer()                          # boto3 clients from labkit.aws
    >>> deliverer.deliver_minute(1764190800, records)    # doctest: +SKIP
    >>> deliverer.close()                                # doctest: +SKIP

Each call reads the account's ACTIVE flow logs (DescribeFlowLogs), so a flow log created, changed
or deleted between minutes takes effect at the next minute; a deleted flow log's unfinished window
is dropped. Records are kept only while their aggregation window or 5-minute file is open.
"""

from __future__ import annotations

from typing import Collection, Sequence

from botocore.exceptions import BotoCoreError, ClientError

from labkit import aws
from labkit.config import MINUTE
from labkit.messages import LabkitError, message
from labkit.flowlog.record import FlowRecord

from .aggregation import matches_traffic_type, merge_window, nodata_record, window_start
from .cloudwatch import CloudWatchDestination
from .firehose import FirehoseDestination
from .flow_logs import FlowLogConfig, Interface, active_flow_logs, network_interfaces
from .s3 import GZIP_LEVEL, S3Destination

INTERFACES_REFRESH = 300  # seconds of simulated time between DescribeNetworkInterfaces (idle ENIs appear late)


class _FlowLogState:
    """One flow log's open aggregation window and its destination."""

    def __init__(self, config: FlowLogConfig, destination, problems: list[str]):
        self.config = config
        self.destination = destination
        self.problems = problems
        self.window: int | None = None
        self.records: list[FlowRecord] = []
        self.scope: dict[str, Interface] = {}
        self.reported_failure = False

    def add_minute(self, minute_start: int, records: list[FlowRecord], scope: dict[str, Interface]) -> None:
        interval = self.config.interval
        window = window_start(minute_start, interval)
        if self.window is not None and self.window != window:
            self.flush()
        self.window = window
        traffic = self.config.traffic_type
        self.records.extend(records if traffic == "ALL" else [r for r in records if matches_traffic_type(r, traffic)])
        self.scope.update(scope)
        if minute_start + MINUTE >= window + interval:
            self.flush()
        self._guard(lambda: self.destination.close_before(minute_start + MINUTE))

    def flush(self) -> None:
        """Close the aggregation window: merge, add NODATA for idle ENIs, hand to the destination."""
        if self.window is None:
            return
        interval = self.config.interval
        records = merge_window(self.records) if interval > MINUTE else self.records
        busy = {r.interface_id for r in records}
        records.extend(
            nodata_record(i.owner_id, eni, self.window, self.window + interval - 1)
            for eni, i in sorted(self.scope.items())
            if eni not in busy
        )
        self.window, self.records, self.scope = None, [], {}
        if self.config.destination_type == "cloud-watch-logs" and self.config.status == "FAILED":
            if not self.reported_failure:  # once per flow log: the caller shows it, AWS shows only the status
                self.problems.append(
                    message(
                        "delivery.cloudwatch_failed",
                        flow_log_id=self.config.flow_log_id,
                        reason=self.config.error_message,
                        log_group=self.config.log_group,
                    )
                )
                self.reported_failure = True
            return  # AWS delivers nothing while the role or log group is wrong
        self._guard(lambda: self.destination.add(records))

    def close(self) -> None:
        self.flush()
        self._guard(self.destination.close)

    def _guard(self, action) -> None:
        try:
            action()
        except (ClientError, BotoCoreError) as error:
            self.problems.append(
                message(
                    "delivery.failed",
                    flow_log_id=self.config.flow_log_id,
                    destination=self.config.destination or self.config.log_group,
                    error=str(error),
                )
            )


class Deliverer:
    """Deliver simulated minutes of flow records to every active flow log's destination."""

    def __init__(
        self,
        *,
        ec2=None,
        s3=None,
        logs=None,
        firehose=None,
        sts=None,
        compression_level: int = GZIP_LEVEL,
        flow_log_ids: Collection[str] | None = None,
    ):
        """Clients default to labkit.aws.client(...); `flow_log_ids` limits delivery to those flow logs."""
        self.ec2 = ec2 or aws.client("ec2")
        self.flow_log_ids = None if flow_log_ids is None else frozenset(flow_log_ids)
        self._clients = {"s3": s3, "logs": logs, "firehose": firehose, "sts": sts}
        self.compression_level = compression_level
        self.region = self.ec2.meta.region_name
        self._account_id: str | None = None
        self._states: dict[str, _FlowLogState] = {}
        self._last_minute: int | None = None
        self._known_interfaces: dict[str, Interface] = {}
        self._interfaces_read_at = -INTERFACES_REFRESH
        self.problems: list[str] = []  # bilingual notes on deliveries that failed (shown by the caller)

    def _client(self, service: str):
        if self._clients.get(service) is None:
            self._clients[service] = aws.client(service)
        return self._clients[service]

    @property
    def account_id(self) -> str:
        if self._account_id is None:
            self._account_id = self._client("sts").get_caller_identity()["Account"]
        return self._account_id

    def deliver_minute(self, minute_start: int, records: Sequence[FlowRecord]) -> None:
        """Take the records of one simulated minute (all ENIs, one per flow per ENI)."""
        if self._last_minute is not None and minute_start <= self._last_minute:
            raise LabkitError("delivery.minutes_out_of_order", minute=minute_start, last=self._last_minute)
        self._last_minute = minute_start
        configs = {
            c.flow_log_id: c
            for c in active_flow_logs(self.ec2)
            if self.flow_log_ids is None or c.flow_log_id in self.flow_log_ids
        }
        for gone in set(self._states) - set(configs):
            del self._states[gone]  # deleted: nothing more is delivered, not even its open window
        if not configs:
            return
        present = {r.interface_id for r in records}
        interfaces = self._interfaces(minute_start, present)
        for flow_log_id, config in configs.items():
            state = self._states.get(flow_log_id)
            if state is None:
                state = self._states[flow_log_id] = _FlowLogState(config, self._destination(config), self.problems)
            state.config = config  # DeliverLogsStatus may have changed since the last minute
            scope = config.scope(interfaces)
            mine = list(records) if present <= scope.keys() else [r for r in records if r.interface_id in scope]
            state.add_minute(minute_start, mine, scope)

    def _interfaces(self, minute_start: int, present: set[str]) -> dict[str, Interface]:
        """The account's ENIs, re-read every few minutes or when a record names one not seen yet."""
        known = self._known_interfaces
        stale = minute_start - self._interfaces_read_at >= INTERFACES_REFRESH
        if stale or not present <= known.keys():
            self._known_interfaces = network_interfaces(self.ec2)
            self._interfaces_read_at = minute_start
        return self._known_interfaces

    def close(self) -> None:
        """Flush every open window and file (the end of a run)."""
        for state in self._states.values():
            state.close()
        self._states.clear()

    def _destination(self, config: FlowLogConfig):
        if config.destination_type == "s3":
            return S3Destination(self._client("s3"), config, self.account_id, self.region, self.compression_level)
        if config.destination_type == "kinesis-data-firehose":
            return FirehoseDestination(self._client("firehose"), config)
        return CloudWatchDestination(self._client("logs"), config)
