"""A real client against the sandbox, as against Athena: every PyAthena cursor (default, dict, pandas,
arrow, pandas and arrow with unload=True, async ones) and PyAthena's SQLAlchemy dialect
(`create_engine("awsathena+rest://...")`, `pandas.read_sql`, `Table(..., autoload_with=engine)`,
`has_table`, `to_sql`), each answer compared with pandas over the same files; Iceberg DDL through
them fails as Athena fails it, with an error the client raises, never a Python error of the sandbox.

SQLAlchemy is PyAthena's `sqlalchemy` extra; its tests are skipped where it is not installed."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from test_athena_api import arrow_endpoint, flows_table

BUCKET = "clients-bucket"
DB = "clients_db"
DAYS = [date(2026, 10, 12), date(2026, 10, 13)]
STAGING = "s3://results-bucket/clients/"
SQL = "SELECT action, count(*) AS flows, sum(packets) AS packets FROM flows GROUP BY action ORDER BY action"
ICEBERG = (
    f"CREATE TABLE ice_events (id bigint, ts timestamp) PARTITIONED BY (day(ts)) "
    f"LOCATION 's3://{BUCKET}/ice_events/' TBLPROPERTIES ('table_type'='ICEBERG')"
)


@pytest.fixture(scope="module")
def expected(upload_flow_logs, run_query):
    """The flows table over two days of flow logs; SQL's answer computed by pandas from the files."""
    frame = flows_table(upload_flow_logs, run_query, BUCKET, DB, DAYS, records_per_day=500, seed=41)
    grouped = frame.groupby("action")
    packets = grouped["packets"].sum(min_count=1)
    return [
        (action, int(count), None if pd.isna(packets[action]) else int(packets[action]))
        for action, count in grouped.size().sort_index().items()
    ]


def connection(**kwargs):
    from pyathena import connect

    return connect(s3_staging_dir=STAGING, region_name="us-east-1", schema_name=DB, **kwargs)


def as_tuples(rows) -> list[tuple]:
    """Rows of (action, flows, packets) from any cursor's result, NULL as None, numbers as int."""
    out = []
    for action, flows, packets in rows:
        out.append((action, int(flows), None if packets is None or pd.isna(packets) else int(packets)))
    return out


def run_default(cursor_class):
    return as_tuples(connection(cursor_class=cursor_class).cursor().execute(SQL).fetchall())


def run_dict():
    from pyathena.cursor import DictCursor

    rows = connection(cursor_class=DictCursor).cursor().execute(SQL).fetchall()
    return as_tuples([(r["action"], r["flows"], r["packets"]) for r in rows])


def run_pandas(**cursor):
    from pyathena.pandas.cursor import PandasCursor

    frame = connection(cursor_class=PandasCursor).cursor(**cursor).execute(SQL).as_pandas()
    return as_tuples(frame[["action", "flows", "packets"]].itertuples(index=False))


def run_arrow(**cursor):
    from pyathena.arrow.cursor import ArrowCursor

    table = connection(cursor_class=ArrowCursor).cursor(**cursor).execute(SQL).as_arrow()
    return as_tuples(zip(*(table.column(name).to_pylist() for name in ("action", "flows", "packets"))))


def run_async(kind: str):
    if kind == "pandas":
        from pyathena.pandas.async_cursor import AsyncPandasCursor as cursor_class
    elif kind == "arrow":
        from pyathena.arrow.async_cursor import AsyncArrowCursor as cursor_class
    else:
        from pyathena.async_cursor import AsyncCursor as cursor_class
    _, future = connection(cursor_class=cursor_class).cursor().execute(SQL)
    result = future.result()
    if kind == "pandas":
        return as_tuples(result.as_pandas()[["action", "flows", "packets"]].itertuples(index=False))
    if kind == "arrow":
        table = result.as_arrow()
        return as_tuples(zip(*(table.column(name).to_pylist() for name in ("action", "flows", "packets"))))
    return as_tuples(result.fetchall())


CURSORS = {
    "default": lambda: run_default(None),
    "dict": run_dict,
    "pandas": run_pandas,
    "pandas-unload": lambda: run_pandas(unload=True),
    "arrow": run_arrow,
    "arrow-unload": lambda: run_arrow(unload=True),
    "async": lambda: run_async("default"),
    "async-pandas": lambda: run_async("pandas"),
    "async-arrow": lambda: run_async("arrow"),
}


@pytest.mark.parametrize("cursor", list(CURSORS))
def test_every_pyathena_cursor_answers_as_pandas_does(cursor, expected, sandbox):
    if "arrow" in cursor:  # checked before any read: pyarrow ignores AWS_ENDPOINT_URL unless PyAthena passes it
        endpoint = arrow_endpoint(connection())
        assert endpoint and endpoint.rstrip("/").endswith(f"127.0.0.1:{sandbox.port}"), endpoint
    assert CURSORS[cursor]() == expected


