"""AWS Glue crawlers over flow-log prefixes, through boto3 against the sandbox: the crawler's state
(READY -> RUNNING -> STOPPING -> READY, one step per look, LastCrawl), what a crawl writes to the
Data Catalog for the AWS layouts (default, Hive-compatible, Parquet; with and without a custom CSV
classifier), that Athena then reads the table (answers compared with pandas over the same files),
re-crawls, stops, failures, and the crawler's state across a snapshot and restore."""

from __future__ import annotations

import gzip
from datetime import date

import pytest
from botocore.exceptions import ClientError

from conftest import reset_sandbox
from flowlog_data import ACCOUNT, V2_FIELDS, V5_FIELDS, flow_log_files, read_files
from labkit.sandbox.glue.crawler import classify, table_name
from labkit.sandbox.persistence import load_snapshot, save_snapshot

BUCKET = "crawler-flow-logs"
DB = "crawler_db"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/AWSGlueServiceRole-flowlogs"
DAYS = [date(2026, 11, 3), date(2026, 11, 4), date(2026, 11, 5)]
REGION_PATH = f"s3://{BUCKET}/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1/"
HEADER = list(V2_FIELDS)
SPACE_CLASSIFIER = {"Name": "flow-logs-space", "Delimiter": " ", "ContainsHeader": "PRESENT"}
LAZY_SIMPLE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"


@pytest.fixture(scope="module")
def flow_logs(glue, upload_flow_logs):
    """Three days of default-layout text flow logs, two files a day; the database; the classifier."""
    files = flow_log_files(DAYS, records_per_day=400, seed=11, files_per_day=2)
    upload_flow_logs(BUCKET, files)
    ensure_database(glue, DB)
    try:
        glue.create_classifier(CsvClassifier=SPACE_CLASSIFIER)
    except glue.exceptions.AlreadyExistsException:
        pass
    return files


def ensure_database(glue, name: str) -> None:
    try:
        glue.create_database(DatabaseInput={"Name": name})
    except glue.exceptions.AlreadyExistsException:
        pass


def create_crawler(glue, name: str, path: str = REGION_PATH, **options) -> None:
    glue.create_crawler(
        Name=name,
        Role=ROLE,
        DatabaseName=options.pop("DatabaseName", DB),
        Targets={"S3Targets": [{"Path": path, **options.pop("target", {})}]},
        **options,
    )


def state(glue, name: str) -> dict:
    return glue.get_crawler(Name=name)["Crawler"]


def crawl(glue, name: str) -> dict:
    """Start the crawler and look at it until it is READY again: the crawler as the last look saw it."""
    glue.start_crawler(Name=name)
    for _ in range(10):
        crawler = state(glue, name)
        if crawler["State"] == "READY":
            return crawler
    raise AssertionError(f"crawler {name} never came back to READY")


def refused(action) -> dict:
    with pytest.raises(ClientError) as error:
        action()
    return error.value.response["Error"]


# --- the crawler's state ----------------------------------------------------------------------------


def test_state_moves_ready_running_stopping_ready(flow_logs, glue):
    create_crawler(glue, "states", Classifiers=[SPACE_CLASSIFIER["Name"]])
    first = state(glue, "states")
    assert (first["State"], first["CrawlElapsedTime"]) == ("READY", 0)
    assert "LastCrawl" not in first
    glue.start_crawler(Name="states")
    seen = [state(glue, "states") for _ in range(4)]
    assert [c["State"] for c in seen] == ["RUNNING", "STOPPING", "READY", "READY"]
    assert "LastCrawl" not in seen[0] and "LastCrawl" not in seen[1]
    last = seen[2]["LastCrawl"]
    assert last["Status"] == "SUCCEEDED" and "ErrorMessage" not in last
    assert (last["LogGroup"], last["LogStream"]) == ("/aws-glue/crawlers", "states")
    crawls = glue.list_crawls(CrawlerName="states")["Crawls"]
    assert [c["State"] for c in crawls] == ["COMPLETED"]
    assert last["MessagePrefix"] == crawls[0]["CrawlId"]


