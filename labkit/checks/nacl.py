"""Network ACL evaluation as AWS does it: rules in number order, first match wins, final implicit deny.

>>> entries = [{"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": False,
...             "CidrBlock": "0.0.0.0/0"}]
>>> decide(entries, egress=False, address="203.0.113.9", protocol="tcp", port=23)[0]
'allow'
"""

from __future__ import annotations

import ipaddress

PROTOCOLS = {"tcp": "6", "udp": "17", "icmp": "1"}
EPHEMERAL_SAMPLES = (1024, 32768, 49152, 60999, 65535)  # the return ports AWS says to allow: 1024-65535


def _network(cidr) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(cidr, strict=False) if isinstance(cidr, str) else None
    except ValueError:
        return None


def _port(value, default: int) -> int | None:
    if value is None:
        return default
    try:
        return int(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def invalid(entry: dict) -> bool:
    """True for an entry AWS would have refused (moto keeps some): a CIDR like 10.0.0.0/33, a port or
    rule number that is no number. Such an entry matches nothing here; checks name it."""
    if isinstance(entry.get("RuleNumber"), bool) or not isinstance(entry.get("RuleNumber"), int):
        return True
    if str(entry.get("RuleAction", "")).lower() not in ("allow", "deny"):
        return True
    if entry.get("CidrBlock") is not None and _network(entry["CidrBlock"]) is None:
        return True
    ports = entry.get("PortRange")
    if ports is not None and (
        not isinstance(ports, dict) or None in (_port(ports.get("From"), 0), _port(ports.get("To"), 65535))
    ):
        return True
    return False


def _rule_matches(entry: dict, address: str, protocol: str, port: int | None) -> bool:
    network = _network(entry.get("CidrBlock"))
    try:
        inside = network is not None and ipaddress.ip_address(address) in network
    except ValueError:  # not an address: matches no rule
        inside = False
    if not inside or invalid(entry):
        return False
    rule_protocol = str(entry.get("Protocol", "-1")).lower()
    rule_protocol = PROTOCOLS.get(rule_protocol, rule_protocol)
    if rule_protocol not in ("-1", "all", PROTOCOLS[protocol]):
        return False
    ports = entry.get("PortRange")
    if rule_protocol in ("6", "17") and ports and port is not None:
        return _port(ports.get("From"), 0) <= port <= _port(ports.get("To"), 65535)
    return True


def decide(
    entries: list[dict], egress: bool, address: str, protocol: str, port: int | None = None
) -> tuple[str, int | None]:
    """('allow' | 'deny', deciding rule number or None for the implicit deny) for one packet."""
    rules = sorted(
        (e for e in entries if bool(e.get("Egress")) == egress and not invalid(e)), key=lambda e: e["RuleNumber"]
    )
    for entry in rules:
        if _rule_matches(entry, address, protocol, port):
            return str(entry["RuleAction"]).lower(), entry["RuleNumber"]
    return "deny", None


def blocked(entries: list[dict], egress: bool, address: str, probes: list[tuple[str, int | None]]) -> list[str]:
    """The probes ('tcp', 22) that the ACL denies, written 'tcp/22'."""
    return [
        f"{proto}/{port}" if port is not None else proto
        for proto, port in probes
        if decide(entries, egress, address, proto, port)[0] != "allow"
    ]


def allowed(entries: list[dict], egress: bool, address: str, probes: list[tuple[str, int | None]]) -> list[str]:
    """The probes the ACL lets through, written 'tcp/22'."""
    denied = set(blocked(entries, egress, address, probes))
    return [p for p in (f"{proto}/{port}" if port is not None else proto for proto, port in probes) if p not in denied]
