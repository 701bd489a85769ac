"""A student's kernel under grading runs as a user of its own: the grader's files, its environment and
the other submissions' folders are out of its reach (when the grader runs as root; see
labkit.grading.isolation)."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

import labkit
from labkit.grading.execute import run_notebook
from labkit.grading.isolation import KERNEL_UID_BASE, isolate

pytestmark = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="switching the kernel's user needs the grader to run as root",
)


def others_can_reach(path: str) -> bool:
    """Whether a user other than the owner may pass through every folder above `path` (o+x)."""
    return all(folder.stat().st_mode & 0o001 for folder in Path(os.path.realpath(path)).parents)


PROBE = """
import json, os
seen = {"uid": os.getuid(), "gid": os.getgid(), "groups": os.getgroups()}
for name, path in {"secret": SECRET, "parent_environ": f"/proc/{os.getppid()}/environ",
                   "grader_environ": f"/proc/{GRADER}/environ", "other": OTHER}.items():
    try:
        seen[name] = open(path, errors="replace").read()
    except OSError as error:
        seen[name] = type(error).__name__
open("seen.json", "w").write(json.dumps(seen))
"""


def test_the_kernel_runs_as_its_own_user_and_reads_nothing_of_the_grader(tmp_path, monkeypatch, request):
    monkeypatch.setenv("LABKIT_GRADER_SECRET", "grader-secret-in-the-environment")
    secret = tmp_path / "issuer-key.pem"
    secret.write_text("instructor-secret-key")
    secret.chmod(0o600)
    other = tmp_path / "other-submission"
    other.mkdir(mode=0o700)
    (other / "answers.txt").write_text("another student's work")

    work = Path(tempfile.mkdtemp(prefix="labkit-isolation-"))  # as the worker's: in the system's temp folder
    request.addfinalizer(lambda: shutil.rmtree(work, ignore_errors=True))
    home = work / "home"
    home.mkdir(mode=0o700)
    user = isolate(work, home)
    if user is None:
        # isolate() may give up only where the machine really stops another user (it checks by starting
        # Python as that user); looked at independently here, so a broken check cannot hide as a skip.
        assert not all(others_can_reach(path) for path in (sys.executable, labkit.__file__)), (
            "every folder up to Python and labkit lets other users through, yet isolate() gave up"
        )
        pytest.skip(
            f"a user other than root cannot start {os.path.realpath(sys.executable)} on this machine "
            "(each of its folders must let others through): grading here runs kernels as the grader"
        )
    assert user.uid == KERNEL_UID_BASE + os.getpid() and user.uid != os.getuid()
    cell = (
        PROBE.replace("SECRET", repr(str(secret)))
        .replace("GRADER", str(os.getpid()))
        .replace("OTHER", repr(str(other / "answers.txt")))
    )
    notebook = home / "00-welcome.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)]), str(notebook))
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "TMPDIR": str(home),
        "LANG": "C.UTF-8",
        "MPLCONFIGDIR": str(home / ".matplotlib"),
    }

    ran = run_notebook(notebook, env, cell_timeout=60, user=user)

    assert ran["executed"] and ran["problem"] is None and ran["failed_cells"] == 0, ran
    seen = json.loads((home / "seen.json").read_text())
    assert (seen["uid"], seen["gid"], seen["groups"]) == (user.uid, user.gid, [])
    assert seen["secret"] == "PermissionError"
    assert seen["other"] == "PermissionError"
    assert seen["grader_environ"] == "PermissionError"
    assert "grader-secret" not in seen["parent_environ"]


def test_without_a_user_the_kernel_runs_as_the_grader(tmp_path):
    """The fallback (a grader that is not root) still grades: the same notebook runs, as the grader."""
    notebook = tmp_path / "00-welcome.ipynb"
    cell = "import os, json; open('seen.json', 'w').write(json.dumps(os.getuid()))"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)]), str(notebook))
    ran = run_notebook(notebook, {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}, cell_timeout=60)
    assert ran["executed"] and ran["failed_cells"] == 0, ran
    assert json.loads((tmp_path / "seen.json").read_text()) == os.getuid()


def test_a_python_the_kernel_user_cannot_start_means_no_isolation(tmp_path, monkeypatch):
    """A virtual environment only the instructor may enter: grading goes on as the grader (and says so)."""
    hidden = tmp_path / "private"
    hidden.mkdir(mode=0o700)
    python = hidden / "python"
    python.symlink_to(os.path.realpath(sys.executable))
    monkeypatch.setattr(sys, "executable", str(python))
    work = Path(tempfile.mkdtemp(prefix="labkit-isolation-"))
    try:
        home = work / "home"
        home.mkdir(mode=0o700)
        assert isolate(work, home) is None
    finally:
        shutil.rmtree(work, ignore_errors=True)
