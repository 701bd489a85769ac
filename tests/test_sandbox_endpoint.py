"""The sandbox endpoint: loopback only, `labkit sandbox` in the foreground, attaching to a running one,
deterministic resource IDs, every non-Athena API served by moto."""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

from labkit.sandbox import ensure_sandbox

LOOPBACK = "127.0.0.1"


def listening_addresses(port: int) -> set[str]:
    """IPv4/IPv6 addresses with a listening TCP socket on `port`, read from the kernel's table
    (no traffic is sent to find out)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, port_hex = local.partition(":")
            if state != "0A" or int(port_hex, 16) != port:
                continue
            if width == 8:
                found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
            else:
                raw = b"".join(bytes.fromhex(address[i : i + 8])[::-1] for i in range(0, 32, 8))
                found.add(socket.inet_ntop(socket.AF_INET6, raw))
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def labkit_command() -> list[str]:
    script = Path(sys.executable).parent / "labkit"
    return [str(script)] if script.exists() else [sys.executable, "-m", "labkit"]


class CliSandbox:
    """`labkit sandbox` running as a child process."""

    def __init__(self, *args: str, home: str):
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL")}
        env["LABKIT_HOME"] = home
        self.process = subprocess.Popen(
            [*labkit_command(), "sandbox", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        self.lines: list[str] = []

    def wait_for_url(self, timeout: float = 60.0) -> str:
        if not self.lines:
            ready, _, _ = select.select([self.process.stdout], [], [], timeout)
            assert ready, "labkit sandbox printed nothing"
            # The three lines are printed together: read them from the pipe's buffer, not by select.
            self.lines = [self.process.stdout.readline().rstrip("\n") for _ in range(3)]
        return self.variables()["AWS_ENDPOINT_URL"]

    def variables(self) -> dict[str, str]:
        return dict(line.partition("=")[::2] for line in self.lines)

    def client(self, service: str):
        found = self.variables() if len(self.lines) >= 3 else (self.wait_for_url() and self.variables())
        return boto3.client(
            service,
            region_name="us-east-1",
            endpoint_url=found["AWS_ENDPOINT_URL"],
            aws_access_key_id=found["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=found["AWS_SECRET_ACCESS_KEY"],
        )

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            return self.process.wait(timeout=15)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()


# Two sandboxes in one fresh interpreter, one after the other (state reset between them): the first
# VPC and subnet each creates, as JSON {seed: [vpc, subnet]}.
SEEDED_CHILD = r"""
import json, sys, urllib.request
import boto3
from labkit.sandbox import start_sandbox

found = {}
for seed in (3, 4):
    sandbox = start_sandbox(seed=seed)
    ec2 = boto3.client("ec2", region_name="us-east-1", endpoint_url=sandbox.url,
                       aws_access_key_id=sandbox.credentials.access_key_id,
                       aws_secret_access_key=sandbox.credentials.secret_access_key)
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/24")["Subnet"]["SubnetId"]
    found[seed] = [vpc, subnet]
    from labkit.sandbox_client.client import Endpoint, call
    call("POST", "/labkit/reset", endpoint=Endpoint(sandbox.url, sandbox.credentials), timeout=120)
    sandbox.stop()
