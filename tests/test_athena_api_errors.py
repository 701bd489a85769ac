"""The shapes of Athena's answers where the API layer decides them: validation errors worded as AWS
words them (a missing member, a QueryString over 262,144 characters, MaxResults over 1000 or 50),
JSON errors for bodies that are not what the model says, GetTableMetadata's Glue error for a missing
table (what PyAthena's has_table relies on), SubstatementType and UpdateCount of a CREATE TABLE AS
SELECT, Hive type names of DDL output, and Iceberg DDL failing as a statement Athena cannot run.

The expectations about PyAthena's cursors are those of PyAthena's own tests against real Athena."""

from __future__ import annotations

import json
import re

import pytest
from botocore.exceptions import ClientError

from test_athena_security import call

BUCKET = "api-errors-bucket"
DB = "api_errors_db"
MAX_QUERY = 262_144
ENTITY_NOT_FOUND = re.compile(
    r"Entity Not Found \(Service: AmazonDataCatalog; Status Code: 400; Error Code: "
    r"EntityNotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\)"
)


@pytest.fixture(scope="module")
def database(s3, run_query):
    s3.create_bucket(Bucket=BUCKET)
    s3.put_object(Bucket=BUCKET, Key="notes/a.txt", Body=b"1 hello\n2 world\n3 again\n")
    for sql in [
        f"CREATE DATABASE IF NOT EXISTS {DB}",
        f"CREATE EXTERNAL TABLE IF NOT EXISTS notes (id int, note string) ROW FORMAT DELIMITED "
        f"FIELDS TERMINATED BY ' ' LOCATION 's3://{BUCKET}/notes/'",
    ]:
        assert run_query(sql, DB)["Status"]["State"] == "SUCCEEDED", sql
    return DB


def refused(action) -> dict:
    with pytest.raises(ClientError) as error:
        action()
    return error.value.response


def validation(*errors: str) -> str:
    return f"{len(errors)} validation error{'s' if len(errors) > 1 else ''} detected: " + "; ".join(errors)


# --- validation against Athena's model -------------------------------------------------------------


