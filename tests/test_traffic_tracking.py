"""Security-group connection tracking as AWS documents it (issue 13): a rule removed leaves tracked
connections flowing, a network ACL deny stops them at once, replies pass a stateful group whatever its
outbound rules and need the ephemeral ports in a stateless ACL, and a rule open to the world with the
default outbound rule leaves a flow untracked (cut as soon as the rule goes)."""

from __future__ import annotations

import ipaddress

import boto3
import pytest

from fixtures.demo_rules import custom_acl
from labkit.environment import build_demo_environment
from labkit.messages import LabkitError
from labkit.traffic import load_truth, run_traffic
from labkit.traffic.flows import TCP, Flow, Shape
from labkit.traffic.rules import ALL, AclEntry, Interface, Packet, Permission, Rules, tracks
from labkit.traffic.scenarios import OFFICE_ADDRESS, THIEF_ADDRESS
from labkit.traffic.tracking import ConnectionTable
from labkit.traffic.truth import empty_truth

START = 1764190800
BASTION = "10.0.1.10"
CLIENT = "198.51.100.23"
WORLD = ipaddress.ip_network("0.0.0.0/0")
SUBNET = ipaddress.ip_network("10.0.1.0/24")
ALLOW_ALL = (AclEntry(100, ALL, -1, -1, WORLD, True),)


def ssh_from(*cidrs) -> Permission:
    return Permission(TCP, 22, 22, tuple(ipaddress.ip_network(c) for c in cidrs))


def bastion_rules(ingress=(), egress=(Permission(ALL, -1, -1, (WORLD,)),), acl_in=None, acl_out=None) -> Rules:
    """One ENI (the bastion's) with one security group and the subnet's ACL (default: allow all)."""
    rules = Rules()
    rules.interfaces[BASTION] = Interface("eni-bastion", BASTION, "subnet-public", SUBNET, ("sg-bastion",))
    rules.ingress["sg-bastion"], rules.egress["sg-bastion"] = tuple(ingress), tuple(egress)
    rules.acl_ingress["subnet-public"] = ALLOW_ALL if acl_in is None else acl_in
    rules.acl_egress["subnet-public"] = ALLOW_ALL if acl_out is None else acl_out
    return rules


def session_minute(opening: bool, continues: bool = True) -> Flow:
    """One minute of a long SSH session from CLIENT to the bastion."""
    return Flow(
        "stolen-session",
        CLIENT,
        Packet(TCP, CLIENT, BASTION, 50000, 22),
        Shape(40, 4000, 0),
        Shape(40, 4000, 0),
        0,
        59,
        opening=opening,
        continues=continues,
    )


def actions(hops) -> list[tuple[str, str]]:
    return [(hop.direction, hop.action) for hop in hops]


# ---- the decision, on hand-made rules ------------------------------------------------------------


def test_a_narrow_rule_is_tracked_a_rule_open_to_the_world_with_open_outbound_is_not():
    packet = Packet(TCP, CLIENT, BASTION, 50000, 22)
    narrow = bastion_rules(ingress=[ssh_from(f"{CLIENT}/32")])
    world = bastion_rules(ingress=[ssh_from("0.0.0.0/0")])
    world_but_narrow_outbound = bastion_rules(
        ingress=[ssh_from("0.0.0.0/0")], egress=[Permission(TCP, 443, 443, (WORLD,))]
    )
    interface = narrow.interfaces[BASTION]
    assert tracks(narrow, interface, packet, ingress=True)
    assert not tracks(world, interface, packet, ingress=True)
    assert tracks(world_but_narrow_outbound, interface, packet, ingress=True)
    ping = Packet(1, CLIENT, BASTION, 0, 8)
    assert tracks(bastion_rules(ingress=[Permission(ALL, -1, -1, (WORLD,))]), interface, ping, ingress=True)


