"""A check's result, as the student sees it (text in a terminal, HTML in Jupyter).

Only `make_result` makes one (the check runner, labkit.progress.run.run_check, calls it): the constructor
wants this module's private seal, so `CheckResult(...)` in a notebook raises instead of yielding something
the ledger accepts.

    >>> result = run_check("flowlogs.log_group")
    >>> result.passed, result.xp_awarded
    (True, 30)
"""

from __future__ import annotations

import html

from ..messages import LabkitError, chosen_languages, message_html, text
from .catalogue import Step
from .verdict import Verdict

_RUNNER_SEAL = object()  # only make_result passes this


class CheckResult:
    """What one run of a step's verification found; `xp_awarded` is set by the runner after the ledger."""

    def __init__(self, step: Step, verdict: Verdict, answer=None, *, seal: object = None):
        if seal is not _RUNNER_SEAL:
            raise LabkitError("checks.forged_result")
        self._seal = seal
        self.step = step
        self.passed = verdict.passed
        self.missing = list(verdict.missing)
        self.notes = list(verdict.notes)
        self.evidence = dict(verdict.evidence)
        self.answer = answer
        self.xp_awarded = 0
        self.already_earned = False

    def is_sealed(self) -> bool:
        """Made by make_result (what the ledger accepts), not by hand."""
        return self._seal is _RUNNER_SEAL

    def _messages(self) -> list[tuple[str, dict, str]]:
        """(message key, fields, kind) in display order; kind is head, section, item or hint."""
        title = self.step.title
        if self.passed and not self.already_earned:
            head = ("checks.result.passed", {"title": title, "xp": self.xp_awarded}, "head")
        elif self.passed:
            head = ("checks.result.already", {"title": title, "xp": self.step.xp}, "head")
        else:
            head = ("checks.result.not_yet", {"title": title}, "head")
        shown = [head]
        if self.missing:
            shown.append(("checks.result.missing", {}, "section"))
            shown += [(key, fields, "item") for key, fields in self.missing]
        if self.notes:
            shown.append(("checks.result.notes", {}, "section"))
            shown += [(key, fields, "item") for key, fields in self.notes]
        if not self.passed:
            shown.append(("checks.result.hint", {"hint": self.step.hint}, "hint"))
        return shown

    def text(self) -> str:
        lines = []
        for key, fields, kind in self._messages():
            indent = "  - " if kind == "item" else ("  " if kind != "head" else "")
            lines += [indent + text(key, code, **fields) for code in chosen_languages()]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        color = "#2e7d32" if self.passed else "#ef6c00"
        parts: list[str] = []
        items: list[str] = []

        def flush() -> None:
            if items:
                parts.append("<ul style='margin:2px 0'>" + "".join(items) + "</ul>")
                items.clear()

        for key, fields, kind in self._messages():
            body = message_html(key, **fields)
            if kind == "item":
                items.append(f"<li>{body}</li>")
                continue
            flush()
            weight = "font-weight:600" if kind == "head" else "margin-top:4px"
            parts.append(f"<div style='{weight}'>{body}</div>")
        flush()
        return (
            f"<div class='labkit-check' data-step='{html.escape(self.step.id)}' "
            f"style='border-left:4px solid {color};padding:4px 10px;margin:4px 0'>{''.join(parts)}</div>"
        )


def make_result(step: Step, verdict: Verdict, answer=None) -> CheckResult:
    """The sealed result of a verification (the check runner's: see the module docstring)."""
    return CheckResult(step, verdict, answer, seal=_RUNNER_SEAL)
