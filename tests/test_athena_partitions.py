"""Partitions decide what a query reads: DataScannedInBytes is the size of the objects of exactly the
partitions a query needs (compared with the sizes S3 lists), and partition projection (enum, integer,
date with formats and NOW, injected, storage.location.template) finds the same rows as pandas."""

from __future__ import annotations

from datetime import date

import pytest

from flowlog_data import ACCOUNT, V2_FIELDS, columns_ddl, expected_rows, flow_log_files, read_files, result_rows

BUCKET = "prune-bucket"
DB = "prune_db"
DAYS = [date(2026, 10, 10), date(2026, 10, 11), date(2026, 10, 12)]
OTHER_ACCOUNT = "111122223333"
BASE = f"s3://{BUCKET}/AWSLogs/{ACCOUNT}/vpcflowlogs/"
V2_COLUMNS = columns_ddl()
COLUMNS = [name.replace("-", "_") for name in V2_FIELDS]
TEXT = "ROW FORMAT DELIMITED FIELDS TERMINATED BY ' '"


@pytest.fixture(scope="module")
def data(upload_flow_logs, s3):
    sets = {
        "east": flow_log_files(DAYS, records_per_day=300, seed=51, files_per_day=3),
        "west": flow_log_files(DAYS[1:2], records_per_day=200, seed=52, files_per_day=2, region="eu-west-1"),
        "other": flow_log_files(DAYS[1:2], records_per_day=120, seed=53, files_per_day=2, account_id=OTHER_ACCOUNT),
        "hourly": flow_log_files(
            DAYS[:1], records_per_day=480, seed=54, files_per_day=24, per_hour=True, prefix="hourly/"
        ),
    }
    # Files under a custom Hive-style `dt=YYYY-MM-DD/` prefix for a date-typed projected column.
    custom = flow_log_files(DAYS, records_per_day=90, seed=55, files_per_day=1)
    sets["custom"] = [
        type(f)(
            key=f"custom/dt={f.day}/{f.key.rsplit('/', 1)[1]}",
            body=f.body,
            day=f.day,
            hour=f.hour,
            fields=f.fields,
            fmt=f.fmt,
        )
        for f in custom
    ]
    sizes = upload_flow_logs(BUCKET, [f for files in sets.values() for f in files])
    return {"files": sets, "sizes": sizes, "frames": {name: read_files(files) for name, files in sets.items()}}


def size_of(data, name: str, keep=lambda f: True) -> int:
    """Bytes of the chosen objects as S3 lists them."""
    return sum(data["sizes"][f.key] for f in data["files"][name] if keep(f))


@pytest.fixture(scope="module")
def tables(data, run_query):
    statements = [
        f"CREATE DATABASE IF NOT EXISTS {DB}",
        f"CREATE EXTERNAL TABLE flows ({V2_COLUMNS}) PARTITIONED BY (`date` date) {TEXT} "
        f'LOCATION \'{BASE}us-east-1/\' TBLPROPERTIES ("skip.header.line.count"="1")',
        *[f"ALTER TABLE flows ADD PARTITION (`date`='{d}') LOCATION '{BASE}us-east-1/{d:%Y/%m/%d}/'" for d in DAYS],
        f"""CREATE EXTERNAL TABLE proj ({V2_COLUMNS})
PARTITIONED BY (region string, day string)
{TEXT}
LOCATION '{BASE}'
TBLPROPERTIES (
  "skip.header.line.count"="1",
  "projection.enabled"="true",
  "projection.region.type"="enum",
  "projection.region.values"="us-east-1,eu-west-1",
  "projection.day.type"="date",
  "projection.day.range"="2021/01/01,NOW",
  "projection.day.format"="yyyy/MM/dd",
  "storage.location.template"="{BASE}${{region}}/${{day}}"
)""",
        f"""CREATE EXTERNAL TABLE hourly ({V2_COLUMNS})
PARTITIONED BY (day string, hour int)
{TEXT}
LOCATION 's3://{BUCKET}/hourly/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1/'
TBLPROPERTIES (
  "skip.header.line.count"="1",
  "projection.enabled"="true",
  "projection.day.type"="date",
  "projection.day.range"="2026/10/01,2026/10/31",
  "projection.day.format"="yyyy/MM/dd",
  "projection.hour.type"="integer",
  "projection.hour.range"="0,23",
  "projection.hour.digits"="2",
  "storage.location.template"="s3://{BUCKET}/hourly/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1/${{day}}/${{hour}}"
)""",
        f"""CREATE EXTERNAL TABLE accounts ({V2_COLUMNS})
PARTITIONED BY (accid string, day string)
{TEXT}
LOCATION 's3://{BUCKET}/AWSLogs/'
TBLPROPERTIES (
  "skip.header.line.count"="1",
  "projection.enabled"="true",
  "projection.accid.type"="injected",
  "projection.day.type"="date",
  "projection.day.range"="2021/01/01,NOW",
  "projection.day.format"="yyyy/MM/dd",
  "storage.location.template"="s3://{BUCKET}/AWSLogs/${{accid}}/vpcflowlogs/us-east-1/${{day}}"
)""",
        f"""CREATE EXTERNAL TABLE daily ({V2_COLUMNS})
PARTITIONED BY (dt date)
{TEXT}
LOCATION 's3://{BUCKET}/custom/'
TBLPROPERTIES (
  "skip.header.line.count"="1",
  "projection.enabled"="true",
  "projection.dt.type"="date",
  "projection.dt.range"="2026-10-01,NOW",
  "projection.dt.format"="yyyy-MM-dd",
  "projection.dt.interval"="1",
  "projection.dt.interval.unit"="DAYS",
  "storage.location.template"="s3://{BUCKET}/custom/dt=${{dt}}/"
)""",
    ]
    for sql in statements:
        execution = run_query(sql, DB)
        assert execution["Status"]["State"] == "SUCCEEDED", (sql, execution["Status"].get("StateChangeReason"))
    return data


