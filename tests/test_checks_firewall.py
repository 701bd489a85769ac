"""Lab 02's firewall checks against the sandbox: the stolen laptop (security group vs network ACL, connection
tracking) and the office backup debugged with a REJECT-only flow log. The lab is built once as its notebook
builds it; each test looks at the verdicts recorded on the way, or breaks one thing and puts it back."""

from __future__ import annotations

import contextlib

import boto3
import pytest

from conftest import fresh_account
from labkit.checks import verify
from labkit.messages import pair

REGION = "us-east-1"
ADMIN, THIEF = "198.51.100.7", "198.51.100.23"
LAPTOP_STEPS = ("firewall.sg_revoked", "firewall.nacl_cut")
OFFICE_STEPS = ("firewall.reject_flow_log", "firewall.blocking_rule", "firewall.office_fixed")
SSH = {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22}
HARDENING_RULE = 50


def client(service: str):
    return boto3.client(service, region_name=REGION)


def reasons(step_id: str, answer=None) -> list[str]:
    return [key.removeprefix("checks.why.") for key, _ in verify(step_id, answer).missing]


def ssh_rule(cidr: str) -> list[dict]:
    return [{**SSH, "IpRanges": [{"CidrIp": cidr}]}]


def reject_flow_log(env, bucket: str, folder: str = "rejects", on_subnet: bool = False) -> str:
    destination = f"arn:aws:s3:::{bucket}/{folder}" if folder else f"arn:aws:s3:::{bucket}"
    resource = (env.public_subnet_id, "Subnet") if on_subnet else (env.vpc_id, "VPC")
    return client("ec2").create_flow_logs(
        ResourceIds=[resource[0]],
        ResourceType=resource[1],
        TrafficType="REJECT",
        LogDestinationType="s3",
        LogDestination=destination,
        MaxAggregationInterval=60,
        TagSpecifications=[{"ResourceType": "vpc-flow-log", "Tags": [{"Key": "Name", "Value": "DemoRejectFlowLog"}]}],
    )["FlowLogIds"][0]


@pytest.fixture(scope="module")
def lab(sandbox, tmp_path_factory):
    """Lab 02's firewall sections as the notebook runs them, with the verdicts at each stage."""
    from labkit.environment import find_demo_environment
    from labkit.labs import prepare
    from labkit.checks.names import flow_log_bucket_name
    from labkit.traffic import run_traffic

    seen = {}
    with fresh_account(sandbox, tmp_path_factory.mktemp("labkit-home")):
        prepare("02-reading-flow-logs")
        env = find_demo_environment()
        ec2 = client("ec2")
        group = env.bastion.security_group_id
        seen["nothing"] = {step: reasons(step, 50) for step in LAPTOP_STEPS + OFFICE_STEPS}
        run_traffic(10, seed=0)
        ec2.revoke_security_group_ingress(GroupId=group, IpPermissions=ssh_rule("0.0.0.0/0"))
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=ssh_rule(f"{ADMIN}/32"))
        # The stolen laptop: its rule, its session opening, then the student's two fixes.
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=ssh_rule(f"{THIEF}/32"))
        run_traffic(3, seed=0, scenario="stolen-laptop")
        seen["laptop_started"] = {step: reasons(step) for step in LAPTOP_STEPS}
        ec2.revoke_security_group_ingress(GroupId=group, IpPermissions=ssh_rule(f"{THIEF}/32"))
        seen["revoked_no_traffic"] = reasons("firewall.sg_revoked")
        run_traffic(3, seed=0)
        seen["revoked"] = {step: reasons(step) for step in LAPTOP_STEPS}
        ec2.create_network_acl_entry(
            NetworkAclId=env.network_acl_id,
            RuleNumber=91,
            Protocol="-1",
            RuleAction="deny",
            Egress=False,
            CidrBlock=f"{THIEF}/32",
        )
        seen["denied_no_traffic"] = reasons("firewall.nacl_cut")
        run_traffic(2, seed=0)
        # The office backup: the colleague's outbound rule, the REJECT-only flow log, the answer, the fix.
        ec2.create_network_acl_entry(
            NetworkAclId=env.network_acl_id,
            RuleNumber=HARDENING_RULE,
            Protocol="6",
            RuleAction="deny",
            Egress=True,
            CidrBlock="0.0.0.0/0",
            PortRange={"From": 1024, "To": 65535},
        )
        bucket = flow_log_bucket_name(env.account_id, env.region)
        seen["no_flow_log"] = reasons("firewall.reject_flow_log")
        flow_log = reject_flow_log(env, bucket)
        run_traffic(3, seed=0, scenario="office-backup")
        seen["broken"] = {step: reasons(step, HARDENING_RULE) for step in OFFICE_STEPS}
        ec2.create_network_acl_entry(
            NetworkAclId=env.network_acl_id,
            RuleNumber=40,
            Protocol="6",
            RuleAction="allow",
            Egress=True,
            CidrBlock=f"{ADMIN}/32",
            PortRange={"From": 1024, "To": 65535},
        )
        seen["fixed_no_traffic"] = reasons("firewall.office_fixed")
        run_traffic(3, seed=0)
        yield {"env": env, "seen": seen, "bucket": bucket, "flow_log": flow_log}


