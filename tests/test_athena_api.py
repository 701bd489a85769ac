"""The Athena API as boto3 and PyAthena use it: output locations (call, workgroup, neither), query
execution fields, result pages, the result CSV and .metadata in S3, stopping and listing queries,
workgroups, named queries, catalogue metadata, and PyAthena's cursors and pandas.read_sql."""

from __future__ import annotations

import csv
import io
import math
import time
from datetime import date

import pandas as pd
import pytest
from botocore.exceptions import ClientError

from flowlog_data import ACCOUNT, column_types, columns_ddl, flow_log_files, read_files

BUCKET = "api-bucket"
DB = "api_db"
DAYS = [date(2026, 10, 5), date(2026, 10, 6)]
BASE = f"s3://{BUCKET}/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1/"
NO_OUTPUT = (
    "No output location provided. An output location is required either through the Workgroup "
    "result configuration setting or as an API input."
)
COLUMN_TYPES = column_types()


def flows_table(
    upload_flow_logs, run_query, bucket: str, database: str, days: list[date], records_per_day: int, seed: int
) -> pd.DataFrame:
    """Flow logs uploaded to `bucket` and the guide's partitioned `flows` table over them in `database`
    (one partition a day); the records as read_files reads them."""
    files = flow_log_files(days, records_per_day=records_per_day, seed=seed, files_per_day=2)
    upload_flow_logs(bucket, files)
    base = f"s3://{bucket}/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1/"
    statements = [
        f"CREATE DATABASE IF NOT EXISTS {database}",
        f"CREATE EXTERNAL TABLE flows ({columns_ddl()}) PARTITIONED BY (`date` date) ROW FORMAT DELIMITED "
        f"FIELDS TERMINATED BY ' ' LOCATION '{base}' TBLPROPERTIES (\"skip.header.line.count\"=\"1\")",
    ]
    statements += [f"ALTER TABLE flows ADD PARTITION (`date`='{d}') LOCATION '{base}{d:%Y/%m/%d}/'" for d in days]
    for sql in statements:
        execution = run_query(sql, database)
        assert execution["Status"]["State"] == "SUCCEEDED", (sql, execution["Status"].get("StateChangeReason"))
    return read_files(files)


@pytest.fixture(scope="module")
def frame(upload_flow_logs, run_query):
    return flows_table(upload_flow_logs, run_query, BUCKET, DB, DAYS, records_per_day=700, seed=31)


def split_s3(uri: str) -> tuple[str, str]:
    bucket, _, key = uri.removeprefix("s3://").partition("/")
    return bucket, key


# --- Output location -----------------------------------------------------------------------------


@pytest.mark.parametrize("location", ["s3://results-bucket/api/", "s3://results-bucket/api-no-slash"])
def test_output_location_from_the_call(location, run_query, s3):
    execution = run_query("SELECT 1", output=location)
    query_id = execution["QueryExecutionId"]
    expected = f"{location.rstrip('/')}/{query_id}.csv"
    assert execution["ResultConfiguration"]["OutputLocation"] == expected
    bucket, key = split_s3(expected)
    assert s3.get_object(Bucket=bucket, Key=key)["Body"].read()


def test_output_location_from_the_workgroup_and_its_update(athena, run_query, s3):
    athena.create_work_group(
        Name="api-wg",
        Description="labkit tests",
        Configuration={"ResultConfiguration": {"OutputLocation": "s3://results-bucket/wg/"}},
    )
    group = athena.get_work_group(WorkGroup="api-wg")["WorkGroup"]
    assert group["State"] == "ENABLED"
    assert group["Configuration"]["ResultConfiguration"]["OutputLocation"] == "s3://results-bucket/wg/"
    assert {"primary", "api-wg"} <= {g["Name"] for g in athena.list_work_groups()["WorkGroups"]}

    first = run_query("SELECT 1", output=None, workgroup="api-wg")
    assert first["Status"]["State"] == "SUCCEEDED"
    assert first["WorkGroup"] == "api-wg"
    assert first["ResultConfiguration"]["OutputLocation"] == f"s3://results-bucket/wg/{first['QueryExecutionId']}.csv"

    athena.update_work_group(
        WorkGroup="api-wg",
        ConfigurationUpdates={"ResultConfigurationUpdates": {"OutputLocation": "s3://results-bucket/wg2/"}},
    )
    second = run_query("SELECT 2", output=None, workgroup="api-wg")
    location = second["ResultConfiguration"]["OutputLocation"]
    assert location == f"s3://results-bucket/wg2/{second['QueryExecutionId']}.csv"
    assert s3.get_object(Bucket="results-bucket", Key=split_s3(location)[1])["Body"].read()

    listed = athena.list_query_executions(WorkGroup="api-wg")["QueryExecutionIds"]
    assert {first["QueryExecutionId"], second["QueryExecutionId"]} <= set(listed)


