"""What a statement may reach: tables of the Glue catalog (read by the engine's own scans of S3),
subqueries, UNNEST and VALUES, and the functions Trino has. No file, URL, extension, setting or
DuckDB-only statement is reachable, in whatever position it is written; each attempt fails the way
Athena fails it. DuckDB itself is locked as a second wall (`lock_duckdb`).

    check_query(parse_trino("SELECT * FROM read_csv('/etc/passwd')")) raises QueryFailed, whose reason
    reads as Trino's: "FUNCTION_NOT_FOUND: line 1:15: Function 'read_csv' not registered".
"""

from __future__ import annotations

import re

from sqlglot import exp

from .errors import QueryFailed
from .scan import quote_literal
from .translate import check_functions, function_not_found, position

# The words a statement starts with in Trino's grammar, as its "Expecting:" lists them.
TRINO_STATEMENTS = (
    "ALTER",
    "ANALYZE",
    "CALL",
    "COMMENT",
    "COMMIT",
    "CREATE",
    "DEALLOCATE",
    "DELETE",
    "DENY",
    "DESC",
    "DESCRIBE",
    "DROP",
    "EXECUTE",
    "EXPLAIN",
    "GRANT",
    "INSERT",
    "MERGE",
    "PREPARE",
    "REFRESH",
    "RESET",
    "REVOKE",
    "ROLLBACK",
    "SET",
    "SHOW",
    "START",
    "TRUNCATE",
    "UPDATE",
    "USE",
)
# Plus queries, Athena's Hive DDL (MSCK) and its own statements. DuckDB's (COPY, ATTACH, INSTALL,
# LOAD, PRAGMA, EXPORT, IMPORT, ...) are not among them: Athena cannot even parse those.
_ATHENA_STATEMENTS = set(TRINO_STATEMENTS) | {
    "SELECT",
    "WITH",
    "VALUES",
    "TABLE",
    "(",
    "MSCK",
    "UNLOAD",
    "OPTIMIZE",
    "VACUUM",
}

# Nodes sqlglot can build inside a query that are no part of one (SELECT ... INTO creates a table in
# DuckDB; Command is what sqlglot makes of a statement it cannot parse).
_NOT_QUERIES = (
    exp.Into,
    exp.Command,
    exp.Copy,
    exp.Insert,
    exp.Delete,
    exp.Update,
    exp.Merge,
    exp.Create,
    exp.Drop,
    exp.Alter,
    exp.Set,
    exp.Pragma,
    exp.Use,
    exp.Attach,
    exp.Detach,
    exp.Export,
    exp.Install,
    exp.LoadData,
    exp.Transaction,
    exp.Commit,
    exp.Rollback,
    exp.Grant,
    exp.Revoke,
    exp.Execute,
    exp.Kill,
    exp.Cache,
    exp.Uncache,
    exp.Refresh,
    exp.Analyze,
    exp.Describe,
    exp.Summarize,
    exp.Show,
)
# What FROM and JOIN may name: a table, a subquery, UNNEST, VALUES, LATERAL (subquery).
_RELATIONS = (exp.Table, exp.Subquery, exp.Unnest, exp.Values, exp.Lateral)
# A file name, a path or a URL; no Glue table is named like that.
_PATH_LIKE = re.compile(r"[/\\:.*?~]|^\$")


def check_statement_word(statement: str) -> None:
    """Refuse a statement Athena's grammar does not start with, as Trino words it."""
    first = re.match(r"\(|[^\s(]+", statement)
    word = first.group(0) if first else ""
    if word.upper() not in _ATHENA_STATEMENTS:
        expecting = ", ".join(f"'{w}'" for w in TRINO_STATEMENTS)
        raise QueryFailed("SYNTAX_ERROR", f"line 1:1: mismatched input '{word}'. Expecting: {expecting}, <query>")


def check_query(tree: exp.Expression) -> None:
    """A query reads only what Athena reads: refuse anything else before DuckDB sees it."""
    if not isinstance(tree, (exp.Query, exp.Values)):
        raise _not_a_query(tree)
    foreign = tree.find(*_NOT_QUERIES)
    if foreign is not None:
        raise _not_a_query(foreign)
    check_relations(tree)
    check_functions(tree)


def check_relations(tree: exp.Expression) -> None:
    """FROM, JOIN and LATERAL name tables, subqueries, UNNEST or VALUES: never a table function
    (read_csv, glob, duckdb_settings(), TABLE(...), ...), whose arguments could name a file."""
    for clause in tree.find_all(exp.From, exp.Join):
        if not isinstance(clause.this, _RELATIONS):
            raise _not_a_relation(clause.this)
    for lateral in tree.find_all(exp.Lateral):
        if not isinstance(lateral.this, (exp.Subquery, exp.Unnest)):
            raise _not_a_relation(lateral.this)
    for table in tree.find_all(exp.Table):
        if not isinstance(table.this, exp.Identifier):
            raise _not_a_relation(table.this)


def is_path_like(name: str) -> bool:
    return bool(_PATH_LIKE.search(name))


def _not_a_relation(node: exp.Expression) -> QueryFailed:
    if isinstance(node, exp.Func):
        return function_not_found(_called_function(node))
    return QueryFailed(
        "SYNTAX_ERROR",
        f"{position(node)}: mismatched input '{node.sql(dialect='trino')[:30]}'. Expecting: <identifier>",
    )


def _called_function(func: exp.Func) -> exp.Func:
    """TABLE(read_csv(...)) names read_csv."""
    if isinstance(func, exp.Anonymous) and func.name.upper() == "TABLE":
        inner = next((f for f in func.find_all(exp.Func) if f is not func), None)
        return inner or func
    return func


def _not_a_query(node: exp.Expression) -> QueryFailed:
    word = node.name if isinstance(node, exp.Command) else node.key
    return QueryFailed("SYNTAX_ERROR", f"{position(node)}: mismatched input '{word.upper()}'. Expecting: <query>")


def lock_duckdb(connection, folders: list[str], spill: str) -> None:
    """The second wall, once the engine's own set-up is done: DuckDB opens files only in the
    engine's folders (its S3 cache, its work folder), installs and loads no extension, sees no
    Python variable as a table, and no later statement can change any of that."""
    listing = "[" + ", ".join(quote_literal(folder) for folder in folders) + "]"
    for setting in (
        f"SET temp_directory = {quote_literal(spill)}",  # else '.tmp' in the working folder is allowed
        f"SET allowed_directories = {listing}",
        "SET enable_external_access = false",
        "SET autoinstall_known_extensions = false",
        "SET autoload_known_extensions = false",
        "SET allow_community_extensions = false",
        "SET python_enable_replacements = false",
        "SET lock_configuration = true",
    ):
        connection.execute(setting)
