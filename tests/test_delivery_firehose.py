"""Kinesis Data Firehose delivery: moto's Firehose writes what it receives to its S3 destination."""

from __future__ import annotations

from fixtures.delivery import ACCOUNT, BASE, all_keys, make_deliverer, record, unique


def test_records_reach_the_streams_s3_bucket_as_lines(network):
    s3, ec2, firehose = network["s3"], network["ec2"], network["firehose"]
    bucket, stream = unique("firehose"), unique("flow-logs-stream")
    s3.create_bucket(Bucket=bucket)
    arn = firehose.create_delivery_stream(
        DeliveryStreamName=stream,
        DeliveryStreamType="DirectPut",
        ExtendedS3DestinationConfiguration={
            "RoleARN": f"arn:aws:iam::{ACCOUNT}:role/firehose",
            "BucketARN": f"arn:aws:s3:::{bucket}",
            "Prefix": "vpc/",
        },
    )["DeliveryStreamARN"]
    response = ec2.create_flow_logs(
        ResourceType="NetworkInterface",
        ResourceIds=[network["eni_a1"]],
        TrafficType="REJECT",
        LogDestinationType="kinesis-data-firehose",
        LogDestination=arn,
        MaxAggregationInterval=60,
        LogFormat="${interface-id} ${dstport} ${action} ${start}",
    )
    assert response["Unsuccessful"] == []
    deliverer = make_deliverer()
    for minute in (BASE, BASE + 60):
        deliverer.deliver_minute(
            minute,
            [
                record(network["eni_a1"], minute, dport=23),
                record(network["eni_a1"], minute, dport=443, action="ACCEPT"),
            ],
        )
    deliverer.close()
    assert deliverer.problems == []
    keys = all_keys(s3, bucket)
    assert keys and all(key.startswith("vpc/") for key in keys)
    lines = [
        line for key in keys for line in s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode().splitlines()
    ]
    assert sorted(lines) == [f"{network['eni_a1']} 23 REJECT {BASE}", f"{network['eni_a1']} 23 REJECT {BASE + 60}"]
