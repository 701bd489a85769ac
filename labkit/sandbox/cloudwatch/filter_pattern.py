"""CloudWatch Logs filter patterns: parse a pattern once, match it against many log events.

Pure (no moto, no HTTP): FilterLogEvents, TestMetricFilter and metric filters all use `parse`.

    >>> ssh = parse('[version, account, eni, source, destination, srcport, destport="22", protocol="6", '
    ...             'packets, bytes, windowstart, windowend, action="REJECT", flowlogstatus]')
    >>> line = "2 123456789012 eni-0a1b 198.51.100.7 10.0.1.10 50144 22 6 3 180 1764190800 1764190859 REJECT OK"
    >>> ssh.match(line).extracted["$destport"]
    '22'
    >>> ssh.match(line.replace("REJECT", "ACCEPT")) is None
    True
    >>> parse("?ERROR ?WARN").matches("WARN disk low")
    True

The syntax is the one the CloudWatch Logs user guide documents ("Filter pattern syntax for metric
filters, subscription filters, filter log events, and Live Tail"):

- Terms: `ERROR` (a case-sensitive substring), `"exact phrase"`, `-term` (must not occur), `?term`
  (at least one `?` term must occur). Unquoted terms hold letters, digits and `_` only; anything else
  must be quoted (AWS: "Invalid character(s) in term"). `""` matches every event.
- Space-delimited: `[ip, user, ..., status_code = 4*, bytes > 1000]`. Fields are split on spaces;
  text between double quotes or square brackets is one field. Without `...` the event must have exactly
  as many fields as the pattern; `...` stands for any number. Conditions `= != < <= > >=`, joined
  with `&&` / `||` (parentheses allowed) and naming the field they stand in; `*` at the start or end of
  a value is a wildcard; an unquoted number compares numerically, anything else as text.
- JSON: `{ $.user.id = 1 && $.tags[0] = "x*" }`, `IS NULL`, `IS TRUE`, `IS FALSE`, `NOT EXISTS`; `&&`
  binds tighter than `||`; `$.list[*].id` and `$.map.*` hold when any of their values does. A selector
  that points at an object or array matches nothing.
- Unquoted values hold letters, digits and `_ . * : / + -`; others (`@`, `$`, `'`, non-ASCII...) must be
  quoted.
- `%regex%` alone, as a term or as a value: letters, digits, spaces, `_#=@/;,-:` and the operators
  `^$?[]{}|\\*+.`; no parentheses, no multi-byte characters; at most two per pattern.

Where the guide is silent the choice is written next to the code (`?` terms combined with plain terms
are read as "all plain terms, and one of the `?` terms").
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable

MAX_PATTERN_LENGTH = 1024  # PutMetricFilter / FilterLogEvents: filterPattern length
MAX_REGEXES = 2  # regular expressions in one pattern
MAX_NESTING = 16  # parentheses deep (the guide shows one level; bounded so parsing never recurses far)
TERM_CHARACTERS = re.compile(r"[A-Za-z0-9_]+")
NAME = re.compile(r"[A-Za-z0-9_]+")
SELECTOR_NAME = re.compile(r"[A-Za-z0-9_\-]+")
BARE_VALUE = re.compile(r"[A-Za-z0-9_.*:/+\-]+")  # the guide: values with '@', '$', '\\'... must be quoted
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# The guide's list, and the space: AWS accepts `%Task timed out after|^REPORT\s.+\sStatus: timeout%`.
REGEX_CHARACTERS = re.compile(r"[A-Za-z0-9_#=@/;,\-:^$?\[\]{}|\\*+. ]*")
OPERATORS = ("!=", "<=", ">=", "=", "<", ">")
VALUE_STOPS = {"delimited": " \t\r\n,]&|()", "json": " \t\r\n}&|()"}


class FilterPatternError(ValueError):
    """A pattern CloudWatch Logs refuses. `term` names the offending unquoted term, when that is why."""

    def __init__(self, reason: str, term: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.term = term

    def aws_message(self, invalid: str = "Invalid filter pattern") -> str:
        """The message of AWS's InvalidParameterException (`invalid` differs by API)."""
        if self.term is not None:
            return f"Invalid character(s) in term '{self.term}'"
        return invalid


class Match:
    """One event matched: `extracted` is what TestMetricFilter reports; `value(ref)` reads `$name`, `$3`
    (space-delimited) or `$.a.b` (JSON) for a metric value or dimension."""

    __slots__ = ("extracted", "_lookup")

    def __init__(self, extracted: dict[str, str] | None = None, lookup: Callable[[str], str | None] | None = None):
        self.extracted = extracted or {}
        self._lookup = lookup

    def value(self, reference: str) -> str | None:
        return self._lookup(reference) if self._lookup is not None else None


