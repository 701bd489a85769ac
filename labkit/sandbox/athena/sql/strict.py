"""What Athena's engine (Trino) rejects, rejected here too, with Trino's error name and position.

sqlglot and DuckDB accept much that Trino does not (DuckDB's `::`, ILIKE, `[1, 2]`, EXCLUDE, USING
SAMPLE, LIMIT before OFFSET, a trailing comma, `end` unquoted; comparing a date with a string; `||`
with a number). A student who learns those here would meet an error on AWS, so the sandbox fails
them first, the way Trino words it:

    SELECT srcaddr, FROM flows          -> SYNTAX_ERROR: line 1:17: mismatched input 'FROM'. ...
    ... WHERE date = '2026-11-27'       -> TYPE_MISMATCH: line 1:L: Cannot apply operator: date = varchar(10)
"""

from __future__ import annotations

import datetime as dt
import re

from sqlglot import exp
from sqlglot.tokens import Token

from .errors import QueryFailed

SQL_TEXT = "trino_sql"  # meta key: the statement's text, on the root of its tree

# Words after which an expression must follow: a comma just before them ends a list too early.
_CLAUSES = {
    "FROM",
    "WHERE",
    "GROUP_BY",
    "GROUP",
    "HAVING",
    "ORDER_BY",
    "ORDER",
    "LIMIT",
    "UNION",
    "EXCEPT",
    "INTERSECT",
    "OFFSET",
    "WINDOW",
    "R_PAREN",
}
# Tokens after which `[` is a subscript, not an array literal.
_SUBSCRIPTABLE = {"VAR", "IDENTIFIER", "R_PAREN", "R_BRACKET", "STRING", "NUMBER", "ARRAY"}


