"""moto's EC2 flow logs, made to behave as AWS does for the course (shared/reference/moto.md).

Runs inside the sandbox server process (applied once from moto_patches). Gaps closed:
- DestinationOptions (FileFormat, HiveCompatiblePartitions, PerHourPartition) kept and returned.
- S3 destinations with a subfolder (`arn:aws:s3:::bucket/prefix/`) accepted; `AWSLogs` refused.
- The log-delivery bucket policy attached on CreateFlowLogs, as AWS attaches it.
- CloudWatch Logs: DeliverLogsStatus recomputed on every DescribeFlowLogs from the role (trust and
  permissions, inline or attached) and the log group; FAILED / `Access error` otherwise.
- Invalid parameters (TrafficType, ResourceType, LogDestinationType, LogFormat, ...) fail as EC2 fails.
(AWS managed policies such as CloudWatchLogsFullAccess are loaded by moto_patches.)
"""

from __future__ import annotations

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError, MissingParameterError
from moto.ec2.models import validate_resource_ids
from moto.ec2.models.flow_logs import FlowLogs, FlowLogsBackend
from moto.ec2.responses.flow_logs import FlowLogs as FlowLogsResponse

from labkit.delivery import role_check
from labkit.flowlog.fields import LogFormatError, parse_log_format
from labkit.flowlog.s3_layout import delivery_bucket_policy, parse_s3_destination

RESOURCE_TYPES = ("VPC", "Subnet", "NetworkInterface", "TransitGateway", "TransitGatewayAttachment")
TRAFFIC_TYPES = ("ACCEPT", "REJECT", "ALL")
DESTINATION_TYPES = ("cloud-watch-logs", "s3", "kinesis-data-firehose")
FILE_FORMATS = ("plain-text", "parquet")
ACCESS_ERROR = "Access error"  # AWS's DeliverLogsErrorMessage for a role that cannot publish

_original_create = FlowLogsBackend.create_flow_logs
_original_describe = FlowLogsBackend.describe_flow_logs
_original_filter_value = FlowLogs.get_filter_value


class FlowLogParameterError(EC2ClientError):
    """An EC2 error response (code, message) for a CreateFlowLogs parameter."""

    def __init__(self, code: str, message: str):
        super().__init__(code, message)


def _invalid_value(name: str, value, valid: tuple[str, ...]) -> FlowLogParameterError:
    return FlowLogParameterError(
        "InvalidParameterValue", f"Value ({value}) for parameter {name} is invalid. Valid values: {', '.join(valid)}"
    )


def _as_bool(value) -> bool:
    return value if isinstance(value, bool) else str(value).lower() == "true"


def destination_options(options: dict | None) -> dict:
    """DestinationOptions with AWS's defaults filled in (plain-text, no Hive prefixes, daily folders)."""
    options = options or {}
    file_format = options.get("FileFormat") or "plain-text"
    if file_format not in FILE_FORMATS:
        raise _invalid_value("DestinationOptions.FileFormat", file_format, FILE_FORMATS)
    return {
        "FileFormat": file_format,
        "HiveCompatiblePartitions": _as_bool(options.get("HiveCompatiblePartitions", False)),
        "PerHourPartition": _as_bool(options.get("PerHourPartition", False)),
    }


