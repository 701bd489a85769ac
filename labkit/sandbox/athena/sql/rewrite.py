"""Trino's answers from DuckDB: the tree rewrites that make a DuckDB query answer as Trino would.

sqlglot translates the syntax; where DuckDB's function of the same name answers differently (NULL
rules, 1-based positions, time zones, result types), the node is rewritten here, often into a macro
of `MACROS` (installed in every engine). Where no faithful rewrite exists the query fails with
NOT_SUPPORTED rather than answer differently.

Time zones: Trino's `timestamp with time zone` carries its zone; DuckDB's TIMESTAMPTZ is an instant.
A value whose zone is known from the query text (AT TIME ZONE 'Asia/Seoul', from_unixtime(x, zone),
with_timezone, a literal with a zone) carries it in the node's meta (`ZONE`): functions that read
fields (hour, day, date_trunc, casts, formatting) read the local time in that zone, and the result
set renders the value in it ('2026-11-27 09:00:00.000 Asia/Seoul').
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, available_timezones

from sqlglot import exp

from .errors import QueryFailed

ZONE = "trino_zone"

# Trino functions DuckDB lacks (or answers differently): DuckDB macros, installed in every engine.
MACROS = {
    # Integer division and modulo by zero fail in Trino; DuckDB returns NULL. A failing cast (not
    # error(), which is volatile) so that TRY(...) can still catch it.
    "__trino_intdiv": "(a, b) AS CASE WHEN b = 0 THEN CAST('Division by zero' AS INTEGER) ELSE a // b END",
    "__trino_mod": "(a, b) AS CASE WHEN b = 0 THEN CAST('Division by zero' AS INTEGER) ELSE a % b END",
    "to_iso8601": "(x) AS CASE typeof(x) WHEN 'DATE' THEN strftime(x::DATE, '%Y-%m-%d') "
    "WHEN 'TIMESTAMP WITH TIME ZONE' THEN strftime(x::TIMESTAMPTZ, '%Y-%m-%dT%H:%M:%S.%g') || 'Z' "
    "ELSE strftime(x::TIMESTAMP, '%Y-%m-%dT%H:%M:%S.%g') END",
    # to_iso8601 of a value in a known zone: its local time and the zone's offset then.
    "__trino_iso8601_zoned": "(local, instant) AS strftime(local, '%Y-%m-%dT%H:%M:%S.%g') || "
    "__trino_offset(local, instant)",
    "__trino_offset": "(local, instant) AS CASE WHEN epoch(local) = epoch(instant) THEN 'Z' ELSE "
    "(CASE WHEN epoch(local) < epoch(instant) THEN '-' ELSE '+' END) || "
    "lpad(CAST(abs(CAST(epoch(local) - epoch(instant) AS BIGINT)) // 3600 AS VARCHAR), 2, '0') || ':' || "
    "lpad(CAST(abs(CAST(epoch(local) - epoch(instant) AS BIGINT)) % 3600 // 60 AS VARCHAR), 2, '0') END",
    "from_iso8601_date": "(s) AS CASE WHEN regexp_full_match(s, '\\d{4}-W\\d{2}(-\\d)?') THEN "
    "CAST(make_date(CAST(s[1:4] AS INTEGER), 1, 4) + to_days(CAST((CAST(s[7:8] AS INTEGER) - 1) * 7 "
    "+ coalesce(CAST(nullif(s[10:10], '') AS INTEGER), 1) "
    "- isodow(make_date(CAST(s[1:4] AS INTEGER), 1, 4)) AS INTEGER)) AS DATE) "
    "WHEN regexp_full_match(s, '\\d{4}-\\d{3}') THEN "
    "CAST(make_date(CAST(s[1:4] AS INTEGER), 1, 1) + to_days(CAST(s[6:8] AS INTEGER) - 1) AS DATE) "
    "ELSE CAST(s AS DATE) END",
    "to_milliseconds": "(i) AS CAST(round(epoch(i) * 1000) AS BIGINT)",
    "yow": "(d) AS isoyear(d)",
    "is_finite": "(x) AS isfinite(x)",
    "is_infinite": "(x) AS isinf(x)",
    "codepoint": "(s) AS unicode(s)",
    "hamming_distance": "(a, b) AS hamming(a, b)",
    "human_readable_seconds": "(s) AS CASE WHEN round(s) = 0 THEN '0 seconds' ELSE array_to_string(list_filter(["
    "__trino_unit(CAST(round(s) AS BIGINT) // 604800, 'week'), "
    "__trino_unit(CAST(round(s) AS BIGINT) % 604800 // 86400, 'day'), "
    "__trino_unit(CAST(round(s) AS BIGINT) % 86400 // 3600, 'hour'), "
    "__trino_unit(CAST(round(s) AS BIGINT) % 3600 // 60, 'minute'), "
    "__trino_unit(CAST(round(s) AS BIGINT) % 60, 'second')], lambda u: u IS NOT NULL), ', ') END",
    "__trino_unit": "(n, name) AS CASE WHEN n = 0 THEN NULL WHEN n = 1 THEN '1 ' || name "
    "ELSE CAST(n AS VARCHAR) || ' ' || name || 's' END",
    # URL parts (RFC 2396 syntax): NULL when the part is absent, as Trino answers.
    "url_extract_protocol": "(u) AS __trino_regexp_extract(u, '^([a-zA-Z][a-zA-Z0-9+.-]*):', 1)",
    "url_extract_host": "(u) AS __trino_regexp_extract(u, '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/:?#]+)', 1)",
    "url_extract_port": "(u) AS CAST(__trino_regexp_extract(u, '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*:(\\d+)', 1) "
    "AS BIGINT)",
    "url_extract_path": "(u) AS __trino_regexp_extract(u, '^(?:[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*)?([^?#]*)', 1)",
    "url_extract_query": "(u) AS __trino_regexp_extract(u, '\\?([^#]*)', 1)",
    "url_extract_fragment": "(u) AS __trino_regexp_extract(u, '#(.*)$', 1)",
    "url_extract_parameter": "(u, n) AS __trino_regexp_extract(u, '[?&]' || regexp_escape(n) || '=([^&#]*)', 1)",
    "infinity": "() AS CAST('Infinity' AS DOUBLE)",
    "nan": "() AS CAST('NaN' AS DOUBLE)",
    "__trino_width_bucket": "(x, b1, b2, n) AS CAST(CASE WHEN b1 < b2 THEN (CASE WHEN x < b1 THEN 0 WHEN x >= b2 "
    "THEN n + 1 ELSE floor((x - b1) / (b2 - b1) * n) + 1 END) ELSE (CASE WHEN x > b1 THEN 0 "
    "WHEN x <= b2 THEN n + 1 ELSE floor((b1 - x) / (b1 - b2) * n) + 1 END) END AS BIGINT)",
    "is_json_scalar": "(j) AS json_type(CAST(j AS JSON)) NOT IN ('OBJECT', 'ARRAY')",
    "json_size": "(j, p) AS CASE json_type(CAST(j AS JSON), p) WHEN 'ARRAY' THEN json_array_length(CAST(j AS JSON), p) "
    "WHEN 'OBJECT' THEN len(json_keys(CAST(j AS JSON), p)) WHEN NULL THEN NULL ELSE 0 END",
    "__trino_json_array_contains": "(j, v) AS CASE WHEN json_type(CAST(j AS JSON)) = 'ARRAY' THEN "
    "list_contains(CAST(json_extract(CAST(j AS JSON), '$[*]') AS VARCHAR[]), "
    "CAST(to_json(v) AS VARCHAR)) END",
    # regexp_position: the 1-based place of the n-th match at or after `start` (-1 when there is none).
    "__trino_regexp_starts": "(s, p) AS list_transform(range(1, len(regexp_extract_all(s, p)) + 1), lambda k: "
    "length(array_to_string(string_split_regex(s, p)[1:k], '')) + "
    "length(array_to_string(regexp_extract_all(s, p)[1:k - 1], '')) + 1)",
    "__trino_regexp_position": "(s, p, start, n) AS CAST(coalesce(list_filter(__trino_regexp_starts(s, p), "
    "lambda x: x >= start)[n], -1) AS INTEGER)",
    "luhn_check": "(s) AS list_sum(list_transform(range(1, length(s) + 1), lambda i: CASE WHEN i % 2 = 0 THEN "
    "CAST(reverse(s)[i] AS INTEGER) * 2 - CASE WHEN CAST(reverse(s)[i] AS INTEGER) * 2 > 9 THEN 9 "
    "ELSE 0 END ELSE CAST(reverse(s)[i] AS INTEGER) END)) % 10 = 0",
    "trim_array": "(a, n) AS list_slice(a, 1, len(a) - n)",
    "every": "(x) AS bool_and(x)",
    "map_agg": "(k, v) AS map(list(k), list(v))",
    # parse_duration('3.81 d'): an interval, rounded to milliseconds as Trino's is.
    "parse_duration": "(s) AS to_microseconds(CAST(round(CAST(regexp_extract(s, '^\\s*([0-9.]+)\\s*([a-z]+)\\s*$', 1) "
    "AS DOUBLE) * CASE regexp_extract(s, '^\\s*([0-9.]+)\\s*([a-z]+)\\s*$', 2) WHEN 'ns' THEN 0.001 "
    "WHEN 'us' THEN 1 WHEN 'ms' THEN 1000 WHEN 's' THEN 1000000 WHEN 'm' THEN 60000000 "
    "WHEN 'h' THEN 3600000000 WHEN 'd' THEN 86400000000 END / 1000) * 1000 AS BIGINT))",
    "parse_data_size": "(s) AS CAST(trunc(CAST(regexp_extract(s, '^\\s*([0-9.]+)\\s*([kMGTPEZY]?B)\\s*$', 1) "
    "AS DECIMAL(38, 10)) * CAST(pow(1024, list_position(['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', "
    "'ZB', 'YB'], regexp_extract(s, '^\\s*([0-9.]+)\\s*([kMGTPEZY]?B)\\s*$', 2)) - 1) "
    "AS DECIMAL(38, 0))) AS DECIMAL(38, 0))",
    # NULL where Trino answers NULL (DuckDB answers '').
    "__trino_split_part": "(s, d, n) AS CASE WHEN n > len(string_split(s, d)) THEN NULL ELSE split_part(s, d, n) END",
    "__trino_regexp_extract": "(s, p, g) AS CASE WHEN regexp_matches(s, p) THEN regexp_extract(s, p, g) END",
    # strpos(s, t, n): the n-th occurrence (overlapping, from the end when n < 0), 0 when there is none.
    "__trino_strpos": "(s, t, n) AS coalesce(list_filter(range(1, length(s) + 1), "
    "lambda i: substr(s, i, length(t)) = t)[n], 0)",
    # split(s, d, limit): at most `limit` parts, the last one keeping the rest of the string.
    "__trino_split": "(s, d, l) AS CASE WHEN len(string_split(s, d)) <= l THEN string_split(s, d) ELSE "
    "list_append(string_split(s, d)[1:l - 1], array_to_string(string_split(s, d)[l:], d)) END",
    # slice(a, start, length), start counting from the end when negative.
    "__trino_slice": "(a, s, n) AS CASE WHEN s > 0 THEN list_slice(a, s, s + n - 1) "
    "ELSE list_slice(a, len(a) + s + 1, len(a) + s + n) END",
    "__trino_typeof": "(t) AS CASE WHEN t LIKE '%[]' THEN 'array(' || __trino_type_name(t[1:-3]) || ')' "
    "ELSE __trino_type_name(t) END",
    "__trino_type_name": "(t) AS CASE WHEN t LIKE 'DECIMAL(%' THEN lower(t) ELSE CASE t "
    "WHEN 'VARCHAR' THEN 'varchar' WHEN 'INTEGER' THEN 'integer' WHEN 'BIGINT' THEN 'bigint' "
    "WHEN 'SMALLINT' THEN 'smallint' WHEN 'TINYINT' THEN 'tinyint' WHEN 'DOUBLE' THEN 'double' "
    "WHEN 'FLOAT' THEN 'real' WHEN 'BOOLEAN' THEN 'boolean' WHEN 'DATE' THEN 'date' "
    "WHEN 'TIMESTAMP' THEN 'timestamp(3)' WHEN 'TIMESTAMP WITH TIME ZONE' THEN "
    "'timestamp(3) with time zone' WHEN 'TIME' THEN 'time(3)' WHEN 'INTERVAL' THEN "
    "'interval day to second' WHEN 'JSON' THEN 'json' WHEN 'BLOB' THEN 'varbinary' "
    "WHEN '\"NULL\"' THEN 'unknown' ELSE lower(t) END END",
    # A double as text, as Java prints it (Trino's CAST(double AS varchar)): 2.5, 1.0E7, 1.0E-4, NaN.
    "__trino_double_text": "(x) AS CASE WHEN isnan(x) THEN 'NaN' WHEN isinf(x) THEN (CASE WHEN x > 0 THEN 'Infinity' "
    "ELSE '-Infinity' END) WHEN x = 0 THEN (CASE WHEN CAST(x AS VARCHAR) LIKE '-%' THEN '-0.0' "
    "ELSE '0.0' END) WHEN abs(x) >= 0.001 AND abs(x) < 10000000 THEN CAST(x AS VARCHAR) "
    "ELSE (CASE WHEN x < 0 THEN '-' ELSE '' END) || __trino_scientific(CAST(abs(x) AS VARCHAR)) END",
    "__trino_scientific": "(t) AS CASE WHEN t LIKE '%e%' THEN __trino_mantissa(split_part(t, 'e', 1)) || 'E' || "
    "CAST(CAST(split_part(t, 'e', 2) AS INTEGER) AS VARCHAR) "
    "WHEN split_part(t, '.', 1) <> '0' THEN __trino_mantissa_digits(rtrim(split_part(t, '.', 1) || "
    "split_part(t, '.', 2), '0')) || 'E' || CAST(length(split_part(t, '.', 1)) - 1 AS VARCHAR) "
    "ELSE __trino_mantissa_digits(rtrim(ltrim(split_part(t, '.', 2), '0'), '0')) || 'E-' || "
    "CAST(length(split_part(t, '.', 2)) - length(ltrim(split_part(t, '.', 2), '0')) + 1 AS VARCHAR) END",
    "__trino_mantissa": "(m) AS CASE WHEN m LIKE '%.%' THEN m ELSE m || '.0' END",
    "__trino_mantissa_digits": "(d) AS d[1] || '.' || coalesce(nullif(d[2:], ''), '0')",
    "__trino_cbrt": "(x) AS CASE WHEN x = 0 OR isnan(x) OR isinf(x) THEN CAST(x AS DOUBLE) ELSE "
    "__trino_newton_cbrt(CAST(x AS DOUBLE), sign(x) * pow(abs(x), 1.0 / 3)) END",
    "__trino_newton_cbrt": "(x, r) AS r - (r * r * r - x) / (3 * r * r)",
    "__trino_iso8601_utc": "(s) AS CASE WHEN regexp_matches(s, 'T.*[+-]\\d{2}:?\\d{2}$') AND NOT "
    "regexp_matches(s, 'T.*[+-]00:?00$') THEN CAST(CAST('NOT_SUPPORTED: from_iso8601_timestamp "
    "of a value with a non-UTC offset (' || s || ') in a column is not supported by the labkit "
    "sandbox' AS INTEGER) AS TIMESTAMPTZ) ELSE CAST(s AS TIMESTAMPTZ) END",
    "__trino_offset_seconds": "(local, instant) AS CAST(epoch(local) - epoch(instant) AS BIGINT)",
    # IPADDRESS values are text here: IPv4 dotted, IPv6 as written. contains(network, address) for IPv4.
    "__trino_is_ipv4": "(s) AS regexp_full_match(s, '(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}')",
    "__trino_ipaddress": "(s) AS CASE WHEN s IS NULL THEN NULL WHEN __trino_is_ipv4(s) OR s LIKE '%:%' THEN s "
    "ELSE CAST(CAST('Cannot cast value to IPADDRESS: ' || s AS INTEGER) AS VARCHAR) END",
    "__trino_ipv4_in": "(s, net, bits) AS CASE WHEN s IS NULL THEN NULL WHEN NOT __trino_is_ipv4(s) THEN false ELSE "
    "(CAST(split_part(s, '.', 1) AS BIGINT) * 16777216 + CAST(split_part(s, '.', 2) AS BIGINT) * 65536 "
    "+ CAST(split_part(s, '.', 3) AS BIGINT) * 256 + CAST(split_part(s, '.', 4) AS BIGINT)) "
    "// CAST(pow(2, 32 - bits) AS BIGINT) = net // CAST(pow(2, 32 - bits) AS BIGINT) END",
    # A failure a macro reports by name: 'INVALID_FUNCTION_ARGUMENT: ...' (translate_duckdb_error reads it).
    # --- strings ---
    # American Soundex as Trino computes it (commons-codec): the first letter, then the codes of the
    # others, H and W skipped, vowels separating equal codes, three digits padded with zeros.
    "soundex": "(s) AS __trino_soundex(upper(regexp_replace(s, '[^A-Za-z]', '', 'g')))",
    "__trino_soundex": "(s) AS CASE WHEN s = '' THEN '' ELSE s[1] || rpad(array_to_string(list_filter("
    "__trino_soundex_codes(s), lambda c, j: j > 1 AND c <> '0' AND c <> "
    "__trino_soundex_codes(s)[j - 1])[1:3], ''), 3, '0') END",
    "__trino_soundex_codes": "(s) AS list_transform(string_split(s[1] || regexp_replace(s[2:], '[HW]', '', 'g'), ''), "
    "lambda c: substr('01230120022455012623010202', ascii(c) - 64, 1))",
    "title_case": "(s) AS array_to_string(list_transform(range(1, length(s) + 1), lambda i: CASE WHEN i = 1 OR NOT "
    "regexp_matches(s[i - 1], '[\\pL\\pN]') THEN upper(s[i]) ELSE lower(s[i]) END), '')",
    # --- numbers ---
    # format_number: three significant digits and a unit (K, M, B, T, Q), Java's HALF_UP rounding.
    "format_number": "(x) AS __trino_format_number(CAST(trunc(x) AS BIGINT), CASE "
    "WHEN abs(trunc(x)) >= 1000000000000000 THEN 5 WHEN abs(trunc(x)) >= 1000000000000 THEN 4 "
    "WHEN abs(trunc(x)) >= 1000000000 THEN 3 WHEN abs(trunc(x)) >= 1000000 THEN 2 "
    "WHEN abs(trunc(x)) >= 1000 THEN 1 ELSE 0 END)",
    "__trino_format_number": "(n, k) AS __trino_significant(n / pow(1000, k)) || ['', 'K', 'M', 'B', 'T', 'Q'][k + 1]",
    "__trino_significant": "(f) AS __trino_strip_zeros(CAST(CAST(round(f, CASE WHEN f < 10 THEN 2 WHEN f < 100 THEN 1 "
    "ELSE 0 END) AS DECIMAL(38, 2)) AS VARCHAR))",
    "__trino_strip_zeros": "(t) AS CASE WHEN t LIKE '%.%' THEN rtrim(rtrim(t, '0'), '.') ELSE t END",
    "from_base": "(s, r) AS CASE WHEN s LIKE '-%' THEN -__trino_from_base(lower(s[2:]), r) "
    "ELSE __trino_from_base(lower(s), r) END",
    "__trino_from_base": "(s, r) AS CASE WHEN s = '' OR NOT regexp_full_match(s, '[0-9a-z]+') OR list_max("
    "__trino_digits(s)) >= r THEN CAST(CAST('INVALID_FUNCTION_ARGUMENT: Not a valid base-' || "
    "r || ' number: ' || s AS INTEGER) AS BIGINT) ELSE list_reduce(__trino_digits(s), "
    "lambda acc, d: acc * r + d, CAST(0 AS BIGINT)) END",
    "__trino_digits": "(s) AS list_transform(string_split(s, ''), lambda c: "
    "CAST(strpos('0123456789abcdefghijklmnopqrstuvwxyz', c) - 1 AS BIGINT))",
    "__trino_to_base": "(x, r) AS CASE WHEN x < 0 THEN '-' || lower(to_base(-x, r)) ELSE lower(to_base(x, r)) END",
    # cosine similarity of two sparse vectors (maps): the keys they share.
    "__trino_map_cosine_similarity": "(a, b) AS list_sum(list_transform(map_keys(a), lambda k: coalesce("
    "CAST(a[k] AS DOUBLE) * CAST(b[k] AS DOUBLE), 0))) / (__trino_map_norm(a) * "
    "__trino_map_norm(b))",
    "__trino_map_norm": "(m) AS sqrt(list_sum(list_transform(map_values(m), lambda v: CAST(v AS DOUBLE) * "
    "CAST(v AS DOUBLE))))",
    # --- arrays and maps ---
    # The distinct non-null values of a list in the order they first appear (list_distinct keeps none).
    "__trino_first_seen": "(a) AS list_filter(a, lambda x, i: x IS NOT NULL AND list_position(a, x) = i)",
    "array_histogram": "(a) AS map(__trino_first_seen(a), list_transform(__trino_first_seen(a), "
    "lambda k: CAST(len(list_filter(a, lambda x: x = k)) AS BIGINT)))",
    "ngrams": "(a, n) AS CASE WHEN len(a) <= n THEN [a] ELSE list_transform(range(1, len(a) - n + 2), "
    "lambda i: list_slice(a, i, i + n - 1)) END",
    "multimap_from_entries": "(a) AS map(__trino_first_seen(list_transform(a, lambda e: struct_extract_at(e, 1))), "
    "list_transform(__trino_first_seen(list_transform(a, lambda e: struct_extract_at(e, 1))), "
    "lambda k: list_transform(list_filter(a, lambda e: struct_extract_at(e, 1) = k), "
    "lambda e: struct_extract_at(e, 2))))",
    # map_union's entries, the first of each key kept (Trino keeps an arbitrary one), in key order.
    "__trino_map_union": "(entries) AS map_from_entries(list_sort(list_filter(entries, lambda e, i: list_position("
    "list_transform(entries, lambda f: f.key), e.key) = i)))",
    "__trino_map_entries": "(m) AS list_transform(map_entries(m), lambda e: (e.key, e.value))",
    # json_array_get: the element, a string one without its quotes (the broken form Trino keeps).
    "json_array_get": "(j, i) AS __trino_json_unquoted(json_extract(CAST(j AS JSON), CASE WHEN i >= 0 THEN "
    "'$[' || i || ']' ELSE '$[#' || i || ']' END))",
    "__trino_json_unquoted": "(e) AS CASE WHEN json_type(e) = 'VARCHAR' THEN json_extract_string(e, '$') "
    "ELSE CAST(e AS VARCHAR) END",
    "__trino_json_text": "(j) AS CASE WHEN json_type(j) IN ('OBJECT', 'ARRAY') THEN CAST(CAST("
    "'Cannot cast JSON ' || lower(json_type(j)) || ' to varchar' AS INTEGER) AS VARCHAR) "
    "ELSE json_extract_string(j, '$') END",
    # --- dates and times ---
    # An interval of years and months as Trino prints it: '3-5', '-1-2'.
    "__trino_year_month": "(i) AS __trino_months_text(datepart('year', i) * 12 + datepart('month', i))",
    "__trino_months_text": "(m) AS CASE WHEN m < 0 THEN '-' ELSE '' END || CAST(abs(m) // 12 AS VARCHAR) || '-' || "
    "CAST(abs(m) % 12 AS VARCHAR)",
    # A time with time zone's offset, as timezone() names it.
    "__trino_timetz_zone": "(t) AS CASE WHEN datepart('timezone', t) < 0 THEN '-' ELSE '+' END || "
    "lpad(CAST(abs(datepart('timezone_hour', t)) AS VARCHAR), 2, '0') || ':' || "
    "lpad(CAST(abs(datepart('timezone_minute', t)) AS VARCHAR), 2, '0')",
    # Nanoseconds since the epoch as Trino shows a timestamp(9) with time zone in UTC.
    "__trino_nanos_text": "(n) AS __trino_nanos_split(n, ((n % 1000000000) + 1000000000) % 1000000000)",
    "__trino_nanos_split": "(n, r) AS strftime(to_timestamp(CAST((n - r) // 1000000000 AS BIGINT)), "
    "'%Y-%m-%d %H:%M:%S') || '.' || lpad(CAST(r AS VARCHAR), 9, '0') || ' UTC'",
}

# Functions that read a timestamp's fields: given a value in a known zone, they read its local time.
_LOCAL_TIME_READERS = (
    exp.Hour,
    exp.Minute,
    exp.Second,
    exp.Day,
    exp.Month,
    exp.Year,
    exp.Quarter,
    exp.Week,
    exp.WeekOfYear,
    exp.DayOfWeek,
    exp.DayOfWeekIso,
    exp.DayOfMonth,
    exp.DayOfYear,
    exp.Extract,
    exp.TimeToStr,
    exp.LastDay,
    exp.YearOfWeek,
    exp.YearOfWeekIso,
)
_LOCAL_TIME_FUNCTIONS = {"millisecond", "format_datetime", "yow", "last_day_of_month", "date"}
_DATE_UNITS = {"DAY", "WEEK", "MONTH", "QUARTER", "YEAR"}
_ZONES = {name.lower(): name for name in available_timezones()} | {"utc": "UTC", "z": "UTC"}
_OFFSET = re.compile(r"^([+-])(\d{1,2}):?(\d{2})$")


def not_supported(what: str) -> QueryFailed:
    return QueryFailed("NOT_SUPPORTED", f"line 1:1: {what} is not supported by the labkit sandbox")


def rewrite(tree: exp.Expression) -> exp.Expression:
    """The tree (changed in place, children before parents) with Trino's answers in DuckDB terms."""
    mark_column_zones(tree)
    for node in reversed(list(tree.dfs())):
        new = _rewrite_node(node)
        if new is not node:
            if node is tree:
                tree = new
            else:
                node.replace(new)
    return tree