def test_a_query_string_of_262144_characters_runs_and_one_more_is_refused(athena, run_query):
    longest = "SELECT 1 --" + "x" * (MAX_QUERY - len("SELECT 1 --"))
    assert len(longest) == MAX_QUERY
    assert run_query(longest)["Status"]["State"] == "SUCCEEDED"

    too_long = longest + "x"
    response = refused(
        lambda: athena.start_query_execution(
            QueryString=too_long, ResultConfiguration={"OutputLocation": "s3://results-bucket/"}
        )
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "InvalidRequestException"
    assert response["Error"]["Message"] == validation(
        f"Value '{too_long}' at 'queryString' failed to satisfy constraint: "
        f"Member must have length less than or equal to {MAX_QUERY}"
    )


@pytest.mark.parametrize(
    "operation, request_body, limit",
    [
        ("get_query_results", {"MaxResults": 1001}, 1000),
        ("get_query_results", {"MaxResults": 5000}, 1000),
        ("list_query_executions", {"MaxResults": 51}, 50),
        ("list_named_queries", {"MaxResults": 51}, 50),
        ("list_databases", {"CatalogName": "AwsDataCatalog", "MaxResults": 51}, 50),
        ("list_table_metadata", {"CatalogName": "AwsDataCatalog", "DatabaseName": DB, "MaxResults": 51}, 50),
    ],
)
def test_max_results_over_the_limit_is_refused(operation, request_body, limit, athena, run_query):
    body = dict(request_body)
    if operation == "get_query_results":
        body["QueryExecutionId"] = run_query("SELECT 1")["QueryExecutionId"]
    response = refused(lambda: getattr(athena, operation)(**body))
    assert response["Error"]["Code"] == "InvalidRequestException"
    assert response["Error"]["Message"] == validation(
        f"Value '{body['MaxResults']}' at 'maxResults' failed to satisfy constraint: "
        f"Member must have value less than or equal to {limit}"
    )


def test_at_the_limit_is_accepted(athena, run_query, database):
    query_id = run_query("SELECT 1")["QueryExecutionId"]
    assert athena.get_query_results(QueryExecutionId=query_id, MaxResults=1000)["ResultSet"]["Rows"]
    assert "QueryExecutionIds" in athena.list_query_executions(MaxResults=50)
    assert athena.list_table_metadata(CatalogName="AwsDataCatalog", DatabaseName=database, MaxResults=50)


@pytest.mark.parametrize(
    "target, body, message",
    [
        (
            "GetQueryExecution",
            {},
            validation("Value null at 'queryExecutionId' failed to satisfy constraint: Member must not be null"),
        ),
        (
            "GetTableMetadata",
            {"CatalogName": "AwsDataCatalog"},
            validation(
                "Value null at 'databaseName' failed to satisfy constraint: Member must not be null",
                "Value null at 'tableName' failed to satisfy constraint: Member must not be null",
            ),
        ),
        (
            "StartQueryExecution",
            {"QueryString": "SELECT 1", "WorkGroup": "no spaces allowed"},
            validation(
                "Value 'no spaces allowed' at 'workGroup' failed to satisfy constraint: Member must satisfy regular "
                "expression pattern: [a-zA-Z0-9._-]{1,128}"
            ),
        ),
        (
            "GetQueryResults",
            {"QueryExecutionId": "q", "QueryResultType": "ROWS"},
            validation(
                "Value 'ROWS' at 'queryResultType' failed to satisfy constraint: Member must satisfy enum value set: "
                "[DATA_MANIFEST, DATA_ROWS]"
            ),
        ),
        ("GetQueryExecution", {"QueryExecutionId": 5}, "NUMBER_VALUE can not be converted to a String"),
        ("StartQueryExecution", {"QueryString": ["SELECT 1"]}, "Start of list found where not expected"),
        (
            "GetQueryResults",
            {"QueryExecutionId": "q", "MaxResults": "10"},
            "STRING_VALUE can not be converted to an Integer",
        ),
        ("GetQueryResults", {"QueryExecutionId": {"a": 1}}, "Start of structure or map found where not expected."),
    ],
)
def test_requests_that_break_the_model_are_json_400s(target, body, message, sandbox):
    status, payload, _ = call(sandbox.url, f"AmazonAthena.{target}", json.dumps(body).encode())
    assert (status, payload) == (400, {"__type": "InvalidRequestException", "Message": message})


@pytest.mark.parametrize("body", [b"<html>", b'{"QueryExecutionId": ', b"[]", b"\x00\x01"])
@pytest.mark.parametrize("target", ["GetQueryResults", "StartQueryExecution", "GetTableMetadata"])
def test_a_body_that_is_no_json_object_is_a_json_400(target, body, sandbox):
    status, payload, content_type = call(sandbox.url, f"AmazonAthena.{target}", body)
    assert (status, payload["__type"]) == (400, "InvalidRequestException")
    assert content_type == "application/x-amz-json-1.1"


@pytest.mark.parametrize("token", ["garbage", "eyJxIjoiYSJ9", "1" * 1024])
def test_a_next_token_it_never_handed_out_is_a_json_400(token, athena, run_query):
    query_id = run_query("SELECT 1")["QueryExecutionId"]
    response = refused(lambda: athena.get_query_results(QueryExecutionId=query_id, NextToken=token))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert (response["Error"]["Code"], response["Error"]["Message"]) == ("InvalidRequestException", "Invalid NextToken")


def test_a_next_token_over_1024_characters_breaks_the_model(athena, run_query):
    query_id = run_query("SELECT 1")["QueryExecutionId"]
    response = refused(lambda: athena.get_query_results(QueryExecutionId=query_id, NextToken="1" * 1025))
    assert response["Error"]["Message"].startswith("1 validation error detected: Value '111")
    assert response["Error"]["Message"].endswith(
        "at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 1024"
    )


# --- GetTableMetadata: Glue's error, as PyAthena expects it ------------------------------------------


def test_a_missing_table_is_glue_entity_not_found(athena, database):
    response = refused(
        lambda: athena.get_table_metadata(
            CatalogName="AwsDataCatalog", DatabaseName=database, TableName="no_such_table"
        )
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "MetadataException"
    assert ENTITY_NOT_FOUND.fullmatch(response["Error"]["Message"]), response["Error"]["Message"]
    found = athena.get_table_metadata(CatalogName="AwsDataCatalog", DatabaseName=database, TableName="notes")
    assert found["TableMetadata"]["Name"] == "notes"


def test_pyathena_has_table_sees_the_missing_table(database):
    """PyAthena's SQLAlchemy dialect (`_get_table`, behind has_table and to_sql) turns exactly a
    ClientError with code MetadataException into NoSuchTableError, i.e. has_table() -> False."""
    import botocore.exceptions
    import pyathena.error

    cursor = connect().cursor()
    assert cursor.get_table_metadata("notes", schema_name=database).name == "notes"
    with pytest.raises(pyathena.error.OperationalError) as error:
        cursor.get_table_metadata("no_such_table", schema_name=database)
    cause = error.value.__cause__
    assert isinstance(cause, botocore.exceptions.ClientError)
    assert cause.response["Error"]["Code"] == "MetadataException"


# --- CREATE TABLE AS SELECT: SubstatementType and UpdateCount ------------------------------------------


def test_ctas_reports_its_row_count_as_update_count(athena, run_query, database):
    execution = run_query(
        f"CREATE TABLE ctas_counted WITH (external_location='s3://{BUCKET}/ctas_counted/') "
        "AS SELECT * FROM notes WHERE id > 1",
        database,
    )
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    assert execution["StatementType"] == "DML"
    assert execution["SubstatementType"] == "CREATE_TABLE_AS_SELECT"
    page = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])
    assert page["UpdateCount"] == 2
    info = page["ResultSet"]["ResultSetMetadata"]["ColumnInfo"]
    assert [(c["Name"], c["Type"], c["Precision"], c["Scale"]) for c in info] == [("rows", "bigint", 19, 0)]
    assert page["ResultSet"]["Rows"] == [{"Data": [{"VarCharValue": "rows"}]}]  # the header only
    assert run_query("SELECT count(*) FROM ctas_counted", database)["Status"]["State"] == "SUCCEEDED"


