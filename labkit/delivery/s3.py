"""S3 delivery: one file per flow log per 5-minute window of record end times, gzip text or Parquet.

Text files are compressed as lines arrive, so memory holds compressed bytes of the open windows only.

    >>> f = TextFile(("version", "srcaddr"))
    >>> f.add(["2 10.0.1.10"])
    >>> body, digest = f.finish()
    >>> import gzip; gzip.decompress(body).decode()
    'version srcaddr\\n2 10.0.1.10\\n'
    >>> digest
    '4bce5706'
"""

from __future__ import annotations

import io
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from operator import attrgetter
from typing import Sequence

from labkit.world import record_delivery
from labkit.flowlog.record import FlowRecord

from ..flowlog.fields import FIELDS, attribute, format_version
from .formatting import header_line, line_formatter
from ..flowlog.s3_layout import FILE_WINDOW_SECONDS, file_window, parse_s3_destination, s3_object_key

GZIP_LEVEL = 6  # zlib's default level
_end = attrgetter("end")


_compressing: ThreadPoolExecutor | None = None


def _compressor_thread() -> ThreadPoolExecutor:
    """One worker thread for gzip: zlib releases the GIL, so compression overlaps the formatting."""
    global _compressing
    if _compressing is None:
        _compressing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="labkit-gzip")
    return _compressing


class TextFile:
    """A gzip text file being written: header line first, then one line per record.

    Chunks are compressed in order on one worker thread; at most one chunk waits, so memory stays
    at the compressed bytes plus two chunks.
    """

    def __init__(self, fields: Sequence[str], level: int = GZIP_LEVEL):
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, 31)  # wbits 31: gzip container
        self._chunks: list[bytes] = []
        self._crc = 0
        self._pending: Future | None = None
        self.add([header_line(fields)])

    def add(self, lines: Sequence[str]) -> None:
        self.add_text("\n".join(lines) + "\n")

    def add_text(self, text: str) -> None:
        """Append already formatted lines (each ending with a newline)."""
        if self._pending is not None:
            self._pending.result()  # back-pressure: never more than one chunk queued
        self._pending = _compressor_thread().submit(self._compress, text.encode())

    def _compress(self, data: bytes) -> None:
        self._crc = zlib.crc32(data, self._crc)
        chunk = self._compressor.compress(data)
        if chunk:
            self._chunks.append(chunk)

    def finish(self) -> tuple[bytes, str]:
        """(gzip body, 8-hex digest of the uncompressed content)."""
        if self._pending is not None:
            self._pending.result()
        self._chunks.append(self._compressor.flush())
        return b"".join(self._chunks), f"{self._crc:08x}"


def parquet_table(records: Sequence[FlowRecord], fields: Sequence[str]):
    """A pyarrow table of the records: columns named like the fields with `_` (as AWS names them)."""
    import pyarrow as pa

    types = {"int32": pa.int32(), "int64": pa.int64(), "string": pa.string()}
    columns = {}
    for name in fields:
        if name == "version":
            values = [format_version(tuple(fields))] * len(records)
        else:
            attr = attribute(name)
            values = [getattr(r, attr, None) for r in records]
        columns[attribute(name)] = pa.array(values, type=types[FIELDS[name][1]])
    return pa.table(columns)


def parquet_body(records: Sequence[FlowRecord], fields: Sequence[str]) -> tuple[bytes, str]:
    """(Parquet bytes, 8-hex digest): Gzip-compressed pages, plain encoding, readable by simple readers."""
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(
        parquet_table(records, fields),
        sink,
        compression="gzip",
        use_dictionary=False,
        data_page_version="1.0",
        write_statistics=False,
    )
    body = sink.getvalue()
    return body, f"{zlib.crc32(body):08x}"


class S3Destination:
    """Files of one flow log: open 5-minute windows, uploaded with put_object when they close."""

    def __init__(self, s3, config, account_id: str, region: str, level: int = GZIP_LEVEL):
        self.s3 = s3
        self.config = config
        self.account_id = account_id
        self.region = region
        self.level = level
        self.bucket, self.subfolder = parse_s3_destination(config.destination)
        self._format = line_formatter(config.fields)
        self._open: dict[int, TextFile | list[FlowRecord]] = {}

    def add(self, records: Sequence[FlowRecord]) -> None:
        if not records:
            return
        ends = list(map(_end, records))  # C-level passes: most calls hold a single file window
        if file_window(min(ends)) == file_window(max(ends)):
            self._add_window(file_window(ends[0]), records)
            return
        by_window: dict[int, list[FlowRecord]] = {}
        for record in records:
            by_window.setdefault(file_window(record.end), []).append(record)
        for when, chunk in by_window.items():
            self._add_window(when, chunk)

    def _add_window(self, when: int, records: Sequence[FlowRecord]) -> None:
        if self.config.file_format == "parquet":
            self._open.setdefault(when, []).extend(records)
            return
        target = self._open.get(when) or self._open.setdefault(when, TextFile(self.config.fields, self.level))
        target.add_text("\n".join(map(self._format, records)) + "\n")

    def close_before(self, timestamp: int) -> list[str]:
        """Upload every file whose window ends at or before timestamp; returns their keys."""
        done = sorted(w for w in self._open if w + FILE_WINDOW_SECONDS <= timestamp)
        return [self._upload(when, self._open.pop(when)) for when in done]

    def close(self) -> list[str]:
        return [self._upload(when, self._open.pop(when)) for when in sorted(self._open)]

    def _upload(self, when: int, content) -> str:
        if isinstance(content, TextFile):
            body, digest = content.finish()
        else:
            body, digest = parquet_body(content, self.config.fields)
        key = s3_object_key(
            self.account_id,
            self.region,
            self.config.flow_log_id,
            when,
            digest,
            subfolder=self.subfolder,
            hive=self.config.hive,
            per_hour=self.config.per_hour,
            file_format=self.config.file_format,
        )
        answer = self.s3.put_object(Bucket=self.bucket, Key=key, Body=body, ACL="bucket-owner-full-control")
        record_delivery(self.bucket, key, (answer or {}).get("ETag"))  # the sandbox remembers what it delivered
        return key
