"""Run the traffic model against the demo environment and hand each minute's records to delivery.

    >>> summary = run_traffic(minutes=10, seed=0, start=1764190800)
    >>> summary.records, summary.accepted, summary.rejected      # with the demo's own rules
    (559, 440, 119)

The deliverer contract (labkit.delivery.Deliverer implements it): `deliver_minute(minute_start, records)`
once per simulated minute, in order, then `close()`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .. import aws
from ..environment import build_demo_environment, find_demo_environment
from ..messages import LabkitError
from ..world import advance_clock
from .clock import MAX_MINUTES, MINUTE, choose_start
from .model import minute_records, sites_of
from ..flowlog.record import FlowRecord
from .rules import Rules, read_rules
from .scanning import heavy_campaigns
from .scenarios import SCENARIOS, minute_outcomes
from .tracking import ConnectionTable
from .truth import Tally, load_truth, merge_tally, save_truth


class Deliverer(Protocol):
    def deliver_minute(self, minute_start: int, records: Sequence[FlowRecord]) -> None: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class TrafficSummary:
    seed: int
    start: int
    end: int
    minutes: int
    records: int
    accepted: int | None  # None where the summary crossed to a student's process (see simulate.py)
    rejected: int | None
    by_class: dict = field(default_factory=dict)


def _check_minutes(minutes) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_MINUTES:
        raise LabkitError("traffic.bad_minutes", minutes=minutes, maximum=MAX_MINUTES)
    return minutes


def _check_start(start) -> int | None:
    if start is not None and (isinstance(start, bool) or not isinstance(start, int) or start < 0):
        raise LabkitError("traffic.bad_start", start=start)
    return start


def _check_intensity(intensity) -> float:
    if isinstance(intensity, bool) or not isinstance(intensity, (int, float)) or not 0 <= intensity <= 1000:
        raise LabkitError("traffic.bad_intensity", intensity=intensity)
    return float(intensity)


def _check_scenario(scenario) -> str | None:
    if scenario is not None and scenario not in SCENARIOS:
        raise LabkitError("traffic.bad_scenario", scenario=scenario, scenarios=", ".join(SCENARIOS))
    return scenario


def check_traffic_arguments(minutes, seed, start, intensity, scenario=None) -> tuple[int, int, int | None, float]:
    """The arguments of a traffic run, checked (a bilingual LabkitError names the bad one)."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise LabkitError("traffic.bad_seed", seed=seed)
    _check_scenario(scenario)
    return _check_minutes(minutes), seed, _check_start(start), _check_intensity(intensity)


def _default_deliverer() -> Deliverer:
    from ..delivery import Deliverer as FlowLogDeliverer  # the flow-logs service of the sandbox

    return FlowLogDeliverer()


def _origin(truth: dict, start: int) -> int:
    """Where this simulation began: a run that picks up where another ended continues that one's
    simulation; any other run begins its own (so its traffic never depends on when it is made)."""
    for run in truth["runs"]:
        if run["end"] == start:
            return run.get("origin", run["start"])
    return start


def _previous_end(truth: dict) -> int | None:
    return max((run["end"] for run in truth["runs"]), default=None)


def _open_connections(truth: dict, origin: int, start: int) -> ConnectionTable:
    """The connections still open where the previous run of this simulation ended; none for a new one."""
    saved = truth.get("connections") or {}
    if saved.get("origin") == origin and saved.get("end") == start:
        return ConnectionTable.from_state(saved.get("open"))
    return ConnectionTable()


def _started_scenarios(truth: dict, scenario: str | None, start: int) -> dict[str, int]:
    """The scenarios running (name -> first real minute), with `scenario` starting now if it is new."""
    started = dict(truth.get("scenarios", {}).get("started", {}))
    if scenario is not None:
        started.setdefault(scenario, start)
    return started


def run_traffic(
    minutes: int,
    seed: int = 0,
    start: int | None = None,
    deliverer: Deliverer | None = None,
    intensity: float = 1.0,
    on_minute: Callable[[int], None] | None = None,
    scenario: str | None = None,
    rules_as: Callable[[Rules], Rules] | None = None,
) -> TrafficSummary:
    """Simulate `minutes` minutes of traffic on the demo VPC (built if missing) and deliver it.

    Rules are re-read every simulated minute, so a network ACL added between runs applies at once.
    `intensity` scales the unsolicited traffic (scanning and SSH brute force): 1.0 is what a real EC2
    public IP receives (~1,130 unsolicited packets an hour, ~13 login attempts a minute), which already
    gives a 10-minute run about 550 records, 120 of them REJECT; raise it for a busier internet.
    The ground truth (the sandbox's world; see truth.py) gains this run's counts, even when delivery
    fails part-way (then it covers the minutes delivered). `on_minute(n)` is told after each minute.
    Security groups track connections across minutes and runs (tracking.py). `scenario` starts one of
    the scripted clients of scenarios.py with this run's first minute (once: it then keeps going).
    `rules_as(rules)` changes the rules read each minute before they decide (synthetic history: SSH as
    the demo was built, rules.with_ssh_open); the account is never changed.
    This runs where the truth lives: in the sandbox process (`labkit.traffic.run_traffic` asks it to).
    """
    _check_minutes(minutes)
    intensity = _check_intensity(intensity)
    _check_start(start)
    _check_scenario(scenario)
    env = find_demo_environment() or build_demo_environment()
    truth = load_truth()
    start = choose_start(minutes, previous_end=_previous_end(truth)) if start is None else start
    origin = _origin(truth, start)
    connections = _open_connections(truth, origin, start)
    scenarios = _started_scenarios(truth, scenario, start)
    deliverer = deliverer if deliverer is not None else _default_deliverer()
    tally = Tally(env.bastion.interface_id, heavy_campaigns(seed))
    sites = sites_of(env)
    ec2 = aws.client("ec2")
    done = 0
    try:
        for index in range(minutes):
            minute = start + index * MINUTE
            rules = read_rules(env.vpc_id, ec2)
            if rules_as is not None:
                rules = rules_as(rules)
            pairs = minute_records(env, rules, seed, minute, intensity, sites, origin, connections, scenarios)
            deliverer.deliver_minute(minute, [record for _, record in pairs])
            advance_clock(minute + MINUTE)  # CloudWatch's alarms evaluate as simulated time moves on
            for flow, record in pairs:
                tally.add(flow, record)
            if scenarios:
                tally.add_scenarios(minute_outcomes(pairs, rules, minute))
            done += 1
            if on_minute is not None:
                on_minute(done)
    finally:
        try:
            deliverer.close()
        finally:
            if done:
                truth["connections"] = {"origin": origin, "end": start + done * MINUTE, "open": connections.state()}
                truth.setdefault("scenarios", {})["started"] = {
                    name: first for name, first in scenarios.items() if first < start + done * MINUTE
                }
                _record(truth, tally, env, seed, start, done, origin)
    return TrafficSummary(
        seed,
        start,
        start + done * MINUTE,
        done,
        tally.total,
        tally.accepted,
        tally.rejected,
        dict(sorted(tally.by_class.items())),
    )


def _record(truth: dict, tally: Tally, env, seed: int, start: int, minutes: int, origin: int) -> None:
    run = {"seed": seed, "start": start, "end": start + minutes * MINUTE, "minutes": minutes, "origin": origin}
    bastion = {
        "instance_id": env.bastion.instance_id,
        "interface_id": env.bastion.interface_id,
        "private_ip": env.bastion.private_ip,
        "public_ip": env.bastion.public_ip,
    }
    save_truth(merge_tally(truth, tally, run, bastion))
