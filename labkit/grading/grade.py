"""`labkit grade`: grade a class's submissions, each in a sandbox the grader owns.

    >>> rows = grade([Path("submitted")], Path("grades"), jobs=2)
    >>> rows[0]["xp"], rows[0]["status"]
    (600, 'graded')

Each submission is graded by a worker process of its own (labkit.grading.worker) with a time limit;
whatever one submission does, the others are graded and every submission gets its row. Results are
kept in DIR/results/STUDENT.json with the submission's digest: a re-run grades only what changed,
unless `force`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..atomic import write_atomically
from ..checks.catalogue import COURSE_BADGE_XP, LABS, STEPS, step as find_step
from .limits import CELL_TIMEOUT, OUTPUT_CAP, SUBMISSION_TIMEOUT
from .open_badges import bake_badges
from .reports import write_reports
from .submissions import Submission, find_submissions

RESULTS = "results"


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def grade_submission(
    submission: Submission,
    out: Path,
    cell_timeout: int = CELL_TIMEOUT,
    timeout: float = SUBMISSION_TIMEOUT,
    output_cap: int = OUTPUT_CAP,
) -> dict:
    """The graded result of one submission (also stored in out/results/STUDENT.json)."""
    result = {"student": submission.student, "labs": {}, "steps": [], "status": "graded", "problems": []}
    if submission.notebooks:
        with tempfile.TemporaryDirectory(prefix="labkit-submission-") as work:
            work = Path(work)
            paths = {}
            for lab, data in submission.notebooks.items():
                paths[lab] = str(work / f"{lab}.ipynb")
                Path(paths[lab]).write_bytes(data)
            spec = {
                "student": submission.student,
                "notebooks": paths,
                "result": str(work / "result.json"),
                "cell_timeout": cell_timeout,
                "output_cap": output_cap,
            }
            (work / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
            log = open(work / "worker.log", "wb")
            process = subprocess.Popen(
                [sys.executable, "-m", "labkit.grading.worker", str(work / "spec.json")],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
                cwd=str(work),
            )
            try:
                code = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill(process)
                code = "timeout"
            finally:
                log.close()
            try:
                result = json.loads((work / "result.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                pass
            if code == "timeout":
                result["status"] = "timeout"
                result["problems"].append(["grading.submission_timeout", {"minutes": round(timeout / 60, 1)}])
            elif code != 0:
                result["status"] = "error"
                result["problems"].append(["grading.worker_failed", {"code": code}])
    else:
        result["status"] = "no_notebooks"
        result["problems"].append(["grading.no_course_notebooks", {}])
    result["problems"] = [list(p) for p in submission.problems] + result["problems"]
    for lab, ran in result["labs"].items():
        if ran.get("problem"):
            result["problems"].append([ran["problem"], {"lab": lab, "error": ran.get("error", "")}])
    return summarize(result)


def summarize(result: dict) -> dict:
    """XP from the catalogue for the steps the grader verified, the badge, the first reason."""
    passed = {s["step"] for s in result["steps"] if s.get("passed")}
    result["xp"] = sum(find_step(step_id).xp for step_id in passed)
    result["badge"] = result["xp"] >= COURSE_BADGE_XP
    result["passed"] = sorted(passed, key=[s.id for s in STEPS].index)
    return result


def grade(
    paths: list[Path],
    out: Path,
    jobs: int = 1,
    force: bool = False,
    progress: bool = True,
    cell_timeout: int = CELL_TIMEOUT,
    timeout: float = SUBMISSION_TIMEOUT,
    issuer_key: Path | None = None,
) -> list[dict]:
    """Grade every submission in `paths` into `out` (gradebook, feedback pages, class summary, and a
    signed badge in out/badges for 600 XP, signed with `issuer_key`: see labkit.grading.open_badges)."""
    submissions = find_submissions(paths)
    (out / RESULTS).mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    todo = []
    for submission in submissions:
        kept = _kept_result(out, submission)
        if kept is not None and not force:
            results[submission.student] = kept
        else:
            todo.append(submission)
    done = len(submissions) - len(todo)
    began = time.monotonic()

    def one(submission: Submission) -> dict:
        result = grade_submission(submission, out, cell_timeout, timeout)
        result["digest"] = submission.digest
        write_atomically(out / RESULTS / f"{submission.student}.json", json.dumps(result, indent=1, default=str))
        return result

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for result in pool.map(one, todo):
            results[result["student"]] = result
            done += 1
            if progress:
                _progress(done, len(submissions), time.monotonic() - began)
    rows = [results[s.student] for s in submissions]
    write_reports(rows, out)
    bake_badges(out, [row["student"] for row in rows], issuer_key)
    return rows


def _kept_result(out: Path, submission: Submission) -> dict | None:
    try:
        kept = json.loads((out / RESULTS / f"{submission.student}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return kept if kept.get("digest") == submission.digest else None


def _progress(done: int, total: int, seconds: float) -> None:
    width = 30
    filled = width * done // max(total, 1)
    end = "\n" if done == total else ""
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} ({seconds:.0f} s){end}")
    sys.stderr.flush()


__all__ = ["LABS", "grade", "grade_submission", "summarize"]
