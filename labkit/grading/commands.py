"""`labkit grade SUBMISSION... --out DIR [-j N] [--force] [--issuer-key PATH]`, a thin shell over
labkit.grading.grade; `labkit verify-badge FILE [--issuer-key PUBLIC.pem]`, over open_badges.verify_badge."""

from __future__ import annotations

from pathlib import Path

import click

from ..bilingual_cli import command, option
from ..messages import message
from .limits import CELL_TIMEOUT, SUBMISSION_TIMEOUT


@command("grade", help="click.grade")
@click.argument("submissions", nargs=-1, required=True, metavar="SUBMISSION...")
@option("--out", required=True, help="click.grade.out")
@option("-j", "--jobs", type=int, default=1, help="click.grade.jobs")
@option("--force", is_flag=True, help="click.grade.force")
@option("--cell-timeout", type=int, default=CELL_TIMEOUT, help="click.grade.cell_timeout")
@option("--timeout", type=float, default=SUBMISSION_TIMEOUT, help="click.grade.timeout")
@option("--issuer-key", default=None, help="click.grade.issuer_key")
def grade_command(
    submissions: tuple[str, ...],
    out: str,
    jobs: int,
    force: bool,
    cell_timeout: int,
    timeout: float,
    issuer_key: str | None,
) -> int:
    from .grade import grade
    from .reports import GRADEBOOK, SUMMARY

    rows = grade(
        [Path(p) for p in submissions],
        Path(out),
        jobs=jobs,
        force=force,
        cell_timeout=cell_timeout,
        timeout=timeout,
        issuer_key=issuer_key,
    )
    print(message("grading.done", count=len(rows), out=out, gradebook=GRADEBOOK, summary=SUMMARY))
    if any(row.get("isolated") is False for row in rows):
        print(message("grading.not_isolated"))
    badges = sum(1 for row in rows if row["badge"])
    if badges:
        from .open_badges import BADGES, default_issuer_key, public_key_path

        print(
            message(
                "grading.badge.baked",
                count=badges,
                folder=Path(out) / BADGES,
                public=public_key_path(issuer_key or default_issuer_key()),
            )
        )
    not_graded = [row["student"] for row in rows if row["status"] != "graded"]
    if not_graded:
        print(message("click.grade.not_graded", count=len(not_graded), students=", ".join(not_graded)))
        return 1
    return 0


@command("verify-badge", help="click.verify_badge")
@click.argument("file")
@option("--issuer-key", default=None, help="click.verify_badge.issuer_key")
@option("--student", default=None, help="click.verify_badge.student")
def verify_badge_command(file: str, issuer_key: str | None, student: str | None) -> int:
    from .open_badges import verify_badge

    print(verify_badge(file, issuer_key=issuer_key, student=student).text())
    return 0
