"""Types across the three worlds: Hive DDL (Glue), DuckDB (execution) and Trino (what Athena reports)."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re

_HIVE_TO_DUCKDB = {
    "tinyint": "TINYINT",
    "smallint": "SMALLINT",
    "int": "INTEGER",
    "integer": "INTEGER",
    "bigint": "BIGINT",
    "float": "FLOAT",
    "real": "FLOAT",
    "double": "DOUBLE",
    "boolean": "BOOLEAN",
    "string": "VARCHAR",
    "varchar": "VARCHAR",
    "char": "VARCHAR",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "binary": "BLOB",
}
_DECIMAL = re.compile(r"decimal(\(\s*\d{1,2}\s*(,\s*\d{1,2}\s*)?\))?")


def hive_base(hive_type: str) -> str:
    return re.split(r"[(<]", hive_type.strip().lower(), maxsplit=1)[0]


def hive_to_duckdb(hive_type: str) -> str:
    """'decimal(10,2)' -> 'DECIMAL(10,2)', 'string' -> 'VARCHAR', 'array<string>' -> 'VARCHAR[]'."""
    text = hive_type.strip().lower()
    base = hive_base(text)
    if base == "decimal":
        # The type goes into the engine's SQL as it is: a Glue column type can be any string.
        return text.upper() if _DECIMAL.fullmatch(text) else "VARCHAR"
    if base == "array":
        return hive_to_duckdb(text[6:-1]) + "[]"
    if base == "map":
        key, value = (split_type_arguments(text[4:-1]) + ["string"])[:2]
        return f"MAP({hive_to_duckdb(key)}, {hive_to_duckdb(value)})"
    if base == "struct":  # struct<a:int,b:string>: a row with those fields
        fields = [f.split(":", 1) for f in split_type_arguments(text[7:-1])]
        return "STRUCT(" + ", ".join(f'"{name.strip()}" {hive_to_duckdb(kind)}' for name, kind in fields) + ")"
    return _HIVE_TO_DUCKDB.get(base, "VARCHAR")


def duckdb_to_trino(duck_type: str) -> str:
    """The Trino type name Athena would report for a DuckDB result column."""
    t = str(duck_type).upper()
    if t.endswith("[]"):
        return "array"
    if t.startswith("DECIMAL"):
        return t.lower()  # decimal(p,s): ColumnInfo splits precision and scale off
    if t.startswith("TIMESTAMP") and "TIME ZONE" not in t:
        return "timestamp"
    if t.startswith(("STRUCT", "TUPLE")):
        return "row"
    if t.startswith("MAP"):
        return "map"
    return {
        "BOOLEAN": "boolean",
        "TINYINT": "tinyint",
        "SMALLINT": "smallint",
        "INTEGER": "integer",
        "BIGINT": "bigint",
        "HUGEINT": "bigint",
        "UBIGINT": "bigint",
        "UINTEGER": "bigint",
        "USMALLINT": "integer",
        "UTINYINT": "smallint",
        "FLOAT": "real",
        "DOUBLE": "double",
        "VARCHAR": "varchar",
        "DATE": "date",
        "TIMESTAMP": "timestamp",
        "TIMESTAMP_MS": "timestamp",
        "TIMESTAMP WITH TIME ZONE": "timestamp with time zone",
        "TIME": "time",
        "TIME WITH TIME ZONE": "time with time zone",
        "INTERVAL": "interval day to second",
        "BLOB": "varbinary",
        "UUID": "uuid",
        "NULL": "unknown",
        "JSON": "json",
        '"NULL"': "unknown",
    }.get(t, "varchar")


def java_double(value: float) -> str:
    """Doubles as Trino prints them (Java's Double.toString): 2.5, 3.0, 1.0E7, NaN, Infinity."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0.0"
    if 1e-3 <= abs(value) < 1e7:
        text = repr(float(value))
        return text if "." in text or "e" in text else text + ".0"
    sign, digits, exponent = decimal.Decimal(repr(value)).as_tuple()
    text = "".join(map(str, digits)).rstrip("0") or "0"
    power = len(digits) + exponent - 1  # position of the first digit
    mantissa = text[0] + "." + (text[1:] or "0")
    return f"{'-' if sign else ''}{mantissa}E{power}"


def render(value, trino_type: str, zone: str | None = None) -> str | None:
    """A value as Athena's result set and CSV carry it (strings; None for NULL). A timestamp with
    time zone is shown in `zone` (a zone name or offset the query gave it), else in UTC."""
    kind = type(value)
    if kind is str:  # the commonest values first: a result of millions of rows renders every one
        return value
    if kind is int:  # not bool, a subclass of int
        return str(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return java_double(value)
    if isinstance(value, dt.datetime):
        if zone is not None and value.tzinfo is not None:
            from .rewrite import tzinfo

            value = value.astimezone(tzinfo(zone))
        text = value.strftime("%Y-%m-%d %H:%M:%S.") + f"{value.microsecond // 1000:03d}"
        return text + " " + (zone or "UTC") if trino_type == "timestamp with time zone" else text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        text = value.strftime("%H:%M:%S.") + f"{value.microsecond // 1000:03d}"
        if value.tzinfo is None:
            return text
        offset = int(value.utcoffset().total_seconds() // 60)  # a time with time zone: its offset
        return text + f"{'-' if offset < 0 else '+'}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    if isinstance(value, dt.timedelta):
        total = value.total_seconds()
        days, rest = divmod(abs(total), 86400)
        hours, rest = divmod(rest, 3600)
        minutes, seconds = divmod(rest, 60)
        sign = "-" if total < 0 else ""
        return f"{sign}{int(days)} {int(hours):02d}:{int(minutes):02d}:{seconds:06.3f}"
    if isinstance(value, decimal.Decimal):
        return format(value, "f")  # every digit of its scale, never an exponent
    if isinstance(value, list):
        return "[" + ", ".join("null" if v is None else str(render(v, "")) for v in value) + "]"
    if isinstance(value, tuple):  # a row whose fields have no names: {1, a}
        return "{" + ", ".join("null" if v is None else str(render(v, "")) for v in value) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={'null' if v is None else render(v, '')}" for k, v in value.items()) + "}"
    if isinstance(value, bytes):
        return value.hex(" ")
    return str(value)


def split_type_arguments(text: str) -> list[str]:
    """'string,array<int>' -> ['string', 'array<int>'] (commas inside <> kept)."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char == "<"
        depth -= char == ">"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return parts + [current.strip()]