@dataclass(frozen=True)
class FilterPattern:
    """A parsed pattern. `kind`: 'all', 'terms', 'delimited' or 'json'."""

    text: str
    kind: str
    regexes: int = 0
    _match: Callable[[str], Match | None] = field(repr=False, compare=False, default=lambda m: Match())
    _references: Callable[[str], bool] = field(repr=False, compare=False, default=lambda r: False)

    def match(self, message: str) -> Match | None:
        """The match, or None. Never raises: an event the pattern cannot read does not match."""
        try:
            return self._match(message if isinstance(message, str) else "")
        except (ValueError, TypeError, RecursionError, OverflowError):  # a message no pattern can read
            return None

    def matches(self, message: str) -> bool:
        return self.match(message) is not None

    def can_reference(self, reference: str) -> bool:
        """Whether a metric value or dimension may name `reference` with this pattern."""
        return self._references(reference)


def parse(text: str) -> FilterPattern:
    """Parse a filter pattern; FilterPatternError when CloudWatch Logs would refuse it."""
    if not isinstance(text, str):
        raise FilterPatternError("not a string")
    return _parse_cached(text)


@functools.lru_cache(maxsize=512)
def _parse_cached(text: str) -> FilterPattern:
    if len(text) > MAX_PATTERN_LENGTH:
        raise FilterPatternError("longer than 1024 characters")
    stripped = text.strip()
    if not stripped:
        return FilterPattern(text, "all")
    if stripped[0] == "{":
        pattern = _parse_json(text, stripped)
    elif stripped[0] == "[":
        pattern = _parse_delimited(text, stripped)
    else:
        pattern = _parse_terms(text, stripped)
    if pattern.regexes > MAX_REGEXES:
        raise FilterPatternError(f"more than {MAX_REGEXES} regular expressions")
    return pattern


# --- reading text ---


class _Cursor:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self, size: int = 1) -> str:
        return self.text[self.pos : self.pos + size]

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def take(self, literal: str) -> bool:
        if self.text.startswith(literal, self.pos):
            self.pos += len(literal)
            return True
        return False

    def expect(self, literal: str) -> None:
        if not self.take(literal):
            raise FilterPatternError(f"expected {literal!r} at {self.pos}")

    def name(self, pattern: re.Pattern = NAME) -> str:
        found = pattern.match(self.text, self.pos)
        if not found:
            raise FilterPatternError(f"expected a name at {self.pos}")
        self.pos = found.end()
        return found.group()

    def quoted(self) -> str:
        """A double-quoted string (the cursor on its opening quote); backslash escapes the next character."""
        self.expect('"')
        out = []
        while True:
            if self.at_end():
                raise FilterPatternError("unterminated quoted string")
            char = self.text[self.pos]
            self.pos += 1
            if char == '"':
                return "".join(out)
            if char == "\\" and not self.at_end():
                char = self.text[self.pos]
                self.pos += 1
            out.append(char)

    def regex(self) -> "re.Pattern":
        """A %regex% (the cursor on its opening %)."""
        self.expect("%")
        end = self.text.find("%", self.pos)
        if end < 0:
            raise FilterPatternError("unterminated regular expression")
        body = self.text[self.pos : end]
        self.pos = end + 1
        return compile_regex(body)

    def bare(self, stops: str) -> str:
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] not in stops:
            self.pos += 1
        return self.text[start : self.pos]

    def operator(self) -> str:
        for op in OPERATORS:
            if self.take(op):
                return op
        raise FilterPatternError(f"expected a comparison at {self.pos}")


def compile_regex(body: str) -> "re.Pattern":
    """A regular expression as AWS accepts it between % signs."""
    if not body:
        raise FilterPatternError("empty regular expression")
    if not REGEX_CHARACTERS.fullmatch(body):
        raise FilterPatternError("character not supported in a regular expression")
    try:
        return re.compile(body)
    except (re.error, OverflowError, RecursionError) as error:
        raise FilterPatternError(f"bad regular expression: {error}") from None


# --- values compared with (space-delimited fields and JSON properties) ---


@dataclass(frozen=True)
class _Literal:
    kind: str  # 'text', 'number' or 'regex'
    text: str = ""
    number: float = 0.0
    regex: Any = None

    def test(self, op: str, actual: str) -> bool:
        if self.kind == "regex":
            found = self.regex.search(actual) is not None
            return found if op == "=" else not found
        if self.kind == "number":
            if not NUMBER.fullmatch(actual.strip()):
                return False  # a numeric condition holds only for numbers
            return _compare(op, float(actual), self.number)
        equal = _glob(self.text, actual)
        return equal if op == "=" else not equal


