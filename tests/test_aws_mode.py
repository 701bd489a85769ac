"""LABKIT_TARGET=aws, run against moto's in-process mock (no endpoint override, no sandbox, fake keys):
who and where and what it costs first, nothing billable before one confirmation, refused under CI,
names unique per account and region, the course's tags on everything created, the ledger's target."""

from __future__ import annotations

import json

import boto3
import pytest

import labkit
from fixtures.aws_mode import ACCOUNT, REGION, TRUST, forget_process_state, plain
from flowlog_data import V2_FIELDS
from labkit import aws
from labkit.aws_account import consent, hooks, tags
from labkit.config import target_in_use
from labkit.messages import LabkitError


def course_tagged(tag_list, lab: str) -> bool:
    found = tag_list if isinstance(tag_list, dict) else {t["Key"]: t["Value"] for t in tag_list or []}
    return found.get("labkit:course") == "vpc-flow-logs" and found.get("labkit:lab") == lab


def nothing_created() -> bool:
    ec2 = plain("ec2")
    return (
        not [v for v in ec2.describe_vpcs()["Vpcs"] if not v["IsDefault"]]
        and not plain("s3").list_buckets()["Buckets"]
        and not [r for r in plain("iam").list_roles()["Roles"] if not r["Path"].startswith("/aws-service-role/")]
        and not plain("logs").describe_log_groups()["logGroups"]
        and not ec2.describe_flow_logs()["FlowLogs"]
    )


# ---- the first start: who, where, what it costs; nothing created ------------------------------------------


def test_first_start_says_account_region_identity_and_costs(aws_mode, capsys):
    lab = labkit.start("01-flow-logs")
    out = capsys.readouterr().out
    assert f"Account {ACCOUNT}, region {REGION}, identity arn:aws:sts::{ACCOUNT}:user/moto" in out
    assert f"계정 {ACCOUNT}, 리전 {REGION}, 자격 증명" in out
    assert "Lab 01-flow-logs: ~$0.03" in out and "Lab 03-athena: ~$0.19" in out and "Lab 00-welcome: $0." in out
    assert "$5 per TB scanned" in out and "NAT gateway" in out and "NAT 게이트웨이" in out
    assert "labkit.confirm_aws()" in out and "승인" in out
    assert lab.aws_notice.confirmed is None and "border-left:4px solid #ffb74d" in lab.aws_notice._repr_html_()
    assert nothing_created()


def test_the_cost_estimates_follow_from_the_prices():
    from labkit.aws_account import costs

    hour = 2 * 0.0104 + 0.005 + 2 * 8 * 0.08 / 730 + 10 / 1024 * (0.25 + 0.50)
    assert costs.hourly_running_cost() == pytest.approx(hour)
    crawl = 2 * 10 / 60 * 0.44  # one crawler run: 2 DPUs, the 10-minute minimum
    assert costs.lab_cost("03-athena") == pytest.approx(hour + 100 * 10 / 1024**2 * 5 + crawl)
    assert costs.lab_cost("00-welcome") == 0 and costs.dollars(0) == "$0"
    assert costs.dollars(0.001) == "< $0.01" and costs.dollars(0.0349) == "~$0.03"
    assert costs.daily_cost_left_running() == pytest.approx(24 * hour)


# ---- nothing billable before the one confirmation --------------------------------------------------------


def test_nothing_billable_is_created_before_confirmation(aws_mode, capsys):
    from labkit.environment import build_demo_environment
    from labkit.labs import prepare

    labkit.start("01-flow-logs")
    for create in (
        build_demo_environment,
        lambda: prepare("02-reading-flow-logs"),
        lambda: boto3.client("s3").create_bucket(Bucket="labkit-flow-logs-x"),
        lambda: boto3.client("ec2").create_vpc(CidrBlock="10.9.0.0/16"),
        lambda: boto3.client("logs").create_log_group(logGroupName="VPCFlowLogs"),
        lambda: boto3.client("iam").create_role(RoleName="flowlogsrole", AssumeRolePolicyDocument=TRUST),
    ):
        with pytest.raises(LabkitError) as refused:
            create()
        assert refused.value.key == "aws_account.not_confirmed"
        assert f"AWS account {ACCOUNT}, region {REGION}" in str(refused.value) and "승인하기 전까지" in str(
            refused.value
        )
    assert boto3.client("ec2").describe_vpcs()["Vpcs"]  # reading is always allowed
    assert nothing_created()

    notice = labkit.confirm_aws()
    assert "Confirmed" in repr(notice) and "승인했습니다" in repr(notice)
    boto3.client("s3").create_bucket(Bucket="labkit-flow-logs-x")
    assert [b["Name"] for b in plain("s3").list_buckets()["Buckets"]] == ["labkit-flow-logs-x"]


