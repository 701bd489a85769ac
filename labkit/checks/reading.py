"""Lab 02: delivered objects, the bastion's ENI, the top attacker, and the NACL that blocks it.

A wrong answer is named for what it is when it is a typical mistake (a log-stream name for an ENI id, a
count for an address, the least frequent for the most...), without ever telling the expected answer.
"""

from __future__ import annotations

from collections import Counter

from botocore.exceptions import ClientError

from ..messages import pair
from . import nacl, names
from .answers import single_value, as_address, as_int, normalize, same_answer, text_of
from .context import Context, truth_counts
from .delivered import named_as_delivered, ranked
from .verdict import Verdict

# Representative packets, not traffic: the ACL is evaluated, nothing is sent.
ATTACK_PROBES = [
    ("tcp", 22),
    ("tcp", 23),
    ("tcp", 80),
    ("tcp", 443),
    ("tcp", 445),
    ("tcp", 3389),
    ("udp", 53),
    ("udp", 123),
    ("icmp", None),
]
WEB_SAMPLE_ADDRESS = "142.250.196.110"  # an internet HTTPS server the bastion talks to
ADMIN_SAMPLE_ADDRESS = "198.51.100.7"  # used only when there is no truth file (real AWS)
ID_KINDS = {
    "i-": "instance",
    "subnet-": "subnet",
    "vpc-": "vpc",
    "sg-": "security-group",
    "acl-": "network-acl",
    "fl-": "flow-log",
    "igw-": "internet-gateway",
    "rtb-": "route-table",
    "eipalloc-": "elastic-ip",
}


def _key_of(answer) -> str:
    """An S3 key as typed: case kept, outer quotes and spaces gone."""
    return text_of(single_value(answer)).strip().strip("'\"` ")


def s3_objects(ctx: Context, answer=None) -> Verdict:
    """The key of a file the S3 flow log delivered (not any .log.gz under AWSLogs/: one the service wrote)."""
    v = Verdict()
    prefix = ctx.delivery_prefix()
    if not v.require(prefix is not None, "no_flow_log_bucket"):
        return v
    bucket = ctx.flow_log_bucket
    key = _key_of(answer)
    if key.rstrip("/") in (bucket, f"s3://{bucket}", f"arn:aws:s3:::{bucket}"):
        return v.fail("answer_bucket_not_key", answer=key, bucket=bucket)
    if key.startswith("s3://"):
        key = key[5:].partition("/")[2] if key[5:].startswith(f"{bucket}/") else key
    key = key.lstrip("/")
    v.evidence.update(bucket=bucket, key=key)
    if "/" not in key and named_as_delivered(key):
        return v.fail("answer_file_name_only", answer=key, prefix=prefix)
    v.require(key.startswith(prefix), "object_not_flow_log", key=key, prefix=prefix)
    v.require(key.endswith(".log.gz"), "object_not_gz", key=key)
    if v.passed:
        try:
            head = ctx.client("s3").head_object(Bucket=bucket, Key=key)
        except ClientError:
            return v.fail("object_missing", bucket=bucket, key=key)
        v.evidence["size"] = head.get("ContentLength")
        v.require(ctx.service_wrote(bucket, key, str(head.get("ETag", ""))), "object_not_delivered", key=key)
    return v


def id_kind(text: str) -> str | None:
    return next((kind for prefix, kind in ID_KINDS.items() if text.startswith(prefix)), None)


def _close(a: str, b: str) -> bool:
    """One or two characters apart (a typo), same length give or take one."""
    import difflib

    return a != b and abs(len(a) - len(b)) <= 1 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def _eni_exists(ctx: Context, eni: str) -> bool:
    try:
        return bool(ctx.client("ec2").describe_network_interfaces(NetworkInterfaceIds=[eni])["NetworkInterfaces"])
    except ClientError:
        return False


def _why_not_eni(ctx: Context, answer, right: str) -> tuple[str, dict]:
    text = normalize(answer)
    fields = {"answer": text}
    if text.startswith("eni-") and text.endswith("-all"):
        return "answer_log_stream", fields
    if as_address(text):
        return "answer_address_not_eni", fields
    kind = id_kind(text)
    if kind:
        return "answer_wrong_kind", dict(fields, kind=pair(f"checks.kind.{kind}"))
    if text.startswith("eni-"):
        if _close(text, right.lower()):
            return "answer_typo", fields
        if _eni_exists(ctx, text):
            return "answer_other_eni", dict(fields, name=names.BASTION_NAME)
        return "answer_no_such_eni", fields
    return "wrong_answer", fields


