"""Athena's engine parses and answers as Trino does over a flow-log table: what Trino rejects fails here
with Trino's error name and position (never runs on DuckDB's leniency), and what a flow-log analyst
asks (hours in Seoul, samples, NULL rules, result names and types) answers as Trino answers, compared
with pandas over the same files."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from flowlog_data import ACCOUNT, columns_ddl, flow_log_files, read_files

BUCKET = "strict-bucket"
DB = "strict_db"
BASE = f"s3://{BUCKET}/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1/"
DAY = date(2026, 11, 27)
SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture(scope="module")
def frame(upload_flow_logs, run_query):
    files = flow_log_files([DAY], records_per_day=400, seed=7, files_per_day=2)
    upload_flow_logs(BUCKET, files)
    for sql in [
        f"CREATE DATABASE IF NOT EXISTS {DB}",
        f"CREATE EXTERNAL TABLE flows ({columns_ddl()}) PARTITIONED BY (`date` date) ROW FORMAT DELIMITED "
        f"FIELDS TERMINATED BY ' ' LOCATION '{BASE}' TBLPROPERTIES (\"skip.header.line.count\"=\"1\")",
        f"ALTER TABLE flows ADD PARTITION (`date`='{DAY}') LOCATION '{BASE}{DAY:%Y/%m/%d}/'",
    ]:
        execution = run_query(sql, DB)
        assert execution["Status"]["State"] == "SUCCEEDED", (sql, execution["Status"].get("StateChangeReason"))
    return read_files(files)


def failure(run_query, sql: str) -> str:
    execution = run_query(sql, DB)
    status = execution["Status"]
    assert status["State"] == "FAILED", (sql, status)
    assert status["AthenaError"]["ErrorMessage"] == status["StateChangeReason"]
    return status["StateChangeReason"]


# --- item 2: parse as Trino does ---
@pytest.mark.parametrize(
    "sql, reason",
    [
        ("SELECT srcaddr, FROM flows", "line 1:17: mismatched input 'FROM'."),
        ("SELECT srcaddr, dstaddr,\nFROM flows", "line 2:1: mismatched input 'FROM'."),
        ("SELECT start, end FROM flows", "line 1:15: mismatched input 'end'."),
        ("SELECT srcaddr FROM flows LIMIT 10 OFFSET 5", "line 1:36: mismatched input 'OFFSET'."),
        ("SELECT srcaddr FROM flows WHERE action ILIKE 'accept'", "line 1:40: mismatched input 'ILIKE'."),
        ("SELECT srcport::varchar FROM flows", "line 1:15: mismatched input ':'."),
        ("SELECT * EXCLUDE (srcaddr) FROM flows", "line 1:10: mismatched input 'EXCLUDE'."),
        ("SELECT [1, 2]", "line 1:8: mismatched input '['."),
        ("SELECT * FROM flows USING SAMPLE 10", "line 1:21: mismatched input 'USING'."),
        ("SELECT `end` FROM flows", "line 1:8: backquoted identifiers are not supported; use double quotes"),
        ("SELECT left(srcaddr, 3) FROM flows", "line 1:8: mismatched input 'left'."),
    ],
)
def test_what_trino_cannot_parse_is_a_syntax_error_at_its_place(sql, reason, frame, run_query):
    found = failure(run_query, sql)
    assert found.startswith(reason), found
    assert not found.startswith("SYNTAX_ERROR")  # Athena's reason for a syntax error has no name before it


@pytest.mark.parametrize(
    "sql, reason",
    [
        (
            "SELECT count(*) FROM flows WHERE \"date\" = '2026-11-27'",
            "TYPE_MISMATCH: line 1:41: Cannot apply operator: date = varchar(10)",
        ),
        (
            "SELECT count(*) FROM flows WHERE dstport = '443'",
            "TYPE_MISMATCH: line 1:42: Cannot apply operator: integer = varchar(3)",
        ),
        (
            "SELECT count(*) FROM flows WHERE \"date\" BETWEEN '2026-11-01' AND '2026-11-30'",
            "TYPE_MISMATCH: line 1:41: Cannot check if date is BETWEEN varchar(10) and varchar(10)",
        ),
        (
            "SELECT srcaddr || dstport FROM flows",
            "FUNCTION_NOT_FOUND: line 1:16: Unexpected parameters (varchar, integer) for function concat.",
        ),
        (
            "SELECT srcaddr, count(*) FROM flows GROUP BY dstaddr",
            "EXPRESSION_NOT_AGGREGATE: line 1:8: 'srcaddr' must be an aggregate expression or appear in GROUP BY clause",
        ),
        (
            "SELECT srcaddr FROM flows a JOIN flows b ON a.dstaddr = b.srcaddr",
            "AMBIGUOUS_NAME: line 1:8: Column 'srcaddr' is ambiguous",
        ),
        (
            "SELECT count(*) FROM flows WHERE dstport IN ('22', '3389')",
            "TYPE_MISMATCH: line 1:42: IN value and list items must be the same type: integer",
        ),
        (
            "SELECT count(*) FROM flows WHERE regexp_like(srcaddr, '^10(?=\\.)')",
            "NOT_SUPPORTED: line 1:1: This regular expression (lookaround or backreference) is not supported",
        ),
        ("SELECT ifnull(srcaddr, '-') FROM flows", "FUNCTION_NOT_FOUND: line 1:8: Function 'ifnull' not registered"),
        (
            "SELECT count(*) FROM flows WHERE len(srcaddr) > 8",
            "FUNCTION_NOT_FOUND: line 1:34: Function 'len' not registered",
        ),
        (
            "SELECT strftime(from_unixtime(start), '%H') FROM flows",
            "FUNCTION_NOT_FOUND: line 1:8: Function 'strftime' not registered",
        ),
        ("SELECT 2147483647 + 1", "NUMERIC_VALUE_OUT_OF_RANGE: integer addition overflow: 2147483647 + 1"),
        (
            "SELECT count(*) FROM flows WHERE \"date\" = DATE '2026-11-31'",
            "INVALID_LITERAL: line 1:43: '2026-11-31' is not a valid date literal",
        ),
    ],
)
def test_common_mistakes_fail_with_trinos_error_name_and_position(sql, reason, frame, run_query):
    found = failure(run_query, sql)
    assert found.startswith(reason), found


def test_deep_nesting_is_an_athena_error_not_a_python_one(frame, run_query):
    found = failure(run_query, "SELECT " + "(" * 500 + "1" + ")" * 500)
    assert found == "line 1:1: statement is too large (stack overflow while parsing)"


def test_a_question_mark_in_a_comment_is_no_parameter(frame, query_rows):
    _, rows = query_rows("SELECT /* which? */ count(*) -- how many?\nFROM flows", DB)
    assert rows == [[str(len(frame))]]


def test_what_trino_accepts_still_runs(frame, query_rows):
    _, rows = query_rows(
        "SELECT count(*) FROM flows WHERE \"date\" = DATE '2026-11-27' AND dstport = 443 OFFSET 0 LIMIT 5", DB
    )
    assert rows == [[str(int((frame["dstport"] == 443).sum()))]]


# --- item 3: answer as Trino does ---
def test_hour_of_day_in_seoul(frame, query_rows):
    _, rows = query_rows(
        "SELECT hour(from_unixtime(start, 'Asia/Seoul')) AS h, count(*) AS n FROM flows "
        "WHERE start IS NOT NULL GROUP BY 1 ORDER BY 1",
        DB,
    )
    starts = frame["start"].dropna().astype(int)
    hours = starts.map(lambda s: datetime.fromtimestamp(s, SEOUL).hour).value_counts().sort_index()
    assert rows == [[str(h), str(n)] for h, n in hours.items()]


def test_timestamps_with_a_zone_are_shown_in_it(frame, athena, run_query, fetch):
    execution = run_query(
        "SELECT start, from_unixtime(start, 'Asia/Seoul') AS kst, "
        "from_unixtime(start) AT TIME ZONE 'America/New_York' AS nyc, "
        "CAST(from_unixtime(start, 'Asia/Seoul') AS date) AS kst_day "
        "FROM flows WHERE start IS NOT NULL ORDER BY start LIMIT 3",
        DB,
    )
    _, rows = fetch(execution)
    page = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"], MaxResults=1)
    types = [c["Type"] for c in page["ResultSet"]["ResultSetMetadata"]["ColumnInfo"]]
    assert types == ["bigint", "timestamp with time zone", "timestamp with time zone", "date"]
    for start, kst, nyc, kst_day in rows:
        instant = datetime.fromtimestamp(int(start), timezone.utc)
        assert kst == instant.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M:%S.000 Asia/Seoul")
        assert nyc == instant.astimezone(ZoneInfo("America/New_York")).strftime(
            "%Y-%m-%d %H:%M:%S.000 America/New_York"
        )
        assert kst_day == instant.astimezone(SEOUL).date().isoformat()


def test_string_functions_answer_null_where_trino_does(frame, query_rows):
    _, rows = query_rows(
        "SELECT count(split_part(srcaddr, '.', 5)), count(regexp_extract(srcaddr, '^172\\.')), count(*) FROM flows", DB
    )
    assert rows == [["0", str(int(frame["srcaddr"].str.startswith("172.").sum())), str(len(frame))]]


def test_tablesample_samples(frame, query_rows):
    _, rows = query_rows("SELECT count(*) FROM flows TABLESAMPLE BERNOULLI (50)", DB)
    sampled = int(rows[0][0])
    assert 0 < sampled < len(frame)
    assert query_rows("SELECT count(*) FROM flows TABLESAMPLE BERNOULLI (50)", DB)[1] == rows  # the same sample


def test_approx_percentile_keeps_the_input_type(frame, athena, run_query, fetch):
    execution = run_query("SELECT approx_percentile(bytes, 0.5) AS p FROM flows", DB)
    _, rows = fetch(execution)
    page = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"], MaxResults=1)
    assert page["ResultSet"]["ResultSetMetadata"]["ColumnInfo"][0]["Type"] == "bigint"
    assert int(rows[0][0]) in set(frame["bytes"].dropna().astype(int))  # one of the values, not an average


def test_values_columns_are_named_as_trino_names_them(query_rows):
    names, rows = query_rows("VALUES (1, 'a'), (2, 'b')")
    assert names == ["_col0", "_col1"] and rows == [["1", "a"], ["2", "b"]]
    names, _ = query_rows("SELECT * FROM (VALUES 1, 2)")
    assert names == ["_col0"]


def test_contains_tells_private_addresses(frame, query_rows):
    _, rows = query_rows(
        "SELECT count_if(contains('10.0.0.0/8', CAST(srcaddr AS IPADDRESS))) FROM flows WHERE srcaddr <> '-'", DB
    )
    addresses = frame["srcaddr"][frame["srcaddr"] != "-"]
    assert rows == [[str(int(addresses.str.startswith("10.").sum()))]]


def test_show_create_table_has_no_empty_property(frame, query_rows):
    _, rows = query_rows("SHOW CREATE TABLE flows", DB)
    text = "\n".join(r[0] for r in rows)
    assert "''=''" not in text and "'skip.header.line.count'='1'" in text


def test_ctas_says_what_it_cannot_honour(frame, run_query):
    found = failure(run_query, "CREATE TABLE flows_json WITH (format = 'JSON') AS SELECT * FROM flows")
    assert found.startswith("NOT_SUPPORTED:") and "PARQUET" in found


def test_a_week_ago_stays_a_date(query_rows):
    _, rows = query_rows("SELECT DATE '2026-11-27' - INTERVAL '7' DAY, typeof(DATE '2026-11-27' - INTERVAL '7' DAY)")
    assert rows == [[str(DAY - timedelta(days=7)), "date"]]


def test_a_zone_survives_subqueries_and_ctes(frame, query_rows):
    _, rows = query_rows(
        "WITH kst AS (SELECT from_unixtime(start, 'Asia/Seoul') AS t FROM flows WHERE start IS NOT NULL) "
        "SELECT hour(t) AS h, min(t) AS first FROM (SELECT t FROM kst) GROUP BY hour(t) ORDER BY h",
        DB,
    )
    starts = frame["start"].dropna().astype(int).map(lambda s: datetime.fromtimestamp(s, SEOUL))
    expected = starts.groupby(starts.map(lambda t: t.hour)).min()
    assert rows == [[str(h), t.strftime("%Y-%m-%d %H:%M:%S.000 Asia/Seoul")] for h, t in expected.items()]


def test_date_diff_counts_whole_units(frame, query_rows):
    _, rows = query_rows(
        "SELECT date_diff('hour', from_unixtime(start), from_unixtime(\"end\")) AS h, count(*) "
        "FROM flows WHERE start IS NOT NULL GROUP BY 1 ORDER BY 1",
        DB,
    )
    spans = ((frame["end"] - frame["start"]).dropna().astype(int) // 3600).value_counts().sort_index()
    assert rows == [[str(h), str(n)] for h, n in spans.items()]


def test_with_column_names_over_values(frame, query_rows):
    names, rows = query_rows(
        "WITH ports(port, service) AS (VALUES (22, 'ssh'), (443, 'https')) "
        "SELECT p.service, count(*) AS n FROM flows f JOIN ports p ON f.dstport = p.port "
        "GROUP BY p.service ORDER BY p.service",
        DB,
    )
    counts = frame["dstport"].value_counts()
    expected = [
        [service, str(int(counts.get(port, 0)))]
        for port, service in ((443, "https"), (22, "ssh"))
        if counts.get(port, 0)
    ]
    assert names == ["service", "n"] and rows == expected


# What flow-log analysts write (the AWS console's named queries, the Athena guide, tutorials): none of
# it is refused by the stricter parsing and typing above.
ANALYST_QUERIES = [
    "SELECT * FROM flows WHERE action = 'REJECT' LIMIT 100",
    "SELECT * FROM flows WHERE \"date\" = DATE('2026-11-27') AND action = 'ACCEPT' LIMIT 10",
    'SELECT day_of_week("date") AS day, "date", interface_id, srcaddr, action, protocol FROM flows '
    "WHERE action = 'REJECT' AND protocol = 6 LIMIT 100",
    "SELECT dstaddr, SUM(packets) AS packetcount FROM flows WHERE dstport = 443 "
    "AND \"date\" > current_date - interval '7' day GROUP BY dstaddr ORDER BY packetcount DESC LIMIT 10",
    "SELECT srcaddr, dstaddr, sum(bytes) AS total FROM flows GROUP BY 1, 2 ORDER BY total DESC LIMIT 10",
    "SELECT interface_id, count(*) FILTER (WHERE action = 'REJECT') AS rejected, count(*) AS total "
    "FROM flows GROUP BY interface_id HAVING count(*) > 1",
    "SELECT srcaddr, count(DISTINCT dstport) AS ports FROM flows WHERE action = 'REJECT' GROUP BY srcaddr "
    "HAVING count(DISTINCT dstport) > 2 ORDER BY ports DESC",
    "SELECT to_iso8601(from_unixtime(start)) AS start_time, split_part(srcaddr, '.', 1) AS first_octet FROM flows "
    "WHERE start IS NOT NULL LIMIT 5",
    "SELECT date_trunc('hour', from_unixtime(start)) AS hour, sum(bytes) FROM flows WHERE start IS NOT NULL "
    "GROUP BY 1 ORDER BY 1",
    "SELECT CASE WHEN dstport IN (22, 3389) THEN 'admin' WHEN dstport < 1024 THEN 'well-known' ELSE 'other' END "
    "AS kind, count(*) FROM flows GROUP BY 1",
    "SELECT srcaddr FROM flows WHERE srcaddr LIKE '10.%' AND NOT regexp_like(dstaddr, '^10\\.') LIMIT 5",
    "WITH rejected AS (SELECT srcaddr, count(*) AS n FROM flows WHERE action = 'REJECT' GROUP BY srcaddr) "
    "SELECT srcaddr, n, rank() OVER (ORDER BY n DESC) AS r FROM rejected",
    "SELECT srcaddr, bytes, sum(bytes) OVER (PARTITION BY srcaddr ORDER BY start ROWS BETWEEN UNBOUNDED PRECEDING "
    "AND CURRENT ROW) AS running FROM flows WHERE bytes IS NOT NULL LIMIT 20",
    "SELECT approx_percentile(bytes, 0.9) AS p90, approx_distinct(srcaddr) AS sources, avg(bytes) FROM flows",
    'SELECT "end" - start AS duration, CAST(bytes AS double) / nullif(packets, 0) AS bytes_per_packet FROM flows '
    "WHERE log_status = 'OK' LIMIT 10",
    "SELECT from_unixtime(start) AT TIME ZONE 'Asia/Seoul' AS kst FROM flows WHERE start IS NOT NULL LIMIT 3",
    "SELECT coalesce(srcaddr, '-') AS src, try_cast(srcport AS varchar) AS port FROM flows LIMIT 3",
    "SELECT protocol, CASE protocol WHEN 6 THEN 'TCP' WHEN 17 THEN 'UDP' WHEN 1 THEN 'ICMP' END AS name, count(*) "
    "FROM flows GROUP BY protocol ORDER BY 3 DESC",
    "SELECT srcaddr FROM flows WHERE contains('172.16.0.0/12', CAST(srcaddr AS IPADDRESS)) AND srcaddr <> '-' LIMIT 3",
    "SELECT a.srcaddr, b.dstaddr FROM flows a JOIN flows b ON a.dstaddr = b.srcaddr AND a.dstport = b.srcport LIMIT 5",
    "SELECT action, round(100.0 * count(*) / sum(count(*)) OVER (), 2) AS pct FROM flows GROUP BY action",
    "SELECT date_format(from_unixtime(start), '%Y-%m-%d %H:00') AS hour, count(*) FROM flows "
    "WHERE start IS NOT NULL GROUP BY 1 ORDER BY 1 DESC LIMIT 3",
    "SELECT * FROM flows WHERE \"date\" BETWEEN DATE '2026-11-20' AND DATE '2026-11-30' AND bytes > 1000 LIMIT 5",
    "SELECT srcaddr, max_by(dstaddr, bytes) AS biggest FROM flows GROUP BY srcaddr LIMIT 5",
    "SELECT count(*) FROM flows WHERE from_unixtime(start) >= TIMESTAMP '2026-11-27 00:00:00' "
    "AND from_unixtime(start) < TIMESTAMP '2026-11-28 00:00:00'",
    "SELECT histogram(action) FROM flows",
    "SELECT array_agg(DISTINCT dstport) FROM flows WHERE action = 'REJECT'",
    "SELECT srcaddr, dstport FROM flows ORDER BY bytes DESC NULLS LAST OFFSET 2 LIMIT 3",
    # the labs' own queries (solutions/03-athena.ipynb)
    "SELECT day_of_week(date) AS day, date, interface_id, srcaddr, action, protocol FROM flows "
    "WHERE action = 'REJECT' AND protocol = 6 LIMIT 100",
    "SELECT start - start % 60 AS minute, count(*) AS rejected FROM flows WHERE action = 'REJECT' "
    "AND date = DATE '2026-11-27' GROUP BY 1 ORDER BY 1",
    "SELECT srcaddr, count(*) AS attempts FROM flows WHERE action = 'REJECT' AND interface_id = 'eni-1' "
    "AND dstaddr = '10.0.0.5' GROUP BY srcaddr ORDER BY attempts DESC, srcaddr LIMIT 10",
]


@pytest.mark.parametrize("sql", ANALYST_QUERIES)
def test_what_analysts_write_runs(sql, frame, run_query):
    execution = run_query(sql, DB)
    assert execution["Status"]["State"] == "SUCCEEDED", (sql, execution["Status"].get("StateChangeReason"))


def test_path_pseudo_column_names_each_rows_object(frame, query_rows, s3):
    _, rows = query_rows('SELECT "$path", count(*) FROM flows GROUP BY 1 ORDER BY 1', DB)
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET, Prefix="AWSLogs/")["Contents"])
    per_file = frame.groupby("key").size() if "key" in frame else None
    assert [r[0] for r in rows] == [f"s3://{BUCKET}/{k}" for k in keys]
    assert sum(int(r[1]) for r in rows) == len(frame)
    if per_file is not None:
        assert [int(r[1]) for r in rows] == [int(per_file[k]) for k in keys]
    names, _ = query_rows("SELECT * FROM flows WHERE \"$path\" LIKE '%.log.gz' LIMIT 1", DB)
    assert "$path" not in names and names[-1] == "date"


def test_from_iso8601_timestamp_of_a_column(frame, query_rows, run_query):
    _, rows = query_rows(
        "SELECT from_iso8601_timestamp(s) FROM (VALUES '2026-11-27T01:02:03Z', "
        "'2026-11-27T01:02:03+00:00', '2026-11-27T01:02:03') t(s)"
    )
    assert rows == [["2026-11-27 01:02:03.000 UTC"]] * 3
    status = run_query("SELECT from_iso8601_timestamp(s) FROM (VALUES '2026-11-27T10:02:03+09:00') t(s)")["Status"]
    assert status["State"] == "FAILED" and status["StateChangeReason"].startswith(
        "NOT_SUPPORTED: line 1:1: from_iso8601_timestamp of a value"
    )
