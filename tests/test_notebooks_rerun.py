"""Every cell the notebook gives can be run again: a student re-runs cells all the time (after a kernel
restart, after fixing an exercise, by Shift+Enter twice), and a given cell that then fails with
`EntityAlreadyExists` or `ResourceAlreadyExistsException` leaves them stuck in code they did not write.

The five solutions run in order in one fresh sandbox, as for a student; right after a notebook ran,
each of its given cells (not an exercise) runs a second time in the same kernel, in order, and must
not fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from nbclient import NotebookClient

from labkit.release import read_notebook
from labkit.release.execute import KERNEL, kernel_environment
from labkit.release.kernels import IpcKernelManager

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
EXERCISE = "### BEGIN SOLUTION"


def errors(cell) -> list[str]:
    return [
        f"{o.get('ename')}: {o.get('evalue', '')[:300]}"
        for o in cell.get("outputs", [])
        if o.get("output_type") == "error"
    ]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rerun-home")
    yield folder
    from labkit.sandbox import service

    service.stop(folder)


def run_twice(path: Path, home: Path) -> dict[int, list[str]]:
    """Run `path` top to bottom, then each given cell again; {cell index: errors of its second run}."""
    notebook = read_notebook(path)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name=KERNEL,
        allow_errors=True,
        kernel_manager_class=IpcKernelManager,
        shutdown_kernel="immediate",  # nothing to save in the kernel: a graceful exit costs ~0.3 s
        resources={"metadata": {"path": str(path.parent)}},
    )
    failed = {}
    with client.setup_kernel(env=kernel_environment(home)):
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
            assert not errors(cell), f"{path.name} cell {index} fails on its first run: {errors(cell)}"
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "code" and EXERCISE not in cell.source:
                client.execute_cell(cell, index)
                if errors(cell):
                    failed[index] = errors(cell)
    return failed


def test_every_given_cell_runs_again(home):
    failures = {path.name: run_twice(path, home) for path in SOLUTIONS}
    stuck = [
        f"{name} cell {index}: {error}"
        for name, cells in failures.items()
        for index, found in cells.items()
        for error in found
    ]
    assert stuck == [], "given cells that fail when run again:\n" + "\n".join(stuck)
