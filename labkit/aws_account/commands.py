"""`labkit cleanup [--dry-run]` and `labkit confirm-aws`: thin shells over cleanup() and confirm_aws()."""
from __future__ import annotations

import argparse

from ..environment.commands import run_guarded
from .cleanup import WAIT_SECONDS, cleanup
from .consent import confirm_aws


def cleanup_command(args: argparse.Namespace) -> int:
    report = cleanup(dry_run=args.dry_run, wait_seconds=args.wait)
    print(repr(report))
    return 0 if report.ok else 1


def confirm_aws_command(args: argparse.Namespace) -> int:
    print(repr(confirm_aws()))
    return 0


def add_commands(subparsers) -> None:
    clean = subparsers.add_parser(
        "cleanup", help="delete everything tagged labkit:course=vpc-flow-logs (and only that) in this account and region")
    clean.add_argument("--dry-run", action="store_true", help="list what would be removed; delete nothing")
    clean.add_argument("--wait", type=float, default=WAIT_SECONDS,
                       help=f"seconds to wait for AWS to release a dependency (default {WAIT_SECONDS:.0f})")
    clean.set_defaults(func=lambda args: run_guarded(cleanup_command, args))
    confirm = subparsers.add_parser(
        "confirm-aws", help="allow the labs to create billable resources in this AWS account and region")
    confirm.set_defaults(func=lambda args: run_guarded(confirm_aws_command, args))
