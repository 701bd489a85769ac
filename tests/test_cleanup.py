"""`labkit cleanup [--dry-run]` on moto's in-process mock (LABKIT_TARGET=aws, no endpoint, no sandbox):
every kind the course creates is removed, in dependency order, and only what carries the course's tag;
dry runs delete nothing; a second run finds nothing; a refusal is reported with AWS's code and the rest
goes on."""

from __future__ import annotations

import boto3
import pytest
from fixtures.aws_mode import ACCOUNT, POLICY, REGION, TRUST, plain

import labkit
from labkit.aws_account import cleanup
from labkit.aws_account.discovery import KINDS, classify
from labkit.cli import main

FLOW_BUCKET = f"labkit-flow-logs-{ACCOUNT}-{REGION}"
RESULTS_BUCKET = f"labkit-athena-results-{ACCOUNT}-{REGION}"
UNTAGGED_BUCKET = f"labkit-flow-logs-{ACCOUNT}-{REGION}-mine"  # named like the course's, yet not its
EVERY_KIND = set(KINDS)


def course_world() -> dict:
    """What the labs leave on an account (lab 01 to 03, and one of every other kind the course may create),
    through the course's own code and plain boto3 calls, as a notebook makes them."""
    from labkit.environment import build_demo_environment
    from labkit.labs import prepare

    env = build_demo_environment()
    prepare("02-reading-flow-logs")
    labkit.start("03-athena")
    s3, ec2, iam, logs = (boto3.client(name) for name in ("s3", "ec2", "iam", "logs"))
    s3.put_bucket_versioning(Bucket=FLOW_BUCKET, VersioningConfiguration={"Status": "Enabled"})
    for body in (b"one", b"two"):  # two versions of one object, and a delete marker
        s3.put_object(Bucket=FLOW_BUCKET, Key=f"AWSLogs/{ACCOUNT}/vpcflowlogs/{REGION}/2026/01/01/a.log.gz", Body=body)
    s3.delete_object(Bucket=FLOW_BUCKET, Key=f"AWSLogs/{ACCOUNT}/vpcflowlogs/{REGION}/2026/01/01/a.log.gz")
    s3.create_bucket(Bucket=RESULTS_BUCKET)
    s3.put_object(Bucket=RESULTS_BUCKET, Key="result.csv", Body=b"srcaddr\n")
    logs.put_metric_filter(
        logGroupName="VPCFlowLogs",
        filterName="rejects",
        filterPattern="REJECT",
        metricTransformations=[{"metricName": "Rejects", "metricNamespace": "Flow", "metricValue": "1"}],
    )
    topic = boto3.client("sns").create_topic(Name="labkit-security-alerts")["TopicArn"]
    queue = boto3.client("sqs").create_queue(QueueName="labkit-alert-inbox")["QueueUrl"]
    queue_arn = f"arn:aws:sqs:{REGION}:{ACCOUNT}:labkit-alert-inbox"
    boto3.client("sns").subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    boto3.client("cloudwatch").put_metric_alarm(
        AlarmName="rejects",
        MetricName="Rejects",
        Namespace="Flow",
        Statistic="Sum",
        Period=60,
        EvaluationPeriods=1,
        Threshold=10,
        ComparisonOperator="GreaterThanThreshold",
        AlarmActions=[topic],
    )
    iam.put_role_policy(RoleName="flowlogsrole", PolicyName="inline", PolicyDocument=POLICY)
    glue = boto3.client("glue")
    glue.create_database(DatabaseInput={"Name": "flows"})
    glue.create_table(
        DatabaseName="flows",
        TableInput={"Name": "flows_by_day", "StorageDescriptor": {"Location": f"s3://{FLOW_BUCKET}/AWSLogs/"}},
    )
    plain("glue").create_database(DatabaseInput={"Name": "default"})  # Athena's own, made on first use
    glue.create_table(
        DatabaseName="default",
        TableInput={
            "Name": "vpc_flow_logs",
            "StorageDescriptor": {"Location": f"s3://{FLOW_BUCKET}/AWSLogs/{ACCOUNT}/vpcflowlogs/{REGION}/"},
        },
    )
    glue.create_crawler(
        Name="flows",
        Role="flowlogsrole",
        DatabaseName="flows",
        Classifiers=["flow-logs-space"],
        Targets={"S3Targets": [{"Path": f"s3://{FLOW_BUCKET}/"}]},
    )
    boto3.client("athena").create_work_group(
        Name="labkit-flow-logs", Configuration={"ResultConfiguration": {"OutputLocation": f"s3://{RESULTS_BUCKET}/"}}
    )
    address = ec2.allocate_address(Domain="vpc")
    ec2.associate_address(AllocationId=address["AllocationId"], InstanceId=env.bastion.instance_id)
    acl = ec2.create_network_acl(VpcId=env.vpc_id)["NetworkAcl"]["NetworkAclId"]
    ec2.replace_network_acl_association(AssociationId=_acl_association(ec2, env.private_subnet_id), NetworkAclId=acl)
    eni = ec2.create_network_interface(SubnetId=env.public_subnet_id)["NetworkInterface"]["NetworkInterfaceId"]
    volume = ec2.create_volume(AvailabilityZone=env.availability_zone, Size=1)["VolumeId"]
    return {
        "env": env,
        "acl": acl,
        "eni": eni,
        "volume": volume,
        "address": address["AllocationId"],
        "topic": topic,
        "queue": queue,
    }