@pytest.mark.parametrize("cursor_class", ["default", "pandas", "arrow"])
def test_pyathena_ctas_rowcount_and_description(cursor_class, database):
    """As PyAthena's test_description_with_ctas asserts against Athena."""
    cursor = connect().cursor(**cursor_kwargs(cursor_class))
    cursor.execute(
        f"CREATE TABLE ctas_{cursor_class} WITH (format='PARQUET', "
        f"external_location='s3://{BUCKET}/ctas_{cursor_class}/') AS SELECT id FROM notes LIMIT 1"
    )
    assert cursor.description == [("rows", "bigint", None, None, 19, 0, "UNKNOWN")]
    assert cursor.rowcount == 1
    assert cursor.fetchone() is None


def test_a_select_has_no_update_count(athena, run_query, database):
    execution = run_query("SELECT * FROM notes", database)
    assert execution["SubstatementType"] == "SELECT"
    assert athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])["UpdateCount"] == 0
    assert connect().cursor().execute("SELECT * FROM notes").rowcount == -1


@pytest.mark.parametrize(
    "sql, substatement",
    [
        ("SELECT id, note FROM notes", "SELECT"),
        ("WITH t AS (SELECT 1 AS x) SELECT x FROM t", "SELECT"),
        ("/* a comment */ SELECT 1", "SELECT"),
        (f"CREATE EXTERNAL TABLE IF NOT EXISTS notes (id int) LOCATION 's3://{BUCKET}/notes/'", "CREATE_TABLE"),
        ("CREATE DATABASE IF NOT EXISTS api_errors_db", "CREATE_DATABASE"),
        ("SHOW TABLES", "SHOW_TABLES"),
        ("SHOW COLUMNS IN notes", "SHOW_COLUMNS"),
        ("SHOW CREATE TABLE notes", "SHOW_CREATE_TABLE"),
        ("DESCRIBE notes", "DESCRIBE_TABLE"),
        ("EXPLAIN SELECT 1", "EXPLAIN"),
        ("DROP TABLE IF EXISTS not_there", "DROP_TABLE"),
    ],
)
def test_substatement_types(sql, substatement, run_query, database):
    assert run_query(sql, database)["SubstatementType"] == substatement


