"""Run a step's check and award its XP once: the only way to XP (the ledger takes only the sealed
result of a passing check; see labkit.progress.ledger).

    >>> result = run_check("reading.top_attacker", answer=" 203.0.113.9 ")
    >>> result.passed, result.xp_awarded
    (True, 40)

In the sandbox the sandbox itself verifies (it holds the truth); on AWS this process does. Nothing is
recorded for a check that could not run, so the step can simply be checked again.
"""

from __future__ import annotations

from typing import Any

from ..checks.catalogue import step as find_step
from ..checks.result import CheckResult, make_result
from ..checks import runner
from ..checks.runner import answer_problem, could_not_run, describe_error
from ..checks.verdict import Verdict
from ..messages import LabkitError
from . import ledger


def run_check(step_id: str, answer: Any = None) -> CheckResult:
    """Verify `step_id` against the account now; on a pass, record its XP once in the ledger.

    In the sandbox the sandbox itself verifies (it holds the truth); on AWS this process does.
    An unknown step id raises a bilingual LabkitError; anything else ends in a result.
    """
    from ..config import target

    found = find_step(step_id)
    try:
        problem = answer_problem(found, answer)
        if problem is not None:
            verdict = problem
        elif target() == "aws":
            verdict = runner.verify(found.id, answer)
        else:
            verdict = runner.remote_verdict(found.id, answer)
    except Exception as error:
        verdict = could_not_run(error)
    result = make_result(found, verdict, answer)
    if result.passed:
        try:
            entry = ledger.award(result)
        except (OSError, LabkitError, ValueError) as error:  # full disk, read-only LABKIT_HOME, ...
            return _ledger_failed(found, verdict, answer, error)
        result.already_earned = entry is None
        result.xp_awarded = 0 if entry is None else entry["xp"]
    return result


def _ledger_failed(found, verdict: Verdict, answer: Any, error: BaseException) -> CheckResult:
    try:
        path = ledger.ledger_path()
    except Exception:
        path = "LABKIT_HOME"
    failed = Verdict(evidence=verdict.evidence, notes=verdict.notes)
    failed.fail("ledger_failed", path=str(path), error=describe_error(error))
    return make_result(found, failed, answer)
