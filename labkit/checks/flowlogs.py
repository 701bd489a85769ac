"""Lab 01: the demo VPC, the S3 flow log and its bucket (and where its policy lets the service write), and
the CloudWatch Logs flow log with its role."""

from __future__ import annotations

from botocore.exceptions import ClientError

from ..messages import pair
from .. import iam as policies
from ..flowlog import FLOW_LOGS_SERVICE, LOG_DELIVERY_SERVICE
from . import names
from .answers import normalize, text_of
from .context import Context, tag
from .verdict import Verdict

LOGS_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")


def not_prepared(ctx: Context, v: Verdict, kind: str, ident: str, resource: dict | None = None) -> bool:
    """Fails the step when prepare() built this resource: what it built for a student earns nothing."""
    return v.require(
        not ctx.built_by_prepare(kind, ident, resource),
        "built_by_prepare",
        what=pair(f"checks.prepared.{kind}.what"),
        how=pair(f"checks.prepared.{kind}.how"),
    )


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
        near = names.close_match(name, [b["Name"] for b in ctx.client("s3").list_buckets().get("Buckets", [])])
        if near:
            v.note("did_you_mean", found=near, wanted=name)
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
        untagged = [
            f["FlowLogId"]
            for f in ctx.flow_logs
            if f.get("ResourceId") == vpc_id
            and not tag(f)
            and f.get("LogDestinationType", "cloud-watch-logs") == destination_type
        ]
        if untagged:
            return Verdict().fail("flow_log_untagged", name=name, id=untagged[0])
        v = Verdict().fail("no_flow_log", name=name)
        near = names.close_match(name, [tag(f) for f in ctx.flow_logs])
        if near:
            flow_log = next(f for f in ctx.flow_logs if tag(f) == near)
            v.note("did_you_mean_tag", found=near, wanted=name, id=flow_log["FlowLogId"])
        return v
    verdicts = []
    for flow_log in candidates:
        v = Verdict()
        _common_settings(ctx, v, flow_log, name, destination_type)
        verify_one(ctx, v, flow_log, name)
        if v.passed:
            return v
        verdicts.append(v)
    first = verdicts[0]
    if any(key != "checks.why.built_by_prepare" for key, _ in first.missing):
        first.note("fix_flow_log", id=candidates[0]["FlowLogId"])  # a flow log cannot be modified
    return first


def _common_settings(ctx: Context, v: Verdict, flow_log: dict, name: str, destination_type: str) -> None:
    """What both flow logs share: on the demo VPC, destination type, 60-second interval, default format."""
    vpc_id = (ctx.demo_vpc or {}).get("VpcId")
    not_prepared(ctx, v, "flow-log", flow_log["FlowLogId"], flow_log)
    v.evidence.update(
        flow_log_id=flow_log["FlowLogId"],
        traffic_type=flow_log.get("TrafficType"),
        interval=flow_log.get("MaxAggregationInterval"),
    )
    v.require(
        flow_log.get("ResourceId") == vpc_id,
        "flow_log_wrong_resource",
        name=name,
        found=flow_log.get("ResourceId"),
        expected=vpc_id or names.VPC_NAME,
    )
    found_type = flow_log.get("LogDestinationType", "cloud-watch-logs")
    v.require(
        found_type == destination_type,
        "flow_log_wrong_destination_type",
        name=name,
        found=found_type,
        expected=destination_type,
    )
    interval = flow_log.get("MaxAggregationInterval", 600)
    v.require(
        interval == names.AGGREGATION_SECONDS,
        "flow_log_wrong_interval",
        name=name,
        found=interval,
        expected=names.AGGREGATION_SECONDS,
    )
    log_format = " ".join((flow_log.get("LogFormat") or names.DEFAULT_FORMAT).split())
    v.require(log_format == names.DEFAULT_FORMAT, "flow_log_custom_format", name=name)


def s3_flow_log(ctx: Context, answer=None) -> Verdict:
    """TrafficType ALL or REJECT both pass (the seed lab leaves the filter to the student); the note says which."""
    return _best_flow_log(ctx, names.S3_FLOW_LOG_NAME, "s3", _s3_settings)