# Every function of Trino's function list (docs/src/main/sphinx/functions/list.md) and the special
# forms its grammar writes like calls. A name outside these is no Trino function, whatever sqlglot or
# DuckDB make of it (ifnull, nvl, len, datediff, strftime, string_agg, list_sort, epoch, ...).
TRINO_FUNCTIONS = (
    frozenset(
        """
abs acos all_match any_match any_value approx_distinct approx_most_frequent approx_percentile approx_set arbitrary
array_agg array_distinct array_except array_first array_histogram array_intersect array_join array_last array_max
array_min array_position array_remove array_sort array_union arrays_overlap asin at_timezone atan atan2 avg bar
beta_cdf bing_tile bing_tile_at bing_tile_coordinates bing_tile_polygon bing_tile_quadkey bing_tile_zoom_level
bing_tiles_around bit_count bitwise_and bitwise_and_agg bitwise_left_shift bitwise_not bitwise_or bitwise_or_agg
bitwise_right_shift bitwise_right_shift_arithmetic bitwise_xor bitwise_xor_agg bool_and bool_or cardinality cast cbrt
ceil ceiling char2hexint checksum chr classify classifier coalesce codepoint collect color combinations concat
concat_ws contains contains_sequence convex_hull_agg corr cos cosh cosine_distance cosine_similarity count count_if
covar_pop covar_samp crc32 cume_dist current_date current_groups current_time current_timestamp current_timezone
current_user date date_add date_diff date_format date_parse date_trunc day day_of_month day_of_week day_of_year
degrees dense_rank dow doy e element element_at empty_approx_set ends_with evaluate_classifier_predictions every
exclude_columns extract exp features filter first first_value flatten floor format format_datetime format_number
from_base from_base32 from_base64 from_base64url from_big_endian_32 from_big_endian_64 from_encoded_polyline
from_geojson_geometry from_hex from_ieee754_32 from_ieee754_64 from_iso8601_date from_iso8601_timestamp
from_iso8601_timestamp_nanos from_unixtime from_unixtime_nanos from_utf8 fusion geometric_mean
geometry_collect_agg geometry_from_hadoop_shape geometry_invalid_reason geometry_nearest_points
geometry_to_bing_tiles geometry_union geometry_union_agg great_circle_distance greatest grouping hamming_distance
hash_counts histogram hmac_md5 hmac_sha1 hmac_sha256 hmac_sha512 hour human_readable_seconds if index infinity
intersection intersection_cardinality inverse_beta_cdf inverse_normal_cdf is_finite is_infinite is_json_scalar
is_nan jaccard_index json json_array json_array_contains json_array_get json_array_length json_exists json_extract
json_extract_scalar json_format json_object json_parse json_query json_scalar json_serialize json_size json_value
kurtosis lag last last_day_of_month last_value lead learn_classifier learn_libsvm_classifier learn_libsvm_regressor
learn_regressor least length levenshtein_distance line_interpolate_point line_interpolate_points line_locate_point
listagg ln localtime localtimestamp log log10 log2 lower lpad ltrim luhn_check make_set_digest map map_agg
map_concat map_entries map_filter map_from_entries map_keys map_union map_values map_zip_with match_number max
max_by md5 merge merge_set_digest millisecond min min_by minute mod month multimap_agg multimap_from_entries murmur3
nan next ngrams none_match normal_cdf normalize now nth_value ntile nullif numeric_histogram objectid
objectid_timestamp parse_datetime parse_duration parse_data_size percent_rank permute pi position pow power prev
qdigest_agg quarter radians rand random rank reduce reduce_agg regexp_count regexp_extract regexp_extract_all
regexp_like regexp_position regexp_replace regexp_split regress regr_intercept regr_slope render repeat replace
reverse rgb round row_number rpad rtrim second sequence set sha1 sha256 sha512 shuffle sign simplify_geometry sin
sinh skewness slice soundex spatial_partitioning spatial_partitions split split_part split_to_map split_to_multimap
spooky_hash_v2_32 spooky_hash_v2_64 sqrt starts_with stddev stddev_pop stddev_samp strpos substr substring sum tan
tanh tdigest_agg theta_sketch_cardinality theta_sketch_union timestamp_objectid timezone timezone_hour
timezone_minute title_case to_base to_base32 to_base64 to_base64url to_big_endian_32 to_big_endian_64 to_char
to_date to_encoded_polyline to_geojson_geometry to_geometry to_hex to_ieee754_32 to_ieee754_64 to_iso8601
to_milliseconds to_spherical_geography to_timestamp to_unixtime to_utf8 transform transform_keys transform_values
translate trim trim_array truncate try try_cast typeof upper url_decode url_encode url_extract_fragment
url_extract_host url_extract_parameter url_extract_path url_extract_protocol url_extract_port url_extract_query uuid
value_at_quantile values_at_quantiles var_pop var_samp variance version week week_of_year width_bucket
wilson_interval_lower wilson_interval_upper with_timezone word_stem xxhash64 year year_of_week yow zip zip_with
overlay euclidean_distance dot_product
""".split()
    )
    | {  # words of the grammar that a parenthesis may follow
        "group",
        "within",
        "all",
        "any",
        "some",
        "over",
        "in",
        "exists",
        "values",
        "sets",
        "cube",
        "rollup",
        "unnest",
        "lateral",
        "ordinality",
        "bernoulli",
        "system",
        "repeatable",
        "partition",
        "range",
        "rows",
        "groups",
        "window",
        "recursive",
        "on",
        "using",
        "and",
        "or",
        "not",
        "when",
        "then",
        "else",
        "by",
        "select",
        "where",
        "having",
        "returning",
        "format_json",
        "json",
        "uescape",
        "skip",
        "pattern",
        "define",
        "measures",
        "subset",
    }
    | {
        name.lower()
        for name in """ST_Area ST_AsBinary ST_AsText ST_Boundary ST_Buffer ST_Centroid
ST_Contains ST_ConvexHull ST_CoordDim ST_Crosses ST_Difference ST_Dimension ST_Disjoint ST_Distance ST_EndPoint
ST_Envelope ST_EnvelopeAsPts ST_Equals ST_ExteriorRing ST_Geometries ST_GeometryFromText ST_GeometryN
ST_GeometryType ST_GeomFromBinary ST_InteriorRingN ST_InteriorRings ST_Intersection ST_Intersects ST_IsClosed
ST_IsEmpty ST_IsRing ST_IsSimple ST_IsValid ST_Length ST_LineFromText ST_LineString ST_MultiPoint ST_NumGeometries
ST_NumInteriorRing ST_NumPoints ST_Overlaps ST_Point ST_PointN ST_Points ST_Polygon ST_Relate ST_StartPoint
ST_SymDifference ST_Touches ST_Union ST_Within ST_X ST_XMax ST_XMin ST_Y ST_YMax ST_YMin""".split()
    }
)


def at(sql: str, offset: int) -> str:
    """'line L:C' of a character offset, as Trino prints positions (1-based)."""
    line = sql.count("\n", 0, offset) + 1
    column = offset - (sql.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}:{column}"