def bastion_eni(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    interface = ctx.bastion_interface
    if not v.require(interface is not None, "no_bastion", name=names.BASTION_NAME):
        return v
    v.evidence["answer"] = normalize(answer)
    if not same_answer(answer, interface["NetworkInterfaceId"]):
        why, fields = _why_not_eni(ctx, answer, interface["NetworkInterfaceId"])
        v.fail(why, **fields)
    return v


def inbound_delivered(ctx: Context, action: str, ssh_only: bool = False) -> list[dict]:
    """The delivered records with `action` coming in to the bastion's ENI (with `ssh_only`, only TCP to
    port 22: SSH attempts and sessions), from the files the S3 flow log delivered."""
    interface = ctx.bastion_interface or {}
    eni, own_ip = interface.get("NetworkInterfaceId"), interface.get("PrivateIpAddress")
    files = ctx.delivered_files()
    if files is None or not eni:
        return []
    return [
        r
        for r in files.records()
        if r.get("action") == action
        and r.get("interface_id") == eni
        and r.get("dstaddr") == own_ip
        and (not ssh_only or (r.get("protocol"), r.get("dstport")) == ("6", "22"))
    ]


def rejected_sources_delivered(ctx: Context, ssh_only: bool = False) -> Counter:
    """Inbound REJECT records on the bastion's ENI by source, from the files the S3 flow log delivered
    (with `ssh_only`, only TCP to port 22: SSH attempts)."""
    return Counter(r.get("srcaddr") for r in inbound_delivered(ctx, "REJECT", ssh_only))


def _rejected_sources(ctx: Context) -> Counter:
    """Rejected attempts by source: the truth's, else the delivered logs'."""
    if ctx.truth:
        return truth_counts(ctx.truth, "rejected_by_source")
    return rejected_sources_delivered(ctx)


def top_rejected_source(ctx: Context, v: Verdict) -> str | None:
    """The truth's top attacker; on a real account (no truth), the top source in the delivered logs."""
    if ctx.truth:
        return ctx.truth.get("top_rejected_source")
    if ctx.delivery_prefix() is None:
        return None
    v.note("answer_from_delivered")
    order = ranked(rejected_sources_delivered(ctx))
    return order[0] if order else None


def own_addresses(ctx: Context) -> set[str]:
    bastion = ctx.bastion or {}
    interface = ctx.bastion_interface or {}
    return {
        a
        for a in (bastion.get("PublicIpAddress"), bastion.get("PrivateIpAddress"), interface.get("PrivateIpAddress"))
        if a
    }


def _why_not_top_attacker(ctx: Context, answer) -> tuple[str, dict]:
    return why_not_top_source(ctx, answer, _rejected_sources(ctx))


def not_an_outside_address(ctx: Context, answer, count_reason: str = "answer_count_not_address"):
    """(address, None, fields) when `answer` is an address outside the demo; else (None, the reason's key,
    fields): a count (`count_reason`), an id, not an address, or one of the demo's own addresses."""
    text = normalize(answer)
    fields = {"answer": text}
    if as_int(answer) is not None:
        return None, count_reason, fields
    if text.startswith("eni-") or id_kind(text):
        return None, "answer_id_not_address", fields
    address = as_address(answer)
    if address is None:
        return None, "answer_not_address", fields
    if address in own_addresses(ctx):
        return None, "answer_own_address", fields
    return address, None, fields


def why_not_top_source(ctx: Context, answer, counts: Counter, absent: str = "answer_not_rejected") -> tuple[str, dict]:
    """Why `answer` is not the top source of `counts` (rejected records by source): the reason's key and
    fields; `absent` names an address that is not among them at all."""
    address, why, fields = not_an_outside_address(ctx, answer)
    if why is not None:
        return why, fields
    order = ranked(counts)
    if address in order:
        if len(order) > 1 and address == order[-1]:
            return "answer_ascending", fields
        return "answer_not_top", fields
    if address == (ctx.truth or {}).get("admin_address"):
        return "answer_accepted_source", fields
    return absent, fields


def top_attacker(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    expected = top_rejected_source(ctx, v)
    if not v.require(expected is not None, "no_truth"):
        return v
    v.evidence["answer"] = normalize(answer)
    if not same_answer(answer, expected):
        why, fields = _why_not_top_attacker(ctx, answer)
        v.fail(why, **fields)
    return v


def _network_acl(ctx: Context, subnet_id: str) -> dict | None:
    acls = ctx.client("ec2").describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [subnet_id]}])[
        "NetworkAcls"
    ]
    return acls[0] if acls else None