@contextlib.contextmanager
def acl_entry(env, number: int, egress: bool, action: str, cidr: str, protocol: str = "-1", ports=None):
    ec2 = client("ec2")
    extra = {"PortRange": {"From": ports[0], "To": ports[1]}} if ports else {}
    ec2.create_network_acl_entry(
        NetworkAclId=env.network_acl_id,
        RuleNumber=number,
        Protocol=protocol,
        RuleAction=action,
        Egress=egress,
        CidrBlock=cidr,
        **extra,
    )
    try:
        yield
    finally:
        ec2.delete_network_acl_entry(NetworkAclId=env.network_acl_id, RuleNumber=number, Egress=egress)


# ---- before and along the way ---------------------------------------------------------------------------


def test_nothing_passes_before_the_scenarios_ran(lab):
    nothing = lab["seen"]["nothing"]
    assert "scenario_not_run" in nothing["firewall.sg_revoked"]
    assert "thief_not_denied" in nothing["firewall.nacl_cut"] and "scenario_not_run" in nothing["firewall.nacl_cut"]
    assert nothing["firewall.reject_flow_log"] == ["no_reject_flow_log"]
    assert nothing["firewall.blocking_rule"] == ["scenario_not_run"]
    assert "scenario_not_run" in nothing["firewall.office_fixed"]


def test_the_laptop_steps_fail_until_each_fix_is_in_place_and_seen_in_traffic(lab):
    seen = lab["seen"]
    assert seen["laptop_started"]["firewall.sg_revoked"] == ["thief_still_allowed", "session_not_seen_flowing"]
    assert seen["laptop_started"]["firewall.nacl_cut"] == ["thief_not_denied", "session_not_seen_cut"]
    assert seen["revoked_no_traffic"] == ["session_not_seen_flowing"]
    assert seen["revoked"]["firewall.sg_revoked"] == []
    assert seen["revoked"]["firewall.nacl_cut"] == ["thief_not_denied", "session_not_seen_cut"]
    assert seen["denied_no_traffic"] == ["session_not_seen_cut"]


def test_the_office_steps_fail_until_each_part_is_done(lab):
    seen = lab["seen"]
    assert seen["no_flow_log"] == ["no_reject_flow_log"]
    assert seen["broken"]["firewall.reject_flow_log"] == []
    assert seen["broken"]["firewall.blocking_rule"] == []  # rule 50 refused the replies
    assert seen["broken"]["firewall.office_fixed"] == ["office_still_blocked", "backup_not_seen_working"]
    assert seen["fixed_no_traffic"] == ["backup_not_seen_working"]


def test_the_lab_as_built_passes_every_firewall_step(lab):
    for step in LAPTOP_STEPS + OFFICE_STEPS:
        answer = HARDENING_RULE if step == "firewall.blocking_rule" else None
        assert verify(step, answer).missing == [], step


# ---- wrong state, wrong answers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer, why",
    [
        (40, "answer_not_blocking_rule"),
        (100, "answer_not_blocking_rule"),
        ("*", "answer_not_blocking_rule"),
        (22, "answer_port_not_rule"),
        (52113, "answer_port_not_rule"),
        ("rule fifty", "answer_not_rule_number"),
        (None, "answer_needed"),
        (10**5000, "answer_too_big"),
    ],
    ids=["allow-rule", "default-allow", "star", "ssh-port", "ephemeral-port", "words", "none", "huge"],
)
def test_a_wrong_rule_number_is_named_for_what_it_is(lab, answer, why):
    assert reasons("firewall.blocking_rule", answer) == [why]


