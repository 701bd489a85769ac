"""Views as Athena keeps them in Glue: a table of type VIRTUAL_VIEW whose ViewOriginalText carries
the Trino ("Presto") view definition, base64 JSON between `/* Presto View: ` and ` */`, so that a view
created here is one Athena would read (and one made by Athena reads here).

    table_input("v", "SELECT 1 AS a", "db", [("a", "integer")])["ViewOriginalText"]
    -> '/* Presto View: eyJvcmlnaW5hbFNxbCI6ICJTRUxFQ1QgMSBBUyBhIiwgLi4u */'
"""

from __future__ import annotations

import base64
import json

from sqlglot import exp

from .catalog import CATALOG_NAME
from .errors import QueryFailed

VIEW_TYPE = "VIRTUAL_VIEW"
_PREFIX, _SUFFIX = "/* Presto View: ", " */"
MAX_DEPTH = 16  # views of views of views...: deeper than this is a cycle
_HIVE_NAMES = {"integer": "int", "varchar": "string", "real": "float", "timestamp with time zone": "timestamp"}


def is_view(glue_table: dict | None) -> bool:
    return bool(glue_table) and glue_table.get("TableType") == VIEW_TYPE


def table_input(name: str, sql: str, database: str, columns: list[tuple[str, str]]) -> dict:
    """The Glue TableInput of a view, as Athena writes it."""
    definition = {
        "originalSql": sql,
        "catalog": CATALOG_NAME,
        "schema": database,
        "columns": [{"name": n, "type": t} for n, t in columns],
        "owner": "labkit",
        "runAsInvoker": False,
        "properties": {},
    }
    encoded = base64.b64encode(json.dumps(definition).encode()).decode()
    return {
        "Name": name,
        "TableType": VIEW_TYPE,
        "Owner": "labkit",
        "Parameters": {"presto_view": "true", "comment": "Presto View"},
        "ViewOriginalText": f"{_PREFIX}{encoded}{_SUFFIX}",
        "ViewExpandedText": "/* Presto View */",
        "PartitionKeys": [],
        "StorageDescriptor": {
            "Columns": [{"Name": n, "Type": _HIVE_NAMES.get(t, t)} for n, t in columns],
            "Location": "",
            "Compressed": False,
            "NumberOfBuckets": 0,
            "SerdeInfo": {},
            "SortColumns": [],
            "StoredAsSubDirectories": False,
        },
    }


def definition(glue_table: dict) -> dict:
    """The view's definition ({'originalSql', 'schema', 'columns', ...}) from its Glue table."""
    text = glue_table.get("ViewOriginalText", "")
    if not (text.startswith(_PREFIX) and text.endswith(_SUFFIX)):
        raise QueryFailed(
            "HIVE_INVALID_VIEW_DATA", f"Invalid view data for {glue_table.get('Name')}: not a Presto view"
        )
    try:
        return json.loads(base64.b64decode(text[len(_PREFIX) : -len(_SUFFIX)]))
    except ValueError:
        raise QueryFailed("HIVE_INVALID_VIEW_DATA", f"Invalid view data for {glue_table.get('Name')}") from None


def expansion(glue_table: dict, table: exp.Table, parse, refers_to_cte) -> exp.Subquery:
    """The view's query in place of the table that names it: a subquery with the reference's alias,
    its own unqualified tables read from the view's schema (as Trino resolves them)."""
    view = definition(glue_table)
    query = parse(view["originalSql"])
    for inner in list(query.find_all(exp.Table)):
        if not inner.args.get("db") and not refers_to_cte(inner):
            inner.set("db", exp.to_identifier(view.get("schema", "default")))
    return exp.Subquery(this=query, alias=exp.TableAlias(this=exp.to_identifier(table.alias_or_name)))


def show_create(name: str, database: str, glue_table: dict) -> str:
    view = definition(glue_table)
    return f'CREATE VIEW "{CATALOG_NAME}"."{database}"."{name}" SECURITY DEFINER AS\n{view["originalSql"]}'
