"""Athena DDL through the API: databases and external tables kept in Glue exactly as Athena keeps them,
text (LazySimpleSerDe null rules, header skipping, gzip) and Parquet tables, partitions added,
dropped and discovered with MSCK, the SHOW/DESCRIBE statements, DROP TABLE / DATABASE."""

from __future__ import annotations

from datetime import date

import pytest
from botocore.exceptions import ClientError

from flowlog_data import (
    ACCOUNT,
    PROJECTION_FIELDS,
    column_types,
    columns_ddl,
    expected_rows,
    flow_log_files,
    prefix_of,
    read_files,
    result_rows,
)

BUCKET = "ddl-bucket"
DB = "ddl_db"
DAYS = [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)]
BASE = f"s3://{BUCKET}/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1/"
HIVE_BASE = f"s3://{BUCKET}/hive/AWSLogs/aws-account-id={ACCOUNT}/aws-service=vpcflowlogs/aws-region=us-east-1/"
PARQUET_PREFIX = "parquet/flows/"
V2_COLUMNS = columns_ddl()
COLUMN_TYPES = column_types()
COLUMNS = [name for name, _ in COLUMN_TYPES]
LAZY_SIMPLE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"
PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"


def create_flows(
    run_query,
    name: str,
    location: str = BASE,
    partitioned: str = "PARTITIONED BY (`date` date)",
    properties: str = 'TBLPROPERTIES ("skip.header.line.count"="1")',
    if_not_exists: bool = False,
):
    sql = (
        f"CREATE EXTERNAL TABLE {'IF NOT EXISTS ' if if_not_exists else ''}{name} ({V2_COLUMNS})\n"
        f"{partitioned}\nROW FORMAT DELIMITED\nFIELDS TERMINATED BY ' '\nLOCATION '{location}'\n{properties}"
    )
    return run_query(sql, DB)


def succeeded(execution: dict) -> dict:
    status = execution["Status"]
    assert status["State"] == "SUCCEEDED", (execution["Query"], status.get("StateChangeReason"))
    return execution


@pytest.fixture(scope="module")
def data(upload_flow_logs):
    text = flow_log_files(DAYS, records_per_day=240, seed=11, files_per_day=3)
    hive = flow_log_files(DAYS, records_per_day=120, seed=12, files_per_day=2, layout="hive", prefix="hive/")
    parquet = flow_log_files(
        DAYS[:2],
        records_per_day=150,
        seed=13,
        files_per_day=2,
        fmt="parquet",
        fields=PROJECTION_FIELDS,
        prefix="parquet/",
    )
    # Parquet objects of one unpartitioned table live directly in one folder.
    parquet = [
        type(f)(
            key=PARQUET_PREFIX + f.key.rsplit("/", 1)[1],
            body=f.body,
            day=f.day,
            hour=f.hour,
            fields=f.fields,
            fmt=f.fmt,
        )
        for f in parquet
    ]
    sizes = upload_flow_logs(BUCKET, text + hive + parquet)
    return {
        "text": text,
        "hive": hive,
        "parquet": parquet,
        "sizes": sizes,
        "frame": read_files(text),
        "hive_frame": read_files(hive),
        "parquet_frame": read_files(parquet),
    }


@pytest.fixture(scope="module")
def database(run_query, data):
    succeeded(run_query(f"CREATE DATABASE {DB}"))
    return DB


@pytest.fixture(scope="module")
def flows(run_query, database):
    """Table `flows` with partitions for all three days, added by ALTER TABLE ADD PARTITION."""
    succeeded(create_flows(run_query, "flows"))
    for day in DAYS[:2]:
        succeeded(run_query(f"ALTER TABLE flows ADD PARTITION (`date`='{day}') LOCATION '{BASE}{day:%Y/%m/%d}/'", DB))
    succeeded(
        run_query(
            f"ALTER TABLE flows ADD IF NOT EXISTS PARTITION (`date`='{DAYS[2]}') LOCATION '{BASE}{DAYS[2]:%Y/%m/%d}/'",
            DB,
        )
    )
    return "flows"


def test_create_database_lands_in_glue(database, glue, run_query):
    assert glue.get_database(Name=DB)["Database"]["Name"] == DB
    again = run_query(f"CREATE DATABASE IF NOT EXISTS {DB}")
    assert again["Status"]["State"] == "SUCCEEDED"
    assert again["StatementType"] == "DDL"
    duplicate = run_query(f"CREATE DATABASE {DB}")
    assert duplicate["Status"]["State"] == "FAILED"
    assert DB in duplicate["Status"]["StateChangeReason"]


