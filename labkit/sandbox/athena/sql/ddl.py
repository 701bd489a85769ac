"""Hive DDL and utility statements, kept in the Glue catalog the way Athena keeps them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import BinaryIO

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from .errors import QueryFailed
from .projection import is_projected
from .scan import PARQUET_FORMAT, TEXT_FORMAT, partition_keys
from .storage import split_s3_uri
from .views import is_view
from .views import show_create as show_create_view


@dataclass
class StatementResult:
    statement_type: str  # DDL | DML | UTILITY
    columns: list[tuple[str, str]] = field(default_factory=list)  # (name, trino type)
    rows: list[list[str | None]] = field(default_factory=list)  # small results (not a query's)
    bytes_scanned: int = 0
    data: BinaryIO | None = None  # a query's result CSV, already written (its rows are not in `rows`)
    row_count: int = 0  # the rows in `data`
    manifest: str | None = None  # UNLOAD: the s3:// URI of the file listing what it wrote


def _lines(name: str, lines: list[str]) -> StatementResult:
    return StatementResult("DDL", [(name, "varchar")], [[line] for line in lines])


_PARTITION_SPEC = re.compile(r"PARTITION\s*\((?P<spec>[^)]*)\)(?:\s*LOCATION\s+'(?P<location>[^']*)')?", re.I)
_SPEC_PAIR = re.compile(
    r"\s*[`\"]?(?P<key>[\w-]+)[`\"]?\s*=\s*(?:'(?P<text>(?:[^']|'')*)'|(?P<number>[\w.+-]+))\s*(?:,|$)"
)

_UTILITY = [
    (
        re.compile(
            r"^ALTER\s+TABLE\s+(?P<table>[\w.`\"]+)\s+ADD\s+(?P<exists>IF\s+NOT\s+EXISTS\s+)?"
            r"(?P<partitions>PARTITION\b.*)$",
            re.I | re.S,
        ),
        "add_partitions",
    ),
    (
        re.compile(
            r"^ALTER\s+TABLE\s+(?P<table>[\w.`\"]+)\s+DROP\s+(?P<exists>IF\s+EXISTS\s+)?"
            r"(?P<partitions>PARTITION\b.*)$",
            re.I | re.S,
        ),
        "drop_partitions",
    ),
    (re.compile(r"^MSCK\s+REPAIR\s+TABLE\s+(?P<table>[\w.`\"]+)$", re.I), "msck"),
    (re.compile(r"^SHOW\s+(?:DATABASES|SCHEMAS)(?:\s+(?:LIKE\s+)?'(?P<pattern>[^']*)')?$", re.I), "show_databases"),
    (
        re.compile(
            r"^SHOW\s+TABLES(?:\s+(?:IN|FROM)\s+(?P<db>[\w`\"]+))?(?:\s+(?:LIKE\s+)?'(?P<pattern>[^']*)')?$", re.I
        ),
        "show_tables",
    ),
    (
        re.compile(r"^SHOW\s+VIEWS(?:\s+(?:IN|FROM)\s+(?P<db>[\w`\"]+))?(?:\s+LIKE\s+'(?P<pattern>[^']*)')?$", re.I),
        "show_views",
    ),
    (re.compile(r"^SHOW\s+CREATE\s+VIEW\s+(?P<table>[\w.`\"]+)$", re.I), "show_create_view"),
    (re.compile(r"^SHOW\s+PARTITIONS\s+(?P<table>[\w.`\"]+)$", re.I), "show_partitions"),
    (re.compile(r"^SHOW\s+CREATE\s+TABLE\s+(?P<table>[\w.`\"]+)$", re.I), "show_create_table"),
    (
        re.compile(
            r"^SHOW\s+COLUMNS\s+(?:IN|FROM)\s+(?P<table>[\w.`\"]+)(?:\s+(?:IN|FROM)\s+(?P<db>[\w`\"]+))?$", re.I
        ),
        "show_columns",
    ),
    (re.compile(r"^(?:DESCRIBE|DESC)\s+(?:FORMATTED\s+|EXTENDED\s+)?(?P<table>[\w.`\"]+)$", re.I), "describe"),
]


def utility_statement(sql: str):
    """(handler name, match) for statements sqlglot does not model, else None."""
    for pattern, name in _UTILITY:
        match = pattern.match(sql)
        if match:
            return name, match
    return None


def _unquote(name: str) -> str:
    return name.strip('`"').lower()


def split_name(name: str, default_db: str) -> tuple[str, str]:
    parts = [_unquote(p) for p in name.split(".")]
    return (parts[-2], parts[-1]) if len(parts) >= 2 else (default_db, parts[0])


def parse_hive(sql: str) -> exp.Expression:
    from .translate import syntax_error

    try:
        return sqlglot.parse_one(sql, read="hive")
    except ParseError as error:
        raise syntax_error(sql, error.errors[0] if error.errors else {}) from None


class DDL:
    def __init__(self, catalog, storage, database: str):
        self.catalog = catalog
        self.storage = storage
        self.database = database

    # --- statements parsed by sqlglot (Hive dialect) ---
    def run(self, tree: exp.Expression) -> StatementResult:
        if isinstance(tree, exp.Create) and tree.kind in ("DATABASE", "SCHEMA"):
            return self.create_database(tree)
        if isinstance(tree, exp.Create) and tree.kind == "TABLE":
            return self.create_table(tree)
        if isinstance(tree, exp.Drop) and tree.kind in ("DATABASE", "SCHEMA"):
            return self.drop_database(tree)
        if isinstance(tree, exp.Drop) and tree.kind in ("TABLE", "VIEW"):
            return self.drop_table(tree)
        if isinstance(tree, exp.Alter):
            return self.alter_table(tree)
        word = tree.name if isinstance(tree, exp.Command) else tree.key  # OPTIMIZE, VACUUM: sqlglot's Command
        raise QueryFailed("NOT_SUPPORTED", f"line 1:1: Statement not supported by the labkit sandbox: {word.upper()}")

    def create_database(self, tree: exp.Create) -> StatementResult:
        name = tree.this.name.lower()
        if self.catalog.database_exists(name):
            if tree.args.get("exists"):
                return StatementResult("DDL")
            raise QueryFailed("ALREADY_EXISTS", f"line 1:1: Database {name} already exists")
        location = None
        for prop in (tree.args.get("properties") or exp.Properties(expressions=[])).expressions:
            if isinstance(prop, exp.LocationProperty):
                location = require_s3(prop.this.this)
        self.catalog.create_database(name, location=location)
        return StatementResult("DDL")

    def drop_database(self, tree: exp.Drop) -> StatementResult:
        name = _dropped(tree).name.lower()
        if not self.catalog.database_exists(name):
            if tree.args.get("exists"):
                return StatementResult("DDL")
            raise QueryFailed("SCHEMA_NOT_FOUND", f"line 1:1: Database does not exist: {name}")
        if self.catalog.tables(name) and not tree.args.get("cascade"):
            raise QueryFailed(
                "GENERIC_USER_ERROR", f"line 1:1: Database {name} is not empty. One or more tables exist."
            )
        for table in self.catalog.tables(name):
            self.catalog.drop_table(name, table["Name"])
        self.catalog.drop_database(name)
        return StatementResult("DDL")

    def create_table(self, tree: exp.Create) -> StatementResult:
        refuse_iceberg(tree.args.get("properties"))
        schema = tree.this
        table = schema.this if isinstance(schema, exp.Schema) else schema
        database = (table.db or self.database).lower()
        name = table.name.lower()
        self.catalog.require_database(database)
        if self.catalog.table(database, name) is not None:
            if tree.args.get("exists"):
                return StatementResult("DDL")
            raise QueryFailed("ALREADY_EXISTS", f"line 1:1: Table {database}.{name} already exists")
        columns = [_column(c) for c in schema.expressions] if isinstance(schema, exp.Schema) else []
        table_input = self.table_input(name, columns, tree.args.get("properties"))
        self.catalog.create_table(database, table_input)
        return StatementResult("DDL")

    def table_input(self, name: str, columns: list[dict], properties) -> dict:
        parameters = {"EXTERNAL": "TRUE"}
        partition_cols, location, serde_params, row_format = [], "", {}, dict(TEXT_FORMAT)
        for prop in properties.expressions if properties else []:
            if isinstance(prop, exp.PartitionedByProperty):
                partition_cols = [_column(c) for c in prop.this.expressions]
            elif isinstance(prop, exp.LocationProperty):
                location = require_s3(prop.this.this)
            elif isinstance(prop, exp.RowFormatDelimitedProperty):
                fields = prop.args.get("fields")
                if fields is not None:
                    serde_params["field.delim"] = fields.this
                    serde_params["serialization.format"] = fields.this
                if prop.args.get("lines") is not None:
                    serde_params["line.delim"] = prop.args["lines"].this
            elif isinstance(prop, exp.RowFormatSerdeProperty):
                serde = prop.this.this
                row_format["SerializationLibrary"] = serde
                if "parquet" in serde.lower():
                    row_format = dict(PARQUET_FORMAT)
                for p in (prop.args.get("serde_properties") or exp.Properties(expressions=[])).expressions:
                    serde_params[_text(p.this)] = _text(p.args.get("value"))
            elif isinstance(prop, exp.SerdeProperties):
                for p in prop.expressions:
                    serde_params[_text(p.this)] = _text(p.args.get("value"))
            elif isinstance(prop, exp.FileFormatProperty):
                fmt = prop.this
                text = fmt.name if isinstance(fmt, (exp.Var, exp.Identifier)) else fmt.sql(dialect="hive")
                if "parquet" in text.lower():
                    row_format = dict(PARQUET_FORMAT)
                elif text.upper() == "ICEBERG":
                    raise QueryFailed("NOT_SUPPORTED", ICEBERG_NOT_SUPPORTED)
                elif not isinstance(fmt, exp.InputOutputFormat) and text.upper() != "TEXTFILE":
                    raise QueryFailed(
                        "NOT_SUPPORTED",
                        f"line 1:1: Tables STORED AS {text.upper()} are not supported "
                        "by the labkit sandbox; TEXTFILE and PARQUET are",
                    )
                elif isinstance(fmt, exp.InputOutputFormat):
                    row_format["InputFormat"] = _text(fmt.args.get("input_format"))
                    row_format["OutputFormat"] = _text(fmt.args.get("output_format"))
            elif isinstance(prop, exp.SchemaCommentProperty):
                parameters["comment"] = _text(prop.this)  # where Glue keeps a table's COMMENT
            elif isinstance(prop, exp.Property) and _text(prop.this):  # not EXTERNAL and other keyless words
                parameters[_text(prop.this)] = _text(prop.args.get("value"))
        if "parquet" in row_format["InputFormat"].lower():
            row_format["SerializationLibrary"] = PARQUET_FORMAT["SerializationLibrary"]
            serde_params.setdefault("serialization.format", "1")
        elif not serde_params:
            serde_params = {"serialization.format": "1"}
        return {
            "Name": name,
            "TableType": "EXTERNAL_TABLE",
            "Parameters": parameters,
            "PartitionKeys": partition_cols,
            "StorageDescriptor": {
                "Columns": columns,
                "Location": location,
                "InputFormat": row_format["InputFormat"],
                "OutputFormat": row_format["OutputFormat"],
                "Compressed": False,
                "NumberOfBuckets": -1,
                "SerdeInfo": {"SerializationLibrary": row_format["SerializationLibrary"], "Parameters": serde_params},
                "BucketColumns": [],
                "SortColumns": [],
                "Parameters": {},
                "StoredAsSubDirectories": False,
            },
        }

    def drop_table(self, tree: exp.Drop) -> StatementResult:
        table = _dropped(tree)
        database, name = (table.db or self.database).lower(), table.name.lower()
        found = self.catalog.table(database, name)
        if found is None or (tree.kind == "VIEW") != is_view(found):
            if tree.args.get("exists") and found is None:
                return StatementResult("DDL")
            if tree.kind == "VIEW":
                raise QueryFailed("TABLE_NOT_FOUND", f"line 1:1: View '{database}.{name}' does not exist")
            if found is not None:  # DROP TABLE of a view
                raise QueryFailed(
                    "GENERIC_USER_ERROR", f"line 1:1: Cannot drop view {database}.{name} with DROP TABLE; use DROP VIEW"
                )
            raise QueryFailed("TABLE_NOT_FOUND", f"line 1:1: Table {database}.{name} does not exist")
        self.catalog.drop_table(database, name)
        return StatementResult("DDL")

    def alter_table(self, tree: exp.Alter) -> StatementResult:
        raise QueryFailed(
            "NOT_SUPPORTED",
            "line 1:1: This ALTER TABLE is not supported by the labkit sandbox; ADD PARTITION and DROP PARTITION are",
        )

    def partition_clauses(self, match: re.Match, glue_table: dict) -> list[tuple[list[str], str]]:
        """[(values in key order, location or '')] of every PARTITION (...) [LOCATION '...'] clause."""
        text = match.group("partitions").strip()
        clauses, position = [], 0
        for clause in _PARTITION_SPEC.finditer(text):
            if text[position : clause.start()].strip(" ,\n\t"):
                break
            position = clause.end()
            given = {}
            for pair in _SPEC_PAIR.finditer(clause.group("spec")):
                value = (
                    pair.group("text").replace("''", "'") if pair.group("text") is not None else pair.group("number")
                )
                given[pair.group("key").lower()] = value
            location = clause.group("location")
            clauses.append((self.partition_values(glue_table, given), require_s3(location) if location else ""))
        if not clauses or text[position:].strip(" ,;\n\t"):
            raise QueryFailed(
                "SYNTAX_ERROR",
                f"line 1:1: mismatched input '{text[position : position + 20]}'. "
                "Expecting: PARTITION (key = 'value', ...) [LOCATION 's3://...']",
            )
        return clauses

    def add_partitions(self, match) -> StatementResult:
        database, name = split_name(match.group("table"), self.database)
        glue_table = self.require_table(database, name)
        keys = [k["Name"] for k in partition_keys(glue_table)]
        for values, location in self.partition_clauses(match, glue_table):
            if not location:
                base = glue_table["StorageDescriptor"]["Location"].rstrip("/")
                location = base + "/" + "/".join(f"{k}={v}" for k, v in zip(keys, values)) + "/"
            if self.catalog.has_partition(database, name, values):
                if match.group("exists"):
                    continue
                raise QueryFailed("ALREADY_EXISTS", "line 1:1: Partition already exists.")
            self.catalog.add_partition(database, name, partition_input(glue_table, values, location))
        return StatementResult("DDL")

    def drop_partitions(self, match) -> StatementResult:
        database, name = split_name(match.group("table"), self.database)
        glue_table = self.require_table(database, name)
        for values, _ in self.partition_clauses(match, glue_table):
            if not self.catalog.has_partition(database, name, values):
                if match.group("exists"):
                    continue
                raise QueryFailed("GENERIC_USER_ERROR", "line 1:1: Partition not found")
            self.catalog.drop_partition(database, name, values)
        return StatementResult("DDL")

    def partition_values(self, glue_table: dict, given: dict[str, str]) -> list[str]:
        keys = partition_keys(glue_table)
        names = [k["Name"].lower() for k in keys]
        if not keys:
            raise QueryFailed("GENERIC_USER_ERROR", f"line 1:1: Table {glue_table['Name']} is not partitioned")
        if set(given) != set(names):
            raise QueryFailed(
                "GENERIC_USER_ERROR", f"line 1:1: Partition spec {given} does not match partition keys {names}"
            )
        for key in keys:
            _check_partition_value(given[key["Name"].lower()], key["Type"])
        return [given[n] for n in names]

    def require_table(self, database: str, name: str) -> dict:
        glue_table = self.catalog.table(database, name)
        if glue_table is None:
            raise QueryFailed("TABLE_NOT_FOUND", f"line 1:1: Table awsdatacatalog.{database}.{name} does not exist")
        return glue_table

    # --- utility statements (regex-matched) ---
    def utility(self, handler: str, match: re.Match) -> StatementResult:
        return getattr(self, handler)(match)

    def msck(self, match) -> StatementResult:
        database, name = split_name(match.group("table"), self.database)
        glue_table = self.require_table(database, name)
        keys = [k["Name"].lower() for k in partition_keys(glue_table)]
        base = glue_table["StorageDescriptor"]["Location"].rstrip("/") + "/"
        found: dict[tuple, str] = {}
        for relative in self.storage.list_prefixes(base):
            parts = relative.split("/")[:-1]
            if len(parts) < len(keys):
                continue
            pairs = [p.split("=", 1) for p in parts[: len(keys)]]
            if all(len(p) == 2 and p[0].lower() == k for p, k in zip(pairs, keys)):
                values = tuple(p[1] for p in pairs)
                found.setdefault(values, base + "/".join(parts[: len(keys)]) + "/")
        missing = [
            (v, loc) for v, loc in sorted(found.items()) if not self.catalog.has_partition(database, name, list(v))
        ]
        lines = []
        if missing:
            names = "\t".join(f"{name}:" + "/".join(f"{k}={x}" for k, x in zip(keys, v)) for v, _ in missing)
            lines.append(f"Partitions not in metastore:\t{names}")
        for values, location in missing:
            self.catalog.add_partition(database, name, partition_input(glue_table, list(values), location))
            lines.append(
                f"Repair: Added partition to metastore {name}:" + "/".join(f"{k}={x}" for k, x in zip(keys, values))
            )
        return _lines("result", lines)

    def show_databases(self, match) -> StatementResult:
        names = sorted(db["Name"] for db in self.catalog.databases())
        return StatementResult(
            "DDL", [("database_name", "varchar")], [[n] for n in names if _like(n, match.group("pattern"))]
        )

    def show_tables(self, match) -> StatementResult:
        database = _unquote(match.group("db")) if match.group("db") else self.database
        self.catalog.require_database(database)
        names = sorted(t["Name"] for t in self.catalog.tables(database))
        return StatementResult(
            "DDL", [("tab_name", "varchar")], [[n] for n in names if _like(n, match.group("pattern"))]
        )

    def show_views(self, match) -> StatementResult:
        database = _unquote(match.group("db")) if match.group("db") else self.database
        self.catalog.require_database(database)
        names = sorted(t["Name"] for t in self.catalog.tables(database) if is_view(t))
        return StatementResult("DDL", [("views", "varchar")], [[n] for n in names if _like(n, match.group("pattern"))])

    def show_create_view(self, match) -> StatementResult:
        database, name = split_name(match.group("table"), self.database)
        glue_table = self.require_table(database, name)
        if not is_view(glue_table):
            raise QueryFailed("NOT_SUPPORTED", f"line 1:1: Relation '{database}.{name}' is a table, not a view")
        return _lines("createview_stmt", show_create_view(name, database, glue_table).splitlines())

    def show_partitions(self, match) -> StatementResult:
        database, name = split_name(match.group("table"), self.database)
        glue_table = self.require_table(database, name)
        keys = [k["Name"] for k in partition_keys(glue_table)]
        if not keys:
            raise QueryFailed("GENERIC_USER_ERROR", f"line 1:1: Table {name} is not a partitioned table")
        if is_projected(glue_table):
            raise QueryFailed(
                "NOT_SUPPORTED",
                "line 1:1: SHOW PARTITIONS is not supported for tables with "
                "partition projection: partitions are computed at query time",
            )
        rows = sorted(
            "/".join(f"{k}={v}" for k, v in zip(keys, p["Values"])) for p in self.catalog.partitions(database, name)
        )
        return _lines("partition", rows)

    def show_columns(self, match) -> StatementResult:
        database = _unquote(match.group("db")) if match.group("db") else None
        db, name = split_name(match.group("table"), database or self.database)
        glue_table = self.require_table(database or db, name)
        cols = glue_table["StorageDescriptor"]["Columns"] + partition_keys(glue_table)
        return _lines("field", [c["Name"] for c in cols])

    def describe(self, match) -> StatementResult:
        database, name = split_name(match.group("table"), self.database)
        glue_table = self.require_table(database, name)
        lines = [
            f"{c['Name']:<20}\t{c['Type']:<20}\t{c.get('Comment', '')}"
            for c in glue_table["StorageDescriptor"]["Columns"] + partition_keys(glue_table)
        ]
        if partition_keys(glue_table):
            lines += ["", "# Partition Information", f"{'# col_name':<20}\t{'data_type':<20}\tcomment", ""]
            lines += [f"{k['Name']:<20}\t{k['Type']:<20}\t" for k in partition_keys(glue_table)]
        return _lines("col_name", lines)

    def show_create_table(self, match) -> StatementResult:
        database, name = split_name(match.group("table"), self.database)
        t = self.require_table(database, name)
        sd = t["StorageDescriptor"]
        lines = [f"CREATE EXTERNAL TABLE `{database}`.`{name}`("]
        cols = sd["Columns"]
        lines += [f"  `{c['Name']}` {c['Type']}{',' if i < len(cols) - 1 else ')'}" for i, c in enumerate(cols)]
        if partition_keys(t):
            keys = partition_keys(t)
            lines.append("PARTITIONED BY ( ")
            lines += [f"  `{k['Name']}` {k['Type']}{',' if i < len(keys) - 1 else ')'}" for i, k in enumerate(keys)]
        serde = sd.get("SerdeInfo", {})
        if "field.delim" in serde.get("Parameters", {}):
            lines += ["ROW FORMAT DELIMITED ", f"  FIELDS TERMINATED BY '{serde['Parameters']['field.delim']}' "]
        else:
            lines += ["ROW FORMAT SERDE ", f"  '{serde.get('SerializationLibrary', '')}' "]
        lines += [
            "STORED AS INPUTFORMAT ",
            f"  '{sd.get('InputFormat', '')}' ",
            "OUTPUTFORMAT ",
            f"  '{sd.get('OutputFormat', '')}'",
            "LOCATION",
            f"  '{sd.get('Location', '')}'",
            "TBLPROPERTIES (",
        ]
        params = [(k, v) for k, v in sorted(t.get("Parameters", {}).items()) if k != "EXTERNAL"]
        lines += [f"  '{k}'='{v}'{',' if i < len(params) - 1 else ')'}" for i, (k, v) in enumerate(params)]
        if not params:
            lines[-1] = "TBLPROPERTIES ()"
        return _lines("createtab_stmt", lines)


def _dropped(tree: exp.Drop) -> exp.Table:
    return tree.this if tree.this is not None else tree.args["tables"][0]


def require_s3(location: str) -> str:
    """A LOCATION as given, once it is known to be s3:// (Athena's error otherwise)."""
    split_s3_uri(location)
    return location


