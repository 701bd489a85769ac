"""The bastion's own connections: HTTPS to Google ("connecting to Google from the instance") and updates.

Short HTTPS GETs follow the AWS guide's example (out 7 packets / 471 bytes, flags 3; in 14 / 15,044,
flags 19); a long-lived HTTPS stream carries 2-778 packets / 104-119,099 bytes a minute with no flags;
`dnf makecache` fetches repository metadata from Amazon Linux's repositories on S3 once an hour.
Nothing goes to the DNS resolver, time sync or metadata addresses: AWS never logs those.

    >>> [f.packet.dst for f in outbound_flows(seed=0, minute=1764190800, bastion_ip="10.0.1.10")]
    ['142.250.232.115']
"""

from __future__ import annotations

import functools

from .addresses import google_addresses, s3_addresses
from .flows import FIN, SYN, SYN_ACK, TCP, Flow, Shape, minute_slice
from .rules import Packet
from .sampling import poisson, rng_for

SHORT_GETS_PER_MINUTE = 0.8


def _ephemeral(rng) -> int:
    return rng.randint(32768, 60999)  # Linux's default local port range


def _short_get(rng, bastion_ip: str, server: str, traffic_class: str, scale: int, service: str | None = None) -> Flow:
    start = rng.randint(0, 57)
    out_packets, in_packets = rng.randint(5, 9) * scale, rng.randint(10, 18) * scale
    return Flow(
        traffic_class,
        None,
        Packet(TCP, bastion_ip, server, _ephemeral(rng), 443),
        Shape(out_packets, out_packets * rng.randint(60, 75), SYN | FIN),
        Shape(in_packets, in_packets * rng.randint(1000, 1150), SYN_ACK | FIN),
        start,
        min(59, start + rng.randint(0, 2)),
        retries=rng.randint(2, 3),
        remote_service=service,
    )


@functools.lru_cache(maxsize=256)
def long_stream(seed: int, hour: int) -> tuple[int, int, str, int] | None:
    """(start, end, server, local port) of the hour's long-lived HTTPS connection, if any."""
    rng = rng_for(seed, "https-long", hour)
    if rng.random() < 0.5:
        return None
    start = hour * 3600 + rng.randint(0, 50 * 60)
    return start, start + rng.randint(3 * 60, 20 * 60), rng.choice(google_addresses(seed)), _ephemeral(rng)


def _stream_minute(rng, minute: int, stream, bastion_ip: str) -> Flow | None:
    first, last, server, port = stream
    live = minute_slice(minute, first, last)
    if live is None:
        return None
    start, end, opening, closing = live
    packets_in = rng.randint(2, 778)
    packets_out = max(2, packets_in // 2)
    return Flow(
        "https-out",
        None,
        Packet(TCP, bastion_ip, server, port, 443),
        Shape(packets_out, max(104, packets_out * 52), (SYN if opening else 0) | (FIN if closing else 0)),
        Shape(
            packets_in, min(119_099, max(104, packets_in * 153)), (SYN_ACK if opening else 0) | (FIN if closing else 0)
        ),
        start,
        end,
        retries=2,
        opening=opening,
        continues=not closing,
    )


def outbound_flows(seed: int, minute: int, bastion_ip: str) -> list[Flow]:
    """This minute's connections started by the bastion itself."""
    rng = rng_for(seed, "outbound", minute)
    google = google_addresses(seed)
    flows = [
        _short_get(rng, bastion_ip, rng.choice(google), "https-out", 1)
        for _ in range(poisson(rng, SHORT_GETS_PER_MINUTE))
    ]
    hour = minute // 3600
    for stream in filter(None, (long_stream(seed, hour - 1), long_stream(seed, hour))):
        flow = _stream_minute(rng, minute, stream, bastion_ip)
        if flow is not None:
            flows.append(flow)
    if minute % 3600 == rng_for(seed, "dnf", hour).randint(0, 59) * 60:
        mirrors = s3_addresses(seed)
        flows += [
            _short_get(rng, bastion_ip, rng.choice(mirrors), "package-update", 4, "S3")
            for _ in range(rng.randint(1, 3))
        ]
    return flows
