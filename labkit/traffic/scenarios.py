"""Scripted clients a lab sets going, so that a lesson happens when the lab needs it, whatever the seed.

- `stolen-laptop`: a contractor's laptop (198.51.100.23), stolen while it was logged in to the bastion.
  Its SSH session goes on for an hour, and every minute whoever holds it opens a new SSH connection.
  The lesson: removing the security-group rule leaves the tracked session running, new connections
  are refused; a network ACL deny stops both at once.
- `office-backup`: a backup job at the office (the administrator's address) connects to the bastion
  over SSH every minute and copies for a few seconds. The lesson: a network ACL is stateless, so the
  bastion's replies need their own outbound rule (the client's ephemeral ports).

A scenario starts with the first minute of the run that names it (`run_traffic(..., scenario=NAME)`)
and goes on in every later run of the same simulation. Its clients draw their randomness from their
own streams: the rest of the traffic is the same with or without them.

    >>> [f.traffic_class for f in scenario_flows(0, 1764190800, "10.0.1.10", {"stolen-laptop": 1764190800})]
    ['stolen-session', 'stolen-new']
"""

from __future__ import annotations

from .addresses import ADMIN_ADDRESS
from .flows import FIN, SYN, SYN_ACK, TCP, Flow, Shape, minute_slice
from .rules import Packet, acl_entry
from .sampling import rng_for

STOLEN_LAPTOP, OFFICE_BACKUP = "stolen-laptop", "office-backup"
SCENARIOS = (STOLEN_LAPTOP, OFFICE_BACKUP)
THIEF_ADDRESS = "198.51.100.23"
OFFICE_ADDRESS = ADMIN_ADDRESS
SESSION_SECONDS = 3600
SESSION_CLASS, NEW_CONNECTION_CLASS, BACKUP_CLASS = "stolen-session", "stolen-new", "office-backup"
SCENARIO_OF_CLASS = {SESSION_CLASS: STOLEN_LAPTOP, NEW_CONNECTION_CLASS: STOLEN_LAPTOP, BACKUP_CLASS: OFFICE_BACKUP}


def _ssh(
    rng,
    traffic_class: str,
    client: str,
    bastion_ip: str,
    srcport: int,
    start: int,
    end: int,
    opening: bool = True,
    closing: bool = True,
    attacker: str | None = None,
) -> Flow:
    packets_in, packets_out = rng.randint(20, 120), rng.randint(20, 120)
    flags_in = (SYN if opening else 0) | (FIN if closing else 0)
    flags_out = (SYN_ACK if opening else 0) | (FIN if closing else 0)
    return Flow(
        traffic_class,
        attacker,
        Packet(TCP, client, bastion_ip, srcport, 22),
        Shape(packets_in, packets_in * rng.randint(60, 130), flags_in),
        Shape(packets_out, packets_out * rng.randint(60, 140), flags_out),
        start,
        end,
        retries=rng.randint(2, 3),
        opening=opening,
        continues=not closing,
    )


def _stolen_laptop(seed: int, minute: int, began: int, bastion_ip: str) -> list[Flow]:
    rng = rng_for(seed, STOLEN_LAPTOP, minute)
    session_port = rng_for(seed, "stolen-session", began).randint(49152, 65535)
    flows = []
    live = minute_slice(minute, began, began + SESSION_SECONDS)
    if live is not None:
        start, end, opening, closing = live
        flows.append(
            _ssh(
                rng,
                SESSION_CLASS,
                THIEF_ADDRESS,
                bastion_ip,
                session_port,
                start,
                end,
                opening,
                closing,
                attacker=THIEF_ADDRESS,
            )
        )
    start = rng.randint(5, 50)
    flows.append(
        _ssh(
            rng,
            NEW_CONNECTION_CLASS,
            THIEF_ADDRESS,
            bastion_ip,
            rng.randint(49152, 65535),
            start,
            start + rng.randint(2, 8),
            attacker=THIEF_ADDRESS,
        )
    )
    return flows


def _office_backup(seed: int, minute: int, bastion_ip: str) -> list[Flow]:
    rng = rng_for(seed, OFFICE_BACKUP, minute)
    start = rng.randint(0, 30)
    return [
        _ssh(
            rng, BACKUP_CLASS, OFFICE_ADDRESS, bastion_ip, rng.randint(49152, 65535), start, start + rng.randint(3, 12)
        )
    ]


def scenario_flows(seed: int, minute: int, bastion_ip: str, started: dict[str, int]) -> list[Flow]:
    """This minute's flows of the scenarios started so far (`started`: name -> its first minute)."""
    flows: list[Flow] = []
    if started.get(STOLEN_LAPTOP, minute + 1) <= minute:
        flows += _stolen_laptop(seed, minute, started[STOLEN_LAPTOP], bastion_ip)
    if started.get(OFFICE_BACKUP, minute + 1) <= minute:
        flows += _office_backup(seed, minute, bastion_ip)
    return flows


def _deciding_rule(rules, record) -> int | str | None:
    """What refused a REJECT record: the network ACL's rule number (32767 for `*`), or "security-group"."""
    egress = record.flow_direction == "egress"
    interface = rules.interfaces.get(record.srcaddr if egress else record.dstaddr)
    if interface is None:
        return None
    table = rules.acl_egress if egress else rules.acl_ingress
    packet = Packet(record.protocol, record.srcaddr, record.dstaddr, record.srcport, record.dstport)
    entry = acl_entry(table.get(interface.subnet_id, ()), packet, egress)
    if entry is None:
        return 32767
    return "security-group" if entry.allow else entry.number


def minute_outcomes(pairs, rules, minute: int) -> dict[str, dict]:
    """What each running scenario's clients met in one minute (`pairs`: its (flow, record) pairs), for the truth.

    stolen-laptop: whether the open session flowed while that minute's new connection was refused (the
    group no longer allows the address, but tracks the session), or the session itself was refused.
    office-backup: whether the backup's SSH went through both ways, and what refused it when it did not.
    """
    by_flow: dict[int, tuple] = {}
    for flow, record in pairs:
        if flow.traffic_class in SCENARIO_OF_CLASS:
            by_flow.setdefault(id(flow), (flow, []))[1].append(record)
    passed = {cls: None for cls in SCENARIO_OF_CLASS}
    refused_by: set = set()
    for flow, records in by_flow.values():
        ok = all(r.action == "ACCEPT" for r in records)
        passed[flow.traffic_class] = ok
        if flow.traffic_class == BACKUP_CLASS and not ok:
            refused_by |= {_deciding_rule(rules, r) for r in records if r.action == "REJECT"} - {None}
    outcomes: dict[str, dict] = {}
    session, new = passed[SESSION_CLASS], passed[NEW_CONNECTION_CLASS]
    if session is not None or new is not None:
        outcomes[STOLEN_LAPTOP] = {
            "kept_flowing": bool(session) and new is False,
            "cut": session is False,
            "minute": minute,
        }
    if passed[BACKUP_CLASS] is not None:
        outcomes[OFFICE_BACKUP] = {"ok": passed[BACKUP_CLASS], "refused_by": refused_by, "minute": minute}
    return outcomes
