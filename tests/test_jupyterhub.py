"""A class on one JupyterHub: each student's server starts a sandbox of its own, which only that
student's keys open (README, "Run it for a class on JupyterHub").

JupyterHub runs as an instructor would run it, with what an unprivileged test can have: the
`shared-password` authenticator and SimpleLocalProcessSpawner, which runs every user's server as this
test's own OS user with HOME in a folder of that user's (a real class uses real unix users or
containers). The proxy is configurable-http-proxy's Python implementation (PyPI), so no Node.js is
needed. The hub, the proxy, the users' servers and their sandboxes listen on 127.0.0.1, on free ports.

The test starts the servers with the hub's REST API and a service token, then talks to each user's
server through the hub's proxy with that user's own token: it starts a kernel and runs cells in it over
the kernel's websocket, as JupyterLab does. Nothing is timed: every wait is generous and fails with the
hub's log when what it waits for never comes. Hub, proxy, servers, kernels and sandboxes are stopped at
the end, pass or fail.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import stat
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# Installed by requirements.txt: one missing is a broken install, and fails here rather than skipping.
import configurable_http_proxy  # noqa: F401  (the proxy's command is what the hub runs)
import jupyterhub  # noqa: F401
import pytest
import websocket

from labkit.sandbox import service
from test_sandbox_endpoint import LOOPBACK, free_port, listening_addresses

BIN = Path(sys.executable).parent  # the venv's scripts: jupyterhub-singleuser, configurable-http-proxy
USERS = ("ada", "grace")
WAIT = 240.0  # seconds; a slow, shared machine must not fail the test
SAFETY_IDLE = "300"  # seconds: a sandbox a crashed run leaves behind stops by itself

CONFIG = """
c.JupyterHub.bind_url = "http://{loopback}:{proxy_port}"
c.JupyterHub.hub_bind_url = "http://{loopback}:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://{loopback}:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy_command!r}]
c.JupyterHub.db_url = "sqlite:///{work}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{work}/jupyterhub_cookie_secret"

c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {password!r}
c.Authenticator.allowed_users = set({users!r})

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{work}/home/{{username}}"
c.Spawner.ip = "{loopback}"
c.Spawner.cmd = [{singleuser_command!r}]
c.Spawner.args = {singleuser_args!r}
c.Spawner.environment = {{"LABKIT_SANDBOX_IDLE": {idle!r}}}
c.Spawner.start_timeout = c.Spawner.http_timeout = {wait}

c.JupyterHub.services = [{{"name": "instructor", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "instructor", "services": ["instructor"],
                             "scopes": ["admin:users", "admin:servers", "tokens", "proxy"]}}]
"""


@dataclass
class Hub:
    url: str  # the proxy's public address: /hub/... and /user/NAME/...
    proxy_api: str  # the proxy's own API, which only the hub calls
    token: str  # the instructor service's
    work: Path
    log: Path
    process: subprocess.Popen

    def home(self, user: str) -> Path:
        return self.work / "home" / user

    def api(self, method: str, path: str, body: dict | None = None, token: str | None = None) -> dict:
        """A call to the hub's REST API (`/hub/api/...`) or, with a user's token, to that user's server
        (`/user/NAME/api/...`), through the proxy; the answer's JSON ({} when empty)."""
        request = urllib.request.Request(
            self.url + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {token or self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=WAIT) as answer:
            text = answer.read()
        return json.loads(text) if text else {}

    def fail(self, why: str):
        pytest.fail(f"{why}\n--- the hub's log ---\n{self.log.read_text(errors='replace')[-4000:]}")


def process_tree(pid: int) -> dict[int, str]:
    """`pid` and every process below it, each with its start time (so a pid reused later is not killed)."""
    parents, started = {}, {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(entry.parent.name)] = int(fields[1])
        started[int(entry.parent.name)] = fields[19]
    tree = {pid}
    while grown := {child for child, parent in parents.items() if parent in tree} - tree:
        tree |= grown
    return {found: started[found] for found in tree if found in started}


def kill_what_is_left(tree: dict[int, str]) -> None:
    for pid, started in tree.items():
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19] == started:
                os.kill(pid, signal.SIGKILL)
        except (OSError, IndexError):
            pass


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """JupyterHub on loopback with two users and the instructor's service token. At the end each user's
    sandbox is stopped as `labkit sandbox stop` stops it, then the hub (which stops the servers and the
    proxy), then anything of theirs still running is killed."""
    work = tmp_path_factory.mktemp("jupyterhub")
    token = secrets.token_hex(32)
    proxy_port, api_port = free_port(), free_port()
    config = work / "jupyterhub_config.py"
    config.write_text(
        CONFIG.format(
            loopback=LOOPBACK,
            proxy_port=proxy_port,
            hub_port=free_port(),
            api_port=api_port,
            work=work,
            proxy_command=str(BIN / "configurable-http-proxy"),
            password=secrets.token_hex(16),
            users=USERS,
            singleuser_command=str(BIN / "jupyterhub-singleuser"),
            idle=SAFETY_IDLE,
            wait=int(WAIT),
            singleuser_args=["--allow-root"] if os.geteuid() == 0 else [],
            token=token,
        )
    )
    # Nothing of the caller's AWS or labkit settings (the spawner passes on only what it is told to).
    env = {name: value for name, value in os.environ.items() if not name.startswith(("AWS_", "LABKIT_"))}
    log = work / "jupyterhub.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Hub(f"http://{LOOPBACK}:{proxy_port}", f"http://{LOOPBACK}:{api_port}", token, work, log, process)
    try:
        wait_for(running, "the hub's API", lambda: running.api("GET", "/hub/api/"))
        yield running
    finally:
        tree = process_tree(process.pid)
        try:
            stop_sandboxes(running)
        finally:
            process.terminate()  # the hub stops every user's server (and their kernels) and its proxy
            try:
                process.wait(timeout=WAIT)
            except subprocess.TimeoutExpired:
                pass
            kill_what_is_left(tree)
            process.wait()


