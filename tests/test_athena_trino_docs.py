"""Trino's own documentation as the reference: every example on its function pages (string, regexp,
date/time, conversion, math, decimal, array, map, lambda, JSON, URL, IP address, aggregate, window,
conditional) that shows its result, run through the Athena API, and one example for each signature's
sentence (FROM_SIGNATURES: "If the index is larger than the number of fields, then null is returned").
Each answers as documented (value and type, rendered as Athena's result set carries it) or fails
honestly with FUNCTION_NOT_FOUND / NOT_SUPPORTED: never a different answer.

Expected values are the documentation's, rewritten only where the page's session differs from
Athena's: Athena's session time zone is UTC (the pages use America/Vancouver or New_York), the result
set renders strings unquoted (`[a, b]`, not `['a', 'b']`), NULL as a missing value (`null` inside an
array or map), a map as `{k=v}` and a row as `{a, 1}`. Where a page queries a table of its own (nation,
customers, iris, orders, shipping) a few rows of it are given as VALUES and the answer is that of those
rows. Examples that show no result (`SELECT my_array[1]`, `json_extract(json, ...)`) are left out.
Sources: trinodb/trino docs/src/main/sphinx/functions/<page>.md.

Measured (test_the_pages_answer_as_documented keeps this table current; the flow-log pages must answer
every example as documented, all pages together four in five):

    page         examples  as documented  refused  otherwise  signatures  as documented  refused
    string             19             19        0          0          35             35        0
    regexp             16             16        0          0           5              5        0
    datetime           64             64        0          0          53             53        0
    conversion         16             16        0          0           5              5        0
    math                4              4        0          0          27             27        0
    decimal             3              3        0          0           3              3        0
    array              48             48        0          0           9              9        0
    map                26             26        0          0           3              3        0
    lambda              6              6        0          0           0              0        0
    json              113             80       33          0           3              3        0
    url                 3              3        0          0           6              6        0
    ipaddress           4              4        0          0           2              2        0
    aggregate          13             13        0          0          24             24        0
    window              3              3        0          0          10             10        0
    conditional        11              8        3          0           6              6        0
    comparison          0              0        0          0           9              9        0
    all               349            313       36          0         200            200        0
    as documented: 313 of 349 examples of the pages (90%)

Refused: json_exists, json_query, json_value and json_table (the SQL/JSON path language), the
clauses of json_array / json_object (FORMAT JSON, RETURNING, ABSENT ON NULL, WITH UNIQUE KEYS);
COALESCE of rows; a predicate after WHEN in a simple CASE (`WHEN > 100`, newer than Athena's Trino).
"""

from __future__ import annotations

import re

import pytest

from conftest import fetch_results

HONEST = ("FUNCTION_NOT_FOUND", "NOT_SUPPORTED")
NULL = None
FLOW_LOG_PAGES = ("string", "regexp", "datetime", "conversion", "aggregate", "window", "ipaddress")
PAGES = (
    "string",
    "regexp",
    "datetime",
    "conversion",
    "math",
    "decimal",
    "array",
    "map",
    "lambda",
    "json",
    "url",
    "ipaddress",
    "aggregate",
    "window",
    "conditional",
    "comparison",
)


class FAILS:
    """The page shows an error: the query must fail, with this error name when one is given."""

    def __init__(self, name: str | None = None):
        self.name = name

    def __repr__(self) -> str:
        return f"FAILS({self.name or ''})"


# Every example of the fifteen pages that shows its result, in the page's order. (page, sql, documented
# value, documented type); a value that is a list of lists is the whole result, FAILS(name) an error.
CUSTOMERS = (
    '(VALUES (101, \'{"comment" : "nice", "children" : [10, 13, 16]}\'), '
    '(102, \'{"comment" : "problematic", "children" : [8, 11]}\'), '
    '(103, \'{"comment" : "knows best", "children" : [2]}\')) AS customers(id, description)'
)
SHIPPING = (
    "(VALUES ('California', '94131', 25, 100), ('California', 'P332a', 5, 72), "
    "('California', '94025', 0, 155), ('New Jersey', '08544', 225, 490)) "
    "AS shipping(origin_state, origin_zip, packages, total_cost)"
)
IRIS = (
    "(VALUES ('setosa', 1.4e0), ('virginica', 5.1e0), ('versicolor', 4.5e0), ('versicolor', 3.9e0)) "
    "AS iris(species, petal_length_cm)"
)
ORDERS = (
    "(VALUES (1, 'Clerk#1', DATE '2026-01-02', 172799.5e0), (2, 'Clerk#1', DATE '2026-01-01', 38426.25e0), "
    "(3, 'Clerk#2', DATE '2026-01-01', 205654.75e0), (4, 'Clerk#1', DATE '2026-01-03', 38426.25e0)) "
    "AS orders(orderkey, clerk, orderdate, totalprice)"
)
NOW = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")