def test_text_table_is_stored_in_glue_as_athena_stores_it(flows, glue):
    table = glue.get_table(DatabaseName=DB, Name="flows")["Table"]
    descriptor = table["StorageDescriptor"]
    assert [(c["Name"], c["Type"]) for c in descriptor["Columns"]] == COLUMN_TYPES
    assert [(c["Name"], c["Type"]) for c in table["PartitionKeys"]] == [("date", "date")]
    assert descriptor["Location"].rstrip("/") == BASE.rstrip("/")
    assert descriptor["SerdeInfo"]["SerializationLibrary"] == LAZY_SIMPLE
    assert descriptor["SerdeInfo"]["Parameters"]["field.delim"] == " "
    assert descriptor["InputFormat"] == "org.apache.hadoop.mapred.TextInputFormat"
    assert descriptor["OutputFormat"] == "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
    assert table["Parameters"]["skip.header.line.count"] == "1"
    assert table["Parameters"]["EXTERNAL"].upper() == "TRUE"
    assert table["TableType"] == "EXTERNAL_TABLE"


def test_create_table_if_not_exists_and_duplicate(flows, run_query):
    assert create_flows(run_query, "flows", if_not_exists=True)["Status"]["State"] == "SUCCEEDED"
    duplicate = create_flows(run_query, "flows")
    assert duplicate["Status"]["State"] == "FAILED"
    assert "flows" in duplicate["Status"]["StateChangeReason"]


def test_added_partitions_are_in_glue(flows, glue):
    partitions = glue.get_partitions(DatabaseName=DB, TableName="flows")["Partitions"]
    found = {tuple(p["Values"]): p["StorageDescriptor"]["Location"].rstrip("/") for p in partitions}
    assert found == {(str(day),): f"{BASE}{day:%Y/%m/%d}" for day in DAYS}


def test_add_two_partitions_in_one_statement(database, run_query, glue):
    succeeded(create_flows(run_query, "flows_multi"))
    day1, day2 = DAYS[:2]
    succeeded(
        run_query(
            f"ALTER TABLE flows_multi ADD IF NOT EXISTS PARTITION (`date`='{day1}') LOCATION '{BASE}{day1:%Y/%m/%d}/' "
            f"PARTITION (`date`='{day2}') LOCATION '{BASE}{day2:%Y/%m/%d}/'",
            DB,
        )
    )
    partitions = glue.get_partitions(DatabaseName=DB, TableName="flows_multi")["Partitions"]
    assert sorted(p["Values"][0] for p in partitions) == [str(day1), str(day2)]


def test_add_partition_if_not_exists_is_idempotent(flows, run_query, glue):
    day = DAYS[0]
    again = run_query(
        f"ALTER TABLE flows ADD IF NOT EXISTS PARTITION (`date`='{day}') LOCATION '{BASE}{day:%Y/%m/%d}/'", DB
    )
    assert again["Status"]["State"] == "SUCCEEDED"
    assert len(glue.get_partitions(DatabaseName=DB, TableName="flows")["Partitions"]) == len(DAYS)
    duplicate = run_query(f"ALTER TABLE flows ADD PARTITION (`date`='{day}') LOCATION '{BASE}{day:%Y/%m/%d}/'", DB)
    assert duplicate["Status"]["State"] == "FAILED"


def test_rows_of_a_partition_equal_the_gzip_text(flows, data, query_rows):
    day = DAYS[1]
    columns, rows = query_rows(f"SELECT * FROM flows WHERE date = DATE '{day}'", DB)
    assert columns == COLUMNS + ["date"]
    frame = data["frame"][data["frame"]["day"] == day].assign(date=day)
    assert result_rows(rows) == expected_rows(frame, COLUMNS + ["date"])


