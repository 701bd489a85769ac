"""Answers as students type them: tolerant of whitespace, case, quotes, int vs str; never raising.

>>> normalize(" 'ENI-0ABC' ")
'eni-0abc'
>>> same_answer("23", 23)
True
>>> as_int("²") is None and as_int(10 ** 5000) is None
True
"""

from __future__ import annotations

import ipaddress
import math
from typing import Any

_STRAY = " \t\r\n'\"`[](),;"
MAX_INT_DIGITS = 30  # no count or port in the labs comes near; longer numbers are no answer
MAX_TEXT = 2000  # characters of an answer looked at


def single_value(answer: Any) -> Any:
    """A one-cell pandas/numpy result (e.g. a count(*) DataFrame) as its value."""
    try:
        if hasattr(answer, "to_numpy"):
            values = answer.to_numpy().ravel()
            if len(values) == 1:
                return values[0].item() if hasattr(values[0], "item") else values[0]
            return answer
        if hasattr(answer, "item") and getattr(answer, "size", 0) == 1:
            return answer.item()
    except Exception:  # an object that only looks like a result: judged as its text
        return answer
    return answer


def too_big(answer: Any) -> int | None:
    """About how many digits a huge integer answer has (None for anything else): such a number cannot
    even be turned into text by Python (its 4300-digit limit), so it is caught first."""
    if isinstance(answer, int) and not isinstance(answer, bool) and answer.bit_length() > 3 * MAX_INT_DIGITS * 4:
        return int(answer.bit_length() * 0.30103) + 1
    return None


def text_of(answer: Any) -> str:
    """`str(answer)`, capped at MAX_TEXT characters, for anything at all (a huge int, an object whose
    __str__ raises)."""
    digits = too_big(answer)
    if digits is not None:
        return f"<{digits}-digit number>"
    try:
        return str(answer)[:MAX_TEXT]
    except Exception:
        return f"<{type(answer).__name__}>"


def is_blank(answer: Any) -> bool:
    return answer is None or text_of(answer).strip() == ""


def normalize(answer: Any) -> str:
    """A comparable form: stripped of whitespace and stray quotes/brackets, lower case; 23.0 -> '23'.

    A one-cell DataFrame or Series (what a query returns) counts as its single value.
    """
    answer = single_value(answer)
    if isinstance(answer, float) and answer.is_integer() and abs(answer) < 1e30:
        answer = int(answer)
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        answer = answer[0]
    text = text_of(answer).strip().strip(_STRAY).strip().lower()
    if text.endswith(".0") and text[:-2].isascii() and text[:-2].isdigit():
        text = text[:-2]
    return text


def same_answer(answer: Any, expected: Any) -> bool:
    """True when the student's answer means the expected value."""
    return answer is not None and expected is not None and normalize(answer) == normalize(expected)


def as_int(answer: Any) -> int | None:
    """The answer as an integer (commas and spaces allowed: '1,234'), or None (also for '²', '٣' or a
    number too long to be a count)."""
    text = normalize(answer).replace(",", "").replace("_", "").replace(" ", "")
    if text.isascii() and text.isdigit() and len(text) <= MAX_INT_DIGITS:
        return int(text)
    return None


def as_number(answer: Any) -> tuple[float, bool] | None:
    """The answer as a finite number and whether it was written as a percentage ('14.2%'), or None.

    Commas and spaces are allowed ('1,234.5'); a one-cell result counts as its value.

        >>> as_number(" 14.2% "), as_number(0.142), as_number("many")
        ((14.2, True), (0.142, False), None)
    """
    value = single_value(answer)
    if isinstance(value, bool) or too_big(value) is not None:
        return None
    text = text_of(value).strip().strip(_STRAY).replace(",", "").replace("_", "").replace(" ", "")
    percent = text.endswith("%")
    text = text.removesuffix("%").removeprefix("$")
    if not text.isascii() or len(text) > 4 * MAX_INT_DIGITS:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return (number, percent) if math.isfinite(number) else None


def as_address(answer: Any) -> str | None:
    """The answer as an IPv4/IPv6 address in its usual form, or None."""
    try:
        return str(ipaddress.ip_address(normalize(answer)))
    except ValueError:
        return None
