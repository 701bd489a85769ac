"""Flow records as the lines AWS writes: fields in the LogFormat's order, `-` where a value is None.

>>> from labkit.flowlog.record import FlowRecord
>>> record = FlowRecord("123456789012", "eni-1", "10.0.1.10", "203.0.113.5", 22, 40000, 6,
...                     10, 840, 1764190800, 1764190859, "ACCEPT")
>>> format_record(record, DEFAULT_FIELDS)
'2 123456789012 eni-1 10.0.1.10 203.0.113.5 22 40000 6 10 840 1764190800 1764190859 ACCEPT OK'
>>> header_line(("version", "srcaddr"))
'version srcaddr'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Sequence

from labkit.messages import LabkitError
from labkit.flowlog.record import FlowRecord

from ..flowlog.fields import DEFAULT_FIELDS, FIELDS, attribute, format_version

__all__ = ["DEFAULT_FIELDS", "format_record", "header_line", "line_formatter"]

RECORD_ATTRIBUTES = frozenset(FlowRecord.__slots__)


@lru_cache(maxsize=64)
def line_formatter(fields: tuple[str, ...]) -> Callable[[FlowRecord], str]:
    """A fast function record -> line for one format (compiled once per format; delivery calls it a lot).

    The source is generated from the fixed field table only (names are checked against FIELDS),
    so no outside text ever reaches `eval`.
    """
    unknown = [name for name in fields if name not in FIELDS]
    if unknown or not fields:
        raise LabkitError("delivery.unknown_fields", fields=" ".join(unknown) or "(none)", known=" ".join(FIELDS))
    version = format_version(fields)
    parts = []
    for name in fields:
        if name == "version":
            parts.append(str(version))  # the format's version, not a per-record value
        elif attribute(name) not in RECORD_ATTRIBUTES:
            parts.append("-")  # a field the traffic model never fills (ECS metadata)
        else:
            attr = attribute(name)
            parts.append(f"{{'-' if r.{attr} is None else r.{attr}}}")
    return eval(f'lambda r: f"{" ".join(parts)}"')  # noqa: S307 - source built from FIELDS only


def format_record(record: FlowRecord, fields: Sequence[str] = DEFAULT_FIELDS) -> str:
    """One record as one flow-log line (no newline)."""
    return line_formatter(tuple(fields))(record)


def header_line(fields: Sequence[str] = DEFAULT_FIELDS) -> str:
    """The header line of an S3 text file: the field names without `${}`, space separated."""
    return " ".join(fields)
