"""The `labkit` command: each subcommand is a thin shell over a library function of the same name.

Each area registers its own subcommands in `labkit/<area>/commands.py` via `add_commands(subparsers)`.
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys

AREAS = ("sandbox", "environment", "traffic", "progress", "release", "grading", "aws_account")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="labkit", description="VPC Flow Logs and Athena course kit")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for area in AREAS:
        if importlib.util.find_spec(f"labkit.{area}") and importlib.util.find_spec(f"labkit.{area}.commands"):
            importlib.import_module(f"labkit.{area}.commands").add_commands(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .startup import skip_slow_optional_imports

    skip_slow_optional_imports()  # before any command imports nbformat (jsonschema)
    args = build_parser().parse_args(argv)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
