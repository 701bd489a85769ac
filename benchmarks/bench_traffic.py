"""Traffic model throughput: simulated minutes and records per second, and memory over long runs.

Three figures:
- generate_records at intensity 1 (a real EC2 public IP) and at a busy-internet intensity, in
  records/s and milliseconds per simulated minute (target: well under a second per minute);
- peak Python memory (tracemalloc) of streaming 1 day vs 4 days of records (target: flat, the
  generator holds one minute at a time);
- run_traffic per simulated minute against an in-process sandbox, rules re-read each minute,
  with a deliverer that only counts (the delivery side has its own benchmark).

    $ .venv/bin/python benchmarks/bench_traffic.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

START = 1764190800  # 2025-11-26T21:00Z


class Count:
    def __init__(self):
        self.records = 0

    def deliver_minute(self, minute_start, records):
        self.records += len(records)

    def close(self):
        pass


def main() -> int:
    from labkit.sandbox import start_sandbox

    sandbox = start_sandbox(seed=0)
    os.environ.update(sandbox.environment())
    os.environ["LABKIT_HOME"] = tempfile.mkdtemp(prefix="labkit-bench-")
    from labkit.environment import build_demo_environment
    from labkit.traffic import generate_records, read_rules, run_traffic

    began = time.perf_counter()
    env = build_demo_environment()
    print(f"build_demo_environment (first, sandbox): {time.perf_counter() - began:.2f} s")
    rules = read_rules(env.vpc_id)

    for intensity, minutes in ((1.0, 1440), (25.0, 240)):
        began = time.perf_counter()
        count = sum(1 for _ in generate_records(env, minutes, seed=0, start=START, intensity=intensity, rules=rules))
        took = time.perf_counter() - began
        print(
            f"generate_records intensity {intensity:>4}: {minutes} min, {count} records, {count / took:,.0f} records/s, "
            f"{1000 * took / minutes:.1f} ms per simulated minute"
        )

    for minutes in (1440, 4 * 1440):
        tracemalloc.start()
        count = sum(1 for _ in generate_records(env, minutes, seed=0, start=START, rules=rules))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"peak memory streaming {minutes} min ({count} records): {peak / 2**20:.1f} MiB")

    began = time.perf_counter()
    summary = run_traffic(60, seed=0, start=START, deliverer=Count())
    took = time.perf_counter() - began
    print(
        f"run_traffic 60 min (rules re-read each minute): {summary.records} records, "
        f"{1000 * took / 60:.1f} ms per simulated minute"
    )
    sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