def test_start_while_running_and_stop_while_ready_are_refused(flow_logs, glue):
    create_crawler(glue, "busy", Classifiers=[SPACE_CLASSIFIER["Name"]])
    assert refused(lambda: glue.stop_crawler(Name="busy"))["Code"] == "CrawlerNotRunningException"
    glue.start_crawler(Name="busy")
    assert refused(lambda: glue.start_crawler(Name="busy"))["Code"] == "CrawlerRunningException"
    assert refused(lambda: glue.delete_crawler(Name="busy"))["Code"] == "CrawlerRunningException"
    while state(glue, "busy")["State"] != "READY":
        pass
    glue.delete_crawler(Name="busy")
    assert refused(lambda: glue.get_crawler(Name="busy"))["Code"] == "EntityNotFoundException"


def test_a_stopped_crawl_is_cancelled_and_writes_nothing(flow_logs, glue):
    create_crawler(glue, "stopped", TablePrefix="stopped_", Classifiers=[SPACE_CLASSIFIER["Name"]])
    glue.start_crawler(Name="stopped")
    glue.stop_crawler(Name="stopped")
    assert [state(glue, "stopped")["State"] for _ in range(2)] == ["STOPPING", "READY"]
    assert state(glue, "stopped")["LastCrawl"]["Status"] == "CANCELLED"
    assert [c["State"] for c in glue.list_crawls(CrawlerName="stopped")["Crawls"]] == ["STOPPED"]
    assert (
        refused(lambda: glue.get_table(DatabaseName=DB, Name="stopped_us_east_1"))["Code"] == "EntityNotFoundException"
    )


def test_every_crawler_moves_when_all_are_listed(flow_logs, glue):
    create_crawler(glue, "listed-a", TablePrefix="listed_a_")
    create_crawler(glue, "listed-b", TablePrefix="listed_b_")
    glue.start_crawler(Name="listed-a")
    glue.start_crawler(Name="listed-b")
    for expected in ("RUNNING", "STOPPING", "READY"):
        states = {c["Name"]: c["State"] for c in glue.get_crawlers()["Crawlers"]}
        assert (states["listed-a"], states["listed-b"]) == (expected, expected)
    assert {"listed-a", "listed-b"} <= set(glue.list_crawlers()["CrawlerNames"])


def test_a_crawl_into_a_missing_database_fails(flow_logs, glue):
    create_crawler(glue, "no-database", DatabaseName="not_created_db")
    last = crawl(glue, "no-database")["LastCrawl"]
    assert (last["Status"], last["ErrorMessage"]) == ("FAILED", "Database not_created_db not found.")
    assert [c["State"] for c in glue.list_crawls(CrawlerName="no-database")["Crawls"]] == ["FAILED"]


# --- classifiers ------------------------------------------------------------------------------------


def test_classifiers_are_stored_as_glue_stores_them(flow_logs, glue):
    stored = glue.get_classifier(Name=SPACE_CLASSIFIER["Name"])["Classifier"]["CsvClassifier"]
    assert {k: stored[k] for k in SPACE_CLASSIFIER} == SPACE_CLASSIFIER
    assert stored["Version"] == 1
    assert refused(lambda: glue.create_classifier(CsvClassifier=SPACE_CLASSIFIER))["Code"] == "AlreadyExistsException"
    glue.create_classifier(
        GrokClassifier={
            "Name": "grok-kept",
            "Classification": "flowlogs",
            "GrokPattern": "%{NUMBER:version} %{GREEDYDATA:rest}",
        }
    )
    glue.update_classifier(GrokClassifier={"Name": "grok-kept", "GrokPattern": "%{GREEDYDATA:line}"})
    grok = glue.get_classifier(Name="grok-kept")["Classifier"]["GrokClassifier"]
    assert (grok["GrokPattern"], grok["Version"], grok["Classification"]) == ("%{GREEDYDATA:line}", 2, "flowlogs")
    names = {next(iter(c.values()))["Name"] for c in glue.get_classifiers()["Classifiers"]}
    assert {"flow-logs-space", "grok-kept"} <= names
    glue.delete_classifier(Name="grok-kept")
    assert refused(lambda: glue.get_classifier(Name="grok-kept"))["Code"] == "EntityNotFoundException"


