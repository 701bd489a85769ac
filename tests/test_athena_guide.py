"""The AWS Athena user guide's "Querying Amazon VPC flow logs" statements, run as printed: only the
placeholders the guide tells readers to replace (bucket, account, region, dates) are filled in.
Each answer is compared with pandas over the same files."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, timezone

import pytest

from flowlog_data import (
    ACCOUNT,
    PROJECTION_FIELDS,
    V2_FIELDS,
    V5_FIELDS,
    assert_top_n,
    athena_text,
    column,
    expected_rows,
    flow_log_files,
    read_files,
    result_rows,
)

BUCKET = "guide-bucket"
OTHER_ACCOUNT = "111122223333"
TODAY = datetime.now(timezone.utc).date()
GUIDE_DAYS = [date(2020, 5, 4), TODAY - timedelta(days=7), TODAY - timedelta(days=3), TODAY - timedelta(days=1)]
V5_COLUMNS = [column(f) for f in V5_FIELDS]

# --- "Create a table for Amazon VPC flow logs and query it" --------------------------------------
CREATE_TABLE = """CREATE EXTERNAL TABLE IF NOT EXISTS `vpc_flow_logs` (
  version int,
  account_id string,
  interface_id string,
  srcaddr string,
  dstaddr string,
  srcport int,
  dstport int,
  protocol bigint,
  packets bigint,
  bytes bigint,
  start bigint,
  `end` bigint,
  action string,
  log_status string,
  vpc_id string,
  subnet_id string,
  instance_id string,
  tcp_flags int,
  type string,
  pkt_srcaddr string,
  pkt_dstaddr string,
  region string,
  az_id string,
  sublocation_type string,
  sublocation_id string,
  pkt_src_aws_service string,
  pkt_dst_aws_service string,
  flow_direction string,
  traffic_path int
)
PARTITIONED BY (`date` date)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ' '
LOCATION 's3://amzn-s3-demo-bucket/prefix/AWSLogs/{account_id}/vpcflowlogs/{region_code}/'
TBLPROPERTIES ("skip.header.line.count"="1");"""

ADD_PARTITION = """ALTER TABLE vpc_flow_logs
ADD PARTITION (`date`='YYYY-MM-dd')
LOCATION 's3://amzn-s3-demo-bucket/prefix/AWSLogs/{account_id}/vpcflowlogs/{region_code}/YYYY/MM/dd';"""

SELECT_ONE_DAY = """SELECT * 
FROM vpc_flow_logs 
WHERE date = DATE('2020-05-04') 
LIMIT 100;"""

SELECT_REJECTED_TCP = """SELECT day_of_week(date) AS
  day,
  date,
  interface_id,
  srcaddr,
  action,
  protocol
FROM vpc_flow_logs
WHERE action = 'REJECT' AND protocol = 6
LIMIT 100;"""

SELECT_TOP_HTTPS = """SELECT SUM(packets) AS
  packetcount,
  dstaddr
FROM vpc_flow_logs
WHERE dstport = 443 AND date > current_date - interval '7' day
GROUP BY dstaddr
ORDER BY packetcount DESC
LIMIT 10;"""

# --- "Create tables for flow logs in Apache Parquet format" --------------------------------------
CREATE_PARQUET = """CREATE EXTERNAL TABLE IF NOT EXISTS vpc_flow_logs_parquet (
  version int,
  account_id string,
  interface_id string,
  srcaddr string,
  dstaddr string,
  srcport int,
  dstport int,
  protocol bigint,
  packets bigint,
  bytes bigint,
  start bigint,
  `end` bigint,
  action string,
  log_status string,
  vpc_id string,
  subnet_id string,
  instance_id string,
  tcp_flags int,
  type string,
  pkt_srcaddr string,
  pkt_dstaddr string,
  region string,
  az_id string,
  sublocation_type string,
  sublocation_id string,
  pkt_src_aws_service string,
  pkt_dst_aws_service string,
  flow_direction string,
  traffic_path int
)
PARTITIONED BY (
  `aws-account-id` string,
  `aws-service` string,
  `aws-region` string,
  `year` string, 
  `month` string, 
  `day` string,
  `hour` string
)
ROW FORMAT SERDE 
  'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
