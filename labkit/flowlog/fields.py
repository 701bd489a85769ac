"""The VPC flow-log fields (versions 2-5, and 7 for ECS): their version, Parquet type and FlowRecord attribute.

>>> parse_log_format("${version} ${srcaddr} ${tcp-flags}")
('version', 'srcaddr', 'tcp-flags')
>>> format_version(("srcaddr", "tcp-flags"))
3
"""

from __future__ import annotations

import re

# field name -> (version that introduced it, Parquet type), in the AWS guide's order.
FIELDS: dict[str, tuple[int, str]] = {
    "version": (2, "int32"),
    "account-id": (2, "string"),
    "interface-id": (2, "string"),
    "srcaddr": (2, "string"),
    "dstaddr": (2, "string"),
    "srcport": (2, "int32"),
    "dstport": (2, "int32"),
    "protocol": (2, "int32"),
    "packets": (2, "int64"),
    "bytes": (2, "int64"),
    "start": (2, "int64"),
    "end": (2, "int64"),
    "action": (2, "string"),
    "log-status": (2, "string"),
    "vpc-id": (3, "string"),
    "subnet-id": (3, "string"),
    "instance-id": (3, "string"),
    "tcp-flags": (3, "int32"),
    "type": (3, "string"),
    "pkt-srcaddr": (3, "string"),
    "pkt-dstaddr": (3, "string"),
    "region": (4, "string"),
    "az-id": (4, "string"),
    "sublocation-type": (4, "string"),
    "sublocation-id": (4, "string"),
    "pkt-src-aws-service": (5, "string"),
    "pkt-dst-aws-service": (5, "string"),
    "flow-direction": (5, "string"),
    "traffic-path": (5, "int32"),
    # Version 7: ECS task metadata. Valid in a LogFormat; always `-` here (the course runs no ECS tasks).
    **{
        f"ecs-{name}": (7, "string")
        for name in (
            "cluster-arn",
            "cluster-name",
            "container-instance-arn",
            "container-instance-id",
            "container-id",
            "second-container-id",
            "service-name",
            "task-definition-arn",
            "task-arn",
            "task-id",
        )
    },
}

DEFAULT_FIELDS: tuple[str, ...] = tuple(FIELDS)[:14]
DEFAULT_LOG_FORMAT = " ".join(f"${{{name}}}" for name in DEFAULT_FIELDS)

_TOKEN = re.compile(r"\$\{([^{}\s]*)\}")


class LogFormatError(ValueError):
    """A LogFormat that EC2 would refuse; `unknown` lists the unknown field tokens (`${foo}`)."""

    def __init__(self, text: str, unknown: tuple[str, ...] = ()):
        self.unknown = unknown
        super().__init__(text)


def parse_log_format(log_format: str | None) -> tuple[str, ...]:
    """The field names of a LogFormat string (`${a} ${b}` -> ('a', 'b')); None means the default format.

    Raises LogFormatError for text that is not a single-space-separated list of `${field}` tokens
    or that names fields outside versions 2-5.
    """
    if log_format is None:
        return DEFAULT_FIELDS
    tokens = log_format.split(" ")
    if not log_format or any(not _TOKEN.fullmatch(token) for token in tokens):
        raise LogFormatError(log_format)
    names = tuple(_TOKEN.fullmatch(token).group(1) for token in tokens)
    unknown = tuple(f"${{{name}}}" for name in names if name not in FIELDS)
    if unknown:
        raise LogFormatError(log_format, unknown)
    return names


def format_version(fields: tuple[str, ...]) -> int:
    """The `version` a record in this format carries: the highest version among its fields."""
    return max(FIELDS[name][0] for name in fields)


def attribute(field_name: str) -> str:
    """The FlowRecord attribute of a field (`log-status` -> `log_status`); also the Parquet column name."""
    return field_name.replace("-", "_")
