"""Waiting for an alarm: in the sandbox the campaign cell moves simulated time and the alarm with it; on
AWS real attackers come when they come, and their records reach CloudWatch Logs minutes later, so a
notebook polls the alarm instead:

    >>> end = wait_for_alarm("ssh-brute-force")      # on AWS: looks at the alarm's state every minute
"""

from __future__ import annotations

import time
from typing import Callable

from .. import aws
from ..messages import message
from .delivery import seconds_from_environment

POLL_SECONDS = 60
TIMEOUT_SECONDS = 30 * 60
TIMEOUT_VARIABLE = "LABKIT_ALARM_TIMEOUT"  # seconds, instead of the defaults (as for delivery.py)
POLL_VARIABLE = "LABKIT_ALARM_POLL_SECONDS"


def wait_for_alarm(
    name: str,
    state: str = "ALARM",
    timeout: float | None = None,
    every: float | None = None,
    show: Callable[[str], None] = print,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
) -> int:
    """Poll alarm `name` until it is in `state` (or `timeout` seconds passed); returns when it stopped
    waiting, in epoch seconds (the end of the time range to query). Says what it waits for, in both languages.
    """
    timeout = timeout if timeout is not None else seconds_from_environment(TIMEOUT_VARIABLE, TIMEOUT_SECONDS)
    every = every if every is not None else seconds_from_environment(POLL_VARIABLE, POLL_SECONDS)
    cloudwatch = aws.client("cloudwatch")
    show(message("labs.alarm_waiting", name=name, state=state, minutes=round(timeout / 60)))
    waited = 0.0
    while True:
        found = cloudwatch.describe_alarms(AlarmNames=[name])["MetricAlarms"]
        current = found[0]["StateValue"] if found else "-"
        if current == state:
            show(message("labs.alarm_reached", name=name, state=state))
            return int(clock())
        if waited >= timeout:
            show(message("labs.alarm_not_yet", name=name, state=current, minutes=round(waited / 60)))
            return int(clock())
        sleep(every)
        waited += every
        show(message("labs.alarm_still_waiting", minutes=round(waited / 60), state=current))