def test_no_output_location_is_the_athena_error(athena):
    athena.create_work_group(Name="api-wg-without-output")
    with pytest.raises(ClientError) as error:
        athena.start_query_execution(QueryString="SELECT 1", WorkGroup="api-wg-without-output")
    assert error.value.response["Error"]["Code"] == "InvalidRequestException"
    assert error.value.response["Error"]["Message"] == NO_OUTPUT

    primary = athena.get_work_group(WorkGroup="primary")["WorkGroup"]
    if not primary.get("Configuration", {}).get("ResultConfiguration", {}).get("OutputLocation"):
        with pytest.raises(ClientError) as default_error:
            athena.start_query_execution(QueryString="SELECT 1")
        assert default_error.value.response["Error"]["Message"] == NO_OUTPUT


# --- GetQueryExecution ---------------------------------------------------------------------------


def test_query_execution_fields(frame, run_query):
    sql = "SELECT count(*) FROM flows"
    execution = run_query(sql, DB)
    assert execution["Query"] == sql
    assert execution["StatementType"] == "DML"
    assert execution["WorkGroup"] == "primary"
    assert execution["QueryExecutionContext"]["Database"] == DB
    status = execution["Status"]
    assert status["State"] == "SUCCEEDED"
    assert status["CompletionDateTime"] >= status["SubmissionDateTime"]
    statistics = execution["Statistics"]
    for name in ("EngineExecutionTimeInMillis", "DataScannedInBytes", "TotalExecutionTimeInMillis"):
        assert isinstance(statistics[name], int) and statistics[name] >= 0, name
    assert statistics["DataScannedInBytes"] > 0


@pytest.mark.parametrize(
    "sql, statement_type",
    [
        ("SELECT 1", "DML"),
        ("CREATE DATABASE IF NOT EXISTS api_types_db", "DDL"),
        ("CREATE EXTERNAL TABLE IF NOT EXISTS types_t (x int) LOCATION 's3://api-bucket/types_t/'", "DDL"),
        ("SHOW CREATE TABLE flows", "UTILITY"),
        ("DESCRIBE flows", "UTILITY"),
    ],
)
def test_statement_types(sql, statement_type, frame, run_query):
    # StatementType as the Athena API reference defines it (UTILITY: SHOW CREATE TABLE, DESCRIBE TABLE).
    execution = run_query(sql, DB)
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"].get("StateChangeReason")
    assert execution["StatementType"] == statement_type


def test_failed_query_reports_reason_and_athena_error(frame, run_query, athena):
    execution = run_query("SELECT no_such_column FROM flows", DB)
    status = execution["Status"]
    assert status["State"] == "FAILED"
    assert status["StateChangeReason"]
    error = status["AthenaError"]
    assert error["ErrorCategory"] == 2  # user error
    assert isinstance(error["ErrorType"], int)
    assert error["ErrorMessage"] == status["StateChangeReason"]
    with pytest.raises(ClientError) as results_error:
        athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])
    assert results_error.value.response["Error"]["Code"] == "InvalidRequestException"


# --- GetQueryResults -----------------------------------------------------------------------------

TYPED_SELECT = (
    "SELECT 1 AS i, CAST(2 AS bigint) AS b, 1.5e0 AS d, 'x' AS s, true AS t, DATE '2020-01-02' AS dt, "
    "TIMESTAMP '2020-01-02 03:04:05' AS ts, CAST(1.5 AS decimal(10,2)) AS dec, ARRAY[1, 2] AS arr, "
    "CAST(NULL AS varchar) AS n"
)


