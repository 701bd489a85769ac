"""Run a step's verification, seal the result, and award its XP once: the only way to XP.

    >>> result = run_check("reading.top_attacker", answer=" 203.0.113.9 ")
    >>> result.passed
    True
"""
from __future__ import annotations

from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from ..messages import LabkitError
from .catalogue import step as find_step
from .context import Context
from .result import CheckResult, _make_result
from .verdict import Verdict


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


def run_check(step_id: str, answer: Any = None) -> CheckResult:
    """Verify `step_id` against the account now; on a pass, record its XP once in the ledger."""
    from ..progress import ledger

    found = find_step(step_id)
    result = _make_result(found, verify(found.id, answer), answer)
    if result.passed:
        entry = ledger._award(result)
        result.already_earned = entry is None
        result.xp_awarded = 0 if entry is None else entry["xp"]
    return result