def stop_sandboxes(hub: Hub) -> None:
    """What `labkit sandbox stop` does in each user's LABKIT_HOME (each saves, then stops), side by side
    and in this process: the command would spend seconds importing labkit first."""
    with ThreadPoolExecutor(len(USERS)) as pool:
        list(pool.map(lambda user: service.stop(hub.home(user) / ".labkit", timeout=WAIT), USERS))


def wait_for(hub: Hub, what: str, attempt):
    """attempt() until it returns something true, retrying while it raises OSError (not answering yet);
    fails with the hub's log if the hub exits or WAIT runs out."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if hub.process.poll() is not None:
            hub.fail(f"the hub exited ({hub.process.returncode}) while waiting for {what}")
        try:
            found = attempt()
            if found:
                return found
        except OSError:
            pass
        time.sleep(0.5)
    hub.fail(f"{what} never came")


def start_server(hub: Hub, user: str) -> None:
    """Start `user`'s server and wait until it is ready."""
    hub.api("POST", f"/hub/api/users/{user}/server")
    wait_for(
        hub, f"{user}'s server", lambda: hub.api("GET", f"/hub/api/users/{user}")["servers"].get("", {}).get("ready")
    )


class Kernel:
    """A kernel in a user's server, reached through the hub's proxy with the user's own token."""

    def __init__(self, hub: Hub, user: str, token: str):
        self.user = user
        self.session = uuid.uuid4().hex
        started = hub.api("POST", f"/user/{user}/api/kernels", {"name": "python3"}, token=token)
        address = (
            hub.url.replace("http://", "ws://")
            + f"/user/{user}/api/kernels/{started['id']}/channels?session_id={self.session}"
        )
        self.channels = websocket.create_connection(address, header=[f"Authorization: token {token}"], timeout=WAIT)

    def run(self, code: str) -> str:
        """Execute a cell; what it printed. Fails with the traceback if the cell raised."""
        msg_id = uuid.uuid4().hex
        self.channels.send(
            json.dumps(
                {
                    "channel": "shell",
                    "parent_header": {},
                    "metadata": {},
                    "buffers": [],
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "execute_request",
                        "username": self.user,
                        "session": self.session,
                        "version": "5.3",
                    },
                    "content": {
                        "code": textwrap.dedent(code),
                        "silent": False,
                        "store_history": True,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                }
            )
        )
        printed, error = [], None
        while True:
            message = json.loads(self.channels.recv())
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                printed.append(content["text"])
            elif kind == "error":
                error = "\n".join(content["traceback"])
            elif kind == "status" and content["execution_state"] == "idle":
                break
        if error:
            pytest.fail(f"a cell failed in {self.user}'s kernel:\n{error}")
        return "".join(printed)

    def run_json(self, code: str) -> dict:
        return json.loads(self.run(code).strip().splitlines()[-1])

    def close(self) -> None:
        self.channels.close()


FIRST_CELLS = """
import json, os
import boto3
import labkit
from labkit.config import labkit_home

lab = labkit.start("00-welcome")
s3 = boto3.client("s3")
s3.create_bucket(Bucket="{bucket}")
print(json.dumps({{"home": os.path.expanduser("~"), "labkit_home": str(labkit_home()),
                  "idle": os.environ.get("LABKIT_SANDBOX_IDLE"),
                  "endpoint": os.environ["AWS_ENDPOINT_URL"], "key": os.environ["AWS_ACCESS_KEY_ID"]}}))
"""
LIST_BUCKETS = 'print(json.dumps({"buckets": [b["Name"] for b in s3.list_buckets()["Buckets"]]}))'

