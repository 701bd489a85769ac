"""Unsolicited scanning of the bastion's public address: the background noise of the internet.

Grounded in shared/reference/traffic.md: about 1,130 unsolicited packets an hour per EC2 public IP;
the port mix of unsolicited records (Telnet 18% with 23:2323 at 9:1, vertical sweeps 19%, ICMP 14%,
SSH 10%, web 10%, SMB 8%, UDP 8%, databases 5%, RDP 4%, IoT 4%); raw SYN probes of 40/44 bytes,
connect() bots retrying SYNs of 60 bytes, pings of 28-84 bytes, UDP probes of 28 bytes + payload.
Few sources send most of it: four persistent heavy hitters send ~80% of the records, the rest comes
from a daily pool of ~1,500 occasional scanners.

    >>> flows = scan_flows(seed=0, minute=1764190800, target=Target("10.0.1.10", frozenset({22})))
    >>> sorted({f.traffic_class for f in flows})
    ['scan-icmp', 'scan-rdp', 'scan-ssh', 'scan-sweep', 'scan-telnet']
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .addresses import heavy_hitters, tail_sources
from .flows import FIN, RST, SYN, SYN_ACK, TCP, Flow, Shape
from .rules import ICMP, Packet
from .sampling import poisson, rng_for

UDP = 17
# ~1,130 packets/hour at ~1.35 packets per record (retries included): about 14 records a minute.
SCAN_RECORDS_PER_MINUTE = 13.9
HEAVY_SHARE = 0.8
SYN_RETRY_AT = (0, 1, 3, 7, 15, 31)  # seconds after the first SYN at which Linux retransmits


@dataclass(frozen=True)
class Target:
    """The scanned host as its ENI sees it: private address and listening TCP ports."""

    private_ip: str
    listening: frozenset


@dataclass(frozen=True)
class ScanClass:
    name: str
    share: float
    protocol: int
    ports: tuple  # () means any port 1-65535 (a vertical sweep)
    port_weights: tuple
    style: str  # raw | connect | icmp | udp


SCAN_CLASSES = (
    ScanClass("scan-telnet", 0.18, TCP, (23, 2323), (9, 1), "raw"),
    ScanClass("scan-sweep", 0.19, TCP, (), (), "raw"),
    ScanClass("scan-icmp", 0.14, ICMP, (8,), (1,), "icmp"),
    ScanClass("scan-ssh", 0.10, TCP, (22,), (1,), "raw"),
    ScanClass("scan-web", 0.10, TCP, (80, 443, 8080, 8443, 8000, 8888, 81), (4, 3, 2, 1, 1, 1, 1), "connect"),
    ScanClass("scan-smb", 0.08, TCP, (445,), (1,), "connect"),
    ScanClass("scan-udp", 0.08, UDP, (53, 123, 161, 1900, 5060, 9000), (3, 2, 2, 2, 2, 1), "udp"),
    ScanClass("scan-db", 0.05, TCP, (1433, 3306, 5432, 6379, 9200, 27017), (1, 1, 1, 1, 1, 1), "connect"),
    ScanClass("scan-rdp", 0.04, TCP, (3389,), (1,), "connect"),
    ScanClass("scan-iot", 0.04, TCP, (5555, 7547, 37215, 52869, 5900), (2, 2, 1, 1, 1), "raw"),
)
CLASS_WEIGHTS = tuple(c.share for c in SCAN_CLASSES)

# Persistent heavy hitters: (campaign, weight, classes they scan). The internet-wide scanner is the
# clear "top attacker"; the botnet and the sweeper follow well behind.
HEAVY_PROFILES = (
    ("scan-wide", 4, frozenset(c.name for c in SCAN_CLASSES)),
    ("scan-telnet", 3, frozenset({"scan-telnet", "scan-iot"})),
    ("scan-sweep", 2, frozenset({"scan-sweep", "scan-web", "scan-db", "scan-rdp", "scan-smb"})),
    ("scan-icmp", 1, frozenset({"scan-icmp", "scan-udp"})),
)
UDP_PAYLOAD = {53: (17, 40), 123: (48, 48), 161: (40, 50), 1900: (94, 130), 5060: (350, 450), 9000: (8, 32)}


def heavy_campaigns(seed: int) -> dict[str, str]:
    """Each persistent heavy hitter's address and campaign name."""
    return dict(zip(heavy_hitters(seed, len(HEAVY_PROFILES)), (p[0] for p in HEAVY_PROFILES)))