def zone_of(node: exp.Expression | None) -> str | None:
    """The zone of a `timestamp with time zone` whose zone the query names, else None (UTC)."""
    if node is None:
        return None
    zone = (node.meta or {}).get(ZONE) if node._meta is not None else None
    if zone is None and isinstance(node, (exp.Alias, exp.Paren)):
        return zone_of(node.this)
    return zone


# Functions whose answer is one of their first argument's values: it keeps that value's zone.
_KEEP_ZONE = (
    exp.Min,
    exp.Max,
    exp.AnyValue,
    exp.ArgMax,
    exp.ArgMin,
    exp.Coalesce,
    exp.FirstValue,
    exp.LastValue,
    exp.Lag,
    exp.Lead,
    exp.NthValue,
    exp.Window,
    exp.Nullif,
)


def static_zone(node: exp.Expression | None) -> str | None:
    """The zone of an expression not yet rewritten, read from the query text (None: UTC or not a
    timestamp with time zone). Mirrors the rules of _rewrite_time for the values that carry a zone."""
    if node is None:
        return None
    if node._meta is not None and node.meta.get(ZONE):
        return node.meta[ZONE]
    if isinstance(node, (exp.Alias, exp.Paren)):
        return static_zone(node.this)
    if isinstance(node, exp.AtTimeZone) and isinstance(node.args.get("zone"), exp.Literal):
        return canonical_zone(node.args["zone"].this)
    if isinstance(node, exp.UnixToTime):
        if isinstance(node.args.get("zone"), exp.Literal):
            return canonical_zone(node.args["zone"].this)
        hours, minutes = _int(node.args.get("hours"), 0), _int(node.args.get("minutes"), 0)
        if node.args.get("hours") is not None and hours is not None and minutes is not None:
            sign = "-" if hours < 0 or minutes < 0 else "+"
            return canonical_zone(f"{sign}{abs(hours):02d}:{abs(minutes):02d}")
        return None
    if (
        isinstance(node, exp.Anonymous)
        and node.name.lower() in ("with_timezone", "at_timezone")
        and len(node.expressions) == 2
        and isinstance(node.expressions[1], exp.Literal)
    ):
        return canonical_zone(node.expressions[1].this)
    if isinstance(node, (exp.TimestampTrunc, exp.DateTrunc, exp.DateAdd) + _KEEP_ZONE):
        return static_zone(node.this)
    return None