def test_the_confirmation_is_remembered_per_account_and_region(aws_mode, monkeypatch, tmp_path, capsys):
    labkit.start("01-flow-logs", confirm_aws=True)
    saved = json.loads((tmp_path / "home" / consent.CONFIRMATIONS_FILE).read_text())
    assert list(saved) == [f"{ACCOUNT}/{REGION}"] and saved[f"{ACCOUNT}/{REGION}"]["arn"].endswith(":user/moto")

    forget_process_state()  # a new kernel: the confirmation comes from LABKIT_HOME
    lab = labkit.start("02-reading-flow-logs")
    assert lab.aws_notice.confirmed is not None
    out = capsys.readouterr().out
    assert "(confirmed " in out and "Lab 03-athena:" not in out  # no cost table once confirmed
    boto3.client("logs").create_log_group(logGroupName="VPCFlowLogs")

    with pytest.raises(LabkitError, match="region eu-west-1"):  # another region: not confirmed
        boto3.client("s3", region_name="eu-west-1").create_bucket(
            Bucket="in-ireland", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    forget_process_state()
    assert labkit.start("01-flow-logs").aws_notice.confirmed is None
    with pytest.raises(LabkitError):
        boto3.client("logs").create_log_group(logGroupName="VPCFlowLogs")
    labkit.start("01-flow-logs", confirm_aws=True)
    boto3.client("logs").create_log_group(logGroupName="VPCFlowLogs")
    assert sorted(json.loads((tmp_path / "home" / consent.CONFIRMATIONS_FILE).read_text())) == [
        f"{ACCOUNT}/eu-west-1",
        f"{ACCOUNT}/{REGION}",
    ]


def test_the_cli_needs_the_confirmation_too(aws_mode, capsys):
    from labkit.cli import main

    assert main(["env", "up"]) == 3
    assert "labkit confirm-aws" in capsys.readouterr().err
    assert nothing_created()
    assert main(["confirm-aws"]) == 0 and "Confirmed" in capsys.readouterr().out
    assert main(["env", "up"]) == 0 and "Demo environment ready" in capsys.readouterr().out


def test_credentials_that_name_no_account_are_said_so(aws_mode, monkeypatch):
    from botocore.exceptions import NoCredentialsError

    class NoOne:
        def get_caller_identity(self):
            raise NoCredentialsError()

    monkeypatch.setattr(aws, "client", lambda service: NoOne())
    with pytest.raises(LabkitError) as unknown:
        labkit.start("01-flow-logs")
    assert unknown.value.key == "aws_account.no_identity" and "Unable to locate credentials" in str(unknown.value)
    assert "aws sts get-caller-identity" in str(unknown.value) and "자격 증명" in str(unknown.value)


def test_in_the_sandbox_there_is_nothing_to_confirm(aws_mode, monkeypatch):
    monkeypatch.delenv("LABKIT_TARGET")
    notice = labkit.confirm_aws()
    assert "nothing to confirm" in repr(notice) and "승인할 것이 없습니다" in repr(notice)
    assert consent.require_confirmed() is None


# ---- the CI guard ---------------------------------------------------------------------------------------------


def test_aws_mode_is_refused_under_ci_unless_forced(aws_mode, monkeypatch, capsys):
    from labkit.cli import main

    monkeypatch.setenv("CI", "true")
    identity = consent.identity

    def no_identity():
        raise AssertionError("no AWS call under CI")

    monkeypatch.setattr(consent, "identity", no_identity)
    for attempt in (
        lambda: labkit.start("01-flow-logs"),
        labkit.confirm_aws,
        lambda: labkit.start("01-flow-logs", confirm_aws=True),
    ):
        with pytest.raises(LabkitError) as refused:
            attempt()
        assert refused.value.key == "aws_account.refused_in_ci" and "LABKIT_ALLOW_AWS_IN_CI=1" in str(refused.value)
    assert main(["cleanup", "--dry-run"]) == 3 and "CI 환경 변수" in capsys.readouterr().err
    monkeypatch.setenv(consent.FORCE_IN_CI, "0")
    with pytest.raises(LabkitError):
        labkit.start("01-flow-logs")

    monkeypatch.setattr(consent, "identity", identity)
    monkeypatch.setenv(consent.FORCE_IN_CI, "1")
    assert labkit.start("01-flow-logs", confirm_aws=True).aws_notice.confirmed
    monkeypatch.setenv("CI", "false")
    monkeypatch.delenv(consent.FORCE_IN_CI)
    assert not consent.in_ci()
    labkit.start("01-flow-logs")


# ---- names and tags --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("managed_policies", [True])
def test_bucket_names_are_unique_per_account_and_region(aws_mode, monkeypatch, capsys):
    from labkit.labs import prepare

    names = {
        labkit.flow_log_bucket_name(account, region)
        for account in ("123456789012", "210987654321")
        for region in ("us-east-1", "ap-northeast-2")
    }
    assert len(names) == 4 and all(n.startswith("labkit-flow-logs-") and len(n) <= 63 for n in names)
    for region in ("us-east-1", "ap-northeast-2"):
        monkeypatch.setenv("AWS_DEFAULT_REGION", region)
        forget_process_state()
        labkit.start("02-reading-flow-logs", confirm_aws=True)
        prepare("02-reading-flow-logs")
    buckets = sorted(b["Name"] for b in plain("s3").list_buckets()["Buckets"])
    assert buckets == [f"labkit-flow-logs-{ACCOUNT}-ap-northeast-2", f"labkit-flow-logs-{ACCOUNT}-us-east-1"]
    located = plain("s3").get_bucket_location(Bucket=buckets[0])["LocationConstraint"]
    assert located == "ap-northeast-2"


@pytest.mark.parametrize("managed_policies", [True])
def test_everything_the_course_creates_is_tagged_with_course_and_lab(confirmed, capsys):
    """The demo environment, what prepare() builds, and what a notebook's own boto3 calls create."""
    from labkit.environment import build_demo_environment
    from labkit.labs import prepare

    env = build_demo_environment()
    prepare("02-reading-flow-logs")
    labkit.start("03-athena")
    s3, ec2, iam = boto3.client("s3"), boto3.client("ec2"), boto3.client("iam")
    s3.create_bucket(Bucket=f"labkit-athena-results-{ACCOUNT}-{REGION}")
    mine = [{"ResourceType": "network-acl", "Tags": [{"Key": "Name", "Value": "student-acl"}]}]
    acl = ec2.create_network_acl(VpcId=env.vpc_id, TagSpecifications=mine)["NetworkAcl"]
    assert mine == [{"ResourceType": "network-acl", "Tags": [{"Key": "Name", "Value": "student-acl"}]}]  # not changed
    address = ec2.allocate_address(Domain="vpc")
    iam.create_role(
        RoleName="student-role", AssumeRolePolicyDocument=TRUST, Tags=[{"Key": "labkit:lab", "Value": "mine"}]
    )
    boto3.client("cloudwatch").put_metric_alarm(
        AlarmName="rejects",
        MetricName="Rejects",
        Namespace="Flow",
        Statistic="Sum",
        Period=60,
        EvaluationPeriods=1,
        Threshold=10,
        ComparisonOperator="GreaterThanThreshold",
    )
    topic = boto3.client("sns").create_topic(Name="labkit-security-alerts")["TopicArn"]
    queue = boto3.client("sqs").create_queue(QueueName="labkit-alert-inbox", tags={"owner": "me"})["QueueUrl"]
    athena, glue = boto3.client("athena"), boto3.client("glue")
    athena.create_work_group(Name="labkit")
    glue.create_database(DatabaseInput={"Name": "flows"})
    glue.create_crawler(
        Name="flows",
        Role="student-role",
        DatabaseName="flows",
        Targets={"S3Targets": [{"Path": f"s3://labkit-flow-logs-{ACCOUNT}-{REGION}/"}]},
    )

    lab01 = [
        ec2.describe_vpcs(VpcIds=[env.vpc_id])["Vpcs"][0]["Tags"],
        *[s["Tags"] for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [env.vpc_id]}])["Subnets"]],
        ec2.describe_internet_gateways(InternetGatewayIds=[env.igw_id])["InternetGateways"][0]["Tags"],
        *[
            t["Tags"]
            for t in ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [env.vpc_id]}])["RouteTables"]
            if t.get("Tags")
        ],
        *[
            g["Tags"]
            for g in ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [env.vpc_id]}])[
                "SecurityGroups"
            ]
            if g["GroupName"] != "default"
        ],
        *[
            i["Tags"]
            for r in ec2.describe_instances(InstanceIds=[env.bastion.instance_id, env.private.instance_id])[
                "Reservations"
            ]
            for i in r["Instances"]
        ],
        *[v["Tags"] for v in ec2.describe_volumes()["Volumes"]],
    ]
    assert len(lab01) == 11 and all(course_tagged(t, "01-flow-logs") for t in lab01), lab01
    prepared = [
        *[f["Tags"] for f in ec2.describe_flow_logs()["FlowLogs"]],
        s3.get_bucket_tagging(Bucket=f"labkit-flow-logs-{ACCOUNT}-{REGION}")["TagSet"],
        iam.list_role_tags(RoleName="flowlogsrole")["Tags"],
        boto3.client("logs").list_tags_log_group(logGroupName="VPCFlowLogs")["tags"],
    ]
    assert len(prepared) == 5 and all(course_tagged(t, "02-reading-flow-logs") for t in prepared), prepared
    assert all({"Key": "labkit:built-by", "Value": "prepare"} in t for t in prepared[:3])  # still prepare()'s
    alarm_arn = boto3.client("cloudwatch").describe_alarms(AlarmNames=["rejects"])["MetricAlarms"][0]["AlarmArn"]
    own = [
        s3.get_bucket_tagging(Bucket=f"labkit-athena-results-{ACCOUNT}-{REGION}")["TagSet"],
        acl["Tags"],
        ec2.describe_addresses(AllocationIds=[address["AllocationId"]])["Addresses"][0]["Tags"],
        boto3.client("cloudwatch").list_tags_for_resource(ResourceARN=alarm_arn)["Tags"],
        boto3.client("sns").list_tags_for_resource(ResourceArn=topic)["Tags"],
        [{"Key": k, "Value": v} for k, v in boto3.client("sqs").list_queue_tags(QueueUrl=queue)["Tags"].items()],
        athena.list_tags_for_resource(ResourceARN=f"arn:aws:athena:{REGION}:{ACCOUNT}:workgroup/labkit")["Tags"],
        glue.get_tags(ResourceArn=f"arn:aws:glue:{REGION}:{ACCOUNT}:database/flows")["Tags"],
        glue.get_tags(ResourceArn=f"arn:aws:glue:{REGION}:{ACCOUNT}:crawler/flows")["Tags"],
    ]
    assert all(course_tagged(t, "03-athena") for t in own), own
    assert {"Key": "Name", "Value": "student-acl"} in acl["Tags"]  # the student's own tags are kept
    assert {"Key": "owner", "Value": "me"} in own[-4]
    role_tags = iam.list_role_tags(RoleName="student-role")["Tags"]
    assert {"Key": "labkit:lab", "Value": "mine"} in role_tags and len(role_tags) == 2  # and never overwritten


