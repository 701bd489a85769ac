"""Read-only checks of the learner's resources, one per lab step (awarding their XP is labkit.progress's).

>>> from labkit.checks import verify, STEPS
>>> verify("flowlogs.log_group").passed
True
"""

from .catalogue import COURSE_BADGE_XP, LABS, STEPS, Step, lab_xp, step, steps_for

__all__ = ["COURSE_BADGE_XP", "LABS", "STEPS", "Step", "lab_xp", "step", "steps_for", "verify"]


def verify(step_id, answer=None):
    from .runner import verify as run_verify

    return run_verify(step_id, answer)
