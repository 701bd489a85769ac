"""Views as Athena makes them: CREATE [OR REPLACE] VIEW keeps a Glue table of type VIRTUAL_VIEW with the
Presto view definition Athena writes; queries read through it (views of views too), compared with pandas;
SHOW VIEWS, SHOW CREATE VIEW, DESCRIBE and DROP VIEW answer as Athena does."""

from __future__ import annotations

import base64
import json
from datetime import date

import pytest

from flowlog_data import ACCOUNT, columns_ddl, flow_log_files, read_files

BUCKET = "views-bucket"
DB = "views_db"
BASE = f"s3://{BUCKET}/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1/"
DAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def frame(upload_flow_logs, run_query):
    files = flow_log_files([DAY], records_per_day=300, seed=11, files_per_day=1)
    upload_flow_logs(BUCKET, files)
    for sql in [
        f"CREATE DATABASE IF NOT EXISTS {DB}",
        f"CREATE EXTERNAL TABLE flows ({columns_ddl()}) PARTITIONED BY (`date` date) ROW FORMAT DELIMITED "
        f"FIELDS TERMINATED BY ' ' LOCATION '{BASE}' TBLPROPERTIES (\"skip.header.line.count\"=\"1\")",
        f"ALTER TABLE flows ADD PARTITION (`date`='{DAY}') LOCATION '{BASE}{DAY:%Y/%m/%d}/'",
        "CREATE VIEW rejected AS SELECT srcaddr, dstport, bytes FROM flows WHERE action = 'REJECT'",
        "CREATE VIEW rejected_ssh AS SELECT srcaddr, count(*) AS attempts FROM rejected WHERE dstport = 22 "
        "GROUP BY srcaddr",
    ]:
        execution = run_query(sql, DB)
        assert execution["Status"]["State"] == "SUCCEEDED", (sql, execution["Status"].get("StateChangeReason"))
    return read_files(files)


def test_a_view_is_a_glue_table_athena_would_read(frame, glue):
    table = glue.get_table(DatabaseName=DB, Name="rejected")["Table"]
    assert table["TableType"] == "VIRTUAL_VIEW" and table["Parameters"]["presto_view"] == "true"
    text = table["ViewOriginalText"]
    assert text.startswith("/* Presto View: ") and text.endswith(" */")
    view = json.loads(base64.b64decode(text[len("/* Presto View: ") : -3]))
    assert view["originalSql"] == "SELECT srcaddr, dstport, bytes FROM flows WHERE action = 'REJECT'"
    assert view["catalog"] == "awsdatacatalog" and view["schema"] == DB
    assert view["columns"] == [
        {"name": "srcaddr", "type": "varchar"},
        {"name": "dstport", "type": "integer"},
        {"name": "bytes", "type": "bigint"},
    ]
    assert [c["Type"] for c in table["StorageDescriptor"]["Columns"]] == ["string", "int", "bigint"]


def test_queries_read_through_views(frame, query_rows, run_query):
    rejected = frame[frame["action"] == "REJECT"]
    _, rows = query_rows("SELECT count(*), sum(bytes) FROM rejected", DB)
    assert rows == [[str(len(rejected)), str(int(rejected["bytes"].sum()))]]
    _, rows = query_rows("SELECT srcaddr, attempts FROM rejected_ssh ORDER BY attempts DESC, srcaddr", DB)
    ssh = rejected[rejected["dstport"] == 22].groupby("srcaddr").size()
    assert rows == [[a, str(n)] for a, n in sorted(ssh.items(), key=lambda kv: (-kv[1], kv[0]))]
    scanned = run_query("SELECT count(*) FROM rejected", DB)["Statistics"]["DataScannedInBytes"]
    assert scanned == run_query("SELECT count(*) FROM flows", DB)["Statistics"]["DataScannedInBytes"] > 0


def test_show_views_describe_show_create_and_replace(frame, query_rows, run_query):
    assert query_rows("SHOW VIEWS", DB)[1] == [["rejected"], ["rejected_ssh"]]
    _, rows = query_rows("SHOW CREATE VIEW rejected", DB)
    assert rows[0][0].startswith('CREATE VIEW "awsdatacatalog"."views_db"."rejected"')
    execution = run_query("CREATE VIEW rejected AS SELECT 1 AS one", DB)
    assert execution["Status"]["State"] == "FAILED"
    assert "already exists" in execution["Status"]["StateChangeReason"]
    assert run_query("CREATE OR REPLACE VIEW answer AS SELECT 42 AS n", DB)["Status"]["State"] == "SUCCEEDED"
    assert run_query("CREATE OR REPLACE VIEW answer AS SELECT 43 AS n", DB)["Status"]["State"] == "SUCCEEDED"
    assert query_rows("SELECT n FROM answer", DB)[1] == [["43"]]
    assert run_query("DROP VIEW answer", DB)["Status"]["State"] == "SUCCEEDED"
    failed = run_query("SELECT n FROM answer", DB)["Status"]
    assert failed["State"] == "FAILED" and failed["StateChangeReason"].startswith("TABLE_NOT_FOUND")