def partition_input(glue_table: dict, values: list[str], location: str) -> dict:
    storage = dict(glue_table["StorageDescriptor"])
    storage["Location"] = location
    return {"Values": list(values), "StorageDescriptor": storage, "Parameters": {}}


ICEBERG_NOT_SUPPORTED = (
    "line 1:1: Iceberg tables (table_type 'ICEBERG', partition transforms such as day(ts)) "
    "are not supported by the labkit sandbox; create a Hive table: CREATE EXTERNAL TABLE ... "
    "LOCATION 's3://...'"
)


def refuse_iceberg(properties) -> None:
    """An Iceberg table (table_type 'ICEBERG'; PARTITIONED BY a transform or an untyped column) fails
    as a statement Athena cannot run, never with a Python error."""
    for prop in properties.expressions if properties else []:
        transform = isinstance(prop, exp.PartitionedByProperty) and any(
            not (isinstance(c, exp.ColumnDef) and c.args.get("kind")) for c in prop.this.expressions
        )
        iceberg = (
            isinstance(prop, exp.Property)
            and _text(prop.this).lower() == "table_type"
            and _text(prop.args.get("value")).upper() == "ICEBERG"
        )
        if transform or iceberg:
            raise QueryFailed("NOT_SUPPORTED", ICEBERG_NOT_SUPPORTED)


