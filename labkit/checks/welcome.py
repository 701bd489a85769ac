"""Lab 00: the learner reaches the AWS they chose (the sandbox or their own account), and asks it who they are.

The answer is the account id STS gives the student's own `get_caller_identity` call: the check compares it
with what STS tells the check, and names the usual slips (the ARN or the user id instead of the account).

    >>> verify("welcome.connected", answer="123456789012").passed
    True
"""

from __future__ import annotations

import os

from ..config import target
from .answers import normalize, same_answer
from .context import Context
from .verdict import Verdict


def _why_not_account(answer, identity: dict) -> tuple[str, dict]:
    fields = {"answer": normalize(answer)}
    if same_answer(answer, identity.get("Arn")):
        return "answer_arn_not_account", fields
    if same_answer(answer, identity.get("UserId")):
        return "answer_user_id_not_account", fields
    text = fields["answer"]
    if len(text) == 12 and text.isascii() and text.isdigit():
        return "answer_other_account", fields
    return "answer_not_account", fields


def connected(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    from ..config import is_loopback_url

    endpoint = os.environ.get("AWS_ENDPOINT_URL", "")
    chosen = target()
    v.evidence["target"] = chosen
    if chosen == "sandbox":
        v.require(bool(endpoint) and is_loopback_url(endpoint), "endpoint_not_sandbox")
    else:
        v.require(not endpoint, "endpoint_set_on_aws", url=endpoint)
    if v.passed:
        identity = ctx.client("sts").get_caller_identity()
        v.evidence.update(account=identity["Account"], answer=normalize(answer))
        if not same_answer(answer, identity["Account"]):
            why, fields = _why_not_account(answer, identity)
            v.fail(why, **fields)
    return v
