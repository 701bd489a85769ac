"""How long the notebooks take: each solution executed with nbclient, and the nbval part of `make test`.

Targets (issue 5): each notebook <= 20 s on the 2-core course machine; the whole nbval run <= 2 min.

    $ .venv/bin/python benchmarks/bench_notebooks.py            # both parts
    $ .venv/bin/python benchmarks/bench_notebooks.py --no-nbval # only per-notebook execution
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from labkit.release import execute_notebook  # noqa: E402
from labkit.release.kernel_server import servers_cpu  # noqa: E402

NOTEBOOK_TARGET = 20.0
NBVAL_TARGET = 120.0
# The two nbval lines of the Makefile's `test` target, run from the repository root.
NBVAL_COMMANDS = {
    "nbval solutions (strict)": [
        "--nbval",
        "solutions",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        "tests/nbval_sanitize.cfg",
    ],
    "nbval notebooks (lax)": ["--nbval-lax", "notebooks", "--nbval-current-env"],
}


def children_cpu() -> float:
    """CPU seconds used so far by finished child processes (kernels, pytest): load-independent."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime + servers_cpu()  # kernels forked by the kernel server too


def time_solutions() -> list[tuple[str, float, float]]:
    """Wall and kernel CPU seconds per solution notebook, executed in order from one fresh
    LABKIT_HOME by the executor of `labkit release --execute` (nothing written back)."""
    results = []
    with tempfile.TemporaryDirectory(prefix="labkit-home-") as home:
        for path in sorted((ROOT / "solutions").glob("*.ipynb")):
            started, cpu = time.perf_counter(), children_cpu()
            execute_notebook(path, Path(home))
            results.append((path.name, time.perf_counter() - started, children_cpu() - cpu))
    return results


def time_nbval() -> list[tuple[str, float, float, int]]:
    """Wall seconds, CPU seconds and exit code of each nbval command, with a fresh LABKIT_HOME."""
    results = []
    with tempfile.TemporaryDirectory(prefix="labkit-home-") as home:
        env = {**os.environ, "LABKIT_HOME": home, "LABKIT_LANG": "both"}
        for name, arguments in NBVAL_COMMANDS.items():
            started, cpu = time.perf_counter(), children_cpu()
            done = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *arguments],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            results.append((name, time.perf_counter() - started, children_cpu() - cpu, done.returncode))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-nbval", action="store_true", help="skip timing the nbval commands")
    args = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'notebook':40} {'wall s':>8} {'cpu s':>7}  target <= {NOTEBOOK_TARGET:.0f} s wall")
    slow = 0
    for name, seconds, cpu in time_solutions():
        slow += seconds > NOTEBOOK_TARGET
        print(f"{name:40} {seconds:8.1f} {cpu:7.1f}  {'OK' if seconds <= NOTEBOOK_TARGET else 'SLOW'}")
    if not args.no_nbval:
        total = 0.0
        failed = 0
        for name, seconds, cpu, code in time_nbval():
            total += seconds
            failed += code != 0
            print(f"{name:40} {seconds:8.1f} {cpu:7.1f}  exit {code}")
        print(
            f"{'nbval total':40} {total:8.1f} {'':7}  {'OK' if total <= NBVAL_TARGET else 'SLOW'} "
            f"(target <= {NBVAL_TARGET:.0f} s)"
        )
        slow += total > NBVAL_TARGET or failed
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
