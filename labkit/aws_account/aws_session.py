"""What `labkit.start` does first on LABKIT_TARGET=aws: guard and tag this process's AWS calls, then say
who and where (consent.py decides and records the confirmation; hooks.py guards and tags the calls)."""

from __future__ import annotations

from . import hooks, tags
from .consent import AwsNotice, confirm_aws, confirmation, identity, refuse_in_ci


def open_aws_session(lab: str, confirm: bool = False) -> "AwsNotice":
    """What labkit.start does first on LABKIT_TARGET=aws: refuse in CI, guard and tag every creating call
    of this process, say who and where, and record the confirmation when `confirm`."""
    refuse_in_ci()
    tags.set_current_lab(lab)
    hooks.install()
    if confirm:
        notice = confirm_aws()
        return AwsNotice(notice.identity, lab=lab, confirmed=notice.confirmed, just_confirmed=True)
    who = identity()
    return AwsNotice(who, lab=lab, confirmed=confirmation(who.account, who.region))
