"""Traffic that makes the demo VPC behave like a host on the internet, and the truth about it.

    >>> from labkit.traffic import run_traffic, load_truth
    >>> run_traffic(minutes=10, seed=0)            # delivered by every active flow log in the sandbox
    >>> load_truth()["top_rejected_source"]
"""
from __future__ import annotations

from .model import generate_records
from .records import FlowRecord
from .rules import read_rules
from .run import TrafficSummary, run_traffic
from .truth import load_truth

__all__ = ["FlowRecord", "TrafficSummary", "generate_records", "load_truth", "read_rules", "run_traffic"]
