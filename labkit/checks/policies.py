"""Reading IAM and bucket policy documents the way IAM evaluates Allow statements (no Deny, no conditions).

    >>> doc = {"Statement": [{"Effect": "Allow", "Action": "logs:*", "Resource": "*"}]}
    >>> allows(doc, "logs:PutLogEvents")
    True
"""
from __future__ import annotations

import fnmatch
import json
import urllib.parse


def document(raw) -> dict:
    """A policy document from what boto3 returns: a dict, JSON text, or URL-encoded JSON text."""
    if isinstance(raw, dict):
        return raw
    text = raw if raw.lstrip().startswith("{") else urllib.parse.unquote(raw)
    return json.loads(text)


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def statements(doc: dict) -> list[dict]:
    return [s for s in as_list(doc.get("Statement")) if isinstance(s, dict)]


def matches(pattern: str, value: str) -> bool:
    """IAM wildcard match (* and ?), case-insensitive as IAM actions are."""
    return fnmatch.fnmatchcase(value.lower(), pattern.lower())


def service_principals(statement: dict) -> list[str]:
    principal = statement.get("Principal") or {}
    if principal == "*":
        return ["*"]
    return as_list(principal.get("Service")) if isinstance(principal, dict) else []


def allows(doc: dict, action: str, resource: str | None = None, service: str | None = None) -> bool:
    """True when an Allow statement grants `action` (on `resource`, to principal `service` when given)."""
    for statement in statements(doc):
        if statement.get("Effect") != "Allow":
            continue
        if not any(matches(p, action) for p in as_list(statement.get("Action"))):
            continue
        if resource is not None and not any(matches(p, resource) for p in as_list(statement.get("Resource"))):
            continue
        if service is not None and not any(p in ("*", service) for p in service_principals(statement)):
            continue
        return True
    return False
