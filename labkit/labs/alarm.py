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

POLL_SECONDS = 60
TIMEOUT_SECONDS = 30 * 60


def wait_for_alarm(name: str, state: str = "ALARM", timeout: float = TIMEOUT_SECONDS, every: float = POLL_SECONDS,
                   show: Callable[[str], None] = print, sleep: Callable[[float], None] = time.sleep,
                   clock: Callable[[], float] = time.time) -> int:
    """Poll alarm `name` until it is in `state` (or `timeout` seconds passed); returns when it stopped
    waiting, in epoch seconds (the end of the time range to query). Says what it waits for, in both languages.
    """
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
