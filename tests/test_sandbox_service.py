"""The sandbox as a service: one background sandbox per LABKIT_HOME, shared by the student's kernels,
persistent across stops, private to its owner, holding the truth and judging answers itself.

Everything goes through the public surfaces: labkit starts real background processes
(`python -m labkit.sandbox.service`), tests call them over HTTP with boto3, urllib and the `labkit`
command. A test about starting gets a fresh LABKIT_HOME; the others share a started sandbox through a
module fixture with a home of its own. None sees the session sandbox's AWS variables, and the fixture
that made a home stops every sandbox started for it.
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from types import SimpleNamespace

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

import labkit
import labkit.checks
import labkit.labs
import labkit.world as world_module
import labkit.traffic
from labkit.sandbox import ensure_sandbox, service
from labkit.sandbox_client.client import Endpoint, answers, call, signed_request
from test_sandbox_endpoint import labkit_command, listening_addresses

REGION = "us-east-1"
LOOPBACK = "127.0.0.1"
SAFETY_IDLE = "120"  # seconds: a sandbox a crashed test leaves behind stops by itself
# What would send a kernel to another sandbox (the session's in-process one) or to AWS.
CLEARED = (
    "AWS_ENDPOINT_URL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_PROFILE",
    "AWS_REGION",
    "AWS_ENDPOINT_URL_S3",
    "AWS_ENDPOINT_URL_ATHENA",
    "LABKIT_TARGET",
)
WRONG = "198.51.100.77"  # TEST-NET-2: never one of the simulated internet's attackers


# --- the student's environment and their sandboxes ---


def student_environment(patch: pytest.MonkeyPatch, home: Path, idle: str = SAFETY_IDLE) -> None:
    """This process becomes a kernel of the student whose LABKIT_HOME is `home`."""
    for name in CLEARED:
        patch.setenv(name, "")  # recorded first, so what ensure_sandbox sets later is undone too
        patch.delenv(name)
    patch.setenv("LABKIT_HOME", str(home))
    patch.setenv("LABKIT_SANDBOX_IDLE", idle)  # read by the spawned service at import
    patch.setenv("AWS_DEFAULT_REGION", REGION)
    patch.setenv("LABKIT_LANG", "both")
    # A kernel holds no world; the session's in-process sandbox (conftest) may have installed one here.
    patch.setattr(world_module, "_current", None)


def service_pids(home: Path) -> list[int]:
    """Processes of `python -m labkit.sandbox.service` serving `home` (zombies have no cmdline)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"labkit.sandbox.service" in words and str(home).encode() in words:
            found.append(int(entry.name))
    return found


def wait_until(condition, timeout: float, what: str, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(every)
    pytest.fail(f"waited {timeout:.0f} s for {what}")


def stop_everything(home: Path) -> None:
    """Stop this home's sandbox the way a student does; then end (by pid) any process of it still there."""
    try:
        service.stop(home)
    finally:
        for pid in service_pids(home):
            os.kill(pid, signal.SIGTERM)
        try:
            wait_until(lambda: not service_pids(home), 30, f"the sandboxes of {home} to end")
        finally:
            for pid in service_pids(home):
                os.kill(pid, signal.SIGKILL)


@dataclass
class Student:
    home: Path

    @property
    def state(self) -> service.SandboxState:
        found = service.read_state(self.home)
        assert found is not None, f"no {service.STATE_FILE} in {self.home}"
        return found

    def client(self, name: str, key: str | None = None, secret: str | None = None):
        state = self.state
        return boto3.client(
            name,
            region_name=REGION,
            endpoint_url=state.url,
            aws_access_key_id=key or state.access_key_id,
            aws_secret_access_key=secret or state.secret_access_key,
            config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=60),
        )

    def admin(self, method: str, path: str, body: dict | None = None, query: dict | None = None) -> dict:
        return call(method, path, body, query, endpoint=self.state.endpoint)


@pytest.fixture
def student(tmp_path, monkeypatch):
    """A student with a fresh LABKIT_HOME (not created yet), this process one of their kernels."""
    home = tmp_path / "labkit-home"
    student_environment(monkeypatch, home)
    yield Student(home)
    stop_everything(home)