def mismatched(sql: str, token: Token, text: str | None = None, expecting: str = "<expression>") -> QueryFailed:
    return QueryFailed(
        "SYNTAX_ERROR", f"{at(sql, token.start)}: mismatched input '{text or token.text}'. Expecting: {expecting}"
    )


def check_tokens(sql: str, tokens: list[Token]) -> None:
    """Syntax Trino's grammar does not have, found in the statement's tokens."""
    depth_case = 0
    simple_case: list[bool] = []  # for each CASE open: whether it is `CASE value WHEN ...`
    limit_depth: set[int] = set()
    depth = 0
    for index, token in enumerate(tokens):
        kind = token.token_type.name
        previous = tokens[index - 1] if index else None
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if kind == "UNKNOWN" and token.text == "`":
            raise QueryFailed(
                "SYNTAX_ERROR",
                f"{at(sql, token.start)}: backquoted identifiers are not supported; "
                "use double quotes to quote identifiers",
            )
        if kind in ("L_PAREN", "L_BRACKET"):
            depth += 1
        elif kind in ("R_PAREN", "R_BRACKET"):
            limit_depth.discard(depth)
            depth -= 1
        if kind == "CASE":
            depth_case += 1
            simple_case.append(following is not None and following.token_type.name != "WHEN")
        elif kind == "END":
            if depth_case == 0:
                raise mismatched(sql, token)
            depth_case -= 1
            simple_case.pop()
        elif kind == "WHEN" and simple_case and simple_case[-1] and _predicate_fragment(tokens, index + 1):
            raise QueryFailed(
                "NOT_SUPPORTED",
                f"{at(sql, following.start)}: A predicate after WHEN in a simple "
                "CASE (WHEN > 100, WHEN IS NULL) is not supported by the labkit "
                "sandbox; write CASE WHEN a > 100 ...",
            )
        elif kind == "COMMA" and following is not None and following.token_type.name in _CLAUSES:
            raise mismatched(sql, following)
        elif kind == "COMMA" and following is None:
            raise mismatched(sql, token, "<EOF>")
        elif kind in ("ILIKE", "DCOLON", "GLOB", "QUALIFY", "DIV", "L_BRACE"):
            raise mismatched(
                sql, token, ":" if kind == "DCOLON" else None, "<EOF>" if kind == "QUALIFY" else "<expression>"
            )
        elif (
            kind == "VAR"
            and token.text.upper() in ("EXCLUDE", "REPLACE", "RENAME")
            and previous is not None
            and previous.token_type.name == "STAR"
        ):
            raise mismatched(sql, token, expecting="',', 'FROM', <EOF>")
        elif (
            kind == "VAR"
            and following is not None
            and following.token_type.name == "L_PAREN"
            and token.text.lower() not in TRINO_FUNCTIONS
            and _is_call(tokens, index)
        ):
            raise QueryFailed(
                "FUNCTION_NOT_FOUND", f"{at(sql, token.start)}: Function '{token.text.lower()}' not registered"
            )
        elif kind in ("LEFT", "RIGHT") and following is not None and following.token_type.name == "L_PAREN":
            raise mismatched(sql, token)
        elif kind == "L_BRACKET" and (previous is None or previous.token_type.name not in _SUBSCRIPTABLE):
            raise mismatched(sql, token)
        elif kind == "USING" and following is not None and following.text.upper() == "SAMPLE":
            raise mismatched(sql, token, expecting="<EOF>")
        elif kind == "LIMIT":
            limit_depth.add(depth)
        elif kind == "OFFSET" and depth in limit_depth:
            raise mismatched(sql, token, expecting="<EOF>")
        elif (
            kind in ("DATE", "TIMESTAMP")
            and following is not None
            and following.token_type.name == "STRING"
            and (previous is None or previous.token_type.name not in ("AS", "COLON"))
        ):
            _check_literal(sql, token, following.text, kind.lower())


_FRAGMENT_STARTS = {"GT", "LT", "GTE", "LTE", "EQ", "NEQ", "BETWEEN", "IN", "IS", "LIKE"}


