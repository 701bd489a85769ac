"""A SELECT, from Trino SQL to DuckDB: resolve tables in the catalog, prune partitions, read only
the objects needed (counting their bytes), translate the dialect, run."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from sqlglot import exp
from sqlglot.optimizer.annotate_types import annotate_types

from .catalog import CATALOG_NAME
from .errors import QueryFailed
from .guard import check_query, is_path_like
from .projection import is_projected, projected_partitions
from .scan import PATH_COLUMN, PartitionFiles, partition_keys, partition_value, quote_ident, scan_sql
from .strict import SQL_TEXT, check_types
from .rewrite import first_select
from .translate import parse_trino, table_position, to_duckdb, translate
from .information_schema import is_information_schema
from .information_schema import relation as information_relation
from .views import MAX_DEPTH, expansion, is_view
from .types import hive_to_duckdb

_view_ids = itertools.count(1)


@dataclass
class TableRead:
    """What one table reference in a query reads."""

    view: str
    bytes_scanned: int


@dataclass
class PlannedQuery:
    sql: str
    reads: list[TableRead] = field(default_factory=list)
    zones: list[str | None] = field(default_factory=list)  # each output column's time zone (None: UTC)
    types: list[str | None] = field(default_factory=list)  # Trino types DuckDB's would not say (ipaddress)

    @property
    def bytes_scanned(self) -> int:
        return sum(r.bytes_scanned for r in self.reads)


def refers_to_cte(table: exp.Table) -> bool:
    """Whether a table reference means a CTE: one of an enclosing WITH, and inside a CTE's own body
    only one defined before it (any of them with WITH RECURSIVE). Anything else is a catalog table:
    `WITH x AS (SELECT * FROM x)` must not leave the inner `x` for DuckDB to resolve."""
    if table.args.get("db") or table.args.get("catalog"):
        return False
    name = table.name.lower()
    child, node = table, table.parent
    while node is not None:
        if isinstance(node, exp.With):
            ctes = node.expressions
            index = next((i for i, cte in enumerate(ctes) if cte is child), len(ctes))
            visible = ctes if node.args.get("recursive") else ctes[:index]
            if any(cte.alias_or_name.lower() == name for cte in visible):
                return True
        elif isinstance(node.args.get("with_"), exp.With) and node.args["with_"] is not child:
            if any(cte.alias_or_name.lower() == name for cte in node.args["with_"].expressions):
                return True
        child, node = node, node.parent
    return False


def table_conjuncts(table: exp.Table, keys: set[str]) -> list[exp.Expression]:
    """WHERE conjuncts of the query block reading `table` that mention only its partition columns."""
    select = table.find_ancestor(exp.Select)
    where = select.args.get("where") if select else None
    if where is None:
        return []
    alias = table.alias_or_name.lower()
    found = []
    for conjunct in where.this.flatten() if isinstance(where.this, exp.And) else [where.this]:
        cols = list(conjunct.find_all(exp.Column))
        if not cols or conjunct.find(exp.Subquery, exp.Select, exp.Is, exp.Coalesce):
            continue
        if all(c.name.lower() in keys and (not c.table or c.table.lower() == alias) for c in cols):
            found.append(conjunct)
    return found


def injected_values(conjuncts: list[exp.Expression]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for c in conjuncts:
        if isinstance(c, exp.EQ) and isinstance(c.this, exp.Column) and isinstance(c.expression, exp.Literal):
            values.setdefault(c.this.name.lower(), []).append(c.expression.this)
        elif (
            isinstance(c, exp.In)
            and isinstance(c.this, exp.Column)
            and all(isinstance(e, exp.Literal) for e in c.expressions)
        ):
            values.setdefault(c.this.name.lower(), []).extend(e.this for e in c.expressions)
    return values


class Planner:
    def __init__(self, catalog, storage, cursor, database: str):
        self.catalog = catalog
        self.storage = storage
        self.cursor = cursor
        self.database = database

    def plan(self, tree: exp.Expression) -> PlannedQuery:
        check_query(tree)
        root = tree.root()
        sql_text = (root.meta or {}).get(SQL_TEXT, "") if root._meta else ""
        planned = PlannedQuery(sql="")
        schema: dict[str, dict[str, str]] = {}
        for table in list(tree.find_all(exp.Table)):
            if is_information_schema(table) and not refers_to_cte(table):
                table.replace(information_relation(self.catalog, table, table_position(table)))
        self.expand_views(tree)
        wants_path = any(c.name == PATH_COLUMN for c in tree.find_all(exp.Column))
        for table in list(tree.find_all(exp.Table)):
            if is_path_like(table.name):
                raise self.not_found(table)
            if refers_to_cte(table):
                continue
            glue_table = self.resolve(table)
            read = self.read(table, glue_table, wants_path)
            planned.reads.append(read)
            alias = table.alias_or_name
            replacement = exp.Table(
                this=exp.to_identifier(read.view), alias=exp.TableAlias(this=exp.to_identifier(alias))
            )
            if table.args.get("sample") is not None:
                replacement.set("sample", sampled(table.args["sample"]))
            table.replace(replacement)
            schema[read.view] = {
                c["Name"]: hive_to_duckdb(c["Type"])
                for c in glue_table["StorageDescriptor"].get("Columns", []) + partition_keys(glue_table)
            }
            if wants_path:  # a hidden column: SELECT * does not show it
                schema[read.view][PATH_COLUMN] = "VARCHAR"
                hide_path_column(replacement)
        for column in tree.find_all(exp.Column):  # schema.table.column (SQLAlchemy writes it): the table's alias
            if column.args.get("db") is not None:
                column.set("db", None)
                column.set("catalog", None)
        move_cte_columns(tree)
        name_unnamed_columns(tree)
        tree = name_values_columns(tree)
        typed_tree = typed(tree, schema)
        check_types(typed_tree, sql_text)
        planned.sql, planned.zones, planned.types = translate(typed_tree)
        return planned

    def expand_views(self, tree: exp.Expression) -> None:
        """Each table that is a view becomes the view's query (views of views too), checked as any
        query is: a view in Glue may have been written by anyone."""
        for _ in range(MAX_DEPTH):
            views = [
                (t, g)
                for t in list(tree.find_all(exp.Table))
                if not is_path_like(t.name) and not refers_to_cte(t)
                for g in [self.resolve(t)]
                if is_view(g)
            ]
            if not views:
                return
            for table, glue_table in views:
                table.replace(expansion(glue_table, table, parse_trino, refers_to_cte))
            check_query(tree)
        raise QueryFailed("VIEW_IS_RECURSIVE", "line 1:1: View is recursive")

    def resolve(self, table: exp.Table) -> dict:
        catalog = (table.catalog or CATALOG_NAME).lower()
        database = (table.db or self.database).lower()
        name = table.name.lower()
        where = table_position(table)
        if catalog != CATALOG_NAME:
            raise QueryFailed("CATALOG_NOT_FOUND", f"{where}: Catalog '{catalog}' does not exist")
        if not self.catalog.database_exists(database):
            raise QueryFailed("SCHEMA_NOT_FOUND", f"{where}: Schema '{database}' does not exist")
        glue_table = self.catalog.table(database, name)
        if glue_table is None:
            raise self.not_found(table)
        return glue_table

    def not_found(self, table: exp.Table) -> QueryFailed:
        catalog = (table.catalog or CATALOG_NAME).lower()
        return QueryFailed(
            "TABLE_NOT_FOUND",
            f"{table_position(table)}: Table '{catalog}.{self.database_of(table)}.{table.name.lower()}' does not exist",
        )

    def partitions(self, table: exp.Table, glue_table: dict) -> list[tuple[dict[str, str], str]]:
        keys = partition_keys(glue_table)
        location = glue_table["StorageDescriptor"].get("Location", "")
        if not keys:
            return [({}, location)]
        conjuncts = table_conjuncts(table, {k["Name"].lower() for k in keys})
        if is_projected(glue_table):
            single = {
                k["Name"].lower(): [
                    c for c in conjuncts if {col.name.lower() for col in c.find_all(exp.Column)} == {k["Name"].lower()}
                ]
                for k in keys
            }
            types = {k["Name"].lower(): k["Type"] for k in keys}

            def column_filter(column: str, values: list[str]) -> list[str]:
                predicates = single.get(column.lower(), [])
                if not predicates:
                    return values
                candidates = [{column: v} for v in values]
                keep = self.prune([{"Name": column, "Type": types[column.lower()]}], candidates, predicates)
                return [values[i] for i in keep]

            candidates = projected_partitions(glue_table, injected_values(conjuncts), column_filter)
        else:
            stored = self.catalog.partitions(self.database_of(table), glue_table["Name"])
            candidates = [
                (dict(zip([k["Name"] for k in keys], p["Values"])), p.get("StorageDescriptor", {}).get("Location", ""))
                for p in stored
            ]
            candidates.sort(key=lambda c: c[1])
        if conjuncts and candidates:
            keep = self.prune(keys, [values for values, _ in candidates], conjuncts)
            candidates = [candidates[i] for i in keep]
        return candidates

    def database_of(self, table: exp.Table) -> str:
        return (table.db or self.database).lower()

    def prune(self, keys: list[dict], candidates: list[dict[str, str]], conjuncts: list[exp.Expression]) -> list[int]:
        """Indices of candidate partitions that satisfy the conjuncts (all kept if they cannot be evaluated)."""
        names = [k["Name"] for k in keys]
        rows = ", ".join(
            "(" + ", ".join([str(i)] + [partition_value(c[n], k["Type"]) for n, k in zip(names, keys)]) + ")"
            for i, c in enumerate(candidates)
        )
        predicate = exp.and_(*[c.copy() for c in conjuncts])
        for column in predicate.find_all(exp.Column):
            column.set("table", None)
        sql = (
            f"SELECT __i FROM (VALUES {rows}) AS __p(__i, {', '.join(quote_ident(n) for n in names)}) "
            f"WHERE {to_duckdb(predicate)}"
        )
        try:
            return [row[0] for row in self.cursor.execute(sql).fetchall()]
        except Exception:
            return list(range(len(candidates)))

    def read(self, table: exp.Table, glue_table: dict, with_path: bool = False) -> TableRead:
        parts, total, listing = [], 0, {}
        for values, location in self.partitions(table, glue_table):
            objects = self.storage.list(location, listing) if location else []
            total += sum(o.size for o in objects)
            parts.append(
                PartitionFiles(values, [self.storage.local_path(o) for o in objects], [o.uri for o in objects])
            )
        view = f"__labkit_table_{next(_view_ids)}"
        sql = scan_sql(glue_table, parts, self.parquet_columns, with_path)
        self.cursor.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS {sql}")
        return TableRead(view=view, bytes_scanned=total)

    def parquet_columns(self, paths: list[str]) -> set[str]:
        listing = "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"
        rows = self.cursor.execute(f"DESCRIBE SELECT * FROM read_parquet({listing}, union_by_name=true)").fetchall()
        return {r[0] for r in rows}


def typed(tree: exp.Expression, schema: dict) -> exp.Expression:
    """The tree with every expression's type known where possible (Trino's integer division needs it).

    Columns are qualified against the tables read so their types resolve; if that fails the query
    still runs, just without types.
    """
    from sqlglot.optimizer.qualify import qualify

    try:
        qualified = qualify(
            tree.copy(),
            schema=schema,
            dialect="trino",
            expand_stars=False,
            validate_qualify_columns=False,
            quote_identifiers=False,
            identify=False,
        )
        return annotate_types(qualified, schema=schema, dialect="trino")
    except Exception:
        try:
            return annotate_types(tree, schema=schema, dialect="trino")
        except Exception:
            return tree


def name_unnamed_columns(tree: exp.Expression) -> None:
    """Trino names an expression without an alias `_col0`, `_col1`, ... by its position."""
    select = first_select(tree)
    if not isinstance(select, exp.Select):
        return
    for index, expression in enumerate(select.expressions):
        if not isinstance(expression, (exp.Alias, exp.Column, exp.Star)) and not expression.alias:
            expression.replace(exp.alias_(expression.copy(), f"_col{index}"))


def hide_path_column(table: exp.Table) -> None:
    """SELECT * over a table read with "$path" leaves it out, as Athena's hidden columns are."""
    select = table.find_ancestor(exp.Select)
    if select is None:
        return
    for star in select.expressions:
        if isinstance(star, exp.Star):
            star.set("except_", [exp.column(exp.to_identifier(PATH_COLUMN, quoted=True))])