# Another student's sandbox, reached from this student's kernel: with this student's own keys (what
# boto3 in the kernel signs with), then with no keys at all.
KNOCK = """
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

def refusal(client):
    try:
        client.list_buckets()
    except ClientError as error:
        return error.response["Error"]["Code"]
    return "served"

print(json.dumps({{"own_keys": refusal(boto3.client("s3", endpoint_url="{url}")),
                  "no_keys": refusal(boto3.client("s3", endpoint_url="{url}",
                                                  config=Config(signature_version=UNSIGNED)))}}))
"""


@dataclass
class Student:
    token: str  # their own hub token
    kernel: Kernel  # in their own server
    seen: dict  # what their first cells printed
    sandbox: service.SandboxState  # from the state file in the LABKIT_HOME their kernel used


@pytest.fixture(scope="module")
def students(hub) -> dict[str, Student]:
    """Both users' servers started, a kernel in each reached with the user's own hub token, and the
    lesson's first cells run in both kernels at once, as a class starts a lab."""
    with ThreadPoolExecutor(len(USERS)) as pool:
        list(pool.map(lambda user: start_server(hub, user), USERS))
    tokens = {user: hub.api("POST", f"/hub/api/users/{user}/tokens", {"note": "test"})["token"] for user in USERS}
    kernels = {user: Kernel(hub, user, tokens[user]) for user in USERS}
    try:
        with ThreadPoolExecutor(len(USERS)) as pool:
            seen = dict(
                zip(
                    USERS,
                    pool.map(lambda user: kernels[user].run_json(FIRST_CELLS.format(bucket=f"{user}-notes")), USERS),
                )
            )
        yield {
            user: Student(tokens[user], kernels[user], seen[user], service.read_state(Path(seen[user]["labkit_home"])))
            for user in USERS
        }
    finally:
        for kernel in kernels.values():
            kernel.close()


def test_each_users_kernel_runs_labkit_with_a_sandbox_in_their_own_home(hub, students):
    for user, student in students.items():
        home = hub.home(user)
        assert student.seen["home"] == str(home)
        assert student.seen["labkit_home"] == str(home / ".labkit")  # LABKIT_HOME's default, in their home
        assert student.seen["idle"] == SAFETY_IDLE  # the hub passes on what c.Spawner.environment sets
        assert student.sandbox is not None, f"no sandbox state file in {home / '.labkit'}"
        assert stat.S_IMODE((home / ".labkit").stat().st_mode) == 0o700
        assert stat.S_IMODE((home / ".labkit" / service.STATE_FILE).stat().st_mode) == 0o600
        assert (student.seen["endpoint"], student.seen["key"]) == (student.sandbox.url, student.sandbox.access_key_id)


def test_each_student_has_a_sandbox_of_their_own(students):
    ada, grace = students["ada"].sandbox, students["grace"].sandbox
    assert ada.port != grace.port and ada.pid != grace.pid
    assert ada.access_key_id != grace.access_key_id and ada.secret_access_key != grace.secret_access_key
    # Now that both buckets exist, each student lists their own, and only that one.
    for user, student in students.items():
        assert student.kernel.run_json(LIST_BUCKETS) == {"buckets": [f"{user}-notes"]}


def test_another_students_keys_and_no_keys_are_refused(hub, students):
    ada, grace = students["ada"], students["grace"]
    # Grace's kernel knocks on Ada's sandbox: her keys are unknown there, and no keys are no better.
    assert grace.kernel.run_json(KNOCK.format(url=ada.sandbox.url)) == {
        "own_keys": "InvalidAccessKeyId",
        "no_keys": "AccessDenied",
    }
    # The hub keeps the servers apart too: Grace's token does not open Ada's server.
    with pytest.raises(urllib.error.HTTPError) as refused:
        hub.api("GET", "/user/ada/api/kernels", token=grace.token)
    assert refused.value.code == 403


def test_the_hub_the_servers_and_the_sandboxes_listen_on_loopback_only(hub, students):
    routes = hub.api("GET", "/hub/api/proxy")  # the proxy's table: the hub, each user's server
    assert {"/", "/user/ada/", "/user/grace/"} <= set(routes)
    sandboxes = [student.sandbox.url for student in students.values()]
    for address in (hub.url, hub.proxy_api, *(route["target"] for route in routes.values()), *sandboxes):
        assert listening_addresses(urlsplit(address).port) == {LOOPBACK}, address
