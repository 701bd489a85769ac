"""CloudWatch Logs delivery: one stream per ENI (`eni-…-all`), events stamped with the record start.

>>> list(batches([{"timestamp": 1, "message": "x" * 10}] * 3, max_events=2))
[[{'timestamp': 1, 'message': 'xxxxxxxxxx'}, {'timestamp': 1, 'message': 'xxxxxxxxxx'}], [{'timestamp': 1, 'message': 'xxxxxxxxxx'}]]
"""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from labkit.flowlog.record import FlowRecord

from .formatting import line_formatter

MAX_EVENTS = 10_000  # PutLogEvents: events per call
MAX_BATCH_BYTES = 1_048_576  # PutLogEvents: UTF-8 message bytes + 26 per event
EVENT_OVERHEAD = 26
MAX_SPAN_MS = 24 * 3600 * 1000  # events of one call must lie within 24 hours


def stream_name(interface_id: str) -> str:
    """The log stream AWS writes an ENI's records to."""
    return f"{interface_id}-all"


def batches(
    events: Iterable[dict], max_events: int = MAX_EVENTS, max_bytes: int = MAX_BATCH_BYTES
) -> Iterator[list[dict]]:
    """Split time-ordered events into PutLogEvents-sized batches."""
    batch: list[dict] = []
    size = 0
    for event in events:
        event_size = len(event["message"].encode()) + EVENT_OVERHEAD
        if batch and (
            len(batch) >= max_events
            or size + event_size > max_bytes
            or event["timestamp"] - batch[0]["timestamp"] > MAX_SPAN_MS
        ):
            yield batch
            batch, size = [], 0
        batch.append(event)
        size += event_size
    if batch:
        yield batch


class CloudWatchDestination:
    """The log group of one flow log; streams are created on first use."""

    def __init__(self, logs, config):
        self.logs = logs
        self.config = config
        self._format = line_formatter(config.fields)
        self._streams: set[str] = set()

    def add(self, records: Sequence[FlowRecord]) -> None:
        by_stream: dict[str, list[FlowRecord]] = {}
        for record in records:
            by_stream.setdefault(stream_name(record.interface_id), []).append(record)
        for name in sorted(by_stream):
            self._ensure_stream(name)
            ordered = sorted(by_stream[name], key=lambda r: r.start)
            events = ({"timestamp": r.start * 1000, "message": self._format(r)} for r in ordered)
            for batch in batches(events):
                self.logs.put_log_events(logGroupName=self.config.log_group, logStreamName=name, logEvents=batch)

    def _ensure_stream(self, name: str) -> None:
        if name in self._streams:
            return
        try:
            self.logs.create_log_stream(logGroupName=self.config.log_group, logStreamName=name)
        except self.logs.exceptions.ResourceAlreadyExistsException:
            pass
        self._streams.add(name)

    def close_before(self, timestamp: int) -> list[str]:
        return []

    def close(self) -> list[str]:
        return []
