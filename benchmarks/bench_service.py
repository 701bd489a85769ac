"""The sandbox as a service: cold start, attach, and the five solution notebooks in CPU seconds.

Targets (issue "The sandbox as a service"): attach to a running sandbox <= 0.3 s; cold start <= 2 s;
the five solution notebooks executed in order <= 20 CPU s in total, kernels and sandbox together.
CPU seconds are stable under load; wall seconds are printed beside them.

    $ .venv/bin/python benchmarks/bench_service.py
    $ .venv/bin/python benchmarks/bench_service.py --no-notebooks
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from labkit.release.kernel_server import servers_cpu  # noqa: E402
from labkit.sandbox import service  # noqa: E402

ATTACH_TARGET, COLD_TARGET, NOTEBOOKS_CPU_TARGET = 0.3, 2.0, 20.0
TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a running process has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime + servers_cpu()  # kernels forked by the kernel server too


def clean_environment() -> None:
    for name in ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "LABKIT_TARGET", "AWS_PROFILE"):
        os.environ.pop(name, None)


def cold_and_attach(home: Path) -> tuple[float, float, list[float]]:
    """Seconds to start a sandbox in an empty home, its CPU then, and seconds of ten attaches."""
    started = time.perf_counter()
    state = service.connect(home=home)
    cold = time.perf_counter() - started
    cpu = process_cpu(state.pid)
    attaches = []
    for _ in range(10):
        started = time.perf_counter()
        service.connect(home=home)
        attaches.append(time.perf_counter() - started)
    return cold, cpu, attaches


def notebooks(home: Path) -> tuple[list[tuple[str, float, float]], float]:
    """(name, wall s, kernel CPU s) per solution, run in order in one home; and the sandbox's CPU s."""
    from labkit.release import execute_notebook

    results = []
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        started, cpu = time.perf_counter(), children_cpu()
        execute_notebook(path, home)
        results.append((path.name, time.perf_counter() - started, children_cpu() - cpu))
    state = service.read_state(home)
    return results, process_cpu(state.pid) if state else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-notebooks", action="store_true", help="only cold start and attach")
    args = parser.parse_args(argv)
    clean_environment()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="labkit-bench-") as folder:
        home = Path(folder)
        try:
            cold, cold_cpu, attaches = cold_and_attach(home)
        finally:
            service.stop(home)
        attach = statistics.median(attaches)
        failed += cold > COLD_TARGET or attach > ATTACH_TARGET
        print(f"cold start      {cold:6.2f} s wall, sandbox {cold_cpu:.2f} CPU s   target <= {COLD_TARGET} s")
        print(f"attach (median) {attach:6.3f} s wall, max {max(attaches):.3f} s        target <= {ATTACH_TARGET} s")
    if args.no_notebooks:
        return 1 if failed else 0
    with tempfile.TemporaryDirectory(prefix="labkit-bench-") as folder:
        home = Path(folder)
        try:
            rows, sandbox_cpu = notebooks(home)
        finally:
            service.stop(home)
    print(f"{'notebook':32} {'wall s':>7} {'kernel CPU s':>13}")
    for name, wall, cpu in rows:
        print(f"{name:32} {wall:7.1f} {cpu:13.1f}")
    total = sum(cpu for _, _, cpu in rows) + sandbox_cpu
    print(f"{'sandbox process':32} {'':7} {sandbox_cpu:13.1f}")
    print(f"{'total':32} {sum(w for _, w, _ in rows):7.1f} {total:13.1f}   target <= {NOTEBOOKS_CPU_TARGET} CPU s")
    failed += total > NOTEBOOKS_CPU_TARGET
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