def _s3_settings(ctx: Context, v: Verdict, flow_log: dict, name: str) -> None:
    traffic = flow_log.get("TrafficType")
    if v.require(
        traffic in ("ALL", "REJECT"), "flow_log_wrong_traffic", name=name, found=traffic, expected="ALL / REJECT"
    ):
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
    """The bucket's policy lets the log-delivery service write its files, and the answer is where: the
    Resource of the statement that allows it s3:PutObject (read from the policy itself)."""
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
    try:
        doc = policies.document(raw)
    except ValueError:
        return v.fail("bucket_policy_unreadable", bucket=name)
    from ..flowlog.s3_layout import delivery_context

    resource = f"arn:aws:s3:::{name}/{sub}AWSLogs/{ctx.account}/*"
    # The policy must let the service write every object it writes: test the resource pattern itself and one key,
    # as AWS would decide them (an explicit Deny wins, the service's condition keys are evaluated).
    sample = f"arn:aws:s3:::{name}/{sub}AWSLogs/{ctx.account}/vpcflowlogs/{ctx.region}/2026/01/01/x.log.gz"
    context = delivery_context(ctx.account, ctx.region)
    decisions = [
        policies.decide([doc], policies.Request("s3:PutObject", r, LOG_DELIVERY_SERVICE, context))
        for r in (resource, sample)
    ]
    denied = next((d for d in decisions if d.decision == policies.EXPLICIT_DENY), None)
    if denied is not None:
        return v.fail("bucket_policy_denied", sid=denied.sid, bucket=name, resource=resource)
    v.evidence["statements"] = sorted({d.sid for d in decisions if d.allowed})
    if all(d.allowed for d in decisions):
        _judge_writable(v, doc, answer, policies.Request("s3:PutObject", sample, LOG_DELIVERY_SERVICE, context))
        return v
    unconditioned = {
        "Statement": [{k: x for k, x in st.items() if k != "Condition"} for st in policies.statements(doc)]
    }
    if all(
        policies.decide([unconditioned], policies.Request("s3:PutObject", r, LOG_DELIVERY_SERVICE, context)).allowed
        for r in (resource, sample)
    ):
        return v.fail("bucket_policy_condition", bucket=name, account=ctx.account, region=ctx.region)
    return v.fail("bucket_policy_no_write", resource=resource, bucket=name)


def _resource_forms(resource: str) -> set[str]:
    """How a student may write an S3 Resource: the ARN, or without `arn:aws:s3:::`, with or without the `*`."""
    forms = {resource, resource.removeprefix("arn:aws:s3:::")}
    return {normalize(f) for form in forms for f in (form, form.rstrip("*"))}


def _judge_writable(v: Verdict, doc: dict, answer, write: policies.Request) -> None:
    """The answer names the Resource of a statement that lets the service write (s3:PutObject)."""
    statements = policies.statements(doc)
    writing = [st for st in statements if policies.decide([{"Statement": [st]}], write).allowed]
    given = normalize(answer)
    v.evidence["answer"] = given
    if any(given in _resource_forms(text_of(r)) for st in writing for r in policies.as_list(st.get("Resource"))):
        return
    fields = {"answer": given}
    others = [text_of(r) for st in statements if st not in writing for r in policies.as_list(st.get("Resource"))]
    if any(given in _resource_forms(r) for r in others):
        v.fail("answer_policy_other_resource", **fields)
    elif given == normalize(LOG_DELIVERY_SERVICE):
        v.fail("answer_policy_principal", **fields)
    elif given in {normalize(st.get("Sid")) for st in statements if st.get("Sid")}:
        v.fail("answer_policy_sid", **fields)
    elif given.startswith("s3:"):
        v.fail("answer_policy_action", **fields)
    else:
        v.fail("answer_policy_not_resource", **fields)


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


def _no_role(ctx: Context, v: Verdict) -> Verdict:
    v.fail("no_role", role=names.ROLE_NAME)
    roles = [r["RoleName"] for page in ctx.client("iam").get_paginator("list_roles").paginate() for r in page["Roles"]]
    near = names.close_match(names.ROLE_NAME, roles)
    if near:
        v.note("did_you_mean", found=near, wanted=names.ROLE_NAME)
    return v