def _predicate_fragment(tokens: list[Token], index: int) -> bool:
    """Whether the tokens at index start a predicate with no left side (Trino's newest simple CASE:
    `WHEN > 100`, `WHEN NOT IN (...)`)."""
    kinds = [t.token_type.name for t in tokens[index : index + 2]]
    return bool(kinds) and (
        kinds[0] in _FRAGMENT_STARTS or kinds[:1] == ["NOT"] and kinds[1:] in (["BETWEEN"], ["IN"], ["LIKE"])
    )


def _is_call(tokens: list[Token], index: int) -> bool:
    """Whether `name (` at index calls a function, rather than naming columns: `AS t(a, b)`,
    `) t(a, b)` after a subquery, `WITH t(a, b) AS (...)`, a table function after FROM (refused elsewhere)."""
    previous = tokens[index - 1].token_type.name if index else ""
    if previous in ("ALIAS", "R_PAREN", "FROM", "JOIN", "DOT", "TABLE", "INTO", "EXISTS"):
        return False
    depth, position = 0, index + 1
    while position < len(tokens):
        kind = tokens[position].token_type.name
        depth += kind == "L_PAREN"
        depth -= kind == "R_PAREN"
        if depth == 0:
            break
        position += 1
    after = tokens[position + 1 : position + 3]
    return not (len(after) == 2 and after[0].token_type.name == "ALIAS" and after[1].token_type.name == "L_PAREN")


_DATE = re.compile(r"\s*([+-]?\d{4,})-(\d{1,2})-(\d{1,2})\s*")
_TIMESTAMP = re.compile(
    r"\s*([+-]?\d{4,})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,12}))?)?)?"
    r"(?:\s*(?:[A-Za-z][\w/+-]*|[+-]\d{1,2}(?::?\d{2})?))?\s*"
)


def _check_literal(sql: str, token: Token, text: str, kind: str) -> None:
    """DATE '2026-13-01' fails at the literal, as Trino fails it (INVALID_LITERAL)."""
    match = (_DATE if kind == "date" else _TIMESTAMP).fullmatch(text)
    valid = match is not None
    if valid:
        try:
            year, month, day = (int(g) for g in match.groups()[:3])
            dt.date(year, month, day)
            if kind == "timestamp" and match.group(4) is not None:
                dt.time(int(match.group(4)), int(match.group(5)), int(match.group(6) or 0))
        except ValueError:
            valid = False
    if not valid:
        raise QueryFailed("INVALID_LITERAL", f"{at(sql, token.start)}: '{text}' is not a valid {kind} literal")


# --- types (after the tree is typed against the tables' columns) ---
_TEXT = {exp.DType.VARCHAR, exp.DType.CHAR, exp.DType.TEXT, exp.DType.NVARCHAR, exp.DType.NCHAR}
_NUMBERS = set(exp.DataType.NUMERIC_TYPES)
_TIMES = {
    exp.DType.DATE,
    exp.DType.TIMESTAMP,
    exp.DType.TIMESTAMPTZ,
    exp.DType.TIMESTAMP_MS,
    exp.DType.TIMESTAMP_S,
    exp.DType.TIMESTAMP_NS,
    exp.DType.DATETIME,
}
_COMPARISONS = {exp.EQ: "=", exp.NEQ: "<>", exp.GT: ">", exp.GTE: ">=", exp.LT: "<", exp.LTE: "<="}
_ARITHMETIC = {exp.Add: "+", exp.Sub: "-", exp.Mul: "*", exp.Div: "/", exp.Mod: "%"}


def _family(node: exp.Expression) -> str | None:
    dtype = node.type.this if node.type is not None else None
    if isinstance(node, exp.Literal):
        return "text" if node.is_string else "number"
    if dtype in _TEXT:
        return "text"
    if dtype in _NUMBERS:
        return "number"
    if dtype in _TIMES:
        return "time"
    if dtype == exp.DType.BOOLEAN:
        return "boolean"
    return None