def test_a_view_that_cannot_run_is_refused(frame, run_query):
    status = run_query("CREATE VIEW broken AS SELECT nosuch FROM flows", DB)["Status"]
    assert status["State"] == "FAILED" and status["StateChangeReason"].startswith("COLUMN_NOT_FOUND")


def test_a_view_planted_in_glue_reads_no_file(frame, glue, run_query):
    from labkit.sandbox.athena.sql.views import table_input

    planted = table_input("planted", "SELECT * FROM read_csv('/etc/passwd')", DB, [("line", "varchar")])
    glue.create_table(DatabaseName=DB, TableInput=planted)
    status = run_query("SELECT * FROM planted", DB)["Status"]
    assert status["State"] == "FAILED"
    assert status["StateChangeReason"].startswith("FUNCTION_NOT_FOUND"), status["StateChangeReason"]
    assert "root:" not in status["StateChangeReason"]


def test_information_schema_describes_the_catalog(frame, query_rows):
    _, rows = query_rows(
        "SELECT column_name, data_type, ordinal_position FROM information_schema.columns "
        f"WHERE table_schema = '{DB}' AND table_name = 'flows' ORDER BY ordinal_position"
    )
    assert rows[:4] == [
        ["version", "integer", "1"],
        ["account_id", "varchar", "2"],
        ["interface_id", "varchar", "3"],
        ["srcaddr", "varchar", "4"],
    ]
    assert rows[-1] == ["date", "date", str(len(rows))]
    _, rows = query_rows(
        f"SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = '{DB}' "
        "AND table_name IN ('flows', 'rejected') ORDER BY 1"
    )
    assert rows == [["flows", "BASE TABLE"], ["rejected", "VIEW"]]
    _, rows = query_rows(f"SELECT count(*) FROM information_schema.schemata WHERE schema_name = '{DB}'")
    assert rows == [["1"]]


def test_unload_writes_parquet_and_a_manifest(frame, run_query, s3):
    import io

    import pyarrow.parquet as pq

    execution = run_query(
        f"UNLOAD (SELECT srcaddr, bytes FROM flows WHERE action = 'REJECT') "
        f"TO 's3://{BUCKET}/unload/rejected/' WITH (format = 'PARQUET')",
        DB,
    )
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"].get("StateChangeReason")
    query_id = execution["QueryExecutionId"]
    manifest = s3.get_object(Bucket="results-bucket", Key=f"{query_id}-manifest.csv")["Body"].read().decode()
    uris = manifest.split()
    assert uris and all(u.startswith(f"s3://{BUCKET}/unload/rejected/") for u in uris)
    tables = [
        pq.read_table(io.BytesIO(s3.get_object(Bucket=BUCKET, Key=u.split("/", 3)[3])["Body"].read())) for u in uris
    ]
    rejected = frame[frame["action"] == "REJECT"]
    assert sum(t.num_rows for t in tables) == len(rejected)
    assert sum(sum(v for v in t.column("bytes").to_pylist() if v is not None) for t in tables) == int(
        rejected["bytes"].sum()
    )
    again = run_query(f"UNLOAD (SELECT 1 AS a) TO 's3://{BUCKET}/unload/rejected/'", DB)["Status"]
    assert again["State"] == "FAILED" and again["StateChangeReason"].startswith("HIVE_PATH_ALREADY_EXISTS")


def test_unload_as_pyathena_writes_it(frame, run_query, s3):
    sql = (
        f"UNLOAD (\n    SELECT count(*) AS n FROM flows\n)\nTO 's3://{BUCKET}/unload/pyathena/'\n"
        "WITH (\n    format = 'PARQUET',\n    compression = 'SNAPPY'\n)"
    )
    execution = run_query(sql, DB)
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"].get("StateChangeReason")
    listed = s3.list_objects_v2(Bucket=BUCKET, Prefix="unload/pyathena/")["Contents"]
    assert len(listed) == 1 and listed[0]["Key"].startswith(f"unload/pyathena/{execution['QueryExecutionId']}")


