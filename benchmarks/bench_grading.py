"""Grading a class: whole-course submissions graded with `labkit grade -j 2`, in submissions per minute.

Target (issue "Instructor grading"): 12 whole-course submissions with -j 2 on the course machine at
>= 6 submissions per minute (about 20 s of one core per five-notebook submission). Each submission is
a copy of solutions/ (600 XP), so every notebook runs to the end and every step is verified.

    $ .venv/bin/python benchmarks/bench_grading.py                 # 12 submissions, -j 2
    $ .venv/bin/python benchmarks/bench_grading.py --submissions 4 --jobs 1
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from labkit.grading.grade import grade  # noqa: E402

TARGET_PER_MINUTE = 6.0


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def make_class(folder: Path, count: int) -> list[Path]:
    """`count` submissions, each a folder holding the five solution notebooks."""
    submissions = []
    for number in range(1, count + 1):
        student = folder / f"student{number:02d}"
        student.mkdir(parents=True)
        for notebook in sorted((ROOT / "solutions").glob("*.ipynb")):
            shutil.copy(notebook, student / notebook.name)
        submissions.append(student)
    return submissions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=12)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="labkit-bench-grading-") as work:
        work = Path(work)
        submissions = make_class(work / "class", args.submissions)
        cpu_before, began = children_cpu(), time.perf_counter()
        rows = grade(submissions, work / "grades", jobs=args.jobs, progress=False)
        wall, cpu = time.perf_counter() - began, children_cpu() - cpu_before
    xp = sorted({row["xp"] for row in rows})
    for row in rows:
        if row["xp"] != 600:  # a solution that did not earn everything: say where, it is a bug to chase
            failed = [(s["step"], s["missing"]) for s in row["steps"] if not s["passed"]]
            problems = {
                lab: (run.get("problem"), run.get("error"), run.get("failed_cells"))
                for lab, run in row.get("labs", {}).items()
                if run.get("problem") or run.get("failed_cells")
            }
            print(f"{row['student']}: {row['xp']} XP; failed {failed}; notebooks {problems}; {row.get('problems')}")
    per_minute = len(rows) / (wall / 60)
    print(
        f"{len(rows)} submissions, -j {args.jobs}: {wall:.1f} s wall, {per_minute:.2f} per minute "
        f"(target >= {TARGET_PER_MINUTE}), {cpu / len(rows):.1f} CPU s per submission; XP {xp}"
    )
    return 0 if all(row["xp"] == 600 for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