def mark_column_zones(tree: exp.Expression) -> None:
    """Give each column that reads a zoned value of a subquery or CTE that value's zone (inner
    queries first), so that hour(kst) outside `(SELECT from_unixtime(x, 'Asia/Seoul') AS kst ...)`
    reads Seoul's hour and the result shows Seoul's time."""
    for column in reversed(list(tree.find_all(exp.Column))):
        source = _column_source(column)
        zone = static_zone(source) if source is not None else None
        if zone is not None:
            column.meta[ZONE] = zone


def _column_source(column: exp.Column) -> exp.Expression | None:
    """The select-list expression of a subquery or CTE that a column reads, if it reads one."""
    select = column.find_ancestor(exp.Select)
    if select is None:
        return None
    sources = []
    for clause in [select.args.get("from_") or select.args.get("from"), *(select.args.get("joins") or [])]:
        if clause is None:
            continue
        relation = clause.this
        if isinstance(relation, exp.Subquery):
            sources.append((relation.alias_or_name, relation.this))
        elif isinstance(relation, exp.Table) and not relation.db:
            cte = _cte(select, relation.name)
            if cte is not None:
                sources.append((relation.alias_or_name, cte.this))
    for alias, query in sources:
        if column.table and column.table.lower() != alias.lower():
            continue
        query = first_select(query)
        if not isinstance(query, exp.Select):
            continue
        for expression in query.expressions:
            if expression.alias_or_name.lower() == column.name.lower():
                return expression
    return None


def _cte(node: exp.Expression, name: str) -> exp.CTE | None:
    while node is not None:
        with_ = node.args.get("with_") or node.args.get("with") if isinstance(node, exp.Expression) else None
        if isinstance(with_, exp.With):
            for cte in with_.expressions:
                if cte.alias_or_name.lower() == name.lower():
                    return cte
        node = node.parent
    return None


def canonical_zone(text: str) -> str:
    """A zone as Trino names it: 'asia/seoul' -> 'Asia/Seoul', '+9:00' -> '+09:00', 'Z' -> 'UTC'."""
    offset = _OFFSET.match(text.strip())
    if offset:
        sign, hours, minutes = offset.groups()
        return "UTC" if int(hours) == int(minutes) == 0 else f"{sign}{int(hours):02d}:{minutes}"
    name = _ZONES.get(text.strip().lower())
    if name is None:
        raise QueryFailed("INVALID_FUNCTION_ARGUMENT", f"line 1:1: Time zone not supported: {text}")
    return name


def duckdb_zone(zone: str) -> str:
    """The zone as DuckDB's ICU names it (offsets as GMT+hh:mm)."""
    return f"GMT{zone}" if zone[0] in "+-" else zone


def tzinfo(zone: str):
    """A Python tzinfo for a Trino zone name (for rendering)."""
    import datetime as dt

    offset = _OFFSET.match(zone)
    if offset:
        sign, hours, minutes = offset.groups()
        delta = dt.timedelta(hours=int(hours), minutes=int(minutes))
        return dt.timezone(-delta if sign == "-" else delta)
    return ZoneInfo(zone)


TYPE = "trino_type"  # meta key: the Trino type of a value DuckDB holds as another (ipaddress as text)


def _typed(node: exp.Expression, trino_type: str) -> exp.Expression:
    node.meta[TYPE] = trino_type
    return node


def type_of(node: exp.Expression | None) -> str | None:
    """The Trino type a rewritten value stands for, where DuckDB's would be reported otherwise."""
    if node is None:
        return None
    if node._meta is not None and node.meta.get(TYPE):
        return node.meta[TYPE]
    return type_of(node.this) if isinstance(node, (exp.Alias, exp.Paren)) else None


def _zoned(node: exp.Expression, zone: str | None) -> exp.Expression:
    if zone is not None:
        node.meta[ZONE] = zone
    return node


def _literal_zone(node: exp.Expression | None, what: str) -> str:
    if not isinstance(node, exp.Literal) or not node.is_string:
        raise not_supported(f"{what} with a time zone that is not a literal")
    return canonical_zone(node.this)


def _instant(node: exp.Expression) -> exp.Expression:
    """The value as a DuckDB instant (a timestamp without zone is read in the session zone, UTC)."""
    if zone_of(node) is not None or node.is_type(exp.DType.TIMESTAMPTZ):
        return node
    return exp.cast(node, exp.DType.TIMESTAMPTZ)


def _local(node: exp.Expression) -> exp.Expression:
    """A zoned value's local time (DuckDB TIMESTAMP) in its zone; any other value as it is."""
    zone = zone_of(node)
    if zone is None or zone == "UTC":
        return node
    return exp.Anonymous(this="timezone", expressions=[exp.Literal.string(duckdb_zone(zone)), node])


def _from_local(local: exp.Expression, zone: str) -> exp.Expression:
    """The instant of a local time in `zone`, carrying the zone."""
    if zone == "UTC":
        return _zoned(exp.cast(local, exp.DType.TIMESTAMPTZ), zone)
    return _zoned(exp.Anonymous(this="timezone", expressions=[exp.Literal.string(duckdb_zone(zone)), local]), zone)


