"""Failures read as Athena (Trino) words them: the error name, `line L:C:` pointing at the culprit,
the fully qualified table name; never a Python traceback, never a silent wrong answer."""

from __future__ import annotations

import re
from datetime import date

import pytest

from flowlog_data import ACCOUNT, columns_ddl, flow_log_files

BUCKET = "errors-bucket"
DB = "errors_db"
BASE = f"s3://{BUCKET}/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1/"
DAY = date(2026, 9, 1)


@pytest.fixture(scope="module")
def table(upload_flow_logs, run_query):
    upload_flow_logs(BUCKET, flow_log_files([DAY], records_per_day=50, seed=41, files_per_day=1))
    for sql in [
        f"CREATE DATABASE IF NOT EXISTS {DB}",
        f"CREATE EXTERNAL TABLE flows ({columns_ddl()}) PARTITIONED BY (`date` date) ROW FORMAT DELIMITED "
        f"FIELDS TERMINATED BY ' ' LOCATION '{BASE}' TBLPROPERTIES (\"skip.header.line.count\"=\"1\")",
        f"ALTER TABLE flows ADD PARTITION (`date`='{DAY}') LOCATION '{BASE}{DAY:%Y/%m/%d}/'",
    ]:
        execution = run_query(sql, DB)
        assert execution["Status"]["State"] == "SUCCEEDED", (sql, execution["Status"].get("StateChangeReason"))
    return "flows"


def failure(run_query, sql: str, database: str | None = DB) -> str:
    """The StateChangeReason of a query that must fail the way Athena fails a query."""
    execution = run_query(sql, database)
    status = execution["Status"]
    assert status["State"] == "FAILED", (sql, status)
    reason = status["StateChangeReason"]
    assert status["AthenaError"]["ErrorMessage"] == reason
    assert status["AthenaError"]["ErrorCategory"] == 2, status["AthenaError"]  # the user's error
    assert "Traceback" not in reason and not re.search(r'File ".*\.py"', reason), reason
    return reason


@pytest.mark.parametrize(
    "sql, position, token",
    [
        ("SELECT * FORM flows", "line 1:10:", "FORM"),
        ("SELECT srcaddr\nFROM flows\nWHERE action = = 'REJECT'", "line 3:16:", "="),
        ("SELEC srcaddr FROM flows", "line 1:1:", "SELEC"),
    ],
)
def test_syntax_errors_point_at_line_and_column(sql, position, token, table, run_query):
    reason = failure(run_query, sql)
    assert position in reason, reason
    assert f"'{token}'" in reason, reason


def test_table_not_found(table, run_query):
    assert failure(run_query, "SELECT * FROM nosuch") == (
        f"TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.{DB}.nosuch' does not exist"
    )
    assert failure(run_query, f"SELECT * FROM {DB}.nosuch", None) == (
        f"TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.{DB}.nosuch' does not exist"
    )
    assert failure(run_query, "SELECT count(*)\nFROM flows f\nJOIN missing_table m ON f.srcaddr = m.ip") == (
        f"TABLE_NOT_FOUND: line 3:6: Table 'awsdatacatalog.{DB}.missing_table' does not exist"
    )


def test_schema_not_found(table, run_query):
    assert failure(run_query, "SELECT * FROM nodb.flows") == (
        "SCHEMA_NOT_FOUND: line 1:15: Schema 'nodb' does not exist"
    )


def test_column_not_found(table, run_query):
    assert failure(run_query, "SELECT nosuchcol FROM flows") == (
        "COLUMN_NOT_FOUND: line 1:8: Column 'nosuchcol' cannot be resolved"
    )
    assert failure(run_query, "SELECT srcaddr\nFROM flows\nWHERE bogus = 1") == (
        "COLUMN_NOT_FOUND: line 3:7: Column 'bogus' cannot be resolved"
    )


def test_function_not_found_names_the_function(table, run_query):
    reason = failure(run_query, "SELECT no_such_fn(srcaddr) FROM flows")
    assert reason.startswith("FUNCTION_NOT_FOUND: line 1:8:"), reason
    assert "no_such_fn" in reason


def test_type_mismatch_is_an_error_not_a_guess(table, run_query):
    reason = failure(run_query, "SELECT srcaddr + 1 FROM flows")
    assert reason.startswith("TYPE_MISMATCH"), reason


def test_division_by_zero_fails_like_trino(table, run_query):
    # Trino fails the query; returning NULL would be a silent wrong answer.
    reason = failure(run_query, "SELECT count(*) / 0 FROM flows")
    assert "DIVISION_BY_ZERO" in reason, reason


def test_pyathena_raises_operational_error_with_the_reason(table, sandbox):
    from pyathena import connect
    from pyathena.error import DatabaseError, OperationalError

    cursor = connect(s3_staging_dir="s3://results-bucket/", region_name="us-east-1", schema_name=DB).cursor()
    with pytest.raises(OperationalError) as error:
        cursor.execute("SELECT nosuchcol FROM flows")
    assert isinstance(error.value, DatabaseError)
    assert "COLUMN_NOT_FOUND: line 1:8: Column 'nosuchcol' cannot be resolved" in str(error.value)
    with pytest.raises(DatabaseError) as table_error:
        cursor.execute("SELECT * FROM nosuch")
    assert "TABLE_NOT_FOUND" in str(table_error.value)


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT 'unterminated FROM flows",
        "FOO BAR",
        "SELECT * FROM flows WHERE",
        "ALTER TABLE nosuch ADD PARTITION (`date`='2026-09-01') LOCATION 's3://errors-bucket/x/'",
        "MSCK REPAIR TABLE nosuch",
        "DESCRIBE nosuch",
        "SHOW PARTITIONS nosuch",
        "SHOW CREATE TABLE nosuch",
        "DROP DATABASE no_such_database",
        "DROP TABLE nosuch",
        "CREATE EXTERNAL TABLE broken (x int",
        "SELECT count(*) FROM flows WHERE date = DATE 'not-a-date'",
        "SELECT CAST('abc' AS integer)",
    ],
)
def test_every_failure_is_an_athena_message(sql, table, run_query):
    reason = failure(run_query, sql)
    assert reason.strip() and len(reason) < 2000, reason
