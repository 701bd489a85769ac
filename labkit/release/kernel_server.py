"""A fork server for notebook kernels: a kernel starts without importing IPython, pandas and boto3 again.

A fresh kernel spends most of its first second importing what every lab imports. The server imports it
once, then forks a kernel for each start: `format_kernel_cmd` (labkit/release/kernels.py) puts
kernel_stub.py in front of the kernel command, and the stub hands its environment, working folder and
standard streams to the server over a Unix socket in a folder of this user's alone. The forked kernel
is a real ipykernel, in its own session, with exactly the environment, folder and streams jupyter_client
gave the stub; the stub stands in for it (signals, exit status), and the kernel dies with the stub.

Only what the import could have changed is checked: a kernel command of another interpreter, other
interpreter options, an environment whose import-time variables (IMPORT_TIME: PYTHON*, HOME, TZ, the
locale, pandas', matplotlib's, thread pools', the loader's) differ from the server's, or a folder with a
matplotlibrc, starts as before (the stub execs it). The server holds none of the caller's secrets: it
starts with only those variables. It ends when its parent closes its stdin (the parent exited).

What still differs from a fresh kernel, knowingly: the kernels of one server share its string hash seed
(set order is the same in each, as it may be by chance anyway); /proc/PID/environ and sys.orig_argv show
the server's; resource limits, umask and nice are the server's (the parent's, as for a fresh kernel,
unless the parent changed them after the server started); and a kernel's atexit functions get one second.
Grading does not use it (labkit/grading/isolation.py).

    >>> through_server(["/bin/sh", "-c", "true"])  # not an ipykernel of this interpreter: unchanged
    ['/bin/sh', '-c', 'true']
"""

from __future__ import annotations

import atexit
import builtins
import gc
import json
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

LAUNCHER = "ipykernel_launcher"
# Not ipykernel.kernelapp: its defaults read JPY_PARENT_PID at import (each kernel imports it, in 3 ms).
PRELOAD = (
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.parentpoller",
    "pandas",
    "boto3",
    "pyathena",
    "matplotlib.pyplot",
)
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
STUB = str(Path(__file__).with_name("kernel_stub.py"))
# Variables read while importing (the interpreter's options, pandas', the locale, BLAS thread pools, the loader):
# a kernel whose values differ is not forked from a server that imported with others.
IMPORT_TIME = (
    "PYTHON",
    "PANDAS_",
    "MPL",
    "MATPLOTLIB",
    "NPY_",
    "ARROW_",
    "JUPYTER_",
    "COVERAGE_",
    "HOME",
    "XDG_",
    "LANG",
    "LC_",
    "TZ",
    "OMP_",
    "OPENBLAS_",
    "MKL_",
    "NUMEXPR_",
    "MALLOC_",
    "LD_",
)


def import_time_environment(environment) -> dict[str, str]:
    return {key: value for key, value in environment.items() if key.startswith(IMPORT_TIME)}


# ---------------------------------------------------------------------------------------------- client side

_servers: dict[tuple[str, ...], _Server | None] = {}
_servers_lock = threading.Lock()


class _Server:
    def __init__(self, interpreter: list[str]):
        self.folder = tempfile.mkdtemp(prefix="lk-ks-")  # mode 0700: this user's alone
        self.path = os.path.join(self.folder, "s")
        self.process = subprocess.Popen(
            [*interpreter, __file__, self.path],  # a script, not labkit's module: labkit is imported by each kernel
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={"PATH": os.environ.get("PATH", os.defpath), **import_time_environment(os.environ)},
            cwd=self.folder,
            start_new_session=True,
        )
        self.ready = self.process.stdout.readline() == b"ready\n"
        atexit.register(self.stop)

    def stop(self):
        if self.process.poll() is None:
            self.process.stdin.close()  # the server kills what it still runs and exits
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        try:
            os.unlink(self.path)
            os.rmdir(self.folder)
        except OSError:
            pass


def through_server(command: list[str]) -> list[str]:
    """`command` started through this process's kernel server when it is an ipykernel of this
    interpreter (the server starts with the first one); else `command` itself."""
    try:
        position = command.index("-m")
        same_python = os.path.samefile(command[0], sys.executable)
    except (ValueError, OSError):
        return command
    if not same_python or command[position + 1 : position + 2] != [LAUNCHER]:
        return command
    interpreter = tuple(command[:position])
    with _servers_lock:
        if interpreter not in _servers:
            server = _Server(list(interpreter))
            _servers[interpreter] = server if server.ready else None
        server = _servers[interpreter]
    if server is None or server.process.poll() is not None:
        return command
    return [sys.executable, "-I", "-S", STUB, server.path, *command]


def servers_cpu() -> float:
    """CPU seconds used so far by this process's kernel servers and the kernels they forked and reaped
    (not in RUSAGE_CHILDREN until a server ends): for benchmarks."""
    total = 0
    for server in _servers.values():
        try:
            fields = Path(f"/proc/{server.process.pid}/stat").read_text().rpartition(")")[2].split()
        except (AttributeError, OSError):
            continue
        total += sum(int(field) for field in fields[11:15])  # utime, stime, cutime, cstime
    return total / os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------------------------------- server side


def receive_request(connection: socket.socket) -> tuple[dict, list[int]]:
    connection.settimeout(2)  # a stub sends at once; nothing else starts while the server waits
    data, fds, _, _ = socket.recv_fds(connection, 1 << 16, 3)
    if len(data) < 4:
        raise ValueError()
    (size,) = struct.unpack("!I", data[:4])
    data = data[4:]
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            raise ValueError()
        data += chunk
    connection.settimeout(None)
    return json.loads(data), fds