# --- DDL output is typed with Hive's names ------------------------------------------------------------


def test_pyathena_show_columns_is_a_string_column(database):
    """As PyAthena's test_show_columns asserts against Athena."""
    cursor = connect().cursor()
    cursor.execute("SHOW COLUMNS IN notes")
    assert cursor.description == [("field", "string", None, None, 0, 0, "UNKNOWN")]
    assert [row[0].strip() for row in cursor.fetchall()] == ["id", "note"]


@pytest.mark.parametrize(
    "sql, column",
    [("SHOW TABLES", "tab_name"), ("SHOW CREATE TABLE notes", "createtab_stmt"), ("DESCRIBE notes", "col_name")],
)
def test_ddl_output_columns_are_strings(sql, column, athena, run_query, database):
    execution = run_query(sql, database)
    info = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])["ResultSet"]["ResultSetMetadata"]
    assert [(c["Name"], c["Type"], c["Precision"]) for c in info["ColumnInfo"]] == [(column, "string", 0)]


def test_pyathena_create_table_has_no_columns(database):
    cursor = connect().cursor()
    cursor.execute(f"CREATE EXTERNAL TABLE IF NOT EXISTS described (a int) LOCATION 's3://{BUCKET}/described/'")
    assert cursor.description == []
    assert cursor.fetchone() is None


# --- Iceberg: an Athena-style failure, never a Python error ---------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        f"CREATE TABLE ice_a (id bigint, ts timestamp) PARTITIONED BY (day(ts)) LOCATION 's3://{BUCKET}/ice_a/' "
        "TBLPROPERTIES ('table_type'='ICEBERG')",
        f"CREATE TABLE ice_b (id bigint) LOCATION 's3://{BUCKET}/ice_b/' TBLPROPERTIES ('table_type'='iceberg')",
        f"CREATE TABLE ice_c (id bigint, ts timestamp) PARTITIONED BY (bucket(16, id), day(ts)) "
        f"LOCATION 's3://{BUCKET}/ice_c/' TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet')",
        f"CREATE TABLE ice_d WITH (table_type='ICEBERG', location='s3://{BUCKET}/ice_d/', is_external=false) "
        "AS SELECT 1 AS id",
    ],
)
def test_iceberg_ddl_fails_as_athena_fails(sql, run_query, glue, database):
    execution = run_query(sql, database)
    status = execution["Status"]
    assert status["State"] == "FAILED"
    assert status["AthenaError"]["ErrorCategory"] == 2, status  # the user's statement, not the engine
    assert status["StateChangeReason"].startswith("NOT_SUPPORTED: line 1:1: Iceberg tables"), status
    assert "Error" not in status["StateChangeReason"].replace("ErrorCode", "")
    name = re.search(r"TABLE (\w+)", sql).group(1)
    assert (
        refused(lambda: glue.get_table(DatabaseName=database, Name=name))["Error"]["Code"] == "EntityNotFoundException"
    )


# --- helpers ----------------------------------------------------------------------------------------


def connect():
    from pyathena import connect as pyathena_connect

    return pyathena_connect(s3_staging_dir="s3://results-bucket/pyathena/", region_name="us-east-1", schema_name=DB)


def cursor_kwargs(name: str) -> dict:
    if name == "pandas":
        from pyathena.pandas.cursor import PandasCursor

        return {"cursor": PandasCursor}
    if name == "arrow":
        from pyathena.arrow.cursor import ArrowCursor

        return {"cursor": ArrowCursor}
    return {}
