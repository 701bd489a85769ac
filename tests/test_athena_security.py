"""Nothing but the Glue catalog's tables is reachable through the sandbox's Athena API: no local file,
URL, DuckDB table function, setting, extension or DuckDB-only statement, in any position of any
statement; every attempt fails the way Athena fails it. Errors never show a local path, a Python
class or a traceback; an operation name is never looked up on the backend; the locked DuckDB
refuses files outside the engine's folders even when the SQL checks are bypassed."""

from __future__ import annotations

import json
import os
import re
import tempfile
import urllib.error
import urllib.request

import boto3
import duckdb
import pandas as pd
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.exceptions import ClientError

BUCKET = "security-bucket"
DB = "security_db"
NOTES = f"s3://{BUCKET}/notes/"
PASSWD_LINE = "root:x:"
# What must never reach a student: local folders, Python internals, file contents.
LEAKS = (
    "Traceback",
    'File "',
    "site-packages",
    "sqlglot",
    "<class",
    "labkit-athena-",
    PASSWD_LINE,
    tempfile.gettempdir() + os.sep,
    os.path.expanduser("~") + os.sep,
)
AWS_ERROR_CODES = {"InvalidRequestException", "UnknownOperationException", "InternalServerException"}
# A Python exception name (KeyError, ParseError, PermissionException, ...), not one of AWS's codes.
PYTHON_EXCEPTION = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception)\b")


# A Python variable DuckDB's replacement scan would read as a table, were it on.
passwd_frame = pd.DataFrame({"line": [PASSWD_LINE]})


def sandbox_engine(sandbox):
    """The in-process sandbox's Athena engine (the tests start the sandbox in this process)."""
    backend = getattr(sandbox, "athena", None) or sandbox.server.app.athena
    return getattr(backend, "backend", backend).engine


def assert_clean(text: str, sql: str = "") -> None:
    """No leak in `text`; what the user typed in `sql` may be echoed back, as Athena echoes it."""
    for marker in LEAKS:
        if marker not in sql:
            assert marker not in text, (marker, text)
    assert not set(m.group(0) for m in PYTHON_EXCEPTION.finditer(text)) - AWS_ERROR_CODES, text


@pytest.fixture(scope="module")
def notes(s3, run_query):
    """A partitioned text table `notes(id int, note string) PARTITIONED BY (day string)` of two rows."""
    s3.create_bucket(Bucket=BUCKET)
    s3.put_object(Bucket=BUCKET, Key="notes/day=1/a.txt", Body=b"1 hello\n2 world\n")
    for sql in [
        f"CREATE DATABASE IF NOT EXISTS {DB}",
        f"CREATE EXTERNAL TABLE notes (id int, note string) PARTITIONED BY (day string) "
        f"ROW FORMAT DELIMITED FIELDS TERMINATED BY ' ' LOCATION '{NOTES}'",
        "ALTER TABLE notes ADD PARTITION (day='1')",
    ]:
        execution = run_query(sql, DB)
        assert execution["Status"]["State"] == "SUCCEEDED", (sql, execution["Status"])
    return "notes"


def failed(run_query, sql: str, parameters: list[str] | None = None) -> str:
    """The StateChangeReason of a query that must fail; checked for leaks."""
    execution = run_query(sql, DB, parameters=parameters)
    status = execution["Status"]
    assert status["State"] == "FAILED", (sql, status)
    reason = status["StateChangeReason"]
    assert status["AthenaError"]["ErrorMessage"] == reason
    assert_clean(reason, sql + " ".join(parameters or []))
    return reason


def works(query_rows) -> None:
    """A legit query still answers: the engine, its catalog and its cache are intact."""
    assert query_rows("SELECT id, note FROM notes WHERE day = '1' ORDER BY id", DB)[1] == [
        ["1", "hello"],
        ["2", "world"],
    ]