def _compare(op: str, left: float, right: float) -> bool:
    if math.isnan(left) or math.isnan(right):
        return False
    return {
        "=": left == right,
        "!=": left != right,
        "<": left < right,
        "<=": left <= right,
        ">": left > right,
        ">=": left >= right,
    }[op]


def _glob(expected: str, actual: str) -> bool:
    """`*` at the start or end of a value matches any text there; inside it is a plain `*` (as the guide
    says of JSON values: `Ev*ent` matches only `Ev*ent`)."""
    if expected == "*" or expected == "**":
        return True
    starts = expected.startswith("*")
    ends = expected.endswith("*")
    core = expected[1 if starts else 0 : len(expected) - 1 if ends else len(expected)]
    if starts and ends:
        return core in actual
    if starts:
        return actual.endswith(core)
    if ends:
        return actual.startswith(core)
    return actual == core


def _read_literal(cursor: _Cursor, op: str, context: str, counter: list[int]) -> _Literal:
    cursor.skip_spaces()
    if cursor.peek() == '"':
        literal = _Literal("text", cursor.quoted())
    elif cursor.peek() == "%":
        counter[0] += 1
        literal = _Literal("regex", regex=cursor.regex())
    else:
        raw = cursor.bare(VALUE_STOPS[context])
        if not raw:
            raise FilterPatternError(f"expected a value at {cursor.pos}")
        if not BARE_VALUE.fullmatch(raw):
            raise FilterPatternError("an unquoted value with other characters (quote it)")
        if NUMBER.fullmatch(raw):
            literal = _Literal("number", raw, float(raw))
        else:
            literal = _Literal("text", raw)
    if op not in ("=", "!=") and literal.kind != "number":
        raise FilterPatternError(f"{op} needs a number")
    return literal


# --- conditions joined with && / || and parentheses (space-delimited fields and JSON) ---


def _parse_condition(cursor: _Cursor, atom: Callable[[_Cursor], Callable], depth: int = 0) -> Callable:
    """expr := and ('||' and)* ; and := unary ('&&' unary)* ; unary := '(' expr ')' | atom"""
    if depth > MAX_NESTING:
        raise FilterPatternError("parentheses nested too deep")
    return _parse_joined(
        cursor, "||", any, lambda c: _parse_joined(c, "&&", all, lambda c2: _parse_unary(c2, atom, depth))
    )


def _parse_joined(
    cursor: _Cursor, operator: str, combine: Callable, operand: Callable[[_Cursor], Callable]
) -> Callable:
    """Operands separated by `operator`, true when `combine` (any / all) of them is."""
    parts = [operand(cursor)]
    while True:
        cursor.skip_spaces()
        if not cursor.take(operator):
            break
        parts.append(operand(cursor))
    if len(parts) == 1:
        return parts[0]
    return lambda value: combine(test(value) for test in parts)


def _parse_unary(cursor: _Cursor, atom: Callable[[_Cursor], Callable], depth: int) -> Callable:
    cursor.skip_spaces()
    if cursor.take("("):
        inner = _parse_condition(cursor, atom, depth + 1)
        cursor.skip_spaces()
        cursor.expect(")")
        return inner
    return atom(cursor)


# --- terms ---


@dataclass(frozen=True)
class _Term:
    text: str = ""
    regex: Any = None

    def occurs_in(self, message: str) -> bool:
        return self.regex.search(message) is not None if self.regex is not None else self.text in message


def _parse_terms(text: str, stripped: str) -> FilterPattern:
    cursor = _Cursor(stripped)
    required: list[_Term] = []
    excluded: list[_Term] = []
    optional: list[_Term] = []
    regexes = 0
    while True:
        cursor.skip_spaces()
        if cursor.at_end():
            break
        bucket = required
        if cursor.peek() in ("-", "?"):
            bucket = excluded if cursor.peek() == "-" else optional
            cursor.pos += 1
            cursor.skip_spaces()  # the guide writes `"ERROR" - "Exiting"`
            if cursor.at_end():
                raise FilterPatternError("a - or ? with no term after it")
        if cursor.peek() == '"':
            term = _Term(cursor.quoted())
        elif cursor.peek() == "%":
            term = _Term(regex=cursor.regex())
            regexes += 1
        else:
            word = cursor.bare(" \t\r\n")
            if not TERM_CHARACTERS.fullmatch(word):
                raise FilterPatternError("unquoted term with other characters", term=word)
            term = _Term(word)
        bucket.append(term)

    def match(message: str) -> Match | None:
        if not all(t.occurs_in(message) for t in required):
            return None
        if any(t.occurs_in(message) for t in excluded):
            return None
        # The guide shows ? terms alone (`?ERROR ?WARN`); with plain terms beside them, one of them must
        # occur as well.
        if optional and not any(t.occurs_in(message) for t in optional):
            return None
        return Match()

    return FilterPattern(text, "terms", regexes, match)


