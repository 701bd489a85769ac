"""Rebuild what earlier labs built, so a lab can start on an empty sandbox (awarding no XP).

Each notebook kernel starts its own in-process sandbox: lab 02 opens on an empty account. `prepare`
creates what is missing, with the same boto3 calls as lab 01's solutions, and finds what exists (on
AWS, or a sandbox shared through AWS_ENDPOINT_URL, everything is usually there already). It never runs
a check, so it earns nothing: XP comes only from the learner's own work.

    >>> prepare("03-athena")
    Lab 03-athena starts from what the earlier labs built:
    ...
"""
from __future__ import annotations

import calendar
import time
from dataclasses import dataclass, field

from .. import aws
from ..checks import names
from ..checks.catalogue import LABS
from ..checks.context import target
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
            lines.append(("labs.prepared.created" if created else "labs.prepared.found",
                          {"what": {code: text(key, code) for code in ("en", "ko")}}))
        if not self.items:
            lines.append(("labs.prepared.nothing", {}))
        return lines + self.notes

    def __repr__(self) -> str:
        return "\n".join(text(key, code, **fields) for key, fields in self._lines() for code in chosen_languages())

    def _repr_html_(self) -> str:
        return ("<div class='labkit-prepared' style='border-left:4px solid #90caf9;padding:4px 10px'>"
                + "".join(f"<div>{message_html(key, **fields)}</div>" for key, fields in self._lines()) + "</div>")


def _flow_logs(prepared: Prepared) -> str:
    """Lab 01's state; returns the flow-log bucket's name."""
    from ..environment import build_demo_environment, find_demo_environment

    ec2, region = aws.client("ec2"), aws.region()
    env = find_demo_environment(ec2)
    prepared.items.append(("labs.item.demo_vpc", env is None))
    env = env or build_demo_environment()
    bucket = names.flow_log_bucket_name(env.account_id, region)
    prepared.items.append(("labs.item.bucket", resources.ensure_bucket(aws.client("s3"), bucket, region)))
    prepared.items.append(("labs.item.s3_flow_log", resources.ensure_s3_flow_log(ec2, env.vpc_id, bucket)))
    created, role_arn = resources.ensure_role(aws.client("iam"))
    prepared.items.append(("labs.item.role", created))
    prepared.items.append(("labs.item.log_group", resources.ensure_log_group(aws.client("logs"))))
    prepared.items.append(("labs.item.cwl_flow_log", resources.ensure_cwl_flow_log(ec2, env.vpc_id, role_arn)))
    return bucket


def _earlier_day_start(now: float | None = None) -> int:
    """Yesterday, 12:00 UTC."""
    today = time.gmtime(time.time() if now is None else now)
    midnight = calendar.timegm((today.tm_year, today.tm_mon, today.tm_mday, 0, 0, 0))
    return midnight - 86400 + EARLIER_DAY_HOUR * 3600


def _traffic(prepared: Prepared, bucket: str, seed: int, minutes: int) -> None:
    """Sandbox: deliver `minutes` up to now and a few minutes of yesterday (S3 only), unless files exist."""
    if target() == "aws":
        prepared.notes.append(("labs.prepared.aws_traffic", {}))
        return
    prefix = delivery_prefix(aws.account_id(), aws.region())
    if delivered_keys(bucket, prefix):
        prepared.items.append(("labs.item.traffic", False))
        return
    from ..delivery import Deliverer
    from ..traffic import run_traffic

    ec2 = aws.client("ec2")
    s3_flow_log = ec2.describe_flow_logs(Filters=[{"Name": "tag:Name", "Values": [names.S3_FLOW_LOG_NAME]}])
    ids = [f["FlowLogId"] for f in s3_flow_log["FlowLogs"]]
    # The recent minutes first: they continue the simulation of earlier labs (same records for the same
    # seed whenever it runs); yesterday's run, earlier than every other, then starts a simulation of its own.
    run_traffic(minutes, seed=seed)
    # CloudWatch Logs would refuse yesterday's events (1-day retention): yesterday goes to S3 only.
    run_traffic(EARLIER_DAY_MINUTES, seed=seed, start=_earlier_day_start(), deliverer=Deliverer(flow_log_ids=ids))
    prepared.items.append(("labs.item.traffic", True))
    prepared.notes.append(("labs.prepared.traffic_note", {"minutes": minutes, "earlier": EARLIER_DAY_MINUTES,
                                                          "hour": EARLIER_DAY_HOUR}))


def prepare(lab: str, seed: int = 0, minutes: int = 6) -> Prepared:
    """Create what lab `lab` needs from the earlier labs, when it is missing; no XP is awarded.

    `seed` and `minutes` shape the traffic delivered for lab 03 in the sandbox.
    """
    if lab not in NEEDS:
        raise LabkitError("session.unknown_lab", lab=lab, labs=", ".join(LABS))
    prepared = Prepared(lab)
    if target() != "aws":
        from ..sandbox import ensure_sandbox

        ensure_sandbox(seed=seed)
    bucket = None
    if "flow_logs" in NEEDS[lab]:
        bucket = _flow_logs(prepared)
    if "traffic" in NEEDS[lab] and bucket:
        _traffic(prepared, bucket, seed, minutes)
    return prepared