FUNCTION_IN_FROM = [
    ("SELECT * FROM read_csv('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:15: Function 'read_csv' not registered"),
    ("SELECT * FROM read_csv_auto('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:15: Function 'read_csv_auto'"),
    ("SELECT * FROM read_parquet('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:15: Function 'read_parquet'"),
    ("SELECT * FROM read_json('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:15: Function 'read_json'"),
    ("SELECT * FROM read_json_auto('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:15: Function 'read_json_auto'"),
    ("SELECT * FROM read_text('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:15: Function 'read_text'"),
    ("SELECT * FROM read_blob('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:15: Function 'read_blob'"),
    ("SELECT * FROM parquet_scan('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:15: Function 'parquet_scan'"),
    ("SELECT * FROM sniff_csv('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:15: Function 'sniff_csv'"),
    ("SELECT * FROM query_table('notes')", "FUNCTION_NOT_FOUND: line 1:15: Function 'query_table'"),
    ("SELECT * FROM query('SELECT 1')", "FUNCTION_NOT_FOUND: line 1:15: Function 'query'"),
    ("SELECT * FROM duckdb_settings()", "FUNCTION_NOT_FOUND: line 1:15: Function 'duckdb_settings'"),
    ("SELECT * FROM duckdb_extensions()", "FUNCTION_NOT_FOUND: line 1:15: Function 'duckdb_extensions'"),
    ("SELECT * FROM duckdb_views()", "FUNCTION_NOT_FOUND: line 1:15: Function 'duckdb_views'"),
    ("SELECT * FROM pragma_version()", "FUNCTION_NOT_FOUND: line 1:15: Function 'pragma_version'"),
    ("SELECT * FROM read_csv('http://169.254.169.254/latest/meta-data/')", "FUNCTION_NOT_FOUND: line 1:15:"),
    ("SELECT * FROM range(3)", "FUNCTION_NOT_FOUND: line 1:15: Function 'range'"),
    ("SELECT * FROM generate_series(1, 3)", "FUNCTION_NOT_FOUND: line 1:15: Function 'generate_series'"),
    ("SELECT * FROM TABLE(read_csv('/etc/passwd'))", "FUNCTION_NOT_FOUND: line 1:21: Function 'read_csv'"),
    ("SELECT * FROM glob('/etc/*')", "line 1:"),  # not even parsed: SYNTAX_ERROR
    ("SELECT * FROM notes n JOIN read_csv('/etc/passwd') p ON true", "FUNCTION_NOT_FOUND: line 1:28:"),
    ("SELECT * FROM notes n LEFT JOIN read_text('/etc/passwd') p ON true", "FUNCTION_NOT_FOUND: line 1:33:"),
    ("SELECT * FROM notes, LATERAL (SELECT * FROM read_csv('/etc/passwd'))", "FUNCTION_NOT_FOUND: line 1:45:"),
    ("SELECT * FROM (SELECT * FROM read_csv('/etc/passwd'))", "FUNCTION_NOT_FOUND: line 1:30:"),
    ("SELECT * FROM notes WHERE id IN (SELECT 1 FROM read_csv('/etc/passwd'))", "FUNCTION_NOT_FOUND: line 1:48:"),
    ("WITH p AS (SELECT * FROM read_csv('/etc/passwd')) SELECT * FROM p", "FUNCTION_NOT_FOUND: line 1:26:"),
    ("SELECT 1 UNION ALL SELECT 1 FROM read_parquet('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:34:"),
    ("EXPLAIN SELECT * FROM read_csv('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:15:"),
    ("EXPLAIN ANALYZE SELECT * FROM duckdb_settings()", "FUNCTION_NOT_FOUND: line 1:15:"),
]

SCALAR_FUNCTIONS = [
    ("SELECT getenv('HOME')", "FUNCTION_NOT_FOUND: line 1:8: Function 'getenv' not registered"),
    ("SELECT current_setting('allowed_directories')", "FUNCTION_NOT_FOUND: line 1:8: Function 'current_setting'"),
    ("SELECT current_query()", "FUNCTION_NOT_FOUND: line 1:8: Function 'current_query'"),
    ("SELECT read_text('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:8: Function 'read_text'"),
    ("SELECT pg_get_viewdef('x')", "FUNCTION_NOT_FOUND: line 1:8: Function 'pg_get_viewdef'"),
    ("SELECT json_serialize_sql('SELECT 1')", "FUNCTION_NOT_FOUND: line 1:8:"),
    ("SELECT current_user", "FUNCTION_NOT_FOUND:"),
    ("SELECT version()", "FUNCTION_NOT_FOUND: line 1:8:"),
    ("SELECT id FROM notes WHERE day = getenv('HOME')", "FUNCTION_NOT_FOUND: line 1:34:"),  # partition pruning
    ("SELECT id FROM notes ORDER BY length(current_setting('temp_directory'))", "FUNCTION_NOT_FOUND: line 1:38:"),
]

