"""`release_notebooks`: build the student copies in notebooks/ from the worked solutions/.

>>> release_notebooks("solutions", "notebooks")
[PosixPath('notebooks/00-welcome.ipynb'), ...]
>>> is_stale("solutions", "notebooks")
[]
"""

from __future__ import annotations

import copy
from pathlib import Path

from nbformat import NotebookNode

from ..messages import LabkitError
from .files import notebook_text, notebooks_in, read_notebook, sources_digest, write_text
from .preprocessors import RELEASE_STEPS


def release_notebook(notebook: NotebookNode, name: str, source: str = "") -> NotebookNode:
    """The student copy of one worked notebook (the input is left untouched).

    `name` is the notebook's stem (used in grade ids and errors); `source` is recorded in the
    copy's metadata, with a digest of its cells so a later release notices a student's edits.
    """
    released = copy.deepcopy(notebook)
    for step in RELEASE_STEPS:
        released = step(released, name)
    released.metadata.setdefault("labkit", {})["release"] = {
        "generated_from": source or name,
        "sources_digest": sources_digest(released),
    }
    return released


def released_text(path: Path) -> str:
    """The exact text of the student copy of the solution notebook at `path`."""
    return notebook_text(release_notebook(read_notebook(path), path.stem, f"{path.resolve().parent.name}/{path.name}"))


def edited_since_release(path: Path) -> bool:
    """True when the student copy at `path` no longer has the cells it was released with."""
    try:
        notebook = read_notebook(path)
    except LabkitError:
        return True  # unreadable: treat as someone's work, never overwrite silently
    recorded = notebook.metadata.get("labkit", {}).get("release", {}).get("sources_digest")
    return recorded != sources_digest(notebook)


def planned(source: Path, dest: Path) -> dict[Path, str]:
    """Each student copy's path and text; a bilingual error when there is nothing to release."""
    solutions = notebooks_in(source)
    if not solutions:
        raise LabkitError("release.no_source", source=source.as_posix())
    return {dest / path.name: released_text(path) for path in solutions}


def release_notebooks(
    source: str | Path = "solutions", dest: str | Path = "notebooks", force: bool = False
) -> list[Path]:
    """Write the student copy of every notebook in `source` to `dest`; returns their paths.

    Files already up to date are not rewritten. A copy edited since it was released (someone's
    work) is not overwritten unless `force`: nothing is written and the error lists them.
    """
    source, dest = Path(source), Path(dest)
    texts = planned(source, dest)
    changed = {
        path: text for path, text in texts.items() if not path.exists() or path.read_text(encoding="utf-8") != text
    }
    edited = [path.as_posix() for path in changed if path.exists() and edited_since_release(path)]
    if edited and not force:
        raise LabkitError("release.edited", paths=", ".join(edited))
    for path, text in changed.items():
        write_text(path, text)
    return list(texts)


def is_stale(source: str | Path = "solutions", dest: str | Path = "notebooks") -> list[str]:
    """Student copies that differ from what release would write, are missing, or have no solution.

    >>> is_stale("solutions", "notebooks")
    ['notebooks/03-athena.ipynb']
    """
    source, dest = Path(source), Path(dest)
    texts = planned(source, dest)
    stale = [path for path, text in texts.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    orphans = [path for path in notebooks_in(dest) if path not in texts] if dest.is_dir() else []
    return sorted(path.as_posix() for path in stale + orphans)
