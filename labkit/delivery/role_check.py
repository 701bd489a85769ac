"""Can the flow-logs service deliver to CloudWatch Logs with this role? (AWS's check, on policy documents.)

The role must trust `vpc-flow-logs.amazonaws.com` for `sts:AssumeRole` and its policies (inline or
attached) must allow `logs:CreateLogStream` and `logs:PutLogEvents` on the log group; an explicit Deny
wins. Document reading and wildcard matching are labkit.checks.policies' (one reader of IAM JSON).

    >>> trust = {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
    ...                         "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}}]}
    >>> trusts_flow_logs(trust)
    True
    >>> allows(["logs:PutLogEvents"], [{"Statement": {"Effect": "Allow", "Action": "logs:*", "Resource": "*"}}],
    ...        log_group_resources("us-east-1", "123456789012", "flow-logs"))
    True
"""
from __future__ import annotations

from typing import Iterable

from labkit.checks.policies import as_list, document, matches, service_principals, statements

FLOW_LOGS_SERVICE = "vpc-flow-logs.amazonaws.com"
REQUIRED_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")

policy_document = document  # IAM's stored form (JSON text, sometimes URL-encoded) -> dict


def _any_match(patterns, value: str) -> bool:
    return any(matches(str(p), value) for p in as_list(patterns))


def trusts_flow_logs(trust_document: dict) -> bool:
    """True when the trust policy lets the flow-logs service assume the role (and no Deny says otherwise)."""
    allowed = False
    for statement in statements(trust_document):
        if not any(p in ("*", FLOW_LOGS_SERVICE) for p in service_principals(statement)):
            continue
        if not _any_match(statement.get("Action"), "sts:AssumeRole"):
            continue
        if statement.get("Effect") == "Deny":
            return False
        allowed = allowed or statement.get("Effect") == "Allow"
    return allowed


def _decides(statement: dict, action: str, resources: list[str]) -> bool:
    if "NotAction" in statement or "NotResource" in statement:
        return False  # not modelled: such statements neither grant nor deny here
    return _any_match(statement.get("Action"), action) and any(
        _any_match(statement.get("Resource"), resource) for resource in resources)


def allows(actions: Iterable[str], documents: Iterable[dict], resources: list[str]) -> bool:
    """True when the documents together allow every action on one of resources, with no explicit Deny."""
    all_statements = [s for d in documents for s in statements(d)]
    for action in actions:
        relevant = [s for s in all_statements if _decides(s, action, resources)]
        if any(s.get("Effect") == "Deny" for s in relevant) or not any(s.get("Effect") == "Allow" for s in relevant):
            return False
    return True


def log_group_resources(region: str, account_id: str, log_group: str) -> list[str]:
    """ARNs that delivery touches: the log group and a stream in it (either may be what a policy names)."""
    group = f"arn:aws:logs:{region}:{account_id}:log-group:{log_group}"
    return [group, f"{group}:log-stream:eni-all"]
