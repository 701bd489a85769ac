"""Reading what the S3 flow log delivered, straight from S3 (gzip text files with one header line).

Only what the flow-logs service wrote counts: in the sandbox, the objects it recorded as delivered
(same key, same ETag: a file a student uploads under AWSLogs/, or a delivered one overwritten, is not
among them); on a real account, objects named as the service names them. Files that are not readable
gzip text are skipped and counted, never a crash.

    >>> found = Delivered(s3, "bucket", "AWSLogs/123456789012/vpcflowlogs/us-east-1/", accept)
    >>> sum(1 for r in found.records() if r["action"] == "REJECT"), found.unreadable
    (46, [])
"""

from __future__ import annotations

import gzip
import ipaddress
import re
import zlib
from collections import Counter, OrderedDict
from typing import Callable, Iterator

from ..flowlog.s3_layout import listed_log_files

MAX_OBJECT_BYTES = 64 << 20  # a delivered file is a few MB at most; a larger object is not read
# Lines of files already read, by (bucket, key, ETag): a lab's checks read the same delivered files again
# and again (a fifth of the sandbox's CPU in lab 03), and the ETag changes with the content.
_READ: OrderedDict[tuple[str, str, str], list[str]] = OrderedDict()
READ_KEPT = 4096  # files; the labs deliver a few hundred
# ACCOUNT_vpcflowlogs_REGION_FLOWLOGID_YYYYMMDDTHHmmZ_HASH.log.gz (labkit.flowlog.s3_layout.s3_file_name)
DELIVERED_NAME = re.compile(r"^\d{12}_vpcflowlogs_[a-z0-9-]+_fl-[0-9a-zA-Z]+_\d{8}T\d{4}Z_[0-9a-f]+\.log\.gz$")


def named_as_delivered(key: str) -> bool:
    """True when the object's file name is one the flow-logs service writes."""
    return bool(DELIVERED_NAME.match(key.rsplit("/", 1)[-1]))


class Delivered:
    """The delivered files under `prefix`; `accept(key, etag)` says whether the service wrote one."""

    def __init__(self, s3, bucket: str, prefix: str, accept: Callable[[str, str], bool]):
        self.s3, self.bucket, self.prefix, self.accept = s3, bucket, prefix, accept
        self.unreadable: list[str] = []
        self.not_delivered: list[str] = []
        self.etags: dict[str, str] = {}  # of the keys listed as delivered

    def keys(self) -> Iterator[str]:
        for item in listed_log_files(self.s3, self.bucket, self.prefix):
            key, etag = item["Key"], str(item.get("ETag", "")).strip('"')
            if self.accept(key, etag) and item.get("Size", 0) <= MAX_OBJECT_BYTES:
                self.etags[key] = etag
                yield key
            else:
                self.not_delivered.append(key)

    def lines(self, key: str) -> list[str] | None:
        etag = self.etags.get(key)
        known = (self.bucket, key, etag)
        if etag and known in _READ:
            _READ.move_to_end(known)
            return _READ[known]
        body = self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        try:
            lines = gzip.decompress(body).decode("utf-8", errors="replace").splitlines()
        except (OSError, EOFError, zlib.error):  # BadGzipFile is an OSError
            self.unreadable.append(key)
            return None
        if etag:
            _READ[known] = lines
            if len(_READ) > READ_KEPT:
                _READ.popitem(last=False)
        return lines

    def files(self) -> Iterator[tuple[str, Iterator[dict]]]:
        """(key, its records) for every delivered file that reads."""
        for key in self.keys():
            lines = self.lines(key)
            if lines:
                yield key, _parse(lines)

    def records(self) -> Iterator[dict]:
        """Every record as {field_name: value}, field names with '-' turned into '_'."""
        for _, records in self.files():
            yield from records


def _parse(lines: list[str]) -> Iterator[dict]:
    header = [name.replace("-", "_") for name in lines[0].split()]
    for line in lines[1:]:
        values = line.split()
        if len(values) == len(header):
            yield dict(zip(header, values))


def _order(item: tuple[str, int]) -> tuple:
    key, count = item
    if key.isascii() and key.isdigit():
        return (-count, 0, int(key), "")
    try:
        return (-count, 1, int(ipaddress.ip_address(key)), "")
    except ValueError:
        return (-count, 2, 0, key)


def ranked(counter: Counter) -> list[str]:
    """Keys from most to least frequent; ties go to the lowest (numerically for ports and addresses),
    as the truth file does."""
    return [key for key, _ in sorted(((str(k), c) for k, c in counter.items()), key=_order)]


def tied_at_top(counter: Counter) -> list[str]:
    """Every key with the highest count (sorted): any of them is a right answer to "which is the most"."""
    most = max(counter.values())
    return sorted((key for key, count in counter.items() if count == most), key=str)


def top(counter: Counter) -> str | None:
    """The most frequent key (see `ranked`), or None."""
    order = ranked(counter)
    return order[0] if order else None
