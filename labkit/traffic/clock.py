"""Simulated time: which real minutes a run of N simulated minutes covers.

Records must stay acceptable to CloudWatch Logs (moto, like AWS, rejects events older than 14 days
or more than 2 hours ahead). A run continues where the previous run ended when that was less than two
hours ago and keeps it under an hour ahead of real time; otherwise it covers the N minutes ending at
the current real minute.

    >>> choose_start(10, now=1764191405)
    1764190800
    >>> choose_start(10, now=1764191405, previous_end=1764191100)
    1764191100
"""

from __future__ import annotations

import time

from ..config import MINUTE

MAX_MINUTES = 14 * 24 * 60 - 120  # a run must fit inside CloudWatch Logs' 14-day window
MAX_AHEAD = 3600  # never more than an hour in the future
MAX_GAP = 2 * 3600  # an older previous run is not continued: time moves on to now


def current_minute(now: float | None = None) -> int:
    now = time.time() if now is None else now
    return int(now) // MINUTE * MINUTE


def default_start(minutes: int, now: float | None = None) -> int:
    """The start of the N minutes that end at the current real minute."""
    return current_minute(now) - minutes * MINUTE


def choose_start(minutes: int, now: float | None = None, previous_end: int | None = None) -> int:
    """Continue after the previous run when sensible, else end at the current minute."""
    this_minute = current_minute(now)
    fallback = this_minute - minutes * MINUTE
    if previous_end is None or previous_end < this_minute - MAX_GAP:
        return fallback
    if previous_end + minutes * MINUTE > this_minute + MAX_AHEAD:
        return fallback  # overlaps earlier minutes instead (same seed: the same records again)
    return previous_end