def _started_student(tmp_path_factory, name: str):
    home = tmp_path_factory.mktemp(name) / "labkit-home"
    try:
        with pytest.MonkeyPatch.context() as patch:
            student_environment(patch, home)
            service.connect()
        yield Student(home)
    finally:
        stop_everything(home)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One running sandbox for the tests that only read its state or add to it without conflict."""
    yield from _started_student(tmp_path_factory, "shared")


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    """Another student's sandbox, fresh. Nothing is built in it before the cleanup test; the prepare
    test, after it, builds lab 01's state."""
    yield from _started_student(tmp_path_factory, "other")


@pytest.fixture
def as_student(monkeypatch):
    """as_student(student): this process and the processes it starts are that student's."""

    def become(student: Student) -> Student:
        student_environment(monkeypatch, student.home)
        return student

    return become


@pytest.fixture
def kernel_of(as_student):
    """kernel_of(student): this process becomes a kernel of that student, attached to their sandbox."""

    def attach(student: Student) -> Student:
        as_student(student)
        ensure_sandbox()
        return student

    return attach


KERNEL = """
import json, os, sys
import boto3
from labkit.sandbox import ensure_sandbox, service

url = ensure_sandbox()
state = service.read_state()
out = {"url": url, "pid": state.pid, "environment_url": os.environ["AWS_ENDPOINT_URL"]}


def client(name):
    return boto3.client(name, region_name="us-east-1")
"""


def run_kernel(code: str, timeout: float = 180) -> dict:
    """Run a new kernel process (the current environment, so the same student) that attaches with
    ensure_sandbox(), runs `code` and prints `out` as JSON."""
    script = KERNEL + textwrap.dedent(code) + "\nprint(json.dumps(out))\n"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=timeout, env=dict(os.environ)
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*labkit_command(), *args], capture_output=True, text=True, timeout=timeout, env=dict(os.environ)
    )


def error_code(raised: pytest.ExceptionInfo) -> str:
    return raised.value.response["Error"]["Code"]


def missing_keys(result) -> list[str]:
    return [key for key, _ in result.missing]


# --- 1 and 6. one student's kernels share one sandbox, even when they start it at the same time ---

RACER = """
import json, sys
from labkit.sandbox import ensure_sandbox, service
print("ready", flush=True)
sys.stdin.readline()
ensure_sandbox()
state = service.read_state()
print(json.dumps({"url": state.url, "pid": state.pid}), flush=True)
"""


def race(kernels: int) -> list[dict]:
    """Start `kernels` kernel processes; once all have imported labkit, let each call ensure_sandbox()
    at the same instant; what each found in the state file then."""
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        for _ in range(kernels)
    ]
    try:
        for racer in racers:
            assert racer.stdout.readline().strip() == "ready", racer.stderr.read()
        for racer in racers:
            racer.stdin.write("go\n")
            racer.stdin.flush()
        found = []
        for racer in racers:
            out, err = racer.communicate(timeout=180)
            assert racer.returncode == 0, err
            found.append(json.loads(out.strip().splitlines()[-1]))
        return found
    finally:
        for racer in racers:
            if racer.poll() is None:
                racer.kill()
                racer.wait()


@pytest.fixture(scope="module")
def raced(tmp_path_factory):
    """A student whose sandbox three kernels started at the same instant (what each one found)."""
    home = tmp_path_factory.mktemp("raced") / "labkit-home"
    try:
        with pytest.MonkeyPatch.context() as patch:
            student_environment(patch, home)
            found = race(3)
        yield SimpleNamespace(student=Student(home), found=found)
    finally:
        stop_everything(home)


def test_kernels_starting_at_once_share_one_sandbox(raced):
    assert len({(f["url"], f["pid"]) for f in raced.found}) == 1, raced.found
    assert service_pids(raced.student.home) == [raced.found[0]["pid"]]
    assert raced.student.state.pid == raced.found[0]["pid"]


def test_two_kernels_of_one_student_share_one_sandbox(raced, as_student):
    as_student(raced.student)
    first = run_kernel("""
        client("s3").create_bucket(Bucket="shared-by-kernels")
    """)
    # Started after the first ended (a kernel restart is the same thing): a new process attaches.
    second = run_kernel("""
        out["buckets"] = [b["Name"] for b in client("s3").list_buckets()["Buckets"]]
    """)
    assert second["url"] == first["url"] == first["environment_url"] == second["environment_url"]
    assert second["pid"] == first["pid"] == raced.found[0]["pid"]
    assert "shared-by-kernels" in second["buckets"]
    assert service_pids(raced.student.home) == [first["pid"]]


