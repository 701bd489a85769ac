"""Run a step's verification: here (`verify`, on AWS or inside the sandbox), or in the sandbox, which
holds the truth (`remote_verdict`, from a kernel). Awarding XP for a pass is labkit.progress.run's.

    >>> verify("reading.top_attacker", answer=" 203.0.113.9 ").passed
    True

A check never raises for what it finds: whatever goes wrong while it looks (an AWS error, a sandbox that
does not answer, a damaged file, a bug) becomes a failing verdict that says, in both languages, that the
check could not run and why. Nothing is recorded then, so the step can simply be checked again.
"""

from __future__ import annotations

import math
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from ..messages import LabkitError
from .answers import MAX_TEXT, is_blank, single_value, text_of, too_big
from .catalogue import step as find_step
from .context import Context, DamagedTruth
from .verdict import Verdict

MAX_ANSWER = MAX_TEXT  # characters of an answer sent to the sandbox and kept in its record
VERIFY_TIMEOUT = 30.0  # seconds a kernel waits for the sandbox's verdict before saying it could not run
MAX_ERROR_TEXT = 300  # characters of an error shown in a verdict


def describe_error(error: BaseException) -> str:
    """`Type: message` on one line, short; never raises (some errors cannot even be printed)."""
    detail = text_of(error)
    detail = " ".join(detail.split())[:MAX_ERROR_TEXT]
    name = type(error).__name__
    return f"{name}: {detail}" if detail else name


def could_not_run(error: BaseException) -> Verdict:
    """The verdict of a check that could not look: failing, with the reason, nothing awarded."""
    if isinstance(error, LabkitError):
        return Verdict().fail("check_failed", error=str(error).replace("\n", " / ")[: 2 * MAX_ERROR_TEXT])
    return Verdict().fail("check_failed", error=describe_error(error))


def answer_problem(found, answer: Any) -> Verdict | None:
    """A verdict for an answer that cannot be judged at all (none, or a number of thousands of digits)."""
    if found.needs_answer and is_blank(answer):
        return Verdict().fail("answer_needed", step=found.id)
    digits = too_big(single_value(answer))
    if found.needs_answer and digits is not None:
        return Verdict().fail("answer_too_big", digits=digits)
    return None


def verify(step_id: str, answer: Any = None) -> Verdict:
    """The verification's verdict for `step_id`, without awarding anything (read-only).

    Never raises for a known step: AWS errors, a missing answer and anything unexpected become a failing
    verdict with a reason.
    """
    found = find_step(step_id)
    problem = answer_problem(found, answer)
    if problem is not None:
        return problem
    try:
        return found.verify(Context(), answer)
    except DamagedTruth as error:
        return Verdict().fail("truth_damaged", part=str(error))
    except (ClientError, BotoCoreError) as error:
        return Verdict().fail("aws_error", error=" ".join(text_of(error).split())[:MAX_ERROR_TEXT])
    except Exception as error:  # a check never ends in a traceback: see the module docstring
        return could_not_run(error)


def answer_as_data(answer: Any):
    """What travels to the sandbox: a one-cell result as its value, anything else as text (capped)."""
    value = single_value(answer)
    if value is None or isinstance(value, (bool, int, float, str)):
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)  # JSON has no NaN or infinity
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**100:
            return text_of(value)
        return value[:MAX_ANSWER] if isinstance(value, str) else value
    return text_of(value)[:MAX_ANSWER]


def remote_verdict(step_id: str, answer: Any) -> Verdict:
    """Ask the sandbox: yes or no, and why (never the expected answer)."""
    from ..sandbox_client import ensure_sandbox
    from ..sandbox_client.client import call

    ensure_sandbox()  # it may have stopped while idle: start it again (same keys, same port)
    found = call("POST", "/labkit/verify", {"step": step_id, "answer": answer_as_data(answer)}, timeout=VERIFY_TIMEOUT)
    verdict = Verdict(evidence=found.get("evidence") or {})
    verdict.missing = [(key, fields) for key, fields in found.get("missing", [])]
    verdict.notes = [(key, fields) for key, fields in found.get("notes", [])]
    from ..messages import CATALOGUE

    unknown = [key for key, _ in verdict.missing + verdict.notes if key not in CATALOGUE]
    if unknown:  # a newer or older sandbox than this kernel: say so rather than fail to print
        raise LabkitError("checks.unknown_reason", keys=", ".join(unknown))
    return verdict