@pytest.mark.parametrize("answer", [50, "50", " 50 ", 50.0])
def test_the_right_rule_number_in_any_usual_form(lab, answer):
    assert verify("firewall.blocking_rule", answer).passed


def test_the_thief_allowed_again_by_a_wider_rule_fails_sg_revoked(lab):
    ec2, group = client("ec2"), lab["env"].bastion.security_group_id
    ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=ssh_rule("198.51.100.0/24"))
    try:
        assert reasons("firewall.sg_revoked") == ["thief_still_allowed"]
    finally:
        ec2.revoke_security_group_ingress(GroupId=group, IpPermissions=ssh_rule("198.51.100.0/24"))


def test_an_allow_before_the_deny_fails_nacl_cut(lab):
    with acl_entry(lab["env"], 80, False, "allow", f"{THIEF}/32"):
        assert reasons("firewall.nacl_cut") == ["thief_not_denied"]


def test_the_office_denied_again_fails_office_fixed(lab):
    with acl_entry(lab["env"], 30, False, "deny", f"{ADMIN}/32"):
        assert reasons("firewall.office_fixed") == ["office_still_blocked"]


def test_the_office_dropped_from_the_security_group_fails_office_fixed(lab):
    ec2, group = client("ec2"), lab["env"].bastion.security_group_id
    ec2.revoke_security_group_ingress(GroupId=group, IpPermissions=ssh_rule(f"{ADMIN}/32"))
    try:
        assert reasons("firewall.office_fixed") == ["office_not_in_security_group"]
    finally:
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=ssh_rule(f"{ADMIN}/32"))


def test_a_reject_flow_log_into_athenas_folder_or_an_all_flow_log_is_not_the_step(lab):
    ec2 = client("ec2")
    ec2.delete_flow_logs(FlowLogIds=[lab["flow_log"]])
    try:
        assert reasons("firewall.reject_flow_log") == ["no_reject_flow_log"]
        top = reject_flow_log(lab["env"], lab["bucket"], folder="", on_subnet=True)
        assert reasons("firewall.reject_flow_log") == ["reject_log_in_athena_folder"]
        ec2.delete_flow_logs(FlowLogIds=[top])
    finally:
        lab["flow_log"] = reject_flow_log(lab["env"], lab["bucket"])
    assert verify("firewall.reject_flow_log").passed


def test_a_damaged_truth_is_a_verdict_not_a_crash(lab):
    from labkit.world import current_world

    world = current_world()
    saved = world.truth
    try:
        for damaged in (
            {**saved, "scenarios": "gone"},
            {**saved, "scenarios": {"stolen-laptop": [1], "office-backup": {"failed_minutes": "x", "refused_by": 5}}},
        ):
            world.truth = damaged
            for step in LAPTOP_STEPS + ("firewall.blocking_rule", "firewall.office_fixed"):
                why = reasons(step, 50)
                assert "check_failed" not in why, (step, why)
                assert why, (step, damaged)
    finally:
        world.truth = saved


def test_every_reason_reads_in_both_languages(lab):
    fields = {
        "scenario": "stolen-laptop",
        "address": THIEF,
        "rules": "sg-1: 0.0.0.0/0",
        "acl": "acl-1",
        "types": "ALL",
        "id": "fl-1",
        "bucket": "b",
        "answer": 40,
        "probes": "out tcp/1024",
    }
    keys = {
        "scenario_not_run",
        "thief_still_allowed",
        "session_not_seen_flowing",
        "thief_not_denied",
        "session_not_seen_cut",
        "no_reject_flow_log",
        "flow_log_not_active",
        "reject_log_in_athena_folder",
        "backup_never_failed",
        "answer_not_rule_number",
        "answer_port_not_rule",
        "answer_acl_not_to_blame",
        "answer_not_blocking_rule",
        "office_still_blocked",
        "office_not_in_security_group",
        "backup_not_seen_working",
    }
    for key in keys:
        both = pair(f"checks.why.{key}", **fields)
        assert both["en"] and both["ko"] and both["en"] != both["ko"], key
        assert any("\uac00" <= ch <= "\ud7a3" for ch in both["ko"]), key
