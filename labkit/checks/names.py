"""The names the labs use for what students build (the demo's own names come from environment.layout).

>>> flow_log_bucket_name("123456789012", "us-east-1")
'labkit-flow-logs-123456789012-us-east-1'
>>> parse_s3_arn("arn:aws:s3:::my-bucket/sub/")
('my-bucket', 'sub/')
"""

from __future__ import annotations

from ..flowlog.fields import DEFAULT_FIELDS as DEFAULT_FORMAT_FIELDS
from ..flowlog.fields import DEFAULT_LOG_FORMAT

S3_FLOW_LOG_NAME = "DemoS3FlowLog"
CWL_FLOW_LOG_NAME = "DemoFlowLog CloudWatch Logs"
ROLE_NAME = "flowlogsrole"
LOG_GROUP_NAME = "VPCFlowLogs"
LOG_GROUP_RETENTION_DAYS = 1
TABLE_NAME = "vpc_flow_logs"
DATABASE_NAME = "default"
WORKGROUP = "labkit-flow-logs"  # the course's own: the account's `primary` is never changed
ACCOUNT_WORKGROUP = "primary"  # every account's default; the sandbox still accepts a location set there
RESULTS_BUCKET_PREFIX = "labkit-athena-results"
SYNTHETIC_PREFIX = "labkit-synthetic/"  # on AWS, lab 03's synthetic attack records, apart from AWSLogs/
# Lab 03's Glue crawler, the role it works with, and its classifier for space-separated flow logs.
CRAWLER_NAME = "flow-logs-crawler"
CRAWLER_ROLE_NAME = "flowlogs-crawler-role"
CLASSIFIER_NAME = "flow-logs-space"
CRAWLED_TABLE_PREFIX = "crawled_"
AGGREGATION_SECONDS = 60
DEFAULT_FORMAT = DEFAULT_LOG_FORMAT  # the flow logs the labs make use AWS's default format
DEFAULT_FIELDS = [name.replace("-", "_") for name in DEFAULT_FORMAT_FIELDS]  # its fields as table columns
# Lab 02's real-time detection: the SSH-reject metric filter, its alarm, and where the alarm notifies.
METRIC_FILTER_NAME = "ssh-rejects"
METRIC_NAMESPACE = "VPCFlowLogMetrics"
METRIC_NAME = "SSHRejects"
ALARM_NAME = "ssh-brute-force"
ALARM_THRESHOLD = 5.0  # rejected SSH attempts in one minute
ALARM_PERIOD = 60
ALARM_EVALUATION_PERIODS = 1
ALARM_OPERATOR = "GreaterThanOrEqualToThreshold"
ALARM_STATISTIC = "Sum"
ALARM_MISSING_DATA = "notBreaching"
TOPIC_NAME = "labkit-security-alerts"
QUEUE_NAME = "labkit-alert-inbox"


def __getattr__(name: str):
    """VPC_NAME and BASTION_NAME come from the environment's layout, imported on first use (it pulls boto3)."""
    if name in ("VPC_NAME", "BASTION_NAME"):
        from ..environment import layout

        return getattr(layout, name)
    raise AttributeError(name)


def flow_log_bucket_name(account: str, region: str) -> str:
    """The course's flow-log bucket: bucket names are global, so account and region make it unique."""
    return f"labkit-flow-logs-{account}-{region}"


def results_bucket_name(account: str, region: str) -> str:
    """Lab 03's bucket for Athena's query results, unique per account and region like the flow-log bucket."""
    return f"{RESULTS_BUCKET_PREFIX}-{account}-{region}"


def parse_s3_arn(arn: str) -> tuple[str, str] | None:
    """('bucket', 'sub/') from arn:aws:s3:::bucket[/sub[/]]; the subfolder ends with '/' or is ''; None for
    anything else. The parsing is the flow-logs service's (labkit.flowlog.s3_layout.parse_s3_destination)."""
    from ..flowlog.s3_layout import parse_s3_destination

    try:
        bucket, sub = parse_s3_destination(arn)
    except ValueError:
        return None
    return bucket, f"{sub}/" if sub else ""


def close_match(wanted: str, candidates) -> str | None:
    """The candidate a student most likely meant by `wanted` (a typo, another case, a missing letter), or None.

    >>> close_match("flowlogsrole", ["FlowLogsRole", "admin"])
    'FlowLogsRole'
    """
    import difflib

    lowered = {str(c).lower(): str(c) for c in candidates if c and str(c) != wanted}
    found = difflib.get_close_matches(wanted.lower(), list(lowered), n=1, cutoff=0.75)
    return lowered[found[0]] if found else None


def parse_s3_url(url: str) -> tuple[str, str] | None:
    """('bucket', 'key/prefix') from s3://bucket/key/prefix."""
    if not url.startswith("s3://"):
        return None
    bucket, _, key = url[5:].partition("/")
    return (bucket, key) if bucket else None