DOCUMENTED = [
    # --- string.md ---
    ("string", "SELECT luhn_check('79927398713')", "true", "boolean"),
    ("string", "SELECT luhn_check('79927398714')", "false", "boolean"),
    ("string", "SELECT overlay('abc' PLACING 'XYZ' FROM 3)", "abXYZ", "varchar"),
    ("string", "SELECT overlay('Txxxxas' PLACING 'hom' FROM 2 FOR 4)", "Thomas", "varchar"),
    # the page's `nation` table, three of its names
    (
        "string",
        "SELECT name FROM (VALUES 'CHINA', 'FRANCE', 'CHILE') AS nation(name) WHERE SOUNDEX(name) = SOUNDEX('CHYNA')",
        [["CHINA"]],
        "varchar",
    ),
    ("string", "SELECT title_case('hello world')", "Hello World", "varchar"),
    ("string", "SELECT translate('abcd', '', '')", "abcd", "varchar"),
    ("string", "SELECT translate('abcd', 'a', 'z')", "zbcd", "varchar"),
    ("string", "SELECT translate('abcda', 'a', 'z')", "zbcdz", "varchar"),
    ("string", "SELECT translate('Palhoça', 'ç','c')", "Palhoca", "varchar"),
    ("string", "SELECT translate('abcd', 'b', U&'\\+01F600')", "a\U0001f600cd", "varchar"),
    ("string", "SELECT translate('abcd', 'a', '')", "bcd", "varchar"),
    ("string", "SELECT translate('abcd', 'a', 'zy')", "zbcd", "varchar"),
    ("string", "SELECT translate('abcd', 'ac', 'z')", "zbd", "varchar"),
    ("string", "SELECT translate('abcd', 'aac', 'zq')", "zbd", "varchar"),
    ("string", "SELECT trim('!' FROM '!foo!')", "foo", "varchar"),
    ("string", "SELECT trim(LEADING FROM '  abcd')", "abcd", "varchar"),
    ("string", "SELECT trim(BOTH '$' FROM '$var$')", "var", "varchar"),
    ("string", "SELECT trim(TRAILING 'ER' FROM upper('worker'))", "WORK", "varchar"),
    # --- regexp.md ---
    ("regexp", r"SELECT regexp_count('1a 2b 14m', '\s*[a-z]+\s*')", "3", "bigint"),
    ("regexp", r"SELECT regexp_extract_all('1a 2b 14m', '\d+')", "[1, 2, 14]", "array"),
    ("regexp", r"SELECT regexp_extract_all('1a 2b 14m', '(\d+)([a-z]+)', 2)", "[a, b, m]", "array"),
    ("regexp", r"SELECT regexp_extract('1a 2b 14m', '\d+')", "1", "varchar"),
    ("regexp", r"SELECT regexp_extract('1a 2b 14m', '(\d+)([a-z]+)', 2)", "a", "varchar"),
    ("regexp", r"SELECT regexp_like('1a 2b 14m', '\d+b')", "true", "boolean"),
    ("regexp", r"SELECT regexp_position('I have 23 apples, 5 pears and 13 oranges', '\b\d+\b')", "8", "integer"),
    ("regexp", r"SELECT regexp_position('I have 23 apples, 5 pears and 13 oranges', '\b\d+\b', 5)", "8", "integer"),
    ("regexp", r"SELECT regexp_position('I have 23 apples, 5 pears and 13 oranges', '\b\d+\b', 12)", "19", "integer"),
    (
        "regexp",
        r"SELECT regexp_position('I have 23 apples, 5 pears and 13 oranges', '\b\d+\b', 12, 1)",
        "19",
        "integer",
    ),
    (
        "regexp",
        r"SELECT regexp_position('I have 23 apples, 5 pears and 13 oranges', '\b\d+\b', 12, 2)",
        "31",
        "integer",
    ),
    (
        "regexp",
        r"SELECT regexp_position('I have 23 apples, 5 pears and 13 oranges', '\b\d+\b', 12, 3)",
        "-1",
        "integer",
    ),
    ("regexp", r"SELECT regexp_replace('1a 2b 14m', '\d+[ab] ')", "14m", "varchar"),
    ("regexp", r"SELECT regexp_replace('1a 2b 14m', '(\d+)([ab]) ', '3c$2 ')", "3ca 3cb 14m", "varchar"),
    (
        "regexp",
        r"SELECT regexp_replace('new york', '(\w)(\w*)', x -> upper(x[1]) || lower(x[2]))",
        "New York",
        "varchar",
    ),
    ("regexp", r"SELECT regexp_split('1a 2b 14m', '\s*[a-z]+\s*')", "[1, 2, 14, ]", "array"),
    # --- datetime.md (the pages' session zone is America/Vancouver or New_York; Athena's is UTC) ---
    ("datetime", "SELECT date '2012-08-08' + interval '2' day", "2012-08-10", "date"),
    ("datetime", "SELECT time '01:00' + interval '3' hour", "04:00:00.000", "time"),
    ("datetime", "SELECT timestamp '2012-08-08 01:00' + interval '29' hour", "2012-08-09 06:00:00.000", "timestamp"),
    ("datetime", "SELECT timestamp '2012-10-31 01:00' + interval '1' month", "2012-11-30 01:00:00.000", "timestamp"),
    ("datetime", "SELECT interval '2' day + interval '3' hour", "2 03:00:00.000", "interval day to second"),
    ("datetime", "SELECT interval '3' year + interval '5' month", "3-5", "interval year to month"),
    ("datetime", "SELECT date '2012-08-08' - interval '2' day", "2012-08-06", "date"),
    ("datetime", "SELECT time '01:00' - interval '3' hour", "22:00:00.000", "time"),
    ("datetime", "SELECT timestamp '2012-08-08 01:00' - interval '29' hour", "2012-08-06 20:00:00.000", "timestamp"),
    ("datetime", "SELECT timestamp '2012-10-31 01:00' - interval '1' month", "2012-09-30 01:00:00.000", "timestamp"),
    ("datetime", "SELECT interval '2' day - interval '3' hour", "1 21:00:00.000", "interval day to second"),
    ("datetime", "SELECT interval '3' year - interval '5' month", "2-7", "interval year to month"),
    ("datetime", "SELECT timestamp '2012-10-31 01:00 UTC'", "2012-10-31 01:00:00.000 UTC", "timestamp with time zone"),
    (
        "datetime",
        "SELECT timestamp '2012-10-31 01:00 UTC' AT TIME ZONE 'America/Los_Angeles'",
        "2012-10-30 18:00:00.000 America/Los_Angeles",
        "timestamp with time zone",
    ),
    ("datetime", "SELECT current_timestamp(6)", re.compile(NOW.pattern + " UTC"), "timestamp with time zone"),
    (
        "datetime",
        "SELECT from_iso8601_timestamp('2020-05-11')",
        "2020-05-11 00:00:00.000 UTC",
        "timestamp with time zone",
    ),
    (
        "datetime",
        "SELECT from_iso8601_timestamp('2020-05-11T11:15:05')",
        "2020-05-11 11:15:05.000 UTC",
        "timestamp with time zone",
    ),
    (
        "datetime",
        "SELECT from_iso8601_timestamp('2020-05-11T11:15:05.055+01:00')",
        "2020-05-11 11:15:05.055 +01:00",
        "timestamp with time zone",
    ),
    (
        "datetime",
        "SELECT from_iso8601_timestamp_nanos('2020-05-11T11:15:05')",
        "2020-05-11 11:15:05.000000000 UTC",
        "timestamp with time zone",
    ),
    (
        "datetime",
        "SELECT from_iso8601_timestamp_nanos('2020-05-11T11:15:05.123456789+01:00')",
        "2020-05-11 11:15:05.123456789 +01:00",
        "timestamp with time zone",
    ),
    ("datetime", "SELECT from_iso8601_date('2020-05-11')", "2020-05-11", "date"),
    ("datetime", "SELECT from_iso8601_date('2020-W10')", "2020-03-02", "date"),
    ("datetime", "SELECT from_iso8601_date('2020-123')", "2020-05-02", "date"),
    ("datetime", "SELECT current_timezone()", "UTC", "varchar"),
    (
        "datetime",
        "SELECT at_timezone(TIMESTAMP '2022-11-01 09:08:07.321', 'America/Los_Angeles')",
        "2022-11-01 02:08:07.321 America/Los_Angeles",
        "timestamp with time zone",
    ),
    (
        "datetime",
        "SELECT with_timezone(TIMESTAMP '2022-11-01 09:08:07.321', 'America/Los_Angeles')",
        "2022-11-01 09:08:07.321 America/Los_Angeles",
        "timestamp with time zone",
    ),
    ("datetime", "SELECT from_unixtime_nanos(100)", "1970-01-01 00:00:00.000000100 UTC", "timestamp with time zone"),
    (
        "datetime",
        "SELECT from_unixtime_nanos(DECIMAL '1234')",
        "1970-01-01 00:00:00.000001234 UTC",
        "timestamp with time zone",
    ),
    (
        "datetime",
        "SELECT from_unixtime_nanos(DECIMAL '1234.499')",
        "1970-01-01 00:00:00.000001234 UTC",
        "timestamp with time zone",
    ),
    (
        "datetime",
        "SELECT from_unixtime_nanos(DECIMAL '-1234')",
        "1969-12-31 23:59:59.999998766 UTC",
        "timestamp with time zone",
    ),
    ("datetime", "SELECT localtimestamp(6)", NOW, "timestamp"),
    # the truncation table: `2001-08-22 03:04:05.321` truncated to each unit
    (
        "datetime",
        "SELECT date_trunc('millisecond', TIMESTAMP '2001-08-22 03:04:05.321')",
        "2001-08-22 03:04:05.321",
        "timestamp",
    ),
    (
        "datetime",
        "SELECT date_trunc('second', TIMESTAMP '2001-08-22 03:04:05.321')",
        "2001-08-22 03:04:05.000",
        "timestamp",
    ),
    (
        "datetime",
        "SELECT date_trunc('minute', TIMESTAMP '2001-08-22 03:04:05.321')",
        "2001-08-22 03:04:00.000",
        "timestamp",
    ),
    (
        "datetime",
        "SELECT date_trunc('hour', TIMESTAMP '2001-08-22 03:04:05.321')",
        "2001-08-22 03:00:00.000",
        "timestamp",
    ),
    (
        "datetime",
        "SELECT date_trunc('day', TIMESTAMP '2001-08-22 03:04:05.321')",
        "2001-08-22 00:00:00.000",
        "timestamp",
    ),
    (
        "datetime",
        "SELECT date_trunc('week', TIMESTAMP '2001-08-22 03:04:05.321')",
        "2001-08-20 00:00:00.000",
        "timestamp",
    ),
    (
        "datetime",
        "SELECT date_trunc('month', TIMESTAMP '2001-08-22 03:04:05.321')",
        "2001-08-01 00:00:00.000",
        "timestamp",
    ),
    (
        "datetime",
        "SELECT date_trunc('quarter', TIMESTAMP '2001-08-22 03:04:05.321')",
        "2001-07-01 00:00:00.000",
        "timestamp",
    ),
    (
        "datetime",
        "SELECT date_trunc('year', TIMESTAMP '2001-08-22 03:04:05.321')",
        "2001-01-01 00:00:00.000",
        "timestamp",
    ),
    ("datetime", "SELECT date_trunc('day' , TIMESTAMP '2022-10-20 05:10:00')", "2022-10-20 00:00:00.000", "timestamp"),
    (
        "datetime",
        "SELECT date_trunc('month' , TIMESTAMP '2022-10-20 05:10:00')",
        "2022-10-01 00:00:00.000",
        "timestamp",
    ),
    ("datetime", "SELECT date_trunc('year', TIMESTAMP '2022-10-20 05:10:00')", "2022-01-01 00:00:00.000", "timestamp"),
    (
        "datetime",
        "SELECT date_add('second', 86, TIMESTAMP '2020-03-01 00:00:00')",
        "2020-03-01 00:01:26.000",
        "timestamp",
    ),
    ("datetime", "SELECT date_add('hour', 9, TIMESTAMP '2020-03-01 00:00:00')", "2020-03-01 09:00:00.000", "timestamp"),
    (
        "datetime",
        "SELECT date_add('day', -1, TIMESTAMP '2020-03-01 00:00:00 UTC')",
        "2020-02-29 00:00:00.000 UTC",
        "timestamp with time zone",
    ),
    (
        "datetime",
        "SELECT date_diff('second', TIMESTAMP '2020-03-01 00:00:00', TIMESTAMP '2020-03-02 00:00:00')",
        "86400",
        "bigint",
    ),
    (
        "datetime",
        "SELECT date_diff('hour', TIMESTAMP '2020-03-01 00:00:00 UTC', TIMESTAMP '2020-03-02 00:00:00 UTC')",
        "24",
        "bigint",
    ),
    ("datetime", "SELECT date_diff('day', DATE '2020-03-01', DATE '2020-03-02')", "1", "bigint"),
    (
        "datetime",
        "SELECT date_diff('second', TIMESTAMP '2020-06-01 12:30:45.000000000', "
        "TIMESTAMP '2020-06-02 12:30:45.123456789')",
        "86400",
        "bigint",
    ),
    (
        "datetime",
        "SELECT date_diff('millisecond', TIMESTAMP '2020-06-01 12:30:45.000000000', "
        "TIMESTAMP '2020-06-02 12:30:45.123456789')",
        "86400123",
        "bigint",
    ),
    ("datetime", "SELECT parse_duration('42.8ms')", "0 00:00:00.043", "interval day to second"),
    ("datetime", "SELECT parse_duration('3.81 d')", "3 19:26:24.000", "interval day to second"),
    ("datetime", "SELECT parse_duration('5m')", "0 00:05:00.000", "interval day to second"),
    ("datetime", "SELECT human_readable_seconds(96)", "1 minute, 36 seconds", "varchar"),
    ("datetime", "SELECT human_readable_seconds(3762)", "1 hour, 2 minutes, 42 seconds", "varchar"),
    (
        "datetime",
        "SELECT human_readable_seconds(56363463)",
        "93 weeks, 1 day, 8 hours, 31 minutes, 3 seconds",
        "varchar",
    ),
    ("datetime", "SELECT date_format(TIMESTAMP '2022-10-20 05:10:00', '%m-%d-%Y %H')", "10-20-2022 05", "varchar"),
    ("datetime", "SELECT date_parse('2022/10/20/05', '%Y/%m/%d/%H')", "2022-10-20 05:00:00.000", "timestamp"),
    ("datetime", "SELECT extract(YEAR FROM TIMESTAMP '2022-10-20 05:10:00')", "2022", "bigint"),
    ("datetime", "SELECT timezone(TIMESTAMP '2024-01-01 12:00:00 Asia/Tokyo')", "Asia/Tokyo", "varchar"),
    ("datetime", "SELECT timezone(TIMESTAMP '2024-01-01 12:00:00 +01:00')", "+01:00", "varchar"),
    ("datetime", "SELECT timezone(TIMESTAMP '2024-02-29 12:00:00 UTC')", "UTC", "varchar"),
    ("datetime", "SELECT timezone(TIME '12:00:00+09:00')", "+09:00", "varchar"),
    # --- conversion.md ---
    ("conversion", "SELECT format('%s%%', 123)", "123%", "varchar"),
    ("conversion", "SELECT format('%.5f', pi())", "3.14159", "varchar"),
    ("conversion", "SELECT format('%03d', 8)", "008", "varchar"),
    ("conversion", "SELECT format('%,.2f', 1234567.89)", "1,234,567.89", "varchar"),
    ("conversion", "SELECT format('%-7s,%7s', 'hello', 'world')", "hello  ,  world", "varchar"),
    ("conversion", "SELECT format('%2$s %3$s %1$s', 'a', 'b', 'c')", "b c a", "varchar"),
    ("conversion", "SELECT format('%1$tA, %1$tB %1$te, %1$tY', date '2006-07-04')", "Tuesday, July 4, 2006", "varchar"),
    ("conversion", "SELECT format_number(123456)", "123K", "varchar"),
    ("conversion", "SELECT format_number(1000000)", "1M", "varchar"),
    ("conversion", "SELECT parse_data_size('1B')", "1", "decimal"),
    ("conversion", "SELECT parse_data_size('1kB')", "1024", "decimal"),
    ("conversion", "SELECT parse_data_size('1MB')", "1048576", "decimal"),
    ("conversion", "SELECT parse_data_size('2.3MB')", "2411724", "decimal"),
    ("conversion", "SELECT typeof(123)", "integer", "varchar"),
    ("conversion", "SELECT typeof('cat')", "varchar(3)", "varchar"),
    ("conversion", "SELECT typeof(cos(2) + 1.5)", "double", "varchar"),
    # --- math.md ---
    ("math", "SELECT cosine_distance(ARRAY[1.0, 2.0], ARRAY[3.0, 4.0])", "0.01613008990009257", "double"),
    ("math", "SELECT cosine_distance(MAP(ARRAY['a'], ARRAY[1.0]), MAP(ARRAY['a'], ARRAY[2.0]))", "0.0", "double"),
    ("math", "SELECT cosine_similarity(ARRAY[1.0, 2.0], ARRAY[3.0, 4.0])", "0.9838699100999074", "double"),
    ("math", "SELECT cosine_similarity(MAP(ARRAY['a'], ARRAY[1.0]), MAP(ARRAY['a'], ARRAY[2.0]))", "1.0", "double"),
    # --- decimal.md (the literal table: each literal's type) ---
    ("decimal", "SELECT typeof(DECIMAL '0')", "decimal(1,0)", "varchar"),
    ("decimal", "SELECT typeof(DECIMAL '12345')", "decimal(5,0)", "varchar"),
    ("decimal", "SELECT typeof(DECIMAL '0000012345.1234500000')", "decimal(20,10)", "varchar"),
    # --- array.md (Athena renders a row as {a, 1}, the page as ROW('a', 1)) ---
    ("array", "SELECT ARRAY[1, 2, 4]", "[1, 2, 4]", "array"),
    ("array", "SELECT ARRAY['foo', 'bar', 'bazz']", "[foo, bar, bazz]", "array"),
    ("array", "SELECT ARRAY[1, 1.2, 4]", "[1.0, 1.2, 4.0]", "array"),
    ("array", "SELECT ARRAY[1, 2, NULL, -4, NULL]", "[1, 2, null, -4, null]", "array"),
    ("array", "SELECT ARRAY[1, 1.2, 4][2]", "1.2", "decimal"),
    ("array", "SELECT ARRAY[1] || ARRAY[2]", "[1, 2]", "array"),
    ("array", "SELECT ARRAY[1] || 2", "[1, 2]", "array"),
    ("array", "SELECT 2 || ARRAY[1]", "[2, 1]", "array"),
    ("array", "SELECT array_histogram(ARRAY[42, 7, 42, NULL])", "{42=2, 7=1}", "map"),
    ("array", "SELECT array_histogram(ARRAY[NULL, NULL])", "{}", "map"),
    (
        "array",
        "SELECT array_sort(ARRAY[3, 2, 5, 1, 2], (x, y) -> IF(x < y, 1, IF(x = y, 0, -1)))",
        "[5, 3, 2, 2, 1]",
        "array",
    ),
    (
        "array",
        "SELECT array_sort(ARRAY['bc', 'ab', 'dc'], (x, y) -> IF(x < y, 1, IF(x = y, 0, -1)))",
        "[dc, bc, ab]",
        "array",
    ),
    (
        "array",
        "SELECT array_sort(ARRAY[3, 2, null, 5, null, 1, 2], (x, y) -> CASE WHEN x IS NULL THEN -1 "
        "WHEN y IS NULL THEN 1 WHEN x < y THEN 1 WHEN x = y THEN 0 ELSE -1 END)",
        "[null, null, 5, 3, 2, 2, 1]",
        "array",
    ),
    (
        "array",
        "SELECT array_sort(ARRAY[3, 2, null, 5, null, 1, 2], (x, y) -> CASE WHEN x IS NULL THEN 1 "
        "WHEN y IS NULL THEN -1 WHEN x < y THEN 1 WHEN x = y THEN 0 ELSE -1 END)",
        "[5, 3, 2, 2, 1, null, null]",
        "array",
    ),
    (
        "array",
        "SELECT array_sort(ARRAY['a', 'abcd', 'abc'], (x, y) -> IF(length(x) < length(y), -1, "
        "IF(length(x) = length(y), 0, 1)))",
        "[a, abc, abcd]",
        "array",
    ),
    (
        "array",
        "SELECT array_sort(ARRAY[ARRAY[2, 3, 1], ARRAY[4, 2, 1, 4], ARRAY[1, 2]], (x, y) -> "
        "IF(cardinality(x) < cardinality(y), -1, IF(cardinality(x) = cardinality(y), 0, 1)))",
        "[[1, 2], [2, 3, 1], [4, 2, 1, 4]]",
        "array",
    ),
    ("array", "SELECT combinations(ARRAY['foo', 'bar', 'baz'], 2)", "[[foo, bar], [foo, baz], [bar, baz]]", "array"),
    ("array", "SELECT combinations(ARRAY[1, 2, 3], 2)", "[[1, 2], [1, 3], [2, 3]]", "array"),
    ("array", "SELECT combinations(ARRAY[1, 2, 2], 2)", "[[1, 2], [1, 2], [2, 2]]", "array"),
    ("array", "SELECT filter(ARRAY[], x -> true)", "[]", "array"),
    ("array", "SELECT filter(ARRAY[5, -6, NULL, 7], x -> x > 0)", "[5, 7]", "array"),
    ("array", "SELECT filter(ARRAY[5, NULL, 7, NULL], x -> x IS NOT NULL)", "[5, 7]", "array"),
    ("array", "SELECT ngrams(ARRAY['foo', 'bar', 'baz', 'foo'], 2)", "[[foo, bar], [bar, baz], [baz, foo]]", "array"),
    ("array", "SELECT ngrams(ARRAY['foo', 'bar', 'baz', 'foo'], 3)", "[[foo, bar, baz], [bar, baz, foo]]", "array"),
    ("array", "SELECT ngrams(ARRAY['foo', 'bar', 'baz', 'foo'], 4)", "[[foo, bar, baz, foo]]", "array"),
    ("array", "SELECT ngrams(ARRAY['foo', 'bar', 'baz', 'foo'], 5)", "[[foo, bar, baz, foo]]", "array"),
    ("array", "SELECT ngrams(ARRAY[1, 2, 3, 4], 2)", "[[1, 2], [2, 3], [3, 4]]", "array"),
    ("array", "SELECT reduce(ARRAY[], 0, (s, x) -> s + x, s -> s)", "0", "integer"),
    ("array", "SELECT reduce(ARRAY[5, 20, 50], 0, (s, x) -> s + x, s -> s)", "75", "integer"),
    ("array", "SELECT reduce(ARRAY[5, 20, NULL, 50], 0, (s, x) -> s + x, s -> s)", NULL, "integer"),
    ("array", "SELECT reduce(ARRAY[5, 20, NULL, 50], 0, (s, x) -> s + coalesce(x, 0), s -> s)", "75", "integer"),
    ("array", "SELECT reduce(ARRAY[5, 20, NULL, 50], 0, (s, x) -> IF(x IS NULL, s, s + x), s -> s)", "75", "integer"),
    ("array", "SELECT reduce(ARRAY[2147483647, 1], BIGINT '0', (s, x) -> s + x, s -> s)", "2147483648", "bigint"),
    (
        "array",
        "SELECT reduce(ARRAY[5, 6, 10, 20], CAST(ROW(0.0, 0) AS ROW(sum DOUBLE, count INTEGER)), "
        "(s, x) -> CAST(ROW(x + s.sum, s.count + 1) AS ROW(sum DOUBLE, count INTEGER)), "
        "s -> IF(s.count = 0, NULL, s.sum / s.count))",
        "10.25",
        "double",
    ),
    ("array", "SELECT trim_array(ARRAY[1, 2, 3, 4], 1)", "[1, 2, 3]", "array"),
    ("array", "SELECT trim_array(ARRAY[1, 2, 3, 4], 2)", "[1, 2]", "array"),
    ("array", "SELECT transform(ARRAY[], x -> x + 1)", "[]", "array"),
    ("array", "SELECT transform(ARRAY[5, 6], x -> x + 1)", "[6, 7]", "array"),
    ("array", "SELECT transform(ARRAY[5, NULL, 6], x -> coalesce(x, 0) + 1)", "[6, 1, 7]", "array"),
    ("array", "SELECT transform(ARRAY['x', 'abc', 'z'], x -> x || '0')", "[x0, abc0, z0]", "array"),
    (
        "array",
        "SELECT transform(ARRAY[ARRAY[1, NULL, 2], ARRAY[3, NULL]], a -> filter(a, x -> x IS NOT NULL))",
        "[[1, 2], [3]]",
        "array",
    ),
    ("array", "SELECT euclidean_distance(ARRAY[1.0, 2.0], ARRAY[3.0, 4.0])", "2.8284271247461903", "double"),
    ("array", "SELECT dot_product(ARRAY[1.0, 2.0], ARRAY[3.0, 4.0])", "11.0", "double"),
    ("array", "SELECT zip(ARRAY[1, 2], ARRAY['1b', null, '3b'])", "[{1, 1b}, {2, null}, {null, 3b}]", "array"),
    (
        "array",
        "SELECT zip_with(ARRAY[1, 3, 5], ARRAY['a', 'b', 'c'], (x, y) -> (y, x))",
        "[{a, 1}, {b, 3}, {c, 5}]",
        "array",
    ),
    ("array", "SELECT zip_with(ARRAY[1, 2], ARRAY[3, 4], (x, y) -> x + y)", "[4, 6]", "array"),
    (
        "array",
        "SELECT zip_with(ARRAY['a', 'b', 'c'], ARRAY['d', 'e', 'f'], (x, y) -> concat(x, y))",
        "[ad, be, cf]",
        "array",
    ),
    ("array", "SELECT zip_with(ARRAY['a'], ARRAY['d', null, 'f'], (x, y) -> coalesce(x, y))", "[a, null, f]", "array"),
    # --- map.md (Athena renders a map as {k=v, ...}, the page as {k -> v}) ---
    (
        "map",
        "SELECT MAP(ARRAY['key1', 'key2', 'key3' ], ARRAY[2373, 3463, 45837])",
        "{key1=2373, key2=3463, key3=45837}",
        "map",
    ),
    (
        "map",
        "SELECT MAP(ARRAY['key1', 'key2', 'key3' ], ARRAY['v1', 'v2', 'v3'])",
        "{key1=v1, key2=v2, key3=v3}",
        "map",
    ),
    (
        "map",
        "SELECT MAP(ARRAY['key1', 'key2', 'key3' ], ARRAY[23, 34.63, 45.837])",
        "{key1=23.000, key2=34.630, key3=45.837}",
        "map",
    ),
    (
        "map",
        "SELECT MAP(ARRAY['key1', 'key2', 'key3' ], ARRAY['v1', NULL, 'v3'])",
        "{key1=v1, key2=null, key3=v3}",
        "map",
    ),
    ("map", "SELECT MAP(ARRAY['key1', 'key2', 'key3' ], ARRAY['v1', 'v2', 'v3'])['key2']", "v2", "varchar"),
    ("map", "SELECT map()", "{}", "map"),
    ("map", "SELECT map(ARRAY[1,3], ARRAY[2,4])", "{1=2, 3=4}", "map"),
    ("map", "SELECT map_from_entries(ARRAY[(1, 'x'), (2, 'y')])", "{1=x, 2=y}", "map"),
    ("map", "SELECT multimap_from_entries(ARRAY[(1, 'x'), (2, 'y'), (1, 'z')])", "{1=[x, z], 2=[y]}", "map"),
    ("map", "SELECT map_entries(MAP(ARRAY[1, 2], ARRAY['x', 'y']))", "[{1, x}, {2, y}]", "array"),
    ("map", "SELECT map_filter(MAP(ARRAY[], ARRAY[]), (k, v) -> true)", "{}", "map"),
    (
        "map",
        "SELECT map_filter(MAP(ARRAY[10, 20, 30], ARRAY['a', NULL, 'c']), (k, v) -> v IS NOT NULL)",
        "{10=a, 30=c}",
        "map",
    ),
    (
        "map",
        "SELECT map_filter(MAP(ARRAY['k1', 'k2', 'k3'], ARRAY[20, 3, 15]), (k, v) -> v > 10)",
        "{k1=20, k3=15}",
        "map",
    ),
    (
        "map",
        "SELECT map_zip_with(MAP(ARRAY[1, 2, 3], ARRAY['a', 'b', 'c']), MAP(ARRAY[1, 2, 3], ARRAY['d', 'e', 'f']), "
        "(k, v1, v2) -> concat(v1, v2))",
        "{1=ad, 2=be, 3=cf}",
        "map",
    ),
    (
        "map",
        "SELECT map_zip_with(MAP(ARRAY['k1', 'k2'], ARRAY[1, 2]), MAP(ARRAY['k2', 'k3'], ARRAY[4, 9]), "
        "(k, v1, v2) -> (v1, v2))",
        "{k1={1, null}, k2={2, 4}, k3={null, 9}}",
        "map",
    ),
    (
        "map",
        "SELECT map_zip_with(MAP(ARRAY['a', 'b', 'c'], ARRAY[1, 8, 27]), MAP(ARRAY['a', 'b', 'c'], ARRAY[1, 2, 3]), "
        "(k, v1, v2) -> k || CAST(v1 / v2 AS VARCHAR))",
        "{a=a1, b=b4, c=c9}",
        "map",
    ),
    ("map", "SELECT transform_keys(MAP(ARRAY[], ARRAY[]), (k, v) -> k + 1)", "{}", "map"),
    (
        "map",
        "SELECT transform_keys(MAP(ARRAY [1, 2, 3], ARRAY ['a', 'b', 'c']), (k, v) -> k + 1)",
        "{2=a, 3=b, 4=c}",
        "map",
    ),
    (
        "map",
        "SELECT transform_keys(MAP(ARRAY ['a', 'b', 'c'], ARRAY [1, 2, 3]), (k, v) -> v * v)",
        "{1=1, 4=2, 9=3}",
        "map",
    ),
    (
        "map",
        "SELECT transform_keys(MAP(ARRAY ['a', 'b'], ARRAY [1, 2]), (k, v) -> k || CAST(v as VARCHAR))",
        "{a1=1, b2=2}",
        "map",
    ),
    (
        "map",
        "SELECT transform_keys(MAP(ARRAY [1, 2], ARRAY [1.0, 1.4]), (k, v) -> MAP(ARRAY[1, 2], "
        "ARRAY['one', 'two'])[k])",
        "{one=1.0, two=1.4}",
        "map",
    ),
    ("map", "SELECT transform_values(MAP(ARRAY[], ARRAY[]), (k, v) -> v + 1)", "{}", "map"),
    (
        "map",
        "SELECT transform_values(MAP(ARRAY [1, 2, 3], ARRAY [10, 20, 30]), (k, v) -> v + k)",
        "{1=11, 2=22, 3=33}",
        "map",
    ),
    (
        "map",
        "SELECT transform_values(MAP(ARRAY [1, 2, 3], ARRAY ['a', 'b', 'c']), (k, v) -> k * k)",
        "{1=1, 2=4, 3=9}",
        "map",
    ),
    (
        "map",
        "SELECT transform_values(MAP(ARRAY ['a', 'b'], ARRAY [1, 2]), (k, v) -> k || CAST(v as VARCHAR))",
        "{a=a1, b=b2}",
        "map",
    ),
    (
        "map",
        "SELECT transform_values(MAP(ARRAY [1, 2], ARRAY [1.0, 1.4]), (k, v) -> MAP(ARRAY[1, 2], "
        "ARRAY['one', 'two'])[k] || '_' || CAST(v AS VARCHAR))",
        "{1=one_1.0, 2=two_1.4}",
        "map",
    ),
    # --- lambda.md ---
    (
        "lambda",
        "SELECT numbers, transform(numbers, n -> n * n) as squared_numbers FROM (VALUES (ARRAY[1, 2]), "
        "(ARRAY[3, 4]), (ARRAY[5, 6, 7])) AS t(numbers)",
        [["[1, 2]", "[1, 4]"], ["[3, 4]", "[9, 16]"], ["[5, 6, 7]", "[25, 36, 49]"]],
        "array",
    ),
    (
        "lambda",
        "SELECT transform(prices, n -> TRY_CAST(n AS VARCHAR) || '$') as price_tags FROM (VALUES "
        "(ARRAY[100, 200]), (ARRAY[30, 4])) AS t(prices)",
        [["[100$, 200$]"], ["[30$, 4$]"]],
        "array",
    ),
    (
        "lambda",
        "SELECT xvalues, a, b, transform(xvalues, x -> a * x + b) as linear_function_values FROM (VALUES "
        "(ARRAY[1, 2], 10, 5), (ARRAY[3, 4], 4, 2)) AS t(xvalues, a, b)",
        [["[1, 2]", "10", "5", "[15, 25]"], ["[3, 4]", "4", "2", "[14, 18]"]],
        "array",
    ),
    (
        "lambda",
        "SELECT numbers FROM (VALUES (ARRAY[1,NULL,3]), (ARRAY[10,20,30]), (ARRAY[100,200,300])) "
        "AS t(numbers) WHERE any_match(numbers, n -> COALESCE(n, 0) > 100)",
        "[100, 200, 300]",
        "array",
    ),
    (
        "lambda",
        r"SELECT regexp_replace('once upon a time ...', '^(\w)(\w*)(\s+.*)$', "
        "x -> upper(x[1]) || x[2] || x[3])",
        "Once upon a time ...",
        "varchar",
    ),
    (
        "lambda",
        "SELECT reduce_agg(value, 0, (a, b) -> a + b, (a, b) -> a + b) sum_values "
        "FROM (VALUES (1), (2), (3), (4), (5)) AS t(value)",
        "15",
        "integer",
    ),
    # --- json.md (its `customers` table as VALUES) ---
    (
        "json",
        f"SELECT id, json_exists(description, 'lax $.children[*]?(@ > 10)') AS children_above_ten FROM {CUSTOMERS}",
        [["101", "true"], ["102", "true"], ["103", "false"]],
        "boolean",
    ),
    (
        "json",
        f"SELECT id, json_exists(description, 'strict $.children[2]?(@ > 10)' UNKNOWN ON ERROR) "
        f"AS child_3_above_ten FROM {CUSTOMERS}",
        [["101", "true"], ["102", NULL], ["103", NULL]],
        "boolean",
    ),
    (
        "json",
        f"SELECT id, json_query(description, 'lax $.children') AS children FROM {CUSTOMERS}",
        [["101", "[10,13,16]"], ["102", "[8,11]"], ["103", "[2]"]],
        "varchar",
    ),
    (
        "json",
        f"SELECT id, json_query(description, 'lax $.children[*]' WITHOUT ARRAY WRAPPER NULL ON ERROR) "
        f"AS children FROM {CUSTOMERS}",
        [["101", NULL], ["102", NULL], ["103", "2"]],
        "varchar",
    ),
    (
        "json",
        f"SELECT id, json_query(description, 'lax $.children[last]' WITH ARRAY WRAPPER) AS last_child FROM {CUSTOMERS}",
        [["101", "[16]"], ["102", "[11]"], ["103", "[2]"]],
        "varchar",
    ),
    (
        "json",
        f"SELECT id, json_query(description, 'strict $.children[*]?(@ > 12)' WITH ARRAY WRAPPER "
        f"EMPTY ARRAY ON EMPTY) AS children FROM {CUSTOMERS}",
        [["101", "[13,16]"], ["102", "[]"], ["103", "[]"]],
        "varchar",
    ),
    (
        "json",
        f"SELECT id, json_query(description, 'strict $.comment' KEEP QUOTES) AS quoted_comment, "
        f"json_query(description, 'strict $.comment' OMIT QUOTES) AS unquoted_comment FROM {CUSTOMERS}",
        [["101", '"nice"', "nice"], ["102", '"problematic"', "problematic"], ["103", '"knows best"', "knows best"]],
        "varchar",
    ),
    (
        "json",
        f"SELECT id, json_value(description, 'lax $.comment' RETURNING char(12)) AS comment FROM {CUSTOMERS}",
        [["101", "nice        "], ["102", "problematic "], ["103", "knows best  "]],
        "char",
    ),
    (
        "json",
        f"SELECT id, json_value(description, 'lax $.children[0]' RETURNING tinyint) AS child FROM {CUSTOMERS}",
        [["101", "10"], ["102", "8"], ["103", "2"]],
        "tinyint",
    ),
    (
        "json",
        f"SELECT id, json_value(description, 'strict $.children[2]' DEFAULT 'err' ON ERROR) AS child FROM {CUSTOMERS}",
        [["101", "16"], ["102", "err"], ["103", "err"]],
        "varchar",
    ),
    (
        "json",
        f"SELECT id, json_value(description, 'lax $.children[2]' DEFAULT 'missing' ON EMPTY) AS child FROM {CUSTOMERS}",
        [["101", "16"], ["102", "missing"], ["103", "missing"]],
        "varchar",
    ),
    # json_table (the page's first answer says Q1 and `child` for Q15 and `name`)
    (
        "json",
        'SELECT * FROM json_table(\'[{"id":1,"name":"Africa","wikiDataId":"Q15"}, '
        '{"id":2,"name":"Americas","wikiDataId":"Q828"}]\', \'strict $\' COLUMNS (NESTED PATH '
        "'strict $[*]' COLUMNS (id integer PATH 'strict $.id', name varchar PATH 'strict $.name', "
        "wiki_data_id varchar PATH 'strict $.\"wikiDataId\"')))",
        [["1", "Africa", "Q15"], ["2", "Americas", "Q828"]],
        "varchar",
    ),
    (
        "json",
        'SELECT * FROM json_table(\'[{"continent": "Asia", "countries": [{"name": "Japan", '
        "\"population\": 125.7}]}]', 'lax $' COLUMNS (NESTED PATH 'lax $[*]' COLUMNS (continent varchar "
        "PATH 'lax $.continent', NESTED PATH 'lax $.countries[*]' COLUMNS (country varchar PATH 'lax $.name', "
        "population double PATH 'lax $.population'))))",
        [["Asia", "Japan", "125.7"]],
        "double",
    ),
    (
        "json",
        "SELECT * FROM JSON_TABLE('[]', 'lax $' AS \"root_path\" COLUMNS(a varchar(1) PATH 'lax \"A\"', "
        "NESTED PATH 'lax $[*]' AS \"nested_path\" COLUMNS (b varchar(1) PATH 'lax \"B\"')) "
        'PLAN ("root_path" OUTER "nested_path"))',
        [["A", NULL]],
        "varchar",
    ),
    (
        "json",
        "SELECT * FROM JSON_TABLE('[]', 'lax $' AS \"root_path\" COLUMNS(a varchar(1) PATH 'lax \"A\"', "
        "NESTED PATH 'lax $[*]' AS \"nested_path\" COLUMNS (b varchar(1) PATH 'lax \"B\"')) "
        'PLAN ("root_path" INNER "nested_path"))',
        [[NULL, NULL]],
        "varchar",
    ),
    ("json", "SELECT json_array(true, 12e-1, 'text')", '[true,1.2,"text"]', "varchar"),
    (
        "json",
        "SELECT json_array('[  \"text\"  ] ' FORMAT JSON, X'5B0035005D00' FORMAT JSON ENCODING UTF16)",
        '[["text"],[5]]',
        "varchar",
    ),
    ("json", "SELECT json_array(json_query('{\"key\" : [  \"value\"  ]}', 'lax $.key'))", '[["value"]]', "varchar"),
    (
        "json",
        "SELECT json_array(DATE '2001-01-31', UUID '12151fd2-7586-11e9-8f9e-2a86e4085a59')",
        '["2001-01-31","12151fd2-7586-11e9-8f9e-2a86e4085a59"]',
        "varchar",
    ),
    ("json", "SELECT json_array()", "[]", "varchar"),
    ("json", "SELECT json_array(true, null, 1)", "[true,1]", "varchar"),
    ("json", "SELECT json_array(true, null, 1 ABSENT ON NULL)", "[true,1]", "varchar"),
    ("json", "SELECT json_array(true, null, 1 NULL ON NULL)", "[true,null,1]", "varchar"),
    ("json", "SELECT json_array(true, 1 RETURNING VARCHAR(100))", "[true,1]", "varchar"),
    ("json", "SELECT json_array(true, 1 RETURNING VARBINARY)", "5b 74 72 75 65 2c 31 5d", "varbinary"),
    (
        "json",
        "SELECT json_array(true, 1 RETURNING VARBINARY FORMAT JSON ENCODING UTF8)",
        "5b 74 72 75 65 2c 31 5d",
        "varbinary",
    ),
    (
        "json",
        "SELECT json_array(true, 1 RETURNING VARBINARY FORMAT JSON ENCODING UTF16)",
        "5b 00 74 00 72 00 75 00 65 00 2c 00 31 00 5d 00",
        "varbinary",
    ),
    (
        "json",
        "SELECT json_array(true, 1 RETURNING VARBINARY FORMAT JSON ENCODING UTF32)",
        "5b 00 00 00 74 00 00 00 72 00 00 00 75 00 00 00 65 00 00 00 2c 00 00 00 31 00 00 00 5d 00 00 00",
        "varbinary",
    ),
    ("json", "SELECT json_object('key1' : 1, 'key2' : true)", '{"key1":1,"key2":true}', "varchar"),
    ("json", "SELECT json_object(KEY 'key1' VALUE 1, KEY 'key2' VALUE true)", '{"key1":1,"key2":true}', "varchar"),
    ("json", "SELECT json_object('key1' VALUE 1, 'key2' VALUE true)", '{"key1":1,"key2":true}', "varchar"),
    ("json", "SELECT json_object('x' : true, 'y' : 12e-1, 'z' : 'text')", '{"x":true,"y":1.2,"z":"text"}', "varchar"),
    (
        "json",
        "SELECT json_object('x' : '[  \"text\"  ] ' FORMAT JSON, 'y' : X'5B0035005D00' FORMAT JSON ENCODING UTF16)",
        '{"x":["text"],"y":[5]}',
        "varchar",
    ),
    (
        "json",
        "SELECT json_object('x' : json_query('{\"key\" : [  \"value\"  ]}', 'lax $.key'))",
        '{"x":["value"]}',
        "varchar",
    ),
    (
        "json",
        "SELECT json_object('x' : DATE '2001-01-31', 'y' : UUID '12151fd2-7586-11e9-8f9e-2a86e4085a59')",
        '{"x":"2001-01-31","y":"12151fd2-7586-11e9-8f9e-2a86e4085a59"}',
        "varchar",
    ),
    ("json", "SELECT json_object()", "{}", "varchar"),
    ("json", "SELECT json_object('x' : null, 'y' : 1)", '{"x":null,"y":1}', "varchar"),
    ("json", "SELECT json_object('x' : null, 'y' : 1 NULL ON NULL)", '{"x":null,"y":1}', "varchar"),
    ("json", "SELECT json_object('x' : null, 'y' : 1 ABSENT ON NULL)", '{"y":1}', "varchar"),
    ("json", "SELECT json_object('x' : null, 'x' : 1 WITH UNIQUE KEYS)", FAILS(), "varchar"),
    ("json", "SELECT json_object('x' : 1 RETURNING VARCHAR(100))", '{"x":1}', "varchar"),
    ("json", "SELECT json_object('x' : 1 RETURNING VARBINARY)", "7b 22 78 22 3a 31 7d", "varbinary"),
    (
        "json",
        "SELECT json_object('x' : 1 RETURNING VARBINARY FORMAT JSON ENCODING UTF8)",
        "7b 22 78 22 3a 31 7d",
        "varbinary",
    ),
    (
        "json",
        "SELECT json_object('x' : 1 RETURNING VARBINARY FORMAT JSON ENCODING UTF16)",
        "7b 00 22 00 78 00 22 00 3a 00 31 00 7d 00",
        "varbinary",
    ),
    (
        "json",
        "SELECT json_object('x' : 1 RETURNING VARBINARY FORMAT JSON ENCODING UTF32)",
        "7b 00 00 00 22 00 00 00 78 00 00 00 22 00 00 00 3a 00 00 00 31 00 00 00 7d 00 00 00",
        "varbinary",
    ),
    ("json", "SELECT CAST(NULL AS JSON)", NULL, "json"),
    ("json", "SELECT CAST(1 AS JSON)", "1", "json"),
    ("json", "SELECT CAST(9223372036854775807 AS JSON)", "9223372036854775807", "json"),
    ("json", "SELECT CAST('abc' AS JSON)", '"abc"', "json"),
    ("json", "SELECT CAST(true AS JSON)", "true", "json"),
    ("json", "SELECT CAST(1.234 AS JSON)", "1.234", "json"),
    ("json", "SELECT CAST(ARRAY[1, 23, 456] AS JSON)", "[1,23,456]", "json"),
    ("json", "SELECT CAST(ARRAY[1, NULL, 456] AS JSON)", "[1,null,456]", "json"),
    ("json", "SELECT CAST(ARRAY[ARRAY[1, 23], ARRAY[456]] AS JSON)", "[[1,23],[456]]", "json"),
    (
        "json",
        "SELECT CAST(MAP(ARRAY['k1', 'k2', 'k3'], ARRAY[1, 23, 456]) AS JSON)",
        '{"k1":1,"k2":23,"k3":456}',
        "json",
    ),
    (
        "json",
        "SELECT CAST(CAST(ROW(123, 'abc', true) AS ROW(v1 BIGINT, v2 VARCHAR, v3 BOOLEAN)) AS JSON)",
        '{"v1":123,"v2":"abc","v3":true}',
        "json",
    ),
    ("json", "SELECT CAST(JSON '\"2001-01-31\"' AS DATE)", "2001-01-31", "date"),
    ("json", "SELECT CAST(JSON '\"01:23:45.678\"' AS TIME(3))", "01:23:45.678", "time"),
    ("json", "SELECT CAST(JSON 'null' AS DATE)", NULL, "date"),
    ("json", "SELECT CAST(JSON '42' AS DATE)", FAILS(), "date"),
    ("json", "SELECT CAST(JSON 'null' AS VARCHAR)", NULL, "varchar"),
    ("json", "SELECT CAST(JSON '1' AS INTEGER)", "1", "integer"),
    ("json", "SELECT CAST(JSON '9223372036854775807' AS BIGINT)", "9223372036854775807", "bigint"),
    ("json", "SELECT CAST(JSON '\"abc\"' AS VARCHAR)", "abc", "varchar"),
    ("json", "SELECT CAST(JSON 'true' AS BOOLEAN)", "true", "boolean"),
    ("json", "SELECT CAST(JSON '1.234' AS DOUBLE)", "1.234", "double"),
    ("json", "SELECT CAST(JSON '[1,23,456]' AS ARRAY(INTEGER))", "[1, 23, 456]", "array"),
    ("json", "SELECT CAST(JSON '[1,null,456]' AS ARRAY(INTEGER))", "[1, null, 456]", "array"),
    ("json", "SELECT CAST(JSON '[[1,23],[456]]' AS ARRAY(ARRAY(INTEGER)))", "[[1, 23], [456]]", "array"),
    (
        "json",
        'SELECT CAST(JSON \'{"k1":1,"k2":23,"k3":456}\' AS MAP(VARCHAR, INTEGER))',
        "{k1=1, k2=23, k3=456}",
        "map",
    ),
    (
        "json",
        'SELECT CAST(JSON \'{"v1":123,"v2":"abc","v3":true}\' AS ROW(v1 BIGINT, v2 VARCHAR, v3 BOOLEAN))',
        "{v1=123, v2=abc, v3=true}",
        "row",
    ),
    (
        "json",
        "SELECT CAST(JSON '[123,\"abc\",true]' AS ROW(v1 BIGINT, v2 VARCHAR, v3 BOOLEAN))",
        "{v1=123, v2=abc, v3=true}",
        "row",
    ),
    ("json", "SELECT CAST(JSON '[[1, 23], 456]' AS ARRAY(JSON))", "[[1,23], 456]", "array"),
    ("json", 'SELECT CAST(JSON \'{"k1": [1, 23], "k2": 456}\' AS MAP(VARCHAR, JSON))', "{k1=[1,23], k2=456}", "map"),
    ("json", "SELECT CAST(JSON '[null]' AS ARRAY(JSON))", "[null]", "array"),
    ("json", "SELECT is_json_scalar('1')", "true", "boolean"),
    ("json", "SELECT is_json_scalar('[1, 2, 3]')", "false", "boolean"),
    ("json", "SELECT json_array_contains('[1, 2, 3]', 2)", "true", "boolean"),
    ("json", 'SELECT json_array_get(\'["a", [3, 9], "c"]\', 0)', "a", "json"),
    ("json", 'SELECT json_array_get(\'["a", [3, 9], "c"]\', 1)', "[3,9]", "json"),
    ("json", 'SELECT json_array_get(\'["c", [3, 9], "a"]\', -1)', "a", "json"),
    ("json", 'SELECT json_array_get(\'["c", [3, 9], "a"]\', -2)', "[3,9]", "json"),
    ("json", "SELECT json_array_get('[]', 0)", NULL, "json"),
    ("json", 'SELECT json_array_get(\'["a", "b", "c"]\', 10)', NULL, "json"),
    ("json", 'SELECT json_array_get(\'["c", "b", "a"]\', -10)', NULL, "json"),
    ("json", "SELECT json_array_length('[1, 2, 3]')", "3", "bigint"),
    ("json", "SELECT json_format(JSON '[1, 2, 3]')", "[1,2,3]", "varchar"),
    ("json", "SELECT json_format(JSON '\"a\"')", '"a"', "varchar"),
    ("json", 'SELECT json_format(JSON \'{"a": 1, "b": 2}\')', '{"a":1,"b":2}', "varchar"),
    ("json", "SELECT json_format(JSON '\"abc\"')", '"abc"', "varchar"),
    ("json", "SELECT json_format(JSON '42')", "42", "varchar"),
    ("json", "SELECT json_format(JSON 'true')", "true", "varchar"),
    ("json", "SELECT json_format(JSON 'null')", "null", "varchar"),
    ("json", 'SELECT CAST(JSON \'{"a": 1, "b": 2}\' AS VARCHAR)', FAILS(), "varchar"),
    ("json", "SELECT CAST(JSON '[1, 2, 3]' AS VARCHAR)", FAILS(), "varchar"),
    ("json", "SELECT CAST(JSON '42' AS VARCHAR)", "42", "varchar"),
    ("json", "SELECT CAST(JSON 'true' AS VARCHAR)", "true", "varchar"),
    ("json", "SELECT json_parse('[1, 2, 3]')", "[1,2,3]", "json"),
    ("json", "SELECT json_parse('\"abc\"')", '"abc"', "json"),
    ("json", "SELECT json_parse('not_json')", FAILS("INVALID_FUNCTION_ARGUMENT"), "json"),
    # (the page says json_parse('["a": 1, "b": 2]') gives that text back; Trino fails it as not JSON)
    ("json", "SELECT json_parse('42')", "42", "json"),
    ("json", "SELECT json_parse('true')", "true", "json"),
    ("json", "SELECT json_parse('null')", "null", "json"),
    ("json", "SELECT CAST('not_json' AS JSON)", '"not_json"', "json"),
    ("json", 'SELECT CAST(\'["a": 1, "b": 2]\' AS JSON)', '"[\\"a\\": 1, \\"b\\": 2]"', "json"),
    ("json", "SELECT CAST('[1, 2, 3]' AS JSON)", '"[1, 2, 3]"', "json"),
    ("json", "SELECT CAST('\"abc\"' AS JSON)", '"\\"abc\\""', "json"),
    ("json", "SELECT CAST('42' AS JSON)", '"42"', "json"),
    ("json", "SELECT CAST('true' AS JSON)", '"true"', "json"),
    ("json", "SELECT CAST('null' AS JSON)", '"null"', "json"),
    ("json", 'SELECT json_size(\'{"x": {"a": 1, "b": 2}}\', \'$.x\')', "2", "bigint"),
    ("json", "SELECT json_size('{\"x\": [1, 2, 3]}', '$.x')", "3", "bigint"),
    ("json", 'SELECT json_size(\'{"x": {"a": 1, "b": 2}}\', \'$.x.a\')', "0", "bigint"),
    # --- url.md ---
    ("url", "SELECT url_extract_protocol('http://localhost:8080/req_path')", "http", "varchar"),
    ("url", "SELECT url_extract_protocol('https://127.0.0.1:8080/req_path')", "https", "varchar"),
    ("url", "SELECT url_extract_protocol('ftp://path/file')", "ftp", "varchar"),
    # --- ipaddress.md ---
    ("ipaddress", "SELECT contains('10.0.0.0/8', IPADDRESS '10.255.255.255')", "true", "boolean"),
    ("ipaddress", "SELECT contains('10.0.0.0/8', IPADDRESS '11.255.255.255')", "false", "boolean"),
    (
        "ipaddress",
        "SELECT contains('2001:0db8:0:0:0:ff00:0042:8329/128', IPADDRESS '2001:0db8:0:0:0:ff00:0042:8329')",
        "true",
        "boolean",
    ),
    (
        "ipaddress",
        "SELECT contains('2001:0db8:0:0:0:ff00:0042:8329/128', IPADDRESS '2001:0db8:0:0:0:ff00:0042:8328')",
        "false",
        "boolean",
    ),
    # --- aggregate.md (its iris and region tables as VALUES, ordered for a stable answer) ---
    (
        "aggregate",
        "SELECT array_agg(name) FILTER (WHERE name IS NOT NULL) FROM (VALUES 'AFRICA', NULL, 'ASIA') AS region(name)",
        "[AFRICA, ASIA]",
        "array",
    ),
    (
        "aggregate",
        f"SELECT species, count(*) AS count FROM {IRIS} GROUP BY species ORDER BY species",
        [["setosa", "1"], ["versicolor", "2"], ["virginica", "1"]],
        "bigint",
    ),
    (
        "aggregate",
        f"SELECT species, count(*) AS count FROM {IRIS} WHERE petal_length_cm > 4 GROUP BY species ORDER BY species",
        [["versicolor", "1"], ["virginica", "1"]],
        "bigint",
    ),
    (
        "aggregate",
        f"SELECT species, count(*) FILTER (where petal_length_cm > 4) AS count FROM {IRIS} "
        "GROUP BY species ORDER BY species",
        [["setosa", "0"], ["versicolor", "1"], ["virginica", "1"]],
        "bigint",
    ),
    (
        "aggregate",
        "SELECT listagg(value, ',') WITHIN GROUP (ORDER BY value) csv_value FROM (VALUES 'a', 'c', 'b') t(value)",
        "a,b,c",
        "varchar",
    ),
    (
        "aggregate",
        "SELECT listagg(value, ',' ON OVERFLOW ERROR) WITHIN GROUP (ORDER BY value) csv_value "
        "FROM (VALUES 'a', 'b', 'c') t(value)",
        "a,b,c",
        "varchar",
    ),
    (
        "aggregate",
        "SELECT listagg(value, ',' ON OVERFLOW TRUNCATE '.....' WITH COUNT) WITHIN GROUP (ORDER BY value) "
        "FROM (VALUES 'a', 'b', 'c') t(value)",
        "a,b,c",
        "varchar",
    ),
    (
        "aggregate",
        "SELECT id, listagg(value, ',') WITHIN GROUP (ORDER BY o) csv_value "
        "FROM (VALUES (100, 1, 'a'), (200, 3, 'c'), (200, 2, 'b')) t(id, o, value) GROUP BY id ORDER BY id",
        [["100", "a"], ["200", "b,c"]],
        "varchar",
    ),
    (
        "aggregate",
        "SELECT country, listagg(city, ',') WITHIN GROUP (ORDER BY population DESC) "
        "FILTER (WHERE population >= 10_000_000) megacities FROM (VALUES "
        "('India', 'Bangalore', 13_700_000), ('India', 'Chennai', 12_200_000), "
        "('India', 'Ranchi', 1_547_000), ('Austria', 'Vienna', 1_897_000), "
        "('Poland', 'Warsaw', 1_765_000)) t(country, city, population) GROUP BY country ORDER BY country",
        [["Austria", NULL], ["India", "Bangalore,Chennai"], ["Poland", NULL]],
        "varchar",
    ),
    (
        "aggregate",
        f"SELECT histogram(floor(petal_length_cm)) petal_data FROM {IRIS} GROUP BY species ORDER BY species",
        [["{1.0=1}"], ["{3.0=1, 4.0=1}"], ["{5.0=1}"]],
        "map",
    ),
    (
        "aggregate",
        f"SELECT map_union(petal_data) petal_data_union FROM (SELECT histogram(floor(petal_length_cm)) "
        f"petal_data FROM {IRIS} WHERE species <> 'versicolor' GROUP BY species)",
        "{1.0=1, 5.0=1}",
        "map",
    ),
    (
        "aggregate",
        "SELECT id, reduce_agg(value, 0, (a, b) -> a + b, (a, b) -> a + b) FROM (VALUES (1, 3), (1, 4), "
        "(1, 5), (2, 6), (2, 7)) AS t(id, value) GROUP BY id ORDER BY id",
        [["1", "12"], ["2", "13"]],
        "integer",
    ),
    (
        "aggregate",
        "SELECT id, reduce_agg(value, 1, (a, b) -> a * b, (a, b) -> a * b) FROM (VALUES (1, 3), (1, 4), "
        "(1, 5), (2, 6), (2, 7)) AS t(id, value) GROUP BY id ORDER BY id",
        [["1", "60"], ["2", "42"]],
        "integer",
    ),
    # --- window.md (its orders table as VALUES) ---
    (
        "window",
        f"SELECT orderkey, clerk, totalprice, rank() OVER (PARTITION BY clerk ORDER BY totalprice DESC) AS rnk "
        f"FROM {ORDERS} ORDER BY clerk, rnk, orderkey",
        [
            ["1", "Clerk#1", "172799.5", "1"],
            ["2", "Clerk#1", "38426.25", "2"],
            ["4", "Clerk#1", "38426.25", "2"],
            ["3", "Clerk#2", "205654.75", "1"],
        ],
        "bigint",
    ),
    (
        "window",
        f"SELECT clerk, orderdate, orderkey, totalprice, sum(totalprice) OVER (PARTITION BY clerk "
        f"ORDER BY orderdate) AS rolling_sum FROM {ORDERS} ORDER BY clerk, orderdate, orderkey",
        [
            ["Clerk#1", "2026-01-01", "2", "38426.25", "38426.25"],
            ["Clerk#1", "2026-01-02", "1", "172799.5", "211225.75"],
            ["Clerk#1", "2026-01-03", "4", "38426.25", "249652.0"],
            ["Clerk#2", "2026-01-01", "3", "205654.75", "205654.75"],
        ],
        "double",
    ),
    # ntile: "with 6 rows and 4 buckets, the bucket values would be as follows: 1 1 2 2 3 4"
    (
        "window",
        "SELECT x, ntile(4) OVER (ORDER BY x) FROM (VALUES 1, 2, 3, 4, 5, 6) t(x) ORDER BY x",
        [["1", "1"], ["2", "1"], ["3", "2"], ["4", "2"], ["5", "3"], ["6", "4"]],
        "bigint",
    ),
    # --- conditional.md (its tables as VALUES) ---
    (
        "conditional",
        "SELECT a, CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END FROM (VALUES 1, 2, 3) t(a)",
        [["1", "one"], ["2", "two"], ["3", "many"]],
        "varchar",
    ),
    (
        "conditional",
        "SELECT a, CASE a WHEN 0 THEN 'zero' WHEN > 100 THEN 'big' WHEN BETWEEN 1 AND 10 THEN 'small' "
        "WHEN IS NULL THEN 'unknown' ELSE 'other' END FROM (VALUES 0, 500, 5, NULL, 50) t(a)",
        [["0", "zero"], ["500", "big"], ["5", "small"], [NULL, "unknown"], ["50", "other"]],
        "varchar",
    ),
    (
        "conditional",
        "SELECT a, b, CASE WHEN a = 1 THEN 'aaa' WHEN b = 2 THEN 'bbb' ELSE 'ccc' END "
        "FROM (VALUES (1, 1), (2, 2), (3, 3)) t(a, b)",
        [["1", "1", "aaa"], ["2", "2", "bbb"], ["3", "3", "ccc"]],
        "varchar",
    ),
    (
        "conditional",
        f"SELECT orderkey, totalprice, IF(totalprice >= 150000, 'High Value', 'Low Value') "
        f"FROM {ORDERS} ORDER BY orderkey",
        [
            ["1", "172799.5", "High Value"],
            ["2", "38426.25", "Low Value"],
            ["3", "205654.75", "High Value"],
            ["4", "38426.25", "Low Value"],
        ],
        "varchar",
    ),
    (
        "conditional",
        f"SELECT orderkey, totalprice, CASE WHEN totalprice >= 150000 THEN 'High Value' "
        f"ELSE 'Low Value' END FROM {ORDERS} ORDER BY orderkey",
        [
            ["1", "172799.5", "High Value"],
            ["2", "38426.25", "Low Value"],
            ["3", "205654.75", "High Value"],
            ["4", "38426.25", "Low Value"],
        ],
        "varchar",
    ),
    ("conditional", "SELECT COALESCE(CAST(ROW(NULL, NULL) AS ROW(integer, integer)), ROW(1, 2))", "{1, 2}", "row"),
    ("conditional", "SELECT COALESCE(CAST(ROW(1, NULL) AS ROW(integer, integer)), ROW(1, 2))", "{1, null}", "row"),
    ("conditional", f"SELECT CAST(origin_zip AS BIGINT) FROM {SHIPPING}", FAILS("INVALID_CAST_ARGUMENT"), "bigint"),
    # (the page prints the bigint 8544 as 08544)
    (
        "conditional",
        f"SELECT TRY(CAST(origin_zip AS BIGINT)) FROM {SHIPPING}",
        [["94131"], [NULL], ["94025"], ["8544"]],
        "bigint",
    ),
    (
        "conditional",
        f"SELECT total_cost / packages AS per_package FROM {SHIPPING}",
        FAILS("DIVISION_BY_ZERO"),
        "integer",
    ),
    # (the page prints 19 for 490 / 225)
    (
        "conditional",
        f"SELECT COALESCE(TRY(total_cost / packages), 0) AS per_package FROM {SHIPPING}",
        [["4"], ["14"], ["0"], ["2"]],
        "integer",
    ),
]

