"""Kernels forked from the kernel server (labkit/release/kernel_server.py) are the kernels a fresh process
would be: the environment, folder and streams jupyter_client gives them, a notebook's pandas defaults,
interrupts and exits as before, and nothing left running when their stub dies. What the server cannot
serve starts as before."""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import sys
import time

import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from labkit.release import kernel_server
from labkit.release.kernels import IpcKernelManager, SyncIpcKernelManager

REPORT = """
import json, os, sys, pandas, matplotlib
print(json.dumps({"pid": os.getpid(), "ppid": os.getppid(), "cwd": os.getcwd(), "marker": os.environ.get("MARKER"),
                  "max_columns": pandas.get_option("display.max_columns"), "backend": matplotlib.get_backend(),
                  "argv0": os.path.basename(sys.argv[0]), "tmp": __import__("tempfile").gettempdir(),
                  "zone": __import__("time").strftime("%Z")}))
"""


def report(tmp_path, **environment) -> dict:
    notebook = new_notebook(cells=[new_code_cell(REPORT)])
    client = NotebookClient(
        notebook, kernel_name="python3", kernel_manager_class=IpcKernelManager, shutdown_kernel="immediate"
    )
    client.execute(env={**os.environ, "MARKER": "m", "TMPDIR": str(tmp_path), **environment}, cwd=str(tmp_path))
    return json.loads(notebook.cells[0].outputs[0]["text"])


def server_pid() -> int:
    (server,) = [s for s in kernel_server._servers.values() if s is not None]
    return server.process.pid


def test_a_forked_kernel_has_the_environment_folder_and_defaults_of_a_fresh_one(tmp_path, monkeypatch):
    forked = report(tmp_path)
    assert forked["ppid"] == server_pid()
    monkeypatch.setattr(IpcKernelManager, "fork_from_server", False)
    fresh = report(tmp_path)
    monkeypatch.undo()
    assert fresh["ppid"] != server_pid()
    for found in (forked, fresh):
        assert found["cwd"] == str(tmp_path) and found["marker"] == "m" and found["tmp"] == str(tmp_path)
    assert {k: v for k, v in forked.items() if k not in ("pid", "ppid")} == {
        k: v for k, v in fresh.items() if k not in ("pid", "ppid")
    }
    assert forked["max_columns"] == 20 and forked["backend"].endswith("backend_inline")


def test_an_environment_the_server_did_not_import_with_starts_a_fresh_kernel(tmp_path):
    assert report(tmp_path)["ppid"] == server_pid()  # the server runs
    other = report(tmp_path, PYTHONHASHSEED="7", PANDAS_COPY_ON_WRITE="1")
    assert other["ppid"] == os.getpid()  # the stub became the kernel: our child
    tokyo = report(tmp_path, TZ="Asia/Tokyo")  # the time zone is read once, at start
    assert tokyo["ppid"] == os.getpid() and tokyo["zone"] == "JST"
    (tmp_path / "matplotlibrc").write_text("figure.dpi: 42\n")  # read at matplotlib's import
    assert report(tmp_path)["ppid"] == os.getpid()


def test_a_stub_gone_before_its_answer_leaves_the_server_serving(tmp_path):
    report(tmp_path)
    (server,) = [s for s in kernel_server._servers.values() if s is not None]
    for _ in range(3):
        gone = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        gone.connect(server.path)
        request = json.dumps(
            {"command": [sys.executable, "-m", "ipykernel_launcher"], "env": dict(os.environ), "cwd": str(tmp_path)}
        ).encode()
        socket.send_fds(gone, [struct.pack("!I", len(request)) + request], [0, 1, 2])
        gone.close()
    assert report(tmp_path)["ppid"] == server.process.pid


def started(manager_class=SyncIpcKernelManager):
    manager = manager_class(kernel_name="python3")
    manager.start_kernel(env=dict(os.environ))
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    return manager, client


def run(client, code: str, timeout: float = 30) -> dict:
    reply = client.execute_interactive(code, timeout=timeout, output_hook=lambda message: None)
    return reply["content"]


def test_an_interrupt_reaches_the_kernel_and_exits_come_back_with_their_status():
    manager, client = started()
    try:
        assert kernel_server.STUB in manager.provisioner.process.args  # started through the server
        client.execute("import time\nfor _ in range(600): time.sleep(0.1)")
        time.sleep(1)
        manager.interrupt_kernel()
        reply = client.get_shell_msg(timeout=30)
        assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt"
        client.execute("import os; os._exit(3)")
        deadline = time.monotonic() + 30
        while manager.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert manager.provisioner.process.returncode == 3
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_a_kernel_killed_by_a_signal_is_reported_so():
    manager, client = started()
    try:
        client.execute("import os, signal; os.kill(os.getpid(), signal.SIGKILL)")
        deadline = time.monotonic() + 30
        while manager.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert manager.provisioner.process.returncode == -signal.SIGKILL
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_a_killed_stub_takes_its_kernel_along():
    manager, client = started()
    try:
        kernel = int(run_output(client, "import os; print(os.getpid())"))
        assert kernel != manager.provisioner.process.pid
        manager.provisioner.process.send_signal(signal.SIGKILL)
        deadline = time.monotonic() + 10
        while os.path.exists(f"/proc/{kernel}") and not is_zombie(kernel) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not os.path.exists(f"/proc/{kernel}") or is_zombie(kernel)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def run_output(client, code: str) -> str:
    lines = []
    client.execute_interactive(
        code,
        timeout=30,
        output_hook=lambda message: (
            lines.append(message["content"].get("text", "")) if message["msg_type"] == "stream" else None
        ),
    )
    return "".join(lines).strip()


def is_zombie(pid: int) -> bool:
    try:
        return open(f"/proc/{pid}/stat").read().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


@pytest.mark.parametrize(
    "command",
    [
        ["/bin/sh", "-c", "true"],
        [sys.executable, "-m", "not_ipykernel", "-f", "x"],
        [sys.executable, "-c", "print(1)"],
    ],
)
def test_what_is_not_an_ipykernel_of_this_python_is_left_alone(command):
    assert kernel_server.through_server(command) == command
