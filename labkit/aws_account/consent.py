"""Before anything billable exists on a real account: who and where, what it costs, and one confirmation.

    >>> notice = open_aws_session("01-flow-logs")       # identity, region, costs; nothing created
    >>> confirm_aws()                                   # once per account and region, kept in LABKIT_HOME
    >>> require_confirmed()                             # what creating code calls first; raises until then

No interactive prompt (a headless run would hang on it): the student confirms with an explicit call
or `labkit.start(lab, confirm_aws=True)`. With `CI` set, AWS mode is refused unless
LABKIT_ALLOW_AWS_IN_CI=1: a test run must never reach a real account by accident.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

from .. import aws
from ..config import labkit_home, target
from ..messages import LabkitError, chosen_languages, message_html, pair, text
from . import costs

CONFIRMATIONS_FILE = "aws-confirmations.json"
FORCE_IN_CI = "LABKIT_ALLOW_AWS_IN_CI"
_FALSE = ("", "0", "false", "no")


@dataclass(frozen=True)
class Identity:
    """Who the standard credential chain (environment, profile, SSO) makes us, and where."""

    account: str
    arn: str
    region: str


# ---- the CI guard -----------------------------------------------------------------------------------


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in _FALSE


def refuse_in_ci() -> None:
    """Raise when CI is set and AWS mode was not explicitly allowed there."""
    if in_ci() and os.environ.get(FORCE_IN_CI, "").strip().lower() in _FALSE:
        raise LabkitError("aws_account.refused_in_ci", variable=FORCE_IN_CI)


# ---- identity and remembered confirmations -----------------------------------------------------------

_identities: dict[tuple, Identity] = {}


def identity() -> Identity:
    """sts:GetCallerIdentity for the current credentials and region (asked once per credentials)."""
    key = (
        aws.region(),
        *(
            os.environ.get(name)
            for name in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL")
        ),
    )
    if key not in _identities:
        try:
            found = aws.client("sts").get_caller_identity()
        except (ClientError, BotoCoreError) as error:  # no credentials, an expired SSO session, ...
            raise LabkitError("aws_account.no_identity", detail=str(error)) from None
        _identities[key] = Identity(account=found["Account"], arn=found["Arn"], region=aws.region())
    return _identities[key]


def _path() -> Path:
    return labkit_home() / CONFIRMATIONS_FILE


def _confirmations() -> dict:
    try:
        found = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _key(account: str, region: str) -> str:
    return f"{account}/{region}"


def confirmation(account: str, region: str) -> dict | None:
    """{'arn': .., 'time': ..} when this account and region were confirmed in this LABKIT_HOME."""
    found = _confirmations().get(_key(account, region))
    return found if isinstance(found, dict) else None


def confirm_aws() -> "AwsNotice":
    """Allow the labs to create (billable) resources in this account and region; remembered in LABKIT_HOME.

    >>> labkit.confirm_aws()
    Confirmed: the labs may create resources in account 123456789012, region us-east-1 ...
    """
    if target() != "aws":
        return AwsNotice(None, lab=None, confirmed=None, sandbox=True)
    refuse_in_ci()
    who = identity()
    from ..atomic import write_atomically

    found = _confirmations()
    found[_key(who.account, who.region)] = {
        "arn": who.arn,
        "time": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
    }
    write_atomically(_path(), json.dumps(found, indent=1, sort_keys=True) + "\n", private_folder=True)
    return AwsNotice(who, lab=None, confirmed=found[_key(who.account, who.region)], just_confirmed=True)


def require_confirmed(region: str | None = None) -> Identity | None:
    """Raise (bilingual) unless AWS mode was confirmed for this account and `region` (default: the
    configured one). Nothing to confirm in the sandbox: returns None there."""
    if target() != "aws":
        return None
    refuse_in_ci()
    who = identity()
    region = region or who.region
    if confirmation(who.account, region) is None:
        raise LabkitError("aws_account.not_confirmed", account=who.account, region=region)
    return who


# ---- what the student reads ---------------------------------------------------------------------------


class AwsNotice:
    """Which account, region and identity; before confirmation also what each lab costs and how to confirm."""

    def __init__(
        self,
        identity: Identity | None,
        lab: str | None,
        confirmed: dict | None,
        just_confirmed: bool = False,
        sandbox: bool = False,
    ):
        self.identity = identity
        self.lab = lab
        self.confirmed = confirmed
        self.just_confirmed = just_confirmed
        self.sandbox = sandbox

    def lines(self) -> list[tuple[str, dict]]:
        if self.sandbox:
            return [("aws_account.sandbox_nothing_to_confirm", {})]
        who = self.identity
        place = {"account": who.account, "region": who.region, "arn": who.arn}
        if self.confirmed:
            key = "aws_account.just_confirmed" if self.just_confirmed else "aws_account.confirmed"
            return [
                (key, {**place, "time": self.confirmed.get("time", "?")}),
                ("aws_account.tagged", {}),
                ("aws_account.left_running", {"day": costs.dollars(costs.daily_cost_left_running())}),
            ]
        lines = [("aws_account.notice_title", {}), ("aws_account.identity", place), ("aws_account.costs_title", {})]
        for lab_id in costs.LAB_HOURS:
            lines.append(
                (
                    "aws_account.lab_cost",
                    {
                        "lab": lab_id,
                        "cost": costs.dollars(costs.lab_cost(lab_id)),
                        "why": pair(f"aws_account.cost_why.{lab_id}"),
                    },
                )
            )
        lines += [
            ("aws_account.course_cost", {"total": costs.dollars(costs.course_cost())}),
            ("aws_account.left_running", {"day": costs.dollars(costs.daily_cost_left_running())}),
            ("aws_account.tagged", {}),
            ("aws_account.how_to_confirm", {"lab": self.lab or "01-flow-logs"}),
        ]
        return lines

    def __repr__(self) -> str:
        return "\n".join(text(key, code, **fields) for key, fields in self.lines() for code in chosen_languages())

    def _repr_html_(self) -> str:
        colour = "#a5d6a7" if self.confirmed or self.sandbox else "#ffb74d"
        return (
            f"<div class='labkit-aws' style='border-left:4px solid {colour};padding:4px 10px'>"
            + "".join(f"<div>{message_html(key, **fields)}</div>" for key, fields in self.lines())
            + "</div>"
        )
