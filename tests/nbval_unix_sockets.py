"""A pytest plugin for `make test`'s nbval runs (`-p tests.nbval_unix_sockets`): nbval's kernels talk over
Unix sockets, as labkit's own executors do (labkit/release/kernels.py), so a busy machine cannot take a
kernel's TCP port between jupyter_client choosing it and the kernel binding it ("Kernel died before
replying to kernel_info": seen once in a loaded `make test`, failing lab 00 and so every later lab)."""

import nbval.kernel

from labkit.release.kernels import SyncIpcKernelManager

nbval.kernel.KernelManager = SyncIpcKernelManager