def scanned(execution: dict) -> int:
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"].get("StateChangeReason")
    return execution["Statistics"]["DataScannedInBytes"]


def count_of(fetch, execution) -> int:
    return int(fetch(execution)[1][0][0])


# --- Pruning of stored partitions ----------------------------------------------------------------


def test_bytes_scanned_are_the_objects_of_the_partitions_needed(tables, run_query, fetch):
    data, east = tables, tables["frames"]["east"]
    one_day = run_query(f"SELECT count(*) FROM flows WHERE date = DATE '{DAYS[1]}'", DB)
    assert scanned(one_day) == size_of(data, "east", lambda f: f.day == DAYS[1])
    assert count_of(fetch, one_day) == int((east["day"] == DAYS[1]).sum())

    everything = run_query("SELECT count(*) FROM flows", DB)
    assert scanned(everything) == size_of(data, "east")
    assert count_of(fetch, everything) == len(east)
    assert scanned(one_day) < scanned(everything)

    two_days = run_query(f"SELECT count(*) FROM flows WHERE date IN (DATE '{DAYS[0]}', DATE '{DAYS[2]}')", DB)
    assert scanned(two_days) == size_of(data, "east", lambda f: f.day in (DAYS[0], DAYS[2]))

    later = run_query(f"SELECT count(*) FROM flows WHERE date > DATE '{DAYS[0]}'", DB)
    assert scanned(later) == size_of(data, "east", lambda f: f.day > DAYS[0])
    assert count_of(fetch, later) == int((east["day"] > DAYS[0]).sum())


def test_a_filter_on_a_data_column_reads_every_object(tables, run_query, fetch):
    execution = run_query("SELECT count(*) FROM flows WHERE action = 'REJECT'", DB)
    assert scanned(execution) == size_of(tables, "east")
    assert count_of(fetch, execution) == int((tables["frames"]["east"]["action"] == "REJECT").sum())


# --- Partition projection ------------------------------------------------------------------------


def test_projected_tables_store_no_partitions(tables, glue):
    assert glue.get_partitions(DatabaseName=DB, TableName="proj")["Partitions"] == []
    parameters = glue.get_table(DatabaseName=DB, Name="proj")["Table"]["Parameters"]
    assert parameters["projection.enabled"] == "true"
    assert parameters["projection.day.format"] == "yyyy/MM/dd"
    assert parameters["storage.location.template"] == f"{BASE}${{region}}/${{day}}"


def test_enum_and_date_projection_find_the_rows(tables, query_rows):
    _, rows = query_rows(
        "SELECT region, day, count(*) FROM proj WHERE day >= '2026/10/10' AND day <= '2026/10/12' GROUP BY region, day",
        DB,
    )
    expected = {("us-east-1", f"{d:%Y/%m/%d}"): n for d, n in tables["frames"]["east"].groupby("day").size().items()}
    expected.update(
        {("eu-west-1", f"{d:%Y/%m/%d}"): n for d, n in tables["frames"]["west"].groupby("day").size().items()}
    )
    assert {(r[0], r[1]): int(r[2]) for r in rows} == expected


def test_projection_reads_only_the_objects_of_one_day(tables, run_query, fetch):
    day = f"{DAYS[1]:%Y/%m/%d}"
    execution = run_query(f"SELECT * FROM proj WHERE region = 'eu-west-1' AND day = '{day}'", DB)
    assert scanned(execution) == size_of(tables, "west")
    west = tables["frames"]["west"].assign(region="eu-west-1", day=day)
    names, rows = fetch(execution)
    assert names == COLUMNS + ["region", "day"]
    assert result_rows(rows) == expected_rows(west, COLUMNS + ["region", "day"])

    both_regions = run_query(f"SELECT count(*) FROM proj WHERE day = '{day}'", DB)
    assert scanned(both_regions) == size_of(tables, "west") + size_of(tables, "east", lambda f: f.day == DAYS[1])


def test_projection_outside_the_range_is_empty(tables, query_rows):
    _, rows = query_rows("SELECT count(*) FROM proj WHERE day = '2020/12/31'", DB)
    assert rows == [["0"]]