STORED AS INPUTFORMAT 
  'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
OUTPUTFORMAT 
  'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
LOCATION
  's3://amzn-s3-demo-bucket/prefix/AWSLogs/'
TBLPROPERTIES (
  'EXTERNAL'='true', 
  'skip.header.line.count'='1'
  )"""

MSCK = "MSCK REPAIR TABLE vpc_flow_logs_parquet"

# --- "Create and query a table for Amazon VPC flow logs using partition projection" --------------
CREATE_PROJECTION = """CREATE EXTERNAL TABLE IF NOT EXISTS test_table_vpclogs (
  version int,
  account_id string,
  interface_id string,
  srcaddr string,
  dstaddr string,
  srcport int,
  dstport int,
  protocol bigint,
  packets bigint,
  bytes bigint,
  start bigint,
  `end` bigint,
  action string,
  log_status string,
  vpc_id string,
  subnet_id string,
  instance_id string,
  tcp_flags int,
  type string,
  pkt_srcaddr string,
  pkt_dstaddr string,
  az_id string,
  sublocation_type string,
  sublocation_id string,
  pkt_src_aws_service string,
  pkt_dst_aws_service string,
  flow_direction string,
  traffic_path int
)
PARTITIONED BY (accid string, region string, day string)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ' '
LOCATION '$LOCATION_OF_LOGS'
TBLPROPERTIES
(
"skip.header.line.count"="1",
"projection.enabled" = "true",
"projection.accid.type" = "enum",
"projection.accid.values" = "$ACCID_1,$ACCID_2",
"projection.region.type" = "enum",
"projection.region.values" = "$REGION_1,$REGION_2,$REGION_3",
"projection.day.type" = "date",
"projection.day.range" = "$START_RANGE,NOW",
"projection.day.format" = "yyyy/MM/dd",
"storage.location.template" = "s3://amzn-s3-demo-bucket/AWSLogs/${accid}/vpcflowlogs/${region}/${day}"
)"""

# --- "Create tables for flow logs in Apache Parquet format using partition projection" -----------
CREATE_PARQUET_PROJECTION = """CREATE EXTERNAL TABLE IF NOT EXISTS test_table_vpclogs_parquet (
  version int,
  account_id string,
  interface_id string,
  srcaddr string,
  dstaddr string,
  srcport int,
  dstport int,
  protocol bigint,
  packets bigint,
  bytes bigint,
  start bigint,
  `end` bigint,
  action string,
  log_status string,
  vpc_id string,
  subnet_id string,
  instance_id string,
  tcp_flags int,
  type string,
  pkt_srcaddr string,
  pkt_dstaddr string,
  az_id string,
  sublocation_type string,
  sublocation_id string,
  pkt_src_aws_service string,
  pkt_dst_aws_service string,
  flow_direction string,
  traffic_path int
)
PARTITIONED BY (region string, date string, hour string)
ROW FORMAT SERDE
'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
STORED AS INPUTFORMAT
'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
OUTPUTFORMAT
'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
LOCATION 's3://amzn-s3-demo-bucket/prefix/AWSLogs/{account_id}/vpcflowlogs/'
TBLPROPERTIES (
"EXTERNAL"="true",
"skip.header.line.count" = "1",
"projection.enabled" = "true",
"projection.region.type" = "enum",
"projection.region.values" = "us-east-1,us-west-2,ap-south-1,eu-west-1",
"projection.date.type" = "date",
"projection.date.range" = "2021/01/01,NOW",
"projection.date.format" = "yyyy/MM/dd",
"projection.hour.type" = "integer",
"projection.hour.range" = "00,23",
"projection.hour.digits" = "2",
"storage.location.template" = "s3://amzn-s3-demo-bucket/prefix/AWSLogs/${account_id}/vpcflowlogs/${region}/${date}/${hour}"
)"""

PROJECTION_QUERIES = {
    "first_100_in_february": """SELECT *