PATH_TABLES = [
    (
        'SELECT * FROM "/etc/passwd"',
        f"TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.{DB}./etc/passwd' does not exist",
    ),
    ("SELECT * FROM '/etc/passwd'", f"TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.{DB}./etc/passwd'"),
    ('SELECT * FROM "file:///etc/passwd"', "TABLE_NOT_FOUND: line 1:15:"),
    (f'SELECT * FROM "{NOTES}day=1/a.txt"', "TABLE_NOT_FOUND: line 1:15:"),
    ("SELECT * FROM 'notes.csv'", "TABLE_NOT_FOUND: line 1:15:"),
    ('SELECT * FROM "https://example.com/x.csv"', "TABLE_NOT_FOUND: line 1:15:"),
    ('SELECT * FROM notes JOIN "/etc/passwd" p ON true', "TABLE_NOT_FOUND: line 1:26:"),
    ('EXPLAIN SELECT * FROM "/etc/passwd"', "TABLE_NOT_FOUND: line 1:15:"),
    # A CTE named like the file, reading "itself": the inner name is no CTE, so it is a catalog table.
    ('WITH "/etc/passwd" AS (SELECT * FROM "/etc/passwd") SELECT * FROM "/etc/passwd"', "TABLE_NOT_FOUND: line 1:"),
    (
        "WITH passwd AS (SELECT * FROM passwd) SELECT * FROM passwd",
        f"TABLE_NOT_FOUND: line 1:31: Table 'awsdatacatalog.{DB}.passwd' does not exist",
    ),
    ("WITH a AS (SELECT * FROM b), b AS (SELECT 1 x) SELECT * FROM a", "TABLE_NOT_FOUND: line 1:26:"),
    ("SELECT * FROM __labkit_table_1", "TABLE_NOT_FOUND: line 1:15:"),
]

STATEMENTS = [
    ("COPY (SELECT 1) TO '/tmp/labkit-security-copy.csv'", "line 1:1: mismatched input 'COPY'"),
    ("COPY notes FROM '/etc/passwd'", "line 1:1: mismatched input 'COPY'"),
    ("ATTACH '/tmp/labkit-security.duckdb' AS x", "line 1:1: mismatched input 'ATTACH'"),
    ("DETACH x", "line 1:1: mismatched input 'DETACH'"),
    ("INSTALL httpfs", "line 1:1: mismatched input 'INSTALL'"),
    ("LOAD httpfs", "line 1:1: mismatched input 'LOAD'"),
    ("PRAGMA version", "line 1:1: mismatched input 'PRAGMA'"),
    ("EXPORT DATABASE '/tmp/labkit-security-export'", "line 1:1: mismatched input 'EXPORT'"),
    ("IMPORT DATABASE '/tmp/labkit-security-export'", "line 1:1: mismatched input 'IMPORT'"),
    ("CHECKPOINT", "line 1:1: mismatched input 'CHECKPOINT'"),
    ("SUMMARIZE SELECT 1", "line 1:1: mismatched input 'SUMMARIZE'"),
    ("FROM read_csv('/etc/passwd')", "line 1:1: mismatched input 'FROM'"),
    ("SET enable_external_access = true", "NOT_SUPPORTED:"),
    ("SET TimeZone = 'Asia/Seoul'", "NOT_SUPPORTED:"),
    ("RESET allowed_directories", "NOT_SUPPORTED:"),
    ("CALL pragma_version()", "NOT_SUPPORTED:"),
    ("SELECT 1; COPY (SELECT 1) TO '/tmp/labkit-security-copy.csv'", "line 1:1: Only one sql statement is allowed"),
    ("SELECT 1 INTO labkit_security_copy", "line 1:"),
    ("WITH a AS (SELECT 1) INSERT INTO notes SELECT 1, 'x'", "line 1:"),
    ("EXPLAIN COPY (SELECT 1) TO '/tmp/labkit-security-copy.csv'", "line 1:"),
    ("CREATE VIEW passwd AS SELECT * FROM read_csv('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:37:"),
    ("CREATE TABLE passwd AS SELECT * FROM read_csv('/etc/passwd')", "FUNCTION_NOT_FOUND: line 1:38:"),
    ('CREATE TABLE passwd AS SELECT * FROM "/etc/passwd"', "TABLE_NOT_FOUND: line 1:38:"),
    ("CREATE TABLE passwd AS SELECT getenv('HOME') AS home", "FUNCTION_NOT_FOUND: line 1:31:"),
]

