"""`cleanup()`: delete everything tagged `labkit:course=vpc-flow-logs` in this account and region, and
only that, in dependency order; the same boto3 calls in the sandbox and on AWS.

    >>> report = cleanup(dry_run=True)       # lists what it would remove, deletes nothing
    >>> report = cleanup()                   # removes it; a second run finds nothing and says so
    >>> report.ok, [o.label for o in report.failed]
    (True, [])

Nothing is asked: only what carries the course's tag is touched (an untagged bucket, role or VPC never
is, even one named like the course's). What AWS refuses is reported with its error code, and the
rest goes on; run it again once the cause is gone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from botocore.exceptions import BotoCoreError, ClientError

from .. import aws
from ..messages import chosen_languages, message_html, pair, text
from .discovery import KINDS, Found, find_course_resources
from .removal import REMOVERS, bucket_versions, release_group_references, wait_for_termination
from .retry import error_code

WAIT_SECONDS = 300.0  # how long AWS may keep a dependency busy (an ENI after its instance terminated)

REMOVED, WOULD_REMOVE, FAILED = "removed", "would_remove", "failed"


@dataclass(frozen=True)
class Outcome:
    """What happened to one resource: removed, would be removed (dry run), or failed with AWS's code."""

    kind: str
    label: str
    status: str
    code: str = ""
    detail: str = ""
    objects: int | None = None  # a bucket's object versions


@dataclass
class CleanupReport:
    """Every resource cleanup removed (or would remove) and every one it could not, with why."""

    account: str
    region: str
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def removed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in (REMOVED, WOULD_REMOVE)]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == FAILED]

    @property
    def ok(self) -> bool:
        return not self.failed

    def labels(self, kind: str, status: str | None = None) -> list[str]:
        return [o.label for o in self.outcomes if o.kind == kind and (status is None or o.status == status)]

    def lines(self) -> list[tuple[str, dict]]:
        place = {"account": self.account, "region": self.region}
        if not self.outcomes:
            return [("aws_account.cleanup.nothing", place)]
        lines = [("aws_account.cleanup.title_dry" if self.dry_run else "aws_account.cleanup.title", place)]
        for o in self.outcomes:
            fields = {
                "kind": pair(f"aws_account.kind.{o.kind}"),
                "name": o.label,
                "objects": pair("aws_account.cleanup.objects", count=o.objects) if o.objects is not None else "",
            }
            if o.status == FAILED:
                key = "aws_account.cleanup.search_failed" if o.kind == "search" else "aws_account.cleanup.failed"
                lines.append((key, {**fields, "code": o.code, "detail": o.detail}))
            else:
                lines.append((f"aws_account.cleanup.{o.status}", fields))
        if self.dry_run:
            lines.append(("aws_account.cleanup.summary_dry", {"count": len(self.removed)}))
        elif self.failed:
            lines.append(("aws_account.cleanup.summary", {"removed": len(self.removed), "failed": len(self.failed)}))
            lines.append(("aws_account.cleanup.retry", {}))
        else:
            lines.append(("aws_account.cleanup.summary_ok", {"removed": len(self.removed)}))
        return lines

    def __repr__(self) -> str:
        return "\n".join(text(key, code, **fields) for key, fields in self.lines() for code in chosen_languages())

    def _repr_html_(self) -> str:
        return (
            "<div class='labkit-cleanup'>"
            + "".join(f"<div>{message_html(key, **fields)}</div>" for key, fields in self.lines())
            + "</div>"
        )


def _failure(kind: str, label: str, error: Exception) -> Outcome:
    if isinstance(error, ClientError):
        return Outcome(kind, label, FAILED, error_code(error), error.response.get("Error", {}).get("Message", ""))
    return Outcome(kind, label, FAILED, type(error).__name__, str(error))


def _objects(clients, found: Found) -> int | None:
    if found.kind != "bucket":
        return None
    try:
        return len(bucket_versions(clients("s3"), found.ident))
    except (ClientError, BotoCoreError):
        return None  # the deletion itself will say why


def cleanup(dry_run: bool = False, wait_seconds: float = WAIT_SECONDS) -> CleanupReport:
    """Remove (with `dry_run`, only list) every resource tagged by the course in this account and region.

    Works on the sandbox (attached to, or started for, this LABKIT_HOME) and with LABKIT_TARGET=aws on
    the standard credential chain (refused when CI is set, unless LABKIT_ALLOW_AWS_IN_CI=1). No
    confirmation is needed: it only deletes. `wait_seconds` bounds each wait for AWS to let a
    dependency go.
    """
    from .target import require_target
    from .consent import identity

    require_target(creates=False)
    who = identity()
    clients = aws.client
    report = CleanupReport(who.account, who.region, dry_run)
    failures = []
    found = find_course_resources(clients, failures)
    report.outcomes += [_failure("search", failure.what, failure.error) for failure in failures]
    if not dry_run:
        try:
            release_group_references(clients, found["security_group"])
        except (ClientError, BotoCoreError) as error:  # the groups' own deletion will then say why
            report.outcomes.append(
                _failure("security_group", ", ".join(g.ident for g in found["security_group"]), error)
            )
    for kind in KINDS:
        done = []
        for item in found[kind]:
            objects = _objects(clients, item)
            if dry_run:
                report.outcomes.append(Outcome(kind, item.label, WOULD_REMOVE, objects=objects))
                continue
            try:
                removed = REMOVERS[kind](clients, item, wait_seconds)
            except (ClientError, BotoCoreError) as error:
                report.outcomes.append(_failure(kind, item.label, error))
                continue
            if removed:
                report.outcomes.append(Outcome(kind, item.label, REMOVED, objects=objects))
                done.append(item.ident)
        if kind == "instance" and done:
            # All at once: what depends on them (addresses, interfaces, groups) comes next.
            try:
                wait_for_termination(clients, done, wait_seconds)
            except (ClientError, BotoCoreError) as error:  # reported; what follows waits or says why
                report.outcomes.append(_failure("instance", ", ".join(done), error))
    return report