def test_header_row_column_info_and_values(run_query, athena):
    execution = run_query(TYPED_SELECT)
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"].get("StateChangeReason")
    result = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])
    info = result["ResultSet"]["ResultSetMetadata"]["ColumnInfo"]
    assert [c["Name"] for c in info] == ["i", "b", "d", "s", "t", "dt", "ts", "dec", "arr", "n"]
    assert [c["Type"] for c in info] == [
        "integer",
        "bigint",
        "double",
        "varchar",
        "boolean",
        "date",
        "timestamp",
        "decimal",
        "array",
        "varchar",
    ]
    decimal = info[7]
    assert (decimal["Precision"], decimal["Scale"]) == (10, 2)
    header, values = result["ResultSet"]["Rows"]
    assert [d["VarCharValue"] for d in header["Data"]] == [c["Name"] for c in info]
    assert [d.get("VarCharValue") for d in values["Data"]] == [
        "1",
        "2",
        "1.5",
        "x",
        "true",
        "2020-01-02",
        "2020-01-02 03:04:05.000",
        "1.50",
        "[1, 2]",
        None,
    ]


def test_column_types_of_a_flow_log_table(frame, run_query, athena):
    execution = run_query("SELECT version, srcaddr, srcport, packets, date FROM flows LIMIT 1", DB)
    info = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])["ResultSet"]["ResultSetMetadata"][
        "ColumnInfo"
    ]
    assert [c["Type"] for c in info] == ["integer", "varchar", "integer", "bigint", "date"]


@pytest.mark.parametrize("page_size, pages", [(None, 3), (500, math.ceil(2501 / 500))])
def test_pagination_past_1000_rows(page_size, pages, run_query, athena):
    execution = run_query("SELECT x FROM UNNEST(sequence(1, 2500)) AS t(x) ORDER BY x")
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"].get("StateChangeReason")
    seen, sizes, token = [], [], None
    while True:
        request = {"QueryExecutionId": execution["QueryExecutionId"]}
        if page_size:
            request["MaxResults"] = page_size
        if token:
            request["NextToken"] = token
        page = athena.get_query_results(**request)
        rows = [r["Data"][0].get("VarCharValue") for r in page["ResultSet"]["Rows"]]
        sizes.append(len(rows))
        seen.extend(rows)
        token = page.get("NextToken")
        if not token:
            break
    assert len(sizes) == pages
    assert all(size <= (page_size or 1000) for size in sizes)
    assert seen == ["x"] + [str(n) for n in range(1, 2501)]  # the header once, then every row once


def test_result_csv_and_metadata_in_s3(frame, run_query, fetch, s3):
    execution = run_query(
        "SELECT srcaddr, count(*) AS c, CAST(NULL AS varchar) AS nothing, '' AS empty "
        "FROM flows GROUP BY srcaddr ORDER BY c DESC, srcaddr",
        DB,
    )
    bucket, key = split_s3(execution["ResultConfiguration"]["OutputLocation"])
    text = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode()
    lines = text.splitlines()
    assert lines[0] == '"srcaddr","c","nothing","empty"'
    assert all(line.startswith('"') and line.endswith(',,""') for line in lines[1:])  # NULL unquoted, '' quoted
    parsed = list(csv.reader(io.StringIO(text)))
    names, rows = fetch(execution)
    assert parsed[0] == names
    assert [[v or "" for v in row] for row in rows] == [row for row in parsed[1:]]
    counts = frame.groupby("srcaddr").size()
    assert {row[0]: int(row[1]) for row in parsed[1:]} == counts.to_dict()
    assert s3.head_object(Bucket=bucket, Key=key + ".metadata")["ContentLength"] > 0


# --- PyAthena ------------------------------------------------------------------------------------


def expected_actions(frame: pd.DataFrame) -> dict:
    return frame.groupby("action").size().to_dict()


ACTIONS_SQL = "SELECT action, count(*) AS c FROM flows GROUP BY action"


def connection(**kwargs):
    from pyathena import connect

    return connect(s3_staging_dir="s3://results-bucket/pyathena/", region_name="us-east-1", schema_name=DB, **kwargs)


