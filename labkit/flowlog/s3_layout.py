"""Where the flow-logs service puts objects in S3, and the bucket policy it attaches.

>>> parse_s3_destination("arn:aws:s3:::flow-logs-bucket/lab/")
('flow-logs-bucket', 'lab')
>>> s3_object_key("123456789012", "us-east-1", "fl-0abc", 1764191100, "1a2b3c4d")
'AWSLogs/123456789012/vpcflowlogs/us-east-1/2025/11/26/123456789012_vpcflowlogs_us-east-1_fl-0abc_20251126T2105Z_1a2b3c4d.log.gz'
>>> s3_prefix("123456789012", "us-east-1", 1764191100, subfolder="lab", hive=True, per_hour=True)
'lab/AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2025/month=11/day=26/hour=21/'
"""

from __future__ import annotations

import json
import time

from . import LOG_DELIVERY_SERVICE

FILE_WINDOW_SECONDS = 300  # a file is published every 5 minutes, named after its window of end times
S3_ARN_PREFIX = "arn:aws:s3:::"


def parse_s3_destination(arn: str) -> tuple[str, str]:
    """(bucket, subfolder) of `arn:aws:s3:::BUCKET[/SUBFOLDER/]`; the subfolder has no outer slashes.

    Raises ValueError when the text is not an S3 bucket ARN.
    """
    if not arn or not arn.startswith(S3_ARN_PREFIX):
        raise ValueError(arn)
    bucket, _, subfolder = arn[len(S3_ARN_PREFIX) :].partition("/")
    if not bucket:
        raise ValueError(arn)
    return bucket, subfolder.strip("/")


def listed_log_files(s3, bucket: str, prefix: str):
    """The listing entries (Key, ETag, Size, ...) of the `.log.gz` objects under `prefix`, in S3's order:
    the files a flow log writes in its default format (what the labs wait for and the checks read)."""
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        yield from (item for item in page.get("Contents", []) if item["Key"].endswith(".log.gz"))


def file_window(end: int) -> int:
    """The 5-minute window (Unix seconds) of a record's end time: the timestamp in its file's name."""
    return end - end % FILE_WINDOW_SECONDS


def s3_base_prefix(account_id: str, region: str, subfolder: str = "") -> str:
    """`[SUBFOLDER/]AWSLogs/ACCOUNT/vpcflowlogs/REGION/`: the default layout's folder above the dates
    (what an Athena table's LOCATION points at)."""
    folder = f"{subfolder.strip('/')}/" if subfolder.strip("/") else ""
    return f"{folder}AWSLogs/{account_id}/vpcflowlogs/{region}/"


def s3_prefix(
    account_id: str, region: str, when: int, *, subfolder: str = "", hive: bool = False, per_hour: bool = False
) -> str:
    """The folder of a file whose 5-minute window starts at `when` (default or Hive-compatible layout)."""
    t = time.gmtime(when)
    if hive:
        parts = [
            f"aws-account-id={account_id}",
            "aws-service=vpcflowlogs",
            f"aws-region={region}",
            f"year={t.tm_year:04d}",
            f"month={t.tm_mon:02d}",
            f"day={t.tm_mday:02d}",
        ]
        if per_hour:
            parts.append(f"hour={t.tm_hour:02d}")
    else:
        dates = [f"{t.tm_year:04d}", f"{t.tm_mon:02d}", f"{t.tm_mday:02d}"] + ([f"{t.tm_hour:02d}"] if per_hour else [])
        return s3_base_prefix(account_id, region, subfolder) + "/".join(dates) + "/"
    folder = f"{subfolder.strip('/')}/" if subfolder.strip("/") else ""
    return f"{folder}AWSLogs/{'/'.join(parts)}/"


def s3_file_name(
    account_id: str, region: str, flow_log_id: str, when: int, digest: str, file_format: str = "plain-text"
) -> str:
    """`ACCOUNT_vpcflowlogs_REGION_FLOWLOGID_YYYYMMDDTHHmmZ_HASH.log.gz` (`.log.parquet` for Parquet)."""
    stamp = time.strftime("%Y%m%dT%H%MZ", time.gmtime(when))
    suffix = "log.parquet" if file_format == "parquet" else "log.gz"
    return f"{account_id}_vpcflowlogs_{region}_{flow_log_id}_{stamp}_{digest}.{suffix}"


def s3_object_key(
    account_id: str,
    region: str,
    flow_log_id: str,
    when: int,
    digest: str,
    *,
    subfolder: str = "",
    hive: bool = False,
    per_hour: bool = False,
    file_format: str = "plain-text",
) -> str:
    """The full key of one delivered file; `when` is its 5-minute window (see file_window)."""
    return s3_prefix(account_id, region, when, subfolder=subfolder, hive=hive, per_hour=per_hour) + s3_file_name(
        account_id, region, flow_log_id, when, digest, file_format
    )


def delivery_context(account_id: str, region: str) -> dict:
    """The condition keys the log-delivery service presents when it writes a flow log's file: its
    source account and (a representative of) its source ARN, and the ACL it asks for."""
    return {
        "aws:SourceAccount": account_id,
        "aws:SourceArn": f"arn:aws:logs:{region}:{account_id}:*",
        "s3:x-amz-acl": "bucket-owner-full-control",
    }


def delivery_bucket_policy(
    bucket: str, account_id: str, region: str, *, subfolder: str = "", hive: bool = False
) -> str:
    """The policy AWS attaches to a flow-log bucket the creator owns (it replaces any existing policy)."""
    folder = f"{subfolder.strip('/')}/" if subfolder.strip("/") else ""
    account_folder = f"aws-account-id={account_id}" if hive else account_id
    conditions = {"aws:SourceAccount": account_id}
    source_arn = {"ArnLike": {"aws:SourceArn": f"arn:aws:logs:{region}:{account_id}:*"}}
    statements = [
        {
            "Sid": "AWSLogDeliveryWrite",
            "Effect": "Allow",
            "Principal": {"Service": LOG_DELIVERY_SERVICE},
            "Action": "s3:PutObject",
            "Resource": f"arn:aws:s3:::{bucket}/{folder}AWSLogs/{account_folder}/*",
            "Condition": {"StringEquals": {**conditions, "s3:x-amz-acl": "bucket-owner-full-control"}, **source_arn},
        },
        {
            "Sid": "AWSLogDeliveryAclCheck",
            "Effect": "Allow",
            "Principal": {"Service": LOG_DELIVERY_SERVICE},
            "Action": ["s3:GetBucketAcl", "s3:ListBucket"],
            "Resource": f"arn:aws:s3:::{bucket}",
            "Condition": {"StringEquals": conditions, **source_arn},
        },
    ]
    return json.dumps({"Version": "2012-10-17", "Id": "AWSLogDeliveryWrite20150319", "Statement": statements})
