"""S3 as the engine sees it: list objects under a prefix, read them through a local file cache.

The engine lives in the sandbox process, so it reads moto's S3 store directly. Objects are copied
once to a cache directory (keyed by ETag) so DuckDB can read them as files: the first query pays
the copy ("cold"), later ones read the cache ("warm"). That folder is one of the two DuckDB may open
at all (guard.lock_duckdb); only the engine's scans name its files, never the user's SQL.
"""
from __future__ import annotations

import bisect
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from moto.s3.models import s3_backends

from .errors import QueryFailed


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
    rest = key[len(prefix):]
    return key.endswith("/") or any(part.startswith(("_", ".")) for part in PurePosixPath(rest).parts)


class S3Storage:
    def __init__(self, account: str, cache_dir: str | None = None):
        self.account = account
        self.cache_dir = cache_dir or tempfile.mkdtemp(prefix="labkit-athena-cache-")

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
        return [o.key[len(prefix):] for o in self.list(uri)]

    def local_path(self, obj: S3Object) -> str:
        """A local file with the object's bytes (copied on first use; the suffix is kept for DuckDB)."""
        digest = hashlib.sha1(f"{obj.bucket}/{obj.key}/{obj.etag}".encode()).hexdigest()
        suffix = "".join(PurePosixPath(obj.key).suffixes[-2:])
        path = os.path.join(self.cache_dir, digest + suffix)
        if not os.path.exists(path):
            key = self.backend.get_object(obj.bucket, obj.key)
            temporary = f"{path}.{os.getpid()}.{id(obj)}.part"
            with open(temporary, "wb") as handle:
                handle.write(key.value)
            os.replace(temporary, path)
        return path

    def put(self, uri: str, body: bytes, content_type: str = "text/csv") -> None:
        bucket, key = split_s3_uri(uri)
        self.backend.put_object(bucket, key, body)
