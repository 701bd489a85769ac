"""The sandbox's own boto3 calls (traffic, delivery, checks, prepare) answered without a socket.

Code running inside the sandbox process calls AWS through plain boto3 clients, like any client: signed
requests to the sandbox's URL. Sending them over loopback HTTP costs a connection, an HTTP parse and a
server thread per call, about as much as the call itself. `route_to(app)` hands each request of this
process's clients for the sandbox's own URL to the same WSGI app the server runs instead (signature
check, activity, moto, Athena: nothing is skipped), and builds botocore's response from what it answers.

    >>> route_to(service.requests, sandbox.url)   # in the sandbox process, once
    >>> boto3.client("ec2").describe_vpcs()        # AWS_ENDPOINT_URL = sandbox.url: no socket opened

Clients of boto3's default session (`boto3.client`, `labkit.aws.client`) made after `route_to` use the
route.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import boto3
from botocore.awsrequest import AWSResponse
from werkzeug.test import EnvironBuilder, run_wsgi_app

_UNIQUE_ID = "labkit-sandbox-in-process"
_route: tuple[str, object] | None = None  # (the sandbox's "scheme://host:port", its WSGI app)


class _RawBody(io.BytesIO):
    """What botocore reads a response body from (`stream()` for streaming bodies such as GetObject)."""

    def stream(self, **kwargs):
        contents = self.read()
        while contents:
            yield contents
            contents = self.read()


def route_to(app, url: str) -> None:
    """From now on, requests of this process's boto3 clients for `url` are answered by `app`."""
    global _route
    parts = urlsplit(url)
    _route = (f"{parts.scheme}://{parts.netloc}", app)
    if boto3.DEFAULT_SESSION is None:
        boto3.setup_default_session()
    boto3.DEFAULT_SESSION.events.register_first("before-send", _send, unique_id=_UNIQUE_ID)
    from ..aws import forget_clients

    forget_clients()  # made before the route: made again, with it, on next use


def _send(request, **kwargs):
    if _route is None:
        return None
    base, app = _route
    if not request.url.startswith(base + "/"):
        return None  # not for the sandbox: botocore sends it as usual
    parts = urlsplit(request.url)
    body = request.body
    if hasattr(body, "read"):
        body = body.read()
    if isinstance(body, str):
        body = body.encode("utf-8")
    raw_path = parts.path or "/"
    builder = EnvironBuilder(
        path=raw_path,
        base_url=base,
        query_string=parts.query,
        method=request.method,
        headers=[
            (name, value.decode("latin-1") if isinstance(value, bytes) else value)
            for name, value in request.headers.items()
        ],
        data=body or b"",
    )
    try:
        environ = builder.get_environ()
    finally:
        builder.close()
    raw_uri = raw_path + (f"?{parts.query}" if parts.query else "")
    environ["RAW_URI"] = environ["REQUEST_URI"] = raw_uri
    environ["REMOTE_ADDR"] = "127.0.0.1"
    answer, status, headers = run_wsgi_app(app, environ)
    try:
        data = b"".join(answer)
    finally:
        if hasattr(answer, "close"):
            answer.close()
    return AWSResponse(request.url, int(status.split(" ", 1)[0]), dict(headers.items()), _RawBody(data))
