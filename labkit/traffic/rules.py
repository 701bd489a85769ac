"""ACCEPT or REJECT, decided as AWS decides it, from the security groups and network ACLs in the account.

Security groups are stateful and allow-only: a flow they let in may answer, and a flow the instance
starts may be answered. Network ACLs are stateless: every packet crossing the subnet edge is checked,
rule by rule in number order, the first match wins, and `*` (no match) denies. So the reply of an
allowed flow needs its own NACL rule (the ephemeral ports, 1024-65535).

A connection the security group tracks (tracking.py) is not checked against the group again: `tracked`
names the ENIs where it is, and only the network ACLs decide its packets there.

    >>> rules = read_rules(env.vpc_id)                  # the demo's rules: SSH open to the world
    >>> hops = exchange(rules, Packet(6, "203.0.113.9", "10.0.1.10", 51515, 23))
    >>> [(h.direction, h.action) for h in hops]
    [('ingress', 'REJECT')]
"""

from __future__ import annotations

import copy
import functools
import ipaddress
from dataclasses import dataclass, field

from .. import aws

ALL = -1
TCP, UDP = 6, 17
PROTOCOL_NUMBERS = {"-1": ALL, "all": ALL, "tcp": 6, "udp": 17, "icmp": 1}
ICMP = 1

# Parsing an address costs more than the whole rule walk; the same few thousand addresses recur.
_address = functools.lru_cache(maxsize=1 << 16)(ipaddress.ip_address)


@dataclass(frozen=True, slots=True)
class Packet:
    """The first packet of a flow: protocol number, addresses, ports (ICMP: type in dstport, code 0)."""

    protocol: int
    src: str
    dst: str
    srcport: int
    dstport: int
    icmp_code: int = 0

    def reply(self) -> "Packet":
        # An ICMP echo request (8) is answered by an echo reply (0); other ICMP types get no reply here.
        if self.protocol == ICMP:
            return Packet(ICMP, self.dst, self.src, 0, 0 if self.dstport == 8 else self.dstport)
        return Packet(self.protocol, self.dst, self.src, self.dstport, self.srcport)


@dataclass(frozen=True, slots=True)
class Permission:
    """One security-group rule: protocol, port range (ICMP: type and code), sources or destinations."""

    protocol: int
    from_port: int
    to_port: int
    networks: tuple = ()
    group_ids: tuple = ()


@dataclass(frozen=True, slots=True)
class AclEntry:
    number: int
    protocol: int
    from_port: int
    to_port: int
    network: object
    allow: bool


@dataclass(frozen=True, slots=True)
class Interface:
    interface_id: str
    private_ip: str
    subnet_id: str
    subnet_network: object
    group_ids: tuple


@dataclass
class Rules:
    """A snapshot of the rules that decide the fate of each packet in one VPC."""

    interfaces: dict = field(default_factory=dict)  # private IP -> Interface
    ingress: dict = field(default_factory=dict)  # group id -> tuple[Permission]
    egress: dict = field(default_factory=dict)  # group id -> tuple[Permission]
    acl_ingress: dict = field(default_factory=dict)  # subnet id -> tuple[AclEntry] in rule order
    acl_egress: dict = field(default_factory=dict)
    acl_ids: dict = field(default_factory=dict)  # subnet id -> network ACL id
    members: dict = field(default_factory=dict)  # group id -> frozenset of private IPs


@dataclass(frozen=True, slots=True)
class Hop:
    """One ENI seeing one leg of an exchange: what its flow log records for it."""

    leg: str  # request | reply
    interface: Interface
    direction: str  # ingress | egress
    action: str  # ACCEPT | REJECT


# ---- reading the rules ----------------------------------------------------------------------------


def _protocol(value) -> int:
    text = str(value).lower()
    if text in PROTOCOL_NUMBERS:
        return PROTOCOL_NUMBERS[text]
    return int(text) if text.isdigit() else -2  # a protocol name not modelled here matches nothing


def _network(cidr: str):
    return ipaddress.ip_network(cidr, strict=False)


def _permissions(raw: list[dict]) -> tuple:
    permissions = []
    for p in raw:
        protocol = _protocol(p["IpProtocol"])
        whole = protocol in (ALL,) or "FromPort" not in p
        permissions.append(
            Permission(
                protocol=protocol,
                from_port=-1 if whole else p["FromPort"],
                to_port=-1 if whole else p["ToPort"],
                networks=tuple(_network(r["CidrIp"]) for r in p.get("IpRanges", [])),
                group_ids=tuple(g["GroupId"] for g in p.get("UserIdGroupPairs", [])),
            )
        )
    return tuple(permissions)