def test_pyathena_default_cursor(frame):
    cursor = connection().cursor()
    cursor.execute(ACTIONS_SQL)
    assert [d[0] for d in cursor.description] == ["action", "c"]
    assert dict(cursor.fetchall()) == expected_actions(frame)
    cursor.execute("SELECT srcport, date FROM flows WHERE log_status <> 'OK' LIMIT 3")
    for srcport, day in cursor.fetchall():
        assert srcport is None and day in DAYS


def test_pyathena_pandas_cursor(frame):
    from pyathena.pandas.cursor import PandasCursor

    result = connection(cursor_class=PandasCursor).cursor().execute(ACTIONS_SQL).as_pandas()
    assert dict(zip(result["action"], result["c"].astype(int))) == expected_actions(frame)
    nulls = (
        connection(cursor_class=PandasCursor)
        .cursor()
        .execute("SELECT srcport, action FROM flows WHERE log_status <> 'OK'")
        .as_pandas()
    )
    assert len(nulls) == int((frame["log_status"] != "OK").sum())
    assert nulls["srcport"].isna().all() and (nulls["action"] == "-").all()


def arrow_endpoint(conn) -> str:
    """Where PyAthena's ArrowCursor would read result files from: the endpoint of the pyarrow
    S3FileSystem it builds (pyarrow does not read AWS_ENDPOINT_URL itself)."""
    from types import SimpleNamespace

    from pyathena.arrow.result_set import AthenaArrowResultSetMetadataReader

    builder = SimpleNamespace(_connection=conn, _connect_timeout=None, _request_timeout=None)
    filesystem = AthenaArrowResultSetMetadataReader._create_s3_file_system(builder)
    return filesystem.__reduce__()[1][0]["endpoint_override"]


def test_pyathena_arrow_cursor(frame, sandbox):
    from pyathena.arrow.cursor import ArrowCursor

    # Checked before any read, so a failure here never sends a request to s3.amazonaws.com.
    endpoint = arrow_endpoint(connection())
    assert endpoint and endpoint.rstrip("/").endswith(f"127.0.0.1:{sandbox.port}"), (
        f"ArrowCursor would read results from {endpoint or 'https://s3.amazonaws.com (real AWS)'}: "
        "pyarrow's S3FileSystem ignores AWS_ENDPOINT_URL"
    )
    table = connection(cursor_class=ArrowCursor).cursor().execute(ACTIONS_SQL).as_arrow()
    assert dict(zip(table.column("action").to_pylist(), table.column("c").to_pylist())) == expected_actions(frame)


def test_pandas_read_sql(frame):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # pandas prefers SQLAlchemy; a DBAPI connection works
        result = pd.read_sql(ACTIONS_SQL, connection())
    assert dict(zip(result["action"], result["c"].astype(int))) == expected_actions(frame)


# --- Stop, batch, list ---------------------------------------------------------------------------


def test_stop_query_execution(athena):
    slow = (
        "SELECT count(*) FROM UNNEST(sequence(1, 10000)) a(x) CROSS JOIN UNNEST(sequence(1, 10000)) b(y) "
        "CROSS JOIN UNNEST(sequence(1, 1000)) c(z) WHERE (x * y + z) % 7 = 3"
    )
    query_id = athena.start_query_execution(
        QueryString=slow, ResultConfiguration={"OutputLocation": "s3://results-bucket/"}
    )["QueryExecutionId"]
    athena.stop_query_execution(QueryExecutionId=query_id)
    deadline = time.monotonic() + 30
    while True:
        state = athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]["Status"]["State"]
        if state in ("SUCCEEDED", "FAILED", "CANCELLED") or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert state == "CANCELLED"


def test_stop_a_finished_query_changes_nothing(run_query, athena):
    execution = run_query("SELECT 1")
    athena.stop_query_execution(QueryExecutionId=execution["QueryExecutionId"])
    after = athena.get_query_execution(QueryExecutionId=execution["QueryExecutionId"])["QueryExecution"]
    assert after["Status"]["State"] == "SUCCEEDED"


