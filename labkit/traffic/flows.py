"""A flow as the model plans it, and the flow records it becomes once the rules have had their say.

A traffic source plans a Flow: who starts it, what the first packet is, how many packets and bytes each
leg carries when everything passes. `exchange` (rules.py) says which ENIs see which leg and with what
action; `flow_records` turns that into one FlowRecord per ENI and direction, shrinking a leg to what
really crosses the wire when a rule drops it (a rejected TCP connection is a few bare SYNs).

    >>> flow = Flow("scan-telnet", "203.0.113.9", Packet(6, "203.0.113.9", "10.0.1.10", 40000, 23),
    ...             Shape(1, 40, 2), None, start=12, end=12)
"""

from __future__ import annotations

from dataclasses import dataclass

from ..flowlog.record import FlowRecord
from .rules import ICMP, Hop, Packet, Rules
from .tracking import ConnectionTable

TCP = 6
SYN, FIN, RST, SYN_ACK = 2, 1, 4, 18
IGW_PATH, SAME_VPC_PATH = 8, 1


@dataclass(frozen=True, slots=True)
class Shape:
    """Packets, bytes and OR-ed TCP flags of one leg inside one minute."""

    packets: int
    bytes: int
    tcp_flags: int


@dataclass(frozen=True, slots=True)
class Flow:
    traffic_class: str
    attacker: str | None  # the external address behind unsolicited traffic (ground truth)
    packet: Packet  # the initiator's first packet
    request: Shape
    reply: Shape | None  # None: the responder never answers (UDP probe to a closed port)
    start: int  # seconds into the minute
    end: int
    retries: int = 1  # SYNs (or datagrams) sent when no answer comes back
    syn_bytes: int = 60  # size of the opening SYN: 40/44 from raw scanners, 60 from a kernel's connect()
    opening: bool = True  # the TCP connection starts in this minute (else it is mid-session)
    continues: bool = False  # the connection goes on after this minute (its security groups track it)
    remote_service: str | None = None  # ip-ranges service name of the remote end, e.g. "S3"
    intra_vpc: bool = False  # both ends are ENIs of the VPC (traffic-path 1, not the IGW)


@dataclass(frozen=True, slots=True)
class Site:
    """What a record needs to know about the ENI it is written for."""

    account_id: str
    interface_id: str
    vpc_id: str
    subnet_id: str
    instance_id: str
    region: str
    az_id: str


def minute_slice(minute: int, first: int, last: int) -> tuple[int, int, bool, bool] | None:
    """The part of a connection (first..last packet, epoch seconds) inside `minute`.

    (start offset, end offset, opens here, closes here), or None when the connection is not live then.

        >>> minute_slice(1764190800, 1764190830, 1764191000)
        (30, 59, True, False)
    """
    if not (first < minute + 60 and last >= minute):
        return None
    opening, closing = first >= minute, last < minute + 60
    return (first - minute if opening else 0), (last - minute if closing else 59), opening, closing


def _dropped_shape(flow: Flow, leg: str) -> Shape:
    """What crosses the wire when a TCP leg never completes: retransmitted SYNs / SYN-ACKs."""
    if flow.packet.protocol != TCP:
        return flow.request if leg == "request" else flow.reply
    if not flow.opening:
        return Shape(flow.retries, 52 * flow.retries, 0)
    if leg == "request":
        return Shape(flow.retries, flow.syn_bytes * flow.retries, SYN)
    return Shape(flow.retries, 60 * flow.retries, SYN_ACK)


def _shape(flow: Flow, hop: Hop, dropped: bool) -> Shape:
    if dropped:
        return _dropped_shape(flow, hop.leg)
    return flow.request if hop.leg == "request" else flow.reply


def flow_records(flow: Flow, hops: list[Hop], minute: int, sites: dict[str, Site]) -> list[FlowRecord]:
    """One FlowRecord per hop: addresses as the ENI sees them, action from the rules."""
    dropped = any(h.action == "REJECT" for h in hops)  # a dropped leg leaves both legs as bare retries
    request, reply = flow.packet, flow.packet.reply()
    records = []
    for hop in hops:
        site = sites[hop.interface.interface_id]
        shape = _shape(flow, hop, dropped)
        p = request if hop.leg == "request" else reply
        icmp = p.protocol == ICMP
        egress, intra_vpc = hop.direction == "egress", flow.intra_vpc
        records.append(
            FlowRecord(
                account_id=site.account_id,
                interface_id=site.interface_id,
                srcaddr=p.src,
                dstaddr=p.dst,
                srcport=0 if icmp else p.srcport,
                dstport=0 if icmp else p.dstport,
                protocol=p.protocol,
                packets=shape.packets,
                bytes=shape.bytes,
                start=minute + flow.start,
                end=minute + flow.end,
                action=hop.action,
                vpc_id=site.vpc_id,
                subnet_id=site.subnet_id,
                instance_id=site.instance_id,
                tcp_flags=shape.tcp_flags if p.protocol == TCP else 0,
                pkt_srcaddr=p.src,
                pkt_dstaddr=p.dst,
                region=site.region,
                az_id=site.az_id,
                pkt_src_aws_service=flow.remote_service if not egress and not intra_vpc else None,
                pkt_dst_aws_service=flow.remote_service if egress and not intra_vpc else None,
                flow_direction=hop.direction,
                traffic_path=(SAME_VPC_PATH if intra_vpc else IGW_PATH) if egress else None,
            )
        )
    return records


def plan_records(
    flow: Flow, rules: Rules, minute: int, sites: dict[str, Site], connections: ConnectionTable
) -> list[FlowRecord]:
    """The records one planned flow produces under the current rules and the connections tracked so far."""
    return flow_records(flow, connections.exchange(rules, flow), minute, sites)