# --- 2 and 3. stopped and started again, the sandbox is what it was; reset empties it ---

BIG = b"2 123456789012 eni-0 10.0.1.10 203.0.113.9 22 443 6 1 40 0 0 REJECT OK\n" * 200  # saved as a blob
TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}}
    ],
}


@pytest.fixture(scope="module")
def restored(tmp_path_factory):
    """A student's sandbox given a bucket with two objects, a VPC, a role and a traffic run, stopped, then
    started again by a new kernel. Its two tests run in file order: the reset test empties it."""
    home = tmp_path_factory.mktemp("restored") / "labkit-home"
    student = Student(home)
    try:
        with pytest.MonkeyPatch.context() as patch:
            student_environment(patch, home)
            ensure_sandbox()
            before = student.state
            s3 = student.client("s3")
            s3.create_bucket(Bucket="kept-bucket")
            s3.put_object(Bucket="kept-bucket", Key="small.txt", Body=b"small")
            s3.put_object(Bucket="kept-bucket", Key="logs/big.log", Body=BIG)
            vpc = student.client("ec2").create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
            role = student.client("iam").create_role(RoleName="kept-role", AssumeRolePolicyDocument=json.dumps(TRUST))
            labkit.traffic.run_traffic(minutes=3, progress=False)
            status = student.admin("GET", "/labkit/status")
            stopped = service.stop(home)
            after_stop = SimpleNamespace(
                zombie_or_alive=Path(f"/proc/{before.pid}").exists(),
                state_file=service.state_path(home).exists(),
                snapshot=service.snapshot_path(home).exists(),
                pids=service_pids(home),
            )
            kernel = run_kernel("""
                s3 = client("s3")
                out["small"] = s3.get_object(Bucket="kept-bucket", Key="small.txt")["Body"].read().decode()
                out["big_size"] = len(s3.get_object(Bucket="kept-bucket", Key="logs/big.log")["Body"].read())
            """)
        yield SimpleNamespace(
            student=student,
            before=before,
            status=status,
            stopped=stopped,
            after_stop=after_stop,
            kernel=kernel,
            vpc=vpc,
            role_id=role["Role"]["RoleId"],
        )
    finally:
        stop_everything(home)