LOCATIONS = [
    "CREATE EXTERNAL TABLE passwd (line string) LOCATION '/etc/'",
    "CREATE EXTERNAL TABLE passwd (line string) LOCATION 'file:///etc/'",
    "CREATE EXTERNAL TABLE passwd (line string) LOCATION 'https://example.com/etc/'",
    "CREATE EXTERNAL TABLE passwd (line string) LOCATION 's3:///etc/'",
    "CREATE DATABASE passwd_db LOCATION '/etc/'",
    "ALTER TABLE notes ADD PARTITION (day='2') LOCATION 'file:///etc/'",
    "CREATE TABLE passwd WITH (external_location = 'file:///tmp/labkit-security-ctas/') AS SELECT 1 AS a",
    "CREATE TABLE passwd WITH (external_location = '/tmp/labkit-security-ctas/') AS SELECT 1 AS a",
]


@pytest.mark.parametrize("sql, expected", FUNCTION_IN_FROM + SCALAR_FUNCTIONS + PATH_TABLES + STATEMENTS)
def test_nothing_but_catalog_tables_is_reachable(sql, expected, notes, run_query):
    reason = failed(run_query, sql)
    assert reason.startswith(expected), (sql, reason)


@pytest.mark.parametrize("sql", LOCATIONS)
def test_locations_must_be_s3(sql, notes, run_query, glue):
    reason = failed(run_query, sql)
    assert reason.startswith("INVALID_TABLE_PROPERTY: Invalid location "), reason
    assert reason.endswith(" for table. Only S3 locations are allowed"), reason
    assert "passwd" not in {t["Name"] for t in glue.get_tables(DatabaseName=DB)["TableList"]}
    assert "passwd_db" not in {d["Name"] for d in glue.get_databases()["DatabaseList"]}
    assert not os.path.exists("/tmp/labkit-security-ctas")


def test_parameters_are_checked_like_the_query(notes, run_query):
    reason = failed(run_query, "SELECT ?", parameters=["(SELECT count(*) FROM read_text('/etc/passwd'))"])
    assert reason.startswith("FUNCTION_NOT_FOUND: line 1:30: Function 'read_text' not registered"), reason


def test_the_cache_folder_cannot_be_named(notes, run_query, query_rows, sandbox):
    works(query_rows)  # fills the cache
    cache = sandbox_engine(sandbox).storage.cache_dir
    cached = [os.path.join(cache, name) for name in os.listdir(cache)]
    assert cached
    for sql in [
        f'SELECT * FROM "{cached[0]}"',
        f"SELECT * FROM read_csv('{cached[0]}')",
        f"SELECT * FROM read_csv('{cache}/*')",
        f"SELECT * FROM glob('{cache}/*')",
    ]:
        reason = failed(run_query, sql)
        assert reason.split(":")[0] in ("FUNCTION_NOT_FOUND", "TABLE_NOT_FOUND", "line 1"), reason


