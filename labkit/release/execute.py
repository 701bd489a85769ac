"""Executing the worked notebooks, so their committed outputs are what nbval compares against.

Notebooks run in name order in fresh kernels that share one fresh LABKIT_HOME, and so one sandbox
(what lab 01 built is there in lab 03, and XP accumulates across labs, as for a student), with LABKIT_LANG=both (outputs in both languages) and always
in the sandbox: LABKIT_TARGET, endpoint overrides, credentials and AWS_PROFILE are dropped, so committed outputs
never come from a real account or a sandbox left running with other state.

    >>> for path, seconds in run_solutions("solutions"):
    ...     print(path, round(seconds, 1))
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat import NotebookNode

from ..config import without_aws_redirects
from ..messages import LabkitError
from .files import notebook_text, notebooks_in, read_notebook, write_text
from .kernels import IpcKernelManager
from .preprocessors import clean_cell_metadata, ensure_cell_ids

KERNEL = "python3"
CELL_TIMEOUT = 120  # seconds; a cell that takes longer is broken, not slow


def kernel_environment(labkit_home: Path) -> dict[str, str]:
    """The kernel's environment: ours, in the sandbox, with a given LABKIT_HOME and both languages."""
    return {**without_aws_redirects(os.environ), "LABKIT_HOME": str(labkit_home), "LABKIT_LANG": "both"}


def execute_notebook(path: Path, labkit_home: Path, timeout: int = CELL_TIMEOUT) -> NotebookNode:
    """`path` executed top to bottom (working directory: its folder); a bilingual error on failure."""
    notebook = read_notebook(path)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name=KERNEL,
        record_timing=False,
        kernel_manager_class=IpcKernelManager,
        shutdown_kernel="immediate",  # nothing to save in the kernel: a graceful exit costs ~0.3 s
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute(env=kernel_environment(labkit_home))
    except CellExecutionError as problem:
        failed = next(
            (
                i + 1
                for i, c in enumerate(notebook.cells)
                if any(o.get("output_type") == "error" for o in c.get("outputs", []))
            ),
            "?",
        )
        raise LabkitError(
            "release.execution_failed",
            path=path.as_posix(),
            cell=failed,
            error=getattr(problem, "ename", type(problem).__name__),
        ) from None
    for step in (clean_cell_metadata, ensure_cell_ids):
        notebook = step(notebook, path.stem)
    return notebook


def run_solutions(
    source: str | Path = "solutions", write: bool = True, labkit_home: Path | None = None
) -> list[tuple[Path, float]]:
    """Execute every notebook in `source` in order; with `write`, store the outputs in the files.

    Returns (path, seconds) per notebook. A failing notebook stops the run and is not written.
    """
    paths = notebooks_in(Path(source))
    if not paths:
        raise LabkitError("release.no_source", source=Path(source).as_posix())
    timings = []
    from ..sandbox.service import stop as stop_sandbox

    with tempfile.TemporaryDirectory(prefix="labkit-home-") as fresh:
        home = labkit_home or Path(fresh)
        try:
            for path in paths:
                started = time.perf_counter()
                executed = execute_notebook(path, home)
                timings.append((path, time.perf_counter() - started))
                if write:
                    write_text(path, notebook_text(executed))
        finally:
            stop_sandbox(home)  # the labs' sandbox (one for the whole run, as for a student) stops with it
    return timings