FROM_SIGNATURES = [
    # --- string.md ---
    ("string", "SELECT split_part('a.b.c', '.', 4)", NULL, "varchar"),
    ("string", "SELECT split_part('10.0.1.5', '.', 2)", "0", "varchar"),
    ("string", "SELECT strpos('abcabc', 'c', 2)", "6", "bigint"),
    ("string", "SELECT strpos('abcabc', 'a', -1)", "4", "bigint"),
    ("string", "SELECT strpos('abcabc', 'x')", "0", "bigint"),
    ("string", "SELECT position('b' IN 'abc')", "2", "bigint"),
    ("string", "SELECT split('a.b.c.d', '.', 2)", "[a, b.c.d]", "array"),
    ("string", "SELECT split('a.b.c', '.')", "[a, b, c]", "array"),
    ("string", "SELECT length('abc')", "3", "bigint"),
    ("string", "SELECT concat_ws(',', 'a', NULL, 'b')", "a,b", "varchar"),
    ("string", "SELECT concat_ws(NULL, 'a', 'b')", NULL, "varchar"),
    ("string", "SELECT substr('abcdef', -2)", "ef", "varchar"),
    ("string", "SELECT substr('abcdef', 2, 3)", "bcd", "varchar"),
    ("string", "SELECT lpad('7', 3, '0')", "007", "varchar"),
    ("string", "SELECT rpad('abcd', 2, '0')", "ab", "varchar"),
    ("string", "SELECT replace('a-b-c', '-')", "abc", "varchar"),
    ("string", "SELECT chr(65)", "A", "varchar"),
    ("string", "SELECT codepoint('A')", "65", "integer"),
    ("string", "SELECT hamming_distance('abcd', 'abed')", "1", "bigint"),
    ("string", "SELECT levenshtein_distance('kitten', 'sitting')", "3", "bigint"),
    ("string", "SELECT starts_with('vpc-123', 'vpc')", "true", "boolean"),
    ("string", "SELECT 'a' || 'b'", "ab", "varchar"),
    ("string", "SELECT concat('a', NULL, 'b')", NULL, "varchar"),
    ("string", "SELECT concat('a', 'b', 'c')", "abc", "varchar"),
    ("string", "SELECT substr('abcdef', 0)", "", "varchar"),
    ("string", "SELECT reverse('abc')", "cba", "varchar"),
    ("string", "SELECT lpad('abc', 5, 'xy')", "xyabc", "varchar"),
    ("string", "SELECT upper('vpc-Abc')", "VPC-ABC", "varchar"),
    ("string", "SELECT ltrim('  a ')", "a ", "varchar"),
    ("string", "SELECT rtrim(' a  ')", " a", "varchar"),
    ("string", "SELECT trim('  a  ')", "a", "varchar"),
    ("string", "SELECT split('a,,b', ',')", "[a, , b]", "array"),
    ("string", "SELECT ends_with('eni-123', '23')", "true", "boolean"),
    ("string", "SELECT to_utf8('abc')", "61 62 63", "varbinary"),
    ("string", "SELECT from_utf8(to_utf8('abc'))", "abc", "varchar"),
    # --- regexp.md ---
    ("regexp", r"SELECT regexp_extract('abc', '\d+')", NULL, "varchar"),
    ("regexp", r"SELECT regexp_like('abc', 'B')", "false", "boolean"),
    ("regexp", r"SELECT regexp_extract_all('abc', 'x')", "[]", "array"),
    ("regexp", r"SELECT regexp_split('a1b2c', '\d')", "[a, b, c]", "array"),
    (
        "regexp",
        r"SELECT regexp_replace('10.0.1.5', '(\d+)\.(\d+)\.(\d+)\.(\d+)', '$4.$3.$2.$1')",
        "5.1.0.10",
        "varchar",
    ),
    # --- datetime.md ---
    ("datetime", "SELECT from_unixtime(1795737600)", "2026-11-27 00:00:00.000 UTC", "timestamp with time zone"),
    (
        "datetime",
        "SELECT from_unixtime(1795737600, 'Asia/Seoul')",
        "2026-11-27 09:00:00.000 Asia/Seoul",
        "timestamp with time zone",
    ),
    ("datetime", "SELECT hour(from_unixtime(1795737600, 'Asia/Seoul'))", "9", "bigint"),
    (
        "datetime",
        "SELECT from_unixtime(1795737600, 9, 0)",
        "2026-11-27 09:00:00.000 +09:00",
        "timestamp with time zone",
    ),
    ("datetime", "SELECT to_iso8601(DATE '2026-11-27')", "2026-11-27", "varchar"),
    ("datetime", "SELECT to_iso8601(TIMESTAMP '2026-11-27 01:02:03.456')", "2026-11-27T01:02:03.456", "varchar"),
    ("datetime", "SELECT to_milliseconds(interval '2' second)", "2000", "bigint"),
    ("datetime", "SELECT to_unixtime(TIMESTAMP '1970-01-02 00:00:00')", "86400.0", "double"),
    ("datetime", "SELECT last_day_of_month(DATE '2024-02-10')", "2024-02-29", "date"),
    ("datetime", "SELECT date('2026-11-27')", "2026-11-27", "date"),
    ("datetime", "SELECT date_trunc('month', DATE '2022-10-20')", "2022-10-01", "date"),
    ("datetime", "SELECT date_add('day', 3, DATE '2020-03-01')", "2020-03-04", "date"),
    (
        "datetime",
        "SELECT format_datetime(TIMESTAMP '2026-11-27 09:05:03', 'yyyy-MM-dd HH:mm')",
        "2026-11-27 09:05",
        "varchar",
    ),
    (
        "datetime",
        "SELECT parse_datetime('2026-11-27 09:05', 'yyyy-MM-dd HH:mm')",
        "2026-11-27 09:05:00.000 UTC",
        "timestamp with time zone",
    ),
    ("datetime", "SELECT extract(DOW FROM DATE '2026-11-29')", "7", "bigint"),
    ("datetime", "SELECT day(DATE '2026-11-27')", "27", "bigint"),
    ("datetime", "SELECT day_of_month(DATE '2026-11-27')", "27", "bigint"),
    ("datetime", "SELECT day_of_week(DATE '2026-11-29')", "7", "bigint"),
    ("datetime", "SELECT dow(DATE '2026-11-30')", "1", "bigint"),
    ("datetime", "SELECT day_of_year(DATE '2026-02-01')", "32", "bigint"),
    ("datetime", "SELECT doy(DATE '2026-12-31')", "365", "bigint"),
    ("datetime", "SELECT hour(TIMESTAMP '2026-11-27 21:05:03')", "21", "bigint"),
    ("datetime", "SELECT millisecond(TIMESTAMP '2026-11-27 21:05:03.123')", "123", "bigint"),
    ("datetime", "SELECT minute(TIMESTAMP '2026-11-27 21:05:03')", "5", "bigint"),
    ("datetime", "SELECT month(DATE '2026-11-27')", "11", "bigint"),
    ("datetime", "SELECT quarter(DATE '2026-11-27')", "4", "bigint"),
    ("datetime", "SELECT second(TIMESTAMP '2026-11-27 21:05:03')", "3", "bigint"),
    ("datetime", "SELECT timezone_hour(TIMESTAMP '2026-11-27 09:00:00 +09:00')", "9", "bigint"),
    ("datetime", "SELECT timezone_minute(TIMESTAMP '2026-11-27 09:00:00 +05:30')", "30", "bigint"),
    ("datetime", "SELECT week(DATE '2021-01-03')", "53", "bigint"),
    ("datetime", "SELECT week_of_year(DATE '2026-11-27')", "48", "bigint"),
    ("datetime", "SELECT year(DATE '2026-11-27')", "2026", "bigint"),
    ("datetime", "SELECT year_of_week(DATE '2021-01-03')", "2020", "bigint"),
    ("datetime", "SELECT yow(DATE '2021-01-03')", "2020", "bigint"),
    (
        "datetime",
        "SELECT date_format(TIMESTAMP '2022-10-20 05:10:07', '%Y-%m-%d %H:%i:%s')",
        "2022-10-20 05:10:07",
        "varchar",
    ),
    ("datetime", "SELECT date_format(TIMESTAMP '2022-10-20 05:10:07', '%M')", "October", "varchar"),
    ("datetime", "SELECT date_format(TIMESTAMP '2022-10-20 05:10:07', '%W')", "Thursday", "varchar"),
    ("datetime", "SELECT date_format(TIMESTAMP '2022-10-20 05:10:07', '%c/%e')", "10/20", "varchar"),
    ("datetime", "SELECT date_format(TIMESTAMP '2022-10-20 15:10:07', '%h %p')", "03 PM", "varchar"),
    ("datetime", "SELECT date_format(TIMESTAMP '2022-10-20 05:10:07', '%T')", "05:10:07", "varchar"),
    ("datetime", "SELECT date_format(TIMESTAMP '2022-10-20 05:10:07', '%j')", "293", "varchar"),
    ("datetime", "SELECT date_parse('20/10/2022 05:10', '%d/%m/%Y %H:%i')", "2022-10-20 05:10:00.000", "timestamp"),
    ("datetime", "SELECT to_unixtime(from_unixtime(1795737600, 'Asia/Seoul'))", "1.7957376E9", "double"),
    (
        "datetime",
        "SELECT date_trunc('hour', from_unixtime(1795740000, 'Asia/Seoul'))",
        "2026-11-27 09:00:00.000 Asia/Seoul",
        "timestamp with time zone",
    ),
    (
        "datetime",
        "SELECT date_trunc('day', from_unixtime(1795734000, 'Asia/Seoul'))",
        "2026-11-27 00:00:00.000 Asia/Seoul",
        "timestamp with time zone",
    ),
    (
        "datetime",
        "SELECT format_datetime(from_unixtime(1795737600, 'Asia/Seoul'), 'yyyy-MM-dd HH:mm')",
        "2026-11-27 09:00",
        "varchar",
    ),
    (
        "datetime",
        "SELECT to_iso8601(from_unixtime(1795737600, 'Asia/Seoul'))",
        "2026-11-27T09:00:00.000+09:00",
        "varchar",
    ),
    ("datetime", "SELECT to_iso8601(from_unixtime(1795737600))", "2026-11-27T00:00:00.000Z", "varchar"),
    ("datetime", "SELECT day_of_week(from_unixtime(1795734000, 'America/New_York'))", "4", "bigint"),
    (
        "datetime",
        "SELECT CAST(from_unixtime(1795737600, 'Asia/Seoul') AS varchar)",
        "2026-11-27 09:00:00.000 Asia/Seoul",
        "varchar",
    ),
    ("datetime", "SELECT CAST('2026-11-27 10:00:00' AS timestamp)", "2026-11-27 10:00:00.000", "timestamp"),
    ("datetime", "SELECT CAST(DATE '2026-11-27' AS varchar)", "2026-11-27", "varchar"),
    ("datetime", "SELECT from_unixtime(1795737600) > from_unixtime(1795737600, 'Asia/Seoul')", "false", "boolean"),
    # --- conversion.md ---
    ("conversion", "SELECT cast('42' AS integer)", "42", "integer"),
    ("conversion", "SELECT try_cast('x' AS integer)", NULL, "integer"),
    ("conversion", "SELECT CAST(1e7 AS varchar)", "1.0E7", "varchar"),
    ("conversion", "SELECT CAST(2.5e0 AS integer)", "3", "integer"),
    ("conversion", "SELECT CAST(true AS varchar)", "true", "varchar"),
    # --- decimal.md ---
    ("decimal", "SELECT DECIMAL '0000012345.1234500000'", "12345.1234500000", "decimal"),
    ("decimal", "SELECT DECIMAL '1.10' + DECIMAL '2.205'", "3.305", "decimal"),
    ("decimal", "SELECT 1.2", "1.2", "decimal"),
    # --- conditional.md ---
    ("conditional", "SELECT if(1 > 2, 'a')", NULL, "varchar"),
    ("conditional", "SELECT coalesce(NULL, 2, 3)", "2", "integer"),
    ("conditional", "SELECT nullif(1, 1)", NULL, "integer"),
    ("conditional", "SELECT TRY(1 / 0)", NULL, "integer"),
    ("conditional", "SELECT COALESCE(TRY(100 / 0), 0)", "0", "integer"),
    ("conditional", "SELECT TRY(CAST('P332a' AS BIGINT))", NULL, "bigint"),
    # --- ipaddress.md ---
    ("ipaddress", "SELECT IPADDRESS '10.0.0.1'", "10.0.0.1", "ipaddress"),
    ("ipaddress", "SELECT CAST('192.168.1.20' AS IPADDRESS)", "192.168.1.20", "ipaddress"),
    # --- aggregate.md ---
    ("aggregate", "SELECT count_if(x > 1) FROM (VALUES 1, 2, 3) t(x)", "2", "bigint"),
    ("aggregate", "SELECT count_if(x > 5) FROM (VALUES 1, 2, 3) t(x)", "0", "bigint"),
    ("aggregate", "SELECT sum(x) FROM (VALUES 1, 2) t(x) WHERE x > 5", NULL, "bigint"),
    ("aggregate", "SELECT avg(x) FROM (VALUES 1, 2) t(x)", "1.5", "double"),
    ("aggregate", "SELECT max_by(name, n) FROM (VALUES ('a', 1), ('b', 3), ('c', 2)) t(name, n)", "b", "varchar"),
    ("aggregate", "SELECT min_by(name, n) FROM (VALUES ('a', 1), ('b', 3), ('c', 2)) t(name, n)", "a", "varchar"),
    ("aggregate", "SELECT max(x, 2) FROM (VALUES 5, 1, 9) t(x)", "[9, 5]", "array"),
    ("aggregate", "SELECT approx_percentile(CAST(x AS bigint), 0.5) FROM (VALUES 1, 2, 3, 4, 5) t(x)", "3", "bigint"),
    ("aggregate", "SELECT approx_percentile(CAST(x AS double), 0.5) FROM (VALUES 1, 2, 3, 4, 5) t(x)", "3.0", "double"),
    ("aggregate", "SELECT approx_percentile(x, ARRAY[0.0, 1.0]) FROM (VALUES 1, 2, 3, 4, 5) t(x)", "[1, 5]", "array"),
    ("aggregate", "SELECT approx_distinct(x) FROM (VALUES 1, 1, 2) t(x)", "2", "bigint"),
    ("aggregate", "SELECT approx_distinct(x) FROM (VALUES CAST(NULL AS integer)) t(x)", "0", "bigint"),
    ("aggregate", "SELECT bool_and(x) FROM (VALUES true, false) t(x)", "false", "boolean"),
    ("aggregate", "SELECT every(x) FROM (VALUES true, true) t(x)", "true", "boolean"),
    ("aggregate", "SELECT bool_or(x) FROM (VALUES true, false) t(x)", "true", "boolean"),
    ("aggregate", "SELECT array_agg(x ORDER BY x DESC) FROM (VALUES 1, 3, 2) t(x)", "[3, 2, 1]", "array"),
    ("aggregate", "SELECT histogram(x) FROM (VALUES 'a', 'a', 'b') t(x)", "{a=2, b=1}", "map"),
    ("aggregate", "SELECT map_agg(k, v) FROM (VALUES ('a', 1), ('b', 2)) t(k, v)", "{a=1, b=2}", "map"),
    ("aggregate", "SELECT bitwise_and_agg(x) FROM (VALUES 12, 10) t(x)", "8", "bigint"),
    ("aggregate", "SELECT bitwise_or_agg(x) FROM (VALUES 12, 10) t(x)", "14", "bigint"),
    ("aggregate", "SELECT stddev(x) FROM (VALUES 1, 3) t(x)", "1.4142135623730951", "double"),
    ("aggregate", "SELECT variance(x) FROM (VALUES 1, 3) t(x)", "2.0", "double"),
    ("aggregate", "SELECT regr_slope(y, x) FROM (VALUES (1, 2), (2, 4), (3, 6)) t(x, y)", "2.0", "double"),
    ("aggregate", "SELECT count(x) FROM (VALUES 1, NULL, 3) t(x)", "2", "bigint"),
    # --- window.md ---
    (
        "window",
        "SELECT x, rank() OVER (ORDER BY x) FROM (VALUES 1, 1, 2) t(x) ORDER BY x",
        [["1", "1"], ["1", "1"], ["2", "3"]],
        "bigint",
    ),
    (
        "window",
        "SELECT x, dense_rank() OVER (ORDER BY x) FROM (VALUES 1, 1, 2) t(x) ORDER BY x",
        [["1", "1"], ["1", "1"], ["2", "2"]],
        "bigint",
    ),
    (
        "window",
        "SELECT x, percent_rank() OVER (ORDER BY x) FROM (VALUES 1, 2, 3) t(x) ORDER BY x",
        [["1", "0.0"], ["2", "0.5"], ["3", "1.0"]],
        "double",
    ),
    (
        "window",
        "SELECT x, cume_dist() OVER (ORDER BY x) FROM (VALUES 1, 2, 2, 4) t(x) ORDER BY x",
        [["1", "0.25"], ["2", "0.75"], ["2", "0.75"], ["4", "1.0"]],
        "double",
    ),
    (
        "window",
        "SELECT x, row_number() OVER (ORDER BY x DESC) FROM (VALUES 1, 2) t(x) ORDER BY x",
        [["1", "2"], ["2", "1"]],
        "bigint",
    ),
    (
        "window",
        "SELECT x, lag(x) OVER (ORDER BY x) FROM (VALUES 1, 2) t(x) ORDER BY x",
        [["1", NULL], ["2", "1"]],
        "integer",
    ),
    (
        "window",
        "SELECT x, lead(x, 1, 0) OVER (ORDER BY x) FROM (VALUES 1, 2) t(x) ORDER BY x",
        [["1", "2"], ["2", "0"]],
        "integer",
    ),
    (
        "window",
        "SELECT x, first_value(x) OVER (ORDER BY x) FROM (VALUES 2, 1) t(x) ORDER BY x",
        [["1", "1"], ["2", "1"]],
        "integer",
    ),
    (
        "window",
        "SELECT x, nth_value(x, 2) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) "
        "FROM (VALUES 1, 2, 3) t(x) ORDER BY x",
        [["1", "2"], ["2", "2"], ["3", "2"]],
        "integer",
    ),
    (
        "window",
        "SELECT x, sum(x) OVER (ORDER BY x) FROM (VALUES 1, 2, 3) t(x) ORDER BY x",
        [["1", "1"], ["2", "3"], ["3", "6"]],
        "bigint",
    ),
    # --- array.md ---
    ("array", "SELECT array_sort(ARRAY[3, 1, NULL, 2])", "[1, 2, 3, null]", "array"),
    ("array", "SELECT cardinality(ARRAY[1, 2])", "2", "bigint"),
    ("array", "SELECT element_at(ARRAY[1, 2], 5)", NULL, "integer"),
    ("array", "SELECT element_at(ARRAY[1, 2], -1)", "2", "integer"),
    ("array", "SELECT contains(ARRAY[1, 2], 2)", "true", "boolean"),
    ("array", "SELECT array_position(ARRAY[4, 5], 5)", "2", "bigint"),
    ("array", "SELECT slice(ARRAY[1, 2, 3, 4], 2, 2)", "[2, 3]", "array"),
    ("array", "SELECT array_join(ARRAY[1, NULL, 2], ',')", "1,2", "varchar"),
    ("array", "SELECT sequence(1, 5, 2)", "[1, 3, 5]", "array"),
    # --- json.md ---
    ("json", "SELECT json_extract_scalar('{\"a\": {\"b\": 7}}', '$.a.b')", "7", "varchar"),
    ("json", "SELECT json_extract_scalar('[1, 2, 3]', '$[2]')", "3", "varchar"),
    ("json", "SELECT json_extract('{\"a\": {\"b\": 1}}', '$.a')", '{"b":1}', "json"),
    # --- math.md ---
    ("math", "SELECT abs(-5)", "5", "integer"),
    ("math", "SELECT ceil(2.3e0)", "3.0", "double"),
    ("math", "SELECT floor(-2.5e0)", "-3.0", "double"),
    ("math", "SELECT round(2.5e0)", "3.0", "double"),
    ("math", "SELECT round(-2.5e0)", "-3.0", "double"),
    ("math", "SELECT round(DECIMAL '2.345', 2)", "2.350", "decimal"),
    ("math", "SELECT mod(-5, 3)", "-2", "integer"),
    ("math", "SELECT power(2, 10)", "1024.0", "double"),
    ("math", "SELECT sign(-3)", "-1", "integer"),
    ("math", "SELECT sqrt(16)", "4.0", "double"),
    ("math", "SELECT truncate(2.7e0)", "2.0", "double"),
    ("math", "SELECT width_bucket(5.3e0, 0.2e0, 10.6e0, 5)", "3", "bigint"),
    ("math", "SELECT log10(1000)", "3.0", "double"),
    ("math", "SELECT log2(8)", "3.0", "double"),
    ("math", "SELECT cbrt(27)", "3.0", "double"),
    ("math", "SELECT degrees(pi())", "180.0", "double"),
    ("math", "SELECT from_base('ff', 16)", "255", "bigint"),
    ("math", "SELECT to_base(255, 16)", "ff", "varchar"),
    ("math", "SELECT infinity()", "Infinity", "double"),
    ("math", "SELECT is_nan(nan())", "true", "boolean"),
    ("math", "SELECT is_finite(1.5e0)", "true", "boolean"),
    ("math", "SELECT is_infinite(infinity())", "true", "boolean"),
    ("math", "SELECT 7 / 2", "3", "integer"),
    ("math", "SELECT -7 / 2", "-3", "integer"),
    ("math", "SELECT -7 % 3", "-1", "integer"),
    ("math", "SELECT 7.0 / 2", "3.5", "decimal"),
    ("math", "SELECT 1e7", "1.0E7", "double"),
    # --- comparison.md ---
    ("comparison", "SELECT greatest(1, 5, 3)", "5", "integer"),
    ("comparison", "SELECT least(1, 5, 3)", "1", "integer"),
    ("comparison", "SELECT 1 IS DISTINCT FROM NULL", "true", "boolean"),
    ("comparison", "SELECT NULL IS NOT DISTINCT FROM NULL", "true", "boolean"),
    ("comparison", "SELECT 3 BETWEEN 2 AND 6", "true", "boolean"),
    ("comparison", "SELECT 'Hello' LIKE 'He%'", "true", "boolean"),
    ("comparison", "SELECT 'a_c' LIKE 'a#_c' ESCAPE '#'", "true", "boolean"),
    ("comparison", "SELECT 42 >= ALL (VALUES 41, 42, 43)", "false", "boolean"),
    ("comparison", "SELECT 42 = ANY (VALUES 41, 42, 43)", "true", "boolean"),
    # --- map.md ---
    ("map", "SELECT cardinality(MAP(ARRAY['a'], ARRAY[1]))", "1", "bigint"),
    ("map", "SELECT element_at(MAP(ARRAY['a'], ARRAY[1]), 'b')", NULL, "integer"),
    ("map", "SELECT map_keys(MAP(ARRAY['a', 'b'], ARRAY[1, 2]))", "[a, b]", "array"),
    # --- url.md ---
    ("url", "SELECT url_extract_host('http://example.com:8080/a?b=1')", "example.com", "varchar"),
    ("url", "SELECT url_extract_port('http://example.com:8080/a?b=1')", "8080", "bigint"),
    ("url", "SELECT url_extract_path('http://example.com:8080/a?b=1')", "/a", "varchar"),
    ("url", "SELECT url_extract_query('http://example.com:8080/a?b=1')", "b=1", "varchar"),
    ("url", "SELECT url_extract_parameter('http://example.com/a?b=1&c=2', 'c')", "2", "varchar"),
    ("url", "SELECT url_extract_fragment('http://example.com/a?b=1#top')", "top", "varchar"),
]


