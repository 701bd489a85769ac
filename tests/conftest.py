"""Shared fixtures: one loopback sandbox per test session, and a per-test AWS environment pointing at it.

moto keeps its state in-process, so every sandbox started here shares one set of backends; tests that
need a clean account call `reset_sandbox(url)`.
"""
from __future__ import annotations

import json
import urllib.request

import pytest

from labkit.sandbox import sandbox_environment, start_sandbox


def reset_sandbox(url: str) -> None:
    """Forget every resource in the sandbox (moto's reset endpoint)."""
    request = urllib.request.Request(f"{url}/moto-api/reset", data=json.dumps({}).encode(), method="POST")
    urllib.request.urlopen(request, timeout=10).close()


@pytest.fixture(scope="session")
def sandbox():
    """A running sandbox on 127.0.0.1 for the whole session."""
    running = start_sandbox(seed=0)
    yield running
    running.stop()


@pytest.fixture
def aws_env(sandbox, monkeypatch, tmp_path):
    """AWS_ENDPOINT_URL, credentials and region pointing at the sandbox; LABKIT_HOME in a temp dir."""
    for name, value in sandbox_environment(sandbox.url).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "labkit")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "labkit")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("LABKIT_HOME", str(tmp_path / "labkit-home"))
    return sandbox.url
