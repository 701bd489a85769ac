"""A flow record as the flow-logs service knows it, before any LogFormat is applied.

The traffic model emits one FlowRecord per flow per ENI per simulated minute (the finest
aggregation AWS offers); delivery merges them into 10-minute records when a flow log asks for 600 s,
picks the fields of the flow log's LogFormat, and writes `-` where a value is None.
Field names are the flow-log field names with `-` turned into `_`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FlowRecord:
    account_id: str
    interface_id: str
    srcaddr: str | None
    dstaddr: str | None
    srcport: int | None
    dstport: int | None
    protocol: int | None
    packets: int | None
    bytes: int | None
    start: int  # Unix seconds, first packet inside the window
    end: int  # Unix seconds, last packet inside the window
    action: str | None  # ACCEPT | REJECT | None (NODATA/SKIPDATA)
    log_status: str = "OK"
    vpc_id: str | None = None
    subnet_id: str | None = None
    instance_id: str | None = None
    tcp_flags: int | None = None
    type: str | None = "IPv4"
    pkt_srcaddr: str | None = None
    pkt_dstaddr: str | None = None
    region: str | None = None
    az_id: str | None = None
    sublocation_type: str | None = None
    sublocation_id: str | None = None
    pkt_src_aws_service: str | None = None
    pkt_dst_aws_service: str | None = None
    flow_direction: str | None = None  # ingress | egress
    traffic_path: int | None = None

    def flow_key(self) -> tuple:
        """What makes two per-minute records the same flow (merged when aggregating to 10 minutes)."""
        return (
            self.interface_id,
            self.srcaddr,
            self.dstaddr,
            self.srcport,
            self.dstport,
            self.protocol,
            self.action,
            self.flow_direction,
        )
