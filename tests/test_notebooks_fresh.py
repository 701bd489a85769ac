"""notebooks/ is exactly what `labkit release` builds from solutions/, and the solutions carry the
outputs nbval compares against (run `labkit release --execute` after changing a solution)."""

from __future__ import annotations

from pathlib import Path

import pytest

from labkit.release import is_stale, read_notebook

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


def test_student_notebooks_are_fresh():
    stale = is_stale(ROOT / "solutions", ROOT / "notebooks")
    assert stale == [], "stale student notebooks, run `labkit release`: " + ", ".join(stale)


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_solutions_are_executed_top_to_bottom(path):
    counts = [cell.execution_count for cell in read_notebook(path).cells if cell.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: not executed in order from a fresh kernel, run `labkit release --execute`"
    )
