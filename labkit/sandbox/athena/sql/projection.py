"""Partition projection: partitions computed from TBLPROPERTIES instead of stored in the catalog.

Supports the types Athena documents: enum, integer, date (Java format, ranges with NOW and
NOW±N<UNIT>, interval and unit) and injected (values taken from the query's equality filters),
plus `storage.location.template`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from .errors import QueryFailed

MAX_PROJECTED = 2_000_000

_JAVA_TO_STRFTIME = [("yyyy", "%Y"), ("yy", "%y"), ("MM", "%m"), ("dd", "%d"), ("HH", "%H"), ("mm", "%M"), ("ss", "%S")]
_UNITS = {
    "YEARS": "years",
    "MONTHS": "months",
    "WEEKS": "weeks",
    "DAYS": "days",
    "HOURS": "hours",
    "MINUTES": "minutes",
    "SECONDS": "seconds",
}


def is_projected(table: dict) -> bool:
    return str(table.get("Parameters", {}).get("projection.enabled", "")).lower() == "true"


def java_to_strftime(pattern: str) -> str:
    out, i = "", 0
    while i < len(pattern):
        if pattern[i] == "'":  # quoted literal text
            end = pattern.index("'", i + 1)
            out += pattern[i + 1 : end]
            i = end + 1
            continue
        for java, strf in _JAVA_TO_STRFTIME:
            if pattern.startswith(java, i):
                out += strf
                i += len(java)
                break
        else:
            out += pattern[i].replace("%", "%%")
            i += 1
    return out


def _add(moment: dt.datetime, amount: int, unit: str) -> dt.datetime:
    if unit == "years":
        return moment.replace(year=moment.year + amount)
    if unit == "months":
        month = moment.month - 1 + amount
        return moment.replace(year=moment.year + month // 12, month=month % 12 + 1)
    return moment + dt.timedelta(**{unit: amount})


def _date_bound(text: str, strf: str, now: dt.datetime) -> dt.datetime:
    text = text.strip()
    match = re.fullmatch(r"NOW(?:\s*([+-])\s*(\d+)\s*([A-Z]+?)S?)?", text.upper())
    if match:
        if not match.group(1):
            return now
        unit = _UNITS.get(match.group(3).upper() + "S")
        if not unit:
            raise QueryFailed("INVALID_TABLE_PROPERTY", f"Unsupported projection range '{text}'")
        amount = int(match.group(2)) * (1 if match.group(1) == "+" else -1)
        return _add(now, amount, unit)
    try:
        return dt.datetime.strptime(text, strf)
    except ValueError:
        raise QueryFailed(
            "INVALID_TABLE_PROPERTY", f"Projection range value '{text}' does not match the format"
        ) from None


def _default_unit(strf: str) -> str:
    for code, unit in (("%S", "seconds"), ("%M", "minutes"), ("%H", "hours"), ("%d", "days"), ("%m", "months")):
        if code in strf:
            return unit
    return "years"


def column_values(params: dict, column: str, injected: dict[str, list[str]], now: dt.datetime) -> list[str]:
    prefix = f"projection.{column}."
    kind = params.get(prefix + "type", "").lower()
    if kind == "enum":
        return [v.strip() for v in params.get(prefix + "values", "").split(",") if v.strip()]
    if kind == "integer":
        low, high = (int(v) for v in params[prefix + "range"].split(","))
        step = int(params.get(prefix + "interval", "1"))
        digits = int(params.get(prefix + "digits", "0"))
        return [str(v).zfill(digits) for v in range(low, high + 1, step)]
    if kind == "date":
        strf = java_to_strftime(params[prefix + "format"])
        low_text, high_text = params[prefix + "range"].split(",")
        low, high = _date_bound(low_text, strf, now), _date_bound(high_text, strf, now)
        step = int(params.get(prefix + "interval", "1"))
        unit = _UNITS.get(params.get(prefix + "interval.unit", "").upper()) or _default_unit(strf)
        values, moment = [], low
        while moment <= high:
            values.append(moment.strftime(strf))
            moment = _add(moment, step, unit)
            if len(values) > MAX_PROJECTED:
                break
        return values
    if kind == "injected":
        if column not in injected:
            raise QueryFailed(
                "CONSTRAINT_VIOLATION",
                f"For the injected projected partition column {column}, the WHERE clause must contain only "
                "static equality conditions, and at least one such condition must be present.",
            )
        return injected[column]
    raise QueryFailed("INVALID_TABLE_PROPERTY", f"Column {column}: projection type '{kind}' is not supported")


def projected_partitions(
    table: dict, injected: dict[str, list[str]], column_filter=None, now: dt.datetime | None = None
) -> list[tuple[dict[str, str], str]]:
    """Every (values, location) the projection defines; column_filter(col, values) may prune early."""
    params = table.get("Parameters", {})
    now = now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    keys = [k["Name"] for k in table.get("PartitionKeys", [])]
    per_column = []
    for key in keys:
        values = column_values(params, key, injected, now)
        per_column.append(column_filter(key, values) if column_filter else values)
    total = 1
    for values in per_column:
        total *= len(values)
    if total > MAX_PROJECTED:
        raise QueryFailed(
            "HIVE_EXCEEDED_PARTITION_LIMIT",
            f"Partition projection would read {total} partitions; add a filter on the partition columns",
        )
    template = params.get("storage.location.template")
    base = table["StorageDescriptor"].get("Location", "").rstrip("/") + "/"
    out = []
    for combination in itertools.product(*per_column):
        values = dict(zip(keys, combination))
        if template:
            location = template
            for key, value in values.items():
                location = location.replace("${" + key + "}", value)
        else:
            location = base + "/".join(f"{k}={v}" for k, v in values.items())
        out.append((values, location))
    return out
