"""S3 as the engine sees it: list objects under a prefix, read them through a local file cache.

The engine lives in the sandbox process, so it reads moto's S3 store directly. Objects are copied
once to a cache directory (keyed by ETag) so DuckDB can read them as files: the first query pays
the copy ("cold"), later ones read the cache ("warm"). That folder is one of the two DuckDB may open
at all (guard.lock_duckdb); only the engine's scans name its files, never the user's SQL.

Objects are written and read in chunks (put_file, read_range): a result of millions of rows goes
from a local file into S3, and back page by page, without ever being one bytes object in memory.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from moto.s3.models import s3_backends

from .errors import QueryFailed

COPY_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class S3Object:
    bucket: str
    key: str
    size: int
    etag: str

    @property
    def uri(self) -> str:
        return f"s3://{self.bucket}/{self.key}"


def split_s3_uri(uri: str) -> tuple[str, str]:
    """'s3://bucket/a/b/' -> ('bucket', 'a/b/'). Anything else (a local path, file://, http://) is
    refused as Athena refuses a table location: the engine reads and writes S3 only."""
    bucket, _, key = uri[5:].partition("/") if uri.lower().startswith("s3://") else ("", "", "")
    if not bucket:
        raise QueryFailed("INVALID_TABLE_PROPERTY", f"Invalid location {uri} for table. Only S3 locations are allowed")
    return bucket, key


def is_hidden(key: str, prefix: str) -> bool:
    """Hive skips objects whose name (or any folder below the location) starts with '_' or '.'."""
    rest = key[len(prefix) :]
    return key.endswith("/") or any(part.startswith(("_", ".")) for part in PurePosixPath(rest).parts)


class S3Storage:
    def __init__(self, account: str, cache_dir: str | None = None):
        self.account = account
        self.cache_dir = cache_dir or tempfile.mkdtemp(prefix="labkit-athena-cache-")
        os.makedirs(self.cache_dir, mode=0o700, exist_ok=True)

    @property
    def backend(self):
        return s3_backends[self.account]["aws"]

    def bucket_exists(self, bucket: str) -> bool:
        return bucket in self.backend.buckets

    def list(self, uri: str, listing: dict | None = None) -> list[S3Object]:
        """Every visible object under uri (recursively), sorted by key.

        `listing` (a dict the caller keeps for one query) holds each bucket's sorted key names,
        so a query over thousands of partitions lists each bucket once.
        """
        bucket_name, prefix = split_s3_uri(uri)
        bucket = self.backend.buckets.get(bucket_name)
        if bucket is None:
            return []
        listing = {} if listing is None else listing
        if bucket_name not in listing:
            listing[bucket_name] = sorted(bucket.keys.keys())
        names = listing[bucket_name]
        found = []
        for index in range(bisect.bisect_left(names, prefix), len(names)):
            key_name = names[index]
            if not key_name.startswith(prefix):
                break
            key = bucket.keys.get(key_name)
            if key is not None and not is_hidden(key_name, prefix):
                found.append(S3Object(bucket_name, key_name, key.size, key.etag))
        return found

    def list_prefixes(self, uri: str) -> list[str]:
        """Keys (relative to uri) of every visible object under uri: what MSCK REPAIR walks."""
        _, prefix = split_s3_uri(uri)
        return [o.key[len(prefix) :] for o in self.list(uri)]

    def local_path(self, obj: S3Object) -> str:
        """A local file with the object's bytes (copied on first use; the suffix is kept for DuckDB)."""
        digest = hashlib.sha1(f"{obj.bucket}/{obj.key}/{obj.etag}".encode()).hexdigest()
        suffix = "".join(PurePosixPath(obj.key).suffixes[-2:])
        path = os.path.join(self.cache_dir, digest + suffix)
        if not os.path.exists(path):
            key = self.backend.get_object(obj.bucket, obj.key)
            temporary = f"{path}.{os.getpid()}.{id(obj)}.part"
            with open(temporary, "wb") as handle, value_of(key) as value:
                value.seek(0)
                shutil.copyfileobj(value, handle, COPY_CHUNK)
            os.replace(temporary, path)
        return path

    def put(self, uri: str, body: bytes) -> None:
        bucket, key = split_s3_uri(uri)
        self.backend.put_object(bucket, key, body)

    def put_file(self, uri: str, handle: BinaryIO) -> int:
        """Put the whole of `handle` (from its start) at uri, chunk by chunk; the object's size."""
        from moto.s3 import notifications

        bucket_name, key_name = split_s3_uri(uri)
        key = self.backend.put_object(bucket_name, key_name, b"", disable_notification=True)
        handle.seek(0)
        with value_of(key) as value:
            shutil.copyfileobj(handle, value, COPY_CHUNK)
            key.contentsize = value.tell()
            key._etag = None  # moto computes it from the value, when first asked
        # What put_object would have announced, now that the object is whole.
        notifications.send_event(
            self.account,
            notifications.S3NotificationEvent.OBJECT_CREATED_PUT_EVENT,
            self.backend.get_bucket(bucket_name),
            key,
        )
        return key.size

    def size(self, uri: str) -> int | None:
        """The size of the object at uri; None when there is none."""
        key = self._key(uri)
        return None if key is None else key.size

    def read_range(self, uri: str, offset: int, size: int) -> bytes:
        """`size` bytes of the object at uri from `offset` (fewer at its end; b"" if it is gone)."""
        key = self._key(uri)
        if key is None:
            return b""
        with value_of(key) as value:
            value.seek(offset)
            return value.read(size)

    def _key(self, uri: str):
        bucket, key_name = split_s3_uri(uri)
        return self.backend.get_object(bucket, key_name) if self.bucket_exists(bucket) else None


@contextlib.contextmanager
def value_of(key) -> Iterator[BinaryIO]:
    """The file moto keeps an object's bytes in (a SpooledTemporaryFile: memory, then disk), held
    for the caller alone. moto's own accessors (`key.value`) read or take the value as one bytes
    object, which a result of millions of rows must never become."""
    with key.lock:
        yield key._value_buffer
