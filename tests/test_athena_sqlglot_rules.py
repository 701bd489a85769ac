"""labkit's own translation rules are still needed: plain sqlglot (Trino -> DuckDB) run on plain DuckDB
answers each rule's example otherwise than Trino does. When a sqlglot or DuckDB upgrade starts
answering one as Trino does, its test fails and names the rule that can go.

RULES are the tree rewrites (labkit/sandbox/athena/sql/rewrite.py, translate.py), each with an example
and Trino's answer; the macros (rewrite.MACROS, Trino functions written in DuckDB SQL) are checked
against the documented examples of tests/test_athena_trino_docs.py. Also checked: sqlglot's `athena`
dialect still parses UNLOAD, MSCK and SHOW as bare commands, which is why the engine routes
statements itself (see the package docstring)."""

from __future__ import annotations

import inspect
import re

import duckdb
import pytest
import sqlglot
from sqlglot import exp

from labkit.sandbox.athena.sql import rewrite, translate
from labkit.sandbox.athena.sql.rewrite import MACROS
from labkit.sandbox.athena.sql.types import duckdb_to_trino, render
from test_athena_trino_docs import ALL as DOCUMENTED_EXAMPLES

FAILS = "fails"

# (rule, where it is, Trino SQL, Trino's answer as Athena shows it, its type); FAILS: Trino fails it.
RULES = [
    (
        "approx_percentile keeps the input's type",
        "rewrite: ApproxQuantile",
        "SELECT approx_percentile(x, 0.5) FROM (VALUES 1, 2, 3, 4, 5) t(x)",
        "3",
        "bigint",
    ),
    (
        "avg of a decimal is a decimal",
        "rewrite: Avg",
        "SELECT avg(x) FROM (VALUES DECIMAL '1.10', DECIMAL '2.20') t(x)",
        "1.65",
        "decimal(3,2)",
    ),
    (
        "count_if of no true value is 0",
        "rewrite: CountIf",
        "SELECT count_if(x > 5) FROM (VALUES 1, 2, 3) t(x) WHERE false",
        "0",
        "bigint",
    ),
    (
        "bitwise_*_agg answer a bigint",
        "rewrite: BitwiseAndAgg",
        "SELECT bitwise_and_agg(x) FROM (VALUES 12, 10) t(x)",
        "8",
        "bigint",
    ),
    ("format() is Java's", "rewrite: _format_call", "SELECT format('%s%%', 123)", "123%", "varchar"),
    (
        "format() %t conversions",
        "rewrite: _format_call",
        "SELECT format('%1$tA, %1$tB %1$te, %1$tY', date '2006-07-04')",
        "Tuesday, July 4, 2006",
        "varchar",
    ),
    ("split_part past the end is NULL", "rewrite: SplitPart", "SELECT split_part('a.b.c', '.', 4)", None, "varchar"),
    (
        "regexp_extract without a match is NULL",
        "rewrite: RegexpExtract",
        r"SELECT regexp_extract('abc', '\d+')",
        None,
        "varchar",
    ),
    (
        "$n in regexp_replace",
        "rewrite: java_replacement",
        r"SELECT regexp_replace('1a 2b 14m', '(\d+)([ab]) ', '3c$2 ')",
        "3ca 3cb 14m",
        "varchar",
    ),
    (
        "regexp_replace with a lambda",
        "rewrite: _regexp_replace_lambda",
        r"SELECT regexp_replace('new york', '(\w)(\w*)', x -> upper(x[1]) || lower(x[2]))",
        "New York",
        "varchar",
    ),
    ("strpos with an instance", "rewrite: StrPosition", "SELECT strpos('abcabc', 'a', -1)", "4", "bigint"),
    ("split with a limit", "rewrite: Split", "SELECT split('a.b.c.d', '.', 2)", "[a, b.c.d]", "array"),
    (
        "array_sort with a comparator",
        "rewrite: _comparator_sort",
        "SELECT array_sort(ARRAY[3, 2, 5, 1, 2], (x, y) -> IF(x < y, 1, IF(x = y, 0, -1)))",
        "[5, 3, 2, 2, 1]",
        "array",
    ),
    ("slice from the end", "rewrite: ArraySlice", "SELECT slice(ARRAY[1, 2, 3, 4], -2, 2)", "[3, 4]", "array"),
    ("cardinality of a map", "rewrite: ArraySize", "SELECT cardinality(MAP(ARRAY['a'], ARRAY[1]))", "1", "bigint"),
    (
        "json_array_contains",
        "rewrite: JSONArrayContains",
        "SELECT json_array_contains('[1, 2, 3]', 2)",
        "true",
        "boolean",
    ),
    ("array_position is a bigint", "rewrite: ArrayPosition", "SELECT array_position(ARRAY[4, 5], 5)", "2", "bigint"),
    ("array || element", "rewrite: DPipe", "SELECT ARRAY[1] || 2", "[1, 2]", "array"),
    ("concat with NULL is NULL", "rewrite: Concat", "SELECT concat('a', NULL, 'b')", None, "varchar"),
    ("substr from 0 is empty", "rewrite: Substring", "SELECT substr('abcdef', 0)", "", "varchar"),
    ("round(decimal, d) keeps its type", "rewrite: Round", "SELECT round(DECIMAL '2.345', 2)", "2.350", "decimal(4,3)"),
    ("sign of the input's type", "rewrite: Sign", "SELECT sign(-3)", "-1", "integer"),
    ("width_bucket", "rewrite: WidthBucket", "SELECT width_bucket(5.3e0, 0.2e0, 10.6e0, 5)", "3", "bigint"),
    ("cbrt exact", "rewrite: Cbrt", "SELECT cbrt(27)", "3.0", "double"),
    ("decimal / decimal is a decimal", "rewrite: _decimal_division", "SELECT 7.0 / 2", "3.5", "decimal(2,1)"),
    ("typeof in Trino's names", "rewrite: Typeof", "SELECT typeof(123)", "integer", "varchar"),
    (
        "double to integer rounds half away from zero",
        "rewrite: _rewrite_cast",
        "SELECT CAST(2.5e0 AS integer)",
        "3",
        "integer",
    ),
    ("a double as Java prints it", "rewrite: _rewrite_cast", "SELECT CAST(1e7 AS varchar)", "1.0E7", "varchar"),
    (
        "DECIMAL literals at their precision",
        "rewrite: _rewrite_cast",
        "SELECT DECIMAL '0000012345.1234500000'",
        "12345.1234500000",
        "decimal(20,10)",
    ),
    ("IPADDRESS", "rewrite: _rewrite_cast", "SELECT CAST('192.168.1.20' AS IPADDRESS)", "192.168.1.20", "ipaddress"),
    ("varchar to JSON is a JSON string", "rewrite: _rewrite_cast", "SELECT CAST('abc' AS JSON)", '"abc"', "json"),
    (
        "JSON to varchar is the scalar's text",
        "rewrite: _rewrite_cast",
        "SELECT CAST(JSON '\"abc\"' AS VARCHAR)",
        "abc",
        "varchar",
    ),
    (
        "a JSON array cannot be cast to varchar",
        "rewrite: _rewrite_cast",
        "SELECT CAST(JSON '[1, 2, 3]' AS VARCHAR)",
        FAILS,
        "varchar",
    ),
    (
        "a JSON array to a row",
        "rewrite: _rewrite_cast",
        "SELECT CAST(JSON '[123,\"abc\",true]' AS ROW(v1 BIGINT, v2 VARCHAR, v3 BOOLEAN))",
        "{v1=123, v2=abc, v3=true}",
        "row",
    ),
    (
        "reduce's output function",
        "rewrite: Reduce",
        "SELECT reduce(ARRAY[5, 6], 0, (s, x) -> s + x, s -> s * 10)",
        "110",
        "integer",
    ),
    (
        "contains(network, address)",
        "rewrite: _network_contains",
        "SELECT contains('10.0.0.0/8', IPADDRESS '10.255.255.255')",
        "true",
        "boolean",
    ),
    ("integer division truncates", "rewrite: Div", "SELECT -7 / 2", "-3", "integer"),
    ("integer division by zero fails", "rewrite: Div", "SELECT 1 / 0", FAILS, "integer"),
    (
        "integer division inside a lambda",
        "rewrite: _integral",
        "SELECT transform(ARRAY[5, 6], x -> x / 2)",
        "[2, 3]",
        "array",
    ),
    (
        "date ± interval stays a date",
        "rewrite: Add/Sub",
        "SELECT date '2012-08-08' + interval '2' day",
        "2012-08-10",
        "date",
    ),
    ("current_timezone() is UTC", "rewrite: CurrentTimezone", "SELECT current_timezone()", "UTC", "varchar"),
    (
        "AT TIME ZONE keeps the zone",
        "rewrite: AtTimeZone",
        "SELECT timestamp '2012-10-31 01:00 UTC' AT TIME ZONE 'America/Los_Angeles'",
        "2012-10-30 18:00:00.000 America/Los_Angeles",
        "timestamp with time zone",
    ),
    (
        "from_unixtime(x, zone) reads the zone's hour",
        "rewrite: UnixToTime",
        "SELECT hour(from_unixtime(1795737600, 'Asia/Seoul'))",
        "9",
        "bigint",
    ),
    (
        "from_iso8601_timestamp keeps its offset",
        "rewrite: FromISO8601Timestamp",
        "SELECT from_iso8601_timestamp('2020-05-11T11:15:05.055+01:00')",
        "2020-05-11 11:15:05.055 +01:00",
        "timestamp with time zone",
    ),
    (
        "with_timezone",
        "rewrite: _rewrite_time",
        "SELECT with_timezone(TIMESTAMP '2022-11-01 09:08:07.321', 'America/Los_Angeles')",
        "2022-11-01 09:08:07.321 America/Los_Angeles",
        "timestamp with time zone",
    ),
    (
        "regexp_position",
        "rewrite: _rewrite_time",
        r"SELECT regexp_position('I have 23 apples, 5 pears and 13 oranges', '\b\d+\b', 12, 2)",
        "31",
        "integer",
    ),
    (
        "timezone() names the zone",
        "rewrite: _rewrite_time",
        "SELECT timezone(TIMESTAMP '2024-01-01 12:00:00 Asia/Tokyo')",
        "Asia/Tokyo",
        "varchar",
    ),
    (
        "format_datetime's Joda patterns",
        "rewrite: _strftime_format",
        "SELECT format_datetime(TIMESTAMP '2026-11-27 09:05:03', 'yyyy-MM-dd HH:mm')",
        "2026-11-27 09:05",
        "varchar",
    ),
    (
        "timezone_hour",
        "rewrite: _rewrite_time",
        "SELECT timezone_hour(TIMESTAMP '2026-11-27 09:00:00 +09:00')",
        "9",
        "bigint",
    ),
    (
        "millisecond of the second",
        "rewrite: _rewrite_time",
        "SELECT millisecond(TIMESTAMP '2026-11-27 21:05:03.123')",
        "123",
        "bigint",
    ),
    (
        "to_iso8601 of a zoned value",
        "rewrite: _rewrite_time",
        "SELECT to_iso8601(from_unixtime(1795737600, 'Asia/Seoul'))",
        "2026-11-27T09:00:00.000+09:00",
        "varchar",
    ),
    ("extract(DOW) is ISO", "rewrite: Extract", "SELECT extract(DOW FROM DATE '2026-11-29')", "7", "bigint"),
    (
        "date_diff counts whole units",
        "rewrite: DateDiff",
        "SELECT date_diff('day', TIMESTAMP '2020-03-01 23:00:00', TIMESTAMP '2020-03-02 01:00:00')",
        "0",
        "bigint",
    ),
    (
        "date_trunc of a date is a date",
        "rewrite: DateTrunc",
        "SELECT date_trunc('month', DATE '2022-10-20')",
        "2022-10-01",
        "date",
    ),
    (
        "parse_datetime's Joda patterns",
        "rewrite: ParseDatetime",
        "SELECT parse_datetime('2026-11-27 09:05', 'yyyy-MM-dd HH:mm')",
        "2026-11-27 09:05:00.000 UTC",
        "timestamp with time zone",
    ),
    (
        "date_add on a date stays a date",
        "rewrite: DateAdd",
        "SELECT date_add('day', 3, DATE '2020-03-01')",
        "2020-03-04",
        "date",
    ),
    (
        "cosine_similarity",
        "rewrite: _vector_call",
        "SELECT cosine_similarity(ARRAY[1.0, 2.0], ARRAY[3.0, 4.0])",
        "0.9838699100999074",
        "double",
    ),
    (
        "cosine_distance of maps",
        "rewrite: _vector_call",
        "SELECT cosine_distance(MAP(ARRAY['a'], ARRAY[1.0]), MAP(ARRAY['a'], ARRAY[2.0]))",
        "0.0",
        "double",
    ),
    ("dot_product", "rewrite: _vector_call", "SELECT dot_product(ARRAY[1.0, 2.0], ARRAY[3.0, 4.0])", "11.0", "double"),
    ("a row without field names", "rewrite: _function_call", "SELECT ROW(1, 'a')", "{1, a}", "row"),
    ("json_object answers a varchar", "rewrite: _function_call", "SELECT json_object('x' : 1)", '{"x":1}', "varchar"),
    ("json_array", "rewrite: _function_call", "SELECT json_array(true, null, 1)", "[true,1]", "varchar"),
    (
        "zip pads with NULL",
        "rewrite: _function_call",
        "SELECT zip(ARRAY[1, 2], ARRAY['1b', null, '3b'])",
        "[{1, 1b}, {2, null}, {null, 3b}]",
        "array",
    ),
    (
        "map_entries are rows",
        "rewrite: _function_call",
        "SELECT map_entries(MAP(ARRAY[1, 2], ARRAY['x', 'y']))",
        "[{1, x}, {2, y}]",
        "array",
    ),
    (
        "combinations",
        "rewrite: _combinations",
        "SELECT combinations(ARRAY[1, 2, 3], 2)",
        "[[1, 2], [1, 3], [2, 3]]",
        "array",
    ),
    (
        "map_zip_with",
        "rewrite: _map_zip_with",
        "SELECT map_zip_with(MAP(ARRAY[1, 2], ARRAY['a', 'b']), MAP(ARRAY[1, 2], ARRAY['d', 'e']), "
        "(k, v1, v2) -> concat(v1, v2))",
        "{1=ad, 2=be}",
        "map",
    ),
    (
        "map_union",
        "rewrite: _function_call",
        "SELECT map_union(m) FROM (VALUES MAP(ARRAY['a'], ARRAY[1]), MAP(ARRAY['b'], ARRAY[2])) t(m)",
        "{a=1, b=2}",
        "map",
    ),
    (
        "reduce_agg",
        "rewrite: _function_call",
        "SELECT reduce_agg(v, 0, (a, b) -> a + b, (a, b) -> a + b) FROM (VALUES 1, 2, 3) t(v)",
        "6",
        "integer",
    ),
    (
        "timestamp(6) shows six digits",
        "rewrite: _precise_now",
        "SELECT length(CAST(current_timestamp(6) AS varchar))",
        "30",
        "bigint",
    ),
    (
        "an interval of years and months",
        "rewrite: year_month_intervals",
        "SELECT interval '3' year + interval '5' month",
        "3-5",
        "interval year to month",
    ),
    (
        "a time with time zone's offset",
        "rewrite: _rewrite_time",
        "SELECT timezone(TIME '12:00:00+09:00')",
        "+09:00",
        "varchar",
    ),
    ("10_000 is ten thousand", "translate: without_digit_separators", "SELECT 10_000", "10000", "integer"),
]


