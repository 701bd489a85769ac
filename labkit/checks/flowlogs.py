"""Lab 01: the demo VPC, the S3 flow log and its bucket, and the CloudWatch Logs flow log with its role."""
from __future__ import annotations

from botocore.exceptions import ClientError

from ..messages import pair
from . import names, policies
from .context import Context, tag
from .verdict import Verdict

LOGS_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")


def not_prepared(ctx: Context, v: Verdict, kind: str, ident: str, resource: dict | None = None) -> bool:
    """Fails the step when prepare() built this resource: what it built for a student earns nothing."""
    return v.require(not ctx.built_by_prepare(kind, ident, resource), "built_by_prepare",
                     what=pair(f"checks.prepared.{kind}.what"), how=pair(f"checks.prepared.{kind}.how"))


def demo_vpc(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    if not v.require(ctx.demo_vpc is not None, "no_demo_vpc", name=names.VPC_NAME):
        return v
    v.evidence["vpc_id"] = ctx.demo_vpc["VpcId"]
    if not not_prepared(ctx, v, "vpc", ctx.demo_vpc["VpcId"], ctx.demo_vpc):
        return v
    bastion = ctx.bastion
    if not v.require(bastion is not None, "no_bastion", name=names.BASTION_NAME):
        return v
    v.evidence.update(instance_id=bastion["InstanceId"], public_ip=bool(bastion.get("PublicIpAddress")))
    v.require(bool(bastion.get("PublicIpAddress")), "bastion_no_public_ip", instance=bastion["InstanceId"])
    return v


def bucket_region(ctx: Context, bucket: str) -> str:
    location = ctx.client("s3").get_bucket_location(Bucket=bucket).get("LocationConstraint")
    return {None: "us-east-1", "": "us-east-1", "EU": "eu-west-1"}.get(location, location)


def bucket(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    name = ctx.flow_log_bucket
    v.evidence["bucket"] = name
    if not v.require(ctx.bucket_exists(name), "no_bucket", bucket=name):
        return v
    if not not_prepared(ctx, v, "bucket", name):
        return v
    found = bucket_region(ctx, name)
    v.evidence["region"] = found
    v.require(found == ctx.region, "bucket_wrong_region", bucket=name, found=found, expected=ctx.region)
    return v


def _best_flow_log(ctx: Context, name: str, destination_type: str, verify_one) -> Verdict:
    """The verdict of the first flow log tagged `name` that passes, else of the likeliest one (on the demo VPC).

    A student who created the flow log twice (one wrong, one right) passes; nothing is judged by the tag alone.
    """
    candidates = ctx.flow_logs_named(name)
    if not candidates:
        vpc_id = (ctx.demo_vpc or {}).get("VpcId")
        untagged = [f for f in ctx.flow_logs if f.get("ResourceId") == vpc_id and not tag(f)
                    and f.get("LogDestinationType") == destination_type]
        return Verdict().fail("flow_log_untagged" if untagged else "no_flow_log", name=name)
    verdicts = []
    for flow_log in candidates:
        v = Verdict()
        _common_settings(ctx, v, flow_log, name, destination_type)
        verify_one(ctx, v, flow_log, name)
        if v.passed:
            return v
        verdicts.append(v)
    return verdicts[0]


def _common_settings(ctx: Context, v: Verdict, flow_log: dict, name: str, destination_type: str) -> None:
    """What both flow logs share: on the demo VPC, destination type, 60-second interval, default format."""
    vpc_id = (ctx.demo_vpc or {}).get("VpcId")
    not_prepared(ctx, v, "flow-log", flow_log["FlowLogId"], flow_log)
    v.evidence.update(flow_log_id=flow_log["FlowLogId"], traffic_type=flow_log.get("TrafficType"),
                      interval=flow_log.get("MaxAggregationInterval"))
    v.require(flow_log.get("ResourceId") == vpc_id, "flow_log_wrong_resource",
              name=name, found=flow_log.get("ResourceId"), expected=vpc_id or names.VPC_NAME)
    found_type = flow_log.get("LogDestinationType", "cloud-watch-logs")
    v.require(found_type == destination_type, "flow_log_wrong_destination_type",
              name=name, found=found_type, expected=destination_type)
    interval = flow_log.get("MaxAggregationInterval", 600)
    v.require(interval == names.AGGREGATION_SECONDS, "flow_log_wrong_interval",
              name=name, found=interval, expected=names.AGGREGATION_SECONDS)
    log_format = " ".join((flow_log.get("LogFormat") or names.DEFAULT_FORMAT).split())
    v.require(log_format == names.DEFAULT_FORMAT, "flow_log_custom_format", name=name)


def s3_flow_log(ctx: Context, answer=None) -> Verdict:
    """TrafficType ALL or REJECT both pass (the seed lab leaves the filter to the student); the note says which."""
    return _best_flow_log(ctx, names.S3_FLOW_LOG_NAME, "s3", _s3_settings)


def _s3_settings(ctx: Context, v: Verdict, flow_log: dict, name: str) -> None:
    traffic = flow_log.get("TrafficType")
    if v.require(traffic in ("ALL", "REJECT"), "flow_log_wrong_traffic", name=name, found=traffic,
                 expected="ALL / REJECT"):
        v.note("traffic_filter", name=name, filter=traffic)
    destination = names.parse_s3_arn(flow_log.get("LogDestination", ""))
    if destination:
        v.evidence["bucket"] = destination[0]
        v.require(ctx.bucket_exists(destination[0]), "flow_log_bucket_missing", name=name, bucket=destination[0])
    options = flow_log.get("DestinationOptions")
    if options is None:
        v.note("options_assumed")  # moto keeps no DestinationOptions unless labkit's sandbox patches report them
        options = {}
    file_format = options.get("FileFormat", "plain-text")
    v.evidence["file_format"] = file_format
    v.require(file_format == "plain-text", "flow_log_file_format", name=name, found=file_format)
    v.require(not options.get("HiveCompatiblePartitions"), "flow_log_hive", name=name)


def bucket_policy(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    name = ctx.flow_log_bucket
    sub = ctx.flow_log_destination[1] if ctx.flow_log_destination else ""
    v.evidence["bucket"] = name
    if not v.require(ctx.bucket_exists(name), "no_bucket", bucket=name):
        return v
    if not not_prepared(ctx, v, "bucket", name):
        return v
    try:
        raw = ctx.client("s3").get_bucket_policy(Bucket=name)["Policy"]
    except ClientError:
        return v.fail("no_bucket_policy", bucket=name)
    doc = policies.document(raw)
    resource = f"arn:aws:s3:::{name}/{sub}AWSLogs/{ctx.account}/*"
    # The statement must cover every object the service writes: test the resource pattern itself and one key.
    sample = f"arn:aws:s3:::{name}/{sub}AWSLogs/{ctx.account}/vpcflowlogs/{ctx.region}/2026/01/01/x.log.gz"
    writes = [s for s in policies.statements(doc)
              if s.get("Effect") == "Allow"
              and any(p in ("*", names.DELIVERY_SERVICE) for p in policies.service_principals(s))
              and policies.allows({"Statement": [s]}, "s3:PutObject", resource)
              and policies.allows({"Statement": [s]}, "s3:PutObject", sample)]
    v.evidence["statements"] = [s.get("Sid") for s in writes]
    v.require(bool(writes), "bucket_policy_no_write", resource=resource)
    return v


def _role_documents(iam, role: str) -> list[dict]:
    """Every permission document of the role: attached managed policies and inline policies."""
    docs = []
    for attached in iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]:
        policy = iam.get_policy(PolicyArn=attached["PolicyArn"])["Policy"]
        version = iam.get_policy_version(PolicyArn=policy["Arn"], VersionId=policy["DefaultVersionId"])
        docs.append(policies.document(version["PolicyVersion"]["Document"]))
    for policy_name in iam.list_role_policies(RoleName=role)["PolicyNames"]:
        docs.append(policies.document(iam.get_role_policy(RoleName=role, PolicyName=policy_name)["PolicyDocument"]))
    return docs


def role(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    iam = ctx.client("iam")
    try:
        found = iam.get_role(RoleName=names.ROLE_NAME)["Role"]
    except ClientError:
        return v.fail("no_role", role=names.ROLE_NAME)
    v.evidence["role_arn"] = found["Arn"]
    if not not_prepared(ctx, v, "role", names.ROLE_NAME, found):
        return v
    trust = policies.document(found["AssumeRolePolicyDocument"])
    v.require(policies.allows(trust, "sts:AssumeRole", service=names.FLOW_LOGS_SERVICE)
              and names.FLOW_LOGS_SERVICE in [p for s in policies.statements(trust)
                                              for p in policies.service_principals(s)],
              "role_trust", role=names.ROLE_NAME, service=names.FLOW_LOGS_SERVICE)
    docs = _role_documents(iam, names.ROLE_NAME)
    v.evidence["policies"] = len(docs)
    lacking = [a for a in LOGS_ACTIONS if not any(policies.allows(d, a) for d in docs)]
    v.require(not lacking, "role_permissions", role=names.ROLE_NAME, actions=", ".join(lacking))
    return v


def _log_group(ctx: Context, name: str) -> dict | None:
    groups = ctx.client("logs").describe_log_groups(logGroupNamePrefix=name)["logGroups"]
    return next((g for g in groups if g["logGroupName"] == name), None)


def log_group(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    name = names.LOG_GROUP_NAME
    group = _log_group(ctx, name)
    if not v.require(group is not None, "no_log_group", group=name):
        return v
    if not not_prepared(ctx, v, "log-group", name):
        return v
    retention = group.get("retentionInDays")
    v.evidence["retention_days"] = retention
    found = {"en": f"{retention} d", "ko": f"{retention}일"} if retention else pair("checks.why.retention_forever")
    v.require(retention == names.LOG_GROUP_RETENTION_DAYS, "log_group_retention",
              group=name, found=found, expected=names.LOG_GROUP_RETENTION_DAYS)
    return v


def cwl_flow_log(ctx: Context, answer=None) -> Verdict:
    return _best_flow_log(ctx, names.CWL_FLOW_LOG_NAME, "cloud-watch-logs", _cwl_settings)


def _cwl_settings(ctx: Context, v: Verdict, flow_log: dict, name: str) -> None:
    traffic = flow_log.get("TrafficType")
    v.require(traffic == "ALL", "flow_log_wrong_traffic", name=name, found=traffic, expected="ALL")
    group = flow_log.get("LogGroupName") or flow_log.get("LogDestination", "").split(":log-group:")[-1].split(":")[0]
    v.require(group == names.LOG_GROUP_NAME, "flow_log_wrong_log_group",
              name=name, found=group or "-", expected=names.LOG_GROUP_NAME)
    role_arn = flow_log.get("DeliverLogsPermissionArn") or "-"
    v.require(role_arn.split("/")[-1] == names.ROLE_NAME and ":role/" in role_arn, "flow_log_wrong_role",
              name=name, found=role_arn, expected=names.ROLE_NAME)
    status = flow_log.get("DeliverLogsStatus")
    v.evidence["deliver_logs_status"] = status
    if status is None:
        v.note("status_unreported")
    else:
        v.require(status == "SUCCESS", "flow_log_delivery", name=name, status=status,
                  error=flow_log.get("DeliverLogsErrorMessage", "-"))
