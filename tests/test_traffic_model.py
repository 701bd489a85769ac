"""The traffic model against shared/reference/traffic.md: mix, volume, shapes, sources, determinism."""

from __future__ import annotations

import dataclasses
import ipaddress
from collections import Counter

import pytest

from labkit.environment import build_demo_environment
from labkit.traffic.addresses import ADMIN_ADDRESS, is_attacker_range, never_logged
from labkit.traffic.model import generate_records, minute_records
from labkit.traffic.rules import read_rules
from labkit.traffic.scanning import SCAN_CLASSES

START = 1764190800  # 2025-11-26 21:00 UTC
DAY = 1440


@pytest.fixture(scope="module")
def env(sandbox):
    return build_demo_environment()


@pytest.fixture(scope="module")
def rules(env):
    return read_rules(env.vpc_id)


@pytest.fixture(scope="module")
def day(env, rules):
    """A simulated day of (flow, record) pairs under the demo's rules."""
    return [pair for m in range(DAY) for pair in minute_records(env, rules, 5, START + m * 60)]


def external(address: str, env) -> bool:
    return ipaddress.ip_address(address) not in ipaddress.ip_network(env.vpc_cidr)


def test_same_seed_and_start_give_identical_records(env, rules):
    first = list(generate_records(env, 30, seed=7, start=START, rules=rules))
    assert first == list(generate_records(env, 30, seed=7, start=START, rules=rules))
    assert first != list(generate_records(env, 30, seed=8, start=START, rules=rules))
    split = list(generate_records(env, 12, seed=7, start=START, rules=rules)) + list(
        generate_records(env, 18, seed=7, start=START + 12 * 60, rules=rules, origin=START)
    )
    assert split == first  # a minute's traffic depends on (seed, minutes since the origin) only