def test_lazy_simple_serde_null_rules_and_header_skipping(flows, data, query_rows):
    _, rows = query_rows(
        "SELECT count(*), count(srcport), count(packets), count(version), "
        "count_if(srcaddr = '-'), count_if(action = '-'), count_if(srcaddr IS NULL), "
        "count_if(account_id = 'account-id') FROM flows",
        DB,
    )
    frame = data["frame"]
    no_traffic = int((frame["log_status"] != "OK").sum())
    assert no_traffic > 0
    assert rows == [
        [
            str(len(frame)),  # the header lines are skipped
            str(int(frame["srcport"].notna().sum())),  # '-' in an int column is NULL
            str(len(frame) - no_traffic),
            str(len(frame)),
            str(no_traffic),  # '-' in a string column stays '-'
            str(no_traffic),
            "0",
            "0",
        ]
    ]


def test_without_skip_header_the_header_line_is_a_row(data, database, run_query, query_rows):
    day = DAYS[0]
    succeeded(
        create_flows(run_query, "flows_with_headers", location=f"{BASE}{day:%Y/%m/%d}/", partitioned="", properties="")
    )
    files = [f for f in data["text"] if f.day == day]
    records = int((data["frame"]["day"] == day).sum())
    _, rows = query_rows(
        "SELECT count(*), count(version), count_if(account_id = 'account-id'), "
        "count_if(version IS NULL AND srcport IS NULL) FROM flows_with_headers",
        DB,
    )
    assert rows == [[str(records + len(files)), str(records), str(len(files)), str(len(files))]]


ODD_LINES = [
    "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status",
    "2 123456789012 eni-a 10.0.0.1 10.0.0.2 abc 80 6 10 100 1700000000 1700000060 ACCEPT OK",
    "2 123456789012 eni-b 10.0.0.1 10.0.0.2 99999999999 443 6 10 100 1700000000 1700000060 ACCEPT OK",
    "2 123456789012 eni-c 10.0.0.1 10.0.0.2 1234 443 6 10 100 1700000000 1700000060 ACCEPT OK extra fields here",
    "2 123456789012 eni-d 10.0.0.1",
    "2 123456789012 eni-e 10.0.0.1 10.0.0.2 1234 443 6 10 100 1700000000 1700000060 ACCEPT",
]


def test_lazy_simple_serde_with_odd_lines(database, run_query, query_rows, s3):
    """Unparsable or out-of-range numbers are NULL, extra fields are ignored, missing fields are NULL."""
    import gzip

    s3.put_object(Bucket=BUCKET, Key="odd/odd.log.gz", Body=gzip.compress(("\n".join(ODD_LINES) + "\n").encode()))
    succeeded(create_flows(run_query, "odd_lines", location=f"s3://{BUCKET}/odd/", partitioned=""))
    _, rows = query_rows(
        "SELECT interface_id, srcaddr, dstaddr, srcport, dstport, packets, action, log_status FROM odd_lines", DB
    )
    assert sorted(rows) == [
        ["eni-a", "10.0.0.1", "10.0.0.2", None, "80", "10", "ACCEPT", "OK"],
        ["eni-b", "10.0.0.1", "10.0.0.2", None, "443", "10", "ACCEPT", "OK"],
        ["eni-c", "10.0.0.1", "10.0.0.2", "1234", "443", "10", "ACCEPT", "OK"],
        ["eni-d", "10.0.0.1", None, None, None, None, None, None],
        ["eni-e", "10.0.0.1", "10.0.0.2", "1234", "443", "10", "ACCEPT", None],
    ]


