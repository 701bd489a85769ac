"""The Athena engine: one statement in, a StatementResult out. It knows nothing of HTTP.

    >>> engine = Engine()
    >>> engine.execute("SELECT 1 AS one", QueryContext(database="default", region="us-east-1")).rows
    [['1']]
"""
from __future__ import annotations

import os
import re
import tempfile
import threading
from dataclasses import dataclass

import duckdb
from sqlglot import exp

from ..endpoint import SANDBOX_ACCOUNT
from .catalog import GlueCatalog
from .ddl import DDL, PARQUET_FORMAT, StatementResult, parse_hive, utility_statement
from .errors import QueryFailed, scrub
from .guard import check_statement_word, lock_duckdb
from .query import Planner
from .storage import S3Storage, split_s3_uri
from .translate import install_macros, parse_trino, translate_duckdb_error
from .types import duckdb_to_trino, render

_QUERY_START = re.compile(r"^\(*\s*(SELECT|WITH|VALUES|TABLE)\b", re.I)
_CTAS = re.compile(r"^CREATE\s+TABLE\b.*?\bAS\s*\(?\s*(SELECT|WITH)\b", re.I | re.S)
_LEADING_COMMENTS = re.compile(r"^(\s*(--[^\n]*(\n|$)|/\*.*?\*/))*\s*", re.S)

_TRINO_TO_HIVE = {"integer": "int", "varchar": "string", "real": "float", "timestamp with time zone": "timestamp"}


@dataclass
class QueryContext:
    database: str = "default"
    region: str = "us-east-1"
    query_id: str = ""
    output_location: str = ""      # where results go: CTAS puts its data beside it by default
    cancelled: threading.Event | None = None


def is_create_table_as(statement: str) -> bool:
    return bool(_CTAS.match(statement)) and not re.match(r"^CREATE\s+EXTERNAL", statement, re.I)


def clean_statement(sql: str) -> str:
    return _LEADING_COMMENTS.sub("", sql).strip().rstrip(";").strip()


