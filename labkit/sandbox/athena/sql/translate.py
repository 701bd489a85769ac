"""Trino SQL (what Athena speaks) to DuckDB SQL (what runs it), with Trino's error messages.

sqlglot translates the dialect; labkit adds the Trino functions DuckDB lacks as macros, keeps
Trino's integer division, and refuses functions it cannot run by name instead of guessing.
"""

from __future__ import annotations

import re

import duckdb
import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, ParseError, TokenError, UnsupportedError

from .errors import QueryFailed
from .strict import SQL_TEXT, check_tokens
from .rewrite import MACROS, REWRITTEN_CALLS, output_zones, rewrite, type_of, year_month_intervals

# Functions sqlglot passes through unrecognised whose DuckDB namesake means the same in Trino.
SAME_IN_DUCKDB = (
    {
        "split_part",
        "regexp_like",
        "count_if",
        "strpos",
        "lpad",
        "rpad",
        "reverse",
        "ltrim",
        "rtrim",
        "trim",
        "greatest",
        "least",
        "abs",
        "ceil",
        "ceiling",
        "floor",
        "round",
        "sign",
        "sqrt",
        "ln",
        "log2",
        "log10",
        "exp",
        "power",
        "pow",
        "mod",
        "cbrt",
        "degrees",
        "radians",
        "pi",
        "e",
        "random",
        "rand",
        "truncate",
        "length",
        "lower",
        "upper",
        "concat",
        "replace",
        "substr",
        "substring",
        "starts_with",
        "ends_with",
        "position",
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
        "quarter",
        "week",
        "millisecond",
        "day_of_week",
        "dow",
        "day_of_year",
        "doy",
        "current_timezone",
        "now",
        "localtimestamp",
        "typeof",
        "bit_count",
        "bitwise_and",
        "bitwise_or",
        "bitwise_xor",
        "bitwise_not",
        "cardinality",
        "array_join",
        "element_at",
        "arbitrary",
        "any_value",
        "bool_and",
        "bool_or",
        "every",
        "stddev",
        "stddev_pop",
        "stddev_samp",
        "variance",
        "var_pop",
        "var_samp",
        "corr",
        "covar_pop",
        "covar_samp",
        "regr_slope",
        "regr_intercept",
        "max_by",
        "min_by",
        "histogram",
        "geometric_mean",
        "checksum",
        "uuid",
        "md5",
        "sha1",
        "sha256",
        "to_hex",
        "from_hex",
        "levenshtein_distance",
        "hamming_distance",
        "chr",
        "regexp_extract",
        "regexp_replace",
        "regexp_extract_all",
        "regexp_split",
        "date_diff",
        "date_add",
        "last_day_of_month",
        "from_unixtime",
        "at_timezone",
        "with_timezone",
        "ntile",
        "cume_dist",
        "percent_rank",
        "nth_value",
        "first_value",
        "last_value",
        "lead",
        "lag",
        "row_number",
        "rank",
        "dense_rank",
        "array_distinct",
        "array_max",
        "array_min",
        "array_position",
        "array_sort",
        "flatten",
        "sequence",
        "map_keys",
        "map_values",
        "json_extract_scalar",
        "json_extract",
        "json_format",
        "json_parse",
        "json_array_length",
        "regexp_position",
        "timezone",
        "any_match",
        "all_match",
        "none_match",
        "zip_with",
        "map_filter",
        "transform_values",
        "transform_keys",
        "format_datetime",
        "timezone_hour",
        "timezone_minute",
        "try",
        "if",
        "nullif",
        "coalesce",
        "width_bucket",
    }
    | {name for name in MACROS if not name.startswith("__")}
    | REWRITTEN_CALLS
)

