"""The grader's own verdicts: every step checked in the grader's sandbox, by the grader.

A step that takes no answer is verified by the sandbox (`/labkit/verify`), where the truth is; an answer
step passes when the sandbox's record of attempts holds an answer it judged right. What the notebook
printed, saved or wrote in its ledger counts for nothing, and resources `prepare()` built fail their
checks as they do for a student.
"""

from __future__ import annotations

from ..checks.catalogue import Step, steps_for
from ..sandbox_client.client import call

VERIFY_TIMEOUT = 60.0


def attempts(endpoint) -> list[dict]:
    return call("GET", "/labkit/attempts", endpoint=endpoint, timeout=VERIFY_TIMEOUT).get("attempts", [])


def aws_calls(endpoint) -> int:
    """How many AWS calls the grader's sandbox has answered so far (-1 if it no longer answers)."""
    try:
        return int(call("GET", "/labkit/status", endpoint=endpoint, timeout=VERIFY_TIMEOUT).get("aws_calls", 0))
    except Exception:
        return -1


def not_credited(lab: str, reason: str) -> list[dict]:
    """Every step of `lab`, failed for `reason` without asking the sandbox."""
    return [
        {"step": step.id, "passed": False, "attempts": 0, "missing": [[reason, {"lab": lab}]]}
        for step in steps_for(lab)
    ]


def verify_step(step: Step, endpoint, recorded: list[dict]) -> dict:
    """{"step", "passed", "missing": [[key, fields]...], "attempts": n} for one step."""
    if step.needs_answer:
        mine = [a for a in recorded if a.get("step") == step.id]
        passed = any(a.get("verdict") == "right" for a in mine)
        missing = [] if passed else [["grading.no_right_answer" if mine else "grading.no_answer", {}]]
        return {"step": step.id, "passed": passed, "missing": missing, "attempts": len(mine)}
    try:
        verdict = call("POST", "/labkit/verify", {"step": step.id}, endpoint=endpoint, timeout=VERIFY_TIMEOUT)
    except Exception as error:  # the sandbox is gone (the submission killed it) or hung
        return {
            "step": step.id,
            "passed": False,
            "attempts": 0,
            "missing": [["grading.sandbox_lost", {"error": type(error).__name__}]],
        }
    return {
        "step": step.id,
        "passed": bool(verdict.get("passed")),
        "attempts": 0,
        "missing": [list(item) for item in verdict.get("missing", [])],
    }


def verify_lab(lab: str, endpoint) -> list[dict]:
    """Each step of `lab`, verified now (right after the lab's notebook ran: lab 04 deletes what
    lab 01 built, so each lab is checked before the next one runs)."""
    try:
        recorded = attempts(endpoint)
    except Exception:
        recorded = []
    return [verify_step(step, endpoint, recorded) for step in steps_for(lab)]
