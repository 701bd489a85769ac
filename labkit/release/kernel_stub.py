"""What jupyter_client starts in place of a kernel when a kernel server runs (labkit/release/kernel_server.py).

Run as `python -I -S kernel_stub.py SOCKET KERNEL-COMMAND...`: the standard library only, so it starts in
hundredths of a second. It asks the server to fork the kernel with this process's environment, working
folder and standard streams, then stands for it: the signals it gets (an interrupt, a terminate) go to
the kernel, it exits with the kernel's exit status, and if it dies (SIGKILL) the server kills the kernel.
Whenever the server cannot help (not running, another interpreter, refused), it becomes the kernel
command itself (exec), as if it had never been there.
"""

import json
import os
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


def read_line(connection):
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(4096)
        if not chunk:
            return None
        data += chunk
    return data.decode()


def main(path, command):
    try:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(path)
        request = json.dumps({"command": command, "env": dict(os.environ), "cwd": os.getcwd()}).encode()
        socket.send_fds(connection, [struct.pack("!I", len(request)) + request], [0, 1, 2])
        answer = read_line(connection)
    except OSError:
        answer = None
    if not answer or not answer.startswith("pid "):
        become_the_kernel(command)
    kernel = int(answer.split()[1])
    for number in FORWARDED:
        signal.signal(number, lambda received, frame: forward(kernel, received))
    status = read_line(connection)  # until the kernel ends (a forwarded signal does not interrupt it)
    code = int(status.split()[1]) if status and status.startswith("exit ") else 1
    if code < 0:  # killed by a signal: die of it too
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    os._exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
