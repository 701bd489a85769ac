"""On a real account, every boto3 call a notebook makes passes two checks (botocore event handlers on
boto3's default session, which `boto3.client(...)` and `labkit.aws.client(...)` use):

* a call that creates something (Create*, Run*, Put*, ...) is refused until the student confirmed AWS
  mode for this account and region (consent.require_confirmed);
* what it creates gets the course's tags (`labkit:course`, `labkit:lab`), added to the request's own
  tags without replacing any the student gave, so `labkit cleanup` finds it later.

    >>> install()                       # labkit.start does this when LABKIT_TARGET=aws
    >>> boto3.client("logs").create_log_group(logGroupName="VPCFlowLogs")   # tagged labkit:course=...
"""

from __future__ import annotations

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from ..config import target
from . import consent, tags

# Operations that create or start something that may bill; reads, updates and deletions pass.
CREATING_PREFIXES = (
    "Create",
    "Run",
    "Allocate",
    "Put",
    "Start",
    "Copy",
    "Upload",
    "Import",
    "Request",
    "Purchase",
    "Register",
    "Restore",
)
UNGUARDED_SERVICES = ("sts",)  # GetCallerIdentity, AssumeRole: nothing is created
GLOBAL_SERVICES = ("iam", "cloudfront", "route53", "organizations")

# EC2 operations and the resource types their TagSpecifications may name.
EC2_TAG_TYPES = {
    "CreateVpc": ("vpc",),
    "CreateSubnet": ("subnet",),
    "CreateInternetGateway": ("internet-gateway",),
    "CreateRouteTable": ("route-table",),
    "CreateSecurityGroup": ("security-group",),
    "CreateNetworkAcl": ("network-acl",),
    "RunInstances": ("instance", "volume", "network-interface"),
    "AllocateAddress": ("elastic-ip",),
    "CreateFlowLogs": ("vpc-flow-log",),
    "CreateNatGateway": ("natgateway",),
    "CreateNetworkInterface": ("network-interface",),
    "CreateVolume": ("volume",),
}
# Other services: (service, operation) -> (parameter, "list" of Key/Value or "dict").
TAG_PARAMETERS = {
    ("iam", "CreateRole"): ("Tags", "list"),
    ("logs", "CreateLogGroup"): ("tags", "dict"),
    ("cloudwatch", "PutMetricAlarm"): ("Tags", "list"),
    ("sns", "CreateTopic"): ("Tags", "list"),
    ("sqs", "CreateQueue"): ("tags", "dict"),
    ("athena", "CreateWorkGroup"): ("Tags", "list"),
    ("glue", "CreateDatabase"): ("Tags", "dict"),
    ("glue", "CreateCrawler"): ("Tags", "dict"),
}
_IDS = {"guard": "labkit-aws-guard", "tag": "labkit-course-tags", "bucket": "labkit-course-bucket-tags"}


def install(session: boto3.Session | None = None) -> None:
    """Register both checks on `session` (default: boto3's default session); installing twice is harmless.

    Clients built before this have their own copy of the handlers, so labkit's cached ones are dropped.
    """
    if session is None:
        if boto3.DEFAULT_SESSION is None:
            boto3.setup_default_session()
        session = boto3.DEFAULT_SESSION
    events = session.events
    events.register("before-call", refuse_unconfirmed, unique_id=_IDS["guard"])
    events.register("before-parameter-build", add_course_tags, unique_id=_IDS["tag"])
    events.register("after-call.s3.CreateBucket", tag_new_bucket, unique_id=_IDS["bucket"])
    from ..aws import forget_clients

    forget_clients()  # built before the handlers: rebuilt with them on next use


def _names(model) -> tuple[str, str]:
    return model.service_model.service_name, model.name


def is_creating(service: str, operation: str) -> bool:
    return service not in UNGUARDED_SERVICES and operation.startswith(CREATING_PREFIXES)


def refuse_unconfirmed(model, context=None, **_) -> None:
    """before-call: a creating call on an unconfirmed account and region raises a bilingual LabkitError.

    The region is the client's; a global service's (IAM: "aws-global") counts as the configured region."""
    service, operation = _names(model)
    if target() == "aws" and is_creating(service, operation):
        region = (context or {}).get("client_region")
        consent.require_confirmed(None if region in (None, "aws-global") or service in GLOBAL_SERVICES else region)


def add_course_tags(params: dict, model, context=None, **_) -> None:
    """before-parameter-build: the course's tags joined to the request's (the student's lists are copied,
    never changed in place)."""
    if target() != "aws":
        return
    service, operation = _names(model)
    if (service, operation) == ("s3", "CreateBucket") and context is not None:
        context["labkit_bucket"] = params.get("Bucket")  # tagged once it exists: tag_new_bucket
    elif service == "ec2" and operation in EC2_TAG_TYPES:
        params["TagSpecifications"] = with_course_specifications(
            params.get("TagSpecifications"), EC2_TAG_TYPES[operation]
        )
    elif (service, operation) in TAG_PARAMETERS:
        name, shape = TAG_PARAMETERS[(service, operation)]
        if shape == "dict":
            params[name] = {**tags.course_tags(), **(params.get(name) or {})}
        else:
            params[name] = tags.with_course_tags(params.get(name))


def with_course_specifications(specifications: list[dict] | None, resource_types: tuple[str, ...]) -> list[dict]:
    """EC2 TagSpecifications with the course's tags in the spec of each resource type (added when missing)."""
    result = []
    for spec in specifications or []:
        spec = dict(spec)
        if spec.get("ResourceType") in resource_types:
            spec["Tags"] = tags.with_course_tags(spec.get("Tags"))
        result.append(spec)
    named = {spec.get("ResourceType") for spec in result}
    return result + [
        {"ResourceType": kind, "Tags": tags.with_course_tags([])} for kind in resource_types if kind not in named
    ]


def tag_new_bucket(http_response, params=None, context=None, **_) -> None:
    """after-call of CreateBucket: S3 takes a bucket's tags only after it exists (add_course_tags kept
    the bucket's name in the call's context)."""
    if target() != "aws" or http_response is None or http_response.status_code >= 300:
        return
    bucket = (context or {}).get("labkit_bucket")
    if not bucket:
        return
    from .. import aws
    from ..messages import message

    try:
        aws.client("s3").put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": tags.tag_list(tags.course_tags())})
    except (ClientError, BotoCoreError) as error:
        code = error.response["Error"].get("Code") if isinstance(error, ClientError) else type(error).__name__
        print(message("aws_account.bucket_untagged", bucket=bucket, code=code))
