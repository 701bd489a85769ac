"""One loopback HTTP endpoint: moto for every AWS API, labkit's engine for Athena.

    >>> sandbox = start_sandbox(seed=7)
    >>> sandbox.url
    'http://127.0.0.1:54321'

Point boto3 or PyAthena at it with AWS_ENDPOINT_URL; nothing else changes.
"""
from __future__ import annotations

import json
import os
import threading
import uuid
from dataclasses import dataclass, field

from werkzeug.serving import BaseWSGIServer, make_server

LOOPBACK = "127.0.0.1"
DEFAULT_REGION = "us-east-1"
SANDBOX_ACCOUNT = "123456789012"  # moto's default account: the sandbox's one account
ATHENA_TARGET_PREFIX = "AmazonAthena."
INSTANCE_PATH = "/labkit/instance"  # which sandbox this is: state (and traffic truth) belongs to one instance


def make_app():
    """The WSGI app: Athena's JSON API to labkit's engine, everything else to moto."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    from .athena.responses import AthenaResponses
    from .moto_patches import apply_moto_patches

    apply_moto_patches()
    moto_app = DomainDispatcherApplication(create_backend_app)
    athena_app = AthenaResponses()
    instance = json.dumps({"instance": uuid.uuid4().hex}).encode()

    def app(environ, start_response):
        if environ.get("HTTP_X_AMZ_TARGET", "").startswith(ATHENA_TARGET_PREFIX):
            return athena_app(environ, start_response)
        if environ.get("PATH_INFO") == INSTANCE_PATH:
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(instance)))])
            return [instance]
        return moto_app(environ, start_response)

    app.athena = athena_app  # type: ignore[attr-defined]
    return app


@dataclass
class Sandbox:
    """A running sandbox endpoint; `url` is what AWS_ENDPOINT_URL should say."""

    server: BaseWSGIServer
    thread: threading.Thread
    seed: int
    owned: bool = True
    env_before: dict = field(default_factory=dict)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def _quiet_handler():
    """moto's request handler without a log line per request (it would flood notebook output)."""
    from moto.moto_server.werkzeug_app import MotoRequestHandler

    class QuietHandler(MotoRequestHandler):
        def log_request(self, *args, **kwargs) -> None:
            pass

    return QuietHandler


def seed_resource_ids(seed: int) -> None:
    """Make moto's resource IDs (vpc-…, eni-…, fl-…) the same for the same seed."""
    from moto.moto_api._internal import mock_random

    mock_random.seed(seed)


def start_sandbox(port: int = 0, seed: int = 0) -> Sandbox:
    """Serve the sandbox on 127.0.0.1:port (0 = a free port) in a background thread."""
    seed_resource_ids(seed)
    server = make_server(LOOPBACK, port, make_app(), threaded=True, request_handler=_quiet_handler())
    thread = threading.Thread(target=server.serve_forever, name="labkit-sandbox", daemon=True)
    thread.start()
    return Sandbox(server=server, thread=thread, seed=seed)


def sandbox_environment(url: str) -> dict[str, str]:
    """The environment a client of the sandbox needs: its endpoint and any credentials."""
    return {
        "AWS_ENDPOINT_URL": url,
        "AWS_ACCESS_KEY_ID": os.environ.get("AWS_ACCESS_KEY_ID", "labkit"),
        "AWS_SECRET_ACCESS_KEY": os.environ.get("AWS_SECRET_ACCESS_KEY", "labkit"),
        "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", DEFAULT_REGION),
    }


def is_loopback_url(url: str) -> bool:
    from urllib.parse import urlparse

    host = urlparse(url).hostname or ""
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")
