"""Can the flow-logs service deliver to CloudWatch Logs with this role? (AWS's check, on policy documents.)

The role must trust `vpc-flow-logs.amazonaws.com` for `sts:AssumeRole` and its policies (inline or
attached) must allow `logs:CreateLogStream` and `logs:PutLogEvents` on the log group; an explicit Deny wins.

    >>> trust = {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
    ...                         "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}}]}
    >>> trusts_flow_logs(trust)
    True
    >>> allows(["logs:*"], {"Statement": {"Effect": "Allow", "Action": "logs:*", "Resource": "*"}}, "arn:aws:logs:us-east-1:1:log-group:g")
    True
"""
from __future__ import annotations

import fnmatch
import json
from typing import Iterable
from urllib.parse import unquote

FLOW_LOGS_SERVICE = "vpc-flow-logs.amazonaws.com"
REQUIRED_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")


def policy_document(text_or_dict) -> dict:
    """A policy document from IAM's stored form (JSON text, sometimes URL-encoded, or already a dict)."""
    if isinstance(text_or_dict, dict):
        return text_or_dict
    text = text_or_dict or "{}"
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return json.loads(unquote(text))


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _statements(document: dict) -> list[dict]:
    return [s for s in _as_list(document.get("Statement")) if isinstance(s, dict)]


def _matches(patterns: Iterable[str], value: str) -> bool:
    return any(fnmatch.fnmatchcase(value.lower(), str(p).lower()) for p in patterns)


def trusts_flow_logs(trust_document: dict) -> bool:
    """True when the trust policy lets the flow-logs service assume the role."""
    allowed = False
    for statement in _statements(trust_document):
        principal = statement.get("Principal") or {}
        services = _as_list(principal.get("Service")) if isinstance(principal, dict) else [principal]
        if FLOW_LOGS_SERVICE not in services and "*" not in services:
            continue
        if not _matches(_as_list(statement.get("Action")), "sts:AssumeRole"):
            continue
        if statement.get("Effect") == "Deny":
            return False
        allowed = allowed or statement.get("Effect") == "Allow"
    return allowed


def _decides(statement: dict, action: str, resources: list[str]) -> bool:
    if "NotAction" in statement or "NotResource" in statement:
        return False  # not modelled: such statements neither grant nor deny here
    patterns = _as_list(statement.get("Resource"))
    return (_matches(_as_list(statement.get("Action")), action)
            and any(_matches(patterns, resource) for resource in resources))


def allows(actions: Iterable[str], documents: Iterable[dict] | dict, resources: str | list[str]) -> bool:
    """True when the documents together allow every action on one of resources (no explicit Deny)."""
    documents = [documents] if isinstance(documents, dict) else list(documents)
    resources = _as_list(resources)
    statements = [s for d in documents for s in _statements(d)]
    for action in actions:
        relevant = [s for s in statements if _decides(s, action, resources)]
        if any(s.get("Effect") == "Deny" for s in relevant) or not any(s.get("Effect") == "Allow" for s in relevant):
            return False
    return True


def log_group_resources(region: str, account_id: str, log_group: str) -> list[str]:
    """ARNs that delivery touches: the log group and a stream in it (either may be what a policy names)."""
    group = f"arn:aws:logs:{region}:{account_id}:log-group:{log_group}"
    return [group, f"{group}:log-stream:eni-all"]
