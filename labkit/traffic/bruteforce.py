"""SSH brute force against the bastion, whose security group leaves port 22 open to the world.

Sophos measured 13 login attempts a minute on average on AWS SSH honeypots, the first within a minute
of exposure; SSHCure: one TCP connection per attempt, 11-51 packets in, ~10-45 out, ~1.5-5 KB each
way (estimate); in flags 2/3, out 18/19. Campaigns follow each other almost without pause, each from
one address of a small pool of persistent guessers (192.0.2.0/24), each lasting 8-30 minutes (never
across an hour) at 9-19 attempts a minute: ~13 a minute on average with the pauses.

    >>> campaigns(seed=0, hour=1764190800 // 3600)[0].attacker
    '192.0.2.232'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .addresses import bruteforcers
from .flows import FIN, SYN, SYN_ACK, TCP, Flow, Shape
from .rules import Packet
from .sampling import poisson, rng_for

POOL_SIZE = 6
POOL_WEIGHTS = (8, 5, 3, 2, 1, 1)  # a few guessers come back hour after hour


@dataclass(frozen=True)
class Campaign:
    attacker: str
    start: int  # epoch seconds, minute-aligned
    end: int  # exclusive
    rate: float  # attempts a minute


@functools.lru_cache(maxsize=256)
def campaigns(seed: int, hour: int) -> tuple[Campaign, ...]:
    """The campaigns that start within the given hour (hour = epoch seconds // 3600)."""
    rng = rng_for(seed, "bruteforce", hour)
    pool = bruteforcers(seed, POOL_SIZE)
    planned, minute = [], rng.choice((0, 0, 1, 2, 3))
    while minute < 60:
        duration = min(rng.randint(8, 30), 60 - minute)  # campaigns never straddle an hour: no overlaps
        start = hour * 3600 + minute * 60
        planned.append(
            Campaign(rng.choices(pool, weights=POOL_WEIGHTS)[0], start, start + duration * 60, rng.uniform(9, 19))
        )
        minute += duration + rng.choice((0, 0, 1, 2, 4))
    return tuple(planned)


def active_campaigns(seed: int, minute: int) -> list[Campaign]:
    return [c for c in campaigns(seed, minute // 3600) if c.start <= minute < c.end]


def _attempt(rng, attacker: str, bastion_ip: str) -> Flow:
    start = rng.randint(0, 55)
    packets_in = rng.randint(11, 51)
    packets_out = max(10, min(45, packets_in - rng.randint(0, 6)))
    flags_in = SYN | FIN if rng.random() < 0.8 else SYN
    flags_out = SYN_ACK | FIN if flags_in & FIN else SYN_ACK
    packet = Packet(TCP, attacker, bastion_ip, rng.randint(32768, 60999), 22)
    return Flow(
        "ssh-bruteforce",
        attacker,
        packet,
        Shape(packets_in, rng.randint(max(1500, packets_in * 60), 5000), flags_in),
        Shape(packets_out, rng.randint(max(1500, packets_out * 60), 5000), flags_out),
        start,
        min(59, start + rng.randint(2, 8)),
        retries=rng.randint(1, 2),
    )


def bruteforce_flows(seed: int, minute: int, bastion_ip: str, intensity: float = 1.0) -> list[Flow]:
    """This minute's login attempts: one TCP connection (one flow) per attempt."""
    rng = rng_for(seed, "bruteforce-minute", minute)
    return [
        _attempt(rng, c.attacker, bastion_ip)
        for c in active_campaigns(seed, minute)
        for _ in range(poisson(rng, c.rate * intensity))
    ]