@pytest.mark.parametrize("storage", ["ROW FORMAT DELIMITED FIELDS TERMINATED BY ','", "STORED AS PARQUET"])
def test_insert_into_appends_rows(storage, frame, run_query, query_rows):
    name = "notes_text" if "DELIMITED" in storage else "notes_parquet"
    for sql in [
        f"CREATE EXTERNAL TABLE {name} (port int, service string, seen date) {storage} "
        f"LOCATION 's3://{BUCKET}/tables/{name}/'",
        f"INSERT INTO {name} VALUES (22, 'ssh', DATE '2026-11-26'), (443, 'https', NULL)",
        f"INSERT INTO {name} (service, port) SELECT 'rdp', 3389",
    ]:
        execution = run_query(sql, DB)
        assert execution["Status"]["State"] == "SUCCEEDED", (sql, execution["Status"].get("StateChangeReason"))
    _, rows = query_rows(f"SELECT port, service, seen FROM {name} ORDER BY port", DB)
    assert rows == [["22", "ssh", "2026-11-26"], ["443", "https", None], ["3389", "rdp", None]]
    status = run_query(f"INSERT INTO {name} (nosuch) VALUES (1)", DB)["Status"]
    assert status["State"] == "FAILED" and status["StateChangeReason"].startswith("COLUMN_NOT_FOUND")


def test_comments_are_kept_and_columns_may_be_fully_qualified(frame, run_query, query_rows, glue):
    execution = run_query(
        f"CREATE EXTERNAL TABLE commented (port int COMMENT 'destination port') COMMENT 'ports' "
        f"STORED AS PARQUET LOCATION 's3://{BUCKET}/tables/commented/'",
        DB,
    )
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"].get("StateChangeReason")
    table = glue.get_table(DatabaseName=DB, Name="commented")["Table"]
    assert table["StorageDescriptor"]["Columns"] == [{"Name": "port", "Type": "int", "Comment": "destination port"}]
    assert table["Parameters"]["comment"] == "ports"
    _, rows = query_rows(
        f"SELECT {DB}.flows.action, count(*) FROM {DB}.flows GROUP BY {DB}.flows.action ORDER BY 1", DB
    )
    assert rows == [[a, str(n)] for a, n in sorted(frame.groupby("action").size().items())]


def test_text_tables_read_collections_and_binary_as_lazysimpleserde_does(frame, run_query, query_rows, s3):
    import base64 as b64

    lines = [f"eni-1\t22\x0280\x02443\tssh\x031\x02http\x032\t{b64.b64encode(b'hi').decode()}", "eni-2\t\\N\t\\N\t\\N"]
    s3.put_object(Bucket=BUCKET, Key="tables/collections/part.txt", Body="\n".join(lines).encode())
    execution = run_query(
        "CREATE EXTERNAL TABLE collections (eni string, ports array<int>, counts map<string,int>, "
        "payload binary) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' "
        f"LOCATION 's3://{BUCKET}/tables/collections/'",
        DB,
    )
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"].get("StateChangeReason")
    _, rows = query_rows(
        "SELECT eni, ports, cardinality(ports), counts['http'], payload, from_utf8(payload) "
        "FROM collections ORDER BY eni",
        DB,
    )
    assert rows == [["eni-1", "[22, 80, 443]", "3", "2", "68 69", "hi"], ["eni-2", None, None, None, None, None]]


def test_text_tables_read_structs_as_lazysimpleserde_does(frame, run_query, query_rows, s3):
    """A struct's fields on \\002 (its collections one level deeper); \\N or a missing field is NULL."""
    lines = ["eni-1\t10.0.0.1\x0222\x02ssh\x03admin", "eni-2\t10.0.0.2\x02\\N", "eni-3\t\\N"]
    s3.put_object(Bucket=BUCKET, Key="tables/structs/part.txt", Body="\n".join(lines).encode())
    execution = run_query(
        "CREATE EXTERNAL TABLE structs (eni string, peer struct<addr:string,port:int,"
        "tags:array<string>>) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' "
        f"LOCATION 's3://{BUCKET}/tables/structs/'",
        DB,
    )
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"].get("StateChangeReason")
    names, rows = query_rows("SELECT eni, peer, peer.port + 1, cardinality(peer.tags) FROM structs ORDER BY eni", DB)
    assert rows == [
        ["eni-1", "{addr=10.0.0.1, port=22, tags=[ssh, admin]}", "23", "2"],
        ["eni-2", "{addr=10.0.0.2, port=null, tags=null}", None, None],
        ["eni-3", None, None, None],
    ]
