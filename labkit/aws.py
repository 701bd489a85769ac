"""boto3 clients for wherever the course runs: the sandbox (AWS_ENDPOINT_URL) or a real account."""

from __future__ import annotations

import os

import boto3

from .config import region

__all__ = ["account_id", "client", "forget_clients", "region"]

# What boto3 reads from the environment when it builds a client: a client is reused only while they
# stay the same (a kernel that attaches to a restarted sandbox gets new keys, so new clients).
_CLIENT_ENVIRONMENT = (
    "AWS_ENDPOINT_URL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_MAX_ATTEMPTS",
    "AWS_RETRY_MODE",
)
_clients: dict[tuple, object] = {}


def client(service: str, config=None):
    """A boto3 client; boto3 itself reads AWS_ENDPOINT_URL, so the same call serves sandbox and AWS.

    Clients are thread-safe and slow to build (tens of milliseconds, most of a second for EC2's
    first), so one is kept per service, region, environment and `config` (a botocore Config the caller
    keeps: one object per configuration, as the checks' timeouts).
    """
    key = (service, region(), config, *(os.environ.get(name) for name in _CLIENT_ENVIRONMENT))
    if key not in _clients:
        _clients[key] = boto3.client(service, region_name=region(), config=config)
    return _clients[key]


def forget_clients() -> None:
    """Drop the kept clients (after handlers were added to boto3's default session: new ones get them)."""
    _clients.clear()


def account_id() -> str:
    return client("sts").get_caller_identity()["Account"]