def sampled(sample: exp.TableSample) -> exp.TableSample:
    """TABLESAMPLE BERNOULLI/SYSTEM (p): a p% sample, the same one every time (a fixed seed)."""
    method = (sample.text("method") or "BERNOULLI").upper()
    percent = sample.args.get("percent") or sample.args.get("size")
    if method not in ("BERNOULLI", "SYSTEM") or not isinstance(percent, exp.Literal) or not percent.is_number:
        raise QueryFailed(
            "NOT_SUPPORTED",
            "line 1:1: This TABLESAMPLE is not supported by the labkit sandbox; "
            "TABLESAMPLE BERNOULLI (p) and SYSTEM (p) with a number are",
        )
    # Rows are drawn one by one in both cases (SYSTEM draws blocks in Trino: which rows, is not promised).
    return exp.TableSample(method=exp.var("BERNOULLI"), percent=percent.copy(), seed=exp.Literal.number(42))


def move_cte_columns(tree: exp.Expression) -> None:
    """WITH t(a, b) AS (query): the names go onto the query's own columns (the typing step drops a
    CTE's column list): VALUES get them as their alias, a SELECT as its expressions' aliases."""
    for cte in list(tree.find_all(exp.CTE)):
        alias = cte.args.get("alias")
        if alias is None or not alias.columns:
            continue
        names = [c.name for c in alias.columns]
        body = cte.this
        if isinstance(body, exp.Values):
            body.set(
                "alias",
                exp.TableAlias(
                    this=exp.to_identifier(f"__{alias.name}"), columns=[exp.to_identifier(n) for n in names]
                ),
            )
            cte.set("this", exp.Select(expressions=[exp.Star()]).from_(body.copy()))
        elif (
            isinstance(body, exp.Select)
            and [type(e) for e in body.expressions] == [exp.Star]
            and not body.args.get("joins")
            and body.args.get("from_") is not None
            and isinstance(body.args["from_"].this, (exp.Values, exp.Subquery))
            and not body.args.get("group")
        ):
            source = body.args["from_"].this  # SELECT * FROM (VALUES ...) [AS v(x, y)]: its columns are renamed
            source.set(
                "alias",
                exp.TableAlias(
                    this=exp.to_identifier(source.alias or f"__{alias.name}"),
                    columns=[exp.to_identifier(n) for n in names],
                ),
            )
        elif (
            isinstance(body, exp.Select)
            and len(body.expressions) == len(names)
            and not any(
                isinstance(e, exp.Star) or (isinstance(e, exp.Column) and isinstance(e.this, exp.Star))
                for e in body.expressions
            )
        ):
            body.set(
                "expressions",
                [
                    exp.alias_(e.unalias().copy() if isinstance(e, exp.Alias) else e.copy(), n)
                    for e, n in zip(body.expressions, names)
                ],
            )
        else:
            continue
        alias.set("columns", None)


def name_values_columns(tree: exp.Expression) -> exp.Expression:
    """VALUES rows without column names have Trino's: _col0, _col1, ..."""
    for values in list(tree.find_all(exp.Values)):
        alias = values.args.get("alias")
        if (alias is not None and alias.columns) or values.find_ancestor(exp.Any, exp.All, exp.In, exp.Exists):
            continue
        first = values.expressions[0] if values.expressions else None
        width = len(first.expressions) if isinstance(first, exp.Tuple) else 1
        columns = [exp.to_identifier(f"_col{i}") for i in range(width)]
        name = alias.this if alias is not None and alias.this else exp.to_identifier(f"__values_{id(values)}")
        values.set("alias", exp.TableAlias(this=name, columns=columns))
    if isinstance(tree, exp.Values):  # a statement of its own: SELECT * FROM (VALUES ...) AS t(_col0, ...)
        return exp.Select(expressions=[exp.Star()]).from_(tree)
    return tree