# --- what a crawl writes: the AWS default layout ------------------------------------------------------


def test_without_a_custom_classifier_flow_log_text_is_unknown(flow_logs, glue, run_query):
    """No built-in classifier splits on spaces: AWS's crawler writes a table it could not classify."""
    create_crawler(glue, "builtin-only", TablePrefix="builtin_")
    assert crawl(glue, "builtin-only")["LastCrawl"]["Status"] == "SUCCEEDED"
    table = glue.get_table(DatabaseName=DB, Name="builtin_us_east_1")["Table"]
    assert table["Parameters"]["classification"] == "UNKNOWN"
    assert table["StorageDescriptor"]["Columns"] == []
    assert [k["Name"] for k in table["PartitionKeys"]] == ["partition_0", "partition_1", "partition_2"]
    execution = run_query("SELECT * FROM builtin_us_east_1 LIMIT 1", DB)
    assert execution["Status"]["State"] == "FAILED"
    assert execution["Status"]["StateChangeReason"] == "HIVE_UNSUPPORTED_FORMAT: Unable to create input format"


def test_adding_the_classifier_to_the_crawler_makes_the_table_readable(flow_logs, glue, query_rows):
    create_crawler(glue, "fixed-later", TablePrefix="fixed_")
    crawl(glue, "fixed-later")
    assert glue.get_table(DatabaseName=DB, Name="fixed_us_east_1")["Table"]["Parameters"]["classification"] == "UNKNOWN"
    metrics = glue.get_crawler_metrics(CrawlerNameList=["fixed-later"])["CrawlerMetricsList"][0]
    assert (metrics["TablesCreated"], metrics["TablesUpdated"]) == (1, 0)

    glue.update_crawler(Name="fixed-later", Classifiers=[SPACE_CLASSIFIER["Name"]])
    updated = state(glue, "fixed-later")
    assert (updated["Classifiers"], updated["Version"]) == ([SPACE_CLASSIFIER["Name"]], 2)
    crawl(glue, "fixed-later")
    table = glue.get_table(DatabaseName=DB, Name="fixed_us_east_1")["Table"]
    assert table["Parameters"]["classification"] == "csv"
    metrics = glue.get_crawler_metrics(CrawlerNameList=["fixed-later"])["CrawlerMetricsList"][0]
    assert (metrics["TablesCreated"], metrics["TablesUpdated"]) == (0, 1)
    _, rows = query_rows("SELECT count(*) FROM fixed_us_east_1", DB)
    assert rows == [[str(len(read_files(flow_logs)))]]


def test_a_running_crawler_cannot_be_updated(flow_logs, glue):
    create_crawler(glue, "update-running", TablePrefix="update_running_")
    glue.start_crawler(Name="update-running")
    error = refused(lambda: glue.update_crawler(Name="update-running", TablePrefix="other_"))
    assert error["Code"] == "CrawlerRunningException"
    while state(glue, "update-running")["State"] != "READY":
        pass


@pytest.fixture(scope="module")
def crawled(flow_logs, glue):
    """The region folder crawled with the space-delimited CSV classifier (the way to crawl flow logs)."""
    create_crawler(glue, "flow-logs", Classifiers=[SPACE_CLASSIFIER["Name"]])
    assert crawl(glue, "flow-logs")["LastCrawl"]["Status"] == "SUCCEEDED"
    return glue.get_table(DatabaseName=DB, Name="us_east_1")["Table"]


