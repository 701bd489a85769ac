"""Reading and writing notebooks so that the same notebook always gives the same bytes.

nbformat's JSON (sorted keys, one-space indent, UTF-8 unescaped) at a fixed nbformat 4.5, ending in
a newline, written atomically (a crash never leaves half a notebook).

    >>> text = notebook_text(read_notebook(Path("solutions/00-welcome.ipynb")))
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from ..atomic import write_atomically
from ..messages import LabkitError

NBFORMAT = 4
NBFORMAT_MINOR = 5


def read_notebook(path: Path) -> NotebookNode:
    """The notebook at `path` as nbformat v4; a bilingual error if it is not one."""
    try:
        return nbformat.read(str(path), as_version=NBFORMAT)
    except (OSError, ValueError, KeyError, nbformat.reader.NotJSONError) as problem:
        raise LabkitError("release.unreadable", path=str(path), reason=type(problem).__name__) from None


def notebook_text(notebook: NotebookNode) -> str:
    """Stable JSON text of `notebook` at nbformat 4.5 (validated: never writes a broken notebook)."""
    notebook.nbformat, notebook.nbformat_minor = NBFORMAT, NBFORMAT_MINOR
    nbformat.validate(notebook)
    text = nbformat.writes(notebook, version=NBFORMAT)
    return text if text.endswith("\n") else text + "\n"


def write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` atomically (temp file in the same folder, then rename)."""
    write_atomically(path, text)


def sources_digest(notebook: NotebookNode) -> str:
    """A digest of what a student writes (cell types and sources), to notice edits after release."""
    cells = [[cell.cell_type, cell.source] for cell in notebook.cells]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()[:16]


def notebooks_in(folder: Path) -> list[Path]:
    """The notebooks directly in `folder`, by name (checkpoints and hidden files left out)."""
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
