"""Who may call the sandbox: one random access key per sandbox, every request verified with SigV4.

    >>> keys = new_credentials()
    >>> keys.access_key_id[:4]
    'LKIA'
    >>> refusal(environ, body, keys)        # None when the request is signed with `keys`
    Refusal(status=403, code='SignatureDoesNotMatch', ...)

The signature is recomputed with botocore's own signer (the code that signed it on the client), so
every client that speaks SigV4 (boto3, PyAthena, pyarrow's S3 filesystem) works unchanged. A refused
request gets the error the real service gives, in that service's protocol (JSON, EC2 XML, query XML,
S3 XML).
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
import string
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote

from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials

from ..sandbox_client.client import Credentials

_AUTHORIZATION = re.compile(r"AWS4-HMAC-SHA256\s+Credential=([^,]+),\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]+)")


def new_credentials() -> Credentials:
    """A fresh key pair shaped like AWS's (20-character id, 40-character secret)."""
    alphabet = string.ascii_uppercase + string.digits
    key_id = "LKIA" + "".join(secrets.choice(alphabet) for _ in range(16))
    secret = "".join(secrets.choice(string.ascii_letters + string.digits + "+/") for _ in range(40))
    return Credentials(key_id, secret)


@dataclass(frozen=True)
class Refusal:
    status: int
    code: str
    message: str
    service: str
    json_protocol: bool

    def response(self) -> tuple[str, list[tuple[str, str]], bytes]:
        """(status line, headers, body) in the protocol of the service that was called."""
        request_id = secrets.token_hex(16)
        if self.json_protocol:
            body = json.dumps({"__type": self.code, "message": self.message}).encode()
            kind = "application/x-amz-json-1.1"
        elif self.service == "s3":
            body = (
                f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{self.code}</Code>'
                f"<Message>{self.message}</Message><RequestId>{request_id}</RequestId></Error>"
            ).encode()
            kind = "application/xml"
        elif self.service == "ec2":
            body = (
                f'<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>{self.code}'
                f"</Code><Message>{self.message}</Message></Error></Errors>"
                f"<RequestID>{request_id}</RequestID></Response>"
            ).encode()
            kind = "text/xml"
        else:
            body = (
                f"<ErrorResponse><Error><Type>Sender</Type><Code>{self.code}</Code><Message>{self.message}"
                f"</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>"
            ).encode()
            kind = "text/xml"
        reason = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden"}[self.status]
        return f"{self.status} {reason}", [("Content-Type", kind), ("Content-Length", str(len(body)))], body


# What each protocol calls an unknown key, a wrong signature and a missing one (as AWS words them).
_UNKNOWN_KEY = {
    "json": ("UnrecognizedClientException", "The security token included in the request is invalid.", 400),
    "s3": ("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403),
    "ec2": ("AuthFailure", "AWS was not able to validate the provided access credentials", 401),
    "query": ("InvalidClientTokenId", "The security token included in the request is invalid.", 403),
}
_BAD_SIGNATURE_TEXT = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method. Consult the service "
    "documentation for details."
)
_BAD_SIGNATURE = {
    "json": ("InvalidSignatureException", _BAD_SIGNATURE_TEXT, 400),
    "s3": ("SignatureDoesNotMatch", _BAD_SIGNATURE_TEXT, 403),
    "ec2": ("AuthFailure", "AWS was not able to validate the provided access credentials", 401),
    "query": ("SignatureDoesNotMatch", _BAD_SIGNATURE_TEXT, 403),
}
_MISSING = {
    "json": ("MissingAuthenticationTokenException", "Missing Authentication Token", 400),
    "s3": ("AccessDenied", "Access Denied", 403),
    "ec2": ("AuthFailure", "AWS was not able to validate the provided access credentials", 401),
    "query": ("MissingAuthenticationToken", "Request is missing Authentication Token", 403),
}


def _protocol(environ, service: str) -> str:
    if environ.get("HTTP_X_AMZ_TARGET") or "json" in environ.get("CONTENT_TYPE", ""):
        return "json"
    if service == "s3" or service == "ec2":
        return service
    return "query"