def test_removing_the_rule_leaves_the_tracked_session_flowing_and_refuses_new_connections():
    table = ConnectionTable()
    allowed, removed = bastion_rules(ingress=[ssh_from(f"{CLIENT}/32")]), bastion_rules(ingress=[])
    assert actions(table.exchange(allowed, session_minute(opening=True))) == [
        ("ingress", "ACCEPT"),
        ("egress", "ACCEPT"),
    ]
    table.end_minute()
    assert actions(table.exchange(removed, session_minute(opening=False))) == [
        ("ingress", "ACCEPT"),
        ("egress", "ACCEPT"),
    ]
    new = Flow(
        "stolen-new", CLIENT, Packet(TCP, CLIENT, BASTION, 50001, 22), Shape(20, 2000, 2), Shape(20, 2000, 18), 3, 9
    )
    assert actions(table.exchange(removed, new)) == [("ingress", "REJECT")]
    table.end_minute()
    assert list(table.tracked) == [(TCP, CLIENT, 50000, BASTION, 22)]


def test_a_network_acl_deny_stops_a_tracked_session_at_once():
    table = ConnectionTable()
    table.exchange(bastion_rules(ingress=[ssh_from(f"{CLIENT}/32")]), session_minute(opening=True))
    table.end_minute()
    deny = (AclEntry(90, ALL, -1, -1, ipaddress.ip_network(f"{CLIENT}/32"), False),) + ALLOW_ALL
    denied = bastion_rules(ingress=[ssh_from(f"{CLIENT}/32")], acl_in=deny)
    assert actions(table.exchange(denied, session_minute(opening=False))) == [("ingress", "REJECT")]


def test_an_untracked_session_stops_with_its_rule():
    table = ConnectionTable()
    table.exchange(bastion_rules(ingress=[ssh_from("0.0.0.0/0")]), session_minute(opening=True))
    table.end_minute()
    assert table.tracked == {}
    assert actions(table.exchange(bastion_rules(ingress=[]), session_minute(opening=False))) == [("ingress", "REJECT")]


def test_a_connection_that_ended_is_forgotten():
    table = ConnectionTable()
    table.exchange(bastion_rules(ingress=[ssh_from(f"{CLIENT}/32")]), session_minute(opening=True))
    table.end_minute()
    table.end_minute()  # a minute in which the session was not planned: it ended
    assert actions(table.exchange(bastion_rules(ingress=[]), session_minute(opening=False))) == [("ingress", "REJECT")]


def test_replies_pass_a_stateful_group_whatever_its_outbound_rules_but_need_the_acls_ephemeral_ports():
    no_outbound = bastion_rules(ingress=[ssh_from(f"{CLIENT}/32")], egress=[])
    first = session_minute(opening=True, continues=False)
    assert actions(ConnectionTable().exchange(no_outbound, first)) == [("ingress", "ACCEPT"), ("egress", "ACCEPT")]
    web_only = (AclEntry(100, TCP, 443, 443, WORLD, True),)
    stateless = bastion_rules(ingress=[ssh_from(f"{CLIENT}/32")], acl_out=web_only)
    assert actions(ConnectionTable().exchange(stateless, first)) == [("ingress", "ACCEPT"), ("egress", "REJECT")]
    ephemeral = web_only + (AclEntry(110, TCP, 1024, 65535, WORLD, True),)
    fixed = bastion_rules(ingress=[ssh_from(f"{CLIENT}/32")], acl_out=ephemeral)
    assert actions(ConnectionTable().exchange(fixed, first)) == [("ingress", "ACCEPT"), ("egress", "ACCEPT")]


def test_the_table_round_trips_through_plain_data():
    table = ConnectionTable()
    table.exchange(bastion_rules(ingress=[ssh_from(f"{CLIENT}/32")]), session_minute(opening=True))
    table.end_minute()
    again = ConnectionTable.from_state(table.state())
    assert again.tracked == table.tracked == {(TCP, CLIENT, 50000, BASTION, 22): ("eni-bastion",)}


# ---- across runs, in the sandbox -----------------------------------------------------------------


class Collect:
    def __init__(self):
        self.records = []

    def deliver_minute(self, minute_start, records):
        self.records.extend(records)

    def close(self):
        pass


