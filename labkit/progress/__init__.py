"""Progress: running a check and awarding its XP once (run.py), the XP ledger, the summary of steps done
and left, and badges.

    >>> from labkit.progress import progress_summary, export_badge
    >>> progress_summary().xp
    600
    >>> export_badge("badge.svg")
"""

from .badges import COURSE_BADGE, Badge, all_badges, badge
from .run import run_check
from .summary import Progress, export_badge, progress_summary

__all__ = ["COURSE_BADGE", "Badge", "Progress", "all_badges", "badge", "export_badge", "progress_summary", "run_check"]