def test_glue_metadata_cannot_smuggle_sql_or_paths(notes, glue, run_query, query_rows):
    """Glue's API takes any string as a column type or a location: the engine still reads S3 only."""

    def create(name: str, column_type: str, location: str, parameters: dict | None = None) -> None:
        glue.create_table(
            DatabaseName=DB,
            TableInput={
                "Name": name,
                "TableType": "EXTERNAL_TABLE",
                "Parameters": {"EXTERNAL": "TRUE", **(parameters or {})},
                "StorageDescriptor": {
                    "Columns": [{"Name": "id", "Type": column_type}, {"Name": "note", "Type": "string"}],
                    "Location": location,
                    "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
                    "SerdeInfo": {
                        "SerializationLibrary": "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                        "Parameters": {"field.delim": " "},
                    },
                },
            },
        )

    create("glue_smuggled_type", "decimal(1,0)) AS id FROM read_csv('/etc/passwd') --", NOTES + "day=1/")
    _, rows = query_rows("SELECT id, note FROM glue_smuggled_type ORDER BY note", DB)
    assert rows == [["1", "hello"], ["2", "world"]]  # the bad type reads as text
    create("glue_local_location", "int", "file:///etc/")
    assert failed(run_query, "SELECT * FROM glue_local_location").startswith("INVALID_TABLE_PROPERTY: ")
    create("glue_bad_property", "int", NOTES + "day=1/", {"skip.header.line.count": "one"})
    reason = failed(run_query, "SELECT * FROM glue_bad_property")  # a bug-like failure inside the engine
    assert reason.startswith("[ErrorCode: INTERNAL_ERROR_QUERY_ENGINE] Amazon Athena experienced an internal error")


def test_engine_errors_name_no_cached_file(notes, s3, run_query):
    s3.put_object(Bucket=BUCKET, Key="broken/part-0.parquet", Body=b"not parquet at all")
    assert (
        run_query(f"CREATE EXTERNAL TABLE broken (id int) STORED AS PARQUET LOCATION 's3://{BUCKET}/broken/'", DB)[
            "Status"
        ]["State"]
        == "SUCCEEDED"
    )
    failed(run_query, "SELECT * FROM broken")  # DuckDB's own message names the file: scrubbed


def test_explain_names_no_cached_file(notes, query_rows):
    _, plan = query_rows("EXPLAIN SELECT id FROM notes", DB)
    assert_clean("\n".join(row[0] for row in plan))


def test_failed_query_results_are_clean_api_errors(notes, athena, run_query):
    execution = run_query("SELECT * FROM read_csv('/etc/passwd')", DB)
    with pytest.raises(ClientError) as raised:
        athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])
    error = raised.value.response["Error"]
    assert error["Code"] == "InvalidRequestException"
    assert error["Message"].startswith("FUNCTION_NOT_FOUND: line 1:15:")


# --- the API: operations by an explicit list, JSON errors only ------------------------------------


def call(url: str, target: str, body: bytes = b"{}") -> tuple[int, dict, str]:
    """A signed POST as boto3 would send it, with any X-Amz-Target and body: (status, JSON, content type)."""
    credentials = boto3.Session().get_credentials().get_frozen_credentials()
    request = AWSRequest(
        method="POST",
        url=url + "/",
        data=body,
        headers={"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"},
    )
    SigV4Auth(credentials, "athena", "us-east-1").add_auth(request)
    prepared = request.prepare()
    sent = urllib.request.Request(prepared.url, data=body, headers=dict(prepared.headers), method="POST")
    try:
        with urllib.request.urlopen(sent, timeout=30) as response:
            status, content_type, text = response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        status, content_type, text = error.code, error.headers["Content-Type"], error.read()
    assert content_type == "application/x-amz-json-1.1", (target, content_type, text[:200])
    payload = json.loads(text)
    assert_clean(json.dumps(payload))
    return status, payload, content_type