def peer_uid(connection: socket.socket) -> int:
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", credentials)[1]


def run_kernel(request: dict, fds: list[int], keep_open: set[int]) -> None:
    """In the forked child: become the kernel the request describes, and never return."""
    code = 1
    try:
        for fd in keep_open:
            os.close(fd)
        os.setsid()
        for number, fd in enumerate(fds):
            os.dup2(fd, number)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        tempfile.tempdir = None  # found again from this environment's TMPDIR
        time.tzset()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if "numpy" in sys.modules:  # the server's seed is every kernel's otherwise
            sys.modules["numpy"].random.seed()
        command = request["command"]
        position = command.index("-m")
        sys.argv = [sys.modules[LAUNCHER].__file__ if LAUNCHER in sys.modules else LAUNCHER, *command[position + 2 :]]
        sys.path[0] = os.getcwd()
        import runpy

        runpy.run_module(LAUNCHER, run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as exiting:
        code = exiting.code if isinstance(exiting.code, int) else (0 if exiting.code is None else 1)
        if not isinstance(exiting.code, (int, type(None))):
            print(exiting.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
    finally:
        # As the interpreter ends: non-daemon threads, then the atexit functions, within a second: a
        # forked ipykernel's close() sometimes waits for its control thread, stuck sending on a closed IOPub.
        watchdog = threading.Timer(1.0, os._exit, (code,))
        watchdog.daemon = True
        watchdog.start()
        try:
            threading._shutdown()
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def kill_group(kernel: int, number: int) -> None:
    """Signal the kernel's process group (the kernel and what it started), as jupyter_client signals a
    kernel it started itself; the kernel alone if it has not made its group yet."""
    try:
        os.killpg(kernel, number)
    except ProcessLookupError:
        try:
            os.kill(kernel, number)
        except ProcessLookupError:
            pass


def exit_code(status: int) -> int:
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


class _Kernel:
    """What pandas asks at import whether it runs in (config_init.is_terminal: get_ipython().kernel): each
    forked process is an ipykernel, so its display defaults are a notebook's (max_columns 20, not 0)."""

    kernel = True


def preload() -> None:
    builtins.get_ipython = _Kernel
    backend = os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)  # as ipykernel sets it before a first cell
    try:
        for module in PRELOAD:
            __import__(module)
    finally:
        del builtins.get_ipython
        if backend == INLINE_BACKEND:
            del os.environ["MPLBACKEND"]
    gc.freeze()  # what was imported stays out of every kernel's collections (and its pages unwritten)


def allowed(request: dict, fds: list[int], connection: socket.socket, start_environment: dict) -> bool:
    """This user's stub, its three streams, an environment the server imported with, and a folder with no
    matplotlibrc of its own (matplotlib read the server's at import)."""
    return (
        peer_uid(connection) == os.getuid()
        and len(fds) == 3
        and isinstance(request.get("env"), dict)
        and import_time_environment(request["env"]) == start_environment
        and not os.path.exists(os.path.join(str(request.get("cwd")), "matplotlibrc"))
    )


def start_one(listener: socket.socket, start_environment: dict, kernels: dict, stubs: dict) -> None:
    """Fork the kernel the next stub asks for, or answer no."""
    connection, _ = listener.accept()
    fds: list[int] = []
    try:
        request, fds = receive_request(connection)
        if not allowed(request, fds, connection, start_environment):
            connection.sendall(b"no\n")
            raise ValueError()
    except Exception:
        connection.close()
        for fd in fds:
            os.close(fd)
        raise
    pid = os.fork()
    if pid == 0:
        run_kernel(request, fds, {0, listener.fileno(), connection.fileno(), *kernels, *stubs})
    for fd in fds:
        os.close(fd)
    pidfd = os.pidfd_open(pid)
    kernels[pidfd] = (pid, connection)
    stubs[connection.fileno()] = pidfd
    try:
        connection.sendall(f"pid {pid}\n".encode())
    except OSError:  # the stub is gone already: so goes its kernel (reaped when its pidfd says so)
        kill_group(pid, signal.SIGKILL)


def serve(path: str) -> None:
    try:
        preload()
    except Exception:
        return  # not ready: every kernel starts as before
    if threading.active_count() > 1:
        return  # forking a threaded process is unsafe: every kernel starts as before
    start_environment = import_time_environment(os.environ)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    kernels: dict[int, tuple[int, socket.socket]] = {}  # pidfd -> (pid, the stub's connection)
    stubs: dict[int, int] = {}  # the stub's connection fd -> pidfd
    while True:
        waiting = [0, listener.fileno(), *kernels, *stubs]
        readable, _, _ = select.select(waiting, [], [])
        if 0 in readable and not os.read(0, 1):
            for pid, _ in kernels.values():
                kill_group(pid, signal.SIGKILL)
            return
        if listener.fileno() in readable:
            try:
                start_one(listener, start_environment, kernels, stubs)
            except Exception:  # a stub that went away, no fd left: that start fails, not the server
                pass
        for fd in readable:
            if fd in stubs and stubs[fd] not in readable:  # the stub went away (killed): so does its kernel
                kill_group(kernels[stubs.pop(fd)][0], signal.SIGKILL)
            if fd in kernels:  # a kernel ended: tell its stub how
                pid, connection = kernels.pop(fd)
                _, status = os.waitpid(pid, 0)
                os.close(fd)
                stubs.pop(connection.fileno(), None)
                try:
                    connection.sendall(f"exit {exit_code(status)}\n".encode())
                except OSError:
                    pass
                connection.close()


if __name__ == "__main__":
    sys.path[0] = os.getcwd()  # not this file's folder
    serve(sys.argv[1])