def _call(name: str, *args: exp.Expression) -> exp.Anonymous:
    return exp.Anonymous(this=name, expressions=list(args))


def _int(node: exp.Expression | None, default: int) -> int | None:
    if node is None:
        return default
    if isinstance(node, exp.Literal) and node.is_int:
        return int(node.this)
    if isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal) and node.this.is_int:
        return -int(node.this.this)
    return None


def decimal_type(text: str) -> exp.DataType | None:
    """DECIMAL 'x': precision = its digits, scale = its fraction's digits (Trino's rule)."""
    match = re.fullmatch(r"\s*[+-]?(\d*)(?:\.(\d*))?\s*", text)
    if not match or not (match.group(1) or match.group(2)):
        return None
    whole, fraction = match.group(1) or "", match.group(2) or ""
    precision = max(1, len(whole) + len(fraction))
    if precision > 38:
        return None
    return exp.DataType.build(f"DECIMAL({precision}, {len(fraction)})")


def java_replacement(text: str) -> str:
    """A Java regex replacement ($1, \\$) as RE2 writes it (\\1, $)."""
    out, i = [], 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\\\\" if nxt == "\\" else nxt)
            i += 2
            continue
        if char == "$":
            group = re.match(r"\$(\d)", text[i:])
            if group:
                out.append("\\" + group.group(1))
                i += 2
                continue
            raise not_supported("A named group (${name}) in a regexp_replace replacement")
        out.append(char)
        i += 1
    return "".join(out)


# Java's date/time conversions (%tA, %1$tY, ...) as strftime writes them.
_JAVA_TIME = {
    "A": "%A",
    "a": "%a",
    "B": "%B",
    "b": "%b",
    "h": "%b",
    "Y": "%Y",
    "y": "%y",
    "j": "%j",
    "m": "%m",
    "d": "%d",
    "e": "%-d",
    "H": "%H",
    "I": "%I",
    "k": "%-H",
    "l": "%-I",
    "M": "%M",
    "S": "%S",
    "L": "%g",
    "p": "%p",
    "z": "%z",
    "R": "%H:%M",
    "T": "%H:%M:%S",
    "r": "%I:%M:%S %p",
    "D": "%m/%d/%y",
    "F": "%Y-%m-%d",
}
_JAVA_SPEC = re.compile(r"%(\d+\$|<)?([-#+ 0,(]*)(\d*)(\.\d+)?([tT]?)([a-zA-Z%])")


def _format_call(node: exp.Format) -> exp.Expression:
    """Trino's format() is Java's: %s takes any value (DuckDB's printf wants a string there) and %t
    formats a date or time; every conversion is given its argument's place explicitly (%2$s)."""
    pattern = node.this
    args = list(node.expressions)
    if not isinstance(pattern, exp.Literal):
        return _call("printf", pattern, *args)
    out, last, position, previous = [], 0, 0, 0
    for match in _JAVA_SPEC.finditer(pattern.this):
        index, flags, width, precision, time, conversion = match.groups()
        out.append(pattern.this[last : match.start()])
        last = match.end()
        if conversion in "%n":
            out.append(match.group())
            continue
        slot = previous if index == "<" else int(index[:-1]) - 1 if index else position
        position = position + 1 if not index else position
        previous = slot
        if not 0 <= slot < len(args):
            raise QueryFailed(
                "INVALID_FUNCTION_ARGUMENT", f"line 1:1: Format specifier '{match.group()}' has no argument"
            )
        if time:
            strftime = _JAVA_TIME.get(conversion)
            if strftime is None:
                raise not_supported(f"The format() conversion %t{conversion}")
            text = _call("strftime", _local(args[slot]), exp.Literal.string(strftime))
            text = _call("lower", text) if conversion == "p" else text
            args.append(_call("upper", text) if time == "T" else text)
            out.append(f"%{len(args)}${flags}{width}{precision or ''}s")
            continue
        if conversion in "sS":
            args[slot] = exp.cast(args[slot], exp.DType.VARCHAR)
        out.append(f"%{slot + 1}${flags}{width}{precision or ''}{conversion}")
    out.append(pattern.this[last:])
    return _call("printf", exp.Literal.string("".join(out)), *args)


def _comparator_sort(array: exp.Expression, comparator: exp.Lambda) -> exp.Expression:
    """array_sort(a, (x, y) -> cmp): each element's place is how many other elements compare below it
    (ties keep their order, as Java's stable sort does; an element is never compared with itself, so a
    comparator that calls two NULLs unequal still puts them together)."""
    params = [p.name for p in comparator.expressions]
    if len(params) != 2:
        raise not_supported("array_sort with this comparator")
    i, j = exp.to_identifier("__i"), exp.to_identifier("__j")
    element_i = exp.Bracket(this=array.copy(), expressions=[exp.column(i)], offset=1)
    element_j = exp.Bracket(this=array.copy(), expressions=[exp.column(j)], offset=1)

    def substitute(node):
        if isinstance(node, (exp.Column, exp.Identifier)) and not node.args.get("table") and node.name in params:
            return element_j.copy() if node.name == params[0] else element_i.copy()
        return node

    below = exp.and_(
        exp.NEQ(this=exp.column(j), expression=exp.column(i)),
        exp.LT(this=exp.Paren(this=comparator.this.copy().transform(substitute)), expression=exp.Literal.number(0)),
    )
    indices = _call(
        "range", exp.Literal.number(1), exp.Add(this=_call("len", array.copy()), expression=exp.Literal.number(1))
    )
    count = _call("len", exp.ArrayFilter(this=indices.copy(), expression=exp.Lambda(this=below, expressions=[j])))
    keys = exp.Transform(
        this=indices, expression=exp.Lambda(this=exp.Array(expressions=[count, exp.column(i)]), expressions=[i])
    )
    p = exp.to_identifier("__p")
    return exp.Transform(
        this=_call("list_sort", keys),
        expression=exp.Lambda(
            this=exp.Bracket(
                this=array.copy(),
                expressions=[exp.Bracket(this=exp.column(p), expressions=[exp.Literal.number(2)], offset=1)],
                offset=1,
            ),
            expressions=[p],
        ),
    )


def _apply(function: exp.Lambda, *args: exp.Expression) -> exp.Expression:
    """The lambda's body with its parameters replaced by `args` (`s.sum` of a row parameter too)."""
    mapping = {p.name: a for p, a in zip(function.expressions, args)}

    def substitute(node):
        if isinstance(node, exp.Column) and node.table in mapping and not node.args.get("db"):
            return _call("struct_extract", mapping[node.table].copy(), exp.Literal.string(node.name))
        if isinstance(node, exp.Dot) and isinstance(node.this, exp.Identifier) and node.this.name in mapping:
            return _call("struct_extract", mapping[node.this.name].copy(), exp.Literal.string(node.name))
        if isinstance(node, (exp.Column, exp.Identifier)) and not node.args.get("table") and node.name in mapping:
            return mapping[node.name].copy()
        return node

    return function.this.copy().transform(substitute)


def _lambda_call(name: str, args: list[exp.Expression]) -> exp.Expression | None:
    """any_match / all_match / none_match (Trino's three-valued answers) and zip_with."""
    if name in ("any_match", "all_match", "none_match") and len(args) == 2 and isinstance(args[1], exp.Lambda):
        array, function = args
        x = exp.to_identifier("__x")

        def count(condition: exp.Expression) -> exp.Expression:
            return exp.GT(
                this=_call(
                    "len", exp.ArrayFilter(this=array.copy(), expression=exp.Lambda(this=condition, expressions=[x]))
                ),
                expression=exp.Literal.number(0),
            )

        body = _apply(function, exp.column(x))
        decided = count(exp.Not(this=exp.Paren(this=body.copy())) if name == "all_match" else body.copy())
        unknown = count(exp.Is(this=exp.Paren(this=body.copy()), expression=exp.Null()))
        answer = {"any_match": True, "all_match": False, "none_match": False}[name]
        return exp.Case(
            ifs=[exp.If(this=decided, true=exp.Boolean(this=answer)), exp.If(this=unknown, true=exp.Null())],
            default=exp.Boolean(this=not answer),
        )
    if (
        name in ("map_filter", "transform_values", "transform_keys")
        and len(args) == 2
        and isinstance(args[1], exp.Lambda)
        and len(args[1].expressions) == 2
    ):
        e = exp.to_identifier("__e")
        key, value = (exp.Dot(this=exp.column(e), expression=exp.to_identifier(f)) for f in ("key", "value"))
        body = _apply(args[1], key, value)
        entries = _call("map_entries", args[0])
        if name == "map_filter":
            kept = exp.ArrayFilter(this=entries, expression=exp.Lambda(this=body, expressions=[e]))
        else:
            pair = exp.Struct(
                expressions=[
                    exp.PropertyEQ(
                        this=exp.to_identifier("key"), expression=body if name == "transform_keys" else key.copy()
                    ),
                    exp.PropertyEQ(
                        this=exp.to_identifier("value"), expression=body if name == "transform_values" else value.copy()
                    ),
                ]
            )
            kept = exp.Transform(this=entries, expression=exp.Lambda(this=pair, expressions=[e]))
        return _call("map_from_entries", kept)
    if name == "zip_with" and len(args) == 3 and isinstance(args[2], exp.Lambda):
        z = exp.to_identifier("__z")
        body = _apply(
            args[2],
            _call("struct_extract_at", exp.column(z), exp.Literal.number(1)),
            _call("struct_extract_at", exp.column(z), exp.Literal.number(2)),
        )
        return exp.Transform(
            this=_call("list_zip", args[0], args[1]), expression=exp.Lambda(this=body, expressions=[z])
        )
    return None


def _doubles(node: exp.Expression) -> exp.Expression:
    return exp.cast(node, "DOUBLE[]")


def _is_map(node: exp.Expression) -> bool:
    return (
        isinstance(node, (exp.Map, exp.VarMap))
        or node.is_type(exp.DType.MAP)
        or (isinstance(node, exp.Anonymous) and node.name.lower() == "map")
    )


def _vector_call(node: exp.Expression) -> exp.Expression | None:
    """cosine_similarity / cosine_distance of two arrays (dense) or maps (sparse), dot_product: doubles,
    as Trino answers them (DuckDB's list functions want DOUBLE lists). sqlglot translates
    euclidean_distance itself."""
    name = node.name.lower() if isinstance(node, exp.Anonymous) else None
    if isinstance(node, exp.CosineDistance) or name == "cosine_similarity":
        left, right = (node.this, node.expression) if name is None else node.expressions[:2]
        if _is_map(left) or _is_map(right):
            similarity = _call("__trino_map_cosine_similarity", left, right)
        else:
            similarity = _call("list_cosine_similarity", _doubles(left), _doubles(right))
        if name == "cosine_similarity":
            return similarity
        return exp.Sub(this=exp.Literal.number(1), expression=exp.Paren(this=similarity))
    if isinstance(node, exp.DotProduct):
        return _call("list_inner_product", _doubles(node.this), _doubles(node.expression))
    return None


