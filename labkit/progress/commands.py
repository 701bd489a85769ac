"""`labkit progress [--json]`, over progress_summary; `labkit check STEP [--answer A]`, over run_check (exit 1
when the check fails); `labkit export-badge PATH [--badge ID] [--force]`, over export_badge (`labkit badge
PATH`, its old name, still works)."""

from __future__ import annotations

import json

import click

from ..bilingual_cli import command, hidden_alias, option
from ..messages import message
from .badges import COURSE_BADGE
from .summary import export_badge, progress_summary


@command("progress", help="click.progress")
@option("--json", "as_json", is_flag=True, help="click.progress.json")
def progress_command(as_json: bool) -> int:
    summary = progress_summary()
    print(json.dumps(summary.to_json(), ensure_ascii=False) if as_json else summary.text())
    return 0


@command("check", help="click.check")
@click.argument("step")
@option("--answer", default=None, help="click.check.answer")
def check_command(step: str, answer: str | None) -> int:
    from .run import run_check  # botocore and the checks: only when a check runs

    result = run_check(step, answer)
    print(result.text())
    return 0 if result.passed else 1


@command("export-badge", help="click.export_badge")
@click.argument("path")
@option("--badge", "badge_id", default=COURSE_BADGE, help="click.export_badge.badge")
@option("--force", is_flag=True, help="click.export_badge.force")
def export_badge_command(path: str, badge_id: str, force: bool) -> int:
    written = export_badge(path, badge_id, overwrite=force)
    print(message("progress.badge_exported", path=written))
    return 0


badge_command = hidden_alias(export_badge_command)
