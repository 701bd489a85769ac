"""`labkit cleanup [--dry-run]` and `labkit confirm-aws`: thin shells over cleanup() and confirm_aws()."""

from __future__ import annotations

from ..bilingual_cli import command, option
from .cleanup import WAIT_SECONDS, cleanup
from .consent import confirm_aws


@command("cleanup", help="click.cleanup")
@option("--dry-run", is_flag=True, help="click.cleanup.dry_run")
@option("--wait", type=float, default=WAIT_SECONDS, help="click.cleanup.wait")
def cleanup_command(dry_run: bool, wait: float) -> int:
    report = cleanup(dry_run=dry_run, wait_seconds=wait)
    print(repr(report))
    return 0 if report.ok else 1


@command("confirm-aws", help="click.confirm_aws")
def confirm_aws_command() -> int:
    print(repr(confirm_aws()))
    return 0