def test_stop_then_start_restores_everything(restored):
    student, before = restored.student, restored.before
    assert restored.status["traffic_runs"] == 1
    assert restored.stopped is True
    assert not restored.after_stop.zombie_or_alive, "the stopped sandbox must be gone, not left a zombie"
    assert not restored.after_stop.state_file and restored.after_stop.snapshot and restored.after_stop.pids == []

    after = student.state
    assert restored.kernel["pid"] == after.pid != before.pid
    assert restored.kernel["small"] == "small" and restored.kernel["big_size"] == len(BIG)
    assert student.client("s3").get_object(Bucket="kept-bucket", Key="logs/big.log")["Body"].read() == BIG
    ec2 = student.client("ec2")
    restored_vpcs = {v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"]}
    assert restored.vpc in restored_vpcs
    assert student.client("iam").get_role(RoleName="kept-role")["Role"]["RoleId"] == restored.role_id
    status = student.admin("GET", "/labkit/status")
    assert status["instance"] == restored.status["instance"] == before.instance == after.instance
    assert status["traffic_runs"] == 1 and status["simulated_until"] == restored.status["simulated_until"]
    # The truth came back too: an answer is judged (wrong), not refused for want of traffic.
    verdict = student.admin("POST", "/labkit/verify", {"step": "reading.top_attacker", "answer": WRONG})
    assert [is_judged_wrong(key) for key, _ in verdict["missing"]] == [True]
    # New resources continue moto's id sequence: none collides with a restored one.
    new_vpc = ec2.create_vpc(CidrBlock="10.43.0.0/16")["Vpc"]["VpcId"]
    assert new_vpc not in restored_vpcs
    new_subnet = ec2.create_subnet(VpcId=new_vpc, CidrBlock="10.43.1.0/24")["Subnet"]["SubnetId"]
    assert new_subnet not in {s["SubnetId"] for s in ec2.describe_subnets()["Subnets"] if s["VpcId"] != new_vpc}


def test_reset_from_the_library_and_the_command_line_empties_the_sandbox(restored, as_student):
    student = as_student(restored.student)
    pid = student.state.pid
    s3 = student.client("s3")
    student.admin("POST", "/labkit/verify", {"step": "reading.top_attacker", "answer": WRONG})
    assert student.admin("GET", "/labkit/status")["traffic_runs"] == 1
    assert student.admin("GET", "/labkit/attempts")["attempts"]

    assert service.reset(student.home) is True
    assert s3.list_buckets()["Buckets"] == []
    assert student.admin("GET", "/labkit/status")["traffic_runs"] == 0
    assert student.admin("GET", "/labkit/attempts")["attempts"] == []
    # The same sandbox goes on serving this home: status sees it and kernels attach to it.
    assert service.status(student.home)["pid"] == pid
    assert service.connect().pid == pid

    s3.create_bucket(Bucket="reset-me-again")
    done = run_cli("sandbox", "reset")
    assert done.returncode == 0, done.stderr
    assert "is empty again" in done.stdout and "비웠습니다" in done.stdout
    assert s3.list_buckets()["Buckets"] == []
    assert student.state.pid == pid

    # What it saved on the way out is the empty sandbox, not the world from before the reset.
    assert service.stop(student.home)
    assert saved_world(student.home) == {"runs": 0, "attempts": 0, "top_rejected_source": None}

    # Reset while stopped forgets the saved sandbox.
    assert service.reset(student.home) is False
    assert not service.snapshot_path(student.home).exists()


# --- 4. another student, another sandbox ---


def test_another_home_gets_another_sandbox_that_refuses_the_first_ones_keys(shared, other):
    mine, theirs = shared.state, other.state
    assert mine.url != theirs.url and mine.pid != theirs.pid
    assert mine.access_key_id != theirs.access_key_id and mine.secret_access_key != theirs.secret_access_key
    assert mine.instance != theirs.instance
    with pytest.raises(ClientError) as raised:
        shared.client("s3", theirs.access_key_id, theirs.secret_access_key).list_buckets()
    assert error_code(raised) == "InvalidAccessKeyId"
    with pytest.raises(ClientError) as raised:
        shared.client("sts", theirs.access_key_id, theirs.secret_access_key).get_caller_identity()
    assert error_code(raised) == "InvalidClientTokenId"
    assert answers(Endpoint(mine.url, theirs.endpoint.credentials)) is None
    assert answers(mine.endpoint)["pid"] == mine.pid


# --- 5. a stale or misleading state file ---


def test_a_state_file_naming_a_dead_sandbox_is_replaced(student):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        dead_port = probe.getsockname()[1]
    stale = service.SandboxState(
        url=f"http://{LOOPBACK}:{dead_port}",
        port=dead_port,
        pid=dead_pid,
        access_key_id="LKIASTALESTALESTALE0",
        secret_access_key="s" * 40,
        instance="stale",
        seed=0,
    )
    student.home.mkdir(mode=0o700)
    service.write_private(service.state_path(student.home), json.dumps(asdict(stale)))

    url = ensure_sandbox()
    fresh = student.state
    assert url == fresh.url != stale.url and fresh.pid != dead_pid and fresh.instance != "stale"
    assert service_pids(student.home) == [fresh.pid]
    assert os.environ["AWS_ENDPOINT_URL"] == fresh.url
    assert answers(fresh.endpoint)["instance"] == fresh.instance


class _Other(http.server.BaseHTTPRequestHandler):
    """Somebody else's web server on the port the state file names."""

    def do_GET(self):
        body = b"not a sandbox"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_a_state_file_naming_someone_elses_server_leaves_it_alone(student):
    server = http.server.ThreadingHTTPServer((LOOPBACK, 0), _Other)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        port = server.server_address[1]
        misleading = service.SandboxState(
            url=f"http://{LOOPBACK}:{port}",
            port=port,
            pid=bystander.pid,
            access_key_id="LKIAMISLEADINGXXXXXX",
            secret_access_key="m" * 40,
            instance="misleading",
            seed=0,
        )
        student.home.mkdir(mode=0o700)
        service.write_private(service.state_path(student.home), json.dumps(asdict(misleading)))

        assert ensure_sandbox() == student.state.url
        fresh = student.state
        assert fresh.port != port and fresh.pid != bystander.pid
        assert bystander.poll() is None, "the process the state file named must not be stopped"
        with urllib.request.urlopen(f"http://{LOOPBACK}:{port}/", timeout=5) as answer:
            assert answer.read() == b"not a sandbox"
        assert answers(fresh.endpoint)["pid"] == fresh.pid
    finally:
        bystander.kill()
        bystander.wait()
        server.shutdown()
        server.server_close()


# --- 7. only the owner's signed requests are served ---

A_CALL = {  # one harmless call per protocol: S3's REST XML, EC2's XML, Athena's JSON, STS's query
    "s3": lambda c: c.list_buckets(),
    "ec2": lambda c: c.describe_vpcs(),
    "athena": lambda c: c.list_work_groups(),
    "sts": lambda c: c.get_caller_identity(),
}


@pytest.mark.parametrize(
    "name, unknown_key, bad_signature, status",
    [
        ("s3", "InvalidAccessKeyId", "SignatureDoesNotMatch", 403),
        ("ec2", "AuthFailure", "AuthFailure", 401),
        ("athena", "UnrecognizedClientException", "InvalidSignatureException", 400),
        ("sts", "InvalidClientTokenId", "SignatureDoesNotMatch", 403),
    ],
)
def test_wrong_keys_are_refused_in_each_protocols_words(shared, name, unknown_key, bad_signature, status):
    state = shared.state
    some_call = A_CALL[name]
    with pytest.raises(ClientError) as raised:
        some_call(shared.client(name, "LKIANOTTHISSANDBOXXX", state.secret_access_key))
    assert error_code(raised) == unknown_key
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    with pytest.raises(ClientError) as raised:
        some_call(shared.client(name, state.access_key_id, state.secret_access_key[::-1]))
    assert error_code(raised) == bad_signature
    some_call(shared.client(name))  # the right keys are served


def _plain(url: str, method: str = "GET", headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_unsigned_requests_and_browsers_are_refused(shared):
    url = shared.state.url
    shared.client("s3").create_bucket(Bucket="survives-unsigned-reset")
    for method, path in (
        ("GET", "/labkit/status"),
        ("GET", "/moto-api/data.json"),
        ("POST", "/moto-api/reset"),
        ("POST", "/labkit/reset"),
        ("GET", "/survives-unsigned-reset"),
    ):
        code, _, body = _plain(url + path, method)
        assert code == 403, (method, path, body)
        assert b"AccessDenied" in body and b"survives" not in body
    assert "survives-unsigned-reset" in {b["Name"] for b in shared.client("s3").list_buckets()["Buckets"]}

    origin = {"Origin": "http://evil.example", "Access-Control-Request-Method": "GET"}
    code, headers, _ = _plain(url + "/labkit/status", "OPTIONS", origin)
    assert code == 403
    assert not any(name.lower().startswith("access-control-") for name in headers)

    # Signed requests from a page would get nothing a browser lets it read either, even from a bucket
    # whose CORS configuration allows every origin.
    s3 = shared.client("s3")
    s3.put_bucket_cors(
        Bucket="survives-unsigned-reset",
        CORSConfiguration={
            "CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"], "AllowedHeaders": ["*"]}]
        },
    )
    s3.meta.events.register(
        "before-send.s3.*", lambda request, **_: request.headers.__setitem__("Origin", "http://evil.example")
    )
    listed = s3.list_objects_v2(Bucket="survives-unsigned-reset")
    assert not any(name.startswith("access-control-") for name in listed["ResponseMetadata"]["HTTPHeaders"])
    request = signed_request(shared.state.endpoint, "GET", "/labkit/status")
    request.add_header("Origin", "http://evil.example")
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 200
        assert not any(name.lower().startswith("access-control-") for name in answer.headers)