def _combinations(array: exp.Expression, size: exp.Expression) -> exp.Expression:
    """combinations(a, n), n a literal up to 5: the n-element index sets in ascending order, as Trino lists them."""
    n = _int(size, -1)
    if n is None or not 0 <= n <= 5:
        raise not_supported("combinations() with a group size that is not a literal from 0 to 5")
    if n == 0:
        return exp.Array(expressions=[exp.Array(expressions=[])])
    names = [exp.to_identifier(f"__c{k}") for k in range(n)]
    length = _call("len", array.copy())
    body: exp.Expression = exp.Array(
        expressions=[exp.Bracket(this=array.copy(), expressions=[exp.column(v)], offset=1) for v in names]
    )
    body = exp.Array(expressions=[body])
    for k in reversed(range(n)):
        start = (
            exp.Literal.number(1)
            if k == 0
            else exp.Add(this=exp.column(names[k - 1]), expression=exp.Literal.number(1))
        )
        indices = _call("range", start, exp.Add(this=length.copy(), expression=exp.Literal.number(1)))
        body = _call("flatten", exp.Transform(this=indices, expression=exp.Lambda(this=body, expressions=[names[k]])))
    return body


def _regexp_replace_lambda(text: exp.Expression, pattern: exp.Expression, function: exp.Lambda) -> exp.Expression:
    """regexp_replace(s, p, x -> ...): the text between matches (string_split_regex) joined with the
    lambda's answer for each match, given its capturing groups as an array."""
    if not isinstance(pattern, exp.Literal) or not pattern.is_string or len(function.expressions) != 1:
        raise not_supported("regexp_replace with a lambda and a pattern that is not a literal")
    groups = _capturing_groups(pattern.this)
    k = exp.to_identifier("__k")
    captured = exp.Array(
        expressions=[
            exp.Bracket(
                this=_call("regexp_extract_all", text.copy(), pattern.copy(), exp.Literal.number(g)),
                expressions=[exp.column(k)],
                offset=1,
            )
            for g in range(1, groups + 1)
        ]
    )
    gaps = _call("string_split_regex", text.copy(), pattern.copy())
    matches = _call("len", _call("regexp_extract_all", text.copy(), pattern.copy()))
    replaced = exp.Case(
        ifs=[
            exp.If(
                this=exp.LTE(this=exp.column(k), expression=matches),
                true=_call("coalesce", _apply(function, captured), exp.Literal.string("")),
            )
        ],
        default=exp.Literal.string(""),
    )
    piece = exp.DPipe(this=exp.Bracket(this=gaps, expressions=[exp.column(k)], offset=1), expression=replaced)
    indices = _call(
        "range", exp.Literal.number(1), exp.Add(this=_call("len", gaps.copy()), expression=exp.Literal.number(1))
    )
    return _call(
        "array_to_string",
        exp.Transform(this=indices, expression=exp.Lambda(this=piece, expressions=[k])),
        exp.Literal.string(""),
    )


def _capturing_groups(pattern: str) -> int:
    """How many capturing groups a regular expression has: `(` not escaped, not in a class, not `(?`."""
    count, i, in_class = 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(" and (
            not pattern.startswith("(?", i)
            or pattern.startswith("(?P<", i)
            or (pattern.startswith("(?<", i) and not pattern.startswith(("(?<=", "(?<!"), i))
        ):
            count += 1
        i += 1
    return count


def _map_zip_with(left: exp.Expression, right: exp.Expression, function: exp.Lambda) -> exp.Expression:
    """map_zip_with(m1, m2, (k, v1, v2) -> ...): every key of either map (m1's first), NULL for a
    value the other map lacks."""
    key = exp.to_identifier("__k")
    keys = _call(
        "__trino_first_seen", _call("list_concat", _call("map_keys", left.copy()), _call("map_keys", right.copy()))
    )
    value = _apply(
        function,
        exp.column(key),
        exp.Bracket(this=left.copy(), expressions=[exp.column(key)]),
        exp.Bracket(this=right.copy(), expressions=[exp.column(key)]),
    )
    return _call("map", keys, exp.Transform(this=keys.copy(), expression=exp.Lambda(this=value, expressions=[key])))


def _is_output(node: exp.Expression) -> bool:
    """Whether a value is one of the statement's result columns itself (not inside an expression)."""
    parent = node.parent
    if isinstance(parent, exp.Alias):
        node, parent = parent, parent.parent
    return isinstance(parent, exp.Select) and node.arg_key == "expressions" and parent.parent is None


def _as_output(node: exp.Expression, text: exp.Expression, trino_type: str, what: str) -> exp.Expression:
    """A value whose precision DuckDB cannot hold (nanoseconds), shown as Trino shows it: only as a
    result column; inside an expression it would be computed at microseconds, so it is refused."""
    if not _is_output(node):
        raise not_supported(f"{what} inside an expression")
    return _typed(text, trino_type)


def _precise_now(node: exp.Expression, zoned: bool) -> exp.Expression | None:
    """current_timestamp(p) / localtimestamp(p): the clock read with p digits of seconds' fraction."""
    precision = _int(node.this, 3) if node.this is not None else 3
    if precision is None or not 0 <= precision <= 12:
        raise not_supported("A precision that is not a literal from 0 to 12")
    if precision == 3:
        return exp.CurrentTimestamp() if zoned else exp.Localtimestamp()
    clock = _call("strftime", exp.CurrentTimestamp(), exp.Literal.string("%Y-%m-%d %H:%M:%S.%f"))
    digits = exp.Substring(
        this=clock,
        start=exp.Literal.number(1),
        length=exp.Literal.number(19 + (1 + min(precision, 6) if precision else 0)),
    )
    text: exp.Expression = exp.DPipe(this=digits, expression=exp.Literal.string("0" * max(0, precision - 6)))
    if zoned:
        text = exp.DPipe(this=text, expression=exp.Literal.string(" UTC"))
    if not _is_output(node):  # a value inside an expression: computed at the clock's microseconds
        if precision > 6:
            raise not_supported(f"A timestamp({precision}) inside an expression")
        return exp.CurrentTimestamp() if zoned else exp.Localtimestamp()
    return _typed(text, "timestamp with time zone" if zoned else "timestamp")


_ISO8601 = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?"
    r"(Z|[+-]\d{2}(?::?\d{2})?)?"
)


def iso8601_nanos(text: str) -> str | None:
    """from_iso8601_timestamp_nanos of a literal as Trino shows it, or None if it is not ISO 8601."""
    match = _ISO8601.fullmatch(text.strip())
    if not match:
        return None
    day, hour, minute, second, fraction, zone = match.groups()
    zone = "UTC" if zone in (None, "Z") else canonical_zone(zone if len(zone) > 3 else zone + ":00")
    return f"{day} {hour or '00'}:{minute or '00'}:{second or '00'}.{(fraction or '').ljust(9, '0')} {zone}"


# Trino functions sqlglot leaves unrecognised that _function_call writes in DuckDB terms (or refuses).
REWRITTEN_CALLS = {
    "zip",
    "map_entries",
    "to_base",
    "combinations",
    "map_zip_with",
    "map_union",
    "reduce_agg",
    "from_unixtime_nanos",
    "json_array",
    "json_exists",
    "json_table",
    "cosine_similarity",
}


def _function_call(node: exp.Expression) -> exp.Expression | None:
    """Trino functions written with DuckDB's own (macros of MACROS and a few trees), None for others."""
    vector = _vector_call(node)
    if vector is not None:
        return vector
    if isinstance(node, exp.Soundex):
        return _call("soundex", node.this)
    if isinstance(node, exp.FromBase):
        return _call("from_base", node.this, node.expression)
    if isinstance(node, exp.FromISO8601TimestampNanos):
        if not isinstance(node.this, exp.Literal) or not node.this.is_string:
            raise not_supported("from_iso8601_timestamp_nanos of a value that is not a literal")
        shown = iso8601_nanos(node.this.this)
        if shown is None:
            raise QueryFailed("INVALID_FUNCTION_ARGUMENT", f'line 1:1: Invalid format: "{node.this.this}"')
        return _as_output(node, exp.Literal.string(shown), "timestamp with time zone", "from_iso8601_timestamp_nanos")
    if isinstance(node, exp.CurrentTimestamp) and node.this is not None:
        return _precise_now(node, zoned=True)
    if isinstance(node, exp.Localtimestamp) and node.this is not None:
        return _precise_now(node, zoned=False)
    if isinstance(node, (exp.JSONValue, exp.JSONExists)) or (
        isinstance(node, exp.JSONExtract) and node.args.get("json_query")
    ):
        raise not_supported("The SQL/JSON functions json_query, json_value and json_exists")
    if isinstance(node, exp.JSONObject):
        if (
            node.args.get("return_type")
            or node.args.get("encoding")
            or node.args.get("unique_keys")
            or node.text("null_handling").upper() not in ("", "NULL ON NULL")
        ):
            raise not_supported("json_object with RETURNING, FORMAT, ABSENT ON NULL or UNIQUE KEYS")
        return exp.cast(node, exp.DType.VARCHAR)  # Trino's json_object answers a varchar
    if (
        isinstance(node, exp.Struct)
        and node.expressions
        and not any(isinstance(e, (exp.PropertyEQ, exp.Slice)) for e in node.expressions)
    ):
        return exp.Tuple(expressions=node.expressions)  # ROW(1, 'a'): a row whose fields have no names
    if isinstance(node, exp.Coalesce) and any(
        isinstance(a, (exp.Tuple, exp.Struct))
        or a.is_type(exp.DType.STRUCT)
        or (isinstance(a, exp.Cast) and a.to.is_type(exp.DType.STRUCT))
        for a in [node.this, *node.expressions]
    ):
        raise not_supported("COALESCE of rows")
    if not isinstance(node, exp.Anonymous):
        return None
    name, args = node.name.lower(), list(node.expressions)
    if name == "zip":
        return _call("list_zip", *args)
    if name == "map_entries" and len(args) == 1:
        return _call("__trino_map_entries", *args)
    if name == "to_base" and len(args) == 2:
        return _call("__trino_to_base", *args)
    if name == "combinations" and len(args) == 2:
        return _combinations(*args)
    if name == "map_zip_with" and len(args) == 3 and isinstance(args[2], exp.Lambda):
        return _map_zip_with(*args)
    if name == "map_union" and len(args) == 1:
        return _call("__trino_map_union", _call("flatten", _call("list", _call("map_entries", args[0]))))
    if name == "reduce_agg" and len(args) == 4 and isinstance(args[2], exp.Lambda):
        # each non-null input, in the state function; the combining function is only for partial states
        x = exp.to_identifier("__x")
        values = exp.ArrayFilter(
            this=_call("list", args[0]),
            expression=exp.Lambda(
                this=exp.Not(this=exp.Is(this=exp.column(x), expression=exp.Null())), expressions=[x]
            ),
        )
        return _call("list_reduce", values, args[2], args[1])
    if name == "from_unixtime_nanos" and len(args) == 1:
        nanos = exp.cast(_call("round", args[0]), "HUGEINT")
        return _as_output(node, _call("__trino_nanos_text", nanos), "timestamp with time zone", "from_unixtime_nanos")
    if name == "json_array":
        elements = [
            exp.Case(
                ifs=[exp.If(this=exp.Is(this=a.copy(), expression=exp.Null()), true=exp.Null())],
                default=_call("to_json", a),
            )
            for a in args
        ]  # ABSENT ON NULL, Trino's default
        x = exp.to_identifier("__x")
        kept = exp.ArrayFilter(
            this=exp.cast(exp.Array(expressions=elements), "JSON[]"),
            expression=exp.Lambda(
                this=exp.Not(this=exp.Is(this=exp.column(x), expression=exp.Null())), expressions=[x]
            ),
        )
        return exp.cast(_call("to_json", kept), exp.DType.VARCHAR)
    if name == "json_array_get":  # a JSON value, though a string element comes without its quotes
        return _typed(node, "json")
    if name in ("json_exists", "json_table"):
        raise not_supported(f"The SQL/JSON function {name}")
    return None


