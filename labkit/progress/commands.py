"""`labkit progress [--json]`, `labkit check STEP [--answer A]`, `labkit badge PATH [--badge ID] [--force]`."""
from __future__ import annotations

import argparse
import json

from ..messages import LabkitError, message


def progress(args: argparse.Namespace) -> int:
    from .summary import progress_summary

    summary = progress_summary()
    print(json.dumps(summary.to_json(), ensure_ascii=False) if args.json else summary.text())
    return 0


def check(args: argparse.Namespace) -> int:
    from .run import run_check

    try:
        result = run_check(args.step, args.answer)
    except LabkitError as error:
        print(error)
        return 2
    print(result.text())
    return 0 if result.passed else 1


def badge(args: argparse.Namespace) -> int:
    from .badges import COURSE_BADGE
    from .summary import export_badge

    try:
        path = export_badge(args.path, args.badge or COURSE_BADGE, overwrite=args.force)
    except LabkitError as error:
        print(error)
        return 1
    print(message("progress.badge_exported", path=path))
    return 0


def add_commands(subparsers) -> None:
    p = subparsers.add_parser("progress", help="XP, steps done and left, badges")
    p.add_argument("--json", action="store_true", help='print {"xp": N, "badges": [...], "steps": [...]}')
    p.set_defaults(func=progress)
    p = subparsers.add_parser("check", help="run one step's check against the current target")
    p.add_argument("step", help="step id, e.g. flowlogs.log_group")
    p.add_argument("--answer", default=None, help="the answer, for steps that ask a question")
    p.set_defaults(func=check)
    p = subparsers.add_parser("badge", help="export an earned badge as SVG")
    p.add_argument("path", help="file or directory to write the SVG to")
    p.add_argument("--badge", default=None, help="badge id (default: flow-log-analyst)")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.set_defaults(func=badge)
