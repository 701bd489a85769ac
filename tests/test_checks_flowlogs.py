"""Lab 00/01/04 checks: pass on correct state, fail with the right reason and hint on each wrong state."""

from __future__ import annotations

import contextlib
import json

import pytest

from fixtures.checks_state import (
    ACCOUNT,
    BUCKET,
    LOGS_POLICY,
    TRUST,
    bucket_policy,
    client,
    cwl_flow_log_args,
    s3_flow_log_args,
)
from labkit.checks import step, verify
from labkit.progress import run_check
from labkit.checks.context import Context
from labkit.messages import message


def reasons(step_id, answer=None):
    """The 'why' keys of a failing verdict (short names)."""
    return [key.removeprefix("checks.why.") for key, _ in verify(step_id, answer).missing]


def flow_log_id(name):
    for flow_log in client("ec2").describe_flow_logs()["FlowLogs"]:
        if {"Key": "Name", "Value": name} in flow_log.get("Tags", []):
            return flow_log["FlowLogId"]
    return None


@contextlib.contextmanager
def replaced_flow_log(lab, name, args_for, **overrides):
    """Swap the lab's flow log `name` for a variant, then put the correct one back."""
    ec2 = client("ec2")
    ec2.delete_flow_logs(FlowLogIds=[flow_log_id(name)])
    response = {}
    try:
        response = ec2.create_flow_logs(**args_for(lab, **overrides))
        yield response
    finally:
        ids = response.get("FlowLogIds", [])
        if ids:
            ec2.delete_flow_logs(FlowLogIds=ids)
        ec2.create_flow_logs(**args_for(lab))


LAB01 = [
    "flowlogs.demo_vpc",
    "flowlogs.bucket",
    "flowlogs.s3_flow_log",
    "flowlogs.bucket_policy",
    "flowlogs.role",
    "flowlogs.log_group",
    "flowlogs.cwl_flow_log",
]
WRITABLE = f"arn:aws:s3:::{BUCKET}/AWSLogs/{ACCOUNT}/*"  # the Resource AWS's policy lets the service write to
ANSWERS = {"welcome.connected": ACCOUNT, "flowlogs.bucket_policy": WRITABLE}


@pytest.mark.parametrize("step_id", ["welcome.connected", *LAB01])
def test_each_check_passes_on_correct_state(lab, step_id):
    verdict = verify(step_id, ANSWERS.get(step_id))
    assert verdict.passed, verdict.missing


def test_welcome_refuses_a_sandbox_when_aws_was_chosen(lab, monkeypatch):
    monkeypatch.setenv("LABKIT_TARGET", "aws")
    assert reasons("welcome.connected", ACCOUNT) == ["endpoint_set_on_aws"]
    monkeypatch.delenv("LABKIT_TARGET")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "https://example.invalid")  # never contacted: the check stops first
    assert reasons("welcome.connected", ACCOUNT) == ["endpoint_not_sandbox"]


def test_welcome_wants_the_account_sts_gives(lab):
    identity = client("sts").get_caller_identity()
    for answer in (ACCOUNT, f" '{ACCOUNT}' ", int(ACCOUNT)):
        assert verify("welcome.connected", answer).passed, answer
    assert reasons("welcome.connected") == ["answer_needed"]
    assert reasons("welcome.connected", identity["Arn"]) == ["answer_arn_not_account"]
    assert reasons("welcome.connected", identity["UserId"]) == ["answer_user_id_not_account"]
    assert reasons("welcome.connected", "999999999999") == ["answer_other_account"]
    assert reasons("welcome.connected", "us-east-1") == ["answer_not_account"]


def test_demo_vpc_missing_or_without_bastion(lab):
    ec2 = client("ec2")
    ec2.create_tags(Resources=[lab["instance"]], Tags=[{"Key": "Name", "Value": "something-else"}])
    try:
        assert reasons("flowlogs.demo_vpc") == ["no_bastion"]
    finally:
        ec2.create_tags(Resources=[lab["instance"]], Tags=[{"Key": "Name", "Value": "labkit-bastion"}])
    ec2.delete_tags(Resources=[lab["vpc"]], Tags=[{"Key": "Name"}])
    try:
        assert reasons("flowlogs.demo_vpc") == ["no_demo_vpc"]
    finally:
        ec2.create_tags(Resources=[lab["vpc"]], Tags=[{"Key": "Name", "Value": "labkit-demo-vpc"}])


