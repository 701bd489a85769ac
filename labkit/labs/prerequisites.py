"""Fill in what earlier labs built when it is missing (a student who opens lab 03 first), earning nothing.

The sandbox keeps what lab 01 built, so usually `prepare` finds everything already there. What it does
build is tagged `labkit:built-by=prepare` and recorded by the sandbox, and the checks refuse XP for it
(saying how to do the step yourself). In the sandbox it runs in the sandbox process, with the same
boto3 calls as lab 01's solutions.

    >>> prepare("03-athena")
    Lab 03-athena starts from what the earlier labs built:
    ...
"""

from __future__ import annotations

import calendar
import re
import time
from dataclasses import dataclass, field

from botocore.exceptions import BotoCoreError, ClientError

from .. import aws
from ..checks import names
from ..checks.catalogue import LABS
from ..config import target
from ..messages import LabkitError, chosen_languages, message_html, text
from . import resources
from .delivery import delivered_keys, delivery_prefix

# What each lab needs from the labs before it.
NEEDS: dict[str, tuple[str, ...]] = {
    "00-welcome": (),
    "01-flow-logs": (),
    "02-reading-flow-logs": ("flow_logs",),
    "03-athena": ("flow_logs", "traffic"),
    "04-cleanup": ("flow_logs",),
}
EARLIER_DAY_HOUR = 12  # the earlier day's traffic runs at 12:00 UTC: well inside that day
EARLIER_DAY_MINUTES = 5  # enough for a second partition; fewer minutes keep the notebook fast


@dataclass
class Prepared:
    """What `prepare` did: (message key of the item, created now?) in order, and notes."""

    lab: str
    items: list[tuple[str, bool]] = field(default_factory=list)
    notes: list[tuple[str, dict]] = field(default_factory=list)

    def _lines(self) -> list[tuple[str, dict]]:
        lines: list[tuple[str, dict]] = [("labs.prepared.title", {"lab": self.lab})]
        for key, created in self.items:
            lines.append(
                (
                    "labs.prepared.created" if created else "labs.prepared.found",
                    {"what": {code: text(key, code) for code in ("en", "ko")}},
                )
            )
        if not self.items:
            lines.append(("labs.prepared.nothing", {}))
        return lines + self.notes

    def __repr__(self) -> str:
        return "\n".join(text(key, code, **fields) for key, fields in self._lines() for code in chosen_languages())

    def _repr_html_(self) -> str:
        return (
            "<div class='labkit-prepared' style='border-left:4px solid #90caf9;padding:4px 10px'>"
            + "".join(f"<div>{message_html(key, **fields)}</div>" for key, fields in self._lines())
            + "</div>"
        )


def _record(kind: str, ident: str) -> None:
    """The sandbox remembers what prepare() built (a student cannot untag it away)."""
    from ..world import current_world

    world = current_world()
    if world is not None:
        world.built_by_prepare.add(f"{kind}:{ident}")
        if kind in _STAMPS:
            world.prepared_stamps[f"{kind}:{ident}"] = _STAMPS[kind](ident)


def _bucket_stamp(name: str) -> str | None:
    # S3 gives its creation time to the second: a bucket deleted and made again within that second
    # still counts as prepare()'s.
    found = [b for b in aws.client("s3").list_buckets()["Buckets"] if b["Name"] == name]
    return found[0]["CreationDate"].isoformat() if found else None


def _role_stamp(name: str) -> str | None:
    try:
        return aws.client("iam").get_role(RoleName=name)["Role"]["RoleId"]  # a new role gets a new id
    except ClientError:
        return None


def _log_group_stamp(name: str) -> str | None:
    groups = aws.client("logs").describe_log_groups(logGroupNamePrefix=name)["logGroups"]
    return next((str(g["creationTime"]) for g in groups if g["logGroupName"] == name), None)


# What tells a resource known by its name from one made later under the same name (None: gone).
# VPCs and flow logs need none: their ids are never reused.
_STAMPS = {"bucket": _bucket_stamp, "role": _role_stamp, "log-group": _log_group_stamp}


def forget_rebuilt(world) -> None:
    """Forget what prepare() built and the student has since deleted or made again themselves (same
    name, another resource): that one is theirs and earns its XP. Runs in the sandbox, before a check."""
    for key, stamp in list(world.prepared_stamps.items()):
        kind, _, ident = key.partition(":")
        try:
            now = _STAMPS[kind](ident)
        except (ClientError, BotoCoreError):
            continue  # not known now: keep the record
        if now != stamp:
            world.built_by_prepare.discard(key)
            world.prepared_stamps.pop(key, None)


def _flow_logs(prepared: Prepared) -> str:
    """Lab 01's state; returns the flow-log bucket's name."""
    from ..environment import build_demo_environment, find_demo_environment

    ec2, region = aws.client("ec2"), aws.region()
    env = find_demo_environment(ec2)
    prepared.items.append(("labs.item.demo_vpc", env is None))
    if env is None:
        env = build_demo_environment()
        ec2.create_tags(Resources=[env.vpc_id], Tags=[resources.PREPARED_TAG])
        _record("vpc", env.vpc_id)
    bucket = names.flow_log_bucket_name(env.account_id, region)
    created = resources.ensure_bucket(aws.client("s3"), bucket, region)
    if created:
        _record("bucket", bucket)
    prepared.items.append(("labs.item.bucket", created))
    flow_log_id = resources.ensure_s3_flow_log(ec2, env.vpc_id, bucket)
    if flow_log_id:
        _record("flow-log", flow_log_id)
    prepared.items.append(("labs.item.s3_flow_log", bool(flow_log_id)))
    created, role_arn = resources.ensure_role(aws.client("iam"))
    if created:
        _record("role", names.ROLE_NAME)
    prepared.items.append(("labs.item.role", created))
    created = resources.ensure_log_group(aws.client("logs"))
    if created:
        _record("log-group", names.LOG_GROUP_NAME)
    prepared.items.append(("labs.item.log_group", created))
    flow_log_id = resources.ensure_cwl_flow_log(ec2, env.vpc_id, role_arn)
    if flow_log_id:
        _record("flow-log", flow_log_id)
    prepared.items.append(("labs.item.cwl_flow_log", bool(flow_log_id)))
    return bucket