# --- space-delimited ---


@dataclass(frozen=True)
class _Field:
    name: str | None
    test: Callable[[str], bool] | None


def split_fields(message: str) -> list[str]:
    """A space-delimited event's fields: runs of non-space characters; text between double quotes or
    square brackets is one field (without the quotes or brackets)."""
    fields: list[str] = []
    i, length = 0, len(message)
    while i < length:
        while i < length and message[i].isspace():
            i += 1
        if i >= length:
            break
        closing = {'"': '"', "[": "]"}.get(message[i])
        if closing is not None:
            end = message.find(closing, i + 1)
            if end < 0:
                fields.append(message[i + 1 :])
                break
            fields.append(message[i + 1 : end])
            i = end + 1
        else:
            end = i
            while end < length and not message[end].isspace():
                end += 1
            fields.append(message[i:end])
            i = end
    return fields


def _parse_delimited(text: str, stripped: str) -> FilterPattern:
    cursor = _Cursor(stripped)
    cursor.expect("[")
    before: list[_Field] = []
    after: list[_Field] = []
    ellipsis = False
    names: set[str] = set()
    counter = [0]
    cursor.skip_spaces()
    if cursor.peek() == "]":
        raise FilterPatternError("no fields")
    while True:
        cursor.skip_spaces()
        if cursor.take("..."):
            if ellipsis:
                raise FilterPatternError("more than one ...")
            ellipsis = True
        elif cursor.peek() in (",", "]"):
            (after if ellipsis else before).append(_Field(None, None))
        else:
            item = _parse_field(cursor, counter)
            if item.name in names:
                raise FilterPatternError(f"field {item.name} named twice")
            names.add(item.name)
            (after if ellipsis else before).append(item)
        cursor.skip_spaces()
        if cursor.take("]"):
            break
        cursor.expect(",")
    cursor.skip_spaces()
    if not cursor.at_end():
        raise FilterPatternError("text after ]")
    fixed = len(before) + len(after)

    def match(message: str) -> Match | None:
        values = split_fields(message)
        if len(values) < fixed or (not ellipsis and len(values) != fixed):
            return None
        tail = len(values) - len(after)
        slots = list(enumerate(before)) + [(tail + i, f) for i, f in enumerate(after)]
        for position, item in slots:
            if item.test is not None and not item.test(values[position]):
                return None
        by_position = {position: item.name for position, item in slots if item.name is not None}
        extracted = {
            (f"${by_position[i]}" if i in by_position else f"${i + 1}"): value for i, value in enumerate(values)
        }
        by_name = {f"${name}": values[position] for position, name in by_position.items()}

        def lookup(reference: str) -> str | None:
            if reference in by_name:
                return by_name[reference]
            if reference[1:].isdigit() and reference.startswith("$"):
                index = int(reference[1:]) - 1
                return values[index] if 0 <= index < len(values) else None
            return None

        return Match(extracted, lookup)

    def references(reference: str) -> bool:
        if not reference.startswith("$"):
            return False
        key = reference[1:]
        return key in names or (key.isdigit() and int(key) >= 1)

    return FilterPattern(text, "delimited", counter[0], match, references)


def _parse_field(cursor: _Cursor, counter: list[int]) -> _Field:
    """`name`, or `name <op> value` conditions joined with && / || (all about this one field)."""
    declared: list[str] = []
    conditions = 0

    def atom(c: _Cursor) -> Callable[[str], bool]:
        nonlocal conditions
        c.skip_spaces()
        name = c.name()
        if declared and name != declared[0]:
            raise FilterPatternError("a condition about another field")  # AWS: Invalid filter pattern
        declared.append(name)
        c.skip_spaces()
        if c.peek() not in ("=", "!", "<", ">"):
            return lambda value: True
        op = c.operator()
        literal = _read_literal(c, op, "delimited", counter)
        conditions += 1
        return lambda value: literal.test(op, value)

    test = _parse_condition(cursor, atom)
    if len(declared) > 1 and conditions < len(declared):
        raise FilterPatternError("a field name without a condition inside a condition")
    return _Field(declared[0], test if conditions else None)


