"""Security-group connection tracking across simulated minutes, as AWS does it.

A connection whose first packet a security group lets through is tracked there (unless AWS leaves it
untracked: rules.tracks): its later packets, both ways, pass that group whatever its rules say by
then, until the connection ends. So removing the rule that let an SSH session in leaves the session
running while new connections are refused; a network ACL, stateless, checks every packet and cuts it
at once. An untracked connection is judged by the current rules every time, so it stops with its rule.

The table holds, per connection still open at the end of the last simulated minute, the ENIs that
track it. A connection the model does not plan in a minute has ended and leaves the table. The table
is saved with the truth so that a run continuing another carries its open connections on.

    >>> table = ConnectionTable()
    >>> hops = table.exchange(rules, flow)   # for each flow of a minute, in any order
    >>> table.end_minute()                   # then: what was not seen this minute has ended
"""

from __future__ import annotations

from .rules import Hop, Packet, Rules, exchange, tracks


def connection_key(packet: Packet) -> tuple:
    """What identifies a connection: protocol, and the initiator's and the responder's address and port."""
    return (packet.protocol, packet.src, packet.srcport, packet.dst, packet.dstport)


def _newly_tracked(rules: Rules, packet: Packet, hops: list[Hop], tracked: tuple) -> tuple:
    """The ENIs whose security group let this connection's request through just now and tracks it."""
    found = []
    for hop in hops:
        if hop.leg != "request" or hop.action != "ACCEPT" or hop.interface.interface_id in tracked:
            continue
        if tracks(rules, hop.interface, packet, ingress=hop.direction == "ingress"):
            found.append(hop.interface.interface_id)
    return tuple(found)


class ConnectionTable:
    """The open connections the security groups track, carried from one simulated minute to the next."""

    def __init__(self, tracked: dict[tuple, tuple] | None = None):
        self.tracked: dict[tuple, tuple] = dict(tracked or {})  # connection key -> tracking ENI ids
        self._seen: dict[tuple, tuple] = {}

    def exchange(self, rules: Rules, flow) -> list[Hop]:
        """The hops of one planned flow (flows.Flow) this minute, its tracked ENIs skipping their groups."""
        answered = flow.reply is not None
        if flow.opening and not flow.continues:  # most flows: begin and end inside the minute
            return exchange(rules, flow.packet, answered)
        key = connection_key(flow.packet)
        tracked = () if flow.opening else self.tracked.get(key, ())
        hops = exchange(rules, flow.packet, answered, tracked)
        if flow.continues:
            self._seen[key] = tracked + _newly_tracked(rules, flow.packet, hops, tracked)
        return hops

    def end_minute(self) -> None:
        """Close the minute: connections that did not go on past it are forgotten."""
        self.tracked, self._seen = {key: ids for key, ids in self._seen.items() if ids}, {}

    def state(self) -> list[list]:
        """Plain data for the truth file: [protocol, src, srcport, dst, dstport, [ENI ids]] per connection."""
        return [[*key, list(ids)] for key, ids in sorted(self.tracked.items())]

    @classmethod
    def from_state(cls, rows) -> "ConnectionTable":
        return cls({tuple(row[:5]): tuple(row[5]) for row in rows or ()})
