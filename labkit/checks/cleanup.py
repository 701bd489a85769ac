"""Lab 04: nothing billable left: the flow logs existed and are gone, and nothing the course created that
bills on AWS remains: the demo's instances, their Elastic IPs, NAT gateways, lab 02's alarm, and what stores
the logs (the course's buckets and the log group, billed by size). Lab 03's Glue crawler (a schedule would
bill it), its tables and the course's workgroup, and the course's IAM roles (they still grant access) must
go too. What is free while idle and grants nothing (the log group's metric filter, the alarm's SNS topic
and SQS queue) is reported, not required; lab 03's classifier (free, granting nothing) is not looked at.
"""

from __future__ import annotations

from botocore.exceptions import ClientError

from . import names
from .context import Context, tag
from .verdict import Verdict

LIVE_NAT_STATES = {"pending", "available", "failed"}
LIVE_INSTANCE_STATES = ["pending", "running", "shutting-down", "stopping", "stopped"]  # stopped: its disk bills


def _instances_left(ctx: Context, vpc_id: str | None) -> list[str]:
    """The demo's instances that still exist (in the demo VPC, or tagged with the demo's names)."""
    ec2 = ctx.client("ec2")
    live = {"Name": "instance-state-name", "Values": LIVE_INSTANCE_STATES}
    searches = [[{"Name": "tag:Name", "Values": [names.BASTION_NAME, _private_name()]}, live]]
    if vpc_id:
        searches.append([{"Name": "vpc-id", "Values": [vpc_id]}, live])
    found = set()
    for filters in searches:
        for page in ec2.get_paginator("describe_instances").paginate(Filters=filters):
            found.update(i["InstanceId"] for r in page["Reservations"] for i in r["Instances"])
    return sorted(found)


def _private_name() -> str:
    from ..environment import layout

    return layout.PRIVATE_NAME


def _stored(ctx: Context, v: Verdict) -> None:
    """What still stores data, the course's buckets and log group (billed by size on AWS), is missing; what
    is free while idle is noted."""
    buckets = [
        b for b in (ctx.flow_log_bucket, names.results_bucket_name(ctx.account, ctx.region)) if ctx.bucket_exists(b)
    ]
    v.require(not buckets, "buckets_left", buckets=", ".join(buckets))
    logs = ctx.client("logs")
    groups = logs.describe_log_groups(logGroupNamePrefix=names.LOG_GROUP_NAME)["logGroups"]
    if any(g["logGroupName"] == names.LOG_GROUP_NAME for g in groups):
        v.fail("log_group_left", group=names.LOG_GROUP_NAME)
        filters = logs.describe_metric_filters(logGroupName=names.LOG_GROUP_NAME)["metricFilters"]
        if filters:
            v.note(
                "metric_filters_left",
                group=names.LOG_GROUP_NAME,
                filters=", ".join(sorted(f["filterName"] for f in filters)),
            )
    topics = [
        t["TopicArn"]
        for page in ctx.client("sns").get_paginator("list_topics").paginate()
        for t in page.get("Topics", [])
        if t["TopicArn"].rsplit(":", 1)[-1] == names.TOPIC_NAME
    ]
    queues = ctx.client("sqs").list_queues(QueueNamePrefix=names.QUEUE_NAME).get("QueueUrls", [])
    queues = [q for q in queues if q.rsplit("/", 1)[-1] == names.QUEUE_NAME]
    if topics or queues:
        v.note("alerts_left", resources=", ".join(topics + queues))


def _alarms_left(ctx: Context) -> list[str]:
    """Lab 02's alarm, and any other alarm on its metric's namespace (each bills every month it exists)."""
    pages = ctx.client("cloudwatch").get_paginator("describe_alarms").paginate(AlarmTypes=["MetricAlarm"])
    return sorted(
        a["AlarmName"]
        for page in pages
        for a in page.get("MetricAlarms", [])
        if a["AlarmName"] == names.ALARM_NAME or a.get("Namespace") == names.METRIC_NAMESPACE
    )