def test_the_table_a_csv_classifier_yields(crawled, flow_logs):
    frame = read_files(flow_logs)
    assert crawled["Name"] == "us_east_1"  # the include path's last folder, as AWS names it
    assert crawled["TableType"] == "EXTERNAL_TABLE"
    storage = crawled["StorageDescriptor"]
    assert storage["Location"] == REGION_PATH
    assert [c["Name"] for c in storage["Columns"]] == HEADER
    types = {c["Name"]: c["Type"] for c in storage["Columns"]}
    # A column holding `-` (NODATA/SKIPDATA records) is string, as Glue's CSV classifier types it.
    for name in HEADER:
        values = frame[name.replace("-", "_")].astype(str)
        numeric = values.str.fullmatch(r"-?\d+").all()
        assert types[name] == ("bigint" if numeric else "string"), name
    assert types["srcport"] == "string" and types["start"] == "bigint"
    assert storage["SerdeInfo"] == {"SerializationLibrary": LAZY_SIMPLE, "Parameters": {"field.delim": " "}}
    assert storage["InputFormat"] == "org.apache.hadoop.mapred.TextInputFormat"
    assert storage["Compressed"] is True
    parameters = crawled["Parameters"]
    assert {
        k: parameters[k]
        for k in (
            "classification",
            "delimiter",
            "skip.header.line.count",
            "compressionType",
            "typeOfData",
            "UPDATED_BY_CRAWLER",
        )
    } == {
        "classification": "csv",
        "delimiter": " ",
        "skip.header.line.count": "1",
        "compressionType": "gzip",
        "typeOfData": "file",
        "UPDATED_BY_CRAWLER": "flow-logs",
    }
    assert parameters["objectCount"] == str(len(flow_logs))
    assert parameters["sizeKey"] == str(sum(len(f.body) for f in flow_logs))
    assert crawled["PartitionKeys"] == [{"Name": f"partition_{i}", "Type": "string"} for i in range(3)]


def test_partitions_are_the_day_folders(crawled, glue):
    partitions = glue.get_partitions(DatabaseName=DB, TableName="us_east_1")["Partitions"]
    assert sorted(p["Values"] for p in partitions) == [[f"{d:%Y}", f"{d:%m}", f"{d:%d}"] for d in DAYS]
    for partition in partitions:
        year, month, day = partition["Values"]
        assert partition["StorageDescriptor"]["Location"] == f"{REGION_PATH}{year}/{month}/{day}/"
        assert partition["StorageDescriptor"]["SerdeInfo"]["Parameters"] == {"field.delim": " "}


def test_athena_reads_the_crawled_table(crawled, flow_logs, query_rows):
    _, rows = query_rows(
        'SELECT partition_2, "log-status", count(*), sum(try_cast(bytes AS bigint)) '
        "FROM us_east_1 GROUP BY 1, 2 ORDER BY 1, 2",
        DB,
    )
    expected = []
    for day, part in sorted(_by_day(flow_logs).items()):
        for status, group in sorted(part.groupby("log_status")):
            total = group["bytes"].dropna()
            expected.append([f"{day:%d}", status, str(len(group)), str(int(total.sum())) if len(total) else None])
    assert rows == expected


def test_partition_pruning_scans_one_day(crawled, flow_logs, run_query):
    day = DAYS[1]
    execution = run_query(f"SELECT count(*) FROM us_east_1 WHERE partition_2 = '{day:%d}'", DB)
    assert execution["Status"]["State"] == "SUCCEEDED"
    assert execution["Statistics"]["DataScannedInBytes"] == sum(len(f.body) for f in flow_logs if f.day == day)


def test_a_recrawl_adds_the_new_day_and_keeps_the_rest(crawled, flow_logs, glue, upload_flow_logs, query_rows):
    new_day = date(2026, 11, 6)
    upload_flow_logs(BUCKET, flow_log_files([new_day], records_per_day=50, seed=12, files_per_day=1))
    assert crawl(glue, "flow-logs")["LastCrawl"]["Status"] == "SUCCEEDED"
    partitions = glue.get_partitions(DatabaseName=DB, TableName="us_east_1")["Partitions"]
    assert sorted(p["Values"][2] for p in partitions) == [f"{d:%d}" for d in DAYS + [new_day]]
    _, rows = query_rows(f"SELECT count(*) FROM us_east_1 WHERE partition_2 = '{new_day:%d}'", DB)
    assert rows == [["50"]]
    assert len(glue.list_crawls(CrawlerName="flow-logs")["Crawls"]) == 2


