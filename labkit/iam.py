"""IAM policy evaluation, the one evaluator of labkit (a base module: it imports nothing of labkit): the sandbox's delivery (labkit.delivery.role_check)
and the checks both decide "would AWS allow this request?" here, so they can never disagree.

AWS's rules for one account, as far as the labs' documents go:

* a statement applies when its Principal/NotPrincipal (resource and trust policies), Action/NotAction,
  Resource/NotResource and every Condition match the request;
* an applying Deny wins over everything; else an applying Allow grants; else the request is denied
  (implicitly);
* Condition operators String*, Arn*, Bool, Null and Numeric*, with ...IfExists and ForAnyValue/ForAllValues;
  a key missing from the request makes a positive operator false and a negated one true, as in IAM;
* what cannot be evaluated here (an unknown operator, a policy variable) is treated conservatively: it never
  grants (an Allow with it does not apply) and always refuses (a Deny with it applies).

    >>> doc = {"Statement": [{"Effect": "Allow", "Action": "logs:*", "Resource": "*"}]}
    >>> allows(doc, "logs:PutLogEvents")
    True
    >>> deny = {"Statement": [{"Effect": "Deny", "Action": "logs:*", "Resource": "*"}]}
    >>> decide([doc, deny], Request("logs:PutLogEvents", "arn:aws:logs:us-east-1:1:log-group:g")).decision
    'explicit-deny'
"""

from __future__ import annotations

import json
import re
import urllib.parse
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping

ALLOW, EXPLICIT_DENY, IMPLICIT_DENY = "allow", "explicit-deny", "implicit-deny"


def document(raw) -> dict:
    """A policy document from what boto3 returns: a dict, JSON text, or URL-encoded JSON text.

    Raises ValueError when it is not a JSON object (callers turn that into a verdict).
    """
    if isinstance(raw, dict):
        return raw
    if not isinstance(raw, str):
        raise ValueError("not a policy document")  # not-user-facing
    text = raw if raw.lstrip().startswith("{") else urllib.parse.unquote(raw)
    try:
        found = json.loads(text)
    except RecursionError:
        raise ValueError("policy document nested too deeply") from None  # not-user-facing
    if not isinstance(found, dict):
        raise ValueError("not a policy document")  # not-user-facing
    return found


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def statements(doc) -> list[dict]:
    return [s for s in as_list(doc.get("Statement")) if isinstance(s, dict)] if isinstance(doc, dict) else []


@lru_cache(maxsize=1024)
def _pattern(pattern: str, ignore_case: bool) -> re.Pattern:
    """IAM wildcards: * any run of characters, ? one character; nothing else is special."""
    body = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)
    return re.compile(body, re.DOTALL | (re.IGNORECASE if ignore_case else 0))


def matches(pattern, value: str, ignore_case: bool = True) -> bool:
    """IAM wildcard match (* and ?); case-insensitive by default, as IAM actions are."""
    return isinstance(pattern, str) and _pattern(pattern, ignore_case).fullmatch(value) is not None


def service_principals(statement: dict) -> list[str]:
    """The service principals a statement names ("*" for everyone)."""
    principal = statement.get("Principal")
    if principal == "*":
        return ["*"]
    if not isinstance(principal, dict):
        return []
    if "*" in as_list(principal.get("AWS")):
        return ["*"]
    return [p for p in as_list(principal.get("Service")) if isinstance(p, str)]


@dataclass(frozen=True)
class Request:
    """What is asked: an action, on a resource (None for a trust policy), by a service principal (for
    trust and resource policies; None for a role's own permission policies), with condition keys."""

    action: str
    resource: str | None = None
    service: str | None = None
    context: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    decision: str  # allow | explicit-deny | implicit-deny
    statement: dict | None = None  # the deciding statement (the Deny, or the first Allow)

    @property
    def allowed(self) -> bool:
        return self.decision == ALLOW

    @property
    def sid(self) -> str:
        return str((self.statement or {}).get("Sid") or "-")


def _principal_applies(statement: dict, service: str | None) -> bool:
    if service is None:  # a role's own permission policies name no principal
        return True
    if "NotPrincipal" in statement:
        named = statement["NotPrincipal"]
        excluded = as_list(named.get("Service")) if isinstance(named, dict) else []
        return service not in excluded and named != "*"
    return any(p in ("*", service) for p in service_principals(statement))


