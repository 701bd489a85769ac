"""What jupyter_client starts in place of a kernel when a kernel server runs (labkit/release/kernel_server.py).

Run as `python -I -S kernel_stub.py SOCKET KERNEL-COMMAND...`: the standard library only, so it starts in
hundredths of a second. It asks the server to fork the kernel with this process's environment, working
folder and standard streams, then stands for it: the signals it gets (an interrupt, a terminate) go to
the kernel's process group, it exits with the kernel's exit status, and if it dies (SIGKILL) the server
kills the kernel. Whenever the server cannot help (not running, another interpreter, refused), it
becomes the kernel command itself (exec), as if it had never been there.
"""

import json
import os
import resource
import signal
import socket
import struct
import sys

FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2)


def become_the_kernel(command):
    os.execv(command[0], command)


def forward(kernel, number):
    """To the kernel's process group (the kernel and what it started), as jupyter_client signals a kernel."""
    try:
        os.killpg(kernel, number)
    except ProcessLookupError:
        try:
            os.kill(kernel, number)
        except ProcessLookupError:
            pass


def die_like(code):
    """Exit as the kernel did: with its status, or of the signal that killed it (no core of the stub's)."""
    if code >= 0:
        os._exit(code)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if -code != signal.SIGKILL:
        signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
    os._exit(128 - code)


def main(path, command):
    try:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(path)
        request = json.dumps({"command": command, "env": dict(os.environ), "cwd": os.getcwd()}).encode()
        socket.send_fds(connection, [struct.pack("!I", len(request)) + request], [0, 1, 2])
        answers = connection.makefile("rb")
        answer = answers.readline().decode()
    except OSError:
        answer = ""
    if not answer.startswith("pid "):
        become_the_kernel(command)
    kernel = int(answer.split()[1])
    for number in FORWARDED:
        signal.signal(number, lambda received, frame: forward(kernel, received))
    status = answers.readline().decode()  # until the kernel ends (a forwarded signal does not interrupt it)
    die_like(int(status.split()[1]) if status.startswith("exit ") else 1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