def role(ctx: Context, answer=None) -> Verdict:
    """What delivery itself decides (labkit.delivery.role_check, one evaluator): the service may assume the
    role, its conditions met, and the role's policies allow writing to the log group, no Deny."""
    from ..delivery import role_check

    v = Verdict()
    iam = ctx.client("iam")
    try:
        found = iam.get_role(RoleName=names.ROLE_NAME)["Role"]
    except ClientError:
        return _no_role(ctx, v)
    v.evidence["role_arn"] = found["Arn"]
    if not not_prepared(ctx, v, "role", names.ROLE_NAME, found):
        return v
    cwl = ctx.flow_log_named(names.CWL_FLOW_LOG_NAME)
    context = role_check.flow_logs_context(ctx.account, ctx.region, (cwl or {}).get("FlowLogId"))
    trust = policies.document(found["AssumeRolePolicyDocument"])
    decision = role_check.trust_decision(trust, context)
    if decision.decision == policies.EXPLICIT_DENY:
        v.fail("role_trust_denied", role=names.ROLE_NAME, sid=decision.sid, service=FLOW_LOGS_SERVICE)
    elif not decision.allowed:
        unconditioned = {
            "Statement": [{k: x for k, x in st.items() if k != "Condition"} for st in policies.statements(trust)]
        }
        if role_check.trusts_flow_logs(unconditioned, context):
            v.fail(
                "role_trust_condition",
                role=names.ROLE_NAME,
                service=FLOW_LOGS_SERVICE,
                account=context["aws:SourceAccount"],
                source_arn=context["aws:SourceArn"],
            )
        else:
            v.fail("role_trust", role=names.ROLE_NAME, service=FLOW_LOGS_SERVICE)
    docs = _role_documents(iam, names.ROLE_NAME)
    v.evidence["policies"] = len(docs)
    resources = role_check.log_group_resources(ctx.region, ctx.account, names.LOG_GROUP_NAME)
    decisions = {a: role_check.permission_decision(a, docs, resources) for a in LOGS_ACTIONS}
    for action, found_decision in decisions.items():
        if found_decision.decision == policies.EXPLICIT_DENY:
            v.fail("role_denied", role=names.ROLE_NAME, action=action, sid=found_decision.sid)
    lacking = [a for a, d in decisions.items() if d.decision == policies.IMPLICIT_DENY]
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
        found = [
            g["logGroupName"]
            for page in ctx.client("logs").get_paginator("describe_log_groups").paginate()
            for g in page["logGroups"]
        ]
        near = names.close_match(name, found)
        if near:
            v.note("did_you_mean", found=near, wanted=name)
        return v
    if not not_prepared(ctx, v, "log-group", name):
        return v
    retention = group.get("retentionInDays")
    v.evidence["retention_days"] = retention
    found = {"en": f"{retention} d", "ko": f"{retention}일"} if retention else pair("checks.why.retention_forever")
    v.require(
        retention == names.LOG_GROUP_RETENTION_DAYS,
        "log_group_retention",
        group=name,
        found=found,
        expected=names.LOG_GROUP_RETENTION_DAYS,
    )
    return v


def cwl_flow_log(ctx: Context, answer=None) -> Verdict:
    return _best_flow_log(ctx, names.CWL_FLOW_LOG_NAME, "cloud-watch-logs", _cwl_settings)


def _cwl_settings(ctx: Context, v: Verdict, flow_log: dict, name: str) -> None:
    traffic = flow_log.get("TrafficType")
    v.require(traffic == "ALL", "flow_log_wrong_traffic", name=name, found=traffic, expected="ALL")
    group = flow_log.get("LogGroupName") or flow_log.get("LogDestination", "").split(":log-group:")[-1].split(":")[0]
    v.require(
        group == names.LOG_GROUP_NAME,
        "flow_log_wrong_log_group",
        name=name,
        found=group or "-",
        expected=names.LOG_GROUP_NAME,
    )
    role_arn = flow_log.get("DeliverLogsPermissionArn") or "-"
    v.require(
        role_arn.split("/")[-1] == names.ROLE_NAME and ":role/" in role_arn,
        "flow_log_wrong_role",
        name=name,
        found=role_arn,
        expected=names.ROLE_NAME,
    )
    status = flow_log.get("DeliverLogsStatus")
    v.evidence["deliver_logs_status"] = status
    if status is None:
        v.note("status_unreported")
    else:
        v.require(
            status == "SUCCESS",
            "flow_log_delivery",
            name=name,
            status=status,
            error=flow_log.get("DeliverLogsErrorMessage", "-"),
        )
