"""What the sandbox knows that a student must not hold: the traffic truth, answer attempts, what
`prepare()` built, and the flow logs that ever existed. It lives in the sandbox process only.

    >>> world = current_world()           # None in a notebook kernel: the truth is not there
    >>> world.truth["top_rejected_source"]
    '203.0.113.140'

It is the sandbox's, but plain data any layer may read: the traffic, delivery, checks and labs code
that runs inside the sandbox process finds it here (the server itself, labkit.sandbox, installs it).

A process serves one sandbox, so there is one world per process; it is saved with the sandbox's
snapshot and restored with it.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field

# After this many wrong answers in a row to one step, each further try waits longer (seconds).
FREE_WRONG_TRIES = 5
BACKOFF_BASE = 2.0
BACKOFF_MAX = 300.0
MAX_ATTEMPTS_KEPT = 5000


@dataclass
class World:
    seed: int = 0
    instance: str = field(default_factory=lambda: uuid.uuid4().hex)
    truth: dict = field(default_factory=dict)  # {} before the first traffic run (labkit.traffic.truth)
    attempts: list[dict] = field(default_factory=list)
    built_by_prepare: set[str] = field(default_factory=set)
    # For what has a name, not an id (bucket, role, log group): what tells prepare()'s from one the
    # student makes later under the same name (see labs.prerequisites.forget_rebuilt).
    prepared_stamps: dict[str, str] = field(default_factory=dict)
    flow_logs_ever: set[str] = field(default_factory=set)
    # What the flow-logs service delivered to S3: "bucket/key" -> ETag. An object a student uploads, or a
    # delivered one overwritten since, is not in it (checks accept only these).
    delivered: dict[str, str] = field(default_factory=dict)
    clock: int | None = None  # simulated time (epoch seconds) CloudWatch's alarms have reached (cloudwatch/clock.py)
    simulation: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def state(self) -> dict:
        """Plain data for the snapshot (no locks)."""
        return {
            "seed": self.seed,
            "instance": self.instance,
            "truth": self.truth,
            "attempts": self.attempts,
            "built_by_prepare": sorted(self.built_by_prepare),
            "prepared_stamps": dict(self.prepared_stamps),
            "flow_logs_ever": sorted(self.flow_logs_ever),
            "delivered": dict(self.delivered),
            "clock": self.clock,
        }

    @classmethod
    def from_state(cls, data: dict) -> "World":
        return cls(
            seed=data.get("seed", 0),
            instance=data.get("instance") or uuid.uuid4().hex,
            truth=data.get("truth") or {},
            attempts=list(data.get("attempts", [])),
            built_by_prepare=set(data.get("built_by_prepare", [])),
            prepared_stamps=dict(data.get("prepared_stamps", {})),
            flow_logs_ever=set(data.get("flow_logs_ever", [])),
            delivered=dict(data.get("delivered", {})),
            clock=data.get("clock"),
        )

    # --- answer attempts ---
    def wrong_streak(self, step: str) -> int:
        streak = 0
        for attempt in reversed(self.attempts):
            if attempt["step"] != step:
                continue
            if attempt["verdict"] != "wrong":
                break
            streak += 1
        return streak

    def wait_before_next_try(self, step: str, now: float | None = None) -> float:
        """Seconds a student must wait before this step's answer is judged again (0 when free)."""
        streak = self.wrong_streak(step)
        if streak < FREE_WRONG_TRIES:
            return 0.0
        last = next(a["time"] for a in reversed(self.attempts) if a["step"] == step)
        delay = min(BACKOFF_MAX, BACKOFF_BASE ** (streak - FREE_WRONG_TRIES + 1))
        now = time.time() if now is None else now
        return max(0.0, last + delay - now)

    def record_attempt(self, step: str, answer, verdict: str) -> None:
        self.attempts.append({"step": step, "answer": answer, "time": time.time(), "verdict": verdict})
        del self.attempts[:-MAX_ATTEMPTS_KEPT]


def record_delivery(bucket: str, key: str, etag: str | None) -> None:
    """The flow-logs service wrote `key` (what S3 answered: its ETag); nothing happens outside a sandbox."""
    world = _current
    if world is not None and etag:
        world.delivered[f"{bucket}/{key}"] = etag.strip('"')


def delivered_etag(bucket: str, key: str) -> str | None:
    """The ETag the flow-logs service's object had when delivered (None: not delivered here)."""
    world = _current
    return None if world is None else world.delivered.get(f"{bucket}/{key}")


_current: World | None = None
_lock = threading.Lock()


def advance_clock(until: int) -> None:
    """Simulated time moved on to `until` (epoch seconds): whatever watches the clock is told (the
    sandbox's CloudWatch evaluates its alarms: labkit.sandbox.cloudwatch.clock, watching from start)."""
    for watcher in list(_clock_watchers):
        watcher(until)


def watch_clock(watcher) -> None:
    """Call `watcher(until)` whenever simulated time moves on (once, however often it is asked)."""
    if watcher not in _clock_watchers:
        _clock_watchers.append(watcher)


_clock_watchers: list = []


def current_world() -> World | None:
    """This process's sandbox world, or None when no sandbox runs here (a notebook kernel)."""
    return _current


def install_world(world: World | None) -> World | None:
    """Make `world` this process's world (None removes it); returns it."""
    global _current
    with _lock:
        _current = world
    return world