def validate_parameters(
    backend,
    resource_type,
    traffic_type,
    log_destination_type,
    log_destination,
    log_group_name,
    log_format,
    max_aggregation_interval,
    deliver_logs_permission_arn,
    options,
) -> None:
    """Raise the EC2 error for the first invalid CreateFlowLogs parameter, in EC2's order."""
    if resource_type not in RESOURCE_TYPES:
        raise _invalid_value("ResourceType", resource_type, RESOURCE_TYPES)
    if traffic_type is None and resource_type in RESOURCE_TYPES[:3]:
        raise MissingParameterError("TrafficType")
    if traffic_type is not None and traffic_type not in TRAFFIC_TYPES:
        raise _invalid_value("TrafficType", traffic_type, TRAFFIC_TYPES)
    if log_destination_type not in DESTINATION_TYPES:
        raise _invalid_value("LogDestinationType", log_destination_type, DESTINATION_TYPES)
    # moto's own checks: destination given, LogGroupName only for CWL, role for CWL, interval 60/600
    backend._validate_request(
        log_group_name, log_destination, log_destination_type, max_aggregation_interval, deliver_logs_permission_arn
    )
    try:
        parse_log_format(log_format)
    except LogFormatError as error:
        if error.unknown:
            raise FlowLogParameterError("InvalidParameter", f"Unknown fields provided: {' '.join(error.unknown)}")
        raise FlowLogParameterError("InvalidParameter", f"Value '{log_format}' at 'logFormat' has an invalid format")
    if log_destination_type == "kinesis-data-firehose" and not str(log_destination).startswith("arn:aws:firehose:"):
        raise FlowLogParameterError(
            "InvalidParameter", f"LogDestination: {log_destination} is not a valid Kinesis Data Firehose ARN."
        )
    if options is not None and log_destination_type != "s3":
        raise FlowLogParameterError("InvalidParameter", "DestinationOptions is only supported for an S3 LogDestination")
    if log_destination_type == "s3" and deliver_logs_permission_arn:
        raise FlowLogParameterError("InvalidParameter", "DeliverLogsPermissionArn is not applicable for s3 delivery")
    if log_destination_type == "s3":
        destination_options(options)
        try:
            _, subfolder = parse_s3_destination(log_destination)
        except ValueError:
            raise FlowLogParameterError("InvalidParameter", f"LogDestination: {log_destination} is not a valid S3 ARN.")
        if "AWSLogs" in subfolder.split("/"):
            raise FlowLogParameterError(
                "InvalidParameter", "LogDestination: AWSLogs is a reserved term and cannot be used as a subfolder."
            )


def log_group_from_arn(arn: str) -> str | None:
    """`arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]` -> NAME."""
    _, found, rest = arn.partition(":log-group:")
    return rest.removesuffix(":*") if found else None


def _s3_backend(backend):
    from moto.s3.models import s3_backends

    return s3_backends[backend.account_id][backend.partition]


def create_flow_logs(self, *args, **kwargs):
    """Every flow log the sandbox ever created is remembered (cleanup checks there was one to clean up)."""
    from ..world import current_world

    flow_logs, unsuccessful = _create_flow_logs(self, *args, **kwargs)
    world = current_world()
    if world is not None:
        world.flow_logs_ever.update(flow_log.id for flow_log in flow_logs)
    return flow_logs, unsuccessful


def _create_flow_logs(
    self,
    resource_type,
    resource_ids,
    traffic_type,
    deliver_logs_permission_arn,
    log_destination_type,
    log_destination,
    log_group_name,
    log_format,
    max_aggregation_interval,
    destination_options_param=None,
):
    """moto's create_flow_logs with AWS's parameter checks, S3 subfolders, DestinationOptions and bucket policy."""
    from moto.s3.exceptions import MissingBucket

    log_destination_type = log_destination_type or "cloud-watch-logs"
    if log_destination_type == "cloud-watch-logs" and log_group_name is None and log_destination:
        log_group_name = log_group_from_arn(log_destination)  # a log group ARN names the group too
    max_aggregation_interval = 600 if max_aggregation_interval is None else max_aggregation_interval
    validate_parameters(
        self,
        resource_type,
        traffic_type,
        log_destination_type,
        log_destination,
        log_group_name,
        log_format,
        max_aggregation_interval,
        deliver_logs_permission_arn,
        destination_options_param,
    )
    if log_destination_type != "s3":
        flow_logs, unsuccessful = _original_create(
            self,
            resource_type,
            resource_ids,
            traffic_type,
            deliver_logs_permission_arn,
            log_destination_type,
            log_destination,
            log_group_name,
            log_format,
            max_aggregation_interval,
        )
        for flow_log in flow_logs:
            flow_log.destination_options = None
            refresh_delivery_status(flow_log)
        return flow_logs, unsuccessful

    bucket, subfolder = parse_s3_destination(log_destination)
    try:
        _s3_backend(self).get_bucket(bucket)
    except MissingBucket:
        return [], [(resource_id, "400", f"LogDestination: {bucket} does not exist.") for resource_id in resource_ids]
    # moto looks the whole "bucket/prefix/" up as a bucket name; the bucket is checked above, so let moto
    # create the flow logs as a destination it does not look up, then restore the real type.
    flow_logs, unsuccessful = _original_create(
        self,
        resource_type,
        resource_ids,
        traffic_type,
        deliver_logs_permission_arn,
        "kinesis-data-firehose",
        log_destination,
        log_group_name,
        log_format,
        max_aggregation_interval,
    )
    options = destination_options(destination_options_param)
    for flow_log in flow_logs:
        flow_log.log_destination_type = "s3"
        flow_log.destination_options = dict(options)
    if flow_logs:
        policy = delivery_bucket_policy(
            bucket, self.account_id, self.region_name, subfolder=subfolder, hive=options["HiveCompatiblePartitions"]
        )
        _s3_backend(self).put_bucket_policy(bucket, policy.encode())
    return flow_logs, unsuccessful