def _column(node: exp.ColumnDef) -> dict:
    column = {"Name": node.this.name.lower(), "Type": node.args["kind"].sql(dialect="hive").lower()}
    for constraint in node.args.get("constraints") or []:
        if isinstance(constraint.args.get("kind"), exp.CommentColumnConstraint):
            column["Comment"] = _text(constraint.args["kind"].this)  # as Glue keeps a column's COMMENT
    return column


def _text(node) -> str:
    if node is None:
        return ""
    if isinstance(node, exp.Literal):
        return node.this
    if isinstance(node, exp.Expression):
        return node.name or node.sql(dialect="hive").strip("'\"")
    return str(node)


def _like(name: str, pattern: str | None) -> bool:
    if not pattern:
        return True
    regex = "^(" + "|".join(re.escape(p).replace(r"\*", ".*") for p in pattern.split("|")) + ")$"
    return re.match(regex, name, re.I) is not None


def _check_partition_value(value: str, hive_type: str) -> None:
    import datetime as dt

    base = hive_type.lower()
    try:
        if base == "date":
            dt.date.fromisoformat(value)
        elif base in ("int", "integer", "bigint", "smallint", "tinyint"):
            int(value)
    except ValueError:
        raise QueryFailed(
            "INVALID_PARTITION_VALUE", f"line 1:1: Invalid partition value '{value}' for {hive_type} partition key"
        ) from None