# Which argument of a function taking a lambda gives each parameter its value: (argument, part), the
# part of its type the parameter gets: an array's element, a map's key or value, or the whole value.
_LAMBDA_SOURCES = {
    "transform": [(0, "element")],
    "filter": [(0, "element")],
    "array_filter": [(0, "element")],
    "any_match": [(0, "element")],
    "all_match": [(0, "element")],
    "none_match": [(0, "element")],
    "array_sort": [(0, "element"), (0, "element")],
    "zip_with": [(0, "element"), (1, "element")],
    "map_filter": [(0, "key"), (0, "value")],
    "transform_keys": [(0, "key"), (0, "value")],
    "transform_values": [(0, "key"), (0, "value")],
    "map_zip_with": [(0, "key"), (0, "value"), (1, "value")],
    "reduce_agg": [(1, "whole"), (0, "whole")],
}


def _call_arguments(call: exp.Expression) -> tuple[str, list[exp.Expression]]:
    if isinstance(call, exp.Anonymous):
        return call.name.lower(), list(call.expressions)
    name = {
        exp.Transform: "transform",
        exp.ArrayFilter: "filter",
        exp.ArraySort: "array_sort",
        exp.Reduce: "reduce",
    }.get(type(call), call.sql_name().lower() if isinstance(call, exp.Func) else "")
    args = [v for k, v in call.args.items() if isinstance(v, exp.Expression) and k not in ("merge", "finish")]
    return name, args


def _type_of_value(node: exp.Expression) -> exp.DataType | None:
    if isinstance(node, exp.Cast):
        return node.to
    kind = node.type
    return kind if kind is not None and kind.this != exp.DType.UNKNOWN else None


def _part(kind: exp.DataType | None, part: str) -> exp.DataType | None:
    if kind is None or part == "whole":
        return kind
    params = [p for p in kind.expressions if isinstance(p, exp.DataType)]
    if part == "element" and kind.is_type(exp.DType.ARRAY) and params:
        return params[0]
    if kind.is_type(exp.DType.MAP) and len(params) == 2:
        return params[0] if part == "key" else params[1]
    return None


def _field(kind: exp.DataType | None, name: str) -> exp.DataType | None:
    for field in kind.expressions if kind is not None and kind.is_type(exp.DType.STRUCT) else []:
        if isinstance(field, exp.ColumnDef) and field.name.lower() == name.lower():
            return field.args.get("kind")
    return None


def _param_type(node: exp.Expression) -> exp.DataType | None:
    """The type of a lambda parameter (x, or s.sum of a row parameter), read from the argument its
    function passes it: transform(ARRAY[5, 6], x -> x / 2) gives x the array's element type."""
    field = None
    if isinstance(node, exp.Dot) and isinstance(node.this, exp.Identifier):
        name, field = node.this.name, node.name
    elif isinstance(node, exp.Column) and node.table:
        name, field = node.table, node.name
    elif isinstance(node, (exp.Identifier, exp.Column)):
        name = node.name
    else:
        return None
    function = node.find_ancestor(exp.Lambda)
    while function is not None and name not in [p.name for p in function.expressions]:
        function = function.find_ancestor(exp.Lambda)
    if function is None:
        return None
    index = [p.name for p in function.expressions].index(name)
    call_name, args = _call_arguments(function.parent)
    if call_name == "reduce":  # (s, x) -> ... and s -> ...: s is the initial state's type, x the array's element
        reduce = function.parent
        initial = reduce.args.get("initial")
        source = (initial, "whole") if index == 0 else (reduce.this, "element")
        kind = _part(_type_of_value(source[0]), source[1]) if source[0] is not None else None
    else:
        sources = _LAMBDA_SOURCES.get(call_name, [])
        if index >= len(sources) or sources[index][0] >= len(args):
            return None
        position, part = sources[index]
        kind = _part(_type_of_value(args[position]), part)
    return _field(kind, field) if field is not None else kind


def _integral(node: exp.Expression) -> bool | None:
    """Whether a value is of an integer type: True, False, or None when the sandbox cannot tell
    (a lambda parameter of an argument whose type is unknown)."""
    if isinstance(node, exp.Literal):
        return node.is_int
    if isinstance(node, exp.Paren):
        return _integral(node.this)
    if isinstance(node, exp.Neg):
        return _integral(node.this)
    if isinstance(node, (exp.Add, exp.Sub, exp.Mul, exp.Mod)):
        sides = {_integral(node.left), _integral(node.right)}
        return False if False in sides else (None if None in sides else True)
    if node.is_type(*exp.DataType.INTEGER_TYPES):
        return True
    if isinstance(node, (exp.Identifier, exp.Column, exp.Dot)) and node.find_ancestor(exp.Lambda) is not None:
        kind = _param_type(node)
        if kind is not None:
            return kind.is_type(*exp.DataType.INTEGER_TYPES)
    kind = node.type
    return None if kind is None or kind.this == exp.DType.UNKNOWN else False


def _is_json(node: exp.Expression) -> bool:
    return (
        isinstance(node, exp.ParseJSON)
        or node.is_type(exp.DType.JSON)
        or (isinstance(node, exp.Cast) and node.to.is_type(exp.DType.JSON))
    )


def _rewrite_node(node: exp.Expression) -> exp.Expression:  # noqa: C901 - one rule per Trino difference
    called = _function_call(node)
    if called is not None:
        return called
    # --- aggregates ---
    # approx_distinct is exact here: an estimate that is always right is still a valid estimate,
    # and it keeps answers deterministic.
    if isinstance(node, exp.ApproxDistinct):
        return exp.Count(this=exp.Distinct(expressions=[node.this]))
    # approx_percentile answers one of the values, of the input's type (bigint for smaller integers).
    if isinstance(node, exp.ApproxQuantile):
        if node.args.get("weight") is not None:
            raise not_supported("approx_percentile with weights")
        quantile = node.args.get("quantile")
        if isinstance(quantile, exp.Array):
            quantile = exp.Array(expressions=[exp.cast(q, exp.DType.DOUBLE) for q in quantile.expressions])
        result = _call("quantile_disc", node.this, quantile)
        if node.this.is_type(exp.DType.TINYINT, exp.DType.SMALLINT, exp.DType.INT):
            result = exp.cast(result, "BIGINT[]" if isinstance(quantile, exp.Array) else exp.DType.BIGINT)
        return result
    # avg of a decimal is a decimal of the same type in Trino (DuckDB answers a double).
    if isinstance(node, exp.Avg) and _decimal_of(node.this) is not None:
        kind = _decimal_of(node.this)
        scale = int(kind.expressions[1].name) if len(kind.expressions) > 1 else 0
        return exp.Cast(this=_call("round", node.copy(), exp.Literal.number(scale)), to=kind.copy())
    # Trino's count_if counts true values: 0 (not NULL) when none are.
    if isinstance(node, exp.CountIf):
        return exp.Count(this=exp.If(this=node.this, true=exp.Literal.number(1)))
    if isinstance(node, (exp.BitwiseAndAgg, exp.BitwiseOrAgg, exp.BitwiseXorAgg)):
        return exp.cast(node, exp.DType.BIGINT) if not isinstance(node.parent, exp.Cast) else node
    # --- strings and regular expressions ---
    if isinstance(node, exp.Format):
        return _format_call(node)
    if isinstance(node, exp.SplitPart):
        return _call("__trino_split_part", node.this, node.args["delimiter"], node.args["part_index"])
    if isinstance(node, exp.RegexpExtract):
        return _call(
            "__trino_regexp_extract", node.this, node.expression, node.args.get("group") or exp.Literal.number(0)
        )
    if isinstance(node, exp.RegexpReplace):
        replacement = node.args.get("replacement")
        if replacement is None:
            replacement = exp.Literal.string("")
        elif isinstance(replacement, exp.Lambda):
            return _regexp_replace_lambda(node.this, node.expression, replacement)
        elif isinstance(replacement, exp.Literal) and replacement.is_string:
            replacement = exp.Literal.string(java_replacement(replacement.this))
        else:
            replacement = _call(
                "regexp_replace",
                replacement,
                exp.Literal.string(r"\$(\d)"),
                exp.Literal.string(r"\\\1"),
                exp.Literal.string("g"),
            )
        return _call("regexp_replace", node.this, node.expression, replacement, exp.Literal.string("g"))
    if isinstance(node, exp.StrPosition) and node.args.get("occurrence") is not None:
        return _call("__trino_strpos", node.this, node.args["substr"], node.args["occurrence"])
    if isinstance(node, exp.Split) and node.args.get("limit") is not None:
        return _call("__trino_split", node.this, node.expression, node.args["limit"])
    # --- arrays ---
    if isinstance(node, exp.ArraySort) and node.expression is not None:
        if not isinstance(node.expression, exp.Lambda):
            raise not_supported("array_sort with this comparator")
        return _comparator_sort(node.this, node.expression)
    if isinstance(node, exp.ArraySlice):
        return _call("__trino_slice", node.this, node.args.get("start"), node.args.get("end"))
    if isinstance(node, exp.ArraySize) and (
        isinstance(node.this, (exp.Map, exp.VarMap)) or node.this.is_type(exp.DType.MAP)
    ):
        return exp.cast(_call("cardinality", node.this), exp.DType.BIGINT)
    if isinstance(node, exp.JSONArrayContains):
        return _call("__trino_json_array_contains", node.this, node.expression)
    if isinstance(node, exp.ArrayPosition):
        return exp.cast(_call("list_position", node.this, node.expression), exp.DType.BIGINT)
    if isinstance(node, exp.DPipe) and (
        isinstance(node.this, exp.Array)
        or isinstance(node.expression, exp.Array)
        or node.this.is_type(exp.DType.ARRAY)
        or node.expression.is_type(exp.DType.ARRAY)
    ):
        left_array = isinstance(node.this, exp.Array) or node.this.is_type(exp.DType.ARRAY)
        right_array = isinstance(node.expression, exp.Array) or node.expression.is_type(exp.DType.ARRAY)
        if left_array and right_array:
            return _call("list_concat", node.this, node.expression)
        if left_array:
            return _call("list_append", node.this, node.expression)
        return _call("list_prepend", node.this, node.expression)
    if isinstance(node, exp.Concat) and any(isinstance(a, exp.Null) for a in node.expressions):
        node.set(
            "expressions", [exp.cast(a, exp.DType.VARCHAR) if isinstance(a, exp.Null) else a for a in node.expressions]
        )
        return node
    # substr(s, 0): Trino's positions start at 1, and 0 is before the string (an empty answer).
    if isinstance(node, exp.Substring) and not (
        isinstance(node.args.get("start"), exp.Literal)
        and node.args["start"].is_int
        and int(node.args["start"].this) != 0
    ):
        start = node.args.get("start")
        return exp.Case(
            ifs=[exp.If(this=exp.EQ(this=start.copy(), expression=exp.Literal.number(0)), true=exp.Literal.string(""))],
            default=node.copy(),
        )
    # --- numbers ---
    if isinstance(node, exp.Round) and node.args.get("decimals") is not None:
        kind = _decimal_of(node.this)
        if kind is not None:
            return exp.Cast(this=node.copy(), to=kind)
    if isinstance(node, exp.Sign):  # of the input's type (DuckDB answers a tinyint)
        kind = node.type if node.type is not None and node.type.this in exp.DataType.NUMERIC_TYPES else None
        kind = kind if kind is not None and kind.this != exp.DType.UNKNOWN else None
        if kind is None and node.this.is_type(*exp.DataType.NUMERIC_TYPES):
            kind = node.this.type
        if kind is not None:
            return exp.Cast(this=node.copy(), to=kind.copy())
    if isinstance(node, exp.WidthBucket) and node.args.get("num_buckets") is not None:
        return _call(
            "__trino_width_bucket", node.this, node.args["min_value"], node.args["max_value"], node.args["num_buckets"]
        )
    if isinstance(node, exp.Cbrt):
        return _call("__trino_cbrt", node.this)
    if isinstance(node, exp.Div):
        divided = _decimal_division(node)
        if divided is not None:
            return divided
    # --- types ---
    if isinstance(node, exp.Typeof):
        if isinstance(node.this, exp.Literal) and node.this.is_string:
            return exp.Literal.string(f"varchar({len(node.this.this)})")
        return _call("__trino_typeof", _call("typeof", node.this))
    if isinstance(node, exp.Cast):
        return _rewrite_cast(node)
    if isinstance(node, exp.Reduce) and node.args.get("finish") is not None:
        finish = node.args["finish"]  # the output function, applied to the reduced state
        if not isinstance(finish, exp.Lambda) or len(finish.expressions) != 1:
            raise not_supported("reduce with this output function")
        node.set("finish", None)
        if isinstance(finish.this, (exp.Identifier, exp.Column)) and finish.this.name == finish.expressions[0].name:
            return node
        return _apply(finish, node)
    # contains('10.0.0.0/8', address): an IPv4 network and an address (IPADDRESS or text).
    if isinstance(node, exp.ArrayContains) and isinstance(node.this, exp.Literal) and node.this.is_string:
        return _network_contains(node.this.this, node.expression)
    # --- arithmetic ---
    # Integer / integer is integer division in Trino, truncating, and an error when dividing by zero.
    if isinstance(node, (exp.Div, exp.Mod)):
        integral = {_integral(node.left), _integral(node.right)}
        if integral == {True}:
            return _call("__trino_intdiv" if isinstance(node, exp.Div) else "__trino_mod", node.left, node.right)
        if (
            None in integral
            and False not in integral
            and isinstance(node, exp.Div)
            and node.find_ancestor(exp.Lambda) is not None
        ):
            raise not_supported("Division in a lambda of values whose types the sandbox cannot tell")
    # date ± interval of days or more stays a date in Trino (DuckDB would widen it to a timestamp).
    if (
        isinstance(node, (exp.Add, exp.Sub))
        and node.left.is_type(exp.DType.DATE)
        and isinstance(node.right, exp.Interval)
        and node.right.text("unit").upper() in _DATE_UNITS
    ):
        return exp.cast(node, exp.DType.DATE)
    # --- dates and times ---
    return _rewrite_time(node)