@pytest.mark.parametrize(
    "storage",
    [
        "STORED AS PARQUET",
        f"ROW FORMAT SERDE '{PARQUET_SERDE}'\n"
        "STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'\n"
        "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'",
    ],
    ids=["stored-as-parquet", "serde-inputformat"],
)
def test_parquet_tables(storage, data, database, run_query, query_rows, glue):
    name = "pq_stored" if storage.startswith("STORED") else "pq_serde"
    succeeded(
        run_query(
            f"CREATE EXTERNAL TABLE {name} ({V2_COLUMNS}, tcp_flags int, flow_direction string)\n"
            f"{storage}\nLOCATION 's3://{BUCKET}/{PARQUET_PREFIX}'",
            DB,
        )
    )
    table = glue.get_table(DatabaseName=DB, Name=name)["Table"]
    assert table["StorageDescriptor"]["SerdeInfo"]["SerializationLibrary"] == PARQUET_SERDE
    assert table["StorageDescriptor"]["InputFormat"] == "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    _, rows = query_rows(
        f"SELECT action, count(*), sum(bytes), count(srcport), count_if(tcp_flags = 19) FROM {name} GROUP BY action", DB
    )
    frame = data["parquet_frame"]
    expected = {
        (None if pd_isna(action) else action): [
            str(len(group)),
            None if group["bytes"].isna().all() else str(int(group["bytes"].sum())),
            str(int(group["srcport"].notna().sum())),
            str(int((group["tcp_flags"] == 19).sum())),
        ]
        for action, group in frame.groupby("action", dropna=False)
    }
    assert {row[0]: row[1:] for row in rows} == expected


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_msck_repair_table_finds_hive_style_prefixes(data, database, run_query, query_rows, glue):
    succeeded(
        create_flows(
            run_query,
            "flows_hive",
            location=HIVE_BASE,
            partitioned="PARTITIONED BY (year string, month string, day string)",
        )
    )
    assert glue.get_partitions(DatabaseName=DB, TableName="flows_hive")["Partitions"] == []
    _, before = query_rows("SELECT count(*) FROM flows_hive", DB)
    assert before == [["0"]]

    repair = run_query("MSCK REPAIR TABLE flows_hive", DB)
    assert repair["Status"]["State"] == "SUCCEEDED", repair["Status"].get("StateChangeReason")
    partitions = glue.get_partitions(DatabaseName=DB, TableName="flows_hive")["Partitions"]
    assert sorted(tuple(p["Values"]) for p in partitions) == [(f"{d:%Y}", f"{d:%m}", f"{d:%d}") for d in DAYS]
    for p in partitions:
        year, month, day = p["Values"]
        assert p["StorageDescriptor"]["Location"].rstrip("/") == f"{HIVE_BASE}year={year}/month={month}/day={day}"

    _, rows = query_rows("SELECT day, count(*), sum(packets) FROM flows_hive GROUP BY day", DB)
    frame = data["hive_frame"]
    expected = {
        f"{d:%d}": [str(int((frame["day"] == d).sum())), str(int(frame.loc[frame["day"] == d, "packets"].sum()))]
        for d in DAYS
    }
    assert {row[0]: row[1:] for row in rows} == expected

    _, shown = query_rows("SHOW PARTITIONS flows_hive", DB)
    assert sorted(r[0] for r in shown) == [f"year={d:%Y}/month={d:%m}/day={d:%d}" for d in DAYS]


def test_drop_partition(data, database, run_query, query_rows, glue):
    succeeded(create_flows(run_query, "flows_drop"))
    for day in DAYS[:2]:
        succeeded(
            run_query(f"ALTER TABLE flows_drop ADD PARTITION (`date`='{day}') LOCATION '{BASE}{day:%Y/%m/%d}/'", DB)
        )
    succeeded(run_query(f"ALTER TABLE flows_drop DROP PARTITION (`date`='{DAYS[0]}')", DB))
    partitions = glue.get_partitions(DatabaseName=DB, TableName="flows_drop")["Partitions"]
    assert [p["Values"] for p in partitions] == [[str(DAYS[1])]]
    _, rows = query_rows("SELECT count(*) FROM flows_drop", DB)
    assert rows == [[str(int((data["frame"]["day"] == DAYS[1]).sum()))]]


def test_show_statements_and_describe(flows, run_query, query_rows):
    _, tables = query_rows("SHOW TABLES", DB)
    assert "flows" in {r[0].strip() for r in tables}
    _, tables_in = query_rows(f"SHOW TABLES IN {DB}")
    assert "flows" in {r[0].strip() for r in tables_in}

    _, partitions = query_rows("SHOW PARTITIONS flows", DB)
    assert sorted(r[0] for r in partitions) == [f"date={d}" for d in DAYS]

    _, created = query_rows("SHOW CREATE TABLE flows", DB)
    text = "\n".join(r[0] or "" for r in created)
    assert "CREATE EXTERNAL TABLE" in text
    assert "flows" in text
    assert BASE.rstrip("/") in text
    assert "skip.header.line.count" in text
    assert "PARTITIONED BY" in text

    _, shown_columns = query_rows("SHOW COLUMNS IN flows", DB)
    assert set(COLUMNS) <= {r[0].strip() for r in shown_columns}

    describe = run_query("DESCRIBE flows", DB)
    assert describe["Status"]["State"] == "SUCCEEDED"
    assert describe["StatementType"] == "UTILITY"
    _, described = query_rows("DESCRIBE flows", DB)
    lines = [" ".join((cell or "") for cell in row).split() for row in described]
    pairs = {(words[0], words[1]) for words in lines if len(words) >= 2}
    assert set(COLUMN_TYPES) <= pairs
    assert ("date", "date") in pairs


