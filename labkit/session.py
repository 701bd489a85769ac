"""The lab session a notebook opens in one call.

    >>> import labkit
    >>> lab = labkit.start("01-flow-logs", seed=0)   # shows the header (HTML in Jupyter, text in a terminal)
    >>> lab.check("flowlogs.log_group")              # verifies, shows what is missing + hint, awards XP once
    >>> lab.check("reading.top_attacker", answer="203.0.113.9")
    >>> lab.hint("flowlogs.role"); lab.progress(); lab.steps

Where it runs: LABKIT_TARGET=aws uses the learner's AWS account (no sandbox is started and
AWS_ENDPOINT_URL is left alone); otherwise the sandbox named by AWS_ENDPOINT_URL when it answers,
or one started in this process.

On a real account the first start says which account, region and identity it uses and what the labs
cost, and nothing billable is created until the learner confirms once for that account and region:

    >>> lab = labkit.start("01-flow-logs", confirm_aws=True)     # or labkit.confirm_aws() afterwards
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checks.catalogue import COURSE_BADGE_XP, LABS, Step, lab_xp, step, steps_for
from .config import target
from .messages import LabkitError, chosen_languages, message_html, pair, text


@dataclass(frozen=True)
class Hint:
    step: Step

    def _fields(self) -> dict:
        return {"title": self.step.title, "hint": self.step.hint}

    def __repr__(self) -> str:
        return "\n".join(text("checks.hint.line", code, **self._fields()) for code in chosen_languages())

    def _repr_html_(self) -> str:
        return f"<div class='labkit-hint'>{message_html('checks.hint.line', **self._fields())}</div>"


class StepList(list):
    """A lab's steps; shows one line per step with its XP and whether it is done."""

    def __init__(self, lab: str, steps: list[Step]):
        super().__init__(steps)
        self.lab = lab

    def _lines(self) -> list[tuple[str, dict]]:
        from .progress import ledger

        done = ledger.earned_steps()
        lines = [("session.steps_title", {"lab": self.lab})]
        return lines + [
            ("checks.step.line", {"mark": "✔" if s.id in done else "·", "step": s.id, "title": s.title, "xp": s.xp})
            for s in self
        ]

    def __repr__(self) -> str:
        return "\n".join(text(key, code, **fields) for key, fields in self._lines() for code in chosen_languages())

    def _repr_html_(self) -> str:
        return "".join(f"<div>{message_html(key, **fields)}</div>" for key, fields in self._lines())


class Lab:
    """One lab's session: checks, hints and progress; its repr is the header."""

    def __init__(self, lab: str, seed: int = 0, aws_notice=None):
        self.lab = lab
        self.seed = seed
        self.target = target()
        self.aws_notice = aws_notice  # on a real account: who, where, costs, confirmed or not

    @property
    def steps(self) -> StepList:
        return StepList(self.lab, steps_for(self.lab))

    def check(self, step_id: str, answer: Any = None):
        """Verify `step_id` now (read-only), award its XP once if it passes; returns the shown result."""
        from .progress.run import run_check

        return run_check(step_id, answer)

    def hint(self, step_id: str) -> Hint:
        return Hint(step(step_id))

    def progress(self):
        from .progress import progress_summary

        return progress_summary()

    def export_badge(self, path: str | Path, badge_id: str | None = None) -> Path:
        """Save a badge as SVG: the course badge by default, or a lab's badge (`badge_id="01-flow-logs"`)."""
        from .progress import COURSE_BADGE, export_badge

        return export_badge(path, badge_id or COURSE_BADGE)

    def _header_lines(self) -> list[tuple[str, dict]]:
        from .aws import region
        from .progress import progress_summary

        summary = progress_summary()
        steps = steps_for(self.lab)
        where = ("session.where_aws", {"region": region()}) if self.target == "aws" else ("session.where_sandbox", {})
        return [
            ("session.header_title", {"lab": self.lab, "title": pair(f"checks.lab.{self.lab}")}),
            where,
            ("session.xp_so_far", {"xp": summary.xp, "total": COURSE_BADGE_XP}),
            (
                "session.lab_worth",
                {"steps": len(steps), "xp": lab_xp(self.lab), "earned": summary.lab_xp_earned(self.lab)},
            ),
        ]

    def __repr__(self) -> str:
        return "\n".join(
            text(key, code, **fields) for key, fields in self._header_lines() for code in chosen_languages()
        )

    def _repr_html_(self) -> str:
        rows = [
            f"<div style='{'font-weight:600;font-size:1.1em' if i == 0 else ''}'>{message_html(k, **f)}</div>"
            for i, (k, f) in enumerate(self._header_lines())
        ]
        return (
            "<div class='labkit-lab' style='border:1px solid #90caf9;border-radius:6px;padding:6px 12px'>"
            + "".join(rows)
            + "</div>"
        )


def start(lab: str, seed: int = 0, show: bool = True, confirm_aws: bool = False) -> Lab:
    """Open lab `lab`: attach to (or start) the sandbox unless LABKIT_TARGET=aws, then show the header.

    The header says where it runs, the XP so far and what this lab is worth; it is the same for the same
    state (no ports, times or paths), so notebook outputs compare equal from run to run.

    With LABKIT_TARGET=aws (refused when CI is set, unless LABKIT_ALLOW_AWS_IN_CI=1) it first shows the
    account, region and identity and, until confirmed, what each lab costs; `confirm_aws=True` confirms
    for this account and region (remembered in LABKIT_HOME). Until then every boto3 call of this process
    that would create something is refused, and whatever is created is tagged with the course and lab.
    """
    if lab not in LABS:
        raise LabkitError("session.unknown_lab", lab=lab, labs=", ".join(LABS))
    notice = aws_notice = None
    if target() != "aws":
        from .sandbox_client import ensure_sandbox
        from .sandbox_client.client import call

        ensure_sandbox(seed=seed)
        notice = call("GET", "/labkit/status").get("notice")  # e.g. a saved sandbox it could not read
    else:
        from .aws_account import open_aws_session

        aws_notice = open_aws_session(lab, confirm=confirm_aws)
    session = Lab(lab, seed, aws_notice)
    if notice:
        print(notice)
    if aws_notice is not None:
        _show(aws_notice)  # shown even with show=False: the cost of a real account is never silent
    if show:
        _show(session)
    return session


def confirm_aws():
    """Allow the labs to create billable resources in this AWS account and region, once (remembered in
    LABKIT_HOME); says what was confirmed. In the sandbox there is nothing to confirm."""
    from .aws_account import confirm_aws as confirm

    return confirm()


def _show(obj) -> None:
    """Display in a Jupyter kernel (HTML), print in a terminal."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is not None and type(shell).__name__ == "ZMQInteractiveShell":
        from IPython.display import display

        display(obj)
    else:
        print(repr(obj))