def test_update_behavior_log_leaves_the_table_alone(flow_logs, glue):
    create_crawler(
        glue,
        "log-only",
        TablePrefix="logonly_",
        Classifiers=[SPACE_CLASSIFIER["Name"]],
        SchemaChangePolicy={"UpdateBehavior": "LOG", "DeleteBehavior": "LOG"},
    )
    crawl(glue, "log-only")
    table = glue.get_table(DatabaseName=DB, Name="logonly_us_east_1")["Table"]
    glue.update_table(
        DatabaseName=DB,
        TableInput={
            "Name": table["Name"],
            "PartitionKeys": table["PartitionKeys"],
            "Parameters": table["Parameters"],
            "StorageDescriptor": {**table["StorageDescriptor"], "Columns": [{"Name": "version", "Type": "int"}]},
        },
    )
    crawl(glue, "log-only")
    again = glue.get_table(DatabaseName=DB, Name="logonly_us_east_1")["Table"]
    assert again["StorageDescriptor"]["Columns"] == [{"Name": "version", "Type": "int"}]


def test_delete_behavior_removes_partitions_whose_folders_are_gone(flow_logs, glue, s3, upload_flow_logs):
    bucket = "crawler-deleted-days"
    files = flow_log_files(DAYS, records_per_day=20, seed=16, files_per_day=1)
    upload_flow_logs(bucket, files)
    for name, behavior in (("deletes", "DELETE_FROM_DATABASE"), ("deprecates", "DEPRECATE_IN_DATABASE")):
        create_crawler(
            glue,
            name,
            path=f"s3://{bucket}/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1/",
            TablePrefix=f"{name}_",
            Classifiers=[SPACE_CLASSIFIER["Name"]],
            SchemaChangePolicy={"UpdateBehavior": "UPDATE_IN_DATABASE", "DeleteBehavior": behavior},
        )
        crawl(glue, name)
    s3.delete_object(Bucket=bucket, Key=files[0].key)
    for name, days in (("deletes", DAYS[1:]), ("deprecates", DAYS)):
        crawl(glue, name)
        partitions = glue.get_partitions(DatabaseName=DB, TableName=f"{name}_us_east_1")["Partitions"]
        assert sorted(p["Values"][2] for p in partitions) == [f"{d:%d}" for d in days], name


def test_other_targets_than_s3_fail_the_crawl(flow_logs, glue):
    glue.create_crawler(
        Name="jdbc-target",
        Role=ROLE,
        DatabaseName=DB,
        Targets={"JdbcTargets": [{"ConnectionName": "db", "Path": "db/%"}]},
    )
    last = crawl(glue, "jdbc-target")["LastCrawl"]
    assert last["Status"] == "FAILED" and "S3 targets only" in last["ErrorMessage"]


def test_a_table_of_the_same_name_elsewhere_is_kept(flow_logs, glue):
    glue.create_table(
        DatabaseName=DB,
        TableInput={
            "Name": "samename_us_east_1",
            "StorageDescriptor": {
                "Columns": [{"Name": "x", "Type": "string"}],
                "Location": f"s3://{BUCKET}/elsewhere/",
            },
        },
    )
    create_crawler(glue, "same-name", TablePrefix="samename_", Classifiers=[SPACE_CLASSIFIER["Name"]])
    crawl(glue, "same-name")
    kept = glue.get_table(DatabaseName=DB, Name="samename_us_east_1")["Table"]
    assert kept["StorageDescriptor"]["Location"] == f"s3://{BUCKET}/elsewhere/"
    names = [t["Name"] for t in glue.get_tables(DatabaseName=DB, Expression="samename_us_east_1_*")["TableList"]]
    assert len(names) == 1 and len(names[0]) == len("samename_us_east_1_") + 8


def test_the_bucket_as_include_path_makes_every_folder_a_partition(flow_logs, glue):
    create_crawler(
        glue,
        "whole-bucket",
        path=f"s3://{BUCKET}/",
        Classifiers=[SPACE_CLASSIFIER["Name"]],
        target={"Exclusions": ["elsewhere/**"]},
    )
    crawl(glue, "whole-bucket")
    table = glue.get_table(DatabaseName=DB, Name=BUCKET.replace("-", "_"))["Table"]
    assert [k["Name"] for k in table["PartitionKeys"]] == [f"partition_{i}" for i in range(7)]
    values = glue.get_partitions(DatabaseName=DB, TableName=table["Name"])["Partitions"][0]["Values"]
    assert values[:4] == ["AWSLogs", ACCOUNT, "vpcflowlogs", "us-east-1"]


