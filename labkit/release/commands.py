"""`labkit release [--check] [--execute] [--force]`: build notebooks/ from solutions/ (release_notebooks).

$ labkit release            # write the student copies
$ labkit release --check    # exit 1 and list stale copies (CI, pre-commit)
$ labkit release --execute  # first re-run the solutions to refresh their outputs
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..bilingual_cli import command, option
from ..messages import message


def bilingual_report(source: Path, dest: Path) -> list[str]:
    """Breaks of the bilingual convention in both folders (an author's to-do list)."""
    from .bilingual import bilingual_problems
    from .files import notebooks_in, read_notebook

    problems = []
    for folder in (source, dest):
        for path in notebooks_in(folder) if folder.is_dir() else []:
            problems.extend(bilingual_problems(read_notebook(path), path.as_posix()))
    return problems


def check_release(source: Path, dest: Path) -> int:
    """`--check`: 1 and the list of stale copies and bilingual problems on stderr, or 0."""
    from .files import notebooks_in
    from .pipeline import is_stale

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
    print(message("release.fresh", source=source.as_posix(), dest=dest.as_posix(), count=len(notebooks_in(source))))
    return 0


@command("release", help="click.release")
@option("--check", is_flag=True, help="click.release.check")
@option("--execute", is_flag=True, help="click.release.execute")
@option("--force", is_flag=True, help="click.release.force")
@option("--source", default="solutions", help="click.release.source")
@option("--dest", default="notebooks", help="click.release.dest")
def release_command(check: bool, execute: bool, force: bool, source: str, dest: str) -> int:
    from .execute import run_solutions
    from .pipeline import is_stale, release_notebooks

    source, dest = Path(source), Path(dest)
    if check:
        return check_release(source, dest)
    if execute:
        for path, seconds in run_solutions(source):
            print(message("release.executed", path=path.as_posix(), seconds=seconds), flush=True)
    changed = len([p for p in is_stale(source, dest) if (source / Path(p).name).exists()])
    written = release_notebooks(source, dest, force=force)
    print(
        message("release.written", count=len(written), changed=changed, source=source.as_posix(), dest=dest.as_posix())
    )
    for problem in bilingual_report(source, dest):
        print(problem, file=sys.stderr)
    return 0
