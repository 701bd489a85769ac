"""Who talks to the demo VPC: synthetic attackers, the admin, and the bastion's own destinations.

Attackers come only from ranges that are never real hosts: RFC 5737 documentation networks
(192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) and RFC 2544 benchmarking (198.18.0.0/15).
Python calls all of them private, so "external" is always decided against the VPC CIDR.
The Google and S3 addresses are destinations of the bastion's simulated connections, never contacted.

    >>> is_attacker_range("203.0.113.9"), is_attacker_range("8.8.8.8")
    (True, False)
"""

from __future__ import annotations

import functools
import ipaddress

from .sampling import rng_for

ATTACKER_NETWORKS = tuple(
    ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "198.18.0.0/15")
)
ADMIN_ADDRESS = "198.51.100.7"

HEAVY_NETWORK = ipaddress.ip_network("203.0.113.0/24")  # persistent internet-wide scanners
BRUTEFORCE_NETWORK = ipaddress.ip_network("192.0.2.0/24")  # SSH password guessers
TAIL_NETWORKS = (ipaddress.ip_network("198.18.0.0/15"), ipaddress.ip_network("198.51.100.0/24"))

GOOGLE_NETWORK = ipaddress.ip_network("142.250.0.0/16")  # "connecting to Google from the instance"
S3_NETWORK = ipaddress.ip_network("52.216.0.0/15")  # Amazon Linux package repositories live on S3

# AWS never logs traffic to these: the model must never emit a record that touches them.
NEVER_LOGGED = ("169.254.169.253", "169.254.169.123", "169.254.169.254", "255.255.255.255")

TAIL_SOURCES_PER_DAY = 1500  # distinct scanner IPs a cloud endpoint sees in a day (Unit 42, 2021)


def is_attacker_range(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in ATTACKER_NETWORKS)


def never_logged(address: str, vpc_cidr: str) -> bool:
    """True for the addresses whose traffic AWS leaves out of flow logs (DNS resolver, IMDS, NTP, DHCP)."""
    vpc = ipaddress.ip_network(vpc_cidr)
    resolver = str(vpc.network_address + 2)
    return address in NEVER_LOGGED or address == resolver or address == str(vpc.network_address)


def _host(network, index: int) -> str:
    return str(network.network_address + index)


def _distinct_hosts(seed: int, stream: str, network, count: int, avoid: tuple = ()) -> tuple[str, ...]:
    rng = rng_for(seed, stream, 0)
    chosen: list[str] = []
    while len(chosen) < count:
        address = _host(network, rng.randrange(1, network.num_addresses - 1))
        if address not in chosen and address not in avoid:
            chosen.append(address)
    return tuple(chosen)


@functools.lru_cache(maxsize=64)
def heavy_hitters(seed: int, count: int) -> tuple[str, ...]:
    return _distinct_hosts(seed, "heavy", HEAVY_NETWORK, count)


@functools.lru_cache(maxsize=64)
def bruteforcers(seed: int, count: int) -> tuple[str, ...]:
    return _distinct_hosts(seed, "bruteforce", BRUTEFORCE_NETWORK, count)


@functools.lru_cache(maxsize=64)
def google_addresses(seed: int) -> tuple[str, ...]:
    return _distinct_hosts(seed, "google", GOOGLE_NETWORK, 6)


@functools.lru_cache(maxsize=64)
def s3_addresses(seed: int) -> tuple[str, ...]:
    return _distinct_hosts(seed, "s3", S3_NETWORK, 4)


@functools.lru_cache(maxsize=8)
def tail_sources(seed: int, day: int) -> tuple[str, ...]:
    """The day's one-off and occasional scanners: most appear a few times, then never again."""
    rng = rng_for(seed, "tail", day)
    sizes = [n.num_addresses for n in TAIL_NETWORKS]
    chosen: set[str] = set()
    ordered: list[str] = []
    while len(ordered) < TAIL_SOURCES_PER_DAY:
        network = rng.choices(TAIL_NETWORKS, weights=sizes)[0]
        address = _host(network, rng.randrange(1, network.num_addresses - 1))
        if address != ADMIN_ADDRESS and address not in chosen:
            chosen.add(address)
            ordered.append(address)
    return tuple(ordered)
