"""Run a step's verification, seal the result, and award its XP once: the only way to XP.

    >>> result = run_check("reading.top_attacker", answer=" 203.0.113.9 ")
    >>> result.passed
    True
"""
from __future__ import annotations

import math
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from ..messages import LabkitError
from .catalogue import step as find_step
from .context import Context
from .result import CheckResult, _make_result
from .verdict import Verdict

MAX_ANSWER = 2000  # characters of an answer sent to the sandbox and kept in its record


def verify(step_id: str, answer: Any = None) -> Verdict:
    """The verification's verdict for `step_id`, without awarding anything (read-only).

    "Not yet" never raises: AWS errors and a missing answer become a failing verdict with a reason.
    """
    found = find_step(step_id)
    if found.needs_answer and (answer is None or str(answer).strip() == ""):
        return Verdict().fail("answer_needed", step=found.id)
    try:
        return found.verify(Context(), answer)
    except (ClientError, BotoCoreError) as error:
        return Verdict().fail("aws_error", error=str(error))
    except LabkitError as error:
        return Verdict().fail("aws_error", error=str(error))


def _answer_as_data(answer: Any):
    """What travels to the sandbox: a one-cell result as its value, anything else as text (capped)."""
    from .answers import _single_value

    value = _single_value(answer)
    if value is None or isinstance(value, (bool, int, float, str)):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10 ** 100:
            return str(value)[:MAX_ANSWER]
        return value[:MAX_ANSWER] if isinstance(value, str) else value
    return str(value)[:MAX_ANSWER]


def _attempt_verdict(verdict: Verdict) -> str:
    if verdict.passed:
        return "right"
    return "wrong" if any(key == "checks.why.wrong_answer" for key, _ in verdict.missing) else "not_yet"


def judge(step_id: str, answer: Any = None) -> Verdict:
    """Verify where the truth is (the sandbox process): attempts at answers are recorded, and after
    several wrong answers in a row to one step each further try must wait a little longer."""
    from ..sandbox.world import current_world

    found = find_step(step_id)
    world = current_world()
    if world is not None and found.needs_answer and answer is not None:
        wait = world.wait_before_next_try(found.id)
        if wait > 0:
            return Verdict().fail("too_many_tries", seconds=math.ceil(wait))
    if world is not None and world.prepared_stamps:
        from ..labs.prerequisites import forget_rebuilt

        forget_rebuilt(world)  # what the student deleted and built again is theirs now
    verdict = verify(found.id, answer)
    if world is not None and found.needs_answer and answer is not None:
        world.record_attempt(found.id, answer, _attempt_verdict(verdict))
    return verdict


def _remote_verdict(step_id: str, answer: Any) -> Verdict:
    """Ask the sandbox: yes or no, and why (never the expected answer)."""
    from ..sandbox import ensure_sandbox
    from ..sandbox.client import call

    ensure_sandbox()  # it may have stopped while idle: start it again (same keys, same port)
    found = call("POST", "/labkit/verify", {"step": step_id, "answer": _answer_as_data(answer)})
    verdict = Verdict(evidence=found.get("evidence") or {})
    verdict.missing = [(key, fields) for key, fields in found.get("missing", [])]
    verdict.notes = [(key, fields) for key, fields in found.get("notes", [])]
    return verdict


def run_check(step_id: str, answer: Any = None) -> CheckResult:
    """Verify `step_id` against the account now; on a pass, record its XP once in the ledger.

    In the sandbox the sandbox itself verifies (it holds the truth); on AWS this process does.
    """
    from ..config import target
    from ..progress import ledger

    found = find_step(step_id)
    if target() == "aws":
        verdict = verify(found.id, answer)
    elif found.needs_answer and (answer is None or str(answer).strip() == ""):
        verdict = Verdict().fail("answer_needed", step=found.id)
    else:
        try:
            verdict = _remote_verdict(found.id, answer)
        except LabkitError as error:
            verdict = Verdict().fail("aws_error", error=str(error))
    result = _make_result(found, verdict, answer)
    if result.passed:
        entry = ledger._award(result)
        result.already_earned = entry is None
        result.xp_awarded = 0 if entry is None else entry["xp"]
    return result
