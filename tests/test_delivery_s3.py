"""S3 delivery: keys, file names, header, gzip and Parquet, read back by our own reader and by flowlogs_reader."""

from __future__ import annotations

import io
import re
import time
from datetime import datetime, timezone

import pyarrow.parquet as pq
from flowlogs_reader import S3FlowLogsReader

from fixtures.delivery import (
    ACCOUNT,
    BASE,
    REGION,
    all_keys,
    make_deliverer,
    read_text_object,
    record,
    s3_flow_log,
    unique,
)
from labkit.delivery import Deliverer

DEFAULT_HEADER = (
    "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"
).split()


def deliver(minutes: range, per_minute) -> Deliverer:
    deliverer = make_deliverer()
    for minute in minutes:
        deliverer.deliver_minute(minute, per_minute(minute))
    deliverer.close()
    return deliverer


def ten_minutes_on(eni: str):
    return deliver(range(BASE, BASE + 600, 60), lambda m: [record(eni, m, offset=(3, 41), dport=22 + (m - BASE) // 60)])


def day_path(when: int, hive: bool = False) -> str:
    t = time.gmtime(when)
    if hive:
        return f"year={t.tm_year:04d}/month={t.tm_mon:02d}/day={t.tm_mday:02d}/"
    return f"{t.tm_year:04d}/{t.tm_mon:02d}/{t.tm_mday:02d}/"


def stamp(when: int) -> str:
    return time.strftime("%Y%m%dT%H%MZ", time.gmtime(when))


def test_default_layout_names_header_and_gzip(network):
    s3, ec2 = network["s3"], network["ec2"]
    bucket = unique("flow-logs")
    s3.create_bucket(Bucket=bucket)
    flow_log = s3_flow_log(ec2, network["eni_a1"], f"arn:aws:s3:::{bucket}", MaxAggregationInterval=60)
    ten_minutes_on(network["eni_a1"])

    keys = all_keys(s3, bucket)
    prefix = f"AWSLogs/{ACCOUNT}/vpcflowlogs/{REGION}/{day_path(BASE)}"
    expected = [
        rf"{re.escape(prefix)}{ACCOUNT}_vpcflowlogs_{REGION}_{flow_log}_{stamp(w)}_[0-9a-f]{{8}}\.log\.gz"
        for w in (BASE, BASE + 300)
    ]
    assert len(keys) == 2
    for key, pattern in zip(keys, expected):
        assert re.fullmatch(pattern, key), key
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        assert body[:2] == b"\x1f\x8b"  # gzip magic
        header, rows = read_text_object(s3, bucket, key)
        assert header == DEFAULT_HEADER
        assert len(rows) == 5
    _, rows = read_text_object(s3, bucket, keys[0])
    assert rows[0] == {
        "version": "2",
        "account-id": ACCOUNT,
        "interface-id": network["eni_a1"],
        "srcaddr": "203.0.113.5",
        "dstaddr": "10.0.1.10",
        "srcport": "40000",
        "dstport": "22",
        "protocol": "6",
        "packets": "1",
        "bytes": "40",
        "start": str(BASE + 3),
        "end": str(BASE + 41),
        "action": "REJECT",
        "log-status": "OK",
    }


def test_file_window_is_the_five_minutes_of_the_end_time(network):
    s3, ec2 = network["s3"], network["ec2"]
    bucket = unique("flow-logs")
    s3.create_bucket(Bucket=bucket)
    s3_flow_log(ec2, network["eni_a1"], f"arn:aws:s3:::{bucket}", MaxAggregationInterval=60)
    last = BASE + 240  # the fifth minute of the first window
    deliver(
        range(last, last + 60, 60),
        lambda m: [
            record(network["eni_a1"], m, offset=(0, 59)),
            record(network["eni_a1"], m, dport=23, offset=(0, 10)),
        ],
    )
    assert [key.rsplit("_", 2)[1] for key in all_keys(s3, bucket)] == [stamp(BASE)]
    # a record of minute 16:25 goes to the 16:25 file even when delivered with 16:24's neighbours
    s3.delete_object(Bucket=bucket, Key=all_keys(s3, bucket)[0])
    deliver(range(BASE + 300, BASE + 360, 60), lambda m: [record(network["eni_a1"], m, offset=(0, 0))])
    assert [key.rsplit("_", 2)[1] for key in all_keys(s3, bucket)] == [stamp(BASE + 300)]


def test_hive_per_hour_and_subfolder_layouts(network):
    s3, ec2 = network["s3"], network["ec2"]
    bucket = unique("flow-logs")
    s3.create_bucket(Bucket=bucket)
    eni = network["eni_a1"]
    hive = s3_flow_log(
        ec2,
        eni,
        f"arn:aws:s3:::{bucket}/hive/",
        MaxAggregationInterval=60,
        DestinationOptions={"HiveCompatiblePartitions": True, "PerHourPartition": True},
    )
    hourly = s3_flow_log(
        ec2,
        eni,
        f"arn:aws:s3:::{bucket}/team/lab",
        MaxAggregationInterval=60,
        DestinationOptions={"PerHourPartition": True},
    )
    daily_hive = s3_flow_log(
        ec2,
        eni,
        f"arn:aws:s3:::{bucket}",
        MaxAggregationInterval=60,
        DestinationOptions={"HiveCompatiblePartitions": True},
    )
    deliver(range(BASE, BASE + 300, 60), lambda m: [record(eni, m)])

    hour = f"{time.gmtime(BASE).tm_hour:02d}"
    name = f"{stamp(BASE)}_[0-9a-f]{{8}}\\.log\\.gz"
    expected = {
        hive: (
            f"hive/AWSLogs/aws-account-id={ACCOUNT}/aws-service=vpcflowlogs/aws-region={REGION}/"
            f"{day_path(BASE, hive=True)}hour={hour}/"
        ),
        hourly: f"team/lab/AWSLogs/{ACCOUNT}/vpcflowlogs/{REGION}/{day_path(BASE)}{hour}/",
        daily_hive: (
            f"AWSLogs/aws-account-id={ACCOUNT}/aws-service=vpcflowlogs/aws-region={REGION}/{day_path(BASE, hive=True)}"
        ),
    }
    keys = all_keys(s3, bucket)
    assert len(keys) == 3
    for flow_log, prefix in expected.items():
        pattern = rf"{re.escape(prefix)}{ACCOUNT}_vpcflowlogs_{REGION}_{flow_log}_{name}"
        assert [k for k in keys if re.fullmatch(pattern, k)], (pattern, keys)


def test_parquet_columns_types_and_values(network):
    s3, ec2 = network["s3"], network["ec2"]
    bucket = unique("flow-logs")
    s3.create_bucket(Bucket=bucket)
    flow_log = s3_flow_log(
        ec2,
        network["eni_a1"],
        f"arn:aws:s3:::{bucket}",
        MaxAggregationInterval=60,
        LogFormat="${version} ${interface-id} ${srcport} ${packets} ${start} ${action} ${tcp-flags} ${log-status}",
        DestinationOptions={"FileFormat": "parquet"},
    )
    deliver(range(BASE, BASE + 300, 60), lambda m: [record(network["eni_a1"], m, packets=3, tcp_flags=2)])
    (key,) = all_keys(s3, bucket)
    assert re.fullmatch(rf".*/{ACCOUNT}_vpcflowlogs_{REGION}_{flow_log}_{stamp(BASE)}_[0-9a-f]{{8}}\.log\.parquet", key)
    table = pq.read_table(io.BytesIO(s3.get_object(Bucket=bucket, Key=key)["Body"].read()))
    assert [(f.name, str(f.type)) for f in table.schema] == [
        ("version", "int32"),
        ("interface_id", "string"),
        ("srcport", "int32"),
        ("packets", "int64"),
        ("start", "int64"),
        ("action", "string"),
        ("tcp_flags", "int32"),
        ("log_status", "string"),
    ]
    rows = table.to_pylist()
    assert len(rows) == 5 and rows[0]["version"] == 3 and rows[0]["packets"] == 3 and rows[0]["tcp_flags"] == 2
    assert sorted(r["start"] for r in rows) == list(range(BASE, BASE + 300, 60))


def _reader(s3, location: str):
    start = datetime.fromtimestamp(BASE - 3600, tz=timezone.utc).replace(tzinfo=None)
    end = datetime.fromtimestamp(BASE + 7200, tz=timezone.utc).replace(tzinfo=None)
    return S3FlowLogsReader(location, start_time=start, end_time=end, boto_client=s3, raise_on_error=True)


def test_flowlogs_reader_reads_text_parquet_hourly_and_subfolder(network):
    s3, ec2 = network["s3"], network["ec2"]
    eni = network["eni_a1"]
    text, parquet, hourly = unique("text"), unique("parquet"), unique("hourly")
    for bucket in (text, parquet, hourly):
        s3.create_bucket(Bucket=bucket)
    s3_flow_log(ec2, eni, f"arn:aws:s3:::{text}")
    s3_flow_log(ec2, eni, f"arn:aws:s3:::{parquet}/sub/", DestinationOptions={"FileFormat": "parquet"})
    s3_flow_log(
        ec2, eni, f"arn:aws:s3:::{hourly}", DestinationOptions={"PerHourPartition": True}, MaxAggregationInterval=60
    )
    deliver(range(BASE, BASE + 600, 60), lambda m: [record(eni, m, tcp_flags=2, dport=23)])

    for location, count in ((text, 1), (f"{parquet}/sub", 1), (hourly, 10)):
        records = list(_reader(s3, location))
        assert len(records) == count, location
        first = records[0]
        assert (first.interface_id, first.srcaddr, first.dstport, first.action, first.log_status) == (
            eni,
            "203.0.113.5",
            23,
            "REJECT",
            "OK",
        )
        assert first.version == 2 and first.account_id == ACCOUNT
        assert first.packets == (10 if count == 1 else 1)
        assert first.start == datetime.fromtimestamp(BASE, tz=timezone.utc).replace(tzinfo=None)