# DuckDB functions that read files, settings, the catalog, the session or the query text (which
# names the engine's cache files). sqlglot parses some Trino names into typed nodes that DuckDB
# renders as one of these (current_user, version): those are refused like an unknown function.
_DUCKDB_STATE_FUNCTIONS = re.compile(
    r"(read|parquet|duckdb|pragma|pg|has|json_execute|json_serialize|json_deserialize|sniff|inet|txid|enable|"
    r"disable)_\w*|query|query_table|glob|getenv|getvariable|which_secret|version|platform|user|session_user|"
    r"current_(setting|query|query_id|database|catalog|schema|schemas|role|user|connection_id|transaction_id)|"
    r"stats|nextval|currval|setval|sleep_ms|col_description|obj_description|shobj_description|format_pg_type|"
    r"format_type|in_search_path|summary|checkpoint|force_checkpoint|error",
    re.I,
)
_RENDERED_NAME = re.compile(r"^\s*([A-Za-z_]\w*)\s*(?:\(|$)")  # a call, not an operator's left operand


def table_position(table: exp.Table) -> str:
    """Trino points at the start of the qualified name (catalog, schema or table, whichever is first)."""
    for part in ("catalog", "db", "this"):
        node = table.args.get(part)
        if isinstance(node, exp.Identifier):
            return position(node)
    return position(table)


def position(node: exp.Expression) -> str:
    """'line L:C' of a node's first character, as Trino prints it (1-based)."""
    meta = getattr(node, "meta", None) or {}
    if not meta and isinstance(node, exp.Expression):
        for child in node.walk():
            if getattr(child, "meta", None):
                meta = child.meta
                break
    if not meta:
        return "line 1:1"
    width = meta.get("end", 0) - meta.get("start", 0)
    return f"line {meta.get('line', 1)}:{max(1, meta.get('col', 1) - width)}"


_CLAUSE_WORDS = (
    "SELECT",
    "FROM",
    "WHERE",
    "GROUP",
    "ORDER",
    "HAVING",
    "LIMIT",
    "JOIN",
    "UNION",
    "WITH",
    "BETWEEN",
    "DISTINCT",
    "PARTITION",
)
_STATEMENT_STARTS = {"SELECT", "WITH", "VALUES", "TABLE", "(", "EXPLAIN", "CREATE", "SHOW", "DESCRIBE"}


