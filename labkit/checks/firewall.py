"""Lab 02: security groups against network ACLs, stateful against stateless, and a REJECT-only flow log.

The stolen laptop (labkit.traffic.scenarios): its SSH session stays open while someone else holds it.
- `sg_revoked`: no rule of the bastion's security groups lets the laptop's address in any more, and the
  traffic since showed its open session still flowing (tracked) while its new connections were refused.
- `nacl_cut`: an entry of the bastion subnet's network ACL denies the address, and the traffic since
  showed the session itself refused.

The office backup that fails:
- `reject_flow_log`: a flow log records only REJECT traffic of the demo VPC (or the bastion's subnet or
  ENI), and not into the folder Athena reads in lab 03.
- `blocking_rule` (answer): the number of the network ACL rule that refused the backup's traffic, judged
  against what refused it in the sandbox.
- `office_fixed`: the ACL lets the backup's SSH in and its replies out, and the traffic since went through.
On AWS nobody plays the laptop or the office (labs.incidents): the rules are judged all the same, and the
traffic part fails with `scenario_sandbox_only`, so these four steps earn their XP in the sandbox only.
"""

from __future__ import annotations

import ipaddress

from ..traffic.scenarios import OFFICE_ADDRESS, OFFICE_BACKUP, STOLEN_LAPTOP, THIEF_ADDRESS
from . import nacl, names
from .answers import as_int, normalize, text_of
from .context import Context
from .reading import bastion_acl
from .verdict import Verdict

DEFAULT_DENY_RULE = 32767  # the `*` entry every network ACL ends with
SSH = [("tcp", 22)]
EPHEMERAL = [("tcp", port) for port in nacl.EPHEMERAL_SAMPLES]


def _inside(address: str, cidr) -> bool:
    try:
        return ipaddress.ip_address(address) in ipaddress.ip_network(str(cidr), strict=False)
    except ValueError:
        return False


def _permits_ssh(permission: dict) -> bool:
    protocol = str(permission.get("IpProtocol", "")).lower()
    if protocol in ("-1", "all"):
        return True
    low, high = permission.get("FromPort"), permission.get("ToPort")
    return protocol in ("tcp", "6") and isinstance(low, int) and isinstance(high, int) and low <= 22 <= high


def ssh_rules_for(ctx: Context, address: str) -> list[str]:
    """The bastion's security-group rules that let `address` in on SSH, written 'sg-…: 10.0.0.0/8'."""
    groups_of_eni = (ctx.bastion_interface or {}).get("Groups") or (ctx.bastion or {}).get("SecurityGroups") or []
    group_ids = [g["GroupId"] for g in groups_of_eni if isinstance(g, dict) and g.get("GroupId")]
    if not group_ids:
        return []
    groups = ctx.client("ec2").describe_security_groups(GroupIds=group_ids)["SecurityGroups"]
    return [
        f"{group['GroupId']}: {r.get('CidrIp')}"
        for group in groups
        for p in group.get("IpPermissions", [])
        if _permits_ssh(p)
        for r in p.get("IpRanges", [])
        if _inside(address, r.get("CidrIp"))
    ]


def _scenario(ctx: Context, name: str) -> dict | None:
    """What the sandbox saw of a scenario's clients, or None before it ran (or outside the sandbox)."""
    found = ((ctx.truth or {}).get("scenarios") or {}).get(name)
    return found if isinstance(found, dict) else None


def _count(found: dict, key: str) -> int:
    value = found.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _bastion_acl(ctx: Context, v: Verdict) -> tuple[str, list[dict]] | None:
    """(ACL id, entries AWS would accept) of the bastion's subnet, or None with the reason recorded."""
    found = bastion_acl(ctx, v)
    return None if found is None else (found[0], [e for e in found[1] if not nacl.invalid(e)])


def _scenario_ran(ctx: Context, v: Verdict, name: str) -> dict | None:
    """What the scenario's scripted client did, or None with the reason recorded. On AWS nobody plays it
    (labs.incidents): the rules are judged, the traffic part is the sandbox's only, so the step earns no XP."""
    from ..config import target

    if target() == "aws":
        v.fail("scenario_sandbox_only", scenario=name)
        return None
    found = _scenario(ctx, name)
    v.require(found is not None, "scenario_not_run", scenario=name)
    return found