def trino_type(node: exp.Expression) -> str:
    """The Trino name of an operand's type, as its messages print it (varchar(10) for a literal)."""
    if isinstance(node, exp.Literal):
        if node.is_string:
            return f"varchar({len(node.this)})"
        if re.fullmatch(r"\d+", node.this):
            return "integer" if int(node.this) <= 2**31 - 1 else "bigint"
        whole, _, fraction = node.this.partition(".")
        return (
            f"decimal({len(whole.lstrip('-')) + len(fraction)},{len(fraction)})"
            if "e" not in node.this.lower()
            else "double"
        )
    dtype = node.type.this if node.type is not None else None
    names = {
        exp.DType.INT: "integer",
        exp.DType.BIGINT: "bigint",
        exp.DType.SMALLINT: "smallint",
        exp.DType.TINYINT: "tinyint",
        exp.DType.DOUBLE: "double",
        exp.DType.FLOAT: "real",
        exp.DType.DATE: "date",
        exp.DType.TIMESTAMP: "timestamp(3)",
        exp.DType.TIMESTAMPTZ: "timestamp(3) with time zone",
        exp.DType.BOOLEAN: "boolean",
    }
    if dtype in _TEXT:
        return "varchar"
    if dtype == exp.DType.DECIMAL:
        params = [p.name for p in node.type.expressions]
        return f"decimal({','.join(params)})" if params else "decimal(38,0)"
    return names.get(dtype, str(dtype).lower())


def _operator_at(sql: str, left: exp.Expression, fallback: exp.Expression) -> str:
    """Where the operator after `left` is: Trino points at it."""
    ends = [n.meta["end"] for n in left.walk() if n._meta and "end" in n.meta]
    if not ends or not sql:
        return _start_of(sql, fallback)
    offset = max(ends) + 1
    while offset < len(sql) and (sql[offset].isspace() or sql[offset] in ")'\""):
        offset += 1
    return at(sql, offset)


def _start_of(sql: str, node: exp.Expression) -> str:
    starts = [n.meta["start"] for n in node.walk() if n._meta and "start" in n.meta]
    return at(sql, min(starts)) if starts and sql else "line 1:1"


def check_types(tree: exp.Expression, sql: str) -> None:
    """Operators Trino cannot apply to these types (it never converts text to numbers or dates)."""
    for node in tree.walk():
        operator = _COMPARISONS.get(type(node)) or _ARITHMETIC.get(type(node))
        if operator is not None:
            left, right = node.left, node.right
            if isinstance(right, (exp.Any, exp.All, exp.Subquery, exp.Query)) or isinstance(
                left, (exp.Any, exp.All, exp.Subquery, exp.Query)
            ):
                continue
            families = {_family(left), _family(right)}
            if None in families or len(families) == 1:  # an interval's family is None: date + interval is fine
                continue
            raise QueryFailed(
                "TYPE_MISMATCH",
                f"{_operator_at(sql, left, node)}: Cannot apply operator: "
                f"{trino_type(left)} {operator} {trino_type(right)}",
            )
        elif isinstance(node, exp.Between):
            kinds = {_family(node.this), _family(node.args["low"]), _family(node.args["high"])}
            if None not in kinds and len(kinds) > 1:
                where = _operator_at(sql, node.this, node)
                raise QueryFailed(
                    "TYPE_MISMATCH",
                    f"{where}: Cannot check if {trino_type(node.this)} is BETWEEN "
                    f"{trino_type(node.args['low'])} and {trino_type(node.args['high'])}",
                )
        elif isinstance(node, exp.DPipe):
            operands = [node.left, node.right]
            kinds = [_family(o) for o in operands]
            if any(k in ("number", "time", "boolean") for k in kinds) and not any(
                isinstance(o, exp.Array) or o.is_type(exp.DType.ARRAY) for o in operands
            ):
                raise QueryFailed(
                    "FUNCTION_NOT_FOUND",
                    f"{_operator_at(sql, node.left, node)}: Unexpected parameters "
                    f"({trino_type(node.left)}, {trino_type(node.right)}) for "
                    "function concat. Expected: concat(char(x), char(y)), "
                    "concat(array(E), E) E, concat(E, array(E)) E, "
                    "concat(array(E)) E, concat(varchar), concat(varbinary)",
                )
        elif isinstance(node, exp.In) and node.expressions:
            value = _family(node.this)
            items = {_family(e) for e in node.expressions}
            if value is not None and None not in items and items != {value}:
                raise QueryFailed(
                    "TYPE_MISMATCH",
                    f"{_operator_at(sql, node.this, node)}: IN value and list items "
                    f"must be the same type: {trino_type(node.this)}",
                )
        elif isinstance(node, exp.Like) and _family(node.this) in ("number", "time", "boolean"):
            raise QueryFailed(
                "TYPE_MISMATCH",
                f"{_start_of(sql, node)}: Left side of LIKE expression must evaluate to "
                f"a varchar (actual: {trino_type(node.this)})",
            )