def _near_miss(word: str, keyword: str) -> bool:
    """One edit (or one swap) away: FORM for FROM, SELEC for SELECT, WHRE for WHERE."""
    if word == keyword or len(word) < 3 or abs(len(word) - len(keyword)) > 1:
        return False
    if len(word) == len(keyword):
        diffs = [i for i, (a, b) in enumerate(zip(word, keyword)) if a != b]
        return len(diffs) == 1 or (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and word[diffs[0]] == keyword[diffs[1]]
            and word[diffs[1]] == keyword[diffs[0]]
        )
    short, long = sorted((word, keyword), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def syntax_error(sql: str, detail: dict) -> QueryFailed:
    """Where Trino would point: a misspelt keyword or bad first word, else where parsing stopped."""
    try:
        tokens = sqlglot.Dialect.get_or_raise("trino").tokenize(sql)
    except Exception:
        tokens = []
    culprit = None
    if tokens and tokens[0].text.upper() not in _STATEMENT_STARTS:
        culprit = tokens[0]
    else:
        culprit = next(
            (
                t
                for t in tokens
                if t.token_type.name == "VAR" and any(_near_miss(t.text.upper(), k) for k in _CLAUSE_WORDS)
            ),
            None,
        )
    if culprit is not None:
        col = culprit.col - len(culprit.text) + 1
        return QueryFailed(
            "SYNTAX_ERROR",
            f"line {culprit.line}:{col}: mismatched input '{culprit.text}'. Expecting: a keyword or expression",
        )
    token = detail.get("highlight", "")
    col = max(1, int(detail.get("col", 1)) - len(token) + 1)
    return QueryFailed(
        "SYNTAX_ERROR",
        f"line {detail.get('line', 1)}:{col}: mismatched input '{token}'. {_expecting(detail.get('description', ''))}",
    )


def _expecting(description: str) -> str:
    """sqlglot's description when it reads like Trino's ('Expecting )'), else Trino's generic one:
    'Required keyword: ... missing for <class ...>' names sqlglot's classes."""
    if description.startswith("Expecting"):
        return description
    return "Expecting: <expression>"


def parse_trino(sql: str) -> exp.Expression:
    """One Trino statement's tree, or Trino's SYNTAX_ERROR (what Trino's grammar lacks included).
    The root keeps the statement's text (strict.SQL_TEXT) for positions found later."""
    try:
        tokens = sqlglot.Dialect.get_or_raise("trino").tokenize(sql)
        separated = without_digit_separators(sql, tokens)
        if separated != sql:
            sql, tokens = separated, sqlglot.Dialect.get_or_raise("trino").tokenize(separated)
    except TokenError as error:
        raise QueryFailed("SYNTAX_ERROR", f"line 1:1: {error}") from None
    check_tokens(sql, tokens)
    try:
        statements = [s for s in sqlglot.parse(sql, read="trino") if s is not None]
    except ParseError as error:
        if _SQL_JSON_CALL.search(sql):  # the SQL/JSON clauses (FORMAT JSON, ... ON ERROR, RETURNING) sqlglot lacks
            raise QueryFailed(
                "NOT_SUPPORTED",
                "line 1:1: The clauses of the SQL/JSON functions (FORMAT JSON, "
                "RETURNING, ... ON NULL, ... ON EMPTY, ... ON ERROR) are not "
                "supported by the labkit sandbox",
            ) from None
        raise syntax_error(sql, error.errors[0] if error.errors else {}) from None
    except TokenError as error:
        raise QueryFailed("SYNTAX_ERROR", f"line 1:1: {error}") from None
    except RecursionError:
        raise too_large() from None
    if len(statements) != 1:
        raise QueryFailed("SYNTAX_ERROR", f"line 1:1: Only one sql statement is allowed. Got: {len(statements)}")
    statement = statements[0]
    for call in list(statement.find_all(exp.Anonymous)):  # ALL (VALUES ...): sqlglot reads a function call
        if (
            call.name.upper() in ("ALL", "SOME")
            and len(call.expressions) == 1
            and isinstance(call.expressions[0], exp.Values)
        ):
            quantified = exp.All if call.name.upper() == "ALL" else exp.Any
            call.replace(quantified(this=exp.Subquery(this=call.expressions[0].copy())))
    statement.meta[SQL_TEXT] = sql
    return statement


_SQL_JSON_CALL = re.compile(r"\bjson_(exists|query|value|array|object|table)\s*\(", re.I)
_SEPARATED_NUMBER = re.compile(r"\d+(?:_\d+)+(?:\.\d+(?:_\d+)*)?(?:[eE][+-]?\d+)?|\d+\.\d+(?:_\d+)+")


def without_digit_separators(sql: str, tokens) -> str:
    """10_000_000 is 10000000 in Trino; sqlglot would read `10 AS _000_000`. The underscores are
    dropped and the literal padded with spaces, so every later position stays where it was."""
    out = sql
    for number, following in zip(tokens, tokens[1:]):
        if (
            number.token_type.name != "NUMBER"
            or following.start != number.end + 1
            or not following.text.startswith("_")
            and following.token_type.name != "DOT"
        ):
            continue
        match = _SEPARATED_NUMBER.match(sql, number.start)
        if match:
            literal = match.group().replace("_", "")
            out = out[: match.start()] + literal.ljust(len(match.group())) + out[match.end() :]
    return out


def too_large() -> QueryFailed:
    """What Trino says of a statement nested too deeply for its parser's stack."""
    return QueryFailed("SYNTAX_ERROR", "line 1:1: statement is too large (stack overflow while parsing)")


def check_functions(tree: exp.Expression) -> None:
    """Refuse, by name, any function the engine cannot run the way Trino does, or that would let
    DuckDB touch a file or its own state."""
    for func in tree.find_all(exp.Func):
        if isinstance(func, exp.Anonymous):
            if function_name(func) not in SAME_IN_DUCKDB:
                raise function_not_found(func)
        elif _touches_state(func):
            raise function_not_found(func)


def function_name(func: exp.Func) -> str:
    """The name the user wrote, as far as sqlglot keeps it."""
    return (func.name if isinstance(func, exp.Anonymous) else func.sql_name()).lower()


def function_not_found(func: exp.Func) -> QueryFailed:
    return QueryFailed("FUNCTION_NOT_FOUND", f"{position(func)}: Function '{function_name(func)}' not registered")


def _touches_state(func: exp.Func) -> bool:
    """Whether DuckDB would run a typed node as one of its file or state functions, judged by the
    name it is rendered with (sqlglot may render a Trino function under another name)."""
    if isinstance(func, exp.Binary):  # an operator (AND, ||, ...): its operands are checked on their own
        return False
    rendered = _RENDERED_NAME.match(func.sql(dialect="duckdb"))
    return rendered is not None and bool(_DUCKDB_STATE_FUNCTIONS.fullmatch(rendered.group(1)))


def to_duckdb(tree: exp.Expression) -> str:
    return translate(tree)[0]


def translate(tree: exp.Expression) -> tuple[str, list[str | None], list[str | None]]:
    """DuckDB SQL answering as Trino would, the time zone of each output column (None: UTC) and the
    Trino type of those DuckDB holds as another (None: DuckDB's own says it).

    What sqlglot cannot write for DuckDB without dropping part of it fails as NOT_SUPPORTED."""
    tree = tree.copy()
    year_month_intervals(tree)
    rewritten = rewrite(tree)
    try:
        sql = rewritten.sql(dialect="duckdb", unsupported_level=ErrorLevel.RAISE)
    except UnsupportedError as error:
        raise QueryFailed(
            "NOT_SUPPORTED", f"line 1:1: {str(error).splitlines()[0]} (not supported by the labkit sandbox)"
        ) from None
    return sql, output_zones(rewritten), output_zones(rewritten, type_of)


_MACRO_ORDER: list[str] = []  # learned by the first engine: later ones create each macro once, in this order


def install_macros(connection) -> None:
    """Every macro, those another one calls first (a failed CREATE costs a DuckDB error: about a third of
    the time the first engine takes; the others follow the order it found)."""
    if _MACRO_ORDER:
        for name in _MACRO_ORDER:
            connection.execute(f"CREATE OR REPLACE MACRO {name}{MACROS[name]}")
        return
    order, pending = [], dict(MACROS)
    while pending:
        failed = {}
        for name, body in pending.items():
            try:
                connection.execute(f"CREATE OR REPLACE MACRO {name}{body}")
                order.append(name)
            except duckdb.CatalogException:
                failed[name] = body
        if len(failed) == len(pending):
            raise RuntimeError(f"macros that cannot be created: {sorted(failed)}")
        pending = failed
    _MACRO_ORDER[:] = order


_MISSING_COLUMN = re.compile(
    r'Referenced column "([^"]+)" not found|column "([^"]+)" not found|'
    r'Column with name ([^ ]+) does not exist|Referenced table "([^"]+)" not found|'
    r'Column "([^"]+)" referenced that exists in the SELECT clause'
)
_TRINO_INTEGERS = {"INT8": "tinyint", "INT16": "smallint", "INT32": "integer", "INT64": "bigint"}
_MISSING_FUNCTION = re.compile(r"(?:Scalar|Aggregate|Table)? ?Function with name \"?([\w]+)\"? does not exist")


def translate_duckdb_error(error: Exception, tree: exp.Expression | None) -> QueryFailed:
    """A DuckDB error, reworded as Trino would report the same mistake (never a traceback)."""
    text = str(error)
    first = text.splitlines()[0] if text else ""
    detail = re.sub(r"^[A-Za-z ]+ Error: ", "", first)
    not_grouped = re.search(r'column "([^"]+)" must appear in the GROUP BY clause', text)
    if not_grouped:
        node = _find_column(tree, not_grouped.group(1))
        where = position(node) if node is not None else "line 1:1"
        written = (
            node.parent.sql(dialect="trino")
            if node is not None and isinstance(node.parent, exp.Column)
            else not_grouped.group(1)
        )
        return QueryFailed(
            "EXPRESSION_NOT_AGGREGATE",
            f"{where}: '{written}' must be an aggregate expression or appear in GROUP BY clause",
        )
    ambiguous = re.search(r'Ambiguous reference to column name "([^"]+)"', text)
    if ambiguous:
        node = _find_column(tree, ambiguous.group(1))
        where = position(node) if node is not None else "line 1:1"
        return QueryFailed("AMBIGUOUS_NAME", f"{where}: Column '{ambiguous.group(1)}' is ambiguous")
    raised = re.search(
        r"Could not convert string '((?:Division by zero|Cannot cast |NOT_SUPPORTED: |"
        r"INVALID_FUNCTION_ARGUMENT: )[^']*)'",
        text,
    )
    if raised:  # the engine's own failures (macros fail with a cast that names the error)
        if raised.group(1) == "Division by zero":
            return QueryFailed("DIVISION_BY_ZERO", "Division by zero")
        if raised.group(1).startswith("NOT_SUPPORTED: "):
            return QueryFailed("NOT_SUPPORTED", "line 1:1: " + raised.group(1)[len("NOT_SUPPORTED: ") :])
        if raised.group(1).startswith("INVALID_FUNCTION_ARGUMENT: "):
            return QueryFailed("INVALID_FUNCTION_ARGUMENT", raised.group(1)[len("INVALID_FUNCTION_ARGUMENT: ") :])
        return QueryFailed("INVALID_CAST_ARGUMENT", raised.group(1))
    overflow = re.search(r"Overflow in (\w+) of (\w+) \((.*)\)", text)
    if overflow:
        return QueryFailed(
            "NUMERIC_VALUE_OUT_OF_RANGE",
            f"{_TRINO_INTEGERS.get(overflow.group(2), 'bigint')} "
            f"{overflow.group(1)} overflow: {overflow.group(3).rstrip('!')}",
        )
    if re.search(
        r"invalid perl operator|invalid escape sequence|invalid named capture group|"
        r"backreferences? .*not supported",
        text,
        re.I,
    ):
        return QueryFailed(
            "NOT_SUPPORTED",
            "line 1:1: This regular expression (lookaround or backreference) is not supported by the labkit sandbox",
        )
    if "does not support lambdas" in text:
        return QueryFailed(
            "NOT_SUPPORTED", "line 1:1: A lambda in this function is not supported by the labkit sandbox"
        )
    missing = _MISSING_COLUMN.search(text)
    if missing:
        name = next(g for g in missing.groups() if g)
        node = _find_column(tree, name)
        return QueryFailed(
            "COLUMN_NOT_FOUND",
            f"{position(node) if node is not None else 'line 1:1'}: Column '{name}' cannot be resolved",
        )
    function = _MISSING_FUNCTION.search(text)
    if function:
        name = function.group(1).lower()
        node = next((f for f in tree.find_all(exp.Func) if f.sql_name().lower() == name), None) if tree else None
        return QueryFailed(
            "FUNCTION_NOT_FOUND",
            f"{position(node) if node is not None else 'line 1:1'}: Function '{name}' not registered",
        )
    unknown_type = re.search(r'Type with name "?(\w+)"? does not exist', text)
    if unknown_type:
        return QueryFailed(
            "TYPE_NOT_FOUND",
            f"line 1:1: Unknown type: {unknown_type.group(1).lower()} (not supported by the labkit sandbox)",
        )
    if "Division by zero" in text or "division by zero" in text:
        return QueryFailed("DIVISION_BY_ZERO", "Division by zero")
    malformed = re.search(r'Malformed JSON.*Input: "(.*)"', text)
    if malformed:
        return QueryFailed("INVALID_FUNCTION_ARGUMENT", f"Cannot convert value to JSON: '{malformed.group(1)}'")
    unconvertible = re.search(r"Could not convert string '(.*)' to (\w+)", text)
    if unconvertible and unconvertible.group(2) in _TRINO_INTEGERS:
        return QueryFailed(
            "INVALID_CAST_ARGUMENT",
            f"Cannot cast '{unconvertible.group(1)}' to {_TRINO_INTEGERS[unconvertible.group(2)].upper()}",
        )
    if "Conversion Error" in text or "Could not convert" in text:
        return QueryFailed("INVALID_CAST_ARGUMENT", detail)
    if "No function matches" in text or "Binder Error" in text:
        return QueryFailed("TYPE_MISMATCH", f"line 1:1: {detail}")
    if "INTERRUPT" in text.upper():
        return QueryFailed("USER_CANCELLED", "Query was cancelled by user")
    return QueryFailed("GENERIC_INTERNAL_ERROR", detail)


def _find_column(tree: exp.Expression | None, name: str):
    if tree is None:
        return None
    for column in tree.find_all(exp.Column):
        if column.name.lower() == name.lower():
            return column.this
    return None
