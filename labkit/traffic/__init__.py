"""Traffic that makes the demo VPC behave like a host on the internet, and the truth about it.

    >>> from labkit.traffic import run_traffic
    >>> run_traffic(minutes=10, seed=0)            # the sandbox simulates; every active flow log delivers

The truth (`load_truth`) exists only in the sandbox's process: elsewhere it reads as empty.
"""

from __future__ import annotations

from .model import generate_records
from ..flowlog.record import FlowRecord
from .rules import read_rules
from .run import TrafficSummary
from .simulate import run_traffic
from .truth import load_truth

__all__ = ["FlowRecord", "TrafficSummary", "generate_records", "load_truth", "read_rules", "run_traffic"]
