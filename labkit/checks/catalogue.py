"""Every step of every lab in one place: id, lab, XP, whether it takes an answer, whether the notebook
gives it, and its verification.

Step id `<area>.<name>` is verified by the function `<name>` of module `labkit.checks.<area>`.

Titles and hints live in the message catalogue as `checks.<step id>.title` / `.hint` (English and Korean).

XP goes to student work: a step the student does (writes the code, or finds the answer) earns XP; a
step the notebook's own cells pass by themselves (`given=True`) is scaffolding and earns none, so a
student copy run untouched earns 0 XP. At least `STUDENT_WORK_SHARE` of the course's XP is student
work (tests/test_catalogue.py).

    >>> sum(step.xp for step in STEPS)
    600
    >>> [s.id for s in steps_for("00-welcome")]
    ['welcome.connected']
    >>> student_xp() / COURSE_BADGE_XP >= STUDENT_WORK_SHARE
    True
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

from ..messages import LabkitError, pair

COURSE_BADGE_XP = 600
STUDENT_WORK_SHARE = 0.85  # the least share of the course's XP that goes to what the student does


@dataclass(frozen=True)
class Step:
    """One checked step of a lab.

    `needs_answer`: the check judges an answer (`lab.check(id, answer=...)`), else the account's state.
    `given`: the notebook's own code passes the check without the student writing anything (building the
    demo VPC): scaffolding, worth 0 XP. A step is student work when the student writes the code that
    makes its check pass, or finds its answer.
    """

    id: str
    lab: str
    xp: int
    needs_answer: bool = False
    given: bool = False

    @property
    def verify(self) -> Callable:
        """The verification `labkit.checks.<area>.<name>` for step id `<area>.<name>`: (Context, answer) -> Verdict.

        Imported on first use so that `import labkit` stays light.
        """
        area, name = self.id.split(".", 1)
        return getattr(importlib.import_module(f"{__package__}.{area}"), name)

    @property
    def title(self) -> dict[str, str]:
        return pair(f"checks.{self.id}.title")

    @property
    def hint(self) -> dict[str, str]:
        return pair(f"checks.{self.id}.hint")


LABS = ("00-welcome", "01-flow-logs", "02-reading-flow-logs", "03-athena", "04-cleanup")

# XP goes to what the student writes or finds; what the notebook gives earns nothing.
STEPS: tuple[Step, ...] = (
    Step("welcome.connected", "00-welcome", 10, needs_answer=True),
    Step("flowlogs.demo_vpc", "01-flow-logs", 0, given=True),
    Step("flowlogs.bucket", "01-flow-logs", 20),
    Step("flowlogs.s3_flow_log", "01-flow-logs", 50),
    Step("flowlogs.bucket_policy", "01-flow-logs", 20, needs_answer=True),
    Step("flowlogs.role", "01-flow-logs", 30),
    Step("flowlogs.log_group", "01-flow-logs", 20),
    Step("flowlogs.cwl_flow_log", "01-flow-logs", 50),
    Step("reading.s3_objects", "02-reading-flow-logs", 10, needs_answer=True),
    Step("reading.bastion_eni", "02-reading-flow-logs", 10, needs_answer=True),
    Step("reading.top_attacker", "02-reading-flow-logs", 20, needs_answer=True),
    Step("reading.nacl_block", "02-reading-flow-logs", 20),
    Step("detection.metric_filter", "02-reading-flow-logs", 15),
    Step("detection.alarm", "02-reading-flow-logs", 15),
    Step("detection.insights_answer", "02-reading-flow-logs", 15, needs_answer=True),
    Step("firewall.sg_revoked", "02-reading-flow-logs", 20),
    Step("firewall.nacl_cut", "02-reading-flow-logs", 20),
    Step("firewall.reject_flow_log", "02-reading-flow-logs", 15),
    Step("firewall.blocking_rule", "02-reading-flow-logs", 15, needs_answer=True),
    Step("firewall.office_fixed", "02-reading-flow-logs", 15),
    Step("athena.result_location", "03-athena", 10),
    Step("athena.table", "03-athena", 20),
    Step("athena.partition", "03-athena", 20),
    Step("athena.crawler", "03-athena", 20),
    Step("athena.projection", "03-athena", 20),
    Step("athena.rejected_count", "03-athena", 10, needs_answer=True),
    Step("athena.top_attacker", "03-athena", 20, needs_answer=True),
    Step("athena.top_port", "03-athena", 10, needs_answer=True),
    Step("analyst.icmp_share", "03-athena", 20, needs_answer=True),
    Step("analyst.ssh_guesser", "03-athena", 20, needs_answer=True),
    Step("analyst.guesser_got_in", "03-athena", 10, needs_answer=True),
    Step("analyst.month_cost", "03-athena", 20, needs_answer=True),
    Step("cleanup.done", "04-cleanup", 10),
)

_BY_ID = {step.id: step for step in STEPS}


def step(step_id: str) -> Step:
    """The catalogue's step; a bilingual error listing the steps when the id is unknown."""
    found = _BY_ID.get(str(step_id).strip())
    if found is None:
        raise LabkitError("checks.unknown_step", step=step_id, steps=", ".join(_BY_ID))
    return found


def steps_for(lab: str) -> list[Step]:
    return [s for s in STEPS if s.lab == lab]


def lab_xp(lab: str) -> int:
    return sum(s.xp for s in steps_for(lab))


def student_xp(steps: tuple[Step, ...] = STEPS) -> int:
    """XP of the steps the student does (not given by the notebook)."""
    return sum(s.xp for s in steps if not s.given)


def is_catalogued(candidate: Step) -> bool:
    """True only for the catalogue's own Step objects (a home-made Step with an easy verify is not)."""
    return _BY_ID.get(candidate.id) is candidate
