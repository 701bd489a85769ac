"""One loopback HTTP endpoint: moto for every AWS API, labkit's engine for Athena, the sandbox's own
admin API under /labkit/. Every request must be signed with the sandbox's credentials.

    >>> sandbox = start_sandbox(seed=7)
    >>> sandbox.url, sandbox.credentials.access_key_id
    ('http://127.0.0.1:54321', 'LKIA…')

Point boto3 or PyAthena at it with AWS_ENDPOINT_URL and those credentials; nothing else changes.
"""

from __future__ import annotations

import io
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from werkzeug.serving import BaseWSGIServer, make_server

from ..config import DEFAULT_REGION, LOOPBACK, SANDBOX_ACCOUNT
from .auth import Credentials, new_credentials, refusal
from .seeding import WARM_UP_AGENT, new_world, seed_resource_ids, warm_up
from ..world import World, install_world, watch_clock

ATHENA_TARGET_PREFIX = "AmazonAthena."
ADMIN_PREFIX = "/labkit/"
MAX_BODY = 512 * 1024 * 1024  # S3 objects larger than this are not part of any lab

__all__ = ["ADMIN_PREFIX", "DEFAULT_REGION", "LOOPBACK", "SANDBOX_ACCOUNT", "Sandbox", "make_app", "start_sandbox"]


class Activity:
    """When the sandbox was last called (the service stops itself after a long quiet), and how many
    authenticated AWS calls (not /labkit/ ones) it answered: the grader credits a lab only when the
    lab's notebook called AWS."""

    def __init__(self):
        self.last = time.monotonic()
        self.requests = 0
        self.aws_calls = 0

    def touch(self) -> None:
        self.last = time.monotonic()
        self.requests += 1

    def idle_seconds(self) -> float:
        return time.monotonic() - self.last


def _read_body(environ) -> bytes:
    stream = environ["wsgi.input"]
    if environ.get("wsgi.input_terminated"):
        return stream.read(MAX_BODY)
    length = int(environ.get("CONTENT_LENGTH") or 0)
    return stream.read(min(length, MAX_BODY)) if length > 0 else b""


def _without_cors(start_response):
    """moto answers every origin (Access-Control-Allow-Origin: *): the sandbox answers none."""

    def start(status, headers, exc_info=None):
        kept = [(name, value) for name, value in headers if not name.lower().startswith("access-control-")]
        return start_response(status, kept, exc_info)

    return start


def make_app(credentials: Credentials, admin=None, activity: Activity | None = None):
    """The WSGI app: verify the signature, then Athena's JSON API to labkit's engine, /labkit/ to the
    admin API, everything else to moto."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    from .athena.responses import AthenaResponses
    from .moto_patches import apply_moto_patches

    apply_moto_patches()
    moto_app = DomainDispatcherApplication(create_backend_app)
    athena_app = AthenaResponses()
    activity = activity or Activity()
    ready = threading.Event()

    def app(environ, start_response):
        activity.touch()
        if environ.get("REQUEST_METHOD") == "OPTIONS":  # a browser's CORS preflight: never allowed
            start_response("403 Forbidden", [("Content-Length", "0")])
            return [b""]
        body = _read_body(environ)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        refused = refusal(environ, body, credentials)
        if refused is not None:
            status, headers, payload = refused.response()
            start_response(status, headers)
            return [payload]
        start_response = _without_cors(start_response)
        if environ.get("PATH_INFO", "").startswith(ADMIN_PREFIX) and admin is not None:
            return admin(environ, start_response)
        if WARM_UP_AGENT not in environ.get("HTTP_USER_AGENT", ""):
            activity.aws_calls += 1
            ready.wait()
        if environ.get("HTTP_X_AMZ_TARGET", "").startswith(ATHENA_TARGET_PREFIX):
            return athena_app(environ, start_response)
        return moto_app(environ, start_response)

    app.athena = athena_app  # type: ignore[attr-defined]
    app.ready = ready  # type: ignore[attr-defined]
    app.activity = activity  # type: ignore[attr-defined]
    return app


@dataclass
class Sandbox:
    """A running sandbox endpoint; `url` is what AWS_ENDPOINT_URL should say, `credentials` what signs."""

    server: BaseWSGIServer
    thread: threading.Thread
    seed: int
    credentials: Credentials
    world: World
    app: object = field(repr=False, default=None)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def athena(self):
        return self.app.athena.backend

    def environment(self) -> dict[str, str]:
        """What a client of this sandbox needs in its environment."""
        return {
            "AWS_ENDPOINT_URL": self.url,
            **self.credentials.environment(),
            "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION,
        }

    def client(self, service: str):
        """A boto3 client of this sandbox, whatever the environment says."""
        import boto3

        return boto3.client(
            service,
            endpoint_url=self.url,
            aws_access_key_id=self.credentials.access_key_id,
            aws_secret_access_key=self.credentials.secret_access_key,
            region_name=os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION,
        )

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


def _bind(port: int, app) -> BaseWSGIServer:
    """The server on 127.0.0.1:port; when that port is taken (a sandbox's old port), on a free one."""
    try:
        return make_server(LOOPBACK, port, app, threaded=True, request_handler=_quiet_handler())
    except OSError:
        if port == 0:
            raise
        return make_server(LOOPBACK, 0, app, threaded=True, request_handler=_quiet_handler())


def _warm_then_open(ready: threading.Event, url: str, credentials: Credentials) -> None:
    try:
        warm_up(url, credentials)
    except Exception:  # the sandbox stopped before it warmed up (a short test, a quick `stop`): nothing to do
        pass
    finally:
        ready.set()


def start_sandbox(
    port: int = 0,
    seed: int = 0,
    credentials: Credentials | None = None,
    world: World | None = None,
    hooks: dict | None = None,
    restore: Callable[[object], World | None] | None = None,
) -> Sandbox:
    """Serve the sandbox on 127.0.0.1:port (0 = a free port) in a background thread of this process.

    `credentials` default to a fresh random pair; `world` (the truth and the sandbox's own records) to a
    new one. `hooks` lets the service add admin actions (stop, save). `restore(app)` runs before the
    first request can arrive (the service loads its snapshot there) and may return the saved world.
    """
    from .admin import AdminApp
    from .cloudwatch import clock

    watch_clock(clock.advance)  # traffic run here moves simulated time: CloudWatch's alarms evaluate
    seed_resource_ids(seed)
    credentials = credentials or new_credentials()
    world = install_world(world or new_world(seed))
    activity = Activity()
    admin = AdminApp(hooks or {})
    app = make_app(credentials, admin, activity)
    if restore is not None:
        world = install_world(restore(app) or world)
    server = _bind(port, app)
    url = f"http://{LOOPBACK}:{server.server_address[1]}"
    admin.attach(app, url, credentials)
    thread = threading.Thread(target=server.serve_forever, name="labkit-sandbox", daemon=True)
    thread.start()
    threading.Thread(
        target=_warm_then_open, args=(app.ready, url, credentials), name="labkit-warm-up", daemon=True
    ).start()
    return Sandbox(server=server, thread=thread, seed=seed, credentials=credentials, world=world, app=app)