def _acl_entries(raw: list[dict], egress: bool) -> tuple:
    entries = []
    for e in raw:
        if e["Egress"] != egress or "CidrBlock" not in e:
            continue  # IPv6 entries never match the IPv4 traffic modelled here
        protocol = _protocol(e["Protocol"])
        if protocol == ICMP:
            icmp = e.get("IcmpTypeCode") or {}
            low, high = icmp.get("Type", -1), icmp.get("Code", -1)
        else:
            ports = e.get("PortRange") or {}
            low, high = ports.get("From", -1), ports.get("To", -1)
        entries.append(
            AclEntry(e["RuleNumber"], protocol, low, high, _network(e["CidrBlock"]), e["RuleAction"] == "allow")
        )
    return tuple(sorted(entries, key=lambda entry: entry.number))


def read_rules(vpc_id: str, ec2=None) -> Rules:
    """The VPC's current interfaces, security groups and network ACLs, read through the EC2 API.

    Pass an EC2 client when reading often: making a boto3 client costs more than the four calls.
    """
    ec2 = ec2 or aws.client("ec2")
    in_vpc = [{"Name": "vpc-id", "Values": [vpc_id]}]
    rules = Rules()
    subnets = {s["SubnetId"]: _network(s["CidrBlock"]) for s in ec2.describe_subnets(Filters=in_vpc)["Subnets"]}
    members: dict[str, set] = {}
    for eni in ec2.describe_network_interfaces(Filters=in_vpc)["NetworkInterfaces"]:
        groups = tuple(g["GroupId"] for g in eni.get("Groups", []))
        rules.interfaces[eni["PrivateIpAddress"]] = Interface(
            eni["NetworkInterfaceId"], eni["PrivateIpAddress"], eni["SubnetId"], subnets.get(eni["SubnetId"]), groups
        )
        for group_id in groups:
            members.setdefault(group_id, set()).add(eni["PrivateIpAddress"])
    rules.members = {group_id: frozenset(ips) for group_id, ips in members.items()}
    for group in ec2.describe_security_groups(Filters=in_vpc)["SecurityGroups"]:
        rules.ingress[group["GroupId"]] = _permissions(group.get("IpPermissions", []))
        rules.egress[group["GroupId"]] = _permissions(group.get("IpPermissionsEgress", []))
    default_acl = None
    for acl in ec2.describe_network_acls(Filters=in_vpc)["NetworkAcls"]:
        if acl.get("IsDefault"):
            default_acl = acl
        for association in acl.get("Associations", []):
            _set_acl(rules, association["SubnetId"], acl)
    for subnet_id in subnets:
        if subnet_id not in rules.acl_ids and default_acl is not None:
            _set_acl(rules, subnet_id, default_acl)
    return rules


def with_ssh_open(rules: Rules, private_ip: str) -> Rules:
    """`rules` with SSH (tcp/22) from anywhere added to the security groups of the interface at
    `private_ip`: the bastion as the demo builds it, before lab 02 leaves SSH to the administrator. For
    records of that earlier hour (synthetic history on a real account); the account itself is not changed.
    """
    world = Permission(6, 22, 22, networks=(_network("0.0.0.0/0"),))
    groups = rules.interfaces[private_ip].group_ids
    opened = copy.copy(rules)
    opened.ingress = {**rules.ingress, **{group: rules.ingress.get(group, ()) + (world,) for group in groups}}
    return opened


def _set_acl(rules: Rules, subnet_id: str, acl: dict) -> None:
    rules.acl_ids[subnet_id] = acl["NetworkAclId"]
    rules.acl_ingress[subnet_id] = _acl_entries(acl["Entries"], egress=False)
    rules.acl_egress[subnet_id] = _acl_entries(acl["Entries"], egress=True)


# ---- deciding -------------------------------------------------------------------------------------


def _ports_match(protocol: int, low: int, high: int, packet: Packet) -> bool:
    if protocol == ALL:
        return True
    if protocol != packet.protocol:
        return False
    if protocol == ICMP:  # low/high are ICMP type and code, -1 meaning any
        return low in (-1, packet.dstport) and high in (-1, packet.icmp_code)
    if protocol in (6, 17):
        return low == -1 or low <= packet.dstport <= high
    return True


def acl_entry(entries: tuple, packet: Packet, egress: bool) -> AclEntry | None:
    """The entry that decides the packet: the first match in rule-number order; None is the final `*` deny."""
    remote = _address(packet.dst if egress else packet.src)
    for entry in entries:
        if remote in entry.network and _ports_match(entry.protocol, entry.from_port, entry.to_port, packet):
            return entry
    return None