def _refuse(table: dict, environ, service: str) -> Refusal:
    protocol = _protocol(environ, service)
    code, text, status = table[protocol]
    return Refusal(status, code, text, service, protocol == "json")


def _guess_service(environ) -> str:
    """The service a request without a usable signature was meant for (to answer in its protocol)."""
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        return target.split(".")[0].lower()
    if "Action=" in environ.get("QUERY_STRING", "") or environ.get("CONTENT_TYPE", "").startswith(
        "application/x-www-form-urlencoded"
    ):
        return "query"
    return "s3"


def _raw_path_and_query(environ) -> tuple[str, str]:
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw:
        path, _, query = raw.partition("?")
        return path or "/", query
    return quote(environ.get("PATH_INFO", "/")), environ.get("QUERY_STRING", "")


def _header(environ, name: str) -> str | None:
    key = name.upper().replace("-", "_")
    if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        return environ.get(key)
    return environ.get(f"HTTP_{key}")


def _expected_signature(
    environ,
    body: bytes,
    secret: str,
    access_key: str,
    scope: list[str],
    signed_headers: list[str],
    timestamp: str,
    query: str,
    presigned: bool,
) -> str:
    date, region, service = scope[0], scope[1], scope[2]
    path, _ = _raw_path_and_query(environ)
    host = _header(environ, "host") or ""
    request = AWSRequest(
        method=environ.get("REQUEST_METHOD", "GET"),
        url=f"http://{host}{path}" + (f"?{query}" if query else ""),
        data=body,
    )
    for name in list(request.headers.keys()):
        del request.headers[name]
    for name in signed_headers:
        value = _header(environ, name)
        request.headers[name] = "" if value is None else value
    request.context["timestamp"] = timestamp
    if date != timestamp[:8]:
        return ""
    credentials = BotoCredentials(access_key, secret)
    if presigned and service == "s3":
        signer = S3SigV4QueryAuth(credentials, service, region)  # its payload is UNSIGNED-PAYLOAD
    else:
        signer = (S3SigV4Auth if service == "s3" else SigV4Auth)(credentials, service, region)
    canonical = signer.canonical_request(request)
    return signer.signature(signer.string_to_sign(request, canonical), request)


def refusal(environ, body: bytes, credentials: Credentials) -> Refusal | None:
    """None when the request carries a valid SigV4 signature by `credentials`; else the refusal."""
    header = environ.get("HTTP_AUTHORIZATION", "")
    _, query = _raw_path_and_query(environ)
    params = dict(parse_qsl(query, keep_blank_values=True))
    if header:
        match = _AUTHORIZATION.match(header)
        if match is None:
            return _refuse(_MISSING, environ, _guess_service(environ))
        credential, signed, signature = match.group(1), match.group(2).split(";"), match.group(3)
        timestamp = _header(environ, "x-amz-date") or ""
        presigned = False
        signed_query = query
    elif "X-Amz-Signature" in params:
        credential, signed = params.get("X-Amz-Credential", ""), params.get("X-Amz-SignedHeaders", "").split(";")
        signature, timestamp = params["X-Amz-Signature"], params.get("X-Amz-Date", "")
        presigned = True
        signed_query = "&".join(p for p in query.split("&") if not p.startswith("X-Amz-Signature="))
    else:
        return _refuse(_MISSING, environ, _guess_service(environ))
    access_key, _, scope_text = credential.partition("/")
    scope = scope_text.split("/")
    service = scope[2] if len(scope) >= 4 else _guess_service(environ)
    if not hmac.compare_digest(access_key, credentials.access_key_id):
        return _refuse(_UNKNOWN_KEY, environ, service)
    if len(scope) != 4 or scope[3] != "aws4_request" or not timestamp:
        return _refuse(_BAD_SIGNATURE, environ, service)
    try:
        expected = _expected_signature(
            environ, body, credentials.secret_access_key, access_key, scope, signed, timestamp, signed_query, presigned
        )
    except Exception:  # a malformed request is a bad signature, never a crash
        expected = ""
    if not expected or not hmac.compare_digest(expected, signature):
        return _refuse(_BAD_SIGNATURE, environ, service)
    return None