def _exists(call) -> bool:
    """Whether a Get call finds its resource (a not-found error says it is gone)."""
    try:
        call()
        return True
    except ClientError:
        return False


def _workgroups(athena) -> list[str]:
    """Every workgroup's name (ListWorkGroups pages with NextToken; botocore has no paginator for it)."""
    names_found, token = [], None
    while True:
        page = athena.list_work_groups(**({"NextToken": token} if token else {}))
        names_found += [w["Name"] for w in page.get("WorkGroups", [])]
        token = page.get("NextToken")
        if not token:
            return names_found


def _course_tables(ctx: Context) -> list[str]:
    """Lab 03's tables in the Glue catalog: vpc_flow_logs, the projected one and what the crawler wrote."""
    try:
        pages = ctx.client("glue").get_paginator("get_tables").paginate(DatabaseName=names.DATABASE_NAME)
        tables = [t["Name"] for page in pages for t in page["TableList"]]
    except ClientError:  # no database default: lab 03 never ran here
        return []
    return sorted(t for t in tables if t.startswith((names.TABLE_NAME, names.CRAWLED_TABLE_PREFIX)))


def _catalog_and_roles(ctx: Context, v: Verdict) -> None:
    """Lab 03's crawler, tables and workgroup, and the course's roles, are missing. Its classifier is not
    looked at: free, granting nothing, and lab 04 deletes it."""
    glue, iam = ctx.client("glue"), ctx.client("iam")
    if _exists(lambda: glue.get_crawler(Name=names.CRAWLER_NAME)):
        v.fail("crawler_left", crawler=names.CRAWLER_NAME)
    tables = _course_tables(ctx)
    v.require(not tables, "tables_left", tables=", ".join(f"{names.DATABASE_NAME}.{t}" for t in tables))
    if names.WORKGROUP in _workgroups(ctx.client("athena")):
        v.fail("workgroup_left", workgroup=names.WORKGROUP)
    roles = [
        role for role in (names.ROLE_NAME, names.CRAWLER_ROLE_NAME) if _exists(lambda: iam.get_role(RoleName=role))
    ]
    v.require(not roles, "roles_left", roles=", ".join(roles))


def done(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    if not v.require(ctx.flow_log_ever_existed is not False, "nothing_ever_built"):
        return v
    ec2 = ctx.client("ec2")
    vpc = ctx.demo_vpc
    if vpc is None:
        v.note("demo_vpc_gone")
        vpc_id, watched = None, set()
    else:
        vpc_id = vpc["VpcId"]
        subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
        enis = ec2.describe_network_interfaces(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["NetworkInterfaces"]
        watched = {vpc_id} | {s["SubnetId"] for s in subnets} | {e["NetworkInterfaceId"] for e in enis}
    lab_names = {names.S3_FLOW_LOG_NAME, names.CWL_FLOW_LOG_NAME}
    left = sorted(f["FlowLogId"] for f in ctx.flow_logs if f.get("ResourceId") in watched or tag(f) in lab_names)
    v.require(not left, "flow_logs_left", ids=", ".join(left))
    instances = _instances_left(ctx, vpc_id)
    v.require(not instances, "instances_left", ids=", ".join(instances))
    if vpc_id:
        nats = ec2.describe_nat_gateways(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["NatGateways"]
        live = sorted(n["NatGatewayId"] for n in nats if n.get("State") in LIVE_NAT_STATES)
        v.require(not live, "nat_left", ids=", ".join(live))
    lab_eips = sorted(
        a.get("AllocationId", a.get("PublicIp", "?"))
        for a in ec2.describe_addresses()["Addresses"]
        if (tag(a) or "").startswith("labkit")
        or a.get("NetworkInterfaceId") in watched
        or a.get("InstanceId") in instances
    )
    v.require(not lab_eips, "eips_left", ids=", ".join(lab_eips))
    alarms = _alarms_left(ctx)
    v.require(not alarms, "alarms_left", names=", ".join(alarms))
    _stored(ctx, v)
    _catalog_and_roles(ctx, v)
    v.evidence.update(vpc_id=vpc_id, flow_logs_left=len(left), instances_left=len(instances))
    return v
