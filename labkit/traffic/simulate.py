"""`run_traffic` as a notebook calls it: the sandbox simulates, delivers and keeps the truth.

    >>> run_traffic(minutes=10, seed=0)       # asks the sandbox; a progress bar on long runs
    TrafficSummary(seed=0, start=1764190800, end=1764191400, minutes=10, records=559, ...)

The simulation runs where the truth lives: in the sandbox's process (this process, when it hosts the
sandbox, as tests do). On a real account it runs here. The summary a client gets counts records but
not what they were (accepted, rejected, by kind): those are for the student to find.
"""

from __future__ import annotations

import sys
import time

from ..config import target
from .run import TrafficSummary, check_traffic_arguments
from .run import run_traffic as simulate_here

PROGRESS_AFTER = 2.0  # seconds before a progress bar is worth showing
# Shorter runs take a second or two, more on a busy machine: they never show a bar, so what a
# notebook prints does not depend on how loaded the machine was.
PROGRESS_MINUTES = 60
POLL = 0.05


def run_traffic(
    minutes: int,
    seed: int = 0,
    start: int | None = None,
    intensity: float = 1.0,
    progress: bool = True,
    scenario: str | None = None,
    **local,
) -> TrafficSummary:
    """Simulate `minutes` minutes of internet traffic on the demo VPC and deliver it as flow logs.

    `scenario` starts a lab's scripted clients with this run (labkit.traffic.scenarios), e.g.
    `run_traffic(minutes=3, scenario="stolen-laptop")`; once started they keep going in later runs.
    """
    from ..world import current_world

    if current_world() is not None or target() == "aws":
        return simulate_here(minutes, seed=seed, start=start, intensity=intensity, scenario=scenario, **local)
    check_traffic_arguments(minutes, seed, start, intensity, scenario)
    return _ask_the_sandbox(minutes, seed, start, intensity, progress, scenario=scenario, **local)


def _ask_the_sandbox(
    minutes: int, seed: int, start, intensity: float, progress: bool, s3_only: bool = False, scenario: str | None = None
) -> TrafficSummary:
    from ..messages import LabkitError
    from ..sandbox_client import ensure_sandbox
    from ..sandbox_client.client import call

    ensure_sandbox(seed=seed)
    job = call(
        "POST",
        "/labkit/traffic/run",
        {
            "minutes": minutes,
            "seed": seed,
            "start": start,
            "intensity": intensity,
            "s3_only": s3_only,
            "scenario": scenario,
        },
    )
    began, shown = time.monotonic(), False
    while not job["finished"]:
        time.sleep(POLL)
        job = call("GET", "/labkit/traffic/job", query={"id": job["id"]})
        if progress and minutes >= PROGRESS_MINUTES and time.monotonic() - began > PROGRESS_AFTER:
            _bar(job["done_minutes"], job["minutes"])
            shown = True
    if shown:
        _bar(job["done_minutes"], job["minutes"], end="\n")
    if job["error"]:
        raise LabkitError(job["error"]["error"], **job["error"]["fields"])
    found = job["summary"]
    return TrafficSummary(
        found["seed"], found["start"], found["end"], found["minutes"], found["records"], accepted=None, rejected=None
    )


def _bar(done: int, total: int, width: int = 30, end: str = "") -> None:
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} min{end}")
    sys.stderr.flush()
