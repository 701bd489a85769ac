"""The release pipeline's steps: each takes a notebook and its name, does one thing, returns it.

Shaped like nbgrader's preprocessors. Order matters: tagging reads the markers that clearing removes.

    >>> for step in RELEASE_STEPS:
    ...     notebook = step(notebook, "01-flow-logs")
"""

from __future__ import annotations

import hashlib

from nbformat import NotebookNode

from ..messages import LabkitError, pair
from . import markers

# Cell tags. An author tags a cell `depends-on-exercise` when it uses what an exercise computes;
# the student copy tags it (and every exercise) `raises-exception`, nbval's "an error is expected".
DEPENDS_ON_EXERCISE = "depends-on-exercise"
RAISES_EXCEPTION = "raises-exception"
CHECK_OUTPUT_TAG = "nbval-check-output"
CHECK_OUTPUT_COMMENT = "NBVAL_CHECK_OUTPUT"
NBGRADER_SCHEMA = 3


def code_stub() -> list[str]:
    """nbgrader's stub, with the Korean line under the English one."""
    both = pair("release.code_stub")
    return [f"# {both['en']}", f"# {both['ko']}", "raise NotImplementedError()"]


def answer_stub() -> list[str]:
    """The markdown stub: an English paragraph, then its Korean paragraph."""
    both = pair("release.answer_stub")
    return [both["en"], "", both["ko"]]


def tags(cell: NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def add_tag(cell: NotebookNode, tag: str) -> None:
    if tag not in tags(cell):
        cell.setdefault("metadata", {})["tags"] = tags(cell) + [tag]


def is_exercise(cell: NotebookNode) -> bool:
    return markers.has_region(cell.source, markers.SOLUTION)


def check_regions(notebook: NotebookNode, name: str) -> NotebookNode:
    """Every BEGIN/END pair closes, in every cell; else a bilingual error naming cell and line."""
    for index, cell in enumerate(notebook.cells):
        for region in (markers.SOLUTION, markers.HIDDEN_TESTS):
            try:
                markers.regions(cell.source, region)
            except markers.UnbalancedRegion as problem:
                raise LabkitError(
                    "release.unbalanced", path=name, cell=index + 1, line=problem.line, region=region
                ) from None
    return notebook


def tag_exercises(notebook: NotebookNode, name: str) -> NotebookNode:
    """Code cells with a solution region raise NotImplementedError in the student copy: tag them."""
    for cell in notebook.cells:
        if cell.cell_type == "code" and is_exercise(cell):
            add_tag(cell, RAISES_EXCEPTION)
    return notebook


def tag_dependent_cells(notebook: NotebookNode, name: str) -> NotebookNode:
    """Cells tagged depends-on-exercise, and test cells with hidden tests, may raise: tag them too."""
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if DEPENDS_ON_EXERCISE in tags(cell) or markers.has_region(cell.source, markers.HIDDEN_TESTS):
            add_tag(cell, RAISES_EXCEPTION)
    return notebook


def add_nbgrader_metadata(notebook: NotebookNode, name: str) -> NotebookNode:
    """nbgrader's cell metadata on every solution cell, so instructors can also grade with nbgrader."""
    number = 0
    for cell in notebook.cells:
        if not is_exercise(cell):
            continue
        number += 1
        existing = cell.metadata.get("nbgrader", {})
        cell.metadata["nbgrader"] = {
            "grade": bool(existing.get("grade", False)),
            "grade_id": existing.get("grade_id", f"{name}-exercise-{number}"),
            "locked": False,
            "schema_version": NBGRADER_SCHEMA,
            "solution": True,
            "task": False,
            **({"points": existing["points"]} if "points" in existing else {}),
        }
    return notebook


def clear_solutions(notebook: NotebookNode, name: str) -> NotebookNode:
    """Solution regions become the stub (code) or `YOUR ANSWER HERE` (markdown)."""
    for cell in notebook.cells:
        stub = code_stub() if cell.cell_type == "code" else answer_stub()
        cell.source = markers.replace_regions(cell.source, markers.SOLUTION, stub)
    return notebook


def remove_hidden_tests(notebook: NotebookNode, name: str) -> NotebookNode:
    """Hidden test regions are dropped from the student copy."""
    for cell in notebook.cells:
        cell.source = markers.replace_regions(cell.source, markers.HIDDEN_TESTS, [])
    return notebook


def keeps_output(cell: NotebookNode) -> bool:
    """A cell whose output nbval --nbval-lax compares keeps it (unless it is expected to raise)."""
    marked = CHECK_OUTPUT_TAG in tags(cell) or any(
        line.strip().lstrip("#").strip() == CHECK_OUTPUT_COMMENT for line in cell.source.splitlines()
    )
    return marked and RAISES_EXCEPTION not in tags(cell)


def clear_outputs(notebook: NotebookNode, name: str) -> NotebookNode:
    """No outputs or execution counts in the student copy, except cells nbval checks in lax mode."""
    for cell in notebook.cells:
        if cell.cell_type == "code" and not keeps_output(cell):
            cell.outputs = []
            cell.execution_count = None
    return notebook


def clean_cell_metadata(notebook: NotebookNode, name: str) -> NotebookNode:
    """Drop execution timings (they change on every run) from cell metadata."""
    for cell in notebook.cells:
        cell.get("metadata", {}).pop("execution", None)
    return notebook


def ensure_cell_ids(notebook: NotebookNode, name: str) -> NotebookNode:
    """nbformat 4.5 wants an id per cell: keep the author's, derive missing ones from name and position."""
    seen: set[str] = set()
    for index, cell in enumerate(notebook.cells):
        cell_id = cell.get("id")
        if not cell_id or cell_id in seen:
            cell_id = hashlib.sha1(f"{name}:{index}".encode()).hexdigest()[:12]
        cell["id"] = cell_id
        seen.add(cell_id)
    return notebook


RELEASE_STEPS = (
    check_regions,
    tag_exercises,
    tag_dependent_cells,
    add_nbgrader_metadata,
    clear_solutions,
    remove_hidden_tests,
    clear_outputs,
    clean_cell_metadata,
    ensure_cell_ids,
)