FROM test_table_vpclogs
WHERE day >= '2021/02/01' AND day < '2021/02/28'
ORDER BY day ASC
LIMIT 100""",
    "top_https_in_march": """SELECT SUM(packets) AS packetcount,
       dstaddr
FROM test_table_vpclogs
WHERE dstport = 443
  AND day >= '2021/03/01'
  AND day < '2021/03/31'
GROUP BY dstaddr
ORDER BY packetcount DESC
LIMIT 10""",
    "times_in_april": """SELECT interface_id,
       srcaddr,
       action,
       protocol,
       to_iso8601(from_unixtime(start)) AS start_time,
       to_iso8601(from_unixtime("end")) AS end_time
FROM test_table_vpclogs
WHERE DAY >= '2021/04/01'
  AND DAY < '2021/04/30'""",
    "one_source_in_february": """SELECT *
FROM test_table_vpclogs
WHERE srcaddr = '10.117.1.22'
  AND day >= '2021/02/01'
  AND day < '2021/02/28'""",
    "rejected_tcp_in_february": """SELECT day,
       interface_id,
       srcaddr,
       action,
       protocol
FROM test_table_vpclogs
WHERE action = 'REJECT' AND protocol = 6 AND day >= '2021/02/01' AND day < '2021/02/28'
LIMIT 10""",
    "range_10_117": """SELECT *
FROM test_table_vpclogs
WHERE split_part(srcaddr,'.', 1)='10'
  AND split_part(srcaddr,'.', 2) ='117'""",
    "one_destination_in_january": """SELECT *