def thief_actions(records, env) -> list[tuple[int, int, str]]:
    """(minute, source port, action) of the thief's inbound records at the bastion."""
    return sorted(
        (r.start // 60 * 60, r.srcport, r.action)
        for r in records
        if r.srcaddr == THIEF_ADDRESS and r.interface_id == env.bastion.interface_id and r.flow_direction == "ingress"
    )


def set_ssh(env, *cidrs) -> None:
    ec2 = boto3.client("ec2")
    group = ec2.describe_security_groups(GroupIds=[env.bastion.security_group_id])["SecurityGroups"][0]
    if group["IpPermissions"]:
        ec2.revoke_security_group_ingress(GroupId=group["GroupId"], IpPermissions=group["IpPermissions"])
    if cidrs:
        ec2.authorize_security_group_ingress(
            GroupId=group["GroupId"],
            IpPermissions=[
                {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": c} for c in cidrs]}
            ],
        )


def run(minutes: int, start: int, scenario: str | None = None) -> list:
    collect = Collect()
    run_traffic(minutes, seed=0, start=start, deliverer=collect, scenario=scenario)
    return collect.records


def test_across_runs_the_stolen_session_outlives_its_rule_until_the_acl_denies_it(demo_env):
    env = demo_env
    set_ssh(env, "198.51.100.7/32", f"{THIEF_ADDRESS}/32")
    first = run(2, START, scenario="stolen-laptop")
    session_port = next(
        port for _, port, _ in thief_actions(first, env) if sum(p == port for _, p, _ in thief_actions(first, env)) == 2
    )
    assert {action for _, _, action in thief_actions(first, env)} == {"ACCEPT"}

    set_ssh(env, "198.51.100.7/32")  # the thief's rule removed
    second = run(2, START + 120)
    by_kind = {(port == session_port, action) for _, port, action in thief_actions(second, env)}
    assert by_kind == {(True, "ACCEPT"), (False, "REJECT")}  # the session flows, new connections refused

    custom_acl(
        env,
        ingress=[(90, "-1", None, f"{THIEF_ADDRESS}/32", "deny"), (100, "-1", None, "0.0.0.0/0", "allow")],
        egress=[(100, "-1", None, "0.0.0.0/0", "allow")],
    )
    third = run(1, START + 240)
    assert {action for _, _, action in thief_actions(third, env)} == {"REJECT"}

    laptop = load_truth()["scenarios"]["stolen-laptop"]
    assert (laptop["kept_flowing_minutes"], laptop["cut_minutes"]) == (2, 1)
    assert laptop["last_kept_flowing"] == START + 180 and laptop["last_cut"] == START + 240


def test_with_ssh_open_to_the_world_the_session_is_untracked_and_stops_with_the_rule(demo_env):
    env = demo_env  # the demo's rules: SSH from 0.0.0.0/0, all outbound
    run(1, START, scenario="stolen-laptop")
    set_ssh(env, "198.51.100.7/32")
    after = run(1, START + 60)
    assert {action for _, _, action in thief_actions(after, env)} == {"REJECT"}
    assert load_truth()["scenarios"]["stolen-laptop"]["kept_flowing_minutes"] == 0


def test_split_runs_carry_their_connections_and_repeat_exactly(demo_env, world):
    env = demo_env

    def story() -> list:
        set_ssh(env, "198.51.100.7/32", f"{THIEF_ADDRESS}/32")
        records = run(1, START, scenario="stolen-laptop")
        set_ssh(env, "198.51.100.7/32")
        return records + run(2, START + 60)

    once = story()
    world.truth = empty_truth()  # a fresh simulation, same account
    again = story()
    assert once == again
    assert any(r.srcaddr == THIEF_ADDRESS and r.action == "ACCEPT" and r.start >= START + 60 for r in once)


def test_an_unknown_scenario_is_refused_in_both_languages(aws_env):
    build_demo_environment()
    with pytest.raises(LabkitError) as raised:
        run_traffic(1, seed=0, start=START, deliverer=Collect(), scenario="heist")
    assert "heist" in str(raised.value) and "시나리오" in str(raised.value)


def test_scenario_clients_change_nothing_else(demo_env, world):
    plain = run(3, START)
    world.truth = empty_truth()
    with_backup = run(3, START, scenario="office-backup")

    def others(records):
        return [r for r in records if OFFICE_ADDRESS not in (r.srcaddr, r.dstaddr)]

    assert others(with_backup) == others(plain)
    assert len(with_backup) > len(plain)
