"""Finding, starting and stopping this student's sandbox: one background process per student (per
LABKIT_HOME), shared by every kernel and every `labkit` command, persistent, stopping by itself when
nobody calls it. The process itself is the server's (labkit.sandbox.service); nothing here imports it.

    >>> state = connect(seed=0)     # attach to this LABKIT_HOME's sandbox, or start it (a few seconds)
    >>> state.url
    'http://127.0.0.1:41234'

Files in LABKIT_HOME (the folder is 0700, each file 0600):
  sandbox.json        where it answers, its process id and its credentials (the state file)
  sandbox.lock        taken while a sandbox is being started, so two kernels starting at once share one
  sandbox/snapshot    every AWS resource, query, the simulated clock and the truth (restored on start)
  sandbox/identity.json  its keys and port, kept across restarts (clients made before an idle stop
                      keep working once it is started again)
  sandbox/sandbox.log what the background process printed

`python -m labkit.sandbox.service --home H` is the background process itself.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_atomically
from ..config import labkit_home, without_aws_redirects
from ..messages import LabkitError
from .client import Credentials, Endpoint, answers, call

STATE_FILE = "sandbox.json"
LOCK_FILE = "sandbox.lock"
FOLDER = "sandbox"
SNAPSHOT_FILE = "snapshot"
LOG_FILE = "sandbox.log"
IDENTITY_FILE = "identity.json"
IDLE_SECONDS = float(os.environ.get("LABKIT_SANDBOX_IDLE", 45 * 60))  # then it saves and stops
SAVE_AFTER_QUIET = 30.0  # seconds without a request before a changed sandbox is saved (and on stop)
START_TIMEOUT = 60.0
LAST_REQUESTS_WAIT = 30.0  # seconds a stopping sandbox gives the requests it is answering
SAVE_WAIT = 5.0  # seconds a save waits for a moment with no request running
EXIT_WAIT = 60.0  # seconds a stopping sandbox may take to save (a stale state file waits for it)
STATE_VERSION = 1


@dataclass(frozen=True)
class SandboxState:
    url: str
    port: int
    pid: int
    access_key_id: str
    secret_access_key: str
    instance: str
    seed: int
    version: int = STATE_VERSION

    @property
    def endpoint(self) -> Endpoint:
        return Endpoint(self.url, Credentials(self.access_key_id, self.secret_access_key))


def state_path(home: Path | None = None) -> Path:
    return (home or labkit_home()) / STATE_FILE


def snapshot_path(home: Path | None = None) -> Path:
    return (home or labkit_home()) / FOLDER / SNAPSHOT_FILE


def read_state(home: Path | None = None) -> SandboxState | None:
    """The state file, or None when missing or unreadable (a stale or broken file is simply replaced)."""
    try:
        data = json.loads(state_path(home).read_text(encoding="utf-8"))
        state = SandboxState(**data)
    except (OSError, ValueError, TypeError):
        return None
    return state if state.version == STATE_VERSION else None


def write_private(path: Path, text: str) -> None:
    """Write atomically with mode 0600 in a 0700 folder (the file holds credentials)."""
    write_atomically(path, text, private_folder=True)


def read_identity(home: Path) -> dict:
    """The sandbox's keys and port from its last run: a restarted sandbox keeps both, so the boto3
    clients a notebook already made keep working after an idle stop. {} when there is none."""
    try:
        data = json.loads((home / FOLDER / IDENTITY_FILE).read_text(encoding="utf-8"))
        return {"credentials": Credentials(data["access_key_id"], data["secret_access_key"]), "port": int(data["port"])}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def write_identity(home: Path, credentials: Credentials, port: int) -> None:
    write_private(
        home / FOLDER / IDENTITY_FILE,
        json.dumps(
            {
                "access_key_id": credentials.access_key_id,
                "secret_access_key": credentials.secret_access_key,
                "port": port,
            }
        ),
    )


def is_alive(state: SandboxState, timeout: float = 2.0) -> bool:
    """It answers at its address with its credentials, and it is the instance the file names."""
    status = answers(state.endpoint, timeout=timeout)
    return bool(status) and status.get("instance") == state.instance and status.get("pid") == state.pid


@contextmanager
def _start_lock(home: Path):
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(home / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "r+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def _is_our_service(pid: int) -> bool:
    try:
        return b"labkit.sandbox.service" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _retire(state: SandboxState) -> None:
    """A state file whose sandbox does not answer: a busy sandbox gets time; a hung one is stopped."""
    if not _process_exists(state.pid) or not _is_our_service(state.pid):
        return  # dead, or the port/pid now belong to something else: just replace the file
    if is_alive(state, timeout=10.0):
        return
    try:
        os.kill(state.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + EXIT_WAIT  # it may be saving on its way out: let it finish
    while _process_exists(state.pid) and time.monotonic() < deadline:
        time.sleep(0.05)


def connect(seed: int = 0, home: Path | None = None) -> SandboxState:
    """This LABKIT_HOME's sandbox: the running one, or a new one started (and restored) in the background."""
    home = home or labkit_home(create=True)
    state = read_state(home)
    if state and is_alive(state):
        return state
    with _start_lock(home):
        state = read_state(home)  # another kernel may have started it while we waited for the lock
        if state and is_alive(state):
            return state
        if state:
            _retire(state)
            if is_alive(state):
                return state
        return _spawn(home, seed)