def test_records_are_recent_minutes_of_one_minute_each(env, rules):
    records = list(generate_records(env, 5, seed=1, start=START, rules=rules))
    assert records and all(START <= r.start <= r.end < START + 5 * 60 for r in records)
    assert all(r.start // 60 == r.end // 60 for r in records)


def test_nothing_to_addresses_aws_never_logs_and_no_public_ip(day, env):
    addresses = {a for _, r in day for a in (r.srcaddr, r.dstaddr)}
    assert not [a for a in addresses if never_logged(a, env.vpc_cidr)]
    assert env.bastion.public_ip not in addresses
    assert {r.protocol for _, r in day} <= {1, 6, 17}
    # srcaddr/dstaddr: the ENI's own private IP is always one side
    ips = {env.bastion.interface_id: env.bastion.private_ip, env.private.interface_id: env.private.private_ip}
    assert all(ips[r.interface_id] in (r.srcaddr, r.dstaddr) for _, r in day)


def test_outside_addresses_are_attackers_admin_google_or_s3(day, env):
    outside = Counter()
    for flow, r in day:
        for address in (r.srcaddr, r.dstaddr):
            if external(address, env):
                outside[(flow.traffic_class, address)] += 1
    for (traffic_class, address), _ in outside.items():
        if traffic_class.startswith("scan-") or traffic_class == "ssh-bruteforce":
            assert is_attacker_range(address) and address != ADMIN_ADDRESS
        elif traffic_class == "admin-ssh":
            assert address == ADMIN_ADDRESS
        elif traffic_class == "https-out":
            assert address.startswith("142.250.")
        else:
            assert traffic_class == "package-update" and ipaddress.ip_address(address) in ipaddress.ip_network(
                "52.216.0.0/15"
            )
    assert all(f.attacker is None or is_attacker_range(f.attacker) for f, _ in day)


def test_port_mix_volume_and_protocols_match_the_reference(day):
    scans = [(f, r) for f, r in day if f.traffic_class.startswith("scan-") and r.flow_direction == "ingress"]
    shares = Counter(f.traffic_class for f, _ in scans)
    for scan in SCAN_CLASSES:
        assert shares[scan.name] / len(scans) == pytest.approx(scan.share, abs=0.015), scan.name
    telnet = Counter(r.dstport for f, r in scans if f.traffic_class == "scan-telnet")
    assert telnet[23] / (telnet[23] + telnet[2323]) == pytest.approx(0.9, abs=0.03)
    packets = sum(r.packets for _, r in scans)
    assert packets / 24 == pytest.approx(1130, rel=0.12)  # unsolicited packets an hour
    by_protocol = Counter()
    for _, r in scans:
        by_protocol[r.protocol] += r.packets
    assert by_protocol[6] / packets == pytest.approx(0.778, abs=0.04)
    assert by_protocol[1] / packets == pytest.approx(0.141, abs=0.03)
    assert by_protocol[17] / packets == pytest.approx(0.081, abs=0.03)


def test_probe_shapes(day):
    for f, r in day:
        if f.traffic_class == "scan-telnet" and r.action == "REJECT":
            assert (r.packets, r.tcp_flags) == (1, 2) and r.bytes in (40, 44)
        if f.traffic_class == "scan-icmp":
            assert r.srcport == r.dstport == 0 and r.tcp_flags == 0 and 28 <= r.bytes / r.packets <= 84
        if f.traffic_class == "scan-udp":
            assert r.dstport in (53, 123, 161, 1900, 5060, 9000) and r.action == "REJECT"
        if f.traffic_class == "scan-ssh":  # port 22 is open: SYN(+RST) in, SYN-ACK out, at most 2 packets
            assert r.action == "ACCEPT" and r.packets <= 2
            assert r.tcp_flags in ((2, 6) if r.flow_direction == "ingress" else (18,))


def test_heavy_tailed_sources_with_a_clear_top_attacker(day):
    scans = [r for f, r in day if f.traffic_class.startswith("scan-") and r.flow_direction == "ingress"]
    by_source = Counter()
    for r in scans:
        by_source[r.srcaddr] += r.packets
    ranked = sorted(by_source.values(), reverse=True)
    top = max(1, len(ranked) // 100)
    assert sum(ranked[:top]) / sum(ranked) >= 0.78  # top 1% of sources, ~80% of traffic
    assert 1000 <= len(ranked) <= 2500  # ~1,500 distinct scanners a day
    rejected = Counter(r.srcaddr for r in scans if r.action == "REJECT").most_common(2)
    assert rejected[0][1] >= 2 * rejected[1][1]


def test_ssh_brute_force_campaigns(day, env):
    attempts = [(f, r) for f, r in day if f.traffic_class == "ssh-bruteforce"]
    inbound = [r for _, r in attempts if r.flow_direction == "ingress"]
    outbound = [r for _, r in attempts if r.flow_direction == "egress"]
    assert len(inbound) == len(outbound)  # one connection per attempt, both directions
    assert 10 <= len(inbound) / DAY <= 16  # ~13 attempts a minute
    assert all(11 <= r.packets <= 51 and r.tcp_flags in (2, 3) and r.dstport == 22 for r in inbound)
    assert all(10 <= r.packets <= 45 and r.tcp_flags in (18, 19) and r.srcport == 22 for r in outbound)
    assert all(1500 <= r.bytes <= 5000 for _, r in attempts)
    assert all(r.action == "ACCEPT" for _, r in attempts)
    assert len({r.srcaddr for r in inbound}) <= 6  # a few persistent guessers
    assert all(r.traffic_path == 8 for r in outbound)


def test_admin_sessions_hop_to_the_private_instance(day, env):
    admin = [r for f, r in day if f.traffic_class == "admin-ssh"]
    assert admin and all(ADMIN_ADDRESS in (r.srcaddr, r.dstaddr) and r.action == "ACCEPT" for r in admin)
    assert all(20 <= r.packets <= 400 and 5000 <= r.bytes <= 50000 for r in admin)
    assert {r.tcp_flags for r in admin} >= {0, 2, 18}
    internal = [r for f, r in day if f.traffic_class == "internal-ssh"]
    assert {r.interface_id for r in internal} == {env.bastion.interface_id, env.private.interface_id}
    assert all(r.traffic_path == 1 for r in internal if r.flow_direction == "egress")
    private = {r.srcaddr for _, r in day if r.interface_id == env.private.interface_id} | {
        r.dstaddr for _, r in day if r.interface_id == env.private.interface_id
    }
    assert private == {env.bastion.private_ip, env.private.private_ip}  # only intra-VPC traffic


def test_bastion_outbound_https_and_updates(day):
    https = [r for f, r in day if f.traffic_class == "https-out"]
    assert https and all(r.action == "ACCEPT" for r in https)
    requests = [r for r in https if r.flow_direction == "egress"]
    assert all(r.dstport == 443 and r.traffic_path == 8 and r.pkt_dst_aws_service is None for r in requests)
    updates = [r for f, r in day if f.traffic_class == "package-update"]
    assert 24 <= len(updates) // 2 <= 72  # a dnf makecache an hour, 1-3 connections
    assert all(r.pkt_dst_aws_service == "S3" for r in updates if r.flow_direction == "egress")
    assert all(r.pkt_src_aws_service == "S3" for r in updates if r.flow_direction == "ingress")


def test_record_fields(day, env):
    for _, r in day[:2000]:
        assert r.account_id == env.account_id and r.vpc_id == env.vpc_id and r.region == env.region
        assert r.az_id == env.az_id and r.type == "IPv4" and r.log_status == "OK"
        assert (r.pkt_srcaddr, r.pkt_dstaddr) == (r.srcaddr, r.dstaddr)
        assert (r.traffic_path is None) == (r.flow_direction == "ingress")
        assert r.instance_id in (env.bastion.instance_id, env.private.instance_id)


def test_same_seed_same_records_whenever_it_runs(env, rules):
    """The wall clock only moves timestamps: a run started a day and 7 minutes later is the same traffic."""
    later = START + 86400 + 7 * 60
    first = list(generate_records(env, 20, seed=4, start=START, rules=rules))
    moved = list(generate_records(env, 20, seed=4, start=later, rules=rules))
    assert len(first) == len(moved) > 0
    shift = later - START
    assert [dataclasses.replace(r, start=r.start + shift, end=r.end + shift) for r in first] == moved
