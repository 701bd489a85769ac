"""The sandbox's CloudWatch runs on simulated time: alarms evaluate when simulated time moves on.

Simulated time moves when traffic is delivered (labkit.traffic.run calls `advance` after every
simulated minute, the minute's log events and metric values already in); nothing moves it while no
traffic runs, so an alarm's state only changes as the simulated world goes on, minute by minute, the
same way whenever the run happens. The clock is the world's (saved with the sandbox's snapshot); it
never goes back: minutes delivered again (an earlier stretch re-run) are late data to the alarms.

    >>> advance(1764191400)          # every metric alarm evaluated at each minute up to 14:30 UTC
    >>> now()
    1764191400
"""

from __future__ import annotations

import sys
import threading

from ...world import current_world
from . import alarms

_lock = threading.Lock()


def now() -> int | None:
    """The simulated time alarms have reached (None before any traffic)."""
    world = current_world()
    return None if world is None else world.clock


def advance(until: int) -> None:
    """Move simulated time to `until` (epoch seconds; earlier than now: nothing moves) and evaluate every
    metric alarm at each minute on the way."""
    until = int(until)
    with _lock:
        world = current_world()
        if world is not None:
            if world.clock is not None and until <= world.clock:
                return
            world.clock = until
        if "moto.cloudwatch.models" not in sys.modules:
            return  # CloudWatch never used: no alarm to evaluate
        from moto.cloudwatch.models import cloudwatch_backends

        in_use = []
        for account_id, regions in list(dict.items(cloudwatch_backends)):
            for region, backend in list(dict.items(regions)):
                if not backend.alarms:
                    continue
                in_use.append(backend.metric_data)
                index = alarms.metric_index(backend.metric_data)
                for alarm in list(backend.alarms.values()):
                    alarms.catch_up(alarm, index, until, account_id, region)
        alarms.keep_indexes(in_use)