def test_unload_leaves_parquet_and_a_manifest_where_pyathena_looks(expected, athena, s3):
    """unload=True: PyAthena wraps the query in UNLOAD ... WITH (format='PARQUET') and reads the files
    that Statistics.DataManifestLocation lists."""
    from pyathena.pandas.cursor import PandasCursor

    cursor = connection(cursor_class=PandasCursor).cursor(unload=True)
    cursor.execute(SQL)
    execution = athena.get_query_execution(QueryExecutionId=cursor.query_id)["QueryExecution"]
    manifest = execution["Statistics"]["DataManifestLocation"]
    bucket, _, key = manifest.removeprefix("s3://").partition("/")
    listed = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode().split()
    assert listed and all(uri.startswith(STAGING) for uri in listed)
    first_bucket, _, first_key = listed[0].removeprefix("s3://").partition("/")
    assert s3.get_object(Bucket=first_bucket, Key=first_key)["Body"].read(4) == b"PAR1"
    assert (
        "DataManifestLocation"
        not in athena.get_query_execution(QueryExecutionId=connection().cursor().execute(SQL).query_id)[
            "QueryExecution"
        ]["Statistics"]
    )


def test_insert_reports_its_row_count(expected, run_query):
    cursor = connection().cursor()
    cursor.execute(f"CREATE EXTERNAL TABLE IF NOT EXISTS seen_ports (port int) LOCATION 's3://{BUCKET}/seen_ports/'")
    cursor.execute("INSERT INTO seen_ports VALUES (22), (443), (3389)")
    assert cursor.rowcount == 3


@pytest.mark.parametrize("client", ["pyathena", "sqlalchemy"])
def test_iceberg_ddl_fails_as_athena_fails_it(client, expected):
    if client == "pyathena":
        from pyathena.error import OperationalError

        with pytest.raises(OperationalError) as error:
            connection().cursor().execute(ICEBERG)
    else:
        import sqlalchemy

        with pytest.raises(sqlalchemy.exc.OperationalError) as error, engine().connect() as conn:
            conn.execute(sqlalchemy.text(ICEBERG))
    assert "NOT_SUPPORTED: line 1:1: Iceberg tables" in str(error.value)


# --- PyAthena's SQLAlchemy dialect -------------------------------------------------------------------


def engine():
    import sqlalchemy  # a requirement: its tests fail, never skip, where it is missing

    return sqlalchemy.create_engine(
        f"awsathena+rest://@athena.us-east-1.amazonaws.com:443/{DB}?s3_staging_dir={STAGING}sqlalchemy/"
    )


def test_sqlalchemy_read_sql(expected):
    import sqlalchemy  # a requirement: its tests fail, never skip, where it is missing

    frame = pd.read_sql(sqlalchemy.text(SQL), engine())
    assert as_tuples(frame[["action", "flows", "packets"]].itertuples(index=False)) == expected


def test_sqlalchemy_reflects_the_table_and_selects_through_it(expected):
    import sqlalchemy  # a requirement: its tests fail, never skip, where it is missing

    flows = sqlalchemy.Table("flows", sqlalchemy.MetaData(), autoload_with=engine())
    types = {c.name: c.type.python_type for c in flows.columns}
    assert (types["srcaddr"], types["srcport"], types["bytes"], types["date"]) == (str, int, int, date)
    # SQLAlchemy writes schema.table.column: "clients_db"."flows"."action"
    query = (
        sqlalchemy.select(
            flows.c.action,
            sqlalchemy.func.count().label("flows"),
            sqlalchemy.func.sum(flows.c.packets).label("packets"),
        )
        .group_by(flows.c.action)
        .order_by(flows.c.action)
    )
    with engine().connect() as conn:
        assert as_tuples(conn.execute(query).fetchall()) == expected


def test_sqlalchemy_inspector_sees_tables(expected):
    import sqlalchemy  # a requirement: its tests fail, never skip, where it is missing

    inspector = sqlalchemy.inspect(engine())
    assert inspector.has_table("flows") and not inspector.has_table("no_such_table")
    assert "flows" in inspector.get_table_names()
    assert DB in inspector.get_schema_names()


def test_sqlalchemy_to_sql_writes_a_table_read_back_the_same(expected):
    import sqlalchemy  # a requirement: its tests fail, never skip, where it is missing

    written = pd.DataFrame({"port": [22, 443, 3389], "service": ["ssh", "https, tls", None]})
    assert written.to_sql("services", engine(), schema=DB, index=False, if_exists="replace") == 3
    read = pd.read_sql(sqlalchemy.text("SELECT port, service FROM services ORDER BY port"), engine())
    assert read["port"].tolist() == [22, 443, 3389]
    assert read["service"].tolist()[:2] == ["ssh", "https, tls"] and pd.isna(read["service"][2])