def _source(rng: random.Random, seed: int, day: int, scan: ScanClass) -> str:
    if rng.random() < HEAVY_SHARE:
        addresses = heavy_hitters(seed, len(HEAVY_PROFILES))
        eligible = [(a, p[1]) for a, p in zip(addresses, HEAVY_PROFILES) if scan.name in p[2]]
        return rng.choices([a for a, _ in eligible], weights=[w for _, w in eligible])[0]
    return rng.choice(tail_sources(seed, day))


def _port(rng: random.Random, scan: ScanClass) -> int:
    if not scan.ports:
        return rng.randint(1, 65535)
    return rng.choices(scan.ports, weights=scan.port_weights)[0]


def _tcp_shapes(rng: random.Random, style: str, listening: bool) -> tuple[Shape, Shape, int, int]:
    """(request, reply, retries, SYN size) of a TCP probe that gets through."""
    if style == "raw":  # masscan/ZMap/Mirai: one SYN; answered by SYN-ACK (then RST) or RST
        syn = 40 if rng.random() < 0.7 else 44
        if listening:
            return Shape(2, syn + 40, SYN | RST), Shape(1, 44, SYN_ACK), 1, syn
        return Shape(1, syn, SYN), Shape(1, 40, RST), 1, syn
    retries = rng.choices((1, 2, 3, 4, 5, 6), weights=(60, 25, 10, 3, 1, 1))[0]
    if listening:  # connect() then close without sending a byte
        return Shape(4, 60 + 52 * 3, SYN | FIN), Shape(3, 60 + 52 * 2, SYN_ACK | FIN), retries, 60
    return Shape(1, 60, SYN), Shape(1, 40, RST), retries, 60


def _repeats(rng: random.Random) -> int:
    # Ping sweeps and UDP probers often send a second packet a second later; that keeps the packet
    # split near the measured 77.8% TCP / 14.1% ICMP / 8.1% UDP while records follow the port mix.
    return 1 if rng.random() < 0.6 else 2


def _scan_flow(rng: random.Random, seed: int, day: int, target: Target) -> Flow:
    scan = rng.choices(SCAN_CLASSES, weights=CLASS_WEIGHTS)[0]
    source = _source(rng, seed, day, scan)
    port = _port(rng, scan)
    start = rng.randint(0, 59)
    if scan.style == "icmp":
        size, count = rng.choice((28, 84, 84, 60)), _repeats(rng)
        packet = Packet(ICMP, source, target.private_ip, 0, 8)
        return Flow(
            scan.name,
            source,
            packet,
            Shape(count, size * count, 0),
            Shape(count, size * count, 0),
            start,
            min(59, start + count - 1),
            retries=count,
        )
    srcport = rng.randint(1024, 65535)
    packet = Packet(scan.protocol, source, target.private_ip, srcport, port)
    if scan.style == "udp":
        low, high = UDP_PAYLOAD[port]
        count = _repeats(rng)
        size = 28 + rng.randint(low, high)
        return Flow(
            scan.name,
            source,
            packet,
            Shape(count, size * count, 0),
            None,
            start,
            min(59, start + count - 1),
            retries=count,
        )
    request, reply, retries, syn = _tcp_shapes(rng, scan.style, port in target.listening)
    end = min(59, start + SYN_RETRY_AT[retries - 1])
    return Flow(scan.name, source, packet, request, reply, start, end, retries=retries, syn_bytes=syn)


def scan_flows(seed: int, minute: int, target: Target, intensity: float = 1.0) -> list[Flow]:
    """This minute's unsolicited probes of the target (deterministic for seed and minute)."""
    rng = rng_for(seed, "scan", minute)
    day = minute // 86400
    return [_scan_flow(rng, seed, day, target) for _ in range(poisson(rng, SCAN_RECORDS_PER_MINUTE * intensity))]