def test_integer_projection(tables, run_query, query_rows, fetch, athena):
    hourly = tables["frames"]["hourly"]
    _, rows = query_rows(f"SELECT hour, count(*) FROM hourly WHERE day = '{DAYS[0]:%Y/%m/%d}' GROUP BY hour", DB)
    assert {int(r[0]): int(r[1]) for r in rows} == hourly.groupby("hour").size().to_dict()
    execution = run_query(f"SELECT hour, srcaddr FROM hourly WHERE day = '{DAYS[0]:%Y/%m/%d}' AND hour = 5", DB)
    assert scanned(execution) == size_of(tables, "hourly", lambda f: f.hour == 5)
    _, found = fetch(execution)
    assert len(found) == int((hourly["hour"] == 5).sum()) and {r[0] for r in found} == {"5"}
    info = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])["ResultSet"]["ResultSetMetadata"][
        "ColumnInfo"
    ]
    assert info[0]["Type"] == "integer"


def test_injected_projection(tables, run_query, fetch):
    day = f"{DAYS[1]:%Y/%m/%d}"
    other = run_query(
        f"SELECT count(*), min(account_id) FROM accounts WHERE accid = '{OTHER_ACCOUNT}' AND day = '{day}'", DB
    )
    assert scanned(other) == size_of(tables, "other")
    assert fetch(other)[1] == [[str(len(tables["frames"]["other"])), OTHER_ACCOUNT]]
    own = run_query(f"SELECT count(*) FROM accounts WHERE accid = '{ACCOUNT}' AND day = '{day}'", DB)
    assert count_of(fetch, own) == int((tables["frames"]["east"]["day"] == DAYS[1]).sum())

    unbounded = run_query(f"SELECT count(*) FROM accounts WHERE day = '{day}'", DB)
    status = unbounded["Status"]
    assert status["State"] == "FAILED"  # an injected column needs an equality in the WHERE clause
    assert "accid" in status["StateChangeReason"] and "Traceback" not in status["StateChangeReason"]


def test_date_typed_projection_with_another_format(tables, run_query, fetch):
    custom = tables["frames"]["custom"]
    execution = run_query(f"SELECT dt, count(*) FROM daily WHERE dt = DATE '{DAYS[2]}' GROUP BY dt", DB)
    assert scanned(execution) == size_of(tables, "custom", lambda f: f.day == DAYS[2])
    assert fetch(execution)[1] == [[str(DAYS[2]), str(int((custom["day"] == DAYS[2]).sum()))]]
    ranged = run_query(f"SELECT count(*) FROM daily WHERE dt BETWEEN DATE '{DAYS[0]}' AND DATE '{DAYS[1]}'", DB)
    assert count_of(fetch, ranged) == int((custom["day"] <= DAYS[1]).sum())
    assert scanned(ranged) == size_of(tables, "custom", lambda f: f.day <= DAYS[1])


def test_a_partition_without_objects_is_empty_not_an_error(tables, run_query, query_rows):
    day = date(2026, 10, 20)
    execution = run_query(
        f"ALTER TABLE flows ADD IF NOT EXISTS PARTITION (`date`='{day}') LOCATION '{BASE}us-east-1/{day:%Y/%m/%d}/'", DB
    )
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"].get("StateChangeReason")
    empty = run_query(f"SELECT count(*) FROM flows WHERE date = DATE '{day}'", DB)
    assert scanned(empty) == 0
    assert query_rows(f"SELECT count(*) FROM flows WHERE date = DATE '{day}'", DB)[1] == [["0"]]


def test_date_projection_reaches_now_and_relative_ranges(tables, run_query, query_rows, upload_flow_logs):
    from datetime import datetime, timedelta, timezone

    today = datetime.now(timezone.utc).date()
    old = today - timedelta(days=5)
    files = flow_log_files([today, old], records_per_day=50, seed=56, files_per_day=1, prefix="recent/")
    upload_flow_logs(BUCKET, files)
    execution = run_query(
        f"""CREATE EXTERNAL TABLE recent ({V2_COLUMNS})
PARTITIONED BY (day string)
{TEXT}
LOCATION 's3://{BUCKET}/recent/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1/'
TBLPROPERTIES (
  "skip.header.line.count"="1",
  "projection.enabled"="true",
  "projection.day.type"="date",
  "projection.day.range"="NOW-2DAYS,NOW",
  "projection.day.format"="yyyy/MM/dd",
  "storage.location.template"="s3://{BUCKET}/recent/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1/${{day}}"
)""",
        DB,
    )
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"].get("StateChangeReason")
    assert query_rows(f"SELECT count(*) FROM recent WHERE day = '{today:%Y/%m/%d}'", DB)[1] == [["50"]]
    assert query_rows(f"SELECT count(*) FROM recent WHERE day = '{old:%Y/%m/%d}'", DB)[1] == [["0"]]  # out of range
    assert query_rows("SELECT count(*) FROM recent", DB)[1] == [["50"]]
