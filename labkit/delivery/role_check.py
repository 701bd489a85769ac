"""Can the flow-logs service deliver to CloudWatch Logs with this role? (AWS's check, on policy documents.)

The role must trust `vpc-flow-logs.amazonaws.com` for `sts:AssumeRole`, with any Condition met by what
the service presents (`aws:SourceAccount`, `aws:SourceArn` of the flow log), and its policies (inline or
attached) must allow `logs:CreateLogStream` and `logs:PutLogEvents` on the log group; an explicit Deny
wins. The evaluation is labkit.iam's (the one IAM evaluator: the `flowlogs.role` check asks
the same questions here, so the check and delivery cannot disagree).

    >>> trust = {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
    ...                         "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}}]}
    >>> trusts_flow_logs(trust, flow_logs_context("123456789012", "us-east-1", "fl-1"))
    True
    >>> allows(["logs:PutLogEvents"], [{"Statement": {"Effect": "Allow", "Action": "logs:*", "Resource": "*"}}],
    ...        log_group_resources("us-east-1", "123456789012", "flow-logs"))
    True
"""

from __future__ import annotations

from typing import Iterable, Mapping

from labkit.flowlog import FLOW_LOGS_SERVICE
from labkit.iam import EXPLICIT_DENY, Decision, Request, decide, document

REQUIRED_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")
SAMPLE_FLOW_LOG_ID = "fl-0123456789abcdef0"  # before the flow log exists: any id of this account stands for it

policy_document = document  # IAM's stored form (JSON text, sometimes URL-encoded) -> dict


def flow_logs_context(account_id: str, region: str, flow_log_id: str | None = None) -> dict:
    """The condition keys the flow-logs service presents when it assumes the role for a flow log."""
    return {
        "aws:SourceAccount": account_id,
        "aws:SourceArn": f"arn:aws:ec2:{region}:{account_id}:vpc-flow-log/{flow_log_id or SAMPLE_FLOW_LOG_ID}",
    }


def trust_decision(trust_document: dict, context: Mapping[str, object] | None = None) -> Decision:
    """Whether the flow-logs service may assume the role (`context`: see flow_logs_context)."""
    return decide([trust_document], Request("sts:AssumeRole", None, FLOW_LOGS_SERVICE, context or {}))


def trusts_flow_logs(trust_document: dict, context: Mapping[str, object] | None = None) -> bool:
    """True when the trust policy lets the flow-logs service assume the role (no Deny, conditions met)."""
    return trust_decision(trust_document, context).allowed


def permission_decision(action: str, documents: Iterable[dict], resources: list[str]) -> Decision:
    """The role's decision on `action`: allowed on one of `resources` and explicitly denied on none."""
    documents = list(documents)
    decisions = [decide(documents, Request(action, resource)) for resource in resources]
    denied = next((d for d in decisions if d.decision == EXPLICIT_DENY), None)
    return denied or next((d for d in decisions if d.allowed), decisions[0] if decisions else Decision("implicit-deny"))


def allows(actions: Iterable[str], documents: Iterable[dict], resources: list[str]) -> bool:
    """True when the documents together allow every action on one of resources, with no explicit Deny."""
    documents = list(documents)
    return all(permission_decision(action, documents, resources).allowed for action in actions)


def log_group_resources(region: str, account_id: str, log_group: str) -> list[str]:
    """ARNs that delivery touches: the log group and a stream in it (either may be what a policy names)."""
    group = f"arn:aws:logs:{region}:{account_id}:log-group:{log_group}"
    return [group, f"{group}:log-stream:eni-all"]
