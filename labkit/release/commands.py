"""`labkit release [--check] [--execute] [--force]`: build notebooks/ from solutions/.

    $ labkit release            # write the student copies
    $ labkit release --check    # exit 1 and list stale copies (CI, pre-commit)
    $ labkit release --execute  # first re-run the solutions to refresh their outputs
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..messages import LabkitError, message


def bilingual_report(source: Path, dest: Path) -> list[str]:
    """Breaks of the bilingual convention in both folders (an author's to-do list)."""
    from .bilingual import bilingual_problems
    from .files import notebooks_in, read_notebook

    problems = []
    for folder in (source, dest):
        for path in notebooks_in(folder) if folder.is_dir() else []:
            problems.extend(bilingual_problems(read_notebook(path), path.as_posix()))
    return problems


def release(args: argparse.Namespace) -> int:
    from .execute import run_solutions
    from .files import notebooks_in
    from .pipeline import is_stale, release_notebooks

    source, dest = Path(args.source), Path(args.dest)
    try:
        if args.check:
            stale = is_stale(source, dest)
            problems = bilingual_report(source, dest)
            if stale:
                print(message("release.stale", source=source.as_posix()), file=sys.stderr)
                for path in stale:
                    print(message("release.stale_item", lang="en", path=path), file=sys.stderr)
            for problem in problems:
                print(problem, file=sys.stderr)
            if stale or problems:
                return 1
            print(message("release.fresh", source=source.as_posix(), dest=dest.as_posix(),
                          count=len(notebooks_in(source))))
            return 0
        if args.execute:
            for path, seconds in run_solutions(source):
                print(message("release.executed", path=path.as_posix(), seconds=seconds), flush=True)
        changed = len([p for p in is_stale(source, dest) if (source / Path(p).name).exists()])
        written = release_notebooks(source, dest, force=args.force)
        print(message("release.written", count=len(written), changed=changed,
                      source=source.as_posix(), dest=dest.as_posix()))
        for problem in bilingual_report(source, dest):
            print(problem, file=sys.stderr)
        return 0
    except LabkitError as problem:
        print(problem, file=sys.stderr)
        return 2


def add_commands(subparsers) -> None:
    p = subparsers.add_parser("release", help="build student notebooks/ from solutions/")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 listing stale student copies and bilingual problems")
    p.add_argument("--execute", action="store_true",
                   help="re-run the solutions (fresh LABKIT_HOME) to refresh their outputs first")
    p.add_argument("--force", action="store_true", help="overwrite student copies edited since release")
    p.add_argument("--source", default="solutions", help="worked notebooks (default: solutions)")
    p.add_argument("--dest", default="notebooks", help="student copies (default: notebooks)")
    p.set_defaults(func=release)