@pytest.mark.parametrize(
    "overrides, why",
    [
        ({"TrafficType": "ACCEPT"}, "flow_log_wrong_traffic"),
        ({"MaxAggregationInterval": 600}, "flow_log_wrong_interval"),
        ({"LogFormat": "${srcaddr} ${dstaddr} ${action}"}, "flow_log_custom_format"),
        ({"TagSpecifications": []}, "flow_log_untagged"),
    ],
)
def test_s3_flow_log_wrong_settings(lab, overrides, why):
    with replaced_flow_log(lab, "DemoS3FlowLog", s3_flow_log_args, **overrides):
        assert reasons("flowlogs.s3_flow_log") == [why]


def test_s3_flow_log_wrong_destination(lab):
    client("s3").create_bucket(Bucket="some-other-bucket")
    with replaced_flow_log(
        lab,
        "DemoS3FlowLog",
        s3_flow_log_args,
        LogDestinationType="cloud-watch-logs",
        LogGroupName="SomeGroup",
        LogDestination=None,
        DeliverLogsPermissionArn=f"arn:aws:iam::{ACCOUNT}:role/flowlogsrole",
    ) as _:
        assert "flow_log_wrong_destination_type" in reasons("flowlogs.s3_flow_log")


def test_s3_flow_log_reject_filter_passes_and_says_so(lab):
    with replaced_flow_log(lab, "DemoS3FlowLog", s3_flow_log_args, TrafficType="REJECT"):
        verdict = verify("flowlogs.s3_flow_log")
    assert verdict.passed
    assert ("checks.note.traffic_filter", {"name": "DemoS3FlowLog", "filter": "REJECT"}) in verdict.notes


def test_a_wrong_duplicate_does_not_hide_the_right_flow_log(lab):
    ec2 = client("ec2")
    client("s3").create_bucket(Bucket="labkit-second-bucket")
    wrong = ec2.create_flow_logs(
        **s3_flow_log_args(
            lab, TrafficType="ACCEPT", MaxAggregationInterval=600, LogDestination="arn:aws:s3:::labkit-second-bucket"
        )
    )
    try:
        assert len(wrong["FlowLogIds"]) == 1, wrong  # the duplicate exists: the check sees both flow logs
        assert verify("flowlogs.s3_flow_log").passed
        right = [
            f["FlowLogId"]
            for f in ec2.describe_flow_logs()["FlowLogs"]
            if f.get("LogDestinationType") == "s3" and f.get("TrafficType") == "ALL"
        ]
        assert wrong["FlowLogIds"][0] not in right
        ec2.delete_flow_logs(FlowLogIds=right)  # only the wrong one is left
        assert set(reasons("flowlogs.s3_flow_log")) == {"flow_log_wrong_traffic", "flow_log_wrong_interval"}
    finally:
        for f in client("ec2").describe_flow_logs()["FlowLogs"]:
            if {"Key": "Name", "Value": "DemoS3FlowLog"} in f.get("Tags", []):
                ec2.delete_flow_logs(FlowLogIds=[f["FlowLogId"]])
        ec2.create_flow_logs(**s3_flow_log_args(lab))


class ReportedOptions(Context):
    """The same account, as DescribeFlowLogs reports it once DestinationOptions are returned."""

    options: dict = {}

    @property
    def flow_logs(self):
        found = client("ec2").describe_flow_logs()["FlowLogs"]
        return [dict(f, DestinationOptions=self.options) if f.get("LogDestinationType") == "s3" else f for f in found]


@pytest.mark.parametrize(
    "options, why",
    [
        (
            {"FileFormat": "parquet", "HiveCompatiblePartitions": False, "PerHourPartition": False},
            "flow_log_file_format",
        ),
        ({"FileFormat": "plain-text", "HiveCompatiblePartitions": True, "PerHourPartition": False}, "flow_log_hive"),
        ({"FileFormat": "plain-text", "HiveCompatiblePartitions": False, "PerHourPartition": False}, None),
    ],
)
def test_s3_flow_log_destination_options(lab, options, why):
    from labkit.checks.flowlogs import s3_flow_log

    ReportedOptions.options = options
    verdict = s3_flow_log(ReportedOptions())
    assert [k.removeprefix("checks.why.") for k, _ in verdict.missing] == ([why] if why else [])