def _decimal_of(node: exp.Expression) -> exp.DataType | None:
    """The decimal(p, s) type of a value, when it is one: a literal such as 7.0, a cast, a typed column."""
    if isinstance(node, exp.Literal) and not node.is_string and "." in node.this and "e" not in node.this.lower():
        return decimal_type(node.this)
    if isinstance(node, exp.Cast) and node.to.is_type(exp.DType.DECIMAL) and node.to.expressions:
        return node.to
    if node.type is not None and node.type.is_type(exp.DType.DECIMAL) and node.type.expressions:
        return node.type
    return None


def _decimal_division(node: exp.Div) -> exp.Expression | None:
    """decimal / decimal (or integer) stays a decimal in Trino, of scale max(xs, ys); DuckDB answers a double."""
    left, right = _decimal_of(node.left), _decimal_of(node.right)
    if left is None and right is None:
        return None

    def params(kind: exp.DataType | None, operand: exp.Expression) -> tuple[int, int] | None:
        if kind is not None:
            values = [int(p.name) for p in kind.expressions]
            return values[0], values[1] if len(values) > 1 else 0
        if operand.is_type(*exp.DataType.INTEGER_TYPES) or (isinstance(operand, exp.Literal) and operand.is_int):
            return (19 if operand.is_type(exp.DType.BIGINT) else 10), 0
        return None

    x, y = params(left, node.left), params(right, node.right)
    if x is None or y is None:
        return None
    scale = max(x[1], y[1])
    precision = min(38, x[0] + y[1] + max(y[1] - x[1], 0))
    quotient = _call(
        "round",
        exp.Div(this=exp.cast(node.left, exp.DType.DOUBLE), expression=exp.cast(node.right, exp.DType.DOUBLE)),
        exp.Literal.number(scale),
    )
    return exp.Case(
        ifs=[
            exp.If(
                this=exp.EQ(this=node.right.copy(), expression=exp.Literal.number(0)),
                true=exp.cast(exp.Literal.string("Division by zero"), exp.DType.INT),
            )
        ],
        default=exp.Cast(this=quotient, to=exp.DataType.build(f"DECIMAL({max(precision, scale)}, {scale})")),
    )


def _rewrite_cast(node: exp.Cast) -> exp.Expression:
    target = node.to
    source = node.this
    # A double to an integer rounds half away from zero in Trino (DuckDB rounds half to even).
    if target.is_type(*exp.DataType.INTEGER_TYPES) and source.is_type(exp.DType.DOUBLE, exp.DType.FLOAT):
        return exp.Cast(this=_call("round", source), to=target)
    if (
        target.is_type(*exp.DataType.TEXT_TYPES)
        and source.is_type(exp.DType.DOUBLE, exp.DType.FLOAT)
        and not target.expressions
    ):
        return _call("__trino_double_text", source)
    # DECIMAL 'x' (and CAST to DECIMAL without precision): Trino's precision and scale.
    if target.is_type(exp.DType.DECIMAL) and not target.expressions:
        typed = decimal_type(source.this) if isinstance(source, exp.Literal) and source.is_string else None
        return exp.Cast(this=source, to=typed or exp.DataType.build("DECIMAL(38, 0)"))
    if target.this == exp.DType.IPADDRESS:
        if isinstance(source, exp.Literal) and source.is_string:
            return _typed(exp.Literal.string(ip_literal(source.this)), "ipaddress")
        return _typed(_call("__trino_ipaddress", exp.cast(source, exp.DType.VARCHAR)), "ipaddress")
    if target.is_type(exp.DType.JSON):
        if source.is_type(*exp.DataType.TEXT_TYPES) or (isinstance(source, exp.Literal) and source.is_string):
            return _call("to_json", source)
        return node
    if _is_json(source) and target.is_type(*exp.DataType.TEXT_TYPES):
        return _call("__trino_json_text", source)  # a scalar's text; an object or array cannot be cast
    if (
        _is_json(source)
        and target.is_type(exp.DType.STRUCT)
        and all(isinstance(f, exp.ColumnDef) for f in target.expressions)
    ):
        # a JSON array gives a row its fields by position, a JSON object by name
        fields = [
            exp.PropertyEQ(
                this=exp.to_identifier(f.name),
                expression=(
                    _call("json_extract_string", source.copy(), exp.Literal.string(f"$[{i}]"))
                    if f.args["kind"].is_type(*exp.DataType.TEXT_TYPES)
                    else exp.Cast(
                        this=_call("json_extract", source.copy(), exp.Literal.string(f"$[{i}]")),
                        to=f.args["kind"].copy(),
                    )
                ),
            )
            for i, f in enumerate(target.expressions)
        ]
        by_position = exp.Cast(this=exp.Struct(expressions=fields), to=target.copy())
        is_array = exp.EQ(this=_call("json_type", source.copy()), expression=exp.Literal.string("ARRAY"))
        by_name = exp.Cast(
            this=exp.Case(ifs=[exp.If(this=is_array.copy(), true=exp.Null())], default=source.copy()), to=target.copy()
        )  # (both branches are folded when the JSON is a literal)
        return exp.Case(ifs=[exp.If(this=is_array, true=by_position)], default=by_name)
    if (
        target.is_type(exp.DType.STRUCT)
        and target.expressions
        and not any(isinstance(f, exp.ColumnDef) for f in target.expressions)
    ):  # ROW(integer, integer): fields without names
        if isinstance(source, (exp.Tuple, exp.Struct)) and len(source.expressions) == len(target.expressions):
            return exp.Tuple(
                expressions=[
                    exp.Cast(this=e.copy(), to=t.copy()) for e, t in zip(source.expressions, target.expressions)
                ]
            )
        raise not_supported("A cast to a row whose fields have no names")
    zone = zone_of(source)
    if target.is_type(exp.DType.TIMESTAMPTZ):
        literal_zone = None
        if isinstance(source, exp.Literal) and source.is_string:
            found = re.search(r"(?:\s|(?<=\d))([A-Za-z][\w/+-]*|[+-]\d{1,2}:?\d{2}|Z)\s*$", source.this)
            literal_zone = canonical_zone(found.group(1)) if found else None
            if literal_zone is not None and literal_zone[0] in "+-":  # DuckDB reads '...09:00+09:00', not ' +09:00'
                node = exp.Cast(
                    this=exp.Literal.string(source.this[: found.start(1)].rstrip() + literal_zone), to=target
                )
        return _zoned(node, zone or literal_zone)
    if target.is_type(*exp.DataType.TEXT_TYPES):
        if zone is not None or source.is_type(exp.DType.TIMESTAMPTZ):
            text = exp.DPipe(
                this=_call("strftime", _local(source), exp.Literal.string("%Y-%m-%d %H:%M:%S.%g")),
                expression=exp.Literal.string(" " + (zone or "UTC")),
            )
            return text
        if source.is_type(exp.DType.TIMESTAMP):
            return _call("strftime", source, exp.Literal.string("%Y-%m-%d %H:%M:%S.%g"))
        return node
    if zone is not None and target.is_type(exp.DType.DATE, exp.DType.TIMESTAMP, exp.DType.TIME):
        return exp.Cast(this=_local(source), to=target)
    return node