def _acl_association(ec2, subnet_id: str) -> str:
    acls = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [subnet_id]}])["NetworkAcls"]
    return next(a["NetworkAclAssociationId"] for a in acls[0]["Associations"] if a["SubnetId"] == subnet_id)


def untagged_world() -> dict:
    """Resources of the same kinds made by another tool (a boto3 session without labkit's handlers): never
    the course's, even when they look like it."""
    s3, iam, ec2 = plain("s3"), plain("iam"), plain("ec2")
    s3.create_bucket(Bucket=UNTAGGED_BUCKET)
    s3.put_object(Bucket=UNTAGGED_BUCKET, Key="keep.txt", Body=b"mine")
    iam.create_role(RoleName="my-own-role", AssumeRolePolicyDocument=TRUST)
    iam.put_role_policy(RoleName="my-own-role", PolicyName="inline", PolicyDocument=POLICY)
    vpc = ec2.create_vpc(
        CidrBlock="10.42.0.0/16",
        TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "labkit-demo-vpc"}]}],
    )["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.42.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="mine", Description="mine", VpcId=vpc)["GroupId"]
    plain("logs").create_log_group(logGroupName="my-logs")
    plain("sns").create_topic(Name="my-alerts")
    plain("sqs").create_queue(QueueName="my-inbox")
    plain("athena").create_work_group(Name="mine")
    plain("athena").tag_resource(
        ResourceARN=f"arn:aws:athena:{REGION}:{ACCOUNT}:workgroup/primary",
        Tags=[{"Key": "labkit:course", "Value": "vpc-flow-logs"}],
    )  # never deleted
    plain("glue").create_table(
        DatabaseName="default",
        TableInput={"Name": "mine", "StorageDescriptor": {"Location": f"s3://{UNTAGGED_BUCKET}/"}},
    )
    return {"vpc": vpc, "subnet": subnet, "group": group}


def moto_deletes_classifiers(monkeypatch) -> list[str]:
    """moto keeps a crawler's classifier names but has no classifiers (no Create/Get/DeleteClassifier): a
    stand-in DeleteClassifier that records the name, so cleanup's call can be seen to happen."""
    from moto.glue.responses import GlueResponse

    deleted: list[str] = []

    def delete_classifier(self) -> str:
        deleted.append(self._get_param("Name"))
        return "{}"

    monkeypatch.setattr(GlueResponse, "delete_classifier", delete_classifier, raising=False)
    return deleted


@pytest.fixture
def world(confirmed, monkeypatch):
    deleted_classifiers = moto_deletes_classifiers(monkeypatch)
    course = course_world()
    mine = untagged_world()
    return {**course, "mine": mine, "deleted_classifiers": deleted_classifiers}


def snapshot() -> dict:
    """What exists, read with a plain session (no labkit code involved)."""
    ec2, s3 = plain("ec2"), plain("s3")
    return {
        "vpcs": sorted(v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"] if not v["IsDefault"]),
        "subnets": sorted(s["SubnetId"] for s in ec2.describe_subnets()["Subnets"] if not s["DefaultForAz"]),
        "instances": sorted(
            i["InstanceId"]
            for r in ec2.describe_instances(
                Filters=[{"Name": "instance-state-name", "Values": ["pending", "running", "stopped"]}]
            )["Reservations"]
            for i in r["Instances"]
        ),
        "groups": sorted(
            g["GroupId"] for g in ec2.describe_security_groups()["SecurityGroups"] if g["GroupName"] != "default"
        ),
        "route_tables": sorted(
            t["RouteTableId"]
            for t in ec2.describe_route_tables()["RouteTables"]
            if not any(a.get("Main") for a in t.get("Associations", []))
        ),
        "acls": sorted(a["NetworkAclId"] for a in ec2.describe_network_acls()["NetworkAcls"] if not a["IsDefault"]),
        "gateways": sorted(
            g["InternetGatewayId"]
            for g in ec2.describe_internet_gateways()["InternetGateways"]
            if g.get("Attachments")
            and g["Attachments"][0]["VpcId"] in [v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"] if not v["IsDefault"]]
        ),
        "addresses": sorted(a["AllocationId"] for a in ec2.describe_addresses()["Addresses"]),
        "enis": sorted(n["NetworkInterfaceId"] for n in ec2.describe_network_interfaces()["NetworkInterfaces"]),
        "volumes": sorted(v["VolumeId"] for v in ec2.describe_volumes()["Volumes"]),
        "flow_logs": sorted(f["FlowLogId"] for f in ec2.describe_flow_logs()["FlowLogs"]),
        "buckets": {
            b["Name"]: len(s3.list_object_versions(Bucket=b["Name"]).get("Versions", []))
            for b in s3.list_buckets()["Buckets"]
        },
        "roles": sorted(r["RoleName"] for r in plain("iam").list_roles()["Roles"]),
        "log_groups": sorted(g["logGroupName"] for g in plain("logs").describe_log_groups()["logGroups"]),
        "metric_filters": sorted(f["filterName"] for f in plain("logs").describe_metric_filters()["metricFilters"]),
        "alarms": sorted(a["AlarmName"] for a in plain("cloudwatch").describe_alarms()["MetricAlarms"]),
        "topics": sorted(t["TopicArn"].rsplit(":", 1)[-1] for t in plain("sns").list_topics()["Topics"]),
        "queues": sorted(q.rsplit("/", 1)[-1] for q in plain("sqs").list_queues().get("QueueUrls", [])),
        "workgroups": sorted(w["Name"] for w in plain("athena").list_work_groups()["WorkGroups"]),
        "databases": sorted(d["Name"] for d in plain("glue").get_databases()["DatabaseList"]),
        "tables": sorted(
            f"{d['Name']}.{t['Name']}"
            for d in plain("glue").get_databases()["DatabaseList"]
            for t in plain("glue").get_tables(DatabaseName=d["Name"])["TableList"]
        ),
        "crawlers": sorted(c["Name"] for c in plain("glue").get_crawlers()["Crawlers"]),
    }


# ---- dry run ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("managed_policies", [True])
def test_a_dry_run_names_every_kind_and_deletes_nothing(world):
    before = snapshot()
    report = cleanup(dry_run=True)
    assert snapshot() == before
    assert report.ok and report.dry_run and {o.status for o in report.outcomes} == {"would_remove"}
    assert {o.kind for o in report.outcomes} == EVERY_KIND
    text = repr(report)
    assert f"would remove VPC {world['env'].vpc_id} (labkit-demo-vpc)" in text
    assert f"would remove S3 bucket {FLOW_BUCKET} (3 object versions)" in text and "객체 버전 3개" in text
    assert "would remove metric filter VPCFlowLogs/rejects" in text and "삭제 예정: 지표 필터" in text
    assert "would remove Glue table default/vpc_flow_logs" in text
    assert "would remove Glue classifier flow-logs-space" in text and "삭제 예정: Glue 분류자" in text
    assert "would remove Athena workgroup labkit-flow-logs" in text
    assert world["deleted_classifiers"] == []
    assert f"would remove SNS topic {world['topic']}" in text and "삭제 예정: SQS 대기열 labkit-alert-inbox" in text
    assert "Dry run, nothing is deleted" in text and "시험 실행" in text
    assert UNTAGGED_BUCKET not in text and "my-own-role" not in text and world["mine"]["vpc"] not in text
    assert "primary" not in text and "/mine" not in text


def assert_dependency_order(report) -> None:
    order = [o.kind for o in report.removed]
    assert order == sorted(order, key=KINDS.index)
    for first, then in (
        ("flow_log", "role"),
        ("flow_log", "bucket"),
        ("instance", "elastic_ip"),
        ("instance", "security_group"),
        ("subnet", "vpc"),
        ("internet_gateway", "vpc"),
        ("metric_filter", "log_group"),
        ("glue_table", "glue_database"),
        ("crawler", "role"),
        ("crawler", "classifier"),
        ("alarm", "topic"),
        ("topic", "queue"),
    ):
        assert order.index(first) < order.index(then), (first, then)


# ---- the cleanup itself ---------------------------------------------------------------------------------


@pytest.mark.parametrize("managed_policies", [True])
def test_cleanup_removes_every_tagged_kind_and_nothing_untagged(world):
    mine = world["mine"]
    report = cleanup()
    assert report.ok, repr(report)
    assert {o.kind for o in report.removed} == EVERY_KIND
    assert world["eni"] in report.labels("network_interface")[0] and world["volume"] in report.labels("volume")[0]
    after = snapshot()
    assert (
        after["vpcs"] == [mine["vpc"]] and after["subnets"] == [mine["subnet"]] and after["groups"] == [mine["group"]]
    )
    assert after["instances"] == after["route_tables"] == after["acls"] == after["gateways"] == []
    assert after["addresses"] == after["enis"] == after["volumes"] == after["flow_logs"] == []
    assert after["buckets"] == {UNTAGGED_BUCKET: 1}
    assert after["roles"] == ["my-own-role"] and plain("iam").list_role_policies(RoleName="my-own-role")["PolicyNames"]
    assert after["log_groups"] == ["my-logs"] and after["metric_filters"] == after["alarms"] == []
    assert after["topics"] == ["my-alerts"] and after["queues"] == ["my-inbox"]
    assert after["workgroups"] == ["mine", "primary"] and after["crawlers"] == []
    assert world["deleted_classifiers"] == ["flow-logs-space"]  # the course crawler's, found through it
    assert after["databases"] == ["default"] and after["tables"] == ["default.mine"]
    text = repr(report)
    assert f"removed EC2 instance {world['env'].bastion.instance_id} (labkit-bastion)" in text
    assert "removed IAM role flowlogsrole" in text and "삭제함: IAM 역할 flowlogsrole" in text
    assert "nothing the course created is left here" in text
    assert_dependency_order(report)


@pytest.mark.parametrize("managed_policies", [True])
def test_a_second_run_removes_nothing_and_says_so(world, capsys):
    assert cleanup().removed
    again = cleanup()
    assert again.outcomes == [] and again.ok
    assert f"Nothing tagged labkit:course=vpc-flow-logs is left in account {ACCOUNT}, region {REGION}" in repr(again)
    assert "삭제할 것이 없습니다" in repr(again)
    assert main(["cleanup"]) == 0 and "nothing to remove" in capsys.readouterr().out


@pytest.mark.parametrize("managed_policies", [True])
def test_what_cannot_be_deleted_is_reported_with_why_and_the_rest_goes_on(world):
    """Another tool put an untagged subnet into the course's VPC: that VPC stays (DependencyViolation), and
    everything else tagged is still removed."""
    vpc_id = world["env"].vpc_id
    foreign = plain("ec2").create_subnet(VpcId=vpc_id, CidrBlock="10.0.9.0/24")["Subnet"]["SubnetId"]
    report = cleanup(wait_seconds=0)
    assert not report.ok
    [failed] = report.failed
    assert (failed.kind, failed.code) == ("vpc", "DependencyViolation") and vpc_id in failed.label
    assert f"could not remove VPC {vpc_id} (labkit-demo-vpc): DependencyViolation" in repr(report)
    assert "삭제하지 못함: VPC" in repr(report) and "labkit cleanup` again" in repr(report)
    after = snapshot()
    assert foreign in after["subnets"] and vpc_id in after["vpcs"]
    assert FLOW_BUCKET not in after["buckets"] and "flowlogsrole" not in after["roles"] and after["instances"] == []
    assert "bucket" in {o.kind for o in report.removed} and "subnet" in {o.kind for o in report.removed}

    plain("ec2").delete_subnet(SubnetId=foreign)  # the cause gone, a second run finishes the job
    last = cleanup(wait_seconds=0)
    assert last.ok and last.labels("vpc", "removed") == [f"{vpc_id} (labkit-demo-vpc)"]


@pytest.mark.parametrize("managed_policies", [True])
def test_the_cli_lists_then_removes_and_exits_1_when_something_stays(world, capsys):
    assert main(["cleanup", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would remove" in out and "삭제 예정" in out
    assert FLOW_BUCKET in {b["Name"] for b in plain("s3").list_buckets()["Buckets"]}
    plain("ec2").create_subnet(VpcId=world["env"].vpc_id, CidrBlock="10.0.9.0/24")
    assert main(["cleanup", "--wait", "0"]) == 1
    out = capsys.readouterr().out
    assert "could not remove VPC" in out and "removed S3 bucket" in out


def test_cleanup_needs_no_confirmation_and_an_empty_account_is_fine(aws_mode):
    report = cleanup()
    assert report.outcomes == [] and report.account == ACCOUNT and report.region == REGION


def test_a_refused_listing_is_reported_and_the_other_kinds_still_go(confirmed, monkeypatch):
    from botocore.exceptions import ClientError

    from labkit.aws_account import discovery

    boto3.client("iam").create_role(RoleName="flowlogsrole", AssumeRolePolicyDocument=TRUST)

    def refused(clients):
        raise ClientError(
            {"Error": {"Code": "AccessDeniedException", "Message": "no tag:GetResources"}}, "GetResources"
        )

    monkeypatch.setattr(discovery, "_tagged_by_api", refused)
    report = cleanup()
    assert [(o.kind, o.code) for o in report.failed] == [("search", "AccessDeniedException")]
    assert report.labels("role", "removed") == ["flowlogsrole"]
    assert "could not list tagging:GetResources: AccessDeniedException" in repr(report)
    assert "목록을 가져오지 못함" in repr(report) and not report.ok


@pytest.mark.parametrize(
    "arn, expected",
    [
        ("arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/fl-0abc", ("flow_log", "fl-0abc", "")),
        ("arn:aws:ec2:us-east-1:123456789012:flow-logs/fl-0abc", ("flow_log", "fl-0abc", "")),
        ("arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0abc", ("vpc", "vpc-0abc", "")),
        ("arn:aws:ec2:us-east-1:123456789012:vpc-endpoint/vpce-0abc", None),
        ("arn:aws:ec2:us-east-1:123456789012:elastic-ip/eipalloc-0abc", ("elastic_ip", "eipalloc-0abc", "")),
        (
            "arn:aws:s3:::labkit-flow-logs-123456789012-us-east-1",
            ("bucket", "labkit-flow-logs-123456789012-us-east-1", ""),
        ),
        ("arn:aws:logs:us-east-1:123456789012:log-group:VPCFlowLogs", ("log_group", "VPCFlowLogs", "")),
        ("arn:aws:logs:us-east-1:123456789012:log-group:VPCFlowLogs:*", ("log_group", "VPCFlowLogs", "")),
        ("arn:aws:cloudwatch:us-east-1:123456789012:alarm:rejects", ("alarm", "rejects", "")),
        ("arn:aws:athena:us-east-1:123456789012:workgroup/labkit", ("workgroup", "labkit", "")),
        (
            "arn:aws:sns:us-east-1:123456789012:labkit-security-alerts",
            ("topic", "arn:aws:sns:us-east-1:123456789012:labkit-security-alerts", ""),
        ),
        ("arn:aws:sns:us-east-1:123456789012:alerts:0f1e2d3c-subscription", None),
        ("arn:aws:sqs:us-east-1:123456789012:labkit-alert-inbox", ("queue", "labkit-alert-inbox", "")),
        ("arn:aws:glue:us-east-1:123456789012:table/flows/by_day", ("glue_table", "by_day", "flows")),
        ("arn:aws:lambda:us-east-1:123456789012:function:f", None),
    ],
)
def test_tagging_api_arns_are_read_in_both_shapes(arn, expected):
    """AWS's and moto's ARN shapes for the same resource (flow logs, log groups) mean the same thing."""
    assert classify(arn) == expected