print(json.dumps(found))
"""


def first_ids(ec2) -> list[str]:
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/24")["Subnet"]["SubnetId"]
    return [vpc, subnet]


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """`labkit sandbox --port N --seed 3`, and beside it (started at the same time, so the two
    imports overlap) a fresh interpreter running two in-process sandboxes with seeds 3 and 4."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL")}
    child = subprocess.Popen(
        [sys.executable, "-c", SEEDED_CHILD], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    running = CliSandbox("--port", str(port), "--seed", "3", home=str(tmp_path_factory.mktemp("cli-home")))
    running.port = port
    running.seeded_child = child
    yield running
    running.stop()
    if child.poll() is None:
        child.kill()
    child.wait()


def test_same_seed_gives_the_same_resource_ids(cli):
    # First in this module on purpose: the CLI sandbox has served nothing before these calls.
    from_cli = first_ids(cli.client("ec2"))
    out, err = cli.seeded_child.communicate(timeout=180)
    assert cli.seeded_child.returncode == 0, err
    from_child = {int(seed): ids for seed, ids in json.loads(out).items()}
    assert from_cli[0].startswith("vpc-") and from_cli[1].startswith("subnet-")
    assert from_child[3] == from_cli  # same seed, another process and path: same IDs
    assert from_child[4][0] != from_cli[0]  # another seed: another VPC


def test_session_sandbox_binds_loopback_only(sandbox):
    assert sandbox.server.server_address[0] == LOOPBACK
    assert sandbox.url == f"http://{LOOPBACK}:{sandbox.port}"
    if not os.path.exists("/proc/net/tcp"):
        pytest.skip("no /proc/net/tcp to read listening sockets from")
    assert listening_addresses(sandbox.port) == {LOOPBACK}


def test_ensure_sandbox_attaches_to_the_one_named_in_the_environment(cli, sandbox, monkeypatch):
    url = cli.wait_for_url()
    threads_before = sum(t.name == "labkit-sandbox" for t in threading.enumerate())
    for name, value in cli.variables().items():
        monkeypatch.setenv(name, value)

    assert ensure_sandbox(seed=0) == url
    assert os.environ["AWS_ENDPOINT_URL"] == url
    assert sum(t.name == "labkit-sandbox" for t in threading.enumerate()) == threads_before

    # Plain boto3 now reaches the process named by AWS_ENDPOINT_URL, not the session's sandbox.
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="attached-bucket")
    in_cli = {b["Name"] for b in cli.client("s3").list_buckets()["Buckets"]}
    in_session = {
        b["Name"]
        for b in boto3.client(
            "s3",
            region_name="us-east-1",
            endpoint_url=sandbox.url,
            aws_access_key_id=sandbox.credentials.access_key_id,
            aws_secret_access_key=sandbox.credentials.secret_access_key,
        ).list_buckets()["Buckets"]
    }
    assert "attached-bucket" in in_cli
    assert "attached-bucket" not in in_session


def test_labkit_sandbox_prints_endpoint_first_and_serves_until_terminated(cli):
    port = cli.port
    assert cli.wait_for_url() == f"http://{LOOPBACK}:{port}"
    assert [line.partition("=")[0] for line in cli.lines] == [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_ENDPOINT_URL",
    ]
    assert cli.lines[2] == f"AWS_ENDPOINT_URL=http://{LOOPBACK}:{port}"
    if os.path.exists("/proc/net/tcp"):
        assert listening_addresses(port) == {LOOPBACK}

    s3 = cli.client("s3")
    s3.create_bucket(Bucket="cli-bucket")
    s3.put_object(Bucket="cli-bucket", Key="hello.txt", Body=b"hi")
    assert s3.get_object(Bucket="cli-bucket", Key="hello.txt")["Body"].read() == b"hi"
    time.sleep(0.5)
    assert cli.process.poll() is None, "the foreground sandbox must keep serving"

    assert cli.stop() is not None
    with pytest.raises(Exception):  # nothing serves the port any more
        boto3.client(
            "s3",
            region_name="us-east-1",
            endpoint_url=f"http://{LOOPBACK}:{port}",
            aws_access_key_id="unused",
            aws_secret_access_key="unused",
            config=Config(retries={"max_attempts": 1}, connect_timeout=2),
        ).list_buckets()


def test_every_other_api_is_served_by_moto(sandbox, s3):
    ec2 = boto3.client("ec2", region_name="us-east-1")
    default_vpcs = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]
    assert default_vpcs and default_vpcs[0]["CidrBlock"] == "172.31.0.0/16"

    s3.create_bucket(Bucket="endpoint-test-bucket")
    s3.put_object(Bucket="endpoint-test-bucket", Key="a/b.txt", Body=b"payload")
    assert s3.get_object(Bucket="endpoint-test-bucket", Key="a/b.txt")["Body"].read() == b"payload"

    glue = boto3.client("glue", region_name="us-east-1")
    glue.create_database(DatabaseInput={"Name": "endpoint_test_db"})
    assert glue.get_database(Name="endpoint_test_db")["Database"]["Name"] == "endpoint_test_db"

    assert boto3.client("sts", region_name="us-east-1").get_caller_identity()["Account"] == "123456789012"
