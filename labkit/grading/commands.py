"""`labkit grade SUBMISSION... --out DIR [-j N] [--force]`: a thin shell over labkit.grading.grade."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..messages import message
from .execute import CELL_TIMEOUT
from .grade import SUBMISSION_TIMEOUT, grade
from .reports import GRADEBOOK, SUMMARY


def run_grade(args: argparse.Namespace) -> int:
    rows = grade([Path(p) for p in args.submissions], Path(args.out), jobs=args.jobs, force=args.force,
                 cell_timeout=args.cell_timeout, timeout=args.timeout)
    print(message("grading.done", count=len(rows), out=args.out, gradebook=GRADEBOOK, summary=SUMMARY))
    return 0


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser("grade", help="grade submissions, each in a sandbox the grader owns")
    parser.add_argument("submissions", nargs="+", help="folders of notebooks, .zip files, nbgrader submitted/ folders")
    parser.add_argument("--out", required=True, help="where the gradebook, feedback pages and summary go")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="submissions graded at once")
    parser.add_argument("--force", action="store_true", help="grade again submissions that did not change")
    parser.add_argument("--cell-timeout", type=int, default=CELL_TIMEOUT, help="seconds a cell may run")
    parser.add_argument("--timeout", type=float, default=SUBMISSION_TIMEOUT, help="seconds for one submission")
    parser.set_defaults(func=run_grade)