def test_the_tags_go_into_each_request_shape():
    specs = hooks.with_course_specifications(
        [{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "b"}]}], ("instance", "volume")
    )
    assert [s["ResourceType"] for s in specs] == ["instance", "volume"]
    assert specs[0]["Tags"][0] == {"Key": "Name", "Value": "b"} and all(tags.is_course_tagged(s["Tags"]) for s in specs)
    assert hooks.is_creating("ec2", "RunInstances") and hooks.is_creating("s3", "PutObject")
    assert not hooks.is_creating("ec2", "DescribeVpcs") and not hooks.is_creating("sts", "GetCallerIdentity")
    assert not hooks.is_creating("ec2", "DeleteVpc") and not hooks.is_creating("athena", "UpdateWorkGroup")


# ---- the ledger records the AWS really called -------------------------------------------------------------


def test_the_ledger_records_aws_on_a_real_account(aws_mode, capsys):
    from labkit.progress import ledger

    account = boto3.client("sts").get_caller_identity()["Account"]
    result = labkit.start("00-welcome").check("welcome.connected", answer=account)
    assert result.passed, result
    assert [e["target"] for e in ledger.read_entries()] == ["aws"]
    assert target_in_use() == "aws"


@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:4566", "http://localhost:5000"])
def test_the_ledger_records_the_sandbox_behind_a_loopback_endpoint(aws_mode, monkeypatch, endpoint):
    """LABKIT_TARGET=aws with an endpoint override on loopback: the calls reach a sandbox, and the ledger says
    so (the check's verification is stubbed: nothing here listens on that port)."""
    from labkit.checks import runner
    from labkit.checks.verdict import Verdict
    from labkit.progress import ledger, run_check

    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    monkeypatch.setattr(runner, "verify", lambda step_id, answer=None: Verdict())
    assert run_check("flowlogs.bucket").passed
    assert [e["target"] for e in ledger.read_entries()] == ["sandbox"]
    assert target_in_use() == "sandbox"
    monkeypatch.delenv("AWS_ENDPOINT_URL")
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", endpoint)  # a per-service override counts too
    assert target_in_use() == "sandbox"
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", "https://s3.us-east-1.amazonaws.com")
    assert target_in_use() == "aws"
    monkeypatch.delenv("LABKIT_TARGET")
    assert target_in_use() == "sandbox"


