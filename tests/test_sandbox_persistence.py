"""Sandbox snapshots: what a lab built survives a restart of the sandbox process, through the public APIs.

One module-scoped account builds the course's resources once, saves a snapshot, resets the sandbox
(a restart: moto empty, a new Athena backend, the random ids seeded again) and loads it; the tests
then read everything back with boto3 through the endpoint. The sandbox is reset again at the end.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import stat
import time
import zipfile

import boto3
import pytest
from moto.moto_api._internal import mock_random

from conftest import reset_sandbox
from labkit.sandbox.persistence import UnreadableSnapshot, load_snapshot, save_snapshot

REGION = "us-east-1"
BUCKET = "persist-flow-logs"
OBJECT_KEY = "notes/readme.txt"
CSV_KEY = "exports/top-sources.csv"  # large text: kept in the archive's deflated stream
CSV_BODY = "".join(f"203.0.113.{i % 250},{1000 - i}\n" for i in range(4000)).encode()
FLOW_LOG_KEY = "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/12/01/flow.log.gz"
LOG_GROUP, LOG_STREAM = "/persist/flow-logs", "eni-persist-all"
ROLE, POLICY = "persist-flow-logs-role", "persist-deliver"
DATABASE, TABLE = "persist_db", "flow_logs"
WORKGROUP = "persist-workgroup"
EXTRA = {
    "truth": {"top_rejected_source": "203.0.113.140", "ports": {22, 3389}},
    "clock": 1_764_547_200,
    "attempts": [{"step": "03-athena.top-source", "verdict": "wrong"}],
}
TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}}
    ],
}
PERMISSIONS = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["logs:PutLogEvents"], "Resource": "*"}],
}


def client(name: str):
    return boto3.client(name, region_name=REGION)


def build() -> dict:
    """The resources of the course's labs, and the ids AWS gave them."""
    ec2, s3, logs, glue = client("ec2"), client("s3"), client("logs"), client("glue")
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/24")["Subnet"]["SubnetId"]
    image = ec2.describe_images()["Images"][0]["ImageId"]
    instance = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, SubnetId=subnet)["Instances"][0]["InstanceId"]
    s3.create_bucket(Bucket=BUCKET)
    s3.put_object(Bucket=BUCKET, Key=OBJECT_KEY, Body=b"kept across restarts\n")
    s3.put_object(Bucket=BUCKET, Key=CSV_KEY, Body=CSV_BODY)
    rng = random.Random(0)  # addresses and ports as scattered as a scan's: gzip output that does not deflate again
    flow_log_body = gzip.compress(
        "".join(
            f"2 123456789012 eni-0abc 203.0.{rng.randrange(256)}.{rng.randrange(256)} 10.20.1.5 "
            f"{rng.randrange(1024, 65536)} 22 6 1 40 1764547200 1764547260 REJECT OK\n"
            for _ in range(3000)
        ).encode()
    )
    s3.put_object(Bucket=BUCKET, Key=FLOW_LOG_KEY, Body=flow_log_body)
    flow_log = ec2.create_flow_logs(
        ResourceType="VPC",
        ResourceIds=[vpc],
        TrafficType="ALL",
        LogDestinationType="s3",
        LogDestination=f"arn:aws:s3:::{BUCKET}",
    )["FlowLogIds"][0]
    iam = client("iam")
    role_arn = iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    iam.put_role_policy(RoleName=ROLE, PolicyName=POLICY, PolicyDocument=json.dumps(PERMISSIONS))
    iam.attach_role_policy(RoleName=ROLE, PolicyArn="arn:aws:iam::aws:policy/CloudWatchLogsFullAccess")
    logs.create_log_group(logGroupName=LOG_GROUP)
    logs.create_log_stream(logGroupName=LOG_GROUP, logStreamName=LOG_STREAM)
    now = int(time.time() * 1000)
    logs.put_log_events(
        logGroupName=LOG_GROUP,
        logStreamName=LOG_STREAM,
        logEvents=[{"timestamp": now + i, "message": f"event {i}"} for i in range(3)],
    )
    glue.create_database(DatabaseInput={"Name": DATABASE})
    glue.create_table(
        DatabaseName=DATABASE,
        TableInput={
            "Name": TABLE,
            "PartitionKeys": [{"Name": "day", "Type": "string"}],
            "StorageDescriptor": {
                "Columns": [{"Name": "srcaddr", "Type": "string"}],
                "Location": f"s3://{BUCKET}/AWSLogs/",
            },
        },
    )
    glue.create_partition(
        DatabaseName=DATABASE,
        TableName=TABLE,
        PartitionInput={
            "Values": ["2026-12-01"],
            "StorageDescriptor": {"Location": f"s3://{BUCKET}/AWSLogs/2026/12/01/"},
        },
    )
    results = {"ResultConfiguration": {"OutputLocation": f"s3://{BUCKET}/athena/"}}
    client("athena").create_work_group(Name=WORKGROUP, Description="kept", Configuration=results)
    # the other services the course touches
    client("sns").create_topic(Name="persist-alerts")
    client("events").put_rule(Name="persist-every-5-minutes", ScheduleExpression="rate(5 minutes)")
    client("cloudwatch").put_metric_alarm(
        AlarmName="persist-ssh-rejects",
        Namespace="Persist",
        MetricName="SshRejects",
        Statistic="Sum",
        Period=60,
        EvaluationPeriods=1,
        Threshold=10,
        ComparisonOperator="GreaterThanThreshold",
    )
    client("firehose").create_delivery_stream(
        DeliveryStreamName="persist-stream",
        ExtendedS3DestinationConfiguration={
            "RoleARN": role_arn,
            "BucketARN": f"arn:aws:s3:::{BUCKET}",
            "Prefix": "firehose/",
        },
    )
    return {
        "vpc": vpc,
        "subnet": subnet,
        "instance": instance,
        "flow_log": flow_log,
        "role_arn": role_arn,
        "ami": client("ssm").get_parameter(
            Name="/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
        )["Parameter"]["Value"],
    }