def plain(sql: str) -> tuple[list[list[str | None]] | str, str | None]:
    """What sqlglot alone (Trino -> DuckDB) and DuckDB alone answer: rows rendered as Athena shows
    them and the last column's type, or FAILS."""
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    try:
        relation = connection.sql(sqlglot.transpile(sql, read="trino", write="duckdb")[0])
        types = [duckdb_to_trino(t) for t in relation.types]
        rows = relation.fetchall()
    except Exception:  # noqa: BLE001 - any failure is an answer otherwise than Trino's
        return FAILS, None
    return [[render(v, t) for v, t in zip(row, types)] for row in rows], types[-1]


def answers_as_trino(sql: str, value, trino_type: str) -> bool:
    rows, kind = plain(sql)
    if value == FAILS or rows == FAILS:
        return value == rows
    got = rows if isinstance(value, list) else [row[-1:] for row in rows]
    return got == (value if isinstance(value, list) else [[value]]) and kind == trino_type


@pytest.mark.parametrize("rule, where, sql, value, trino_type", RULES, ids=[r[0] for r in RULES])
def test_sqlglot_alone_does_not_answer_as_trino(rule, where, sql, value, trino_type):
    assert not answers_as_trino(sql, value, trino_type), (
        f"sqlglot {sqlglot.__version__} and DuckDB {duckdb.__version__} now answer {sql!r} as Trino does: "
        f"the rule '{rule}' ({where}) may no longer be needed"
    )