DOCUMENTED_OUTCOME, HONEST_OUTCOME = "as documented", "refused"
ALL = [(page, sql, value, kind, "documented") for page, sql, value, kind in DOCUMENTED] + [
    (page, sql, value, kind, "signature") for page, sql, value, kind in FROM_SIGNATURES
]


def outcome(run_query, athena, sql: str, value, trino_type: str) -> str:
    """'as documented', 'refused' (FUNCTION_NOT_FOUND / NOT_SUPPORTED) or how the answer differs."""
    execution = run_query(sql)
    status = execution["Status"]
    if status["State"] != "SUCCEEDED":
        reason = status.get("StateChangeReason", "")
        name = reason.split(":", 1)[0]
        if name in HONEST:
            return HONEST_OUTCOME
        if isinstance(value, FAILS) and value.name in (None, name):
            return DOCUMENTED_OUTCOME
        return f"failed: {reason}"
    names, rows = fetch_results(athena, execution)
    if isinstance(value, FAILS):
        return f"answered {rows!r}, documented a failure ({value.name or 'an error'})"
    page = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"], MaxResults=1)
    column_type = page["ResultSet"]["ResultSetMetadata"]["ColumnInfo"][-1]["Type"]
    if isinstance(value, re.Pattern):
        got = rows[0][-1] if len(rows) == 1 else rows
        matched = isinstance(got, str) and value.fullmatch(got)
        expected = value.pattern
    else:
        expected = value if isinstance(value, list) else [[value]]
        got = rows if isinstance(value, list) else [row[-1:] for row in rows]
        matched = got == expected
    if not matched:
        return f"answered {got!r}, documented {expected!r}"
    if column_type != trino_type:
        return f"typed {column_type}, documented {trino_type}"
    return DOCUMENTED_OUTCOME


