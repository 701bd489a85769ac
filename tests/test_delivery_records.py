"""What goes into the records: scope, TrafficType, 60 vs 600 s aggregation, NODATA, LogFormat, deletion."""

from __future__ import annotations

from fixtures.delivery import (
    ACCOUNT,
    BASE,
    all_keys,
    make_deliverer,
    read_all_rows,
    read_text_object,
    record,
    s3_flow_log,
    unique,
)


def run(minutes, per_minute) -> None:
    deliverer = make_deliverer()
    for minute in minutes:
        deliverer.deliver_minute(minute, per_minute(minute))
    deliverer.close()


def ten_minutes():
    return range(BASE, BASE + 600, 60)


def bucket_with(s3) -> str:
    name = unique("records")
    s3.create_bucket(Bucket=name)
    return name


def test_traffic_type_filters(network):
    s3, ec2, eni = network["s3"], network["ec2"], network["eni_a1"]
    buckets = {}
    for traffic in ("ACCEPT", "REJECT", "ALL"):
        buckets[traffic] = bucket_with(s3)
        s3_flow_log(ec2, eni, f"arn:aws:s3:::{buckets[traffic]}", TrafficType=traffic, MaxAggregationInterval=60)
    run(
        range(BASE, BASE + 300, 60),
        lambda m: [
            record(eni, m, action="ACCEPT", dport=443),
            record(eni, m, action="REJECT", dport=23),
            record(eni, m, action="REJECT", dport=445),
        ],
    )
    actions = {t: sorted(r["action"] for r in read_all_rows(s3, b)) for t, b in buckets.items()}
    assert actions["ACCEPT"] == ["ACCEPT"] * 5
    assert actions["REJECT"] == ["REJECT"] * 10
    assert actions["ALL"] == sorted(["ACCEPT"] * 5 + ["REJECT"] * 10)


def test_aggregation_60_keeps_minutes_and_600_merges_them(network):
    s3, ec2, eni = network["s3"], network["ec2"], network["eni_a1"]
    per_minute, per_ten = bucket_with(s3), bucket_with(s3)
    s3_flow_log(
        ec2,
        eni,
        f"arn:aws:s3:::{per_minute}",
        MaxAggregationInterval=60,
        LogFormat="${interface-id} ${dstport} ${packets} ${bytes} ${start} ${end} ${tcp-flags} ${action}",
    )
    s3_flow_log(
        ec2,
        eni,
        f"arn:aws:s3:::{per_ten}",
        MaxAggregationInterval=600,
        LogFormat="${interface-id} ${dstport} ${packets} ${bytes} ${start} ${end} ${tcp-flags} ${action}",
    )

    def minute_records(m):
        i = (m - BASE) // 60
        flags = {0: 2, 4: 16, 9: 1}.get(i, 0)  # SYN first, an ACK-only minute, FIN last
        return [
            record(eni, m, action="ACCEPT", packets=i + 1, size=100 * (i + 1), offset=(5, 50), tcp_flags=flags),
            record(eni, m, action="REJECT", dport=23, offset=(1, 1), tcp_flags=2),
        ]

    run(ten_minutes(), minute_records)
    minutes = read_all_rows(s3, per_minute)
    assert len(minutes) == 20
    merged = sorted(read_all_rows(s3, per_ten), key=lambda r: r["dstport"])
    assert merged == [
        {
            "interface-id": eni,
            "dstport": "22",
            "packets": str(sum(range(1, 11))),
            "bytes": str(100 * sum(range(1, 11))),
            "start": str(BASE + 5),
            "end": str(BASE + 540 + 50),
            "tcp-flags": str(2 | 16 | 1),
            "action": "ACCEPT",
        },
        {
            "interface-id": eni,
            "dstport": "23",
            "packets": "10",
            "bytes": "400",
            "start": str(BASE + 1),
            "end": str(BASE + 541),
            "tcp-flags": "2",
            "action": "REJECT",
        },
    ]
    # the merge is exact: totals of the per-minute file equal those of the merged file
    for port in ("22", "23"):
        assert sum(int(r["bytes"]) for r in minutes if r["dstport"] == port) == int(
            next(r["bytes"] for r in merged if r["dstport"] == port)
        )