# Macros that share a name with a DuckDB function and replace it (DuckDB's means something else).
SHADOWED = {"to_milliseconds": "DuckDB's to_milliseconds(n) makes an interval; Trino's reads one"}


def _called_by_rewrite(name: str) -> bool:
    source = inspect.getsource(rewrite) + inspect.getsource(translate)
    return f'_call("{name}"' in source


@pytest.mark.parametrize("name", sorted(n for n in MACROS if not n.startswith("__")))
def test_each_trino_function_written_as_a_macro_is_still_needed(name):
    examples = [e for e in DOCUMENTED_EXAMPLES if re.search(rf"\b{name}\s*\(", e[1], re.I)]
    assert examples, f"no example of tests/test_athena_trino_docs.py calls {name}(): add one"
    builtin = (
        duckdb.connect()
        .execute("SELECT count(*) FROM duckdb_functions() WHERE function_name = ?", [name])
        .fetchone()[0]
    )
    assert not builtin or name in SHADOWED, f"DuckDB {duckdb.__version__} now has {name}(): is the macro still needed?"
    reached = _called_by_rewrite(name) or any(
        re.search(rf"\b{name}\s*\(", sqlglot.transpile(e[1], read="trino", write="duckdb")[0], re.I) for e in examples
    )
    assert reached, f"sqlglot {sqlglot.__version__} now translates {name}() itself: the macro is never called"
    assert not all(answers_as_trino(e[1], e[2], e[3]) for e in examples), (
        f"sqlglot and DuckDB alone answer every example of {name}() as Trino does: the macro may go"
    )