@pytest.mark.parametrize(
    "operation",
    [
        "__init__",
        "__class__",
        "_run",
        "_snake",
        "_execution",
        "dispatch",
        "snapshot_state",
        "restore_state",
        "RestoreState",
        "SnapshotState",
        "start_query_execution",
        "Dispatch",
        "Init",
        "",
        "StartQueryExecution.x",
        "DeleteDataCatalog",
        "GetQueryRuntimeStatistics",
    ],
)
def test_unknown_operations_are_refused(operation, sandbox, notes, run_query, query_rows):
    earlier = run_query("SELECT 1", DB)["QueryExecutionId"]
    status, payload, _ = call(
        sandbox.url, f"AmazonAthena.{operation}", json.dumps({"QueryExecutionId": earlier}).encode()
    )
    assert (status, payload["__type"]) == (400, "UnknownOperationException"), payload
    # The backend was neither re-initialised nor emptied: the earlier query is still known.
    status, payload, _ = call(
        sandbox.url, "AmazonAthena.GetQueryExecution", json.dumps({"QueryExecutionId": earlier}).encode()
    )
    assert status == 200 and payload["QueryExecution"]["Status"]["State"] == "SUCCEEDED"
    works(query_rows)


@pytest.mark.parametrize("body", [b"not json", b"{", b"[1, 2]", b'"text"', b"\xff\xfe", b"null", b"1"])
def test_bodies_that_are_no_json_object_are_invalid_requests(body, sandbox):
    status, payload, _ = call(sandbox.url, "AmazonAthena.ListWorkGroups", body)
    assert (status, payload["__type"]) == (400, "InvalidRequestException"), payload


@pytest.mark.parametrize("token", ["abc", "-1", "1e3", "99999999999999999999x", 5, ["1"]])
def test_bad_next_tokens_are_invalid_requests(token, sandbox, run_query):
    query_id = run_query("SELECT 1", DB)["QueryExecutionId"]
    for operation, body in [
        ("GetQueryResults", {"QueryExecutionId": query_id, "NextToken": token}),
        ("ListQueryExecutions", {"NextToken": token}),
        ("ListNamedQueries", {"NextToken": token}),
    ]:
        status, payload, _ = call(sandbox.url, f"AmazonAthena.{operation}", json.dumps(body).encode())
        assert (status, payload["__type"]) == (400, "InvalidRequestException"), (operation, payload)


def test_unexpected_failures_are_generic_json_500s(sandbox):
    for operation, body in [
        ("GetQueryExecution", {}),
        ("StartQueryExecution", {"QueryString": 5}),
        ("CreateNamedQuery", {"Name": "x"}),
        ("ListTableMetadata", {"CatalogName": "AwsDataCatalog"}),
    ]:
        status, payload, _ = call(sandbox.url, f"AmazonAthena.{operation}", json.dumps(body).encode())
        assert status in (400, 500), (operation, payload)
        if status == 500:
            assert payload == {"__type": "InternalServerException", "Message": "An internal error occurred."}


# --- the second wall: DuckDB itself, should a query ever get past the checks ----------------------


def test_duckdb_is_locked(notes, sandbox, query_rows):
    works(query_rows)
    engine = sandbox_engine(sandbox)
    cache = engine.storage.cache_dir
    cursor = engine.connection.cursor()
    try:
        cached = os.path.join(cache, sorted(os.listdir(cache))[0])
        assert cursor.execute(f"SELECT count(*) FROM read_text('{cached}')").fetchone() == (1,)  # its own folder
        for sql in [
            "SELECT * FROM read_text('/etc/passwd')",
            f"SELECT * FROM read_text('{cache}/../x')",
            "SELECT * FROM read_csv('http://169.254.169.254/latest/meta-data/')",
            "SELECT * FROM glob('/etc/*')",
            "ATTACH '/tmp/labkit-security.duckdb'",
            "COPY (SELECT 1) TO '/tmp/labkit-security-copy.csv'",
            "INSTALL httpfs",
            "LOAD httpfs",
            "SET enable_external_access = true",
            "SET allowed_directories = ['/']",
            "RESET allowed_directories",
            "SET lock_configuration = false",
            "SET autoinstall_known_extensions = true",
            "SELECT * FROM passwd_frame",
        ]:
            with pytest.raises(duckdb.Error):
                cursor.execute(sql).fetchall()
    finally:
        cursor.close()
    assert not os.path.exists("/tmp/labkit-security-copy.csv")
    assert not os.path.exists("/tmp/labkit-security.duckdb")
    works(query_rows)
