"""What each lab costs on a real AWS account, roughly, and why: shown before anything billable exists.

An estimate from on-demand prices in us-east-1 (USD, 2025; other regions differ by a few percent, a
free-tier account pays less). The demo VPC has no NAT gateway (that alone would be $0.045 an hour), so
what bills while a lab is open is the two t3.micro instances, the bastion's public IPv4 address, their
disks and the flow logs' data; a lab's own calls cost next to nothing.

    >>> hourly_running_cost()           # the demo environment, per hour it exists
    0.0348...
    >>> round(lab_cost("03-athena"), 2)          # an hour, 100 queries and one crawler run
    0.19
"""

from __future__ import annotations

# Prices (USD).
T3_MICRO_HOUR = 0.0104  # per instance-hour (t2.micro: 0.0116)
PUBLIC_IPV4_HOUR = 0.005  # the bastion's public address
GP3_GB_MONTH = 0.08  # each instance's 8 GB root volume
HOURS_PER_MONTH = 730
S3_VENDED_LOGS_GB = 0.25  # flow-log delivery to S3, per GB
CWL_VENDED_LOGS_GB = 0.50  # flow-log ingestion into CloudWatch Logs, per GB
ATHENA_TB_SCANNED = 5.0  # per TB scanned, at least 10 MB per query
ATHENA_MIN_MB = 10
# A Glue crawler run: $0.44 per DPU-hour, billed per second with a 10-minute minimum per run; a run over a
# few small files ends in about a minute and is billed the minimum, at 2 DPUs (AWS's pricing example).
GLUE_DPU_HOUR = 0.44
CRAWLER_MIN_MINUTES = 10
CRAWLER_DPUS = 2

# The demo environment and what it logs.
INSTANCES = 2
ROOT_VOLUME_GB = 8
# An internet-facing bastion's scanner traffic is a few thousand records an hour (about 120 bytes each);
# 10 MB an hour is a generous bound, sent twice (to S3 and to CloudWatch Logs).
FLOW_LOG_MB_PER_HOUR = 10

# How long each lab keeps the environment running, and how many Athena queries it runs.
LAB_HOURS = {"00-welcome": 0.0, "01-flow-logs": 1.0, "02-reading-flow-logs": 1.0, "03-athena": 1.0, "04-cleanup": 0.25}
LAB_QUERIES = {"03-athena": 100}
LAB_CRAWLS = {"03-athena": 1}


def hourly_running_cost() -> float:
    """Dollars per hour while the demo environment and its two flow logs exist."""
    compute = INSTANCES * T3_MICRO_HOUR + PUBLIC_IPV4_HOUR
    disks = INSTANCES * ROOT_VOLUME_GB * GP3_GB_MONTH / HOURS_PER_MONTH
    logs = FLOW_LOG_MB_PER_HOUR / 1024 * (S3_VENDED_LOGS_GB + CWL_VENDED_LOGS_GB)
    return compute + disks + logs


def athena_cost(queries: int) -> float:
    """Each lab query scans far less than 10 MB, so each is billed the minimum."""
    return queries * ATHENA_MIN_MB / 1024 / 1024 * ATHENA_TB_SCANNED


def crawler_cost(runs: int) -> float:
    """Each crawl of the lab's few files is billed the 10-minute minimum."""
    return runs * CRAWLER_DPUS * CRAWLER_MIN_MINUTES / 60 * GLUE_DPU_HOUR


def lab_cost(lab: str) -> float:
    return (
        LAB_HOURS.get(lab, 1.0) * hourly_running_cost()
        + athena_cost(LAB_QUERIES.get(lab, 0))
        + crawler_cost(LAB_CRAWLS.get(lab, 0))
    )


def course_cost() -> float:
    return sum(lab_cost(lab) for lab in LAB_HOURS)


def daily_cost_left_running() -> float:
    """What forgetting the cleanup costs: the environment for 24 hours."""
    return 24 * hourly_running_cost()


def dollars(amount: float) -> str:
    """'~$0.04' (an estimate); nothing at all reads '$0', less than a cent '< $0.01'."""
    if amount == 0:
        return "$0"
    return "< $0.01" if amount < 0.005 else f"~${amount:.2f}"
