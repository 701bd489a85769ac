"""The sandbox's background process: `python -m labkit.sandbox.service --home H` serves one student's
sandbox, saves it when quiet and stops by itself when nobody calls it. Finding, starting and stopping
it from a kernel or a command is labkit.sandbox_client.process (its state files are described there).
"""

from __future__ import annotations

import argparse
import json
import gc
import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from ..messages import message
from ..sandbox_client.process import (
    FOLDER,
    IDLE_SECONDS,
    LAST_REQUESTS_WAIT,
    SAVE_AFTER_QUIET,
    SAVE_WAIT,
    STATE_FILE,
    SandboxState,
    connect,
    read_identity,
    read_state,
    reset,
    snapshot_path,
    start_graded,
    state_path,
    status,
    stop,
    stop_graded,
    write_identity,
    write_private,
)

# The control of this process (defined in sandbox_client.process) answers here too, next to the process
# itself: `service.connect()`, `service.stop()`, ... for the commands and the grader.
__all__ = [
    "FOLDER",
    "STATE_FILE",
    "SandboxState",
    "Service",
    "connect",
    "main",
    "read_state",
    "reset",
    "snapshot_path",
    "start_graded",
    "state_path",
    "status",
    "stop",
    "stop_graded",
    "write_private",
]


class Requests:
    """The requests a sandbox is answering and when it answered the last one. The endpoint's Activity
    counts a request when it arrives; a slow one (or one waiting for the warm-up) may still change the
    sandbox seconds later, so quiet is counted from the end of the last request: a save then never
    counts a request as saved before it is done, and the sandbox never stops under one.

    A save runs between requests, never beside one (`paused()`): pickling moto's backends while a
    request changes them could save half a change, or fail on a dict that changed size. Requests that
    arrive during the save wait for it (a fraction of a second)."""

    def __init__(self, server, ready: threading.Event | None = None):
        self.app = server.app
        self.ready = ready
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.running = 0
        self.done = 0
        self.saving = False
        self.last_end = time.monotonic()
        server.app = self  # werkzeug calls server.app for every request

    def __call__(self, environ, start_response):
        with self.changed:
            self.changed.wait_for(lambda: not self.saving)
            self.running += 1
        try:
            answer = self.app(environ, start_response)
            try:
                return list(answer)  # its work is done once its body is made
            finally:
                if hasattr(answer, "close"):
                    answer.close()
        finally:
            with self.changed:
                self.running -= 1
                self.done += 1
                self.last_end = time.monotonic()
                self.changed.notify_all()

    def quiet_seconds(self) -> float:
        with self.lock:
            busy = self.running or (self.ready is not None and not self.ready.is_set())
            return 0.0 if busy else time.monotonic() - self.last_end

    @contextmanager
    def paused(self, timeout: float):
        """Yields True once no request is running, holding new ones back until the block ends; yields
        False (holding nothing back) if requests were still running after `timeout` seconds.

        It waits for a moment with none running rather than stopping new ones first: the sandbox's
        own code calls the sandbox (a traffic run delivers through S3's API), and that inner request
        must get through for the outer one to finish."""
        with self.changed:
            self.saving = self.changed.wait_for(lambda: not self.running, timeout)
            paused = self.saving
        try:
            yield paused
        finally:
            if paused:
                with self.changed:
                    self.saving = False
                    self.changed.notify_all()