def test_nodata_for_idle_interfaces_and_scope(network):
    s3, ec2 = network["s3"], network["ec2"]
    vpc_bucket, subnet_bucket, eni_bucket = bucket_with(s3), bucket_with(s3), bucket_with(s3)
    s3_flow_log(ec2, network["vpc"], f"arn:aws:s3:::{vpc_bucket}")
    s3_flow_log(ec2, network["subnet_b"], f"arn:aws:s3:::{subnet_bucket}")
    s3_flow_log(ec2, network["eni_a1"], f"arn:aws:s3:::{eni_bucket}")
    run(ten_minutes(), lambda m: [record(network["eni_a1"], m)])

    vpc_rows = read_all_rows(s3, vpc_bucket)
    assert sorted(r["interface-id"] for r in vpc_rows) == sorted(
        [network["eni_a1"], network["eni_a2"], network["eni_b"]]
    )
    nodata = [r for r in vpc_rows if r["log-status"] == "NODATA"]
    assert {r["interface-id"] for r in nodata} == {network["eni_a2"], network["eni_b"]}
    line = " ".join(nodata[0].values())
    assert line == f"2 {ACCOUNT} {nodata[0]['interface-id']} - - - - - - - {BASE} {BASE + 599} - NODATA"
    assert [(r["interface-id"], r["log-status"]) for r in read_all_rows(s3, subnet_bucket)] == [
        (network["eni_b"], "NODATA")
    ]
    assert [(r["interface-id"], r["log-status"]) for r in read_all_rows(s3, eni_bucket)] == [(network["eni_a1"], "OK")]


def test_custom_formats_versions_and_dashes(network):
    s3, ec2, eni = network["s3"], network["ec2"], network["eni_a1"]
    v5, v3, v7 = bucket_with(s3), bucket_with(s3), bucket_with(s3)
    v5_format = (
        "${srcaddr} ${version} ${vpc-id} ${subnet-id} ${instance-id} ${tcp-flags} ${type} ${pkt-srcaddr} "
        "${region} ${az-id} ${sublocation-type} ${flow-direction} ${traffic-path} ${pkt-dst-aws-service}"
    )
    s3_flow_log(ec2, eni, f"arn:aws:s3:::{v5}", LogFormat=v5_format, MaxAggregationInterval=60)
    s3_flow_log(
        ec2, eni, f"arn:aws:s3:::{v3}", LogFormat="${version} ${pkt-dstaddr} ${srcport}", MaxAggregationInterval=60
    )
    s3_flow_log(
        ec2, eni, f"arn:aws:s3:::{v7}", LogFormat="${version} ${ecs-cluster-name} ${action}", MaxAggregationInterval=60
    )
    run(
        range(BASE, BASE + 300, 60),
        lambda m: [
            record(
                eni,
                m,
                action="ACCEPT",
                vpc_id=network["vpc"],
                subnet_id=network["subnet_a"],
                tcp_flags=19,
                pkt_srcaddr="203.0.113.5",
                region="us-east-1",
                az_id="use1-az1",
                flow_direction="ingress",
                pkt_dst_aws_service="EC2",
            )
        ],
    )
    (key,) = all_keys(s3, v5)
    header, rows = read_text_object(s3, v5, key)
    assert header == [token[2:-1] for token in v5_format.split(" ")]
    assert list(rows[0].values()) == [
        "203.0.113.5",
        "5",
        network["vpc"],
        network["subnet_a"],
        "-",
        "19",
        "IPv4",
        "203.0.113.5",
        "us-east-1",
        "use1-az1",
        "-",
        "ingress",
        "-",
        "EC2",
    ]
    (key,) = all_keys(s3, v3)
    header, rows = read_text_object(s3, v3, key)
    assert header == ["version", "pkt-dstaddr", "srcport"]
    assert list(rows[0].values()) == ["3", "-", "40000"]
    (key,) = all_keys(s3, v7)
    assert [list(r.values()) for r in read_text_object(s3, v7, key)[1]] == [["7", "-", "ACCEPT"]] * 5


def test_deleted_flow_log_delivers_nothing_more(network):
    s3, ec2, eni = network["s3"], network["ec2"], network["eni_a1"]
    bucket = bucket_with(s3)
    flow_log = s3_flow_log(ec2, eni, f"arn:aws:s3:::{bucket}", MaxAggregationInterval=60)
    deliverer = make_deliverer()
    for minute in range(BASE, BASE + 300, 60):
        deliverer.deliver_minute(minute, [record(eni, minute)])
    assert len(all_keys(s3, bucket)) == 1  # the first 5-minute file is out
    deliverer.deliver_minute(BASE + 300, [record(eni, BASE + 300)])
    ec2.delete_flow_logs(FlowLogIds=[flow_log])
    for minute in range(BASE + 360, BASE + 600, 60):
        deliverer.deliver_minute(minute, [record(eni, minute)])
    deliverer.close()
    assert len(all_keys(s3, bucket)) == 1
    assert len(read_all_rows(s3, bucket)) == 5