def test_batch_get_and_list_query_executions(run_query, athena):
    first, second = run_query("SELECT 1"), run_query("SELECT 2")
    ids = [first["QueryExecutionId"], second["QueryExecutionId"]]
    unknown = "00000000-0000-4000-8000-000000000000"
    batch = athena.batch_get_query_execution(QueryExecutionIds=ids + [unknown])
    assert sorted(q["QueryExecutionId"] for q in batch["QueryExecutions"]) == sorted(ids)
    assert {q["Query"] for q in batch["QueryExecutions"]} == {"SELECT 1", "SELECT 2"}
    assert [u["QueryExecutionId"] for u in batch["UnprocessedQueryExecutionIds"]] == [unknown]

    listed = []
    for page in athena.get_paginator("list_query_executions").paginate():
        listed.extend(page["QueryExecutionIds"])
    assert set(ids) <= set(listed)


def test_get_unknown_query_execution(athena):
    with pytest.raises(ClientError) as error:
        athena.get_query_execution(QueryExecutionId="00000000-0000-4000-8000-000000000001")
    assert error.value.response["Error"]["Code"] == "InvalidRequestException"


# --- Named queries and catalogue -----------------------------------------------------------------


def test_named_queries(athena):
    created = athena.create_named_query(
        Name="rejected",
        Description="rejected traffic",
        Database=DB,
        QueryString="SELECT * FROM flows WHERE action = 'REJECT' LIMIT 10",
    )
    named_id = created["NamedQueryId"]
    named = athena.get_named_query(NamedQueryId=named_id)["NamedQuery"]
    assert (named["Name"], named["Description"], named["Database"], named["NamedQueryId"]) == (
        "rejected",
        "rejected traffic",
        DB,
        named_id,
    )
    assert named["QueryString"] == "SELECT * FROM flows WHERE action = 'REJECT' LIMIT 10"
    assert named["WorkGroup"] == "primary"
    assert named_id in athena.list_named_queries()["NamedQueryIds"]
    unknown = "00000000-0000-4000-8000-000000000002"
    batch = athena.batch_get_named_query(NamedQueryIds=[named_id, unknown])
    assert [q["NamedQueryId"] for q in batch["NamedQueries"]] == [named_id]
    assert [u["NamedQueryId"] for u in batch["UnprocessedNamedQueryIds"]] == [unknown]
    athena.delete_named_query(NamedQueryId=named_id)
    assert named_id not in athena.list_named_queries()["NamedQueryIds"]
    with pytest.raises(ClientError) as error:
        athena.get_named_query(NamedQueryId=named_id)
    assert error.value.response["Error"]["Code"] == "InvalidRequestException"


def test_data_catalogs_databases_and_table_metadata(frame, athena, glue):
    catalogs = athena.list_data_catalogs()["DataCatalogsSummary"]
    assert {"CatalogName": "AwsDataCatalog", "Type": "GLUE"} in catalogs

    glue.create_database(DatabaseInput={"Name": "api_glue_db"})
    databases = {d["Name"] for d in athena.list_databases(CatalogName="AwsDataCatalog")["DatabaseList"]}
    assert {DB, "api_glue_db"} <= databases

    tables = athena.list_table_metadata(CatalogName="AwsDataCatalog", DatabaseName=DB)["TableMetadataList"]
    assert "flows" in {t["Name"] for t in tables}
    table = athena.get_table_metadata(CatalogName="AwsDataCatalog", DatabaseName=DB, TableName="flows")["TableMetadata"]
    assert table["Name"] == "flows"
    assert table["TableType"] == "EXTERNAL_TABLE"
    assert [(c["Name"], c["Type"]) for c in table["Columns"]] == COLUMN_TYPES
    assert [(c["Name"], c["Type"]) for c in table["PartitionKeys"]] == [("date", "date")]
    assert table["Parameters"]["skip.header.line.count"] == "1"
    assert table["Parameters"]["location"].rstrip("/") == BASE.rstrip("/")

    with pytest.raises(ClientError):
        athena.get_table_metadata(CatalogName="AwsDataCatalog", DatabaseName=DB, TableName="no_such_table")


def test_query_with_explicit_catalog(frame, athena, run_query):
    execution = run_query("SELECT count(*) FROM flows", DB, catalog="AwsDataCatalog")
    query_id = execution["QueryExecutionId"]
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"].get("StateChangeReason")
    rows = athena.get_query_results(QueryExecutionId=query_id)["ResultSet"]["Rows"]
    assert rows[1]["Data"][0]["VarCharValue"] == str(len(frame))


