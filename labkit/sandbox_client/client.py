"""A client of the sandbox's own API (/labkit/...), signed with SigV4 like every AWS call.

    >>> call("GET", "/labkit/status")["instance"]            # the sandbox named by AWS_ENDPOINT_URL
    '3f2a…'
    >>> call("POST", "/labkit/verify", {"step": "reading.top_attacker", "answer": "203.0.113.9"})
    {'passed': False, 'missing': [['checks.why.wrong_answer', {...}]], ...}

Only loopback addresses are ever called. A refusal comes back as a bilingual LabkitError.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials

from ..config import is_loopback_url, region
from ..messages import LabkitError

SIGNING_SERVICE = "labkit"


@dataclass(frozen=True)
class Credentials:
    access_key_id: str
    secret_access_key: str

    def environment(self) -> dict[str, str]:
        return {"AWS_ACCESS_KEY_ID": self.access_key_id, "AWS_SECRET_ACCESS_KEY": self.secret_access_key}


@dataclass(frozen=True)
class Endpoint:
    url: str
    credentials: Credentials

    @classmethod
    def from_environment(cls) -> "Endpoint":
        return cls(
            os.environ.get("AWS_ENDPOINT_URL", ""),
            Credentials(os.environ.get("AWS_ACCESS_KEY_ID", ""), os.environ.get("AWS_SECRET_ACCESS_KEY", "")),
        )


def signed_request(
    endpoint: Endpoint, method: str, path: str, body: dict | None = None, query: dict | None = None
) -> urllib.request.Request:
    """A urllib request for `path` on the sandbox, signed with its credentials."""
    if not is_loopback_url(endpoint.url):
        raise LabkitError("service.not_loopback", url=endpoint.url)
    url = endpoint.url.rstrip("/") + path + (f"?{urlencode(query)}" if query else "")
    data = json.dumps(body).encode() if body is not None else b""
    request = AWSRequest(method=method, url=url, data=data, headers={"Content-Type": "application/json"})
    keys = BotoCredentials(endpoint.credentials.access_key_id, endpoint.credentials.secret_access_key)
    SigV4Auth(keys, SIGNING_SERVICE, region()).add_auth(request)
    return urllib.request.Request(url, data=data or None, headers=dict(request.headers.items()), method=method)


def call(
    method: str,
    path: str,
    body: dict | None = None,
    query: dict | None = None,
    endpoint: Endpoint | None = None,
    timeout: float = 60.0,
) -> dict:
    """The JSON answer of the sandbox's API; a refusal raises a bilingual LabkitError."""
    endpoint = endpoint or Endpoint.from_environment()
    try:
        with urllib.request.urlopen(signed_request(endpoint, method, path, body, query), timeout=timeout) as answer:
            return json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as error:
        raise _as_labkit_error(error) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise LabkitError("service.unreachable", url=endpoint.url, reason=type(error).__name__) from None


def _as_labkit_error(error: urllib.error.HTTPError) -> LabkitError:
    try:
        payload = json.loads(error.read() or b"{}")
    except ValueError:
        payload = {}
    key, fields = payload.get("error"), payload.get("fields") or {}
    if key:
        try:
            return LabkitError(key, **fields)
        except (KeyError, IndexError):
            pass
    return LabkitError(
        "service.refused", status=error.code, detail=payload.get("message") or payload.get("__type") or error.reason
    )


def answers(endpoint: Endpoint, timeout: float = 2.0) -> dict | None:
    """The sandbox's status when it answers at `endpoint` with these credentials, else None."""
    if not endpoint.url or not endpoint.credentials.access_key_id or not is_loopback_url(endpoint.url):
        return None
    try:
        return call("GET", "/labkit/status", endpoint=endpoint, timeout=timeout)
    except LabkitError:
        return None
