"""CreateFlowLogs / DescribeFlowLogs in the sandbox behave as EC2 does (moto's gaps patched)."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.exceptions import ClientError

from fixtures.delivery import ACCOUNT, REGION, policy_of, unique


@pytest.fixture(scope="module")
def network(sandbox):
    """One VPC and clients for the whole module (CreateFlowLogs checks need no traffic or ENIs)."""
    clients = {
        name: boto3.client(
            name,
            region_name=REGION,
            endpoint_url=sandbox.url,
            aws_access_key_id=sandbox.credentials.access_key_id,
            aws_secret_access_key=sandbox.credentials.secret_access_key,
        )
        for name in ("ec2", "s3", "logs")
    }
    vpc = clients["ec2"].create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    yield {"vpc": vpc, **clients}
    mine = [
        fl["FlowLogId"]
        for fl in clients["ec2"].describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [vpc]}])["FlowLogs"]
    ]
    if mine:  # later tests' deliverers serve every active flow log
        clients["ec2"].delete_flow_logs(FlowLogIds=mine)


@pytest.fixture
def bucket(network):
    name = unique("api")
    network["s3"].create_bucket(Bucket=name)
    return name


def create(ec2, vpc: str, **kwargs) -> dict:
    return ec2.create_flow_logs(**{"ResourceType": "VPC", "ResourceIds": [vpc], "TrafficType": "ALL", **kwargs})


def described(ec2, flow_log_id: str) -> dict:
    return ec2.describe_flow_logs(FlowLogIds=[flow_log_id])["FlowLogs"][0]


def test_destination_options_are_kept_with_defaults(network, bucket):
    ec2 = network["ec2"]
    plain = create(ec2, network["vpc"], LogDestinationType="s3", LogDestination=f"arn:aws:s3:::{bucket}")
    parquet = create(
        ec2,
        network["vpc"],
        LogDestinationType="s3",
        LogDestination=f"arn:aws:s3:::{bucket}/p/",
        DestinationOptions={"FileFormat": "parquet", "HiveCompatiblePartitions": True, "PerHourPartition": True},
    )
    assert described(ec2, plain["FlowLogIds"][0])["DestinationOptions"] == {
        "FileFormat": "plain-text",
        "HiveCompatiblePartitions": False,
        "PerHourPartition": False,
    }
    fl = described(ec2, parquet["FlowLogIds"][0])
    assert fl["DestinationOptions"] == {
        "FileFormat": "parquet",
        "HiveCompatiblePartitions": True,
        "PerHourPartition": True,
    }
    assert fl["LogDestination"] == f"arn:aws:s3:::{bucket}/p/" and fl["LogDestinationType"] == "s3"


def test_bucket_policy_as_aws_attaches_it(network, bucket):
    s3, ec2 = network["s3"], network["ec2"]
    s3.put_bucket_policy(
        Bucket=bucket,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "Old",
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{bucket}/*",
                    }
                ],
            }
        ),
    )
    create(ec2, network["vpc"], LogDestinationType="s3", LogDestination=f"arn:aws:s3:::{bucket}/lab/")
    policy = policy_of(s3, bucket)
    conditions = {"aws:SourceAccount": ACCOUNT}
    source = {"ArnLike": {"aws:SourceArn": f"arn:aws:logs:{REGION}:{ACCOUNT}:*"}}
    assert policy["Statement"] == [  # the old statement is gone: AWS overwrites
        {
            "Sid": "AWSLogDeliveryWrite",
            "Effect": "Allow",
            "Principal": {"Service": "delivery.logs.amazonaws.com"},
            "Action": "s3:PutObject",
            "Resource": f"arn:aws:s3:::{bucket}/lab/AWSLogs/{ACCOUNT}/*",
            "Condition": {"StringEquals": {**conditions, "s3:x-amz-acl": "bucket-owner-full-control"}, **source},
        },
        {
            "Sid": "AWSLogDeliveryAclCheck",
            "Effect": "Allow",
            "Principal": {"Service": "delivery.logs.amazonaws.com"},
            "Action": ["s3:GetBucketAcl", "s3:ListBucket"],
            "Resource": f"arn:aws:s3:::{bucket}",
            "Condition": {"StringEquals": conditions, **source},
        },
    ]
    create(
        ec2,
        network["vpc"],
        LogDestinationType="s3",
        LogDestination=f"arn:aws:s3:::{bucket}",
        DestinationOptions={"HiveCompatiblePartitions": True},
    )
    assert policy_of(s3, bucket)["Statement"][0]["Resource"] == (
        f"arn:aws:s3:::{bucket}/AWSLogs/aws-account-id={ACCOUNT}/*"
    )


def test_missing_bucket_is_an_unsuccessful_entry(network):
    response = create(
        network["ec2"], network["vpc"], LogDestinationType="s3", LogDestination="arn:aws:s3:::no-such-bucket-here/sub/"
    )
    assert response["FlowLogIds"] == []
    assert response["Unsuccessful"] == [
        {
            "ResourceId": network["vpc"],
            "Error": {"Code": "400", "Message": "LogDestination: no-such-bucket-here does not exist."},
        }
    ]


def test_deliver_log_status_filter(network, bucket):
    ec2 = network["ec2"]
    s3_id = create(ec2, network["vpc"], LogDestinationType="s3", LogDestination=f"arn:aws:s3:::{bucket}")["FlowLogIds"]
    cwl_id = create(
        ec2,
        network["vpc"],
        LogGroupName=unique("missing"),
        DeliverLogsPermissionArn=f"arn:aws:iam::{ACCOUNT}:role/none",
    )["FlowLogIds"]
    ids = s3_id + cwl_id

    def with_status(value):
        found = ec2.describe_flow_logs(Filters=[{"Name": "deliver-log-status", "Values": [value]}])["FlowLogs"]
        return [fl["FlowLogId"] for fl in found if fl["FlowLogId"] in ids]

    assert with_status("SUCCESS") == s3_id and with_status("FAILED") == cwl_id


INVALID = [
    ({"TrafficType": "SOME"}, "InvalidParameterValue", "TrafficType"),
    ({"TrafficType": None}, "MissingParameter", "TrafficType"),
    ({"ResourceType": "Instance"}, "InvalidParameterValue", "ResourceType"),
    ({"LogDestinationType": "sqs"}, "InvalidParameterValue", "LogDestinationType"),
    ({"MaxAggregationInterval": 300}, "InvalidParameter", "Max Aggregation Interval"),
    ({"LogFormat": "${version} ${foo}"}, "InvalidParameter", "Unknown fields provided: ${foo}"),
    ({"LogFormat": "version srcaddr"}, "InvalidParameter", "logFormat"),
    ({"LogFormat": "${version}  ${srcaddr}"}, "InvalidParameter", "logFormat"),
    ({"LogDestination": None}, "InvalidParameter", "LogDestination can't be empty"),
    ({"LogDestination": "my-bucket"}, "InvalidParameter", "not a valid S3 ARN"),
    ({"LogDestination": "arn:aws:s3:::{bucket}/AWSLogs/"}, "InvalidParameter", "AWSLogs"),
    ({"LogGroupName": "g"}, "InvalidParameter", "LogDestination type must be cloud-watch-logs"),
    ({"DestinationOptions": {"FileFormat": "csv"}}, "InvalidParameterValue", "FileFormat"),
    ({"DeliverLogsPermissionArn": "arn:aws:iam::123456789012:role/r"}, "InvalidParameter", "not applicable for s3"),
    (
        {"LogDestinationType": "cloud-watch-logs", "LogDestination": None, "LogGroupName": "g"},
        "InvalidParameter",
        "DeliverLogsPermissionArn can't be empty",
    ),
    (
        {
            "LogDestinationType": "cloud-watch-logs",
            "LogDestination": None,
            "LogGroupName": "g",
            "DeliverLogsPermissionArn": "arn:aws:iam::123456789012:role/r",
            "DestinationOptions": {"FileFormat": "parquet"},
        },
        "InvalidParameter",
        "DestinationOptions",
    ),
]


@pytest.mark.parametrize("change, code, text", INVALID, ids=[str(c[0]) for c in INVALID])
def test_invalid_parameters_fail_as_ec2_fails(network, bucket, change, code, text):
    args = {
        "ResourceType": "VPC",
        "ResourceIds": [network["vpc"]],
        "TrafficType": "ALL",
        "LogDestinationType": "s3",
        "LogDestination": f"arn:aws:s3:::{bucket}/ok/",
    }
    for key, value in change.items():
        args[key] = value.replace("{bucket}", bucket) if isinstance(value, str) else value
    args = {k: v for k, v in args.items() if v is not None}
    before = len(network["ec2"].describe_flow_logs()["FlowLogs"])
    with pytest.raises(ClientError) as raised:
        network["ec2"].create_flow_logs(**args)
    assert raised.value.response["Error"]["Code"] == code
    assert text in raised.value.response["Error"]["Message"]
    assert len(network["ec2"].describe_flow_logs()["FlowLogs"]) == before  # nothing half-created


def test_firehose_destination_must_be_a_delivery_stream_arn(network):
    with pytest.raises(ClientError) as raised:
        create(network["ec2"], network["vpc"], LogDestinationType="kinesis-data-firehose", LogDestination="stream")
    assert raised.value.response["Error"]["Code"] == "InvalidParameter"


def test_log_group_arn_as_destination_names_the_group(network):
    ec2, logs = network["ec2"], network["logs"]
    group = unique("/vpc/by-arn")
    logs.create_log_group(logGroupName=group)
    arn = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{group}:*"
    flow_log = create(
        ec2,
        network["vpc"],
        LogDestinationType="cloud-watch-logs",
        LogDestination=arn,
        DeliverLogsPermissionArn=f"arn:aws:iam::{ACCOUNT}:role/none",
    )["FlowLogIds"][0]
    assert described(ec2, flow_log)["LogGroupName"] == group
