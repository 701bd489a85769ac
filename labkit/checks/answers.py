"""Answers as students type them: tolerant of whitespace, case, quotes, int vs str.

    >>> normalize(" 'ENI-0ABC' ")
    'eni-0abc'
    >>> same_answer("23", 23)
    True
"""
from __future__ import annotations

from typing import Any

_STRAY = " \t\r\n'\"`[](),;"


def _single_value(answer: Any) -> Any:
    """A one-cell pandas/numpy result (e.g. a count(*) DataFrame) as its value."""
    if hasattr(answer, "to_numpy"):
        values = answer.to_numpy().ravel()
        return values[0].item() if len(values) == 1 and hasattr(values[0], "item") else (
            values[0] if len(values) == 1 else answer)
    if hasattr(answer, "item") and getattr(answer, "size", 0) == 1:
        return answer.item()
    return answer


def normalize(answer: Any) -> str:
    """A comparable form: stripped of whitespace and stray quotes/brackets, lower case; 23.0 -> '23'.

    A one-cell DataFrame or Series (what a query returns) counts as its single value.
    """
    answer = _single_value(answer)
    if isinstance(answer, float) and answer.is_integer():
        answer = int(answer)
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        answer = answer[0]
    text = str(answer).strip().strip(_STRAY).strip().lower()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text


def same_answer(answer: Any, expected: Any) -> bool:
    """True when the student's answer means the expected value."""
    return answer is not None and normalize(answer) == normalize(expected)


def as_int(answer: Any) -> int | None:
    """The answer as an integer (commas and spaces allowed: '1,234'), or None."""
    text = normalize(answer).replace(",", "").replace("_", "").replace(" ", "")
    return int(text) if text.isdigit() else None