class Service:
    """One sandbox serving LABKIT_HOME until stopped or idle; saved after changes and on the way out."""

    def __init__(self, home: Path, seed: int, port: int = 0, idle: float | None = IDLE_SECONDS, graded: bool = False):
        """`graded`: a sandbox the grader owns for one submission. Nothing is restored or saved (the
        truth lives only in this process), it never stops by itself, and its clients (the
        submission's kernels) can neither stop nor reset it: the grader stops it with SIGTERM."""
        from .endpoint import start_sandbox
        from .seeding import new_world

        self.home = home
        self.graded = graded
        self.idle = None if graded else idle
        self.stopping = threading.Event()
        self.save_lock = threading.Lock()
        self.notice: str | None = None  # a bilingual line for the student (a snapshot set aside)
        identity = {} if graded else read_identity(home)
        hooks = (
            {"graded": True}
            if graded
            else {"stop": self.stopping.set, "reset": self._forget, "notice": lambda: self.notice}
        )
        self.sandbox = start_sandbox(
            port=port or identity.get("port", 0),
            seed=seed,
            world=new_world(seed),
            credentials=identity.get("credentials"),
            restore=None if graded else self._restore,
            hooks=hooks,
        )
        if not graded:
            write_identity(home, self.sandbox.credentials, self.sandbox.port)
        self.requests = Requests(self.sandbox.server, getattr(self.sandbox.app, "ready", None))
        self.saved_requests = self.requests.done
        os.environ.update(self.sandbox.environment())  # the sandbox's own code calls it through boto3
        from .in_process import route_to

        route_to(self.requests, self.sandbox.url)  # ... answered by the same app, without a socket

    def _restore(self, app):
        """Everything the last run of this sandbox saved (resources, queries, the truth, the id
        sequence), loaded before the first request; returns the saved world, or None."""
        path = snapshot_path(self.home)
        if not path.exists():
            return None
        from .persistence import UnreadableSnapshot, load_snapshot
        from ..world import World

        extra = load_snapshot(path, athena_backend=app.athena.backend)  # moto's id sequence included
        if isinstance(extra, UnreadableSnapshot):
            self.notice = extra.notice()  # set aside, starting empty: say so, in both languages
            return None
        return World.from_state(extra["world"]) if extra and "world" in extra else None

    def save(self, wait: float = SAVE_WAIT, even_if_busy: bool = False) -> bool:
        """Snapshot the sandbox between requests if any request changed it since the last save. False
        (nothing saved) when nothing changed, or when requests kept it busy for `wait` seconds (the
        service tries again after the next quiet half-minute) unless `even_if_busy` (a stopping
        sandbox: a request still running then is lost either way)."""
        from .persistence import save_snapshot

        if self.graded:
            return False
        with self.save_lock, self.requests.paused(wait) as paused:
            if not paused and not even_if_busy:
                return False
            if self.requests.done == self.saved_requests and not self.requests.running:
                return False
            with self.sandbox.world.simulation:
                began = time.perf_counter()
                requests = self.requests.done
                extra = {"world": self.sandbox.world.state()}
                save_snapshot(snapshot_path(self.home), extra, athena_backend=self.sandbox.athena)
                self.saved_requests = requests
        print(
            message(
                "service.saved",
                seconds=round(time.perf_counter() - began, 2),
                size=snapshot_path(self.home).stat().st_size // 1024,
            ),
            flush=True,
        )
        return True

    def _forget(self) -> None:
        from ..world import current_world

        self.sandbox.world = current_world()  # the reset's new, empty world is the one to save from now on
        snapshot_path(self.home).unlink(missing_ok=True)

    def write_state(self) -> SandboxState:
        state = SandboxState(
            url=self.sandbox.url,
            port=self.sandbox.port,
            pid=os.getpid(),
            access_key_id=self.sandbox.credentials.access_key_id,
            secret_access_key=self.sandbox.credentials.secret_access_key,
            instance=self.sandbox.world.instance,
            seed=self.sandbox.seed,
        )
        write_private(state_path(self.home), json.dumps(asdict(state)))
        return state

    def run(self) -> None:
        signal.signal(signal.SIGTERM, lambda *_: self.stopping.set())
        try:
            while not self.stopping.wait(0.5):
                quiet = self.requests.quiet_seconds()
                if self.requests.done != self.saved_requests and quiet >= SAVE_AFTER_QUIET:
                    self.save()
                if self.idle is not None and quiet >= self.idle:
                    break
        finally:
            self.shutdown()

    def shutdown(self) -> None:
        try:
            # No new request from here (one would be lost after the save); those being answered finish.
            self.sandbox.server.shutdown()
            self.save(wait=LAST_REQUESTS_WAIT, even_if_busy=True)
        finally:
            state = read_state(self.home)
            if state and state.pid == os.getpid():
                state_path(self.home).unlink(missing_ok=True)
            self.sandbox.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m labkit.sandbox.service")
    parser.add_argument("--home", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument(
        "--graded", action="store_true", help="owned by the grader: no snapshot, no stop or reset by clients"
    )
    args = parser.parse_args(argv)
    os.environ["LABKIT_HOME"] = args.home
    # moto and the Athena engine allocate many short-lived objects per request: a young-generation
    # collection every 50,000 allocations, not 700 (older generations as usual: nothing kept longer).
    gc.set_threshold(50_000, 10, 10)
    service = Service(Path(args.home), args.seed, args.port, graded=args.graded)
    service.write_state()
    print(message("service.started", url=service.sandbox.url, pid=os.getpid()), flush=True)
    if service.notice:
        print(service.notice, flush=True)
    service.run()
    print(message("service.stopped"), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
