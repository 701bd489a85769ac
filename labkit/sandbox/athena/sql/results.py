"""Athena's result files, and pages read back from them.

A query (StatementType DML) writes a CSV: a header row, every value quoted, NULL an empty unquoted
field. Any other statement writes text, one line per row. GetQueryResults reads its pages back from
that S3 object, starting at a byte offset where a record begins; only this module's reader hands such
offsets out, so a page never starts inside a quoted value.

    >>> import io; handle = io.BytesIO()
    >>> write_csv(handle, ["a", "b"], [[["1", None], ['x,"y"\\n', ""]]])
    2
    >>> read_records(lambda at, size: handle.getvalue()[at:at + size], 0, 10, "csv", 2)
    ([['a', 'b'], ['1', None], ['x,"y"\\n', '']], 27)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import BinaryIO

CSV, TEXT = "csv", "text"
CHUNK = 256 * 1024  # first read of a page; doubled while a record is longer than what is read
# One CSV field and the separator after it: a quoted value (quotes doubled inside) or nothing (NULL).
_CSV_FIELD = re.compile(rb'(?:"([^"]*(?:""[^"]*)*)")?([,\n])')

Rows = list[list[str | None]]


class DamagedResult(Exception):
    """The bytes at an offset are not records this module wrote (the object was replaced)."""


def csv_lines(rows: Rows) -> str:
    # Athena writes NULL as an empty unquoted field and every value quoted. (Lists, not generators:
    # this runs for every row of a result, and join is faster with them.)
    if not rows:
        return ""
    return (
        "\n".join([",".join(["" if v is None else '"' + v.replace('"', '""') + '"' for v in row]) for row in rows])
        + "\n"
    )


def write_csv(handle: BinaryIO, names: list[str], batches: Iterable[Rows]) -> int:
    """Write the header and every batch of rendered rows; the number of rows (header not counted)."""
    handle.write(csv_lines([names]).encode())
    count = 0
    for rows in batches:
        handle.write(csv_lines(rows).encode())
        count += len(rows)
    return count


def write_text(handle: BinaryIO, rows: Rows) -> int:
    """One line per row, values separated by tabs; the number of lines (what the reader finds)."""
    text = "".join("\t".join("" if v is None else v for v in row) + "\n" for row in rows)
    handle.write(text.encode())
    return text.count("\n")


def read_records(
    read: Callable[[int, int], bytes], offset: int, count: int, kind: str, columns: int
) -> tuple[Rows, int]:
    """Up to `count` records from `offset` of a result file, and the offset after the last one.

    `read(offset, size)` returns the file's bytes there (fewer at its end). A CSV record must have
    `columns` fields; text lines are one value each (split on tabs when there are several columns).
    """
    parse = _csv_record if kind == CSV else _text_record
    records: Rows = []
    buffer, start, position, size, end = b"", offset, 0, CHUNK, False
    while len(records) < count:
        parsed = parse(buffer, position, columns)
        if parsed is not None:
            record, position = parsed
            records.append(record)
            continue
        if end:
            if position < len(buffer):
                raise DamagedResult(f"an incomplete record at byte {start + position}")
            break
        more = read(start + len(buffer), size)
        end = len(more) < size
        buffer, start, position = buffer[position:] + more, start + position, 0
        size *= 2
    return records, start + position


def _csv_record(buffer: bytes, position: int, columns: int) -> tuple[list[str | None], int] | None:
    """The CSV record at `position` and the position after it; None if the buffer ends first."""
    record = []
    while True:
        field = _CSV_FIELD.match(buffer, position)
        if field is None:  # a quoted value the buffer cuts short, or bytes this module never writes
            if position < len(buffer) and buffer[position] != ord('"'):
                raise DamagedResult(f"an unquoted value at byte {position}")
            return None
        value, separator = field.groups()
        record.append(None if value is None else value.replace(b'""', b'"').decode())
        position = field.end()
        if separator == b"\n":
            if len(record) != columns:
                raise DamagedResult(f"a record of {len(record)} values instead of {columns}")
            return record, position


def _text_record(buffer: bytes, position: int, columns: int) -> tuple[list[str | None], int] | None:
    end = buffer.find(b"\n", position)
    if end < 0:
        return None
    line = buffer[position:end].decode()
    return (line.split("\t", columns - 1) if columns > 1 else [line]), end + 1