@pytest.fixture(scope="module")
def outcomes(run_query, athena) -> dict[str, str]:
    """Every example's outcome, by its SQL (each query runs once for the whole module)."""
    return {sql: outcome(run_query, athena, sql, value, kind) for _, sql, value, kind, _ in ALL}


@pytest.mark.parametrize(
    "page, sql, value, trino_type, source", ALL, ids=[f"{e[4]}-{e[0]}-{i}" for i, e in enumerate(ALL)]
)
def test_example_answers_as_documented_or_fails_honestly(page, sql, value, trino_type, source, outcomes):
    assert outcomes[sql] in (DOCUMENTED_OUTCOME, HONEST_OUTCOME), f"{sql}: {outcomes[sql]}"


def summary(outcomes: dict[str, str]) -> str:
    """Per page: examples of the page and of its signatures, how many answer as documented, how many
    are refused, how many answer otherwise."""
    lines = [
        f"{'page':<12}{'examples':>9}{'as documented':>15}{'refused':>9}{'otherwise':>11}"
        f"{'signatures':>12}{'as documented':>15}{'refused':>9}"
    ]
    totals = [0] * 7
    for page in PAGES:
        counts = []
        for source in ("documented", "signature"):
            found = [outcomes[e[1]] for e in ALL if e[0] == page and e[4] == source]
            done = found.count(DOCUMENTED_OUTCOME)
            refused = found.count(HONEST_OUTCOME)
            counts += [len(found), done, refused] + ([len(found) - done - refused] if source == "documented" else [])
        totals = [t + c for t, c in zip(totals, counts)]
        lines.append(_summary_line(page, counts))
    lines.append(_summary_line("all", totals))
    documented, done = totals[0], totals[1]
    lines.append(f"as documented: {done} of {documented} examples of the pages ({done / documented:.0%})")
    return "\n".join("    " + line for line in lines)