def _element_applies(statement: dict, name: str, value: str | None, ignore_case: bool) -> bool:
    """Action/NotAction or Resource/NotResource against the request's value."""
    if value is None:  # a trust policy names no resource
        return True
    positive, negative = statement.get(name), statement.get(f"Not{name}")
    if positive is not None:
        return any(matches(p, value, ignore_case) for p in as_list(positive))
    if negative is not None:
        return not any(matches(p, value, ignore_case) for p in as_list(negative))
    return False


def _context_value(context: Mapping[str, object], key: str) -> list[str] | None:
    lowered = {str(k).lower(): v for k, v in context.items()}
    if str(key).lower() not in lowered:
        return None
    return [str(v) for v in as_list(lowered[str(key).lower()])]


def _number(text) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError, OverflowError):
        return None


def _compare(base: str, have: str, wanted) -> bool | None:
    """One operator on one request value and one policy value; None when the operator is unknown."""
    wanted = str(wanted) if not isinstance(wanted, bool) else str(wanted).lower()
    if base in ("StringEquals", "StringNotEquals"):
        return have == wanted
    if base in ("StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"):
        return have.lower() == wanted.lower()
    if base in ("StringLike", "StringNotLike", "ArnLike", "ArnNotLike", "ArnEquals", "ArnNotEquals"):
        return matches(wanted, have, ignore_case=False)
    if base == "Bool":
        return have.lower() == wanted.lower()
    numbers = {
        "NumericEquals": lambda a, b: a == b,
        "NumericNotEquals": lambda a, b: a == b,
        "NumericLessThan": lambda a, b: a < b,
        "NumericLessThanEquals": lambda a, b: a <= b,
        "NumericGreaterThan": lambda a, b: a > b,
        "NumericGreaterThanEquals": lambda a, b: a >= b,
    }
    if base in numbers:
        a, b = _number(have), _number(wanted)
        return False if a is None or b is None else numbers[base](a, b)
    return None


NEGATED = {
    "StringNotEquals",
    "StringNotEqualsIgnoreCase",
    "StringNotLike",
    "ArnNotLike",
    "ArnNotEquals",
    "NumericNotEquals",
}


def _operator_holds(operator: str, key: str, wanted: list, context: Mapping[str, object]) -> bool | None:
    """One operator on one key: True, False, or None when it cannot be evaluated here."""
    qualifier, _, base = operator.rpartition(":")
    if_exists = base.endswith("IfExists")
    base = base[: -len("IfExists")] if if_exists else base
    have = _context_value(context, key)
    if any(isinstance(w, str) and "${" in w for w in wanted):
        return None  # a policy variable
    if base == "Null":
        return (have is None) == (str(wanted[0]).lower() == "true") if wanted else None
    if have is None:
        return True if if_exists or base in NEGATED else False
    results = []
    for value in have:
        found = [_compare(base, value, w) for w in wanted]
        if None in found:
            return None
        results.append(any(found))
    if qualifier == "ForAllValues":
        holds = all(results)
    else:
        holds = any(results)
    return not holds if base in NEGATED else holds


def _conditions_hold(statement: dict, context: Mapping[str, object]) -> bool | None:
    conditions = statement.get("Condition")
    if conditions is None:
        return True
    if not isinstance(conditions, dict):
        return None
    verdicts = []
    for operator, keys in conditions.items():
        if not isinstance(keys, dict):
            return None
        for key, wanted in keys.items():
            verdicts.append(_operator_holds(str(operator), str(key), as_list(wanted), context))
    if False in verdicts:
        return False
    return None if None in verdicts else True


def _applies(statement: dict, request: Request) -> bool | None:
    if not _principal_applies(statement, request.service):
        return False
    if not _element_applies(statement, "Action", request.action, ignore_case=True):
        return False
    if request.resource is not None and not _element_applies(statement, "Resource", request.resource, False):
        return False
    return _conditions_hold(statement, request.context)


def decide(documents: Iterable[dict], request: Request) -> Decision:
    """AWS's decision on `request` under all `documents` together (see the module docstring)."""
    first_allow = None
    for doc in documents:
        for statement in statements(doc):
            effect = statement.get("Effect")
            applies = _applies(statement, request)
            if effect == "Deny" and applies is not False:
                return Decision(EXPLICIT_DENY, statement)
            if effect == "Allow" and applies is True and first_allow is None:
                first_allow = statement
    return Decision(ALLOW, first_allow) if first_allow is not None else Decision(IMPLICIT_DENY)


def allows(
    doc: dict,
    action: str,
    resource: str | None = None,
    service: str | None = None,
    context: Mapping[str, object] | None = None,
) -> bool:
    """True when `doc` allows `action` (on `resource`, to principal `service` when given), Deny winning."""
    return decide([doc], Request(action, resource, service, context or {})).allowed
