"""Lab 00: the learner reaches the AWS they chose (the sandbox or their own account)."""
from __future__ import annotations

import os

from ..config import target
from .context import Context
from .verdict import Verdict


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
        v.evidence.update(account=identity["Account"], arn=identity["Arn"])
    return v