# ---- lab 03's workgroup, synthetic records, lab 04's leftovers: the checks on AWS -----------------------------


def _why(step_id: str, answer=None) -> list[str]:
    from labkit.checks import verify

    return [key.removeprefix("checks.why.") for key, _ in verify(step_id, answer).missing]


def test_on_aws_the_result_location_counts_on_the_course_workgroup_never_on_primary(confirmed):
    results = f"s3://labkit-athena-results-{ACCOUNT}-{REGION}/"
    boto3.client("s3").create_bucket(Bucket=f"labkit-athena-results-{ACCOUNT}-{REGION}")
    athena = boto3.client("athena")
    assert _why("athena.result_location") == ["no_workgroup_location"]
    from labkit.checks.athena import accepted_workgroups
    from labkit.checks.context import Context

    assert accepted_workgroups(Context()) == ("labkit-flow-logs",)  # moto cannot set primary's location anyway
    athena.create_work_group(
        Name="labkit-flow-logs", Configuration={"ResultConfiguration": {"OutputLocation": results}}
    )
    assert _why("athena.result_location") == []
    tagged = athena.list_tags_for_resource(ResourceARN=f"arn:aws:athena:{REGION}:{ACCOUNT}:workgroup/labkit-flow-logs")
    assert {"Key": "labkit:course", "Value": "vpc-flow-logs"} in tagged["Tags"]


