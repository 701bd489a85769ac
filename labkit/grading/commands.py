"""`labkit grade SUBMISSION... --out DIR [-j N] [--force] [--issuer-key PATH]`, a thin shell over
labkit.grading.grade; `labkit verify-badge FILE [--issuer-key PUBLIC.pem]`, over open_badges.verify_badge."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..messages import LabkitError, message
from .limits import CELL_TIMEOUT, SUBMISSION_TIMEOUT


def run_grade(args: argparse.Namespace) -> int:
    from .grade import grade
    from .reports import GRADEBOOK, SUMMARY

    try:
        rows = grade([Path(p) for p in args.submissions], Path(args.out), jobs=args.jobs, force=args.force,
                     cell_timeout=args.cell_timeout, timeout=args.timeout, issuer_key=args.issuer_key)
    except LabkitError as error:  # e.g. an --issuer-key that is no key (results are kept: a re-run is quick)
        print(error)
        return 1
    print(message("grading.done", count=len(rows), out=args.out, gradebook=GRADEBOOK, summary=SUMMARY))
    if any(row.get("isolated") is False for row in rows):
        print(message("grading.not_isolated"))
    badges = sum(1 for row in rows if row["badge"])
    if badges:
        from .open_badges import BADGES, default_issuer_key, public_key_path

        print(message("grading.badge.baked", count=badges, folder=Path(args.out) / BADGES,
                      public=public_key_path(args.issuer_key or default_issuer_key())))
    return 0


def run_verify_badge(args: argparse.Namespace) -> int:
    from .open_badges import verify_badge

    try:
        verified = verify_badge(args.file, issuer_key=args.issuer_key, student=args.student)
    except LabkitError as error:
        print(error)
        return 1
    print(verified.text())
    return 0


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser("grade", help="grade submissions, each in a sandbox the grader owns")
    parser.add_argument("submissions", nargs="+", help="folders of notebooks, .zip files, nbgrader submitted/ folders")
    parser.add_argument("--out", required=True, help="where the gradebook, feedback pages and summary go")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="submissions graded at once")
    parser.add_argument("--force", action="store_true", help="grade again submissions that did not change")
    parser.add_argument("--cell-timeout", type=int, default=CELL_TIMEOUT, help="seconds a cell may run")
    parser.add_argument("--timeout", type=float, default=SUBMISSION_TIMEOUT, help="seconds for one submission")
    parser.add_argument("--issuer-key", default=None,
                        help="the instructor's private key that signs badges (default: $LABKIT_HOME/issuer-key.pem, "
                             "made on first use; its public key is written beside it as .pub.pem)")
    parser.set_defaults(func=run_grade)
    parser = subparsers.add_parser("verify-badge", help="check a signed badge (an .svg from labkit grade), offline")
    parser.add_argument("file", help="the badge's .svg file")
    parser.add_argument("--issuer-key", default=None,
                        help="the instructor's public key (issuer-key.pub.pem): without it, only that the badge "
                             "is intact and signed by the key it carries")
    parser.add_argument("--student", default=None, help="also check the badge was issued to this student id")
    parser.set_defaults(func=run_verify_badge)