def observe(query_id: str) -> dict:
    """Everything the tests compare, as boto3 returns it through the endpoint."""
    ec2, s3, iam, logs, glue, athena = (client(n) for n in ("ec2", "s3", "iam", "logs", "glue", "athena"))
    return {
        "vpcs": ec2.describe_vpcs()["Vpcs"],
        "subnets": ec2.describe_subnets()["Subnets"],
        "instances": ec2.describe_instances()["Reservations"],
        "flow_logs": ec2.describe_flow_logs()["FlowLogs"],
        "buckets": [b["Name"] for b in s3.list_buckets()["Buckets"]],
        "objects": {o["Key"]: (o["Size"], o["ETag"]) for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"]},
        "object": s3.get_object(Bucket=BUCKET, Key=OBJECT_KEY)["Body"].read(),
        "flow_log_file": s3.get_object(Bucket=BUCKET, Key=FLOW_LOG_KEY)["Body"].read(),
        "csv": s3.get_object(Bucket=BUCKET, Key=CSV_KEY)["Body"].read(),
        "bucket_policy": s3.get_bucket_policy(Bucket=BUCKET)["Policy"],
        "role": iam.get_role(RoleName=ROLE)["Role"],
        "inline_policy": iam.get_role_policy(RoleName=ROLE, PolicyName=POLICY)["PolicyDocument"],
        "attached": iam.list_attached_role_policies(RoleName=ROLE)["AttachedPolicies"],
        "log_groups": logs.describe_log_groups(logGroupNamePrefix="/persist/")["logGroups"],
        "events": [
            (e["timestamp"], e["message"])
            for e in logs.get_log_events(logGroupName=LOG_GROUP, logStreamName=LOG_STREAM)["events"]
        ],
        "table": glue.get_table(DatabaseName=DATABASE, Name=TABLE)["Table"],
        "partitions": glue.get_partitions(DatabaseName=DATABASE, TableName=TABLE)["Partitions"],
        "workgroup": athena.get_work_group(WorkGroup=WORKGROUP)["WorkGroup"],
        "query": athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"],
        "query_rows": athena.get_query_results(QueryExecutionId=query_id)["ResultSet"]["Rows"],
        "query_ids": athena.list_query_executions(WorkGroup=WORKGROUP)["QueryExecutionIds"],
        "topics": client("sns").list_topics()["Topics"],
        "rule": {
            k: v
            for k, v in client("events").describe_rule(Name="persist-every-5-minutes").items()
            if k != "ResponseMetadata"
        },
        "alarms": client("cloudwatch").describe_alarms(AlarmNames=["persist-ssh-rejects"])["MetricAlarms"],
        "stream": client("firehose").describe_delivery_stream(DeliveryStreamName="persist-stream")[
            "DeliveryStreamDescription"
        ],
    }


@pytest.fixture(scope="module")
def restored(sandbox, tmp_path_factory, run_query):
    """Build, observe, save; reset (a restart); load. Yields what was seen before and the snapshot's path."""
    folder = tmp_path_factory.mktemp("snapshot")
    path = folder / "snapshot"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in sandbox.environment().items():
            patch.setenv(name, value)
        patch.setenv("AWS_DEFAULT_REGION", REGION)
        patch.delenv("AWS_REGION", raising=False)
        reset_sandbox(sandbox.url)
        ids = build()
        query = run_query("SELECT 42 AS answer, 'kept' AS word", workgroup=WORKGROUP, output=None)
        assert query["Status"]["State"] == "SUCCEEDED", query["Status"]
        before = observe(query["QueryExecutionId"])
        random_at_save = mock_random.getstate()
        save_snapshot(path, EXTRA, athena_backend=sandbox.athena)
        reset_sandbox(sandbox.url)  # a restart: moto empty, a new Athena backend, ids seeded again
        assert client("s3").list_buckets()["Buckets"] == []
        extra = load_snapshot(path, athena_backend=sandbox.athena)
        yield {
            "before": before,
            "ids": ids,
            "query_id": query["QueryExecutionId"],
            "extra": extra,
            "path": path,
            "random": (random_at_save, mock_random.getstate()),
        }
        reset_sandbox(sandbox.url)


def test_every_resource_is_back_with_the_same_ids_and_contents(restored):
    before, after = restored["before"], observe(restored["query_id"])
    for name in before:
        assert after[name] == before[name], name
    ids = restored["ids"]
    assert ids["vpc"] in {v["VpcId"] for v in after["vpcs"]}
    assert after["instances"][0]["Instances"][0]["InstanceId"] == ids["instance"]
    assert after["flow_logs"][0]["FlowLogId"] == ids["flow_log"]
    assert after["object"] == b"kept across restarts\n"
    assert gzip.decompress(after["flow_log_file"]).count(b"REJECT") == 3000
    assert after["csv"] == CSV_BODY
    assert after["query_rows"][1] == {"Data": [{"VarCharValue": "42"}, {"VarCharValue": "kept"}]}


def test_extra_round_trips(restored):
    assert restored["extra"] == EXTRA
    assert not isinstance(restored["extra"], UnreadableSnapshot)


def test_new_resources_after_restore_get_new_ids(restored, run_query):
    # moto's ids come from one seeded generator: restarted at its seed, it would give the saved ids again
    at_save, after_load = restored["random"]
    assert after_load == at_save
    before, ids = restored["before"], restored["ids"]
    ec2 = client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.30.1.0/24")["Subnet"]["SubnetId"]
    instance = ec2.run_instances(ImageId=ids["ami"], MinCount=1, MaxCount=1, SubnetId=subnet)["Instances"][0]
    assert vpc not in {v["VpcId"] for v in before["vpcs"]}
    assert subnet not in {s["SubnetId"] for s in before["subnets"]}
    assert instance["InstanceId"] != ids["instance"]
    assert len(ec2.describe_vpcs()["Vpcs"]) == len(before["vpcs"]) + 1
    client("s3").put_object(Bucket=BUCKET, Key="notes/new.txt", Body=b"new")
    assert client("s3").get_object(Bucket=BUCKET, Key="notes/new.txt")["Body"].read() == b"new"
    client("iam").create_role(RoleName="persist-new-role", AssumeRolePolicyDocument=json.dumps(TRUST))
    client("logs").create_log_stream(logGroupName=LOG_GROUP, logStreamName="eni-new")
    query = run_query("SELECT 1", workgroup=WORKGROUP, output=None)
    assert query["Status"]["State"] == "SUCCEEDED"
    assert query["QueryExecutionId"] not in before["query_ids"]


def test_the_file_is_private_and_written_in_one_piece(restored):
    path = restored["path"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["snapshot"]  # no temporary file left behind
    with zipfile.ZipFile(path) as archive:
        header = json.loads(archive.read("header.json"))
        sizes = {info.filename: (info.file_size, info.compress_size) for info in archive.infolist()}
    assert header["format"] == 1 and header["moto"] and header["labkit"]
    assert sizes["blobs.deflate"][0] >= len(CSV_BODY) > sizes["blobs.deflate"][1]  # text: deflated
    assert sizes["blobs.stored"][0] == sizes["blobs.stored"][1] > 0  # gzip: as it is
    assert "moto.s3.models:s3_backends" in header["backends"] and header["skipped"] == []


# --- files that cannot be used: set aside, the sandbox starts empty, nothing raised ---


def _other_version(path):
    with zipfile.ZipFile(path) as archive:
        header = json.loads(archive.read("header.json"))
        members = {name: archive.read(name) for name in archive.namelist()}
    header["moto"] = "0.0.1"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, json.dumps(header) if name == "header.json" else data)


def _truncated(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _corrupt(path):
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("state.pickle")
    data = bytearray(path.read_bytes())
    middle = info.header_offset + 100 + info.compress_size // 2
    data[middle : middle + 64] = bytes(64)
    path.write_bytes(bytes(data))


def _garbage(path):
    path.write_bytes(b"not a snapshot at all")


@pytest.mark.parametrize(
    "spoil, reason",
    [(_other_version, "version"), (_truncated, "damaged"), (_corrupt, "damaged"), (_garbage, "damaged")],
)
def test_an_unusable_file_is_set_aside_and_the_sandbox_starts_empty(restored, sandbox, tmp_path, spoil, reason):
    path = tmp_path / "snapshot"
    client("s3").create_bucket(Bucket="before-a-bad-file")
    save_snapshot(path, EXTRA, athena_backend=sandbox.athena)
    spoil(path)
    result = load_snapshot(path, athena_backend=sandbox.athena)
    assert isinstance(result, UnreadableSnapshot) and result == {} and result.reason == reason
    assert not path.exists() and result.moved_to.exists()
    assert result.moved_to.name.startswith("snapshot.unreadable-")
    assert client("s3").list_buckets()["Buckets"] == []
    assert client("athena").list_query_executions()["QueryExecutionIds"] == []
    notice = result.notice()
    assert str(result.moved_to) in notice and "샌드박스" in notice


def test_after_an_unusable_file_the_next_snapshot_loads(restored, sandbox, tmp_path):
    path = tmp_path / "snapshot"
    _garbage(path)
    assert isinstance(load_snapshot(path, athena_backend=sandbox.athena), UnreadableSnapshot)
    client("s3").create_bucket(Bucket="after-a-bad-file")
    save_snapshot(path, {"fresh": True}, athena_backend=sandbox.athena)
    assert load_snapshot(path, athena_backend=sandbox.athena) == {"fresh": True}
    assert [b["Name"] for b in client("s3").list_buckets()["Buckets"]] == ["after-a-bad-file"]


def test_no_file_is_none_and_changes_nothing(restored, tmp_path):
    buckets = client("s3").list_buckets()["Buckets"]
    assert load_snapshot(tmp_path / "missing") is None
    assert client("s3").list_buckets()["Buckets"] == buckets


def test_a_backend_pickle_cannot_take_is_left_out_and_named(restored, sandbox, tmp_path):
    from moto.sns.models import sns_backends

    client("sns").create_topic(Name="persist-topic")
    backend = sns_backends["123456789012"][REGION]
    backend.unpicklable = (n for n in range(3))  # a generator, as some moto backends hold
    try:
        save_snapshot(tmp_path / "snapshot", {}, athena_backend=sandbox.athena)
    finally:
        del backend.unpicklable
    with zipfile.ZipFile(tmp_path / "snapshot") as archive:
        header = json.loads(archive.read("header.json"))
    assert header["skipped"] == ["moto.sns.models:sns_backends"]
    assert "moto.s3.models:s3_backends" in header["backends"]
    assert os.listdir(tmp_path) == ["snapshot"]