# --- JSON ---

_MISSING = object()


WILDCARD = "*"  # a selector step: every property of an object (`.*`) or every element of an array (`[*]`)


def _parse_selector(cursor: _Cursor) -> tuple[str, tuple]:
    start = cursor.pos
    cursor.expect("$")
    steps: list = []
    while True:
        if cursor.take(".*"):
            steps.append(WILDCARD)
        elif cursor.take("."):
            steps.append(cursor.name(SELECTOR_NAME))
        elif cursor.take("["):
            digits = cursor.bare("]")
            if digits != WILDCARD and not digits.isdigit():
                raise FilterPatternError("an array index must be a number or *")
            cursor.expect("]")
            steps.append(WILDCARD if digits == WILDCARD else int(digits))
        else:
            break
    if not steps:
        raise FilterPatternError("a selector must name a property")
    return cursor.text[start : cursor.pos], tuple(steps)


def _nodes(document: Any, steps: tuple) -> list:
    """Every value the selector points at (several with a wildcard, none when it points nowhere)."""
    nodes = [document]
    for step in steps:
        found = []
        for node in nodes:
            if step is WILDCARD:
                if isinstance(node, dict):
                    found.extend(node.values())
                elif isinstance(node, list):
                    found.extend(node)
            elif isinstance(step, int):
                if isinstance(node, list) and step < len(node):
                    found.append(node[step])
            elif isinstance(node, dict) and step in node:
                found.append(node[step])
        nodes = found
    return nodes


def _resolve(document: Any, steps: tuple) -> Any:
    nodes = _nodes(document, steps)
    return nodes[0] if nodes else _MISSING


def _scalar_text(node: Any) -> str | None:
    """A JSON value as the text a condition or a metric value reads; None for null, objects, arrays."""
    if node is _MISSING or node is None or isinstance(node, (dict, list)):
        return None
    if isinstance(node, bool):
        return "true" if node else "false"
    if isinstance(node, float) and node.is_integer() and abs(node) < 1e15:
        return repr(node)
    return str(node)


def _reject_constant(name: str):
    raise ValueError(name)  # NaN / Infinity are not JSON


def _load_json(message: str) -> Any:
    return json.loads(message, parse_constant=_reject_constant)


def _parse_json(text: str, stripped: str) -> FilterPattern:
    cursor = _Cursor(stripped)
    cursor.expect("{")
    counter = [0]

    def atom(c: _Cursor) -> Callable[[Any], bool]:
        c.skip_spaces()
        _, steps = _parse_selector(c)
        c.skip_spaces()
        if c.take("IS"):
            c.skip_spaces()
            word = c.name()
            if word == "NULL":
                return lambda doc: any(node is None for node in _nodes(doc, steps))
            if word in ("TRUE", "FALSE"):
                wanted = word == "TRUE"
                return lambda doc: any(node is wanted for node in _nodes(doc, steps))
            raise FilterPatternError("IS must be followed by NULL, TRUE or FALSE")
        if c.take("NOT"):
            c.skip_spaces()
            if c.name() != "EXISTS":
                raise FilterPatternError("NOT must be followed by EXISTS")
            return lambda doc: not _nodes(doc, steps)
        op = c.operator()
        literal = _read_literal(c, op, "json", counter)

        def test(doc: Any) -> bool:  # with a wildcard: any of the values
            for node in _nodes(doc, steps):
                value = _scalar_text(node)
                if value is not None and literal.test(op, value):
                    return True
            return False

        return test

    condition = _parse_condition(cursor, atom)
    cursor.skip_spaces()
    cursor.expect("}")
    cursor.skip_spaces()
    if not cursor.at_end():
        raise FilterPatternError("text after }")

    def match(message: str) -> Match | None:
        try:
            document = _load_json(message)
        except (ValueError, RecursionError):
            return None
        if not isinstance(document, (dict, list)) or not condition(document):
            return None

        def lookup(reference: str) -> str | None:
            try:
                _, steps = _parse_selector(_Cursor(reference))
            except FilterPatternError:
                return None
            return _scalar_text(_resolve(document, steps))

        return Match({}, lookup)  # the guide: extracted values are for space-delimited patterns only

    def references(reference: str) -> bool:
        reader = _Cursor(reference)
        try:
            _parse_selector(reader)
        except FilterPatternError:
            return False
        return reader.at_end()

    return FilterPattern(text, "json", counter[0], match, references)
