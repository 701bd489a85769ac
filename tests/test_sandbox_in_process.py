"""The sandbox's own boto3 calls answered in process (labkit.sandbox.in_process): the same answers and
the same refusals as over HTTP, without opening a socket; calls elsewhere go out as usual."""

from __future__ import annotations

import socket

import boto3
import pytest
import urllib3.util.connection
from botocore.exceptions import ClientError

from labkit.sandbox import in_process


@pytest.fixture
def routed(sandbox, monkeypatch):
    """The session's sandbox answering this process's default-session clients in process."""
    boto3.DEFAULT_SESSION = None
    in_process.route_to(sandbox.app, sandbox.url)
    yield sandbox
    monkeypatch.setattr(in_process, "_route", None)
    boto3.DEFAULT_SESSION = None


@pytest.fixture
def no_sockets(monkeypatch):
    """Fail any attempt to open a TCP connection from this process (botocore connects through urllib3)."""

    def refuse(*args, **kwargs):
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(urllib3.util.connection, "create_connection", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_calls_are_answered_without_a_socket_and_bodies_round_trip(routed, no_sockets):
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="labkit-in-process")
    body = bytes(range(256)) * 1000
    s3.put_object(Bucket="labkit-in-process", Key="AWSLogs/a b/file=1.log.gz", Body=body)
    assert s3.get_object(Bucket="labkit-in-process", Key="AWSLogs/a b/file=1.log.gz")["Body"].read() == body
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket="labkit-in-process", Prefix="AWSLogs/")["Contents"]]
    assert keys == ["AWSLogs/a b/file=1.log.gz"]
    vpc = boto3.client("ec2", region_name="us-east-1").create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    assert vpc.startswith("vpc-")


def test_a_bad_signature_is_refused_in_process_as_over_http(routed, no_sockets):
    bad = boto3.client(
        "s3",
        region_name="us-east-1",
        aws_access_key_id=routed.credentials.access_key_id,
        aws_secret_access_key="not-the-secret",
    )
    with pytest.raises(ClientError) as refused:
        bad.list_buckets()
    assert refused.value.response["Error"]["Code"] == "SignatureDoesNotMatch"


def test_requests_for_another_endpoint_are_not_routed(routed):
    other = boto3.client("s3", region_name="us-east-1", endpoint_url="http://127.0.0.1:9")  # nothing listens
    with pytest.raises(Exception) as failed:
        other.list_buckets()
    assert "Could not connect" in str(failed.value) or "Connect" in type(failed.value).__name__
