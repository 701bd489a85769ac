"""The Athena engine: one statement in, a StatementResult out. It knows nothing of HTTP.

    >>> engine = Engine()
    >>> result = engine.execute("SELECT 1 AS one", QueryContext(database="default", region="us-east-1"))
    >>> result.columns, result.row_count
    ([('one', 'integer')], 1)

A query's rows are not in its StatementResult: they are in `data`, the result CSV, written batch by
batch as DuckDB makes them (results.write_csv).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass

import duckdb
from sqlglot import exp

from ....config import SANDBOX_ACCOUNT
from .catalog import CATALOG_NAME, GlueCatalog
from .ddl import DDL, ICEBERG_NOT_SUPPORTED, PARQUET_FORMAT, StatementResult, parse_hive, require_s3, utility_statement
from .errors import QueryFailed, scrub
from .guard import check_statement_word, lock_duckdb
from .query import Planner
from .results import write_csv
from .storage import S3Storage, split_s3_uri
from .translate import install_macros, parse_trino, translate_duckdb_error
from .scan import field_delimiter, is_parquet, quote_ident, quote_literal
from .types import duckdb_to_trino, hive_to_duckdb, render
from .views import is_view
from .views import table_input as view_table_input

_QUERY_START = re.compile(r"^\(*\s*(SELECT|WITH|VALUES|TABLE)\b", re.I)
_CTAS = re.compile(r"^CREATE\s+TABLE\b.*?\bAS\s*\(?\s*(SELECT|WITH)\b", re.I | re.S)
_VIEW = re.compile(r"^CREATE\s+(OR\s+REPLACE\s+)?VIEW\s+(?P<name>\S+)\s+AS\s+(?P<query>.*)$", re.I | re.S)
_UNLOAD = re.compile(
    r"^UNLOAD\s*\((?P<query>.*)\)\s*TO\s*'(?P<to>(?:[^']|'')*)'\s*"
    r"(?:WITH\s*\((?P<options>.*)\))?\s*$",
    re.I | re.S,
)
_UNLOAD_OPTION = re.compile(r"(\w+)\s*=\s*('(?:[^']|'')*'|ARRAY\s*\[[^\]]*\])", re.I)
# UNLOAD's formats as DuckDB writes them (Athena compresses text and JSON with GZIP by default).
_UNLOAD_FORMATS = {
    "PARQUET": ("(FORMAT PARQUET, COMPRESSION {compression})", ""),
    "TEXTFILE": (
        "(FORMAT CSV, DELIMITER {delimiter}, HEADER false, QUOTE '', ESCAPE '', NULLSTR '\\N', COMPRESSION gzip)",
        ".gz",
    ),
    "JSON": ("(FORMAT JSON, COMPRESSION gzip)", ".gz"),
}
_LEADING_COMMENTS = re.compile(r"^(\s*(--[^\n]*(\n|$)|/\*.*?\*/))*\s*", re.S)

FETCH_ROWS = 20_000  # rows fetched from DuckDB and rendered at a time
SPOOLED_RESULT_BYTES = 4 * 1024 * 1024  # a result CSV larger than this is written to the work folder
_TRINO_TO_HIVE = {"integer": "int", "varchar": "string", "real": "float", "timestamp with time zone": "timestamp"}


@dataclass
class QueryContext:
    database: str = "default"
    region: str = "us-east-1"
    query_id: str = ""
    output_location: str = ""  # where results go: CTAS puts its data beside it by default
    cancelled: threading.Event | None = None


def is_create_table_as(statement: str) -> bool:
    return bool(_CTAS.match(statement)) and not re.match(r"^CREATE\s+EXTERNAL", statement, re.I)


def clean_statement(sql: str) -> str:
    return _LEADING_COMMENTS.sub("", sql).strip().rstrip(";").strip()


class Engine:
    """Runs statements for one sandbox. `cache_dir` (made if missing), such as LABKIT_HOME/sandbox/cache,
    keeps the local copies of S3 objects across engines and restarts; without one the engine makes a
    temporary folder. The work folder (CTAS output, DuckDB's spill files, result files being written)
    is always temporary. Temporary folders are removed when the engine is collected or the process exits.
    """

    def __init__(self, account: str = SANDBOX_ACCOUNT, cache_dir: str | None = None):
        self.account = account
        self.storage = S3Storage(account, cache_dir)
        self.work_dir = tempfile.mkdtemp(prefix="labkit-athena-work-")
        temporary = [self.work_dir] + ([] if cache_dir else [self.storage.cache_dir])
        self._cleanup = weakref.finalize(self, _remove_folders, temporary, os.getpid())
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
        if _VIEW.match(statement):
            return self.create_view(statement, context, catalog)
        if re.match(r"^UNLOAD\b", statement, re.I):
            return self.unload(statement, context, catalog)
        if re.match(r"^INSERT\s+INTO\b", statement, re.I):
            return self.insert(statement, context, catalog)
        return ddl.run(parse_hive(statement))

    # --- queries ---
    @contextlib.contextmanager
    def _cursor(self, context: QueryContext) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one query, which cancel(query_id) interrupts while it runs."""
        cursor = self.connection.cursor()
        with self._lock:
            self._cursors[context.query_id] = cursor
        try:
            yield cursor
        finally:
            with self._lock:
                self._cursors.pop(context.query_id, None)
            cursor.close()

    def select(self, statement: str, context: QueryContext, catalog: GlueCatalog) -> StatementResult:
        """Run a query and write its result CSV batch by batch into a file of the work folder
        (StatementResult.data): a result of millions of rows is never in memory at once."""
        tree = parse_trino(statement)
        data = tempfile.SpooledTemporaryFile(max_size=SPOOLED_RESULT_BYTES, dir=self.work_dir)
        try:
            with self._cursor(context) as cursor:
                planned = Planner(catalog, self.storage, cursor, context.database.lower()).plan(tree)
                try:
                    cursor.execute(planned.sql)  # a streaming result: rows are made as they are fetched
                    columns = [
                        (name, (planned.types[i] if i < len(planned.types) else None) or duckdb_to_trino(t))
                        for i, (name, t, *_) in enumerate(cursor.description)
                    ]
                    count = write_csv(
                        data, [name for name, _ in columns], _rendered(cursor, columns, context, planned.zones)
                    )
                except duckdb.Error as error:
                    raise translate_duckdb_error(error, tree) from None
        except BaseException:
            data.close()
            raise
        return StatementResult("DML", columns, [], planned.bytes_scanned, data=data, row_count=count)

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
        tree, database, name = _created(statement, context, catalog, "CREATE TABLE AS")
        if catalog.table(database, name) is not None:
            if tree.args.get("exists"):
                return StatementResult("DDL")
            raise QueryFailed("ALREADY_EXISTS", f"line 1:1: Table '{database}.{name}' already exists")
        options = _ctas_options(tree)
        if str(options.get("table_type", "")).upper() == "ICEBERG":
            raise QueryFailed("NOT_SUPPORTED", ICEBERG_NOT_SUPPORTED)
        if options.get("format", "parquet").lower() != "parquet":
            raise QueryFailed("NOT_SUPPORTED", "line 1:1: The labkit sandbox writes CTAS tables as PARQUET only")
        if options.get("partitioned_by") or options.get("bucketed_by"):
            raise QueryFailed(
                "NOT_SUPPORTED",
                "line 1:1: Partitioned CTAS is not supported by the labkit sandbox; "
                "create the table without partitioned_by",
            )
        location = options.get("external_location") or (
            context.output_location.rstrip("/") + f"/tables/{context.query_id}/"
        )
        location = location.rstrip("/") + "/"
        bucket, prefix = split_s3_uri(location)
        if not self.storage.bucket_exists(bucket):
            raise QueryFailed("GENERIC_USER_ERROR", f"line 1:1: Bucket {bucket} does not exist")
        if self.storage.list(location):
            raise QueryFailed(
                "HIVE_PATH_ALREADY_EXISTS", f"Target directory for table '{database}.{name}' already exists: {location}"
            )
        query = tree.expression
        with self._cursor(context) as cursor, tempfile.TemporaryDirectory(dir=self.work_dir) as folder:
            planned = Planner(catalog, self.storage, cursor, context.database.lower()).plan(query)
            local = os.path.join(folder, "data.parquet")  # where DuckDB may write
            try:
                relation = cursor.sql(planned.sql)  # bound, not run: names and types
                names, types = relation.columns, [duckdb_to_trino(t) for t in relation.types]
                written = cursor.execute(f"COPY ({planned.sql}) TO '{local}' (FORMAT PARQUET)").fetchone()[0]
            except duckdb.Error as error:
                raise translate_duckdb_error(error, query) from None
            self._store(local, f"{location}{context.query_id or 'data'}_00000.parquet", context)
        columns = [{"Name": n.lower(), "Type": _TRINO_TO_HIVE.get(t, t)} for n, t in zip(names, types)]
        catalog.create_table(
            database,
            {
                "Name": name,
                "TableType": "EXTERNAL_TABLE",
                "Parameters": {"EXTERNAL": "TRUE", "has_encrypted_data": "false", "parquet.compression": "SNAPPY"},
                "PartitionKeys": [],
                "StorageDescriptor": {
                    "Columns": columns,
                    "Location": location,
                    "InputFormat": PARQUET_FORMAT["InputFormat"],
                    "OutputFormat": PARQUET_FORMAT["OutputFormat"],
                    "Compressed": False,
                    "NumberOfBuckets": -1,
                    "SerdeInfo": {
                        "SerializationLibrary": PARQUET_FORMAT["SerializationLibrary"],
                        "Parameters": {"serialization.format": "1"},
                    },
                    "BucketColumns": [],
                    "SortColumns": [],
                    "Parameters": {},
                    "StoredAsSubDirectories": False,
                },
            },
        )
        return StatementResult("DDL", [("rows", "bigint")], [[str(written)]], planned.bytes_scanned)

    def create_view(self, statement: str, context: QueryContext, catalog: GlueCatalog) -> StatementResult:
        """CREATE [OR REPLACE] VIEW: the query is planned (so a view that cannot run is refused now, as
        Athena refuses it) and kept in Glue as Athena keeps a view."""
        tree, database, name = _created(statement, context, catalog, "CREATE VIEW")
        original = _VIEW.match(statement).group("query").strip()
        with self._cursor(context) as cursor:
            planned = Planner(catalog, self.storage, cursor, database).plan(tree.expression)
            try:
                relation = cursor.sql(planned.sql)  # bound, not run: names and types
                columns = [(n.lower(), duckdb_to_trino(t)) for n, t in zip(relation.columns, relation.types)]
            except duckdb.Error as error:
                raise translate_duckdb_error(error, tree.expression) from None
        existing = catalog.table(database, name)
        if existing is not None:
            if not is_view(existing):
                raise QueryFailed(
                    "TABLE_ALREADY_EXISTS", f"line 1:1: Table already exists: '{CATALOG_NAME}.{database}.{name}'"
                )
            if not tree.args.get("replace"):
                raise QueryFailed(
                    "ALREADY_EXISTS", f"line 1:1: View already exists: '{CATALOG_NAME}.{database}.{name}'"
                )
            catalog.drop_table(database, name)
        catalog.create_table(database, view_table_input(name, original, database, columns))
        return StatementResult("DDL")

    def unload(self, statement: str, context: QueryContext, catalog: GlueCatalog) -> StatementResult:
        """UNLOAD (query) TO 's3://...' WITH (format = ...): the query's rows written as files under the
        location, listed in `<query id>-manifest.csv` beside the results (where PyAthena reads them)."""
        match = _UNLOAD.match(statement)
        if match is None:
            raise QueryFailed(
                "SYNTAX_ERROR",
                "line 1:1: mismatched input 'UNLOAD'. Expecting: UNLOAD (query) TO 's3://...' [WITH (format = '...')]",
            )
        options = {k.lower(): v for k, v in _UNLOAD_OPTION.findall(match.group("options") or "")}
        unknown = set(options) - {"format", "compression", "field_delimiter", "partitioned_by", "compression_level"}
        if unknown:
            raise QueryFailed(
                "INVALID_TABLE_PROPERTY",
                f"line 1:1: Catalog 'awsdatacatalog' table property '{sorted(unknown)[0]}' does not exist",
            )
        if "partitioned_by" in options:
            raise QueryFailed(
                "NOT_SUPPORTED", "line 1:1: UNLOAD with partitioned_by is not supported by the labkit sandbox"
            )
        fmt = options.get("format", "'PARQUET'").strip("'").upper()
        if fmt not in _UNLOAD_FORMATS:
            raise QueryFailed(
                "NOT_SUPPORTED",
                f"line 1:1: UNLOAD to {fmt} is not supported by the labkit sandbox; PARQUET, TEXTFILE and JSON are",
            )
        delimiter = options.get("field_delimiter", "'\x01'")
        compression = {"SNAPPY": "snappy", "GZIP": "gzip", "ZSTD": "zstd", "NONE": "uncompressed"}.get(
            options.get("compression", "'GZIP'").strip("'").upper()
        )
        if compression is None:
            raise QueryFailed(
                "NOT_SUPPORTED",
                "line 1:1: This UNLOAD compression is not supported by the labkit "
                "sandbox; GZIP, SNAPPY, ZSTD and NONE are",
            )
        location = require_s3(match.group("to").replace("''", "'")).rstrip("/") + "/"
        bucket, _ = split_s3_uri(location)
        if not self.storage.bucket_exists(bucket):
            raise QueryFailed("GENERIC_USER_ERROR", f"line 1:1: Bucket {bucket} does not exist")
        if self.storage.list(location):
            raise QueryFailed("HIVE_PATH_ALREADY_EXISTS", f"Target directory for UNLOAD already exists: {location}")
        query = parse_trino(match.group("query"))
        copy_options, suffix = _UNLOAD_FORMATS[fmt]
        with self._cursor(context) as cursor, tempfile.TemporaryDirectory(dir=self.work_dir) as folder:
            planned = Planner(catalog, self.storage, cursor, context.database.lower()).plan(query)
            local = os.path.join(folder, "data")
            try:
                cursor.execute(
                    f"COPY ({planned.sql}) TO '{local}' "
                    f"{copy_options.format(delimiter=delimiter, compression=compression)}"
                )
            except duckdb.Error as error:
                raise translate_duckdb_error(error, query) from None
            uri = f"{location}{context.query_id or 'data'}_00000{suffix}"
            self._store(local, uri, context)
        manifest = None
        if context.output_location:
            manifest = f"{context.output_location.rstrip('/')}/{context.query_id}-manifest.csv"
            self.storage.put(manifest, (uri + "\n").encode())
        return StatementResult("DML", [], [], planned.bytes_scanned, manifest=manifest)

    def insert(self, statement: str, context: QueryContext, catalog: GlueCatalog) -> StatementResult:
        """INSERT INTO table [(columns)] query: the rows written as one new object in the table's
        location, in the table's format (Parquet, or delimited text as LazySimpleSerDe reads it)."""
        tree = parse_trino(statement)
        if not isinstance(tree, exp.Insert) or tree.expression is None:
            raise QueryFailed("SYNTAX_ERROR", "line 1:1: INSERT INTO expects a table and a query")
        target = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
        named = [c.name.lower() for c in tree.this.expressions] if isinstance(tree.this, exp.Schema) else None
        database, name = (target.db or context.database).lower(), target.name.lower()
        catalog.require_database(database)
        glue_table = catalog.table(database, name)
        if glue_table is None:
            raise QueryFailed("TABLE_NOT_FOUND", f"line 1:13: Table '{CATALOG_NAME}.{database}.{name}' does not exist")
        if is_view(glue_table):
            raise QueryFailed("NOT_SUPPORTED", "line 1:1: Inserting into views is not supported")
        if glue_table.get("PartitionKeys"):
            raise QueryFailed(
                "NOT_SUPPORTED", "line 1:1: INSERT INTO a partitioned table is not supported by the labkit sandbox"
            )
        columns = glue_table["StorageDescriptor"].get("Columns", [])
        names = [c["Name"].lower() for c in columns]
        named = named or names
        unknown = [n for n in named if n not in names]
        if unknown:
            raise QueryFailed(
                "COLUMN_NOT_FOUND", f"line 1:1: Insert column name does not exist in target table: {unknown[0]}"
            )
        location = glue_table["StorageDescriptor"].get("Location", "").rstrip("/") + "/"
        query = tree.expression
        with self._cursor(context) as cursor, tempfile.TemporaryDirectory(dir=self.work_dir) as folder:
            planned = Planner(catalog, self.storage, cursor, context.database.lower()).plan(query)
            try:
                relation = cursor.sql(planned.sql)
                if len(relation.columns) != len(named):
                    raise QueryFailed(
                        "TYPE_MISMATCH",
                        f"line 1:1: Insert query has mismatched column types: Table: "
                        f"[{', '.join(c['Type'] for c in columns)}], Query: "
                        f"[{', '.join(duckdb_to_trino(t) for t in relation.types)}]",
                    )
                given = dict(zip(named, [f"__q.{quote_ident(c)}" for c in relation.columns]))
                select = ", ".join(
                    f"CAST({given.get(c['Name'].lower(), 'NULL')} AS {hive_to_duckdb(c['Type'])}) "
                    f"AS {quote_ident(c['Name'])}"
                    for c in columns
                )
                local = os.path.join(folder, "data")
                parquet = is_parquet(glue_table)
                if parquet:
                    options, suffix = "(FORMAT PARQUET, COMPRESSION snappy)", ""
                else:
                    delimiter = field_delimiter(glue_table)
                    options = (
                        f"(FORMAT CSV, DELIMITER {quote_literal(delimiter)}, HEADER false, QUOTE '', "
                        "ESCAPE '', NULLSTR '\\N', COMPRESSION gzip)"
                    )
                    suffix = ".gz"
                written = cursor.execute(
                    f"COPY (SELECT {select} FROM ({planned.sql}) AS __q) TO '{local}' {options}"
                ).fetchone()[0]
            except duckdb.Error as error:
                raise translate_duckdb_error(error, query) from None
            self._store(local, f"{location}{context.query_id or 'data'}_00000{suffix}", context)
        return StatementResult("DML", [("rows", "bigint")], [[str(written)]], planned.bytes_scanned)

    def _store(self, local: str, uri: str, context: QueryContext) -> None:
        """A file a statement wrote (CTAS, UNLOAD, INSERT) put at `uri`, unless the query was cancelled."""
        if context.cancelled is not None and context.cancelled.is_set():
            raise QueryFailed("USER_CANCELLED", "Query was cancelled by user")
        with open(local, "rb") as handle:
            self.storage.put_file(uri, handle)

    def cancel(self, query_id: str) -> None:
        with self._lock:
            cursor = self._cursors.get(query_id)
        if cursor is not None:
            cursor.interrupt()


def _created(statement: str, context: QueryContext, catalog: GlueCatalog, what: str) -> tuple[exp.Create, str, str]:
    """CREATE TABLE AS / CREATE VIEW: its tree, and the database (which must exist) and name it creates."""
    tree = parse_trino(statement)
    if not isinstance(tree, exp.Create) or tree.expression is None:
        raise QueryFailed("SYNTAX_ERROR", f"line 1:1: {what} expects a query")
    target = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
    database, name = (target.db or context.database).lower(), target.name.lower()
    catalog.require_database(database)
    return tree, database, name


def _rendered(
    cursor, columns: list[tuple[str, str]], context: QueryContext, zones: list[str | None] = ()
) -> Iterator[list[list[str | None]]]:
    """The rows of the cursor's query, FETCH_ROWS at a time, as Athena's results carry them (a
    timestamp with time zone in the zone the query gave it)."""
    types = [t for _, t in columns]
    zoned = [(i, zone) for i, zone in enumerate(zones) if zone is not None and i < len(types)]
    while rows := cursor.fetchmany(FETCH_ROWS):
        if context.cancelled is not None and context.cancelled.is_set():
            raise QueryFailed("USER_CANCELLED", "Query was cancelled by user")
        rendered = [[render(v, t) for v, t in zip(row, types)] for row in rows]
        for i, zone in zoned:  # rare: only these columns are rendered again
            for out, row in zip(rendered, rows):
                out[i] = render(row[i], types[i], zone)
        yield rendered


def _remove_folders(folders: list[str], owner: int) -> None:
    if os.getpid() == owner:  # not in a forked child: the folders are its parent's
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


# CTAS table properties Athena knows (a name outside these fails as it does on Athena).
_CTAS_PROPERTIES = {
    "format",
    "partitioned_by",
    "external_location",
    "bucketed_by",
    "bucket_count",
    "write_compression",
    "compression_level",
    "field_delimiter",
    "table_type",
    "is_external",
    "parquet_compression",
    "orc_compression",
    "location",
    "vacuum_min_snapshots_to_keep",
    "vacuum_max_snapshot_age_seconds",
    "optimize_rewrite_delete_file_threshold",
    "optimize_rewrite_data_file_threshold",
    "partitioning",
}


def _ctas_options(tree: exp.Create) -> dict:
    """CTAS's WITH (...) properties by their Athena names (sqlglot gives format and partitioned_by
    nodes of their own)."""
    options = {}
    for prop in (tree.args.get("properties") or exp.Properties(expressions=[])).expressions:
        if isinstance(prop, exp.FileFormatProperty):
            key, value = "format", prop.this
        elif isinstance(prop, exp.PartitionedByProperty):
            key, value = "partitioned_by", prop.this
        elif type(prop) is exp.Property:
            key, value = prop.name.lower(), prop.args.get("value")
        else:
            continue
        if key not in _CTAS_PROPERTIES:
            raise QueryFailed(
                "INVALID_TABLE_PROPERTY", f"line 1:1: Catalog 'awsdatacatalog' table property '{key}' does not exist"
            )
        if isinstance(value, exp.Literal):
            options[key] = value.this
        elif isinstance(value, (exp.Array, exp.Tuple, exp.Schema)):
            options[key] = [v.name for v in value.expressions]
        elif value is not None:
            options[key] = value.name if hasattr(value, "name") and value.name else value.sql()
    return options