def bastion_acl(ctx: Context, v: Verdict) -> tuple[str, list[dict]] | None:
    """(ACL id, entries) of the bastion's subnet's network ACL (its id in `v.evidence`), or None with the
    reason recorded on `v`. Entries AWS would refuse are kept: `nacl.invalid` tells them."""
    if not v.require(ctx.bastion is not None, "no_bastion", name=names.BASTION_NAME):
        return None
    subnet = ctx.bastion["SubnetId"]
    acl = _network_acl(ctx, subnet)
    if not v.require(acl is not None, "no_nacl", subnet=subnet):
        return None
    v.evidence["network_acl_id"] = acl["NetworkAclId"]
    return acl["NetworkAclId"], [e for e in acl.get("Entries", []) if isinstance(e, dict)]


def _first_allow_before(entries: list[dict], deny_rules: list[int], address: str) -> int | None:
    """An inbound ALLOW rule matching `address` numbered below every DENY rule for it."""
    allows = [
        e["RuleNumber"]
        for e in entries
        if not e.get("Egress")
        and str(e["RuleAction"]).lower() == "allow"
        and nacl.decide([e], False, address, "tcp", 22)[0] == "allow"
    ]
    earlier = [n for n in allows if n < min(deny_rules)]
    return min(earlier) if earlier else None


def _attacker_ports(ctx: Context, attacker: str) -> list[tuple[str, int]]:
    """The ports the truth saw the attacker probe (only sensible port numbers)."""
    entry = ((ctx.truth or {}).get("attackers") or {}).get(attacker)
    ports = entry.get("ports") if isinstance(entry, dict) else None
    found = [as_int(p) for p in (ports if isinstance(ports, list) else [])]
    return [("tcp", p) for p in found if p is not None and 0 < p <= 65535]


def nacl_block(ctx: Context, answer=None) -> Verdict:
    """The ACL's effect, evaluated: the attacker denied on every probe, the admin's SSH and HTTPS replies allowed."""
    v = Verdict()
    attacker = top_rejected_source(ctx, v)
    if not v.require(attacker is not None, "no_truth"):
        return v
    found = bastion_acl(ctx, v)
    if found is None:
        return v
    acl_id, entries = found
    for entry in entries:
        if nacl.invalid(entry):  # moto keeps what AWS refuses (10.0.0.0/33): it matches nothing here
            v.fail(
                "nacl_invalid_entry",
                acl=acl_id,
                rule=text_of(entry.get("RuleNumber")),
                cidr=text_of(entry.get("CidrBlock", "-")),
                direction=pair("checks.direction." + ("outbound" if entry.get("Egress") else "inbound")),
            )
    entries = [e for e in entries if not nacl.invalid(e)]
    let_in = nacl.allowed(entries, False, attacker, ATTACK_PROBES + _attacker_ports(ctx, attacker))
    if let_in:
        deny_rules = [
            e["RuleNumber"]
            for e in entries
            if not e.get("Egress")
            and str(e["RuleAction"]).lower() == "deny"
            and e["RuleNumber"] < 32767
            and nacl.decide([e], False, attacker, "tcp", 22)[0] == "deny"
        ]
        earlier_allow = _first_allow_before(entries, deny_rules, attacker) if deny_rules else None
        if earlier_allow is not None:
            v.fail("nacl_deny_too_late", acl=acl_id, deny_rule=min(deny_rules), allow_rule=earlier_allow)
        else:
            v.fail("nacl_attacker_allowed", acl=acl_id, probes=", ".join(let_in))
    admin = (ctx.truth or {}).get("admin_address") or ADMIN_SAMPLE_ADDRESS
    ephemeral = [("tcp", p) for p in nacl.EPHEMERAL_SAMPLES]
    admin_blocked = nacl.blocked(entries, False, admin, [("tcp", 22)]) + [
        f"out {p}" for p in nacl.blocked(entries, True, admin, ephemeral)
    ]
    v.require(not admin_blocked, "nacl_admin_blocked", acl=acl_id, address=admin, probes=", ".join(admin_blocked))
    https_blocked = [f"out {p}" for p in nacl.blocked(entries, True, WEB_SAMPLE_ADDRESS, [("tcp", 443)])] + [
        f"in {p}" for p in nacl.blocked(entries, False, WEB_SAMPLE_ADDRESS, ephemeral)
    ]
    v.require(not https_blocked, "nacl_https_blocked", acl=acl_id, probes=", ".join(https_blocked))
    return v
