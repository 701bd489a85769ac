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


def _rule_matches(entry: dict, address: str, protocol: str, port: int | None) -> bool:
    cidr = entry.get("CidrBlock")
    if not cidr or ipaddress.ip_address(address) not in ipaddress.ip_network(cidr, strict=False):
        return False
    rule_protocol = str(entry.get("Protocol", "-1")).lower()
    rule_protocol = PROTOCOLS.get(rule_protocol, rule_protocol)
    if rule_protocol not in ("-1", "all", PROTOCOLS[protocol]):
        return False
    ports = entry.get("PortRange")
    if rule_protocol in ("6", "17") and ports and port is not None:
        return int(ports.get("From", 0)) <= port <= int(ports.get("To", 65535))
    return True


def decide(entries: list[dict], egress: bool, address: str, protocol: str,
           port: int | None = None) -> tuple[str, int | None]:
    """('allow' | 'deny', deciding rule number or None for the implicit deny) for one packet."""
    rules = sorted((e for e in entries if bool(e.get("Egress")) == egress), key=lambda e: e["RuleNumber"])
    for entry in rules:
        if _rule_matches(entry, address, protocol, port):
            return entry["RuleAction"].lower(), entry["RuleNumber"]
    return "deny", None


def blocked(entries: list[dict], egress: bool, address: str, probes: list[tuple[str, int | None]]) -> list[str]:
    """The probes ('tcp', 22) that the ACL denies, written 'tcp/22'."""
    return [f"{proto}/{port}" if port is not None else proto for proto, port in probes
            if decide(entries, egress, address, proto, port)[0] != "allow"]


def allowed(entries: list[dict], egress: bool, address: str, probes: list[tuple[str, int | None]]) -> list[str]:
    """The probes the ACL lets through, written 'tcp/22'."""
    denied = set(blocked(entries, egress, address, probes))
    return [p for p in (f"{proto}/{port}" if port is not None else proto for proto, port in probes)
            if p not in denied]