def acl_allows(entries: tuple, packet: Packet, egress: bool) -> bool:
    entry = acl_entry(entries, packet, egress)
    return entry is not None and entry.allow


def groups_allow(rules: Rules, group_ids: tuple, packet: Packet, ingress: bool) -> bool:
    """Security groups only allow: a packet passes when any rule of any group matches it."""
    remote_text = packet.src if ingress else packet.dst
    remote = _address(remote_text)
    table = rules.ingress if ingress else rules.egress
    for group_id in group_ids:
        for p in table.get(group_id, ()):
            if not _ports_match(p.protocol, p.from_port, p.to_port, packet):
                continue
            if any(remote in network for network in p.networks):
                return True
            if any(remote_text in rules.members.get(g, ()) for g in p.group_ids):
                return True
    return False


def _crosses_subnet(interface: Interface, remote: str) -> bool:
    return interface.subnet_network is None or _address(remote) not in interface.subnet_network


def _leaves(rules: Rules, interface: Interface, packet: Packet, new_flow: bool) -> bool:
    if new_flow and not groups_allow(rules, interface.group_ids, packet, ingress=False):
        return False
    if _crosses_subnet(interface, packet.dst):
        return acl_allows(rules.acl_egress.get(interface.subnet_id, ()), packet, egress=True)
    return True


def _arrives(rules: Rules, interface: Interface, packet: Packet, new_flow: bool) -> bool:
    if _crosses_subnet(interface, packet.src):
        if not acl_allows(rules.acl_ingress.get(interface.subnet_id, ()), packet, egress=False):
            return False
    return not new_flow or groups_allow(rules, interface.group_ids, packet, ingress=True)


def exchange(rules: Rules, packet: Packet, answered: bool = True, tracked: tuple = ()) -> list[Hop]:
    """The hops a request (and its reply, when the responder answers) makes past the VPC's ENIs.

    A leg stops at the first check that drops it: that ENI logs REJECT and nothing further happens.
    Security groups are consulted only for the request (stateful), and not at all at an ENI in `tracked`
    (interface ids where the security group already tracks this connection); network ACLs for both legs.
    """
    hops: list[Hop] = []
    legs = [("request", packet, True)] + ([("reply", packet.reply(), False)] if answered else [])
    for leg, p, new_flow in legs:
        sender, receiver = rules.interfaces.get(p.src), rules.interfaces.get(p.dst)
        if sender is not None:
            ok = _leaves(rules, sender, p, new_flow and sender.interface_id not in tracked)
            hops.append(Hop(leg, sender, "egress", "ACCEPT" if ok else "REJECT"))
            if not ok:
                return hops
        if receiver is not None:
            ok = _arrives(rules, receiver, p, new_flow and receiver.interface_id not in tracked)
            hops.append(Hop(leg, receiver, "ingress", "ACCEPT" if ok else "REJECT"))
            if not ok:
                return hops
    return hops


def _open_to_world(permission: Permission) -> bool:
    return any(network.prefixlen == 0 for network in permission.networks)


def _all_ports(permission: Permission) -> bool:
    return (
        permission.protocol == ALL
        or permission.from_port == -1
        or (permission.from_port, permission.to_port) == (0, 65535)
    )


def tracks(rules: Rules, interface: Interface, packet: Packet, ingress: bool) -> bool:
    """Whether the interface's security groups track the connection `packet` opens (AWS's rule).

    A TCP or UDP flow is untracked when a rule that allows it is open to the world (0.0.0.0/0) and a
    rule in the other direction allows every response (all ports, 0.0.0.0/0): SSH open to the world with
    the default outbound rule is untracked, and removing the rule cuts it at once. Anything else
    allowed, ICMP always, is tracked: removing the rule leaves it flowing until the connection ends.
    """
    if packet.protocol not in (TCP, UDP):
        return True
    forward, backward = (rules.ingress, rules.egress) if ingress else (rules.egress, rules.ingress)
    groups = interface.group_ids
    opened_by_world = any(
        _open_to_world(p) and _ports_match(p.protocol, p.from_port, p.to_port, packet)
        for g in groups
        for p in forward.get(g, ())
    )
    answered_to_world = any(
        _open_to_world(p) and p.protocol in (ALL, packet.protocol) and _all_ports(p)
        for g in groups
        for p in backward.get(g, ())
    )
    return not (opened_by_world and answered_to_world)