def test_a_table_created_through_glue_is_queryable(data, database, glue, query_rows):
    # As a Glue crawler or CloudFormation would create it: straight into the catalogue.
    day = DAYS[2]
    glue.create_table(
        DatabaseName=DB,
        TableInput={
            "Name": "flows_from_glue",
            "TableType": "EXTERNAL_TABLE",
            "Parameters": {"EXTERNAL": "TRUE", "skip.header.line.count": "1"},
            "PartitionKeys": [{"Name": "date", "Type": "date"}],
            "StorageDescriptor": {
                "Columns": [{"Name": n, "Type": t} for n, t in COLUMN_TYPES],
                "Location": BASE,
                "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
                "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                "SerdeInfo": {
                    "SerializationLibrary": LAZY_SIMPLE,
                    "Parameters": {"field.delim": " ", "serialization.format": " "},
                },
            },
        },
    )
    glue.create_partition(
        DatabaseName=DB,
        TableName="flows_from_glue",
        PartitionInput={
            "Values": [str(day)],
            "StorageDescriptor": {
                "Location": f"{BASE}{day:%Y/%m/%d}/",
                "Columns": [{"Name": n, "Type": t} for n, t in COLUMN_TYPES],
                "SerdeInfo": {"SerializationLibrary": LAZY_SIMPLE, "Parameters": {"field.delim": " "}},
            },
        },
    )
    _, rows = query_rows("SELECT count(*), count(srcport) FROM flows_from_glue", DB)
    frame = data["frame"][data["frame"]["day"] == day]
    assert rows == [[str(len(frame)), str(int(frame["srcport"].notna().sum()))]]


def test_drop_table_keeps_the_data(data, database, run_query, glue, s3):
    succeeded(create_flows(run_query, "flows_to_drop"))
    assert run_query("DROP TABLE flows_to_drop", DB)["Status"]["State"] == "SUCCEEDED"
    with pytest.raises(ClientError) as error:
        glue.get_table(DatabaseName=DB, Name="flows_to_drop")
    assert error.value.response["Error"]["Code"] == "EntityNotFoundException"
    listed = s3.list_objects_v2(Bucket=BUCKET, Prefix=prefix_of(DAYS[0]))["Contents"]
    assert len(listed) == len([f for f in data["text"] if f.day == DAYS[0]])
    assert run_query("DROP TABLE IF EXISTS flows_to_drop", DB)["Status"]["State"] == "SUCCEEDED"
    missing = run_query("DROP TABLE flows_to_drop", DB)
    assert missing["Status"]["State"] == "FAILED"


def test_drop_database(run_query, glue, data):
    succeeded(run_query("CREATE DATABASE ddl_scratch_db"))
    succeeded(run_query(f"CREATE EXTERNAL TABLE t (x int) LOCATION 's3://{BUCKET}/nothing/'", "ddl_scratch_db"))
    not_empty = run_query("DROP DATABASE ddl_scratch_db")
    assert not_empty["Status"]["State"] == "FAILED"
    assert glue.get_database(Name="ddl_scratch_db")
    succeeded(run_query("DROP DATABASE ddl_scratch_db CASCADE"))
    with pytest.raises(ClientError) as error:
        glue.get_database(Name="ddl_scratch_db")
    assert error.value.response["Error"]["Code"] == "EntityNotFoundException"
    succeeded(run_query("CREATE DATABASE ddl_empty_db"))
    succeeded(run_query("DROP DATABASE IF EXISTS ddl_empty_db"))
    with pytest.raises(ClientError):
        glue.get_database(Name="ddl_empty_db")