def _summary_line(page: str, counts: list[int]) -> str:
    n, done, refused, otherwise, sn, sdone, srefused = counts
    return f"{page:<12}{n:>9}{done:>15}{refused:>9}{otherwise:>11}{sn:>12}{sdone:>15}{srefused:>9}"


def test_the_pages_answer_as_documented(outcomes):
    measured = summary(outcomes)
    print("\n" + measured)
    assert measured in __doc__, f"the module docstring's table is out of date; measured:\n{measured}"
    for page in FLOW_LOG_PAGES:
        found = [outcomes[e[1]] for e in ALL if e[0] == page and e[4] == "documented"]
        assert found.count(DOCUMENTED_OUTCOME) == len(found), f"{page}: not every example answers as documented"
    documented = [outcomes[e[1]] for e in ALL if e[4] == "documented"]
    assert documented.count(DOCUMENTED_OUTCOME) >= 0.8 * len(documented)


# Values the sandbox cannot hold the way Trino does are refused where they would change an answer,
# and types it must infer (a lambda's parameters) keep Trino's integer division.
BEYOND_THE_PAGES = [
    ("SELECT hour(from_unixtime_nanos(100))", HONEST_OUTCOME, None),
    ("SELECT from_iso8601_timestamp_nanos(s) FROM (VALUES '2020-05-11') t(s)", HONEST_OUTCOME, None),
    ("SELECT json_query('{\"a\": 1}', 'lax $.a')", HONEST_OUTCOME, None),
    ("SELECT transform(a, x -> x / 2) FROM (VALUES (ARRAY[5, 6])) t(a)", "[2, 3]", "array"),
    ("SELECT zip_with(ARRAY[7], ARRAY[2], (x, y) -> x / y)", "[3]", "array"),
    ("SELECT transform(ARRAY[5.0e0], x -> x / 2)", "[2.5]", "array"),
    ("SELECT interval '-14' month", "-1-2", "interval year to month"),
    ("SELECT TIME '12:00:00+09:00'", "12:00:00.000+09:00", "time with time zone"),
    ("SELECT 1_000 + 1", "1001", "integer"),
]


@pytest.mark.parametrize("sql, expected, trino_type", BEYOND_THE_PAGES)
def test_beyond_the_pages_answers_as_trino_or_refuses(sql, expected, trino_type, run_query, athena):
    found = outcome(run_query, athena, sql, expected, trino_type or "")
    assert found == (HONEST_OUTCOME if expected == HONEST_OUTCOME else DOCUMENTED_OUTCOME), f"{sql}: {found}"