def test_bucket_missing_and_in_the_wrong_region(lab):
    s3 = client("s3")
    s3.create_bucket(Bucket="labkit-eu-bucket", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    with replaced_flow_log(lab, "DemoS3FlowLog", s3_flow_log_args, LogDestination="arn:aws:s3:::labkit-eu-bucket"):
        assert reasons("flowlogs.bucket") == ["bucket_wrong_region"]
        s3.delete_bucket(Bucket="labkit-eu-bucket")
        assert reasons("flowlogs.bucket") == ["no_bucket"]


@pytest.mark.parametrize(
    "policy, why",
    [
        (None, "no_bucket_policy"),
        (bucket_policy(resource_prefix="AWSLogs/999999999999/*"), "bucket_policy_no_write"),
        (
            {"Statement": [dict(bucket_policy()["Statement"][0], Principal={"Service": "ec2.amazonaws.com"})]},
            "bucket_policy_no_write",
        ),
        ({"Statement": [dict(bucket_policy()["Statement"][0], Effect="Deny")]}, "bucket_policy_denied"),
        (
            {
                "Statement": [
                    dict(
                        bucket_policy()["Statement"][0],
                        Resource=f"arn:aws:s3:::{BUCKET}/AWSLogs/{ACCOUNT}/vpcflowlogs/eu-west-1/*",
                    )
                ]
            },
            "bucket_policy_no_write",
        ),
    ],
)
def test_bucket_policy_wrong(lab, policy, why):
    s3 = client("s3")
    if policy is None:
        s3.delete_bucket_policy(Bucket=BUCKET)
    else:
        s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(policy))
    try:
        assert reasons("flowlogs.bucket_policy", WRITABLE) == [why]
    finally:
        s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(bucket_policy()))


def test_bucket_policy_answer_is_where_the_service_may_write(lab):
    for answer in (WRITABLE, f"  '{WRITABLE}'", WRITABLE.rstrip("*"), WRITABLE.removeprefix("arn:aws:s3:::")):
        assert verify("flowlogs.bucket_policy", answer).passed, answer
    assert reasons("flowlogs.bucket_policy", f"arn:aws:s3:::{BUCKET}") == ["answer_policy_other_resource"]
    assert reasons("flowlogs.bucket_policy", "delivery.logs.amazonaws.com") == ["answer_policy_principal"]
    assert reasons("flowlogs.bucket_policy", "AWSLogDeliveryWrite") == ["answer_policy_sid"]
    assert reasons("flowlogs.bucket_policy", "s3:PutObject") == ["answer_policy_action"]
    assert reasons("flowlogs.bucket_policy", f"arn:aws:s3:::{BUCKET}/*") == ["answer_policy_not_resource"]


def test_bucket_policy_answer_is_read_from_the_policy_not_assumed(lab):
    """A policy that lets the service write anywhere in the bucket: that Resource is the answer."""
    s3 = client("s3")
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(bucket_policy(resource_prefix="*")))
    try:
        assert verify("flowlogs.bucket_policy", f"arn:aws:s3:::{BUCKET}/*").passed
        assert reasons("flowlogs.bucket_policy", WRITABLE) == ["answer_policy_not_resource"]
    finally:
        s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(bucket_policy()))


