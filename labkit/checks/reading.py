"""Lab 02: delivered objects, the bastion's ENI, the top attacker, and the NACL that blocks it."""
from __future__ import annotations

from collections import Counter

from botocore.exceptions import ClientError

from . import delivered, nacl, names
from .answers import normalize, same_answer
from .context import Context
from .verdict import Verdict

# Representative packets, not traffic: the ACL is evaluated, nothing is sent.
ATTACK_PROBES = [("tcp", 22), ("tcp", 23), ("tcp", 80), ("tcp", 443), ("tcp", 445), ("tcp", 3389),
                 ("udp", 53), ("udp", 123), ("icmp", None)]
WEB_SAMPLE_ADDRESS = "142.250.196.110"  # an internet HTTPS server the bastion talks to
ADMIN_SAMPLE_ADDRESS = "198.51.100.7"   # used only when there is no truth file (real AWS)


def s3_objects(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    prefix = ctx.delivery_prefix()
    if not v.require(prefix is not None, "no_flow_log_bucket"):
        return v
    bucket = ctx.flow_log_bucket
    key = str(answer).strip().strip("'\"` ")
    if key.startswith("s3://"):
        key = key[5:].partition("/")[2] if key[5:].startswith(f"{bucket}/") else key
    key = key.lstrip("/")
    v.evidence.update(bucket=bucket, key=key)
    v.require(key.startswith(prefix), "object_not_flow_log", key=key, prefix=prefix)
    v.require(key.endswith(".log.gz"), "object_not_gz", key=key)
    if v.passed:
        try:
            head = ctx.client("s3").head_object(Bucket=bucket, Key=key)
            v.evidence["size"] = head["ContentLength"]
        except ClientError:
            v.fail("object_missing", bucket=bucket, key=key)
    return v


def bastion_eni(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    interface = ctx.bastion_interface
    if not v.require(interface is not None, "no_bastion", name=names.BASTION_NAME):
        return v
    v.evidence["answer"] = normalize(answer)
    v.require(same_answer(answer, interface["NetworkInterfaceId"]), "wrong_answer", answer=normalize(answer))
    return v


def rejected_sources_delivered(ctx: Context) -> Counter:
    """Inbound REJECT records on the bastion's ENI by source, from the S3 flow log's files."""
    interface = ctx.bastion_interface or {}
    eni, own_ip = interface.get("NetworkInterfaceId"), interface.get("PrivateIpAddress")
    prefix = ctx.delivery_prefix()
    if not prefix or not eni:
        return Counter()
    return Counter(r["srcaddr"] for r in delivered.records(ctx.client("s3"), ctx.flow_log_bucket, prefix)
                   if r.get("action") == "REJECT" and r.get("interface_id") == eni and r.get("dstaddr") == own_ip)


def top_rejected_source(ctx: Context, v: Verdict) -> str | None:
    """The truth's top attacker; on a real account (no truth), the top source in the delivered logs."""
    if ctx.truth:
        return ctx.truth.get("top_rejected_source")
    if ctx.delivery_prefix() is None:
        return None
    v.note("answer_from_delivered")
    return delivered.top(rejected_sources_delivered(ctx))


def top_attacker(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    expected = top_rejected_source(ctx, v)
    if not v.require(expected is not None, "no_truth"):
        return v
    v.evidence["answer"] = normalize(answer)
    v.require(same_answer(answer, expected), "wrong_answer", answer=normalize(answer))
    return v


def _network_acl(ctx: Context, subnet_id: str) -> dict | None:
    acls = ctx.client("ec2").describe_network_acls(
        Filters=[{"Name": "association.subnet-id", "Values": [subnet_id]}])["NetworkAcls"]
    return acls[0] if acls else None


def _first_allow_before(entries: list[dict], deny_rules: list[int], address: str) -> int | None:
    """An inbound ALLOW rule matching `address` numbered below every DENY rule for it."""
    allows = [e["RuleNumber"] for e in entries if not e.get("Egress") and e["RuleAction"] == "allow"
              and nacl.decide([e], False, address, "tcp", 22)[0] == "allow"]
    earlier = [n for n in allows if n < min(deny_rules)]
    return min(earlier) if earlier else None


def nacl_block(ctx: Context, answer=None) -> Verdict:
    """The ACL's effect, evaluated: the attacker denied on every probe, the admin's SSH and HTTPS replies allowed."""
    v = Verdict()
    attacker = top_rejected_source(ctx, v)
    if not v.require(attacker is not None, "no_truth"):
        return v
    if not v.require(ctx.bastion is not None, "no_bastion", name=names.BASTION_NAME):
        return v
    subnet = ctx.bastion["SubnetId"]
    acl = _network_acl(ctx, subnet)
    if not v.require(acl is not None, "no_nacl", subnet=subnet):
        return v
    entries, acl_id = acl["Entries"], acl["NetworkAclId"]
    v.evidence.update(network_acl_id=acl_id)
    probes = ATTACK_PROBES + [("tcp", int(p)) for p in
                              ((ctx.truth or {}).get("attackers", {}).get(attacker, {}).get("ports") or []) if int(p) > 0]
    let_in = nacl.allowed(entries, False, attacker, probes)
    if let_in:
        deny_rules = [e["RuleNumber"] for e in entries if not e.get("Egress") and e["RuleAction"] == "deny"
                      and e["RuleNumber"] < 32767 and nacl.decide([e], False, attacker, "tcp", 22)[0] == "deny"]
        earlier_allow = _first_allow_before(entries, deny_rules, attacker) if deny_rules else None
        if earlier_allow is not None:
            v.fail("nacl_deny_too_late", deny_rule=min(deny_rules), allow_rule=earlier_allow)
        else:
            v.fail("nacl_attacker_allowed", acl=acl_id, probes=", ".join(let_in))
    admin = (ctx.truth or {}).get("admin_address") or ADMIN_SAMPLE_ADDRESS
    ephemeral = [("tcp", p) for p in nacl.EPHEMERAL_SAMPLES]
    admin_blocked = (nacl.blocked(entries, False, admin, [("tcp", 22)])
                     + [f"out {p}" for p in nacl.blocked(entries, True, admin, ephemeral)])
    v.require(not admin_blocked, "nacl_admin_blocked", acl=acl_id, address=admin, probes=", ".join(admin_blocked))
    https_blocked = ([f"out {p}" for p in nacl.blocked(entries, True, WEB_SAMPLE_ADDRESS, [("tcp", 443)])]
                     + [f"in {p}" for p in nacl.blocked(entries, False, WEB_SAMPLE_ADDRESS, ephemeral)])
    v.require(not https_blocked, "nacl_https_blocked", acl=acl_id, probes=", ".join(https_blocked))
    return v