def test_utility_and_ddl_results_are_text_files(frame, run_query, s3):
    # Athena writes the output of DDL and utility statements as <id>.txt, one line per row.
    execution = run_query("SHOW TABLES", DB)
    location = execution["ResultConfiguration"]["OutputLocation"]
    assert location == f"s3://results-bucket/{execution['QueryExecutionId']}.txt"
    bucket, key = split_s3(location)
    lines = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode().splitlines()
    assert "flows" in [line.strip() for line in lines]


def test_pandas_cursor_reads_a_utility_result(frame):
    from pyathena.pandas.cursor import PandasCursor

    result = connection(cursor_class=PandasCursor).cursor().execute("SHOW TABLES").as_pandas()
    assert "flows" in {str(v).strip() for v in result.iloc[:, 0]}


def test_queries_started_together_all_finish_with_their_own_answers(frame, athena):
    days = {str(d): int((frame["day"] == d).sum()) for d in DAYS}
    started = {}
    for day in days:
        for _ in range(2):
            query_id = athena.start_query_execution(
                QueryString=f"SELECT count(*) FROM flows WHERE date = DATE '{day}'",
                QueryExecutionContext={"Database": DB},
                ResultConfiguration={"OutputLocation": "s3://results-bucket/together/"},
            )["QueryExecutionId"]
            started[query_id] = day
    assert len(set(started)) == len(started)
    deadline = time.monotonic() + 120
    pending = set(started)
    while pending and time.monotonic() < deadline:
        for query_id in list(pending):
            state = athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]["Status"]["State"]
            if state in ("SUCCEEDED", "FAILED", "CANCELLED"):
                assert state == "SUCCEEDED"
                pending.discard(query_id)
        time.sleep(0.02)
    assert not pending
    for query_id, day in started.items():
        rows = athena.get_query_results(QueryExecutionId=query_id)["ResultSet"]["Rows"]
        assert rows[1]["Data"][0]["VarCharValue"] == str(days[day])


def test_pandas_cursor_over_more_than_a_page(frame):
    from pyathena.pandas.cursor import PandasCursor

    result = connection(cursor_class=PandasCursor).cursor().execute("SELECT * FROM flows").as_pandas()
    assert len(result) == len(frame) > 1000
    assert int(result["packets"].sum()) == int(frame["packets"].sum())
    assert int(result["srcport"].isna().sum()) == int(frame["srcport"].isna().sum())
    assert int((result["action"] == "-").sum()) == int((frame["action"] == "-").sum())
    assert sorted(result["interface_id"].unique()) == sorted(frame["interface_id"].unique())


def test_empty_result_has_only_the_header(frame, run_query, athena):
    execution = run_query("SELECT srcaddr, packets FROM flows WHERE srcaddr = 'no.such.address'", DB)
    assert execution["Status"]["State"] == "SUCCEEDED"
    rows = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])["ResultSet"]["Rows"]
    assert [[d.get("VarCharValue") for d in r["Data"]] for r in rows] == [["srcaddr", "packets"]]
    cursor = connection().cursor()
    cursor.execute("SELECT srcaddr, packets FROM flows WHERE srcaddr = 'no.such.address'")
    assert cursor.fetchall() == []


def test_execution_parameters(frame, run_query, athena):
    # StartQueryExecution(ExecutionParameters=[...]) fills `?` placeholders with SQL literals, in order.
    execution = run_query(
        "SELECT count(*) FROM flows WHERE action = ? AND dstport = ?", DB, parameters=["'REJECT'", "443"]
    )
    query_id = execution["QueryExecutionId"]
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"].get("StateChangeReason")
    assert execution["ExecutionParameters"] == ["'REJECT'", "443"]
    rows = athena.get_query_results(QueryExecutionId=query_id)["ResultSet"]["Rows"]
    expected = int(((frame["action"] == "REJECT") & (frame["dstport"] == 443)).sum())
    assert rows[1]["Data"][0]["VarCharValue"] == str(expected)


def test_pyathena_parameters(frame):
    cursor = connection().cursor()
    cursor.execute("SELECT count(*) FROM flows WHERE action = %(action)s", {"action": "REJECT"})
    assert cursor.fetchone()[0] == int((frame["action"] == "REJECT").sum())