def test_role_missing_trust_principal_or_permissions(lab):
    iam = client("iam")
    wrong_trust = dict(TRUST, Statement=[dict(TRUST["Statement"][0], Principal={"Service": "ec2.amazonaws.com"})])
    iam.update_assume_role_policy(RoleName="flowlogsrole", PolicyDocument=json.dumps(wrong_trust))
    try:
        assert reasons("flowlogs.role") == ["role_trust"]
    finally:
        iam.update_assume_role_policy(RoleName="flowlogsrole", PolicyDocument=json.dumps(TRUST))
    attached = iam.list_attached_role_policies(RoleName="flowlogsrole")["AttachedPolicies"][0]["PolicyArn"]
    iam.detach_role_policy(RoleName="flowlogsrole", PolicyArn=attached)
    try:
        verdict = verify("flowlogs.role")
        assert [k for k, _ in verdict.missing] == ["checks.why.role_permissions"]
        assert verdict.missing[0][1]["actions"] == "logs:CreateLogStream, logs:PutLogEvents"
        # An inline policy with the permissions is as good as an attached one.
        iam.put_role_policy(RoleName="flowlogsrole", PolicyName="inline", PolicyDocument=json.dumps(LOGS_POLICY))
        assert verify("flowlogs.role").passed
        iam.delete_role_policy(RoleName="flowlogsrole", PolicyName="inline")
        iam.put_role_policy(
            RoleName="flowlogsrole",
            PolicyName="inline",
            PolicyDocument=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": "logs:Describe*", "Resource": "*"}],
                }
            ),
        )
        assert reasons("flowlogs.role") == ["role_permissions"]
        iam.delete_role_policy(RoleName="flowlogsrole", PolicyName="inline")
    finally:
        iam.attach_role_policy(RoleName="flowlogsrole", PolicyArn=attached)


def test_role_with_wildcard_managed_policy(lab):
    """CloudWatchLogsFullAccess grants logs:* (a customer policy with the same document stands in for it)."""
    iam = client("iam")
    arn = iam.create_policy(
        PolicyName="LogsStar",
        PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["logs:*"], "Resource": "*"}]}
        ),
    )["Policy"]["Arn"]
    iam.attach_role_policy(RoleName="flowlogsrole", PolicyArn=arn)
    try:
        assert verify("flowlogs.role").passed
    finally:
        iam.detach_role_policy(RoleName="flowlogsrole", PolicyArn=arn)


def test_log_group_wrong_retention_or_missing(lab):
    logs = client("logs")
    logs.put_retention_policy(logGroupName="VPCFlowLogs", retentionInDays=7)
    assert reasons("flowlogs.log_group") == ["log_group_retention"]
    logs.delete_retention_policy(logGroupName="VPCFlowLogs")
    verdict = verify("flowlogs.log_group")
    assert "ever" in message(verdict.missing[0][0], lang="en", **verdict.missing[0][1])
    logs.put_retention_policy(logGroupName="VPCFlowLogs", retentionInDays=1)
    assert verify("flowlogs.log_group").passed


@pytest.mark.parametrize(
    "overrides, why",
    [
        ({"TrafficType": "REJECT"}, "flow_log_wrong_traffic"),
        ({"MaxAggregationInterval": 600}, "flow_log_wrong_interval"),
        ({"LogGroupName": "OtherGroup"}, "flow_log_wrong_log_group"),
        ({"DeliverLogsPermissionArn": f"arn:aws:iam::{ACCOUNT}:role/otherrole"}, "flow_log_wrong_role"),
        ({"TagSpecifications": []}, "flow_log_untagged"),
    ],
)
def test_cwl_flow_log_wrong_settings(lab, overrides, why):
    if overrides.get("LogGroupName") == "OtherGroup":
        client("logs").create_log_group(logGroupName="OtherGroup")
    with replaced_flow_log(lab, "DemoFlowLog CloudWatch Logs", cwl_flow_log_args, **overrides):
        found = reasons("flowlogs.cwl_flow_log")
    # A role that does not exist also fails delivery once the sandbox validates the role, as AWS does.
    assert found in ([why], [why, "flow_log_delivery"]) if why == "flow_log_wrong_role" else found == [why]


def test_cwl_flow_log_that_cannot_deliver(lab):
    with replaced_flow_log(lab, "DemoFlowLog CloudWatch Logs", cwl_flow_log_args, LogGroupName="NoSuchGroup"):
        assert reasons("flowlogs.cwl_flow_log") == ["flow_log_wrong_log_group", "flow_log_delivery"]


