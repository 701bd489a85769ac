"""Read-only checks of the learner's resources, one per lab step, and the runner that awards XP.

    >>> from labkit.checks import run_check, STEPS
    >>> run_check("flowlogs.log_group").passed
    True
"""
from .catalogue import COURSE_BADGE_XP, LABS, STEPS, Step, lab_xp, step, steps_for

__all__ = ["COURSE_BADGE_XP", "LABS", "STEPS", "Step", "lab_xp", "run_check", "step", "steps_for", "verify"]


def run_check(step_id, answer=None):
    from .runner import run_check as run

    return run(step_id, answer)


def verify(step_id, answer=None):
    from .runner import verify as run_verify

    return run_verify(step_id, answer)