# --- other layouts -------------------------------------------------------------------------------------


def test_hive_compatible_prefixes_name_the_partition_keys(flow_logs, glue, upload_flow_logs, query_rows):
    bucket = "crawler-hive-logs"
    files = flow_log_files(DAYS[:2], records_per_day=60, seed=13, files_per_day=1, layout="hive")
    upload_flow_logs(bucket, files)
    ensure_database(glue, DB)
    create_crawler(
        glue, "hive-layout", path=f"s3://{bucket}/AWSLogs/", TablePrefix="hive_", Classifiers=[SPACE_CLASSIFIER["Name"]]
    )
    assert crawl(glue, "hive-layout")["LastCrawl"]["Status"] == "SUCCEEDED"
    table = glue.get_table(DatabaseName=DB, Name="hive_awslogs")["Table"]
    assert [k["Name"] for k in table["PartitionKeys"]] == [
        "aws-account-id",
        "aws-service",
        "aws-region",
        "year",
        "month",
        "day",
    ]
    values = sorted(p["Values"] for p in glue.get_partitions(DatabaseName=DB, TableName="hive_awslogs")["Partitions"])
    assert values == [[ACCOUNT, "vpcflowlogs", "us-east-1", f"{d:%Y}", f"{d:%m}", f"{d:%d}"] for d in DAYS[:2]]
    _, rows = query_rows('SELECT "day", count(*) FROM hive_awslogs GROUP BY 1 ORDER BY 1', DB)
    assert rows == [[f"{d:%d}", "60"] for d in DAYS[:2]]


