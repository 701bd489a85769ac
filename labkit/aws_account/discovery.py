"""Find what carries the course's tag (`labkit:course=vpc-flow-logs`) in this account and region.

The Resource Groups Tagging API lists most of it in one paginated call (EC2, S3, CloudWatch Logs,
alarms, SNS topics, SQS queues, Athena workgroups, Glue databases and crawlers); what it does not list (in moto, and for IAM
on AWS) is found per service: IAM roles, Elastic IP addresses, network ACLs. Glue tables carry no tags
anywhere: a table is the course's when it lives in a course database or reads a course bucket; nor do Glue
classifiers: one is the course's when a course crawler uses it (once the crawler is gone, it is not found). EC2
resources are then described by id, which drops what the tagging API still remembers but is gone
(it lags behind deletions on AWS) and reads what removal needs (states, rules, associations).

    >>> found = find_course_resources(clients)
    >>> [f.ident for f in found["vpc"]]
    ['vpc-0abc…']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import tags

# Removal order: what depends on something comes before it.
KINDS = (
    "flow_log",
    "alarm",
    "topic",
    "queue",
    "metric_filter",
    "log_group",
    "crawler",
    "classifier",
    "glue_table",
    "glue_database",
    "workgroup",
    "instance",
    "elastic_ip",
    "network_interface",
    "volume",
    "security_group",
    "subnet",
    "route_table",
    "network_acl",
    "internet_gateway",
    "vpc",
    "role",
    "bucket",
)
EC2_ID_KINDS = {
    "fl-": "flow_log",
    "i-": "instance",
    "eni-": "network_interface",
    "vol-": "volume",
    "sg-": "security_group",
    "subnet-": "subnet",
    "rtb-": "route_table",
    "acl-": "network_acl",
    "igw-": "internet_gateway",
    "vpc-": "vpc",
    "eipalloc-": "elastic_ip",
}
LIVE_INSTANCE_STATES = ["pending", "running", "stopping", "stopped"]
COURSE_FILTER = [{"Name": f"tag:{tags.COURSE_KEY}", "Values": [tags.COURSE_VALUE]}]
KEPT_GLUE_DATABASES = ("default",)  # Athena's own: its course tables go, the database stays
KEPT_WORKGROUPS = ("primary",)  # every account has it; AWS refuses to delete it


@dataclass(frozen=True)
class Found:
    """One resource of the course: its kind, id (or name), Name tag and what removal needs to know."""

    kind: str
    ident: str
    name: str = ""
    parent: str = ""  # the log group of a metric filter, the database of a table
    details: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def label(self) -> str:
        ident = f"{self.parent}/{self.ident}" if self.parent else self.ident
        return f"{ident} ({self.name})" if self.name and self.name != self.ident else ident


class SearchFailed(Exception):
    """A listing call was refused; carries which and the AWS error, for the report."""

    def __init__(self, what: str, error: Exception):
        super().__init__(what)
        self.what = what
        self.error = error


def _name_tag(tag_list) -> str:
    return next((t["Value"] for t in tag_list or [] if t.get("Key") == "Name"), "")


def classify(arn: str) -> tuple[str, str, str] | None:
    """(kind, ident, parent) of a tagging-API ARN, None for kinds the course never creates.

    >>> classify("arn:aws:logs:us-east-1:123456789012:log-group:VPCFlowLogs:*")
    ('log_group', 'VPCFlowLogs', '')
    """
    parts = arn.split(":", 5)
    if len(parts) < 6:
        return None
    service, resource = parts[2], parts[5]
    if service == "ec2":
        ident = resource.rsplit("/", 1)[-1]
        kind = next((k for prefix, k in EC2_ID_KINDS.items() if ident.startswith(prefix)), None)
        return (kind, ident, "") if kind else None
    if service == "s3" and resource and "/" not in resource:
        return "bucket", resource, ""
    if service == "logs" and resource.startswith("log-group:"):
        name = resource[len("log-group:") :]
        return "log_group", name[:-2] if name.endswith(":*") else name, ""
    if service == "cloudwatch" and resource.startswith("alarm:"):
        return "alarm", resource[len("alarm:") :], ""
    if service == "sns" and resource and ":" not in resource:
        return "topic", arn, ""  # DeleteTopic takes the ARN
    if service == "sqs" and resource and ":" not in resource:
        return "queue", resource, ""
    if service == "athena" and resource.startswith("workgroup/"):
        return "workgroup", resource[len("workgroup/") :], ""
    if service == "glue":
        kind, _, rest = resource.partition("/")
        if kind == "database":
            return "glue_database", rest, ""
        if kind == "crawler":
            return "crawler", rest, ""
        if kind == "table" and "/" in rest:
            database, _, table = rest.partition("/")
            return "glue_table", table, database
    return None


def _paginate(client, operation: str, key: str, **kwargs) -> list:
    return [item for page in client.get_paginator(operation).paginate(**kwargs) for item in page.get(key, [])]


def _tagged_by_api(clients) -> dict[str, list[Found]]:
    found: dict[str, list[Found]] = {}
    mappings = _paginate(
        clients("resourcegroupstaggingapi"),
        "get_resources",
        "ResourceTagMappingList",
        TagFilters=[{"Key": tags.COURSE_KEY, "Values": [tags.COURSE_VALUE]}],
    )
    for mapping in mappings:
        kind_ident = classify(mapping["ResourceARN"])
        if kind_ident and tags.is_course_tagged(mapping.get("Tags")):
            kind, ident, parent = kind_ident
            found.setdefault(kind, []).append(Found(kind, ident, _name_tag(mapping.get("Tags")), parent))
    return found


# ---- EC2: described by id (live ones only), plus what the tagging API does not list -------------------


def _described(ec2, kind: str, ids: list[str]) -> list[Found]:
    """The `ids` of `kind` that exist now, with the details removal needs."""
    if not ids and kind not in ("elastic_ip", "network_acl"):
        return []
    if kind == "instance":
        reservations = _paginate(
            ec2,
            "describe_instances",
            "Reservations",
            Filters=[
                {"Name": "instance-id", "Values": ids},
                {"Name": "instance-state-name", "Values": LIVE_INSTANCE_STATES},
            ],
        )
        return [
            Found(kind, i["InstanceId"], _name_tag(i.get("Tags")), details={"vpc": i.get("VpcId")})
            for r in reservations
            for i in r["Instances"]
        ]
    if kind == "flow_log":
        logs = ec2.describe_flow_logs(Filters=[{"Name": "flow-log-id", "Values": ids}])["FlowLogs"]
        return [Found(kind, f["FlowLogId"], _name_tag(f.get("Tags"))) for f in logs]
    if kind == "network_interface":
        enis = _paginate(
            ec2,
            "describe_network_interfaces",
            "NetworkInterfaces",
            Filters=[{"Name": "network-interface-id", "Values": ids}],
        )
        return [Found(kind, n["NetworkInterfaceId"], _name_tag(n.get("TagSet"))) for n in enis]
    if kind == "volume":
        volumes = _paginate(ec2, "describe_volumes", "Volumes", Filters=[{"Name": "volume-id", "Values": ids}])
        return [Found(kind, v["VolumeId"], _name_tag(v.get("Tags"))) for v in volumes]
    if kind == "security_group":
        groups = _paginate(
            ec2, "describe_security_groups", "SecurityGroups", Filters=[{"Name": "group-id", "Values": ids}]
        )
        return [
            Found(
                kind,
                g["GroupId"],
                _name_tag(g.get("Tags")) or g["GroupName"],
                details={"ingress": g.get("IpPermissions", []), "egress": g.get("IpPermissionsEgress", [])},
            )
            for g in groups
            if g["GroupName"] != "default"
        ]  # the default group goes with its VPC
    if kind == "subnet":
        subnets = _paginate(ec2, "describe_subnets", "Subnets", Filters=[{"Name": "subnet-id", "Values": ids}])
        return [Found(kind, s["SubnetId"], _name_tag(s.get("Tags"))) for s in subnets]
    if kind == "route_table":
        tables = _paginate(
            ec2, "describe_route_tables", "RouteTables", Filters=[{"Name": "route-table-id", "Values": ids}]
        )
        return [
            Found(
                kind,
                t["RouteTableId"],
                _name_tag(t.get("Tags")),
                details={
                    "associations": [
                        a["RouteTableAssociationId"] for a in t.get("Associations", []) if not a.get("Main")
                    ]
                },
            )
            for t in tables
            if not any(a.get("Main") for a in t.get("Associations", []))
        ]
    if kind == "network_acl":
        acls = _paginate(ec2, "describe_network_acls", "NetworkAcls", Filters=COURSE_FILTER)
        return [
            Found(
                kind,
                a["NetworkAclId"],
                _name_tag(a.get("Tags")),
                details={
                    "vpc": a["VpcId"],
                    "associations": [x["NetworkAclAssociationId"] for x in a.get("Associations", [])],
                },
            )
            for a in acls
            if not a.get("IsDefault")
        ]  # a default ACL goes with its VPC
    if kind == "internet_gateway":
        gateways = _paginate(
            ec2,
            "describe_internet_gateways",
            "InternetGateways",
            Filters=[{"Name": "internet-gateway-id", "Values": ids}],
        )
        return [
            Found(
                kind,
                g["InternetGatewayId"],
                _name_tag(g.get("Tags")),
                details={"vpcs": [a["VpcId"] for a in g.get("Attachments", [])]},
            )
            for g in gateways
        ]
    if kind == "vpc":
        vpcs = _paginate(ec2, "describe_vpcs", "Vpcs", Filters=[{"Name": "vpc-id", "Values": ids}])
        return [Found(kind, v["VpcId"], _name_tag(v.get("Tags"))) for v in vpcs]
    if kind == "elastic_ip":
        addresses = ec2.describe_addresses(Filters=COURSE_FILTER)["Addresses"]
        return [
            Found(
                kind,
                a["AllocationId"],
                _name_tag(a.get("Tags")) or a.get("PublicIp", ""),
                details={"association": a.get("AssociationId")},
            )
            for a in addresses
            if a.get("AllocationId")
        ]
    return []


# ---- per service: IAM roles, Glue tables, metric filters ------------------------------------------------


def _roles(iam) -> list[Found]:
    found = []
    for role in _paginate(iam, "list_roles", "Roles"):
        if role.get("Path", "/").startswith("/aws-service-role/"):
            continue  # service-linked: AWS's own, never the course's
        if tags.is_course_tagged(_paginate(iam, "list_role_tags", "Tags", RoleName=role["RoleName"])):
            found.append(Found("role", role["RoleName"]))
    return found


def _in_buckets(location: str, buckets: set[str]) -> bool:
    if not location.startswith("s3://"):
        return False
    return location[len("s3://") :].split("/", 1)[0] in buckets


def _glue_tables(glue, databases: list[Found], buckets: set[str]) -> list[Found]:
    """Every table of a course database, and every table elsewhere whose data is in a course bucket."""
    course_databases = {d.ident for d in databases}
    found = []
    for database in _paginate(glue, "get_databases", "DatabaseList"):
        name = database["Name"]
        for table in _paginate(glue, "get_tables", "TableList", DatabaseName=name):
            location = table.get("StorageDescriptor", {}).get("Location", "")
            if name in course_databases or _in_buckets(location, buckets):
                found.append(Found("glue_table", table["Name"], parent=name))
    return found


def _classifiers(glue, crawlers: list[Found]) -> list[Found]:
    """The custom classifiers the course's crawlers use (a classifier carries no tags); a crawler the tagging
    API still lists but that is gone (it lags behind deletions) uses none."""
    from botocore.exceptions import ClientError

    from .retry import error_code, is_gone

    used = set()
    for crawler in crawlers:
        try:
            used.update(glue.get_crawler(Name=crawler.ident)["Crawler"].get("Classifiers", []))
        except ClientError as error:
            if not is_gone(error_code(error)):
                raise
    return [Found("classifier", name) for name in sorted(used)]


def _metric_filters(logs, groups: list[Found]) -> list[Found]:
    return [
        Found("metric_filter", f["filterName"], parent=group.ident)
        for group in groups
        for f in _paginate(logs, "describe_metric_filters", "metricFilters", logGroupName=group.ident)
    ]


def find_course_resources(clients, failures: list[SearchFailed]) -> dict[str, list[Found]]:
    """Everything the course tagged, by kind (see KINDS), read-only; a refused listing is appended to
    `failures` and the rest is still searched. `clients(service)` returns a boto3 client."""

    def attempt(what: str, search, default):
        try:
            return search()
        except Exception as error:  # ClientError, BotoCoreError: reported, the other searches go on
            failures.append(SearchFailed(what, error))
            return default

    tagged = attempt("tagging:GetResources", lambda: _tagged_by_api(clients), {})
    ec2 = clients("ec2")
    found: dict[str, list[Found]] = {kind: [] for kind in KINDS}
    for kind in KINDS:
        candidates = tagged.get(kind, [])
        if kind in EC2_ID_KINDS.values():
            ids = sorted({c.ident for c in candidates})
            found[kind] = attempt(f"ec2:{kind}", lambda: _described(ec2, kind, ids), [])
        elif kind not in ("metric_filter", "glue_table", "role", "classifier"):
            found[kind] = sorted({c for c in candidates}, key=lambda c: c.ident)
    found["glue_database"] = [d for d in found["glue_database"] if d.ident not in KEPT_GLUE_DATABASES]
    found["workgroup"] = [w for w in found["workgroup"] if w.ident not in KEPT_WORKGROUPS]
    found["metric_filter"] = attempt(
        "logs:DescribeMetricFilters", lambda: _metric_filters(clients("logs"), found["log_group"]), []
    )
    found["classifier"] = attempt("glue:GetCrawler", lambda: _classifiers(clients("glue"), found["crawler"]), [])
    buckets = {b.ident for b in found["bucket"]}
    found["glue_table"] = attempt(
        "glue:GetTables", lambda: _glue_tables(clients("glue"), found["glue_database"], buckets), []
    )
    found["role"] = attempt("iam:ListRoles", lambda: _roles(clients("iam")), [])
    return found
