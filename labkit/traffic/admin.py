"""The administrator: SSH sessions to the bastion from one address, hopping on to the private instance.

Per 1-minute record an interactive session carries 20-400 packets and 5-50 KB each way; TCP flags
show SYN in the first minute, FIN in the last and nothing in between (ACK and PSH are not recorded).

    >>> session(seed=0, hour=1764190800 // 3600).srcport
    49228
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .addresses import ADMIN_ADDRESS
from .flows import FIN, SYN, SYN_ACK, TCP, Flow, Shape, minute_slice
from .rules import Packet
from .sampling import rng_for

SESSION_CHANCE = 0.6  # share of hours in which the admin logs in


@dataclass(frozen=True)
class Session:
    start: int  # epoch seconds of the first packet
    end: int  # epoch seconds of the last packet
    srcport: int
    hop_start: int  # the admin's SSH from the bastion to the private instance
    hop_end: int
    hop_srcport: int


@functools.lru_cache(maxsize=256)
def session(seed: int, hour: int) -> Session | None:
    rng = rng_for(seed, "admin", hour)
    if rng.random() >= SESSION_CHANCE:
        return None
    start = hour * 3600 + rng.randint(0, 55 * 60)
    end = start + rng.randint(5 * 60, 40 * 60)
    hop_start = start + rng.randint(30, 180)
    hop_end = max(hop_start + 30, end - rng.randint(30, 120))
    return Session(start, end, rng.randint(49152, 65535), hop_start, hop_end, rng.randint(32768, 60999))


def _minute_of(
    rng, minute: int, first: int, last: int, src: str, dst: str, srcport: int, traffic_class: str, intra_vpc: bool
) -> Flow | None:
    live = minute_slice(minute, first, last)
    if live is None:
        return None
    start, end, opening, closing = live
    packets_in, packets_out = rng.randint(20, 400), rng.randint(20, 400)
    flags_in = (SYN if opening else 0) | (FIN if closing else 0)
    flags_out = (SYN_ACK if opening else 0) | (FIN if closing else 0)
    packet = Packet(TCP, src, dst, srcport, 22)
    return Flow(
        traffic_class,
        None,
        packet,
        Shape(packets_in, min(50_000, max(5_000, packets_in * rng.randint(60, 130))), flags_in),
        Shape(packets_out, min(50_000, max(5_000, packets_out * rng.randint(60, 140))), flags_out),
        start,
        end,
        retries=rng.randint(1, 3),
        opening=opening,
        continues=not closing,
        intra_vpc=intra_vpc,
    )


def admin_flows(seed: int, minute: int, bastion_ip: str, private_ip: str) -> list[Flow]:
    """This minute's admin SSH (to the bastion) and the hop from the bastion to the private instance."""
    rng = rng_for(seed, "admin-minute", minute)
    flows = []
    hour = minute // 3600
    for s in filter(None, (session(seed, hour - 1), session(seed, hour))):
        flows.append(_minute_of(rng, minute, s.start, s.end, ADMIN_ADDRESS, bastion_ip, s.srcport, "admin-ssh", False))
        flows.append(
            _minute_of(rng, minute, s.hop_start, s.hop_end, bastion_ip, private_ip, s.hop_srcport, "internal-ssh", True)
        )
    return [f for f in flows if f is not None]