def _spawn(home: Path, seed: int, graded: bool = False) -> SandboxState:
    folder = home / FOLDER
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    state_path(home).unlink(missing_ok=True)
    log = os.fdopen(os.open(folder / LOG_FILE, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "labkit.sandbox.service",
            "--home",
            str(home),
            "--seed",
            str(seed),
            *(["--graded"] if graded else []),
        ],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        start_new_session=True,
        close_fds=True,
        env=without_aws_redirects(os.environ),
        cwd=str(home),
    )
    log.close()
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        state = read_state(home)
        if state and state.pid == process.pid and is_alive(state, timeout=5.0):
            # Collect its exit status when it stops, or it stays a zombie of this process, which
            # `stop` (waiting for the pid to go) and `_retire` would take for a live sandbox.
            threading.Thread(target=process.wait, name="labkit-sandbox-reaper", daemon=True).start()
            return state
        if process.poll() is not None:
            break
        time.sleep(0.02)
    if process.poll() is None:
        process.terminate()
    raise LabkitError("service.failed_to_start", log=str(folder / LOG_FILE))


def start_graded(home: Path, seed: int = 0) -> SandboxState:
    """A new sandbox owned by the grader, its files in `home` (a folder the submission is not told of).
    Stop it with `stop_graded(state)`."""
    return _spawn(home, seed, graded=True)


def stop_graded(state: SandboxState, timeout: float = EXIT_WAIT) -> None:
    """Stop a graded sandbox (its clients cannot): SIGTERM, then SIGKILL if it lingers."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(state.pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + timeout
        while _process_exists(state.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if not _process_exists(state.pid):
            return


def status(home: Path | None = None) -> dict | None:
    """The running sandbox's status (with its url), or None when none answers."""
    state = read_state(home)
    if not state:
        return None
    found = answers(state.endpoint)
    if not found or found.get("instance") != state.instance:
        return None
    return {**found, "url": state.url}


def stop(home: Path | None = None, timeout: float = 60.0) -> bool:
    """Ask this LABKIT_HOME's sandbox to save and stop; True when one was running."""
    state = read_state(home)
    if not state or not is_alive(state):
        return False
    call("POST", "/labkit/stop", endpoint=state.endpoint)
    deadline = time.monotonic() + timeout
    while _process_exists(state.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return True


def reset(home: Path | None = None) -> bool:
    """Forget everything in this LABKIT_HOME's sandbox (running or saved); True when it was running."""
    state = read_state(home)
    if state and is_alive(state):
        call("POST", "/labkit/reset", endpoint=state.endpoint)
        return True
    snapshot_path(home).unlink(missing_ok=True)
    return False
