"""The traffic model: what crosses the demo VPC's ENIs in each simulated minute.

Four sources plan flows (scanning.py, bruteforce.py, admin.py, outbound.py), plus the scripted clients
of the scenarios a lab started (scenarios.py); the current security groups and network ACLs (rules.py)
and the connections the groups track (tracking.py) decide what each ENI sees and logs (flows.py). A
minute's traffic depends only on (seed, minute, rules, connections open at its start), so runs can be
split or repeated and still agree.

    >>> from labkit.environment import build_demo_environment
    >>> env = build_demo_environment()
    >>> records = list(generate_records(env, minutes=10, seed=0, start=1764190800))
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from .admin import admin_flows
from .bruteforce import bruteforce_flows
from .clock import MINUTE, default_start
from .flows import Flow, Site, plan_records
from .outbound import outbound_flows
from ..flowlog.record import FlowRecord
from .rules import Rules, read_rules
from .scanning import Target, scan_flows
from .scenarios import scenario_flows
from .tracking import ConnectionTable

BASTION_LISTENS = frozenset({22})
# The model draws its randomness per simulated minute of a fixed, hour-aligned virtual clock; a run
# is placed on it relative to its origin (the first run's start), then shifted to real time. So the
# same seed gives the same records and counts whenever it runs: only the timestamps move.
VIRTUAL_EPOCH = 1764190800


def sites_of(env) -> dict[str, Site]:
    """Per ENI id, the ids a record of that ENI carries."""
    return {
        host.interface_id: Site(
            env.account_id, host.interface_id, env.vpc_id, host.subnet_id, host.instance_id, env.region, env.az_id
        )
        for host in env.hosts()
    }


def minute_flows(
    env, seed: int, minute: int, intensity: float = 1.0, scenarios: dict[str, int] | None = None
) -> list[Flow]:
    """Every flow planned for one minute, before the rules decide anything.

    `scenarios`: the scenarios started so far, name -> first minute (on the same clock as `minute`).
    """
    bastion_ip, private_ip = env.bastion.private_ip, env.private.private_ip
    flows = (
        scan_flows(seed, minute, Target(bastion_ip, BASTION_LISTENS), intensity)
        + bruteforce_flows(seed, minute, bastion_ip, intensity)
        + admin_flows(seed, minute, bastion_ip, private_ip)
        + outbound_flows(seed, minute, bastion_ip)
    )
    if scenarios:
        flows += scenario_flows(seed, minute, bastion_ip, scenarios)
    return flows


def minute_records(
    env,
    rules: Rules,
    seed: int,
    minute: int,
    intensity: float = 1.0,
    sites: dict[str, Site] | None = None,
    origin: int | None = None,
    connections: ConnectionTable | None = None,
    scenarios: dict[str, int] | None = None,
) -> list[tuple[Flow, FlowRecord]]:
    """(planned flow, record) pairs of one minute, in order of start time.

    `origin` is the real time the simulation started; the traffic then depends on (seed, minutes since
    origin, rules), never on the wall clock. Without it, `minute` is read on the virtual clock itself.
    `connections` are those open at the minute's start (updated to those open at its end); without
    it, no connection is tracked from before. `scenarios` (name -> first real minute) add their clients.
    """
    sites = sites or sites_of(env)
    connections = connections if connections is not None else ConnectionTable()
    shift = 0 if origin is None else origin - VIRTUAL_EPOCH
    virtual = minute - shift
    started = {name: first - shift for name, first in (scenarios or {}).items()}
    pairs = [
        (flow, dataclasses.replace(record, start=record.start + shift, end=record.end + shift))
        for flow in minute_flows(env, seed, virtual, intensity, started)
        for record in plan_records(flow, rules, virtual, sites, connections)
    ]
    connections.end_minute()
    pairs.sort(key=lambda pair: pair[1].start)
    return pairs


def generate_records(
    env,
    minutes: int,
    seed: int = 0,
    start: int | None = None,
    intensity: float = 1.0,
    rules: Rules | None = None,
    origin: int | None = None,
) -> Iterator[FlowRecord]:
    """Yield the records of `minutes` simulated minutes, one minute at a time (memory stays flat).

    The rules are read once (pass `rules` to avoid even that); run_traffic re-reads them every minute.
    `intensity` scales the unsolicited traffic (1.0 = what a real EC2 public IP receives).
    `origin` (default: `start`) is when the simulation began; pass it to continue an earlier run.
    """
    rules = rules or read_rules(env.vpc_id)
    start = default_start(minutes) if start is None else start
    sites = sites_of(env)
    connections = ConnectionTable()
    for index in range(minutes):
        for _, record in minute_records(
            env,
            rules,
            seed,
            start + index * MINUTE,
            intensity,
            sites,
            origin=start if origin is None else origin,
            connections=connections,
        ):
            yield record
