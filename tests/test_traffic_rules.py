"""ACCEPT/REJECT come from the security groups and network ACLs read from the sandbox (issue 3, point 3)."""

from __future__ import annotations

import boto3
import pytest

from fixtures.demo_rules import ALL_OUT, custom_acl
from labkit.environment import layout
from labkit.traffic.model import generate_records
from labkit.traffic.rules import Packet, exchange, read_rules

START = 1764190800  # a fixed minute: these tests compare the same traffic under different rules
MINUTES = 15


@pytest.fixture
def env(demo_env):
    """The demo environment; tests/fixtures/demo_rules.py puts its rules back afterwards."""
    return demo_env


def records(env):
    return list(generate_records(env, MINUTES, seed=3, start=START))


def test_default_rules_accept_ssh_reject_the_rest(env):
    rules = read_rules(env.vpc_id)
    assert rules.acl_ids[env.public_subnet_id] == env.network_acl_id  # moto's default NACL: allow all (100)
    ssh = exchange(rules, Packet(6, "203.0.113.50", env.bastion.private_ip, 40000, 22))
    assert [(h.leg, h.direction, h.action) for h in ssh] == [
        ("request", "ingress", "ACCEPT"),
        ("reply", "egress", "ACCEPT"),
    ]
    telnet = exchange(rules, Packet(6, "203.0.113.50", env.bastion.private_ip, 40000, 23))
    assert [(h.direction, h.action) for h in telnet] == [("ingress", "REJECT")]
    out = exchange(rules, Packet(6, env.bastion.private_ip, "142.250.1.1", 40000, 443))
    assert [(h.direction, h.action) for h in out] == [("egress", "ACCEPT"), ("ingress", "ACCEPT")]


def test_security_group_reference_lets_only_the_bastion_reach_the_private_instance(env):
    rules = read_rules(env.vpc_id)
    hop = exchange(rules, Packet(6, env.bastion.private_ip, env.private.private_ip, 40000, 22))
    assert [(h.interface.interface_id, h.direction, h.action) for h in hop] == [
        (env.bastion.interface_id, "egress", "ACCEPT"),
        (env.private.interface_id, "ingress", "ACCEPT"),
        (env.private.interface_id, "egress", "ACCEPT"),
        (env.bastion.interface_id, "ingress", "ACCEPT"),
    ]
    other = exchange(rules, Packet(6, env.bastion.private_ip, env.private.private_ip, 40000, 3306))
    assert [(h.direction, h.action) for h in other] == [("egress", "ACCEPT"), ("ingress", "REJECT")]


def test_nacl_deny_for_one_attacker_turns_only_its_records_to_reject(env):
    before = records(env)
    attacker = next(
        r.srcaddr
        for r in before
        if r.dstport == 22
        and r.action == "ACCEPT"
        and r.flow_direction == "ingress"
        and r.srcaddr.startswith("192.0.2.")
    )
    custom_acl(
        env,
        ingress=[(90, "-1", None, f"{attacker}/32", "deny"), (100, "-1", None, "0.0.0.0/0", "allow")],
        egress=[(100, "-1", None, "0.0.0.0/0", "allow")],
    )
    after = records(env)

    def touches(r):
        return attacker in (r.srcaddr, r.dstaddr)

    assert [r for r in after if not touches(r)] == [r for r in before if not touches(r)]
    theirs = [r for r in after if touches(r)]
    assert theirs and all(r.action == "REJECT" and r.flow_direction == "ingress" for r in theirs)
    assert all(r.packets <= 2 and r.tcp_flags == 2 for r in theirs if r.dstport == 22)
    assert any(r.action == "ACCEPT" and r.dstport == 22 and r.srcaddr != attacker for r in after)


def test_nacl_without_ephemeral_ingress_rejects_replies_to_outbound_https(env):
    custom_acl(
        env, ingress=[(100, "6", (22, 22), "0.0.0.0/0", "allow")], egress=[(100, "-1", None, "0.0.0.0/0", "allow")]
    )
    https = [r for r in records(env) if "142.250." in r.srcaddr + r.dstaddr]  # the bastion's Google traffic
    out = [r for r in https if r.flow_direction == "egress"]
    back = [r for r in https if r.flow_direction == "ingress"]
    assert out and len(out) == len(back)
    assert all(r.action == "ACCEPT" for r in out)  # the request leaves: AWS logs it ACCEPT
    assert all(r.action == "REJECT" for r in back)  # the reply hits the NACL's `*` deny
    assert all(r.srcport == 443 and r.dstport >= 1024 for r in back)


def test_nacl_without_ephemeral_egress_rejects_replies_of_accepted_ssh(env):
    custom_acl(
        env,
        ingress=[(100, "-1", None, "0.0.0.0/0", "allow")],
        egress=[(100, "6", (443, 443), "0.0.0.0/0", "allow"), (110, "6", (80, 80), "0.0.0.0/0", "allow")],
    )
    ssh = [r for r in records(env) if r.srcaddr.startswith("192.0.2.") or r.dstaddr.startswith("192.0.2.")]
    ingress = [r for r in ssh if r.flow_direction == "ingress"]
    egress = [r for r in ssh if r.flow_direction == "egress"]
    assert ingress and len(ingress) == len(egress)
    assert all(r.action == "ACCEPT" for r in ingress) and all(r.action == "REJECT" for r in egress)
    assert all(r.tcp_flags == 18 for r in egress)  # SYN-ACKs that never get out


def test_closing_ssh_to_the_world_turns_brute_force_into_rejected_syns(env):
    before = [r for r in records(env) if r.srcaddr.startswith("192.0.2.") or r.dstaddr.startswith("192.0.2.")]
    assert any(r.action == "ACCEPT" and r.packets >= 11 for r in before)
    ec2 = boto3.client("ec2")
    ec2.revoke_security_group_ingress(GroupId=env.bastion.security_group_id, IpPermissions=layout.BASTION_INGRESS)
    after = [r for r in records(env) if r.srcaddr.startswith("192.0.2.") or r.dstaddr.startswith("192.0.2.")]
    assert len(after) == len([r for r in before if r.flow_direction == "ingress"])
    assert all(r.action == "REJECT" and r.flow_direction == "ingress" for r in after)
    assert all(1 <= r.packets <= 2 and r.tcp_flags == 2 and r.bytes == 60 * r.packets for r in after)


def test_security_groups_are_stateful_replies_pass_without_outbound_rules(env):
    boto3.client("ec2").revoke_security_group_egress(GroupId=env.bastion.security_group_id, IpPermissions=ALL_OUT)
    after = records(env)
    ssh = [r for r in after if r.srcaddr.startswith("192.0.2.") or r.dstaddr.startswith("192.0.2.")]
    assert ssh and all(r.action == "ACCEPT" for r in ssh)  # replies of allowed inbound flows
    assert any(r.flow_direction == "egress" for r in ssh)
    google = [r for r in after if "142.250." in r.srcaddr + r.dstaddr]
    assert google and all(r.flow_direction == "egress" and r.action == "REJECT" for r in google)
    assert {r.tcp_flags for r in google} <= {0, 2}  # bare SYNs (0: retransmissions mid-connection)