def test_parquet_flow_logs_need_no_custom_classifier(glue, upload_flow_logs, query_rows):
    bucket = "crawler-parquet-logs"
    files = flow_log_files(DAYS[:2], records_per_day=80, seed=14, files_per_day=2, fmt="parquet", fields=V5_FIELDS)
    upload_flow_logs(bucket, files)
    ensure_database(glue, DB)
    create_crawler(
        glue, "parquet-layout", path=f"s3://{bucket}/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1/", TablePrefix="parquet_"
    )
    crawl(glue, "parquet-layout")
    table = glue.get_table(DatabaseName=DB, Name="parquet_us_east_1")["Table"]
    assert table["Parameters"]["classification"] == "parquet"
    assert (
        table["StorageDescriptor"]["SerdeInfo"]["SerializationLibrary"]
        == "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    )
    types = {c["Name"]: c["Type"] for c in table["StorageDescriptor"]["Columns"]}
    assert (types["srcport"], types["bytes"], types["action"]) == ("int", "bigint", "string")
    frame = read_files(files)
    _, rows = query_rows("SELECT sum(bytes), count(*) FROM parquet_us_east_1", DB)
    assert rows == [[str(int(frame["bytes"].sum())), str(len(frame))]]


def test_a_quoted_csv_is_read_as_opencsvserde_reads_it(glue, s3, query_rows):
    """The built-in CSV classifier gives quoted data OpenCSVSerde (every column a string); Athena then
    reads a field's commas and doubled quotes as part of it and an empty field as an empty string."""
    import csv
    import io

    body = 'name,note,port\n"ssh","admin, remote","22"\n"web","say ""hi""",""\n"rdp","","3389"\n'
    bucket = "crawler-quoted"
    try:
        s3.create_bucket(Bucket=bucket)
    except s3.exceptions.BucketAlreadyOwnedByYou:
        pass
    s3.put_object(Bucket=bucket, Key="notes/part-0.csv", Body=body.encode())
    ensure_database(glue, DB)
    create_crawler(glue, "quoted-csv", path=f"s3://{bucket}/notes/")
    crawl(glue, "quoted-csv")
    table = glue.get_table(DatabaseName=DB, Name="notes")["Table"]
    assert (
        table["StorageDescriptor"]["SerdeInfo"]["SerializationLibrary"] == "org.apache.hadoop.hive.serde2.OpenCSVSerde"
    )
    _, rows = query_rows("SELECT name, note, port FROM notes", DB)
    assert rows == list(csv.reader(io.StringIO(body)))[1:]


# --- the built-in classifiers, on their own -------------------------------------------------------------


@pytest.mark.parametrize(
    "body, classification, columns, header",
    [
        (
            b"name,port,score\nssh,22,1.5\nrdp,3389,2\n",
            "csv",
            [("name", "string"), ("port", "bigint"), ("score", "double")],
            True,
        ),
        (b"a|b\nx|y\nz|w\n", "csv", [("col0", "string"), ("col1", "string")], False),  # all strings: no header
        (b"id\tok\n1\ttrue\n2\tfalse\n", "csv", [("id", "bigint"), ("ok", "boolean")], True),
        (gzip.compress(b"version account-id action\n2 123456789012 ACCEPT\n", mtime=0), "UNKNOWN", [], False),  # spaces
        (b"just one column\nand another line\n", "UNKNOWN", [], False),
        (b"\x00\x01binary", "UNKNOWN", [], False),
    ],
)
def test_built_in_classifiers(body, classification, columns, header):
    schema = classify(body, [])
    assert schema.classification == classification
    assert [(c["Name"], c["Type"]) for c in schema.columns] == columns
    assert ("skip.header.line.count" in schema.parameters) == header


@pytest.mark.parametrize(
    "path, prefix, name",
    [
        (f"s3://b/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1/", "", "us_east_1"),
        (f"s3://b/AWSLogs/{ACCOUNT}/vpcflowlogs/us-east-1", "flows_", "flows_us_east_1"),
        ("s3://my-flow-logs/", "", "my_flow_logs"),
        ("s3://my-flow-logs", "", "my_flow_logs"),
        ("s3://b/Mixed.Case Folder/", "", "mixed_case_folder"),
    ],
)
def test_table_names(path, prefix, name):
    assert table_name(path, prefix) == name


# --- persistence (last: it resets the sandbox) ----------------------------------------------------------


def test_crawlers_and_classifiers_survive_a_snapshot(sandbox, glue, s3, upload_flow_logs, tmp_path, query_rows):
    upload_flow_logs(BUCKET, flow_log_files(DAYS[:1], records_per_day=30, seed=15, files_per_day=1))
    ensure_database(glue, DB)
    if SPACE_CLASSIFIER["Name"] not in {next(iter(c.values()))["Name"] for c in glue.get_classifiers()["Classifiers"]}:
        glue.create_classifier(CsvClassifier=SPACE_CLASSIFIER)
    create_crawler(glue, "kept-done", TablePrefix="kept_done_", Classifiers=[SPACE_CLASSIFIER["Name"]])
    create_crawler(glue, "kept-running", TablePrefix="kept_running_", Classifiers=[SPACE_CLASSIFIER["Name"]])
    done = crawl(glue, "kept-done")
    glue.start_crawler(Name="kept-running")
    assert state(glue, "kept-running")["State"] == "RUNNING"  # the next look will crawl
    path = tmp_path / "snapshot"
    save_snapshot(path, {}, athena_backend=sandbox.athena)
    reset_sandbox(sandbox.url)
    assert glue.get_crawlers()["Crawlers"] == []
    load_snapshot(path, athena_backend=sandbox.athena)
    try:
        again = state(glue, "kept-done")
        assert (again["State"], again["LastCrawl"]) == ("READY", done["LastCrawl"])
        assert glue.get_classifier(Name=SPACE_CLASSIFIER["Name"])["Classifier"]["CsvClassifier"]["Delimiter"] == " "
        assert [state(glue, "kept-running")["State"] for _ in range(3)] == ["STOPPING", "READY", "READY"]
        assert state(glue, "kept-running")["LastCrawl"]["Status"] == "SUCCEEDED"
        _, rows = query_rows("SELECT count(*) FROM kept_running_us_east_1 WHERE partition_2 = '03'", DB)
        assert int(rows[0][0]) > 0
    finally:
        reset_sandbox(sandbox.url)


def _by_day(files) -> dict:
    """The records of `files` by the day folder they were delivered to."""
    frames = {}
    for f in files:
        frames.setdefault(f.day, []).append(f)
    return {day: read_files(group) for day, group in frames.items()}
