"""boto3 clients for wherever the course runs: the sandbox (AWS_ENDPOINT_URL) or a real account."""
from __future__ import annotations

import boto3

from .config import region

__all__ = ["account_id", "client", "region"]


def client(service: str):
    """A boto3 client; boto3 itself reads AWS_ENDPOINT_URL, so the same call serves sandbox and AWS."""
    return boto3.client(service, region_name=region())


def account_id() -> str:
    return client("sts").get_caller_identity()["Account"]
