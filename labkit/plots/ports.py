"""Names for what flow logs record in `dstport`: `22 (SSH)`, `445 (SMB)`, and ICMP, which has no port.

ICMP carries no ports, so a flow log writes 0 in both port fields of an ICMP record; with the record's
protocol the label says what it is instead of "port 0".

    >>> port_label(3389)
    '3389 (RDP)'
    >>> port_label(0, protocol=1)
    'ICMP'
    >>> port_label(40123)
    '40123'
"""

from __future__ import annotations

import pandas as pd

# Names are the IANA/common service names; they read the same in English and Korean.
WELL_KNOWN_PORTS = {
    20: "FTP-data",
    21: "FTP",
    22: "SSH",
    23: "Telnet",
    25: "SMTP",
    53: "DNS",
    80: "HTTP",
    81: "HTTP-alt",
    110: "POP3",
    123: "NTP",
    135: "MS-RPC",
    137: "NetBIOS",
    139: "NetBIOS",
    143: "IMAP",
    161: "SNMP",
    443: "HTTPS",
    445: "SMB",
    1433: "MSSQL",
    1521: "Oracle",
    1900: "SSDP",
    2323: "Telnet-alt",
    3306: "MySQL",
    3389: "RDP",
    5060: "SIP",
    5432: "PostgreSQL",
    5555: "ADB",
    5900: "VNC",
    6379: "Redis",
    7547: "TR-069",
    8000: "HTTP-alt",
    8080: "HTTP-alt",
    8443: "HTTPS-alt",
    8888: "HTTP-alt",
    9200: "Elasticsearch",
    27017: "MongoDB",
}
# IANA protocol numbers without ports: a flow log writes 0 for their ports.
PORTLESS_PROTOCOLS = {1: "ICMP", 58: "ICMPv6"}


def service_name(port: int) -> str | None:
    """The service usually behind `port`, or None."""
    return WELL_KNOWN_PORTS.get(int(port))


def _protocol_number(protocol) -> int | None:
    try:
        return None if protocol is None or pd.isna(protocol) else int(protocol)
    except (TypeError, ValueError):
        return None


def port_label(port: int, protocol: int | None = None) -> str:
    """`port` with its service name in parentheses when it has a well-known one; the protocol's name
    (ICMP, ICMPv6) when `protocol` has no ports."""
    portless = PORTLESS_PROTOCOLS.get(_protocol_number(protocol))
    if portless:
        return portless
    name = service_name(port)
    return f"{int(port)} ({name})" if name else str(int(port))


def target_keys(ports: pd.Series, protocols: pd.Series | None) -> pd.Series:
    """One sortable number per row: the port, or minus the protocol number for ICMP and ICMPv6 (whose
    records all say port 0), so that ICMP is counted apart from any real port."""
    keys = pd.to_numeric(ports, errors="coerce").astype("Int64")
    if protocols is None:
        return keys
    numbers = pd.to_numeric(protocols, errors="coerce").astype("Int64")
    portless = numbers.isin(list(PORTLESS_PROTOCOLS))
    return keys.mask(portless, -numbers)


def key_label(key: int) -> str:
    """The label of a key made by `target_keys`."""
    return port_label(0, -key) if key < 0 else port_label(key)


def named_ports(df: pd.DataFrame, port_col: str = "dstport", protocol_col: str = "protocol") -> pd.DataFrame:
    """A copy of a query result for display: `port_col` (and `protocol_col`, when there is one) replaced
    by one column `port` of labels such as `22 (SSH)` or `ICMP`.

    >>> named_ports(pd.DataFrame({"protocol": [6, 1], "dstport": [22, 0], "attempts": [30, 12]}))
           port  attempts
    0  22 (SSH)        30
    1      ICMP        12
    """
    protocols = df[protocol_col] if protocol_col in df.columns else None
    labels = [key_label(int(k)) if pd.notna(k) else "-" for k in target_keys(df[port_col], protocols)]
    shown = df.drop(columns=[c for c in (port_col, protocol_col) if c in df.columns])
    shown.insert(0, "port", labels)
    return shown