# --- sqlglot's athena dialect -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sql, parsed_as",
    [
        ("CREATE EXTERNAL TABLE t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ' ' LOCATION 's3://b/t/'", "hive"),
        ("ALTER TABLE t ADD PARTITION (`date`='2026-11-27') LOCATION 's3://b/t/2026/11/27/'", "hive"),
        ("DROP TABLE IF EXISTS t", "hive"),
        ("SELECT srcaddr, count(*) FROM t WHERE action = 'REJECT' GROUP BY 1", "trino"),
        ("CREATE TABLE c WITH (format = 'PARQUET') AS SELECT 1 AS a", "trino"),
        ("INSERT INTO t VALUES (1)", "trino"),
    ],
)
def test_sqlglots_athena_dialect_reads_what_the_engine_reads(sql, parsed_as):
    """Athena's dialect is Hive for DDL and Trino for queries, as the engine's own routing is: it
    would change no tree the engine works on."""
    assert sqlglot.parse_one(sql, read="athena") == sqlglot.parse_one(sql, read=parsed_as)


@pytest.mark.parametrize(
    "sql",
    [
        "UNLOAD (SELECT 1) TO 's3://b/u/' WITH (format = 'PARQUET')",
        "MSCK REPAIR TABLE t",
        "SHOW PARTITIONS t",
    ],
)
def test_sqlglots_athena_dialect_still_leaves_these_statements_unparsed(sql):
    """Why the engine routes statements by their leading words (engine.py, ddl.utility_statement):
    sqlglot reads these as bare commands. When it parses them, routing on sqlglot's tree may do."""
    assert isinstance(sqlglot.parse_one(sql, read="athena"), exp.Command)
