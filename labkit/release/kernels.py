"""Kernels that talk to their client over Unix sockets, not TCP ports on 127.0.0.1.

With TCP, jupyter_client picks free ports, closes them and writes them into the connection file; the
kernel binds them a second later. On a busy machine (a test run, a class graded with `-j`, the
sandbox's HTTP clients taking ephemeral ports) another process can take one in between, and the kernel
dies before it starts ("Address already in use"): a grader would then mark a good notebook as not run.
Unix sockets in a folder of the kernel's own have nothing to race for, and no other user on the machine
can connect to them.

    >>> manager = IpcKernelManager(kernel_name="python3")
    >>> manager.transport, os.path.basename(manager.ip)
    ('ipc', 'k')
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref

from jupyter_client.manager import AsyncKernelManager, KernelManager

from .kernel_server import through_server


class UnixSockets:
    """For a kernel manager class: the `ipc` transport, its sockets in a short temporary folder (a socket
    path has at most 107 bytes, so not beside a notebook that may sit deep in a class folder)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.socket_folder = tempfile.mkdtemp(prefix="lk-")  # mode 0700: the kernel's user alone
        weakref.finalize(self, shutil.rmtree, self.socket_folder, True)
        self.transport = "ipc"
        self.ip = os.path.join(self.socket_folder, "k")

    # Forked from this process's kernel server (kernel_server.py): a kernel starts without importing again
    # what every lab imports. False where the kernel must start as another user (grading as root).
    fork_from_server = True

    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments=extra_arguments)
        return through_server(command) if self.fork_from_server else command


class IpcKernelManager(UnixSockets, AsyncKernelManager):
    """What nbclient starts kernels with (release, grading)."""


class SyncIpcKernelManager(UnixSockets, KernelManager):
    """What nbval starts kernels with (`make test`'s notebook runs: tests/nbval_unix_sockets.py)."""
