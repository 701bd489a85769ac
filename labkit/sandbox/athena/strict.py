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
_CLAUSES = {"FROM", "WHERE", "GROUP_BY", "GROUP", "HAVING", "ORDER_BY", "ORDER", "LIMIT", "UNION", "EXCEPT",
            "INTERSECT", "OFFSET", "WINDOW", "R_PAREN"}
# Tokens after which `[` is a subscript, not an array literal.
_SUBSCRIPTABLE = {"VAR", "IDENTIFIER", "R_PAREN", "R_BRACKET", "STRING", "NUMBER", "ARRAY"}


def at(sql: str, offset: int) -> str:
    """'line L:C' of a character offset, as Trino prints positions (1-based)."""
    line = sql.count("\n", 0, offset) + 1
    column = offset - (sql.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}:{column}"


def mismatched(sql: str, token: Token, text: str | None = None, expecting: str = "<expression>") -> QueryFailed:
    return QueryFailed("SYNTAX_ERROR", f"{at(sql, token.start)}: mismatched input '{text or token.text}'. "
                                       f"Expecting: {expecting}")


def check_tokens(sql: str, tokens: list[Token]) -> None:
    """Syntax Trino's grammar does not have, found in the statement's tokens."""
    depth_case = 0
    limit_depth: set[int] = set()
    depth = 0
    for index, token in enumerate(tokens):
        kind = token.token_type.name
        previous = tokens[index - 1] if index else None
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if kind == "UNKNOWN" and token.text == "`":
            raise QueryFailed("SYNTAX_ERROR", f"{at(sql, token.start)}: backquoted identifiers are not supported; "
                                              "use double quotes to quote identifiers")
        if kind in ("L_PAREN", "L_BRACKET"):
            depth += 1
        elif kind in ("R_PAREN", "R_BRACKET"):
            limit_depth.discard(depth)
            depth -= 1
        if kind == "CASE":
            depth_case += 1
        elif kind == "END":
            if depth_case == 0:
                raise mismatched(sql, token)
            depth_case -= 1
        elif kind == "COMMA" and following is not None and following.token_type.name in _CLAUSES:
            raise mismatched(sql, following)
        elif kind == "COMMA" and following is None:
            raise mismatched(sql, token, "<EOF>")
        elif kind in ("ILIKE", "DCOLON", "GLOB", "QUALIFY", "DIV", "L_BRACE"):
            raise mismatched(sql, token, ":" if kind == "DCOLON" else None,
                             "<EOF>" if kind == "QUALIFY" else "<expression>")
        elif kind == "VAR" and token.text.upper() in ("EXCLUDE", "REPLACE", "RENAME") and previous is not None \
                and previous.token_type.name == "STAR":
            raise mismatched(sql, token, expecting="',', 'FROM', <EOF>")
        elif kind == "L_BRACKET" and (previous is None or previous.token_type.name not in _SUBSCRIPTABLE):
            raise mismatched(sql, token)
        elif kind == "USING" and following is not None and following.text.upper() == "SAMPLE":
            raise mismatched(sql, token, expecting="<EOF>")
        elif kind == "LIMIT":
            limit_depth.add(depth)
        elif kind == "OFFSET" and depth in limit_depth:
            raise mismatched(sql, token, expecting="<EOF>")
        elif kind in ("DATE", "TIMESTAMP") and following is not None and following.token_type.name == "STRING" \
                and (previous is None or previous.token_type.name not in ("AS", "COLON")):
            _check_literal(sql, token, following.text, kind.lower())


_DATE = re.compile(r"\s*([+-]?\d{4,})-(\d{1,2})-(\d{1,2})\s*")
_TIMESTAMP = re.compile(r"\s*([+-]?\d{4,})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,12}))?)?)?"
                        r"(?:\s*(?:[A-Za-z][\w/+-]*|[+-]\d{1,2}(?::?\d{2})?))?\s*")


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
_TIMES = {exp.DType.DATE, exp.DType.TIMESTAMP, exp.DType.TIMESTAMPTZ, exp.DType.TIMESTAMP_MS,
          exp.DType.TIMESTAMP_S, exp.DType.TIMESTAMP_NS, exp.DType.DATETIME}
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
            return "integer" if int(node.this) <= 2 ** 31 - 1 else "bigint"
        whole, _, fraction = node.this.partition(".")
        return f"decimal({len(whole.lstrip('-')) + len(fraction)},{len(fraction)})" if "e" not in node.this.lower() \
            else "double"
    dtype = node.type.this if node.type is not None else None
    names = {exp.DType.INT: "integer", exp.DType.BIGINT: "bigint", exp.DType.SMALLINT: "smallint",
             exp.DType.TINYINT: "tinyint", exp.DType.DOUBLE: "double", exp.DType.FLOAT: "real",
             exp.DType.DATE: "date", exp.DType.TIMESTAMP: "timestamp(3)",
             exp.DType.TIMESTAMPTZ: "timestamp(3) with time zone", exp.DType.BOOLEAN: "boolean"}
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
            if isinstance(right, (exp.Any, exp.All, exp.Subquery, exp.Query)) or \
                    isinstance(left, (exp.Any, exp.All, exp.Subquery, exp.Query)):
                continue
            families = {_family(left), _family(right)}
            if None in families or len(families) == 1:  # an interval's family is None: date + interval is fine
                continue
            raise QueryFailed("TYPE_MISMATCH", f"{_operator_at(sql, left, node)}: Cannot apply operator: "
                                               f"{trino_type(left)} {operator} {trino_type(right)}")
        elif isinstance(node, exp.Between):
            kinds = {_family(node.this), _family(node.args["low"]), _family(node.args["high"])}
            if None not in kinds and len(kinds) > 1:
                where = _operator_at(sql, node.this, node)
                raise QueryFailed("TYPE_MISMATCH", f"{where}: Cannot check if {trino_type(node.this)} is BETWEEN "
                                                   f"{trino_type(node.args['low'])} and {trino_type(node.args['high'])}")
        elif isinstance(node, exp.DPipe):
            operands = [node.left, node.right]
            kinds = [_family(o) for o in operands]
            if any(k in ("number", "time", "boolean") for k in kinds) and not any(
                    isinstance(o, exp.Array) or o.is_type(exp.DType.ARRAY) for o in operands):
                raise QueryFailed("FUNCTION_NOT_FOUND", f"{_operator_at(sql, node.left, node)}: Unexpected parameters "
                                                        f"({trino_type(node.left)}, {trino_type(node.right)}) for "
                                                        "function concat. Expected: concat(char(x), char(y)), "
                                                        "concat(array(E), E) E, concat(E, array(E)) E, "
                                                        "concat(array(E)) E, concat(varchar), concat(varbinary)")
        elif isinstance(node, exp.In) and node.expressions:
            value = _family(node.this)
            items = {_family(e) for e in node.expressions}
            if value is not None and None not in items and items != {value}:
                raise QueryFailed("TYPE_MISMATCH", f"{_operator_at(sql, node.this, node)}: IN value and list items "
                                                   f"must be the same type: {trino_type(node.this)}")
        elif isinstance(node, exp.Like) and _family(node.this) in ("number", "time", "boolean"):
            raise QueryFailed("TYPE_MISMATCH", f"{_start_of(sql, node)}: Left side of LIKE expression must evaluate to "
                                               f"a varchar (actual: {trino_type(node.this)})")
