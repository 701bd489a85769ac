"""What the flow-logs service does to per-minute records before it writes them.

- `matches_traffic_type`: the flow log's TrafficType filter (ACCEPT, REJECT, ALL).
- `merge_window`: one record per flow per aggregation window (600 s merges ten 1-minute records:
  packets and bytes summed, earliest start, latest end, tcp-flags OR-ed).
- `nodata_record`: the record AWS writes for an ENI that had no traffic in a window.

    >>> window_start(1764191234, 600)
    1764190800
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from labkit.flowlog.record import FlowRecord


def window_start(timestamp: int, interval: int) -> int:
    """The start of the aggregation window (aligned to multiples of `interval`) holding `timestamp`."""
    return timestamp - timestamp % interval


def matches_traffic_type(record: FlowRecord, traffic_type: str) -> bool:
    """True when a flow log with this TrafficType logs the record (NODATA/SKIPDATA pass every filter)."""
    return traffic_type == "ALL" or record.action is None or record.action == traffic_type


def _sum(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    return a if b is None else a + b


def _or(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    return a if b is None else a | b


def merge_window(records: Iterable[FlowRecord]) -> list[FlowRecord]:
    """Merge the records of one window that share a flow_key; first-seen order is kept."""
    merged: dict[tuple, FlowRecord] = {}
    for record in records:
        key = record.flow_key()
        seen = merged.get(key)
        if seen is None:
            merged[key] = record
            continue
        merged[key] = dataclasses.replace(
            seen,
            packets=_sum(seen.packets, record.packets),
            bytes=_sum(seen.bytes, record.bytes),
            start=min(seen.start, record.start),
            end=max(seen.end, record.end),
            tcp_flags=_or(seen.tcp_flags, record.tcp_flags),
        )
    return list(merged.values())


def nodata_record(account_id: str, interface_id: str, start: int, end: int) -> FlowRecord:
    """`2 ACCT ENI - - - - - - - START END - NODATA`: every other field is `-`."""
    return FlowRecord(
        account_id=account_id,
        interface_id=interface_id,
        srcaddr=None,
        dstaddr=None,
        srcport=None,
        dstport=None,
        protocol=None,
        packets=None,
        bytes=None,
        start=start,
        end=end,
        action=None,
        log_status="NODATA",
        type=None,
    )