def cloudwatch_delivery_ok(flow_log) -> bool:
    """True when the flow-logs service could publish to the log group with the flow log's role."""
    from moto.iam.models import iam_backends
    from moto.logs.models import logs_backends

    backend = flow_log.ec2_backend
    if flow_log.log_group_name not in logs_backends[backend.account_id][backend.region_name].groups:
        return False
    try:
        role = iam_backends[backend.account_id][backend.partition].get_role_by_arn(flow_log.deliver_logs_permission_arn)
    except Exception:  # moto raises its NotFound/IAM errors for unknown or malformed ARNs
        return False
    context = role_check.flow_logs_context(backend.account_id, backend.region_name, flow_log.id)
    if not role_check.trusts_flow_logs(role_check.policy_document(role.assume_role_policy_document), context):
        return False
    documents = [role_check.policy_document(text) for text in role.policies.values()]
    for policy in role.managed_policies.values():
        version = next((v for v in policy.versions if v.is_default), None)
        if version is not None:
            documents.append(role_check.policy_document(version.document))
    resources = role_check.log_group_resources(backend.region_name, backend.account_id, flow_log.log_group_name)
    return role_check.allows(role_check.REQUIRED_ACTIONS, documents, resources)


def refresh_delivery_status(flow_log) -> None:
    """DeliverLogsStatus as AWS would show it now (CloudWatch Logs destinations depend on IAM and the group)."""
    if flow_log.log_destination_type != "cloud-watch-logs":
        return
    ok = cloudwatch_delivery_ok(flow_log)
    flow_log.deliver_logs_status = "SUCCESS" if ok else "FAILED"
    flow_log.deliver_logs_error_message = None if ok else ACCESS_ERROR


def describe_flow_logs(self, flow_log_ids=None, filters=None):
    for flow_log in self.flow_logs.values():
        refresh_delivery_status(flow_log)
    return _original_describe(self, flow_log_ids, filters)


def get_filter_value(self, filter_name, method_name=None):
    if filter_name == "deliver-log-status":  # moto answers SUCCESS for every flow log
        return self.deliver_logs_status
    return _original_filter_value(self, filter_name, method_name)


def create_flow_logs_response(self) -> ActionResult:
    """moto's CreateFlowLogs handler, also reading DestinationOptions."""
    resource_ids = self._get_param("ResourceIds", [])
    validate_resource_ids(resource_ids)
    tags = self._parse_tag_specification().get("vpc-flow-log", {})
    self.error_on_dryrun()
    flow_logs, errors = self.ec2_backend.create_flow_logs(
        self._get_param("ResourceType"),
        resource_ids,
        self._get_param("TrafficType"),
        self._get_param("DeliverLogsPermissionArn"),
        self._get_param("LogDestinationType"),
        self._get_param("LogDestination"),
        self._get_param("LogGroupName"),
        self._get_param("LogFormat"),
        self._get_int_param("MaxAggregationInterval"),
        self._get_param("DestinationOptions"),
    )
    for flow_log in flow_logs:
        flow_log.add_tags(tags)
    unsuccessful = [{"ResourceId": rid, "Error": {"Code": code, "Message": text}} for rid, code, text in errors]
    return ActionResult({"FlowLogIds": [fl.id for fl in flow_logs], "Unsuccessful": unsuccessful})


def apply() -> None:
    """Install the patches (idempotent: each assignment replaces the same attribute)."""
    if FlowLogsBackend.create_flow_logs is create_flow_logs:
        return
    FlowLogs.destination_options = None  # flow logs created before the patch (or not to S3) have none
    FlowLogsBackend.create_flow_logs = create_flow_logs
    FlowLogsBackend.describe_flow_logs = describe_flow_logs
    FlowLogs.get_filter_value = get_filter_value
    FlowLogsResponse.create_flow_logs = create_flow_logs_response