# --- 8. private files, loopback only ---


def test_files_are_private_and_the_sandbox_listens_on_loopback_only(shared):
    home = shared.home
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(service.state_path(home).stat().st_mode) == 0o600
    for path in home.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path} is mode {oct(mode)}: others may read it"
    if not os.path.exists("/proc/net/tcp"):
        pytest.skip("no /proc/net/tcp to read listening sockets from")
    assert listening_addresses(shared.state.port) == {LOOPBACK}


# --- 9. the truth stays in the sandbox; answers are recorded and rationed ---

PEEK = """
import json, sys
from pathlib import Path
from labkit.sandbox.persistence import load_snapshot
world = load_snapshot(Path(sys.argv[1]))["world"]
print(json.dumps({"runs": len(world["truth"]["runs"]), "attempts": len(world["attempts"]),
                  "top_rejected_source": world["truth"]["top_rejected_source"]}))
"""


def saved_world(home: Path) -> dict:
    """The test's own look at what a stopped sandbox saved (a student has no such look): its snapshot,
    read in a throwaway process (loading it replaces that process's moto state)."""
    done = subprocess.run(
        [sys.executable, "-c", PEEK, str(service.snapshot_path(home))], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def is_judged_wrong(key: str) -> bool:
    """A reason that judges the answer (wrong, and why), as opposed to refusing to judge it."""
    return key == "checks.why.wrong_answer" or key.startswith("checks.why.answer_")


def test_the_truth_stays_in_the_sandbox_and_answers_are_rationed(shared, kernel_of):
    kernel_of(shared)
    lab = labkit.start("02-reading-flow-logs", show=False)
    summary = labkit.traffic.run_traffic(minutes=3, progress=False)
    assert summary.records > 0 and summary.accepted is None and summary.rejected is None
    assert labkit.traffic.load_truth()["runs"] == []  # the kernel holds no truth

    wrong = [WRONG, "198.51.100.78", "8.8.8.8", "10.0.1.10", "not an address"]
    shown = []
    for answer in wrong:
        result = lab.check("reading.top_attacker", answer=answer)
        assert not result.passed and result.xp_awarded == 0
        assert [is_judged_wrong(key) for key in missing_keys(result)] == [True], missing_keys(result)
        shown.append(json.dumps([result.missing, result.notes, result.evidence], default=str) + result.text())
    sixth = lab.check("reading.top_attacker", answer="198.51.100.79")
    judged_at = time.monotonic()
    assert not sixth.passed and missing_keys(sixth) == ["checks.why.too_many_tries"]
    attempts = [a for a in shared.admin("GET", "/labkit/attempts")["attempts"] if a["step"] == "reading.top_attacker"]
    assert [(a["answer"], a["verdict"]) for a in attempts] == [(answer, "wrong") for answer in wrong]
    assert all(isinstance(a["time"], float) for a in attempts)

    # The test's own look at the truth: stopped, the sandbox saves it; its snapshot is read elsewhere.
    assert service.stop(shared.home)
    expected = saved_world(shared.home)["top_rejected_source"]
    assert expected and expected not in wrong
    assert not any(expected in text for text in shown), "a verdict must never tell the expected answer"
    for path in shared.home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in (b"top_rejected_source", b"rejected_by_source", expected.encode()):
                assert secret not in data, f"{path} holds {secret!r} in plain text"

    # Started again, it has the attempts back; after the wait the right answer is judged, and right.
    ensure_sandbox()
    wait = dict(sixth.missing)["checks.why.too_many_tries"]["seconds"]
    time.sleep(max(0.0, judged_at + wait + 0.5 - time.monotonic()))
    right = lab.check("reading.top_attacker", answer=expected)
    assert right.passed and right.xp_awarded == labkit.checks.step("reading.top_attacker").xp
    attempts = shared.admin("GET", "/labkit/attempts")["attempts"]
    assert [a["verdict"] for a in attempts] == ["wrong"] * 5 + ["right"]


# --- 11 and 10, in another student's sandbox: nothing to clean up where nothing was built; then what
# prepare() builds there earns nothing ---


def test_cleanup_fails_where_no_flow_log_ever_existed(other, kernel_of):
    kernel_of(other)
    lab = labkit.start("04-cleanup", show=False)
    result = lab.check("cleanup.done")
    assert not result.passed and result.xp_awarded == 0
    assert missing_keys(result) == ["checks.why.nothing_ever_built"]

    # Once a flow log exists the sandbox remembers it: what is left is named.
    ec2, s3 = other.client("ec2"), other.client("s3")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    s3.create_bucket(Bucket="cleanup-flow-logs")
    flow_log = ec2.create_flow_logs(
        ResourceIds=[vpc],
        ResourceType="VPC",
        TrafficType="ALL",
        LogDestinationType="s3",
        LogDestination="arn:aws:s3:::cleanup-flow-logs",
        TagSpecifications=[{"ResourceType": "vpc-flow-log", "Tags": [{"Key": "Name", "Value": "DemoS3FlowLog"}]}],
    )["FlowLogIds"][0]
    result = lab.check("cleanup.done")
    assert missing_keys(result) == ["checks.why.flow_logs_left", "checks.why.buckets_left"]
    assert flow_log in result.missing[0][1]["ids"] and "cleanup-flow-logs" in result.missing[1][1]["buckets"]
    ec2.delete_flow_logs(FlowLogIds=[flow_log])


PREPARED_STEPS = ("flowlogs.s3_flow_log", "flowlogs.role", "flowlogs.log_group", "flowlogs.bucket", "flowlogs.demo_vpc")


def test_what_prepare_built_earns_no_xp_until_the_student_builds_it(other, kernel_of):
    from labkit.checks import names
    from labkit.progress import progress_summary

    kernel_of(other)
    lab = labkit.start("02-reading-flow-logs", show=False)
    prepared = labkit.labs.prepare("02-reading-flow-logs")
    assert all(created for _, created in prepared.items), prepared.items
    for step in PREPARED_STEPS:
        result = lab.check(step)
        assert not result.passed and result.xp_awarded == 0, step
        assert "checks.why.built_by_prepare" in missing_keys(result), (step, result.missing)
    assert progress_summary().xp == 0  # nothing earned in this sandbox before either

    logs = boto3.client("logs", region_name=REGION)
    logs.delete_log_group(logGroupName=names.LOG_GROUP_NAME)
    logs.create_log_group(logGroupName=names.LOG_GROUP_NAME)
    logs.put_retention_policy(logGroupName=names.LOG_GROUP_NAME, retentionInDays=1)
    result = lab.check("flowlogs.log_group")
    assert result.passed, result.missing
    xp = labkit.checks.step("flowlogs.log_group").xp
    assert result.xp_awarded == xp and progress_summary().xp == xp
    assert not lab.check("flowlogs.role").passed  # still prepare()'s


# --- 12. idle stop ---


def test_an_idle_sandbox_saves_stops_and_comes_back(student, monkeypatch):
    monkeypatch.setenv("LABKIT_SANDBOX_IDLE", "3")
    ensure_sandbox()
    first = student.state
    made_before = boto3.client("s3", region_name="us-east-1")  # a client a notebook made before the stop
    made_before.create_bucket(Bucket="made-before-idle")
    state_file = service.state_path(student.home)
    wait_until(
        lambda: not state_file.exists() and not Path(f"/proc/{first.pid}").exists(),
        60,
        "the idle sandbox to save and stop",
    )
    assert service.snapshot_path(student.home).exists()
    assert service.status(student.home) is None

    monkeypatch.setenv("LABKIT_SANDBOX_IDLE", SAFETY_IDLE)
    ensure_sandbox()
    again = student.state
    assert again.pid != first.pid and again.instance == first.instance
    assert "made-before-idle" in {b["Name"] for b in student.client("s3").list_buckets()["Buckets"]}
    # Same keys and port as before the stop: the notebook's old client works again as it is.
    assert (again.url, again.access_key_id) == (first.url, first.access_key_id)
    assert "made-before-idle" in {b["Name"] for b in made_before.list_buckets()["Buckets"]}


# --- 13. `labkit sandbox status | start | stop` ---


def test_sandbox_commands_answer_in_both_languages_with_exit_codes(student):
    done = run_cli("sandbox", "status")
    assert done.returncode == 1
    assert "No sandbox is running for" in done.stdout and "실행 중인 샌드박스가 없습니다" in done.stdout

    done = run_cli("sandbox", "start")
    assert done.returncode == 0, done.stderr
    state = student.state
    assert f"labkit sandbox serving at {state.url} (process {state.pid})." in done.stdout
    assert f"labkit 샌드박스가 {state.url}에서 실행 중입니다 (프로세스 {state.pid})." in done.stdout

    done = run_cli("sandbox", "start")  # already running: the same one
    assert done.returncode == 0 and f"(process {state.pid})" in done.stdout

    done = run_cli("sandbox", "status")
    assert done.returncode == 0, done.stderr
    assert f"running at {state.url} (process {state.pid})" in done.stdout
    assert f"{state.url}에서 실행 중 (프로세스 {state.pid})" in done.stdout

    done = run_cli("sandbox", "stop")
    assert done.returncode == 0, done.stderr
    assert "saved its state and stopped" in done.stdout and "상태를 저장하고 멈췄습니다" in done.stdout
    assert service_pids(student.home) == []

    done = run_cli("sandbox", "status")
    assert done.returncode == 1 and "No sandbox is running" in done.stdout
    done = run_cli("sandbox", "stop")
    assert done.returncode == 0
    assert "No sandbox is running" in done.stdout and "실행 중인 샌드박스가 없습니다" in done.stdout