def sg_revoked(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    if not v.require(ctx.bastion is not None, "no_bastion", name=names.BASTION_NAME):
        return v
    still = ssh_rules_for(ctx, THIEF_ADDRESS)
    v.require(not still, "thief_still_allowed", address=THIEF_ADDRESS, rules=", ".join(still))
    laptop = _scenario_ran(ctx, v, STOLEN_LAPTOP)
    if laptop is not None:
        v.evidence["kept_flowing_minutes"] = _count(laptop, "kept_flowing_minutes")
        v.require(_count(laptop, "kept_flowing_minutes") > 0, "session_not_seen_flowing", address=THIEF_ADDRESS)
    return v


def nacl_cut(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    found = _bastion_acl(ctx, v)
    if found is None:
        return v
    acl_id, entries = found
    decision, rule = nacl.decide(entries, False, THIEF_ADDRESS, "tcp", 22)
    v.require(decision == "deny" and rule is not None, "thief_not_denied", acl=acl_id, address=THIEF_ADDRESS)
    laptop = _scenario_ran(ctx, v, STOLEN_LAPTOP)
    if laptop is not None:
        v.require(_count(laptop, "cut_minutes") > 0, "session_not_seen_cut", address=THIEF_ADDRESS)
    return v


def _covers_bastion(ctx: Context) -> set[str]:
    interface = ctx.bastion_interface or {}
    return {
        x
        for x in (
            (ctx.demo_vpc or {}).get("VpcId"),
            (ctx.bastion or {}).get("SubnetId"),
            interface.get("NetworkInterfaceId"),
        )
        if x
    }


def reject_flow_log(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    if not v.require(ctx.demo_vpc is not None, "no_demo_vpc", name=names.VPC_NAME):
        return v
    covering = [f for f in ctx.flow_logs if f.get("ResourceId") in _covers_bastion(ctx)]
    rejects = [f for f in covering if f.get("TrafficType") == "REJECT"]
    if not rejects:
        return v.fail(
            "no_reject_flow_log", types=", ".join(sorted({text_of(f.get("TrafficType")) for f in covering})) or "-"
        )
    chosen = sorted(rejects, key=lambda f: f.get("FlowLogStatus") != "ACTIVE")[0]
    v.evidence.update(flow_log_id=chosen.get("FlowLogId"), destination=chosen.get("LogDestination"))
    v.require(chosen.get("FlowLogStatus", "ACTIVE") == "ACTIVE", "flow_log_not_active", id=chosen.get("FlowLogId"))
    if chosen.get("LogDestinationType") == "s3":
        bucket, folder = names.parse_s3_arn(chosen.get("LogDestination", "")) or (None, "")
        v.require(
            not (bucket == ctx.flow_log_bucket and not folder),
            "reject_log_in_athena_folder",
            id=chosen.get("FlowLogId"),
            bucket=ctx.flow_log_bucket,
        )
    return v


def _rule_answer(answer) -> int | None:
    if normalize(answer) == "*":
        return DEFAULT_DENY_RULE
    return as_int(answer)


def blocking_rule(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    backup = _scenario_ran(ctx, v, OFFICE_BACKUP)
    if backup is None:
        return v
    if not v.require(_count(backup, "failed_minutes") > 0, "backup_never_failed", address=OFFICE_ADDRESS):
        return v
    refused = [r for r in backup.get("refused_by") or [] if isinstance(r, (int, str))]
    number = _rule_answer(answer)
    v.evidence["answer"] = normalize(answer)
    if number is None:
        return v.fail("answer_not_rule_number", answer=normalize(answer))
    if number in refused:
        return v
    if number == 22 or number >= 1024 and number != DEFAULT_DENY_RULE:
        return v.fail("answer_port_not_rule", answer=number)
    if "security-group" in refused and not any(isinstance(r, int) for r in refused):
        return v.fail("answer_acl_not_to_blame", answer=number)
    return v.fail("answer_not_blocking_rule", answer=number)


def office_fixed(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    found = _bastion_acl(ctx, v)
    if found is None:
        return v
    acl_id, entries = found
    blocked = [f"in {p}" for p in nacl.blocked(entries, False, OFFICE_ADDRESS, SSH)] + [
        f"out {p}" for p in nacl.blocked(entries, True, OFFICE_ADDRESS, EPHEMERAL)
    ]
    v.require(not blocked, "office_still_blocked", acl=acl_id, address=OFFICE_ADDRESS, probes=", ".join(blocked))
    v.require(bool(ssh_rules_for(ctx, OFFICE_ADDRESS)), "office_not_in_security_group", address=OFFICE_ADDRESS)
    backup = _scenario_ran(ctx, v, OFFICE_BACKUP)
    if backup is None:
        return v
    if not v.require(_count(backup, "failed_minutes") > 0, "backup_never_failed", address=OFFICE_ADDRESS):
        return v
    failed, worked = backup.get("last_failed"), backup.get("last_succeeded")
    v.require(
        isinstance(worked, int) and isinstance(failed, int) and worked > failed,
        "backup_not_seen_working",
        address=OFFICE_ADDRESS,
    )
    return v