def test_msck_again_after_new_logs_arrive(data, database, run_query, query_rows, glue, upload_flow_logs):
    location = f"s3://{BUCKET}/later/AWSLogs/aws-account-id={ACCOUNT}/aws-service=vpcflowlogs/aws-region=us-east-1/"
    first = flow_log_files(DAYS[:1], records_per_day=60, seed=14, files_per_day=1, layout="hive", prefix="later/")
    upload_flow_logs(BUCKET, first)
    succeeded(
        create_flows(
            run_query,
            "flows_later",
            location=location,
            partitioned="PARTITIONED BY (year string, month string, day string)",
        )
    )
    succeeded(run_query("MSCK REPAIR TABLE flows_later", DB))
    assert query_rows("SELECT count(*) FROM flows_later", DB)[1] == [["60"]]

    later = flow_log_files(DAYS[1:3], records_per_day=40, seed=15, files_per_day=1, layout="hive", prefix="later/")
    upload_flow_logs(BUCKET, later)
    assert query_rows("SELECT count(*) FROM flows_later", DB)[1] == [["60"]]  # not until MSCK runs again
    succeeded(run_query("MSCK REPAIR TABLE flows_later", DB))
    partitions = glue.get_partitions(DatabaseName=DB, TableName="flows_later")["Partitions"]
    assert sorted(p["Values"][2] for p in partitions) == [f"{d:%d}" for d in DAYS]
    assert query_rows("SELECT count(*) FROM flows_later", DB)[1] == [["140"]]


def test_parquet_columns_missing_from_the_files_are_null(data, database, run_query, query_rows):
    from flowlog_data import V5_FIELDS

    # The Parquet objects carry every v2-v5 field but `region`: a table declaring it reads NULL there.
    succeeded(
        run_query(
            f"CREATE EXTERNAL TABLE pq_v5 ({columns_ddl(V5_FIELDS)}) STORED AS PARQUET "
            f"LOCATION 's3://{BUCKET}/{PARQUET_PREFIX}'",
            DB,
        )
    )
    frame = data["parquet_frame"]
    _, rows = query_rows("SELECT count(*), count(region), count(vpc_id), count(traffic_path) FROM pq_v5", DB)
    assert rows == [
        [str(len(frame)), "0", str(int(frame["vpc_id"].notna().sum())), str(int(frame["traffic_path"].notna().sum()))]
    ]


def test_a_table_without_row_format_uses_hives_default_separator(database, run_query, query_rows, s3):
    """No ROW FORMAT: LazySimpleSerDe with serialization.format '1', the byte 1 (Ctrl-A), what
    INSERT writes and SELECT reads (PyAthena's SQLAlchemy `to_sql` creates such tables)."""
    s3.put_object(Bucket=BUCKET, Key="ctrl_a/part.txt", Body="22\x01ssh\n443\x01https, tls\n".encode())
    succeeded(run_query(f"CREATE EXTERNAL TABLE ctrl_a (port int, name string) LOCATION 's3://{BUCKET}/ctrl_a/'", DB))
    succeeded(run_query("INSERT INTO ctrl_a VALUES (3389, 'rdp')", DB))
    _, rows = query_rows("SELECT port, name FROM ctrl_a ORDER BY port", DB)
    assert rows == [["22", "ssh"], ["443", "https, tls"], ["3389", "rdp"]]


@pytest.mark.parametrize(
    "storage, reason",
    [
        ("STORED AS ORC", "NOT_SUPPORTED: line 1:1: Tables STORED AS ORC"),
        ("STORED AS AVRO", "NOT_SUPPORTED: line 1:1: Tables STORED AS AVRO"),
        ("STORED AS ICEBERG", "NOT_SUPPORTED: line 1:1: Iceberg tables"),
    ],
)
def test_formats_the_sandbox_cannot_read_are_refused_at_create(storage, reason, database, run_query, glue):
    status = run_query(
        f"CREATE EXTERNAL TABLE refused_format (id int) {storage} LOCATION 's3://{BUCKET}/refused/'", DB
    )["Status"]
    assert status["State"] == "FAILED" and status["StateChangeReason"].startswith(reason), status
    with pytest.raises(ClientError):
        glue.get_table(DatabaseName=DB, Name="refused_format")


def test_a_serde_the_sandbox_cannot_read_is_refused_at_query(database, run_query, s3):
    s3.put_object(Bucket=BUCKET, Key="json_serde/part.json", Body=b'{"id": 1}\n')
    succeeded(
        run_query(
            "CREATE EXTERNAL TABLE json_rows (id int) ROW FORMAT SERDE "
            f"'org.openx.data.jsonserde.JsonSerDe' LOCATION 's3://{BUCKET}/json_serde/'",
            DB,
        )
    )
    status = run_query("SELECT id FROM json_rows", DB)["Status"]
    assert status["State"] == "FAILED"
    assert status["StateChangeReason"].startswith("NOT_SUPPORTED: line 1:1: Tables read with JsonSerDe"), status
