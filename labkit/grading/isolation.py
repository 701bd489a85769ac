"""Run a student's kernel as a user of its own, so it cannot read what belongs to the grader.

A kernel started as the grader's own user can open any file the instructor can (the issuer key, their
home by absolute path) and read the grader's environment from /proc/PPID/environ. When the grader runs
as root (a container, or `sudo labkit grade`), each worker's kernels run under a uid of their own that
no account uses (`KERNEL_UID_BASE` + the worker's pid, so two submissions graded side by side never
share one): the kernel reaches its own folders, the grader's sandbox over HTTP with the keys it was
given, and nothing else of the grader's. Without root a process cannot change its user: grading still
works, and `labkit grade` says plainly that the kernels ran as the grader's own user.

    >>> user = isolate(work, labkit_home, home)  # None unless the grader runs as root
    >>> run_notebook(home / "01-flow-logs.ipynb", env, user=user)

When the kernel user cannot start this Python (a virtual environment in a folder only the instructor
may enter, say), the kernels run as the grader and the result says so.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..release.kernels import IpcKernelManager

# High, unnamed uids: far above the ranges Debian and useradd hand out (system < 1000, users < 60000).
KERNEL_UID_BASE = 1_900_000_000


@dataclass(frozen=True)
class KernelUser:
    uid: int
    gid: int

    def popen_arguments(self) -> dict:
        """What the kernel's Popen needs to start as this user, with no supplementary groups."""
        return {"user": self.uid, "group": self.gid, "extra_groups": []}


def kernel_user() -> KernelUser | None:
    """This worker's kernel user when the grader may switch users (root), else None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    uid = KERNEL_UID_BASE + os.getpid()
    return KernelUser(uid, uid)


def isolate(work: Path, *own_folders: Path) -> KernelUser | None:
    """The kernel user, owning `own_folders` (in `work`, which it may cross), once it has shown it can
    start this Python and import labkit from the last of them; None when it cannot, or without root."""
    user = kernel_user()
    if user is None:
        return None
    let_through(work)
    give_to(user, *own_folders)
    try:
        started = subprocess.run(
            [sys.executable, "-c", "import labkit, ipykernel"],
            cwd=own_folders[-1],
            env={"PATH": os.environ.get("PATH", ""), "HOME": str(own_folders[-1])},
            capture_output=True,
            timeout=60,
            **user.popen_arguments(),
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return user if started.returncode == 0 else None


def give_to(user: KernelUser, *folders: Path) -> None:
    """Make `folders` (and what is in them) the kernel user's own, mode 0700."""
    for folder in folders:
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, user.uid, user.gid, follow_symlinks=False)
        folder.chmod(0o700)


def let_through(folder: Path) -> None:
    """A folder of the grader's that the kernel must cross (not list) to reach its own folders in it."""
    folder.chmod(0o711)


def kernel_manager_class(user: KernelUser | None, folder: Path) -> type[IpcKernelManager]:
    """A kernel manager writing its connection file into `folder` (the kernel's own), readable by the
    kernel user: jupyter's runtime folder is the grader's and the file is mode 0600."""

    class OwnConnectionFile(IpcKernelManager):
        # Each submission runs in a process of its own, its kernels in an environment of their own (HOME,
        # locale): a kernel server would import for nothing and never fork. (And as root, as another user.)
        fork_from_server = False

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if user is not None:  # the kernel binds its sockets there
                os.chown(self.socket_folder, user.uid, user.gid)

        def write_connection_file(self, **kwargs):
            if not self.connection_file or Path(self.connection_file).parent != folder:
                self.connection_file = str(folder / f"kernel-{self.kernel_id or os.getpid()}.json")
            super().write_connection_file(**kwargs)
            if user is not None:
                os.chown(self.connection_file, user.uid, user.gid)

    return OwnConnectionFile