def earlier_day_start(now: float | None = None) -> int:
    """Yesterday, 12:00 UTC."""
    today = time.gmtime(time.time() if now is None else now)
    midnight = calendar.timegm((today.tm_year, today.tm_mon, today.tm_mday, 0, 0, 0))
    return midnight - 86400 + EARLIER_DAY_HOUR * 3600


def _recent_run_began(keys: list[str], minutes: int) -> float | None:
    """About when the recent minutes began: the latest delivered file's time (`…_20261201T0705Z_….log.gz`)
    less `minutes` and a minute of aggregation. None when no file carries a time."""
    times = []
    for key in keys:
        found = re.search(r"_(\d{8}T\d{4})Z_[^/]*$", key)
        if found:
            times.append(calendar.timegm(time.strptime(found.group(1), "%Y%m%dT%H%M")))
    return max(times) - (minutes + 1) * 60 if times else None


def _traffic(prepared: Prepared, bucket: str, seed: int, minutes: int) -> None:
    """Sandbox: traffic of today (the last `minutes`, unless files exist) and a few minutes of yesterday
    (S3 only, unless yesterday has files), as if the flow logs had run since yesterday."""
    if target() == "aws":
        prepared.notes.append(("labs.prepared.aws_traffic", {}))
        return
    from ..delivery import Deliverer
    from ..traffic.run import run_traffic

    prefix = delivery_prefix(aws.account_id(), aws.region())
    has_today = bool(delivered_keys(bucket, prefix))
    if not has_today:
        # The recent minutes first: they continue the simulation of earlier labs (same records for the same
        # seed whenever it runs); yesterday's run, earlier than every other, then starts a simulation of its own.
        run_traffic(minutes, seed=seed)
    # "Yesterday" is the day before the recent minutes began, not before the wall clock's day: just after
    # midnight UTC those minutes began the day before, whose files must not pass for yesterday's.
    yesterday = earlier_day_start(_recent_run_began(delivered_keys(bucket, prefix), minutes))
    has_yesterday = bool(delivered_keys(bucket, prefix + time.strftime("%Y/%m/%d/", time.gmtime(yesterday))))
    if not has_yesterday:
        ec2 = aws.client("ec2")
        s3_flow_log = ec2.describe_flow_logs(Filters=[{"Name": "tag:Name", "Values": [names.S3_FLOW_LOG_NAME]}])
        ids = [f["FlowLogId"] for f in s3_flow_log["FlowLogs"]]
        # CloudWatch Logs would refuse yesterday's events (1-day retention): yesterday goes to S3 only.
        run_traffic(EARLIER_DAY_MINUTES, seed=seed, start=yesterday, deliverer=Deliverer(flow_log_ids=ids))
    prepared.items.append(("labs.item.traffic", not (has_today and has_yesterday)))
    if not has_yesterday:
        prepared.notes.append(
            (
                "labs.prepared.earlier_day_note" if has_today else "labs.prepared.traffic_note",
                {"minutes": minutes, "earlier": EARLIER_DAY_MINUTES, "hour": EARLIER_DAY_HOUR},
            )
        )


def prepare_here(lab: str, seed: int = 0, minutes: int = 6) -> Prepared:
    """`prepare`, run in this process (the sandbox's, or a notebook's on a real account)."""
    if lab not in NEEDS:
        raise LabkitError("session.unknown_lab", lab=lab, labs=", ".join(LABS))
    from ..aws_account.tags import lab_scope

    prepared = Prepared(lab)
    bucket = None
    with lab_scope(lab):  # what it builds is tagged labkit:lab=<this lab>
        if "flow_logs" in NEEDS[lab]:
            bucket = _flow_logs(prepared)
        if "traffic" in NEEDS[lab] and bucket:
            _traffic(prepared, bucket, seed, minutes)
    return prepared


def prepare(lab: str, seed: int = 0, minutes: int = 6) -> Prepared:
    """Create what lab `lab` needs from the earlier labs, when it is missing; no XP is awarded for it.

    `seed` and `minutes` shape the traffic delivered for lab 03 in the sandbox.
    """
    if lab not in NEEDS:
        raise LabkitError("session.unknown_lab", lab=lab, labs=", ".join(LABS))
    if target() == "aws":
        return prepare_here(lab, seed, minutes)
    from ..sandbox_client import ensure_sandbox
    from ..sandbox_client.client import call

    ensure_sandbox(seed=seed)
    found = call("POST", "/labkit/prepare", {"lab": lab, "seed": seed, "minutes": minutes}, timeout=600)
    prepared = Prepared(lab)
    prepared.items = [(key, created) for key, created in found["items"]]
    prepared.notes = [(key, fields) for key, fields in found["notes"]]
    return prepared
