"""Run a student's notebook for grading: a real kernel with nothing of the instructor's, bounded in time
and output, killed at the end with whatever it started.

The kernel's environment is built from nothing: a temporary HOME, the student's LABKIT_HOME, the
grader's sandbox address and keys, the region, and the PATH to this Python. No AWS profile, token or
other variable of the instructor's reaches it.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from .isolation import KernelUser, kernel_manager_class
from .limits import CELL_TIMEOUT, OUTPUT_CAP

KERNEL = "python3"


def kernel_environment(home: Path, labkit_home: Path, sandbox, region: str) -> dict[str, str]:
    """Only what a student's kernel needs; `sandbox` is the grader's SandboxState."""
    python_bin = str(Path(sys.executable).parent)
    return {
        "PATH": os.pathsep.join([python_bin, "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": str(home),
        "TMPDIR": str(home),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "MPLCONFIGDIR": str(home / ".matplotlib"),
        "PYTHONNOUSERSITE": "1",
        "LABKIT_HOME": str(labkit_home),
        "LABKIT_LANG": "both",
        "AWS_ENDPOINT_URL": sandbox.url,
        "AWS_ACCESS_KEY_ID": sandbox.access_key_id,
        "AWS_SECRET_ACCESS_KEY": sandbox.secret_access_key,
        "AWS_DEFAULT_REGION": region,
        "AWS_REGION": region,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    }


class CappedClient(NotebookClient):
    """nbclient that keeps at most `cap` bytes of output, and remembers its kernel's process group."""

    def __init__(self, *args, cap: int = OUTPUT_CAP, **kwargs):
        super().__init__(*args, **kwargs)
        self.cap = cap
        self.kept = 0
        self.truncated = False
        self.kernel_group: int | None = None
        self.on_notebook_start = self._remember_kernel

    def _remember_kernel(self, **_):
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None:
            try:
                self.kernel_group = os.getpgid(process.pid)
            except OSError:
                pass

    def output(self, outs, msg, display_id, cell_index):
        self.kept += len(json.dumps(msg.get("content", {}), default=str))
        if self.kept > self.cap:
            self.truncated = True
            return None
        return super().output(outs, msg, display_id, cell_index)


def kill_group(group: int | None) -> None:
    """The kernel and every process it started that stayed in its group."""
    if group is None or group == os.getpgid(0):
        return
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def read_submitted(path: Path):
    """(the notebook, None), or (None, what `run_notebook` reports) when there is nothing to run: not JSON,
    not a notebook, a notebook of another format, or no code cell."""
    try:
        notebook = nbformat.read(str(path), as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # not JSON, not a notebook, a notebook of another format
        return None, {"executed": False, "problem": "grading.unreadable_notebook", "error": type(error).__name__}
    if not any(cell.cell_type == "code" for cell in notebook.cells):
        return None, {"executed": False, "problem": "grading.empty_notebook", "error": ""}
    return notebook, None


def run_notebook(
    path: Path,
    env: dict[str, str],
    cell_timeout: int = CELL_TIMEOUT,
    cap: int = OUTPUT_CAP,
    user: KernelUser | None = None,
    notebook: nbformat.NotebookNode | None = None,
) -> dict:
    """Execute `path` top to bottom, going on past failing cells (as "Run All" would not, but a grader
    should). Returns what happened: cells run, cells that failed, and the problem that stopped it
    (message key), if any. Never raises for what the notebook does. With `user`, the kernel runs as
    that user (see labkit.grading.isolation), its connection file beside the notebook. `notebook`: what
    `read_submitted` already read from `path`, not read again."""
    if notebook is None:
        notebook, unusable = read_submitted(path)
        if unusable:
            return unusable
    code_cells = sum(1 for cell in notebook.cells if cell.cell_type == "code")
    client = CappedClient(
        notebook,
        timeout=cell_timeout,
        kernel_name=KERNEL,
        allow_errors=True,
        record_timing=False,
        shutdown_kernel="immediate",
        cap=cap,
        kernel_manager_class=kernel_manager_class(user, path.parent),
        resources={"metadata": {"path": str(path.parent)}},
    )
    problem, error = None, ""
    try:
        client.execute(env=env, cwd=str(path.parent), **(user.popen_arguments() if user else {}))
    except CellTimeoutError:
        problem = "grading.cell_timeout"
    except DeadKernelError:
        problem = "grading.kernel_died"
    except Exception as failure:  # the kernel would not start, a message it sent broke nbclient, ...
        problem, error = "grading.execution_failed", type(failure).__name__
    finally:
        kill_group(client.kernel_group)
    failed = sum(
        1
        for cell in notebook.cells
        if cell.cell_type == "code" and any(out.get("output_type") == "error" for out in cell.get("outputs", []))
    )
    return {
        "executed": True,
        "cells": code_cells,
        "failed_cells": failed,
        "problem": problem,
        "error": error,
        "output_truncated": client.truncated,
    }