def test_failed_check_shows_hint_in_both_languages_and_awards_nothing(lab):
    client("logs").put_retention_policy(logGroupName="VPCFlowLogs", retentionInDays=3)
    try:
        result = run_check("flowlogs.log_group")
    finally:
        client("logs").put_retention_policy(logGroupName="VPCFlowLogs", retentionInDays=1)
    shown = repr(result)
    assert not result.passed and result.xp_awarded == 0
    assert "Hint: logs.create_log_group" in shown and "힌트:" in shown
    assert "3 d" in shown and "3일" in shown
    assert "VPCFlowLogs" in result._repr_html_()
    assert run_check("flowlogs.log_group").xp_awarded == step("flowlogs.log_group").xp
    assert run_check("flowlogs.log_group").xp_awarded == 0


def test_checks_are_read_only(lab):
    """Running every check leaves the account as it was."""

    def snapshot():
        return (
            client("ec2").describe_flow_logs()["FlowLogs"],
            client("s3").list_buckets()["Buckets"],
            client("iam").list_roles()["Roles"],
            client("logs").describe_log_groups()["logGroups"],
            client("ec2").describe_network_acls()["NetworkAcls"],
        )

    before = snapshot()
    for step_id in ["welcome.connected", *LAB01, "cleanup.done"]:
        verify(step_id, ANSWERS.get(step_id))
    assert snapshot() == before


def test_cleanup_lists_what_remains_then_passes(lab):
    """Last in this module: it deletes the flow logs and terminates the bastion.

    Once, the step passed with the demo's instances still running: they are what bills most on AWS."""
    ec2 = client("ec2")
    verdict = verify("cleanup.done")
    catalog = ["tables_left", "roles_left"]  # lab 03's tables, lab 01's role
    assert [k for k, _ in verdict.missing] == [
        "checks.why.flow_logs_left",
        "checks.why.instances_left",
        "checks.why.buckets_left",
        "checks.why.log_group_left",
        *(f"checks.why.{why}" for why in catalog),
    ]
    assert flow_log_id("DemoS3FlowLog") in verdict.missing[0][1]["ids"]
    assert "ec2.delete_flow_logs" in message(verdict.missing[0][0], **verdict.missing[0][1])
    assert lab["instance"] in verdict.missing[1][1]["ids"] and "terminate_instances" in message(
        verdict.missing[1][0], **verdict.missing[1][1]
    )
    allocation = ec2.allocate_address(
        Domain="vpc",
        TagSpecifications=[{"ResourceType": "elastic-ip", "Tags": [{"Key": "Name", "Value": "labkit-nat-eip"}]}],
    )["AllocationId"]
    ec2.delete_flow_logs(FlowLogIds=[f["FlowLogId"] for f in ec2.describe_flow_logs()["FlowLogs"]])
    stored = ["buckets_left", "log_group_left", *catalog]
    assert reasons("cleanup.done") == ["instances_left", "eips_left", *stored]
    ec2.terminate_instances(InstanceIds=[lab["instance"]])
    assert reasons("cleanup.done") == ["eips_left", *stored]
    ec2.release_address(AllocationId=allocation)
    # What stores the logs bills by size on AWS: the buckets and the log group must go too.
    assert reasons("cleanup.done") == ["buckets_left", "log_group_left", *catalog]
    s3 = client("s3")
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            s3.delete_object(Bucket=BUCKET, Key=item["Key"])
    s3.delete_bucket(Bucket=BUCKET)
    assert reasons("cleanup.done") == ["log_group_left", *catalog]
    client("logs").delete_log_group(logGroupName="VPCFlowLogs")
    assert reasons("cleanup.done") == catalog
    glue, iam = client("glue"), client("iam")
    for table in glue.get_tables(DatabaseName="default")["TableList"]:
        glue.delete_table(DatabaseName="default", Name=table["Name"])
    for policy in iam.list_attached_role_policies(RoleName="flowlogsrole")["AttachedPolicies"]:
        iam.detach_role_policy(RoleName="flowlogsrole", PolicyArn=policy["PolicyArn"])
    for name in iam.list_role_policies(RoleName="flowlogsrole")["PolicyNames"]:
        iam.delete_role_policy(RoleName="flowlogsrole", PolicyName=name)
    iam.delete_role(RoleName="flowlogsrole")
    verdict = verify("cleanup.done")
    assert verdict.passed