def _rewrite_time(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.CurrentTimezone):
        return exp.Literal.string("UTC")
    if isinstance(node, exp.AtTimeZone):
        return _zoned(
            exp.cast(_instant(node.this), exp.DType.TIMESTAMPTZ), _literal_zone(node.args.get("zone"), "AT TIME ZONE")
        )
    if isinstance(node, exp.UnixToTime):
        instant = exp.UnixToTime(this=node.this, scale=node.args.get("scale"))
        if node.args.get("zone") is not None:
            return _zoned(instant, _literal_zone(node.args["zone"], "from_unixtime"))
        if node.args.get("hours") is not None:
            hours, minutes = _int(node.args.get("hours"), 0), _int(node.args.get("minutes"), 0)
            if hours is None or minutes is None:
                raise not_supported("from_unixtime with an offset that is not a literal")
            sign = "-" if hours < 0 or minutes < 0 else "+"
            return _zoned(instant, canonical_zone(f"{sign}{abs(hours):02d}:{abs(minutes):02d}"))
        return instant
    if isinstance(node, exp.FromISO8601Timestamp):
        zone = None
        if isinstance(node.this, exp.Literal) and node.this.is_string:
            found = re.search(r"T.*?(Z|[+-]\d{2}(?::?\d{2})?)$", node.this.this.strip())
            zone = (
                canonical_zone(
                    found.group(1)
                    + ("" if ":" in found.group(1) or found.group(1) == "Z" or len(found.group(1)) > 3 else ":00")
                )
                if found
                else None
            )
        else:  # each row's own offset: only UTC ones (Z, +00:00) or none (the session's, UTC) can be shown right
            return _call("__trino_iso8601_utc", node.this)
        return _zoned(exp.cast(node.this, exp.DType.TIMESTAMPTZ), zone)
    if isinstance(node, exp.Anonymous):
        name = node.name.lower()
        if name in ("with_timezone", "at_timezone") and len(node.expressions) == 2:
            value, zone_node = node.expressions
            zone = _literal_zone(zone_node, name)
            if name == "with_timezone":
                return _from_local(exp.Cast(this=value, to=exp.DataType.build("TIMESTAMP")), zone)
            return _zoned(exp.cast(_instant(value), exp.DType.TIMESTAMPTZ), zone)
        if name == "regexp_position" and 2 <= len(node.expressions) <= 4:
            args = list(node.expressions) + [exp.Literal.number(1)] * (4 - len(node.expressions))
            return _call("__trino_regexp_position", *args)
        if name == "timezone" and len(node.expressions) != 1:
            raise QueryFailed(
                "FUNCTION_NOT_FOUND",
                "line 1:1: Unexpected parameters for function timezone. "
                "Expected: timezone(timestamp(p) with time zone)",
            )
        lambda_call = _lambda_call(name, list(node.expressions))
        if lambda_call is not None:
            return lambda_call
        if name == "format_datetime" and len(node.expressions) == 2:
            value, pattern = node.expressions
            return _call("strftime", _local(value), _strftime_format(pattern))
        if name in ("timezone_hour", "timezone_minute", "timezone") and len(node.expressions) == 1:
            value = node.expressions[0]
            if value.is_type(exp.DType.TIMETZ):  # a time with time zone carries its offset
                if name == "timezone":
                    return _call("__trino_timetz_zone", value)
                return exp.cast(_call("datepart", exp.Literal.string(name), value), exp.DType.BIGINT)
            zone = zone_of(value) or "UTC"
            if name == "timezone":
                return exp.Literal.string(zone)
            seconds = _call("__trino_offset_seconds", _local(value), value) if zone != "UTC" else exp.Literal.number(0)
            part = (
                exp.Div(this=seconds, expression=exp.Literal.number(3600))
                if name == "timezone_hour"
                else exp.Div(
                    this=exp.Mod(this=seconds, expression=exp.Literal.number(3600)), expression=exp.Literal.number(60)
                )
            )
            return exp.cast(_call("trunc", part), exp.DType.BIGINT)
        if name == "millisecond" and len(node.expressions) == 1:
            return exp.Mod(
                this=exp.Paren(this=_call("millisecond", _local(node.expressions[0]))),
                expression=exp.Literal.number(1000),
            )
        if name == "to_iso8601" and len(node.expressions) == 1 and zone_of(node.expressions[0]) not in (None, "UTC"):
            value = node.expressions[0]
            return _call("__trino_iso8601_zoned", _local(value), value)
        if name in _LOCAL_TIME_FUNCTIONS and node.expressions:
            node.set("expressions", [_local(node.expressions[0]), *node.expressions[1:]])
        return node
    if isinstance(node, exp.Extract):
        unit = node.this.name.upper() if isinstance(node.this, (exp.Var, exp.Identifier)) else ""
        if unit in ("DOW", "DAY_OF_WEEK", "DAYOFWEEK"):
            return exp.DayOfWeekIso(this=_local(node.expression))
        node.set("expression", _local(node.expression))
        return node
    # date_diff counts whole units elapsed in Trino (DuckDB's date_diff counts boundaries crossed).
    if isinstance(node, exp.DateDiff) and node.args.get("unit") is not None:
        unit = exp.Literal.string(node.text("unit").lower())
        return exp.cast(_call("date_sub", unit, _local(node.expression), _local(node.this)), exp.DType.BIGINT)
    if isinstance(node, exp.FromISO8601Date):
        return _call("from_iso8601_date", node.this)
    if isinstance(node, exp.DateTrunc) and node.this.is_type(exp.DType.DATE):
        return exp.cast(node, exp.DType.DATE)
    if isinstance(node, exp.ParseDatetime):
        return exp.cast(_call("strptime", node.this, _strftime_format(node.args.get("format"))), exp.DType.TIMESTAMPTZ)
    if isinstance(node, exp.TimestampTrunc):
        zone = zone_of(node.this)
        if node.this.is_type(exp.DType.DATE):
            return exp.cast(node, exp.DType.DATE)
        if zone not in (None, "UTC"):
            truncated = exp.TimestampTrunc(this=_local(node.this), unit=node.args.get("unit"))
            return _from_local(truncated, zone)
        return _zoned(node, zone)
    if isinstance(node, exp.DateAdd):
        zone = zone_of(node.this)
        unit = node.text("unit").upper()
        if node.this.is_type(exp.DType.DATE) and unit in _DATE_UNITS:
            return exp.cast(node, exp.DType.DATE)
        if zone not in (None, "UTC") and unit in _DATE_UNITS:
            added = exp.DateAdd(this=_local(node.this), expression=node.expression, unit=node.args.get("unit"))
            return _from_local(added, zone)
        return _zoned(node, zone)
    if isinstance(node, _KEEP_ZONE):
        return _zoned(node, zone_of(node.this))
    if isinstance(node, _LOCAL_TIME_READERS) and zone_of(node.this) not in (None, "UTC"):
        node.set("this", _local(node.this))
        return node
    return node


_JODA = [
    ("yyyy", "%Y"),
    ("YYYY", "%Y"),
    ("yy", "%y"),
    ("MMMM", "%B"),
    ("MMM", "%b"),
    ("MM", "%m"),
    ("M", "%-m"),
    ("dd", "%d"),
    ("d", "%-d"),
    ("HH", "%H"),
    ("H", "%-H"),
    ("hh", "%I"),
    ("h", "%-I"),
    ("mm", "%M"),
    ("m", "%-M"),
    ("ss", "%S"),
    ("s", "%-S"),
    ("SSS", "%g"),
    ("EEEE", "%A"),
    ("EEE", "%a"),
    ("a", "%p"),
    ("DDD", "%j"),
    ("Z", "%z"),
]


def _strftime_format(pattern: exp.Expression | None) -> exp.Expression:
    """A Joda-Time pattern (format_datetime, parse_datetime) as a strftime one."""
    if not isinstance(pattern, exp.Literal) or not pattern.is_string:
        raise not_supported("A date/time pattern that is not a literal")
    text, out, i = pattern.this, [], 0
    while i < len(text):
        if text[i] == "'":
            end = text.find("'", i + 1)
            end = len(text) if end < 0 else end
            out.append(text[i + 1 : end].replace("%", "%%") or "'")
            i = end + 1
            continue
        for joda, strftime in _JODA:
            if text.startswith(joda, i) and not text.startswith(joda + joda[0], i):
                out.append(strftime)
                i += len(joda)
                break
        else:
            if text[i].isalpha():
                raise not_supported(f"The date/time pattern letter '{text[i]}'")
            out.append("%%" if text[i] == "%" else text[i])
            i += 1
    return exp.Literal.string("".join(out))


def ip_literal(text: str) -> str:
    """IPADDRESS 'x' as Trino prints it (IPv4 dotted, IPv6 compressed)."""
    import ipaddress

    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        raise QueryFailed("INVALID_CAST_ARGUMENT", f"Cannot cast value to IPADDRESS: {text}") from None
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped or address)


def _network_contains(network: str, address: exp.Expression) -> exp.Expression:
    import ipaddress

    try:
        net = ipaddress.ip_network(network.strip(), strict=False)
    except ValueError:
        raise QueryFailed("INVALID_FUNCTION_ARGUMENT", f"Invalid CIDR: {network}") from None
    if isinstance(address, exp.Literal) and address.is_string:
        return exp.Boolean(
            this=ipaddress.ip_address(address.this) in net
            if ipaddress.ip_address(address.this).version == net.version
            else False
        )
    if net.version != 4:
        raise not_supported("contains() with an IPv6 network over a column")
    return _call(
        "__trino_ipv4_in",
        exp.cast(address, exp.DType.VARCHAR),
        exp.Literal.number(int(net.network_address)),
        exp.Literal.number(net.prefixlen),
    )


def year_month_intervals(select: exp.Expression) -> None:
    """An interval of years and months as a result column is shown as Trino prints it ('3-5'):
    DuckDB's Python value cannot tell a month from 30 days."""
    for expression in getattr(first_select(select), "expressions", []):
        value = expression.this if isinstance(expression, exp.Alias) else expression
        if value.is_type(exp.DType.INTERVAL) and any(
            i.text("unit").upper() in ("YEAR", "MONTH", "QUARTER") for i in value.find_all(exp.Interval)
        ):
            value.replace(_typed(_call("__trino_year_month", value.copy()), "interval year to month"))


def first_select(select: exp.Expression) -> exp.Expression:
    """The SELECT whose columns a query's result has: the first of a UNION, inside parentheses."""
    while isinstance(select, (exp.Union, exp.Intersect, exp.Except)):
        select = select.this
    if isinstance(select, exp.Subquery):
        select = select.unnest()
    return select


def output_zones(select: exp.Expression, of=None) -> list[str | None]:
    """The zone of each output column whose zone the query names (None elsewhere); with `of`
    (type_of), any other fact a rewrite left on the output columns."""
    of = of or zone_of
    select = first_select(select)
    if not isinstance(select, exp.Select):
        return []
    zones = []
    for expression in select.expressions:
        if isinstance(expression, exp.Star) and len(select.expressions) == 1:
            relation = select.args.get("from_") or select.args.get("from")
            relation = relation.this if relation is not None and not select.args.get("joins") else None
            if isinstance(relation, exp.Subquery):
                return output_zones(relation.this, of)
            if isinstance(relation, exp.Table) and _cte(select, relation.name) is not None:
                return output_zones(_cte(select, relation.name).this, of)
        zones.append(of(expression.unalias() if isinstance(expression, exp.Alias) else expression))
    return zones
