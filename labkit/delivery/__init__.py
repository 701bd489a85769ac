"""Flow-log delivery as the AWS flow-logs service does it: S3 (text/Parquet), CloudWatch Logs, Firehose.

    >>> from labkit.delivery import Deliverer
    >>> deliverer = Deliverer()                                  # doctest: +SKIP
    >>> deliverer.deliver_minute(minute_start, records)          # doctest: +SKIP
    >>> deliverer.close()                                        # doctest: +SKIP

The formatting helpers are public so synthetic uploads to a real account use the same layout.
"""

from __future__ import annotations

from .deliverer import Deliverer
from ..flowlog.fields import (
    DEFAULT_FIELDS,
    DEFAULT_LOG_FORMAT,
    FIELDS,
    LogFormatError,
    format_version,
    parse_log_format,
)
from .formatting import format_record, header_line, line_formatter
from .s3 import TextFile, parquet_body
from ..flowlog.s3_layout import delivery_bucket_policy, file_window, parse_s3_destination, s3_object_key, s3_prefix

__all__ = [
    "DEFAULT_FIELDS",
    "DEFAULT_LOG_FORMAT",
    "Deliverer",
    "FIELDS",
    "LogFormatError",
    "TextFile",
    "delivery_bucket_policy",
    "file_window",
    "format_record",
    "format_version",
    "header_line",
    "line_formatter",
    "parquet_body",
    "parse_log_format",
    "parse_s3_destination",
    "s3_object_key",
    "s3_prefix",
]
