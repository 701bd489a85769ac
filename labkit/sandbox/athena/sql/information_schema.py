"""information_schema as Athena answers it: the Glue catalog's databases, tables, views and columns,
read as a relation of literal rows (nothing is scanned, so nothing is billed).

    SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'vpc_flow_logs'
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp

from .catalog import CATALOG_NAME
from .errors import QueryFailed
from .scan import partition_keys
from .views import is_view

SCHEMA = "information_schema"
_COLUMNS = {
    "schemata": [("catalog_name", "varchar"), ("schema_name", "varchar")],
    "tables": [
        ("table_catalog", "varchar"),
        ("table_schema", "varchar"),
        ("table_name", "varchar"),
        ("table_type", "varchar"),
    ],
    "views": [
        ("table_catalog", "varchar"),
        ("table_schema", "varchar"),
        ("table_name", "varchar"),
        ("view_definition", "varchar"),
    ],
    "columns": [
        ("table_catalog", "varchar"),
        ("table_schema", "varchar"),
        ("table_name", "varchar"),
        ("column_name", "varchar"),
        ("ordinal_position", "bigint"),
        ("column_default", "varchar"),
        ("is_nullable", "varchar"),
        ("data_type", "varchar"),
        ("comment", "varchar"),
        ("extra_info", "varchar"),
    ],
}
_HIVE_TO_TRINO = {"string": "varchar", "int": "integer", "float": "real", "binary": "varbinary"}


def trino_type(hive_type: str) -> str:
    """A Glue (Hive) column type as Trino names it: string -> varchar, array<int> -> array(integer)."""
    text = hive_type.strip().lower()
    text = re.sub(r"\b(string|int|float|binary)\b", lambda m: _HIVE_TO_TRINO[m.group(1)], text)
    return text.replace("<", "(").replace(">", ")").replace("struct(", "row(").replace(":", " ")


def is_information_schema(table: exp.Table) -> bool:
    return table.text("db").lower() == SCHEMA and table.text("catalog").lower() in ("", CATALOG_NAME)


def relation(catalog, table: exp.Table, position: str) -> exp.Subquery:
    name = table.name.lower()
    if name not in _COLUMNS:
        raise QueryFailed("TABLE_NOT_FOUND", f"{position}: Table '{CATALOG_NAME}.{SCHEMA}.{name}' does not exist")
    rows = list(_rows(catalog, name))
    columns = _COLUMNS[name]
    if rows:
        values = ", ".join("(" + ", ".join(_literal(v, t) for v, (_, t) in zip(row, columns)) + ")" for row in rows)
        sql = f"SELECT * FROM (VALUES {values}) AS t({', '.join(c for c, _ in columns)})"
    else:
        sql = "SELECT " + ", ".join(f"CAST(NULL AS {t}) AS {c}" for c, t in columns) + " WHERE false"
    return exp.Subquery(
        this=sqlglot.parse_one(sql, read="trino"), alias=exp.TableAlias(this=exp.to_identifier(table.alias_or_name))
    )


def _literal(value, kind: str) -> str:
    if value is None:
        return f"CAST(NULL AS {kind})"
    if kind == "bigint":
        return f"BIGINT '{int(value)}'"
    return "'" + str(value).replace("'", "''") + "'"


def _rows(catalog, name: str):
    databases = sorted(db["Name"] for db in catalog.databases())
    if name == "schemata":
        for database in sorted(databases + [SCHEMA]):
            yield CATALOG_NAME, database
        return
    for database in databases:
        for glue_table in sorted(catalog.tables(database), key=lambda t: t["Name"]):
            table_name = glue_table["Name"]
            view = is_view(glue_table)
            if name == "tables":
                yield CATALOG_NAME, database, table_name, "VIEW" if view else "BASE TABLE"
            elif name == "views" and view:
                from .views import definition

                yield CATALOG_NAME, database, table_name, definition(glue_table).get("originalSql")
            elif name == "columns":
                cols = glue_table.get("StorageDescriptor", {}).get("Columns", []) + partition_keys(glue_table)
                for index, column in enumerate(cols, start=1):
                    extra = "partition key" if column in partition_keys(glue_table) else None
                    yield (
                        CATALOG_NAME,
                        database,
                        table_name,
                        column["Name"],
                        index,
                        None,
                        "YES",
                        trino_type(column["Type"]),
                        column.get("Comment"),
                        extra,
                    )
