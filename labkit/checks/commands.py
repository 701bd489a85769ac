"""`labkit check STEP [--answer A]`: a thin shell over run_check (exit 1 when the check fails)."""
from __future__ import annotations

import click

from ..bilingual_cli import command, option


@command("check", help="click.check")
@click.argument("step")
@option("--answer", default=None, help="click.check.answer")
def check_command(step: str, answer: str | None) -> int:
    from .runner import run_check  # botocore and the checks: only when a check runs

    result = run_check(step, answer)
    print(result.text())
    return 0 if result.passed else 1