class Engine:
    def __init__(self, account: str = SANDBOX_ACCOUNT, cache_dir: str | None = None):
        self.account = account
        self.storage = S3Storage(account, cache_dir)
        self.work_dir = tempfile.mkdtemp(prefix="labkit-athena-work-")  # CTAS output, DuckDB's spill files
        self.connection = duckdb.connect(":memory:")
        self.connection.execute("SET TimeZone = 'UTC'")  # Athena computes in UTC
        install_macros(self.connection)
        lock_duckdb(self.connection, [self.storage.cache_dir, self.work_dir], os.path.join(self.work_dir, "spill"))
        self._cursors: dict[str, duckdb.DuckDBPyConnection] = {}
        self._lock = threading.Lock()

    def catalog(self, region: str) -> GlueCatalog:
        return GlueCatalog(self.account, region)

    def execute(self, sql: str, context: QueryContext) -> StatementResult:
        """Run one statement; raises QueryFailed with Athena's wording on any failure."""
        statement = clean_statement(sql)
        if not statement:
            raise QueryFailed("SYNTAX_ERROR", "line 1:1: mismatched input '<EOF>'. Expecting: statement")
        check_statement_word(statement)
        catalog = self.catalog(context.region)
        ddl = DDL(catalog, self.storage, context.database.lower())
        utility = utility_statement(statement)
        if utility:
            return ddl.utility(*utility)
        if _QUERY_START.match(statement):
            return self.select(statement, context, catalog)
        if re.match(r"^EXPLAIN\b", statement, re.I):
            return self.explain(statement, context, catalog)
        if is_create_table_as(statement):
            return self.create_table_as(statement, context, catalog)
        return ddl.run(parse_hive(statement))

    # --- queries ---
    def _run(self, tree: exp.Expression, context: QueryContext, catalog: GlueCatalog):
        cursor = self.connection.cursor()
        with self._lock:
            self._cursors[context.query_id] = cursor
        try:
            planned = Planner(catalog, self.storage, cursor, context.database.lower()).plan(tree)
            try:
                relation = cursor.sql(planned.sql)
                names, types = relation.columns, [duckdb_to_trino(t) for t in relation.types]
                rows = relation.fetchall()
            except duckdb.Error as error:
                raise translate_duckdb_error(error, tree) from None
            if context.cancelled is not None and context.cancelled.is_set():
                raise QueryFailed("USER_CANCELLED", "Query was cancelled by user")
            return planned, names, types, rows, cursor
        except BaseException:
            cursor.close()
            raise
        finally:
            with self._lock:
                self._cursors.pop(context.query_id, None)

    def select(self, statement: str, context: QueryContext, catalog: GlueCatalog) -> StatementResult:
        tree = parse_trino(statement)
        planned, names, types, rows, cursor = self._run(tree, context, catalog)
        cursor.close()
        rendered = [[render(v, t) for v, t in zip(row, types)] for row in rows]
        return StatementResult("DML", list(zip(names, types)), rendered, planned.bytes_scanned)

    def explain(self, statement: str, context: QueryContext, catalog: GlueCatalog) -> StatementResult:
        inner = re.sub(r"^EXPLAIN\s+(ANALYZE\s+)?(\([^)]*\)\s*)?", "", statement, flags=re.I)
        tree = parse_trino(inner)
        cursor = self.connection.cursor()
        try:
            planned = Planner(catalog, self.storage, cursor, context.database.lower()).plan(tree)
            plan = cursor.execute("EXPLAIN " + planned.sql).fetchall()
        except duckdb.Error as error:
            raise translate_duckdb_error(error, tree) from None
        finally:
            cursor.close()
        lines = scrub("\n".join(row[1] for row in plan)).splitlines()  # a plan may name cached files
        return StatementResult("UTILITY", [("Query Plan", "varchar")], [[line] for line in lines])

    def create_table_as(self, statement: str, context: QueryContext, catalog: GlueCatalog) -> StatementResult:
        tree = parse_trino(statement)
        if not isinstance(tree, exp.Create) or tree.expression is None:
            raise QueryFailed("SYNTAX_ERROR", "line 1:1: CREATE TABLE AS expects a query")
        target = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
        database, name = (target.db or context.database).lower(), target.name.lower()
        catalog.require_database(database)
        if catalog.table(database, name) is not None:
            if tree.args.get("exists"):
                return StatementResult("DDL")
            raise QueryFailed("ALREADY_EXISTS", f"line 1:1: Table '{database}.{name}' already exists")
        options = _ctas_options(tree)
        if options.get("format", "parquet").lower() != "parquet":
            raise QueryFailed("NOT_SUPPORTED", "line 1:1: The labkit sandbox writes CTAS tables as PARQUET only")
        if options.get("partitioned_by") or options.get("bucketed_by"):
            raise QueryFailed("NOT_SUPPORTED", "line 1:1: Partitioned CTAS is not supported by the labkit sandbox; "
                                               "create the table without partitioned_by")
        location = options.get("external_location") or (
            context.output_location.rstrip("/") + f"/tables/{context.query_id}/")
        location = location.rstrip("/") + "/"
        bucket, prefix = split_s3_uri(location)
        if not self.storage.bucket_exists(bucket):
            raise QueryFailed("GENERIC_USER_ERROR",
                              f"line 1:1: Bucket {bucket} does not exist")
        if self.storage.list(location):
            raise QueryFailed("HIVE_PATH_ALREADY_EXISTS",
                              f"Target directory for table '{database}.{name}' already exists: {location}")
        query = tree.expression
        planned, names, types, rows, cursor = self._run(query, context, catalog)
        try:
            with tempfile.TemporaryDirectory(dir=self.work_dir) as folder:  # where DuckDB may write
                local = os.path.join(folder, "data.parquet")
                cursor.execute(f"COPY ({planned.sql}) TO '{local}' (FORMAT PARQUET)")
                with open(local, "rb") as handle:
                    self.storage.put(f"{location}{context.query_id or 'data'}_00000.parquet", handle.read())
        except duckdb.Error as error:
            raise translate_duckdb_error(error, query) from None
        finally:
            cursor.close()
        columns = [{"Name": n.lower(), "Type": _TRINO_TO_HIVE.get(t, t)} for n, t in zip(names, types)]
        catalog.create_table(database, {
            "Name": name, "TableType": "EXTERNAL_TABLE",
            "Parameters": {"EXTERNAL": "TRUE", "has_encrypted_data": "false", "parquet.compression": "SNAPPY"},
            "PartitionKeys": [],
            "StorageDescriptor": {
                "Columns": columns, "Location": location, "InputFormat": PARQUET_FORMAT["InputFormat"],
                "OutputFormat": PARQUET_FORMAT["OutputFormat"], "Compressed": False, "NumberOfBuckets": -1,
                "SerdeInfo": {"SerializationLibrary": PARQUET_FORMAT["SerializationLibrary"],
                              "Parameters": {"serialization.format": "1"}},
                "BucketColumns": [], "SortColumns": [], "Parameters": {}, "StoredAsSubDirectories": False,
            },
        })
        return StatementResult("DDL", [("rows", "bigint")], [[str(len(rows))]], planned.bytes_scanned)

    def cancel(self, query_id: str) -> None:
        with self._lock:
            cursor = self._cursors.get(query_id)
        if cursor is not None:
            cursor.interrupt()


def _ctas_options(tree: exp.Create) -> dict:
    options = {}
    for prop in (tree.args.get("properties") or exp.Properties(expressions=[])).expressions:
        key = prop.name.lower() if isinstance(prop, exp.Property) else prop.key
        value = prop.args.get("value") if isinstance(prop, exp.Property) else prop.this
        if isinstance(value, exp.Literal):
            options[key] = value.this
        elif isinstance(value, exp.Array):
            options[key] = [v.name for v in value.expressions]
        elif value is not None:
            options[key] = value.name if hasattr(value, "name") and value.name else value.sql()
    return options