FROM test_table_vpclogs
WHERE dstaddr = '10.0.1.14'
  AND day >= '2021/01/01'
  AND day < '2021/01/31'""",
}
PROJECTION_DAYS = [date(2021, 1, 15), date(2021, 2, 10), date(2021, 3, 15), date(2021, 4, 10)]


def fill(statement: str, bucket: str = BUCKET) -> str:
    """Replace what the guide tells the reader to replace, nothing else."""
    # `${account_id}` in the Parquet projection template is the reader's account (not a partition column).
    return (
        statement.replace("amzn-s3-demo-bucket", bucket)
        .replace("${account_id}", ACCOUNT)
        .replace("{account_id}", ACCOUNT)
        .replace("{region_code}", "us-east-1")
        .replace("$LOCATION_OF_LOGS", f"s3://{bucket}/AWSLogs/")
        .replace("$ACCID_1", ACCOUNT)
        .replace("$ACCID_2", OTHER_ACCOUNT)
        .replace("$REGION_1", "us-east-1")
        .replace("$REGION_2", "us-west-2")
        .replace("$REGION_3", "eu-west-1")
        .replace("$START_RANGE", "2021/01/01")
    )


def add_partition(day: date, bucket: str = BUCKET) -> str:
    return fill(ADD_PARTITION, bucket).replace("YYYY-MM-dd", f"{day:%Y-%m-%d}").replace("YYYY/MM/dd", f"{day:%Y/%m/%d}")


def must_succeed(run_query, sql: str, database: str) -> dict:
    execution = run_query(sql, database)
    assert execution["Status"]["State"] == "SUCCEEDED", (sql, execution["Status"].get("StateChangeReason"))
    return execution


def contained(rows: list[list], expected: list[tuple]) -> bool:
    """Every returned row is an expected row (as a multiset)."""
    return not (Counter(tuple(r) for r in rows) - Counter(expected))


# --- The text table with ADD PARTITION -----------------------------------------------------------


@pytest.fixture(scope="module")
def guide_table(upload_flow_logs, run_query):
    files = flow_log_files(
        GUIDE_DAYS, records_per_day=400, seed=61, files_per_day=2, fields=V5_FIELDS, prefix="prefix/"
    )
    upload_flow_logs(BUCKET, files)
    must_succeed(run_query, "CREATE DATABASE IF NOT EXISTS guide_db", None)
    must_succeed(run_query, fill(CREATE_TABLE), "guide_db")
    for day in GUIDE_DAYS:
        must_succeed(run_query, add_partition(day), "guide_db")
    return read_files(files).rename(columns={"day": "date"})


def test_guide_select_one_day(guide_table, query_rows):
    names, rows = query_rows(SELECT_ONE_DAY, "guide_db")
    assert names == V5_COLUMNS + ["date"]
    day = guide_table[guide_table["date"] == date(2020, 5, 4)]
    assert len(rows) == min(100, len(day)) == 100
    assert contained(rows, expected_rows(day, V5_COLUMNS + ["date"]))


def test_guide_rejected_tcp_with_day_of_week(guide_table, query_rows):
    names, rows = query_rows(SELECT_REJECTED_TCP, "guide_db")
    assert names == ["day", "date", "interface_id", "srcaddr", "action", "protocol"]
    assert len(rows) == 100
    for dow, day, _, _, action, protocol in rows:
        assert (action, protocol) == ("REJECT", "6")
        assert dow == str(date.fromisoformat(day).isoweekday())
    rejected = guide_table[(guide_table["action"] == "REJECT") & (guide_table["protocol"] == 6)]
    assert contained(
        [r[1:] for r in rows], expected_rows(rejected, ["date", "interface_id", "srcaddr", "action", "protocol"])
    )


def test_guide_top_https_destinations_last_week(guide_table, query_rows):
    names, rows = query_rows(SELECT_TOP_HTTPS, "guide_db")
    assert names == ["packetcount", "dstaddr"]
    recent = guide_table[(guide_table["dstport"] == 443) & (guide_table["date"] > TODAY - timedelta(days=7))]
    assert_top_n([[dst, count] for count, dst in rows], recent.groupby("dstaddr")["packets"].sum(), 10)


def test_guide_table_over_default_format_files(upload_flow_logs, run_query, query_rows):
    # The common case: a flow log in the default (version 2) format read with the guide's table;
    # the columns past log_status are absent from every line, so they are NULL.
    bucket = "guide-v2-bucket"
    day = TODAY - timedelta(days=2)
    files = flow_log_files([day], records_per_day=300, seed=62, files_per_day=2, fields=V2_FIELDS, prefix="prefix/")
    upload_flow_logs(bucket, files)
    must_succeed(run_query, "CREATE DATABASE IF NOT EXISTS guide_v2_db", None)
    must_succeed(run_query, fill(CREATE_TABLE, bucket), "guide_v2_db")
    must_succeed(run_query, add_partition(day, bucket), "guide_v2_db")
    frame = read_files(files)
    _, rows = query_rows(
        "SELECT count(*), count(srcport), count(vpc_id), count(traffic_path), "
        "count_if(region IS NULL) FROM vpc_flow_logs",
        "guide_v2_db",
    )
    assert rows == [[str(len(frame)), str(int(frame["srcport"].notna().sum())), "0", "0", str(len(frame))]]
    _, top = query_rows(SELECT_TOP_HTTPS, "guide_v2_db")
    https = frame[frame["dstport"] == 443]
    assert_top_n([[dst, count] for count, dst in top], https.groupby("dstaddr")["packets"].sum(), 10)


# --- The Parquet table with MSCK REPAIR TABLE ----------------------------------------------------


def test_guide_parquet_table_with_msck(upload_flow_logs, run_query, query_rows, glue):
    days = GUIDE_DAYS[2:]
    files = flow_log_files(
        days,
        records_per_day=240,
        seed=63,
        files_per_day=24,
        per_hour=True,
        layout="hive",
        fmt="parquet",
        fields=V5_FIELDS,
        prefix="prefix/",
    )
    upload_flow_logs(BUCKET, files)
    must_succeed(run_query, "CREATE DATABASE IF NOT EXISTS guide_parquet_db", None)
    must_succeed(run_query, fill(CREATE_PARQUET), "guide_parquet_db")
    must_succeed(run_query, MSCK, "guide_parquet_db")

    partitions = glue.get_partitions(DatabaseName="guide_parquet_db", TableName="vpc_flow_logs_parquet")["Partitions"]
    assert sorted(tuple(p["Values"]) for p in partitions) == sorted(
        (ACCOUNT, "vpcflowlogs", "us-east-1", f"{f.day:%Y}", f"{f.day:%m}", f"{f.day:%d}", f"{f.hour:02d}")
        for f in files
    )

    frame = read_files(files)
    _, rows = query_rows(
        'SELECT "aws-region", year, month, day, count(*), sum(packets), count(srcaddr) '
        "FROM vpc_flow_logs_parquet GROUP BY 1, 2, 3, 4",
        "guide_parquet_db",
    )
    expected = {
        ("us-east-1", f"{d:%Y}", f"{d:%m}", f"{d:%d}"): [
            str(len(g)),
            str(int(g["packets"].sum())),
            str(int(g["srcaddr"].notna().sum())),
        ]
        for d, g in frame.groupby("day")
    }
    assert {tuple(r[:4]): r[4:] for r in rows} == expected

    _, hour_rows = query_rows(
        "SELECT * FROM vpc_flow_logs_parquet WHERE year = '{:%Y}' AND month = '{:%m}' "
        "AND day = '{:%d}' AND hour = '05'".format(days[0], days[0], days[0]),
        "guide_parquet_db",
    )
    chosen = frame[(frame["day"] == days[0]) & (frame["hour"] == 5)].assign(
        **{
            "aws-account-id": ACCOUNT,
            "aws-service": "vpcflowlogs",
            "aws-region": "us-east-1",
            "year": f"{days[0]:%Y}",
            "month": f"{days[0]:%m}",
            "day": f"{days[0]:%d}",
            "hour": "05",
        }
    )
    assert result_rows(hour_rows) == expected_rows(
        chosen, V5_COLUMNS + ["aws-account-id", "aws-service", "aws-region", "year", "month", "day", "hour"]
    )


# --- The partition-projection table and its example queries --------------------------------------


@pytest.fixture(scope="module")
def projection_table(upload_flow_logs, run_query):
    files = flow_log_files(PROJECTION_DAYS, records_per_day=300, seed=64, files_per_day=2, fields=PROJECTION_FIELDS)
    files += flow_log_files(
        PROJECTION_DAYS[1:2],
        records_per_day=200,
        seed=65,
        files_per_day=2,
        fields=PROJECTION_FIELDS,
        account_id=OTHER_ACCOUNT,
        region="us-west-2",
    )
    upload_flow_logs(BUCKET, files)
    must_succeed(run_query, "CREATE DATABASE IF NOT EXISTS guide_projection_db", None)
    must_succeed(run_query, fill(CREATE_PROJECTION), "guide_projection_db")
    frame = read_files(files)
    frame["accid"] = frame["account_id"]
    frame["region"] = frame["key"].str.split("/").str[3]
    frame["day"] = frame["day"].map(lambda d: f"{d:%Y/%m/%d}")
    return frame


ALL_PROJECTED = [column(f) for f in PROJECTION_FIELDS] + ["accid", "region", "day"]


def projection(frame, first: str, last: str):
    return frame[(frame["day"] >= first) & (frame["day"] < last)]


def test_guide_projection_first_100_in_february(projection_table, query_rows):
    names, rows = query_rows(PROJECTION_QUERIES["first_100_in_february"], "guide_projection_db")
    assert names == ALL_PROJECTED
    february = projection(projection_table, "2021/02/01", "2021/02/28")
    assert len(rows) == 100 and contained(rows, expected_rows(february, ALL_PROJECTED))


def test_guide_projection_top_https_in_march(projection_table, query_rows):
    _, rows = query_rows(PROJECTION_QUERIES["top_https_in_march"], "guide_projection_db")
    march = projection(projection_table, "2021/03/01", "2021/03/31")
    assert_top_n(
        [[dst, count] for count, dst in rows], march[march["dstport"] == 443].groupby("dstaddr")["packets"].sum(), 10
    )


def test_guide_projection_times_in_april(projection_table, query_rows):
    _, rows = query_rows(PROJECTION_QUERIES["times_in_april"], "guide_projection_db")
    april = projection(projection_table, "2021/04/01", "2021/04/30")

    def iso(seconds) -> str:
        return datetime.fromtimestamp(int(seconds), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")

    expected = [
        (
            r.interface_id,
            athena_text(r.srcaddr),
            athena_text(r.action),
            athena_text(r.protocol),
            iso(r.start),
            iso(r.end),
        )
        for r in april.itertuples()
    ]
    assert result_rows(rows) == result_rows([list(e) for e in expected])


@pytest.mark.parametrize(
    "name, first, last, keep",
    [
        ("one_source_in_february", "2021/02/01", "2021/02/28", lambda f: f["srcaddr"] == "10.117.1.22"),
        ("range_10_117", "0000", "9999", lambda f: f["srcaddr"].str.startswith("10.117.")),
        ("one_destination_in_january", "2021/01/01", "2021/01/31", lambda f: f["dstaddr"] == "10.0.1.14"),
    ],
)
def test_guide_projection_address_filters(name, first, last, keep, projection_table, query_rows):
    _, rows = query_rows(PROJECTION_QUERIES[name], "guide_projection_db")
    chosen = projection(projection_table, first, last)
    chosen = chosen[keep(chosen).fillna(False).astype(bool)]
    assert len(chosen) > 0
    assert result_rows(rows) == expected_rows(chosen, ALL_PROJECTED)


def test_guide_projection_rejected_tcp_in_february(projection_table, query_rows):
    names, rows = query_rows(PROJECTION_QUERIES["rejected_tcp_in_february"], "guide_projection_db")
    assert names == ["day", "interface_id", "srcaddr", "action", "protocol"]
    february = projection(projection_table, "2021/02/01", "2021/02/28")
    rejected = february[(february["action"] == "REJECT") & (february["protocol"] == 6)]
    assert len(rows) == 10
    assert contained(rows, expected_rows(rejected, names))


def test_guide_parquet_table_with_projection(upload_flow_logs, run_query, query_rows):
    day = date(2021, 2, 10)
    files = flow_log_files(
        [day],
        records_per_day=480,
        seed=66,
        files_per_day=24,
        per_hour=True,
        fmt="parquet",
        fields=PROJECTION_FIELDS,
        prefix="prefix/",
    )
    upload_flow_logs(BUCKET, files)
    must_succeed(run_query, "CREATE DATABASE IF NOT EXISTS guide_parquet_projection_db", None)
    must_succeed(run_query, fill(CREATE_PARQUET_PROJECTION), "guide_parquet_projection_db")
    frame = read_files(files)
    _, rows = query_rows(
        "SELECT hour, count(*), sum(bytes) FROM test_table_vpclogs_parquet "
        "WHERE region = 'us-east-1' AND date = '2021/02/10' GROUP BY hour",
        "guide_parquet_projection_db",
    )
    expected = {f"{hour:02d}": [str(len(g)), str(int(g["bytes"].sum()))] for hour, g in frame.groupby("hour")}
    assert {r[0]: r[1:] for r in rows} == expected
    _, one_hour = query_rows(
        "SELECT * FROM test_table_vpclogs_parquet WHERE region = 'us-east-1' AND date = '2021/02/10' AND hour = '07'",
        "guide_parquet_projection_db",
    )
    chosen = frame[frame["hour"] == 7].assign(region="us-east-1", date="2021/02/10", hour="07")
    assert result_rows(one_hour) == expected_rows(
        chosen, [column(f) for f in PROJECTION_FIELDS] + ["region", "date", "hour"]
    )
