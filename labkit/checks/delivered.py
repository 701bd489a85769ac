"""Reading what the S3 flow log delivered, straight from S3 (gzip text files with one header line).

Checks use it for answers that depend on the learner's flow-log configuration.

    >>> sum(1 for r in records(s3, "bucket", "AWSLogs/123456789012/vpcflowlogs/us-east-1/") if r["action"] == "REJECT")
    46
"""
from __future__ import annotations

import gzip
import ipaddress
from collections import Counter
from typing import Iterator


def object_keys(s3, bucket: str, prefix: str) -> Iterator[str]:
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            if item["Key"].endswith(".log.gz"):
                yield item["Key"]


def records(s3, bucket: str, prefix: str) -> Iterator[dict]:
    """Every record under prefix as {field_name: value}, field names with '-' turned into '_'."""
    for key in object_keys(s3, bucket, prefix):
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        lines = gzip.decompress(body).decode().splitlines()
        if not lines:
            continue
        header = [name.replace("-", "_") for name in lines[0].split()]
        for line in lines[1:]:
            values = line.split()
            if len(values) == len(header):
                yield dict(zip(header, values))


def top(counter: Counter) -> str | None:
    """The most frequent key; ties go to the lowest (numerically for ports), as the truth file does."""
    if not counter:
        return None

    def order(item):
        key, count = item
        if key.isdigit():
            return (-count, 0, int(key), "")
        try:
            return (-count, 1, int(ipaddress.ip_address(key)), "")
        except ValueError:
            return (-count, 2, 0, key)

    return sorted(counter.items(), key=order)[0][0]
