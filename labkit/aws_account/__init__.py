"""The course on a real AWS account, safely: who and where, what it costs, one confirmation before
anything billable, the course's tags on everything it creates, and a cleanup that removes exactly that.

    >>> import labkit
    >>> lab = labkit.start("01-flow-logs")          # LABKIT_TARGET=aws: account, region, identity, costs
    >>> labkit.confirm_aws()                        # once per account and region
    >>> from labkit.aws_account import cleanup
    >>> cleanup(dry_run=True)                       # `labkit cleanup --dry-run`
"""

from __future__ import annotations

from .cleanup import CleanupReport, Outcome, cleanup
from .aws_session import open_aws_session
from .consent import AwsNotice, Identity, confirm_aws, refuse_in_ci, require_confirmed
from .tags import COURSE_KEY, COURSE_VALUE, LAB_KEY, course_tags

__all__ = [
    "AwsNotice",
    "COURSE_KEY",
    "COURSE_VALUE",
    "CleanupReport",
    "Identity",
    "LAB_KEY",
    "Outcome",
    "cleanup",
    "confirm_aws",
    "course_tags",
    "open_aws_session",
    "refuse_in_ci",
    "require_confirmed",
]