@pytest.mark.parametrize("managed_policies", [True])
def test_on_aws_the_table_may_read_the_synthetic_records_and_is_graded_on_them(confirmed):
    from labkit.checks.athena import expected_locations, synthetic_location, table_files
    from labkit.checks.context import Context
    from labkit.environment import build_demo_environment
    from labkit.labs import attack_records, prepare

    build_demo_environment()
    prepare("03-athena")
    bucket = f"labkit-flow-logs-{ACCOUNT}-{REGION}"
    shown = []
    assert attack_records(bucket, minutes=5, show=shown.append) == "labkit-synthetic/"
    assert "synthetic flow-log files" in shown[0] and attack_records(bucket, show=shown.append) == "labkit-synthetic/"
    assert "already holds" in shown[-1]  # uploaded once
    synthetic = f"s3://{bucket}/labkit-synthetic/AWSLogs/{ACCOUNT}/vpcflowlogs/{REGION}/"
    ctx = Context()
    assert synthetic_location(ctx) == synthetic and expected_locations(ctx)[1] == synthetic
    columns = [
        {
            "Name": name,
            "Type": "bigint"
            if name in ("version", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end")
            else "string",
        }
        for name in (field.replace("-", "_") for field in V2_FIELDS)
    ]
    glue = boto3.client("glue")
    glue.create_database(DatabaseInput={"Name": "default"})
    glue.create_table(
        DatabaseName="default",
        TableInput={
            "Name": "vpc_flow_logs",
            "PartitionKeys": [{"Name": "date", "Type": "date"}],
            "Parameters": {"skip.header.line.count": "1"},
            "StorageDescriptor": {"Location": synthetic, "Columns": columns},
        },
    )
    assert _why("athena.table") == []
    files = table_files(Context())
    assert files.prefix == f"labkit-synthetic/AWSLogs/{ACCOUNT}/vpcflowlogs/{REGION}/" and list(files.keys())


@pytest.mark.parametrize("managed_policies", [True])
def test_on_aws_cleanup_done_names_lab_03s_crawler_tables_workgroup_and_the_course_roles(confirmed):
    iam, glue = boto3.client("iam"), boto3.client("glue")
    iam.create_role(RoleName="flowlogs-crawler-role", AssumeRolePolicyDocument=TRUST)
    glue.create_crawler(
        Name="flow-logs-crawler",
        Role="flowlogs-crawler-role",
        DatabaseName="default",
        Targets={"S3Targets": [{"Path": "s3://somewhere/"}]},
    )
    glue.create_database(DatabaseInput={"Name": "default"})
    glue.create_table(DatabaseName="default", TableInput={"Name": "crawled_us_east_1"})
    glue.create_table(DatabaseName="default", TableInput={"Name": "mine"})
    boto3.client("athena").create_work_group(Name="labkit-flow-logs")
    from labkit.checks import cleanup as cleanup_check
    from labkit.checks.context import Context
    from labkit.checks.verdict import Verdict

    verdict = Verdict()
    cleanup_check._catalog_and_roles(Context(), verdict)
    assert [key.removeprefix("checks.why.") for key, _ in verdict.missing] == [
        "crawler_left",
        "tables_left",
        "workgroup_left",
        "roles_left",
    ]
    assert verdict.missing[1][1]["tables"] == "default.crawled_us_east_1"
    glue.delete_crawler(Name="flow-logs-crawler")
    glue.delete_table(DatabaseName="default", Name="crawled_us_east_1")
    boto3.client("athena").delete_work_group(WorkGroup="labkit-flow-logs")
    iam.delete_role(RoleName="flowlogs-crawler-role")
    verdict = Verdict()
    cleanup_check._catalog_and_roles(Context(), verdict)
    assert verdict.missing == []


@pytest.mark.parametrize("managed_policies", [True])
def test_on_aws_the_synthetic_hour_is_the_demo_as_built_so_the_ssh_guesser_can_be_found(confirmed):
    # Lab 02 leaves SSH to the administrator; lab 03's questions are about who guessed SSH passwords
    # before that. The synthetic records are that history (SSH open to the world), the account unchanged.
    from labkit.checks import analyst
    from labkit.checks.context import Context
    from labkit.checks.delivered import tied_at_top
    from labkit.checks.verdict import Verdict
    from labkit.environment import build_demo_environment
    from labkit.labs import attack_records

    env = build_demo_environment()
    ec2 = boto3.client("ec2", region_name=REGION)
    eni = ec2.describe_network_interfaces(NetworkInterfaceIds=[env.bastion.interface_id])["NetworkInterfaces"][0]
    group = eni["Groups"][0]["GroupId"]

    def ssh_sources() -> list[str]:
        permissions = ec2.describe_security_groups(GroupIds=[group])["SecurityGroups"][0]["IpPermissions"]
        return [r["CidrIp"] for p in permissions if p.get("FromPort") == 22 for r in p.get("IpRanges", [])]

    if "0.0.0.0/0" in ssh_sources():
        ec2.revoke_security_group_ingress(GroupId=group, IpProtocol="tcp", FromPort=22, ToPort=22, CidrIp="0.0.0.0/0")
    ec2.authorize_security_group_ingress(
        GroupId=group, IpProtocol="tcp", FromPort=22, ToPort=22, CidrIp="192.0.2.10/32"
    )
    bucket = f"labkit-flow-logs-{ACCOUNT}-{REGION}"
    boto3.client("s3", region_name=REGION).create_bucket(Bucket=bucket)

    assert attack_records(bucket, minutes=10, show=lambda _: None) == "labkit-synthetic/"

    ctx = Context()
    counts = analyst.guessers(ctx, Verdict())
    assert counts, "no accepted SSH from outside in the synthetic hour"
    assert analyst.ssh_guesser(ctx, answer=tied_at_top(counts)[0]).passed
    assert not analyst.ssh_guesser(ctx, answer="192.0.2.10").passed
    assert ssh_sources() == ["192.0.2.10/32"]  # the account's rule is as the student left it
