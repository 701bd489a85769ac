"""Service names of the ports scanners probe most, for labels like `22 (SSH)`.

    >>> port_label(3389)
    '3389 (RDP)'
    >>> port_label(40123)
    '40123'
"""
from __future__ import annotations

# Names are the IANA/common service names; they read the same in English and Korean.
WELL_KNOWN_PORTS = {
    20: "FTP-data", 21: "FTP", 22: "SSH", 23: "Telnet", 25: "SMTP", 53: "DNS", 80: "HTTP",
    81: "HTTP-alt", 110: "POP3", 123: "NTP", 135: "MS-RPC", 137: "NetBIOS", 139: "NetBIOS",
    143: "IMAP", 161: "SNMP", 443: "HTTPS", 445: "SMB", 1433: "MSSQL", 1521: "Oracle",
    1900: "SSDP", 2323: "Telnet-alt", 3306: "MySQL", 3389: "RDP", 5060: "SIP", 5432: "PostgreSQL",
    5555: "ADB", 5900: "VNC", 6379: "Redis", 7547: "TR-069", 8000: "HTTP-alt", 8080: "HTTP-alt",
    8443: "HTTPS-alt", 8888: "HTTP-alt", 9200: "Elasticsearch", 27017: "MongoDB",
}


def service_name(port: int) -> str | None:
    """The service usually behind `port`, or None."""
    return WELL_KNOWN_PORTS.get(int(port))


def port_label(port: int) -> str:
    """`port` with its service name in parentheses when it has a well-known one."""
    name = service_name(port)
    return f"{int(port)} ({name})" if name else str(int(port))
