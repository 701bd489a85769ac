"""Sandbox start-up and the PyAthena round trip of a trivial query.

    .venv/bin/python benchmarks/bench_sandbox.py [--starts 5] [--queries 200]

Measures, each in fresh processes where start-up is concerned:
- in-process ready time: `start_sandbox()` until the first successful boto3 call (imports excluded,
  and with imports: a fresh interpreter from `import labkit.sandbox` on);
- `labkit sandbox` as a subprocess: spawn until the `AWS_ENDPOINT_URL=` line is printed;
- PyAthena `SELECT 1` (execute + fetchall, default cursor and settings) p50/p95.
Targets (issue 2): ready ≤ 2 s; SELECT 1 p50 ≤ 30 ms. Exit status 1 when one is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

READY_PROBE = r"""
import time
t0, c0 = time.perf_counter(), time.process_time()
from labkit.sandbox import start_sandbox
import boto3
t1, c1 = time.perf_counter(), time.process_time()
sandbox = start_sandbox(seed=0)
s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=sandbox.url,
                  aws_access_key_id=sandbox.credentials.access_key_id,
                  aws_secret_access_key=sandbox.credentials.secret_access_key)
s3.list_buckets()
t2, c2 = time.perf_counter(), time.process_time()
print(f"{t2 - t1:.4f} {t2 - t0:.4f} {c2 - c1:.4f} {c2 - c0:.4f}")
sandbox.stop()
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ready_times(runs: int) -> dict[str, list[float]]:
    """Wall and CPU seconds of start_sandbox → first boto3 call, and of a whole fresh interpreter."""
    measured: dict[str, list[float]] = {"wall": [], "whole wall": [], "cpu": [], "whole cpu": []}
    for _ in range(runs):
        out = subprocess.run([PYTHON, "-c", READY_PROBE], capture_output=True, text=True, check=True, cwd=ROOT)
        for name, value in zip(("wall", "whole wall", "cpu", "whole cpu"), out.stdout.split()):
            measured[name].append(float(value))
    return measured


def cli_times(runs: int) -> tuple[list[float], list[float]]:
    """Wall seconds from spawning `labkit sandbox` to its AWS_ENDPOINT_URL line, and the child's CPU
    seconds until then (it is terminated right after the line)."""
    import resource

    command = [str(Path(PYTHON).parent / "labkit"), "sandbox"]
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = process.stdout.readline()
        walls.append(time.perf_counter() - t0)
        assert line.startswith("AWS_ENDPOINT_URL=http://127.0.0.1:"), line
        process.terminate()
        process.wait(timeout=15)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return walls, cpus


def select_one_times(queries: int) -> list[float]:
    """Seconds per PyAthena execute("SELECT 1") + fetchall() against an in-process sandbox."""
    from labkit.sandbox import start_sandbox

    sandbox = start_sandbox(seed=0)
    os.environ.update({"AWS_DEFAULT_REGION": "us-east-1"})
    os.environ.update(sandbox.environment())
    import boto3
    from pyathena import connect

    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="bench-results")
    cursor = connect(s3_staging_dir="s3://bench-results/", region_name="us-east-1").cursor()
    for _ in range(5):  # warm-up: first query compiles/caches whatever the engine caches
        cursor.execute("SELECT 1").fetchall()
    times = []
    for _ in range(queries):
        t0 = time.perf_counter()
        rows = cursor.execute("SELECT 1").fetchall()
        times.append(time.perf_counter() - t0)
        assert rows == [(1,)], rows
    sandbox.stop()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=5, help="fresh processes per start-up measure")
    parser.add_argument("--queries", type=int, default=200, help="SELECT 1 round trips")
    args = parser.parse_args(argv)

    ready = ready_times(args.starts)
    cli, cli_cpu = cli_times(args.starts)
    select_one = select_one_times(args.queries)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"# sandbox benchmark, {os.cpu_count()} cores, load average {load:.1f}")
    print("| what | median | min | max |")
    print("|---|---:|---:|---:|")
    for name, values in [
        ("start_sandbox() → first boto3 call, wall (s)", ready["wall"]),
        ("start_sandbox() → first boto3 call, CPU (s)", ready["cpu"]),
        ("fresh interpreter: import + start + first call, wall (s)", ready["whole wall"]),
        ("fresh interpreter: import + start + first call, CPU (s)", ready["whole cpu"]),
        ("`labkit sandbox` spawn → URL line, wall (s)", cli),
        ("`labkit sandbox` spawn → URL line, CPU (s)", cli_cpu),
    ]:
        print(f"| {name} | {statistics.median(values):.2f} | {min(values):.2f} | {max(values):.2f} |")
    p50, p95 = percentile(select_one, 0.50) * 1000, percentile(select_one, 0.95) * 1000
    print(
        f"| PyAthena SELECT 1 round trip, {len(select_one)} runs (ms) | p50 {p50:.1f} | p95 {p95:.1f} | "
        f"max {max(select_one) * 1000:.1f} |"
    )
    missed = []
    if statistics.median(ready["wall"]) > 2.0:
        missed.append("ready time > 2 s")
    if p50 > 30.0:
        missed.append("SELECT 1 p50 > 30 ms")
    print("targets: " + ("met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
