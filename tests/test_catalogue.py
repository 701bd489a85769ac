"""The step catalogue: 600 XP, at least 85% of them for student work, nothing for what the notebook gives.

A step is student work when the student writes the code that passes its check or finds its answer; a
step whose check the notebook's own cells pass (`given=True`) is scaffolding and earns nothing, so a
student copy run untouched earns 0 XP (tests/test_grading.py grades one). The last test ties `given` to
the student copies themselves: a step is student work exactly when an exercise comes before its check.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from labkit.checks.catalogue import COURSE_BADGE_XP, LABS, STEPS, STUDENT_WORK_SHARE, Step, student_xp

ROOT = Path(__file__).resolve().parents[1]
CHECK = re.compile(r"""lab\.check\(\s*["']([\w.]+)["']""")
EXERCISE = "raise NotImplementedError()"


def test_the_course_is_worth_600_xp():
    assert sum(s.xp for s in STEPS) == COURSE_BADGE_XP == 600
    assert all(s.xp >= 0 for s in STEPS) and {s.lab for s in STEPS} == set(LABS)


def test_at_least_85_percent_of_the_xp_is_student_work():
    share = student_xp() / COURSE_BADGE_XP
    given = {s.id: s.xp for s in STEPS if s.given}
    assert STUDENT_WORK_SHARE == 0.85
    assert share >= STUDENT_WORK_SHARE, f"only {share:.0%} of the XP is student work; given steps: {given}"


def test_the_share_is_counted_from_the_given_flags():
    """The control: the first edition's catalogue, 180 of 600 XP for given code, fails the 85% test."""
    first_edition = tuple(Step(f"step.{xp}", "lab", xp, given=given) for xp, given in ((180, True), (420, False)))
    assert student_xp(first_edition) / COURSE_BADGE_XP < STUDENT_WORK_SHARE


def test_what_the_notebook_gives_earns_nothing():
    assert {s.id: s.xp for s in STEPS if s.given and s.xp} == {}


def student_copy_cells(lab: str) -> list[str]:
    notebook = json.loads((ROOT / "notebooks" / f"{lab}.ipynb").read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


def exercise_before_check(lab: str) -> dict[str, bool]:
    """For each step checked in the lab's student copy: whether an exercise comes between the previous
    step's first check and this step's first check."""
    found: dict[str, bool] = {}
    since_last = False
    for source in student_copy_cells(lab):
        since_last = since_last or EXERCISE in source
        for step_id in CHECK.findall(source):
            if step_id not in found:
                found[step_id] = since_last
                since_last = False
    return found


@pytest.mark.parametrize("lab", LABS)
def test_given_means_no_exercise_before_the_check_in_the_student_copy(lab):
    found = exercise_before_check(lab)
    steps = {s.id: s for s in STEPS if s.lab == lab}
    assert set(found) == set(steps), "every step of the lab is checked in its notebook"
    assert {step_id: not steps[step_id].given for step_id in found} == found
