"""CloudWatch Logs Insights (Logs Insights QL): parse a query once, run it over log events.

Pure (no moto, no HTTP): StartQuery and GetQueryResults (patches.py) hand it the events of the queried
log groups and time range, and turn its rows into AWS's answer.

    >>> line = "2 123456789012 eni-0a1b {} 10.0.1.10 50144 22 6 3 180 1764190800 1764190859 {} OK"
    >>> events = [Event(1764190805000, line.format(src, action)) for src, action in
    ...           [("198.51.100.7", "REJECT"), ("203.0.113.9", "REJECT"), ("198.51.100.7", "REJECT"),
    ...            ("203.0.113.9", "ACCEPT")]]
    >>> result = parse('filter action="REJECT" | stats count(*) as n by srcAddr | sort n desc').run(events)
    >>> [dict(fields) for fields, _ in result.rows]
    [{'srcAddr': '198.51.100.7', 'n': '2'}, {'srcAddr': '203.0.113.9', 'n': '1'}]
    >>> result.matched, result.scanned
    (3, 4)

The language is the one the CloudWatch Logs user guide documents ("CloudWatch Logs Insights language
query syntax"): commands `fields`, `filter` (`where`), `parse` (glob or regex with named groups),
`stats` (aggregations `by` expressions and `bin(period)`), `sort`, `limit`, `display`, `dedup`, joined
by `|`; `#` starts a comment. Every event has @timestamp, @message, @logStream, @log and @ingestionTime;
a VPC flow-log event in the default format also has the fields Insights discovers in it, and a JSON
event its (flattened) keys. Where the guide is silent the choice is written next to the code; the main
ones: a comparison with a field the event lacks is neither true nor false (as in SQL, so `not` does not
bring such events back); `pct` is the nearest-rank percentile (a value of the data: AWS estimates
percentiles, so on large data AWS's answer can differ a little); without `sort`, events come newest first.
"""

from __future__ import annotations

import calendar
import ipaddress
import json
import math
import operator
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

DEFAULT_LIMIT = 10_000  # rows a query returns when neither it nor StartQuery says how many
MAX_LIMIT = 100_000  # StartQuery's limit, and a query's `limit`, at most
MAX_QUERY_LENGTH = 10_000  # StartQuery: queryString length
MAX_JSON_FIELDS = 100  # Insights discovers at most 100 fields of a JSON event
MAX_NESTING = 40  # parentheses deep, and
MAX_DEPTH = 100  # operators deep: parsing and running never recurse far

# The default flow-log format, as Insights names its fields (the user guide's table: startTime and
# endTime; the console and most examples: start and end; both are answered).
FLOW_FIELDS = (
    "version",
    "accountId",
    "interfaceId",
    "srcAddr",
    "dstAddr",
    "srcPort",
    "dstPort",
    "protocol",
    "packets",
    "bytes",
    "start",
    "end",
    "action",
    "logStatus",
)
_FLOW_INDEX = {**{name: index for index, name in enumerate(FLOW_FIELDS)}, "startTime": 10, "endTime": 11}
FLOW_ACTIONS = {"ACCEPT", "REJECT", "-"}
FLOW_STATUSES = {"OK", "NODATA", "SKIPDATA"}

COMMANDS = ("fields", "display", "filter", "where", "stats", "sort", "limit", "head", "parse", "dedup")
EXPECTED_COMMAND = "{K_PARSE, K_FIELDS, K_DISPLAY, K_FILTER, K_STATS, K_SORT, K_LIMIT, K_DEDUP}"
KEYWORDS = {"and", "or", "not", "like", "in", "as", "by", "asc", "desc"}
NOT_SUPPORTED = {
    "unmask",
    "pattern",
    "anomaly",
    "diff",
    "lookup",
    "join",
    "unnest",
    "source",
    "filterindex",
    "tail",
    "search",
    "order",
}

_INTEGER = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_CHUNKS = re.compile(r"(\d+)|(\D+)")
_NAME = re.compile(r"[A-Za-z_@][A-Za-z0-9_.@]*")
_NUMBER_TOKEN = re.compile(r"\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_DURATION_TOKEN = re.compile(r"(\d+)([A-Za-z]+)")
_OPERATORS = ("!=", "<=", ">=", "=~", "=", "<", ">", "+", "-", "*", "/", "%", "^", "(", ")", "[", "]", ",", "|")
_GLOBAL_FLAGS = re.compile(r"(?<!\\)\(\?([imsx]+)\)")
_NAMED_GROUP = re.compile(r"(?<!\\)\(\?<(?![=!])")

# bin() periods (the guide's list; a unit of more than one letter may take an s): milliseconds, or months
SECOND, MINUTE, HOUR, DAY = 1000, 60_000, 3_600_000, 86_400_000
_UNITS = {
    "ms": 1,
    "msec": 1,
    "millisecond": 1,
    "s": SECOND,
    "sec": SECOND,
    "second": SECOND,
    "m": MINUTE,
    "min": MINUTE,
    "minute": MINUTE,
    "h": HOUR,
    "hr": HOUR,
    "hour": HOUR,
    "d": DAY,
    "day": DAY,
    "w": 7 * DAY,
    "week": 7 * DAY,
}
_MONTH_UNITS = {"mo": 1, "mon": 1, "month": 1, "q": 3, "qtr": 3, "quarter": 3, "y": 12, "yr": 12, "year": 12}
_MONDAY = 4 * DAY  # weeks start on Monday (1970-01-05), as ISO weeks do: the guide does not say


class MalformedQuery(ValueError):
    """A query Insights refuses (StartQuery's MalformedQueryException); `start`/`end` locate it in the text."""

    def __init__(self, message: str, start: int = 0, end: int = 0):
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = end


class Timestamp(int):
    """Milliseconds since the epoch, shown as Insights shows times (UTC): 2025-11-26 21:00:05.000."""

    def __str__(self) -> str:
        seconds, millis = divmod(int(self), 1000)
        return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(seconds)) + f".{millis:03d}"


class Event:
    """One log event as a query sees it. `source` is the caller's (it comes back with each row, for @ptr)."""

    __slots__ = ("timestamp", "message", "ingestion_time", "log_stream", "log", "source", "extra", "found")

    def __init__(
        self,
        timestamp: int,
        message: str,
        ingestion_time: int | None = None,
        log_stream: str = "",
        log: str = "",
        source: Any = None,
    ):
        self.timestamp = timestamp
        self.message = message
        self.ingestion_time = timestamp if ingestion_time is None else ingestion_time
        self.log_stream = log_stream
        self.log = log
        self.source = source
        self.extra: dict | None = None  # fields a command made (fields ... as, parse)
        self.found: dict | list | None = None  # discovered in the message, once (a flow log: its words)

    def get(self, name: str):
        extra = self.extra
        if extra is not None and name in extra:
            return extra[name]
        system = _SYSTEM_FIELDS.get(name)
        if system is not None:
            return system(self)
        found = self.found
        if found is None:
            found = self.found = _discover(self.message)
        if type(found) is list:  # a flow-log record's words: no dict made for each of 100,000 events
            index = _FLOW_INDEX.get(name)
            if index is None:
                return None
            value = found[index]
            return None if value == "-" else value
        return found.get(name)

    def set(self, name: str, value) -> None:
        if self.extra is None:
            self.extra = {}
        self.extra[name] = value


class Row(dict):
    """A row made by `stats`: its fields and nothing else."""

    def set(self, name: str, value) -> None:
        self[name] = value


_SYSTEM_FIELDS: dict[str, Callable[[Event], Any]] = {
    "@timestamp": lambda e: Timestamp(e.timestamp),
    "@message": lambda e: e.message,
    "@logStream": lambda e: e.log_stream,
    "@log": lambda e: e.log,
    "@ingestionTime": lambda e: Timestamp(e.ingestion_time),
}
_NOTHING: dict = {}


def discover(message: str) -> dict:
    """The fields Insights discovers in a message: a default-format VPC flow-log record's 14 (a `-` is no
    value: NODATA and SKIPDATA records have no addresses, ports or counts), or a JSON object's keys."""
    found = _discover(message)
    if type(found) is list:
        return {name: found[index] for name, index in _FLOW_INDEX.items() if found[index] != "-"}
    return found


def _discover(message: str) -> dict | list[str]:
    """discover's answer, a flow-log record left as its list of words (Event.get reads them by position)."""
    if not isinstance(message, str):
        return _NOTHING
    if message[:1] == "{":
        return _json_fields(message)
    parts = message.split(" ")
    if len(parts) != 14 or not parts[0].isdigit() or parts[12] not in FLOW_ACTIONS or parts[13] not in FLOW_STATUSES:
        return _NOTHING
    return parts


def _json_fields(message: str) -> dict:
    """JSON keys flattened with dots (`userIdentity.type`), list items by position (`items.0.id`); numbers
    keep their text; at most MAX_JSON_FIELDS."""
    try:
        document = json.loads(message, parse_float=str, parse_int=str)
    except (ValueError, RecursionError):
        return _NOTHING
    if not isinstance(document, dict):
        return _NOTHING
    found: dict[str, str] = {}
    stack: list[tuple[str, Any]] = [("", document)]
    while stack and len(found) < MAX_JSON_FIELDS:
        prefix, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{prefix}{key}.", item) for key, item in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((f"{prefix}{index}.", item) for index, item in reversed(list(enumerate(value))))
        elif value is not None:
            found[prefix[:-1]] = "true" if value is True else "false" if value is False else value
    return found


# --- values ---


def number(value):
    """The number a value stands for (fields hold text: "22" is 22), or None."""
    kind = type(value)
    if kind is int or kind is float or kind is Timestamp:
        return value
    if kind is str:
        if value.isdigit() and value.isascii():
            return int(value)
        if _INTEGER.fullmatch(value):
            return int(value)
        if _NUMBER.fullmatch(value):
            result = float(value)
            return result if math.isfinite(result) else None
        return None
    if kind is bool:
        return int(value)
    return None


def render(value) -> str | None:
    """A value as GetQueryResults shows it (a string), or None for no value (the field is left out)."""
    kind = type(value)
    if value is None:
        return None
    if kind is str:
        return value
    if kind is bool:
        return "1" if value else "0"
    if kind is float:
        if not math.isfinite(value):
            return None
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def natural_key(value):
    """Insights' sort order: text before numbers; numbers by value; text in chunks, digits by length then
    value, other characters by code point (the guide's "sort" page)."""
    if value is None:
        return (2,)
    amount = number(value) if type(value) is not str or value[:1].isdigit() or value[:1] in "+-." else None
    if amount is not None:
        return (1, amount)
    text = render(value) or ""
    # a chunk of digits sorts among other chunks as its first character does ("0" stands for all digits)
    return (
        0,
        tuple(("0", len(digits), int(digits)) if digits else (other, 0, 0) for digits, other in _CHUNKS.findall(text)),
    )


def _truth(value):
    if value is None or type(value) is bool:
        return value
    if type(value) in (int, float, Timestamp):
        return value != 0
    return value != ""


def _equal(a, b) -> bool:
    x, y = number(a), number(b)
    if x is not None and y is not None:
        return x == y
    return render(a) == render(b)


def _compare(test: Callable[[Any, Any], bool], a, b):
    if a is None or b is None:
        return None
    x, y = number(a), number(b)
    if x is not None and y is not None:
        return test(x, y)
    return test(render(a), render(b))


def floor_time(millis: int, amount: int, unit: str) -> int:
    """The start of the period (amount × unit) that holds `millis`."""
    if unit in _UNITS:
        size = amount * _UNITS[unit]
        offset = _MONDAY if unit in ("w", "week") else 0
        return (millis - offset) // size * size + offset
    months = amount * _MONTH_UNITS[unit]
    moment = time.gmtime(millis // 1000)
    index = (moment.tm_year * 12 + moment.tm_mon - 1) // months * months
    return calendar.timegm((index // 12, index % 12 + 1, 1, 0, 0, 0)) * 1000


def ceil_time(millis: int, amount: int, unit: str) -> int:
    start = floor_time(millis, amount, unit)
    if start == millis:
        return start
    if unit in _UNITS:
        return start + amount * _UNITS[unit]
    months = amount * _MONTH_UNITS[unit]
    moment = time.gmtime(start // 1000)
    index = moment.tm_year * 12 + moment.tm_mon - 1 + months
    return calendar.timegm((index // 12, index % 12 + 1, 1, 0, 0, 0)) * 1000


def _unit(word: str) -> str | None:
    word = word.lower()
    if word in _UNITS or word in _MONTH_UNITS:
        return word
    if (
        len(word) > 2
        and word.endswith("s")
        and (word[:-1] in _UNITS or word[:-1] in _MONTH_UNITS)
        and len(word[:-1]) > 1
    ):
        return word[:-1]
    return None


def compile_regex(body: str, where: tuple[int, int] = (0, 0)) -> re.Pattern:
    """A regular expression as Insights writes it (Java's `(?<name>...)`, `(?i)` anywhere) in Python's syntax."""
    flags = "".join(_GLOBAL_FLAGS.findall(body))
    body = _NAMED_GROUP.sub("(?P<", _GLOBAL_FLAGS.sub("", body))
    try:
        return re.compile((f"(?{''.join(sorted(set(flags)))})" if flags else "") + body)
    except (re.error, OverflowError, RecursionError, ValueError) as error:
        raise MalformedQuery(f"Invalid regular expression: {error}", *where) from None


# --- functions ---


def _safe(function: Callable) -> Callable:
    """A function of values that answers None where it cannot (no value, text where a number belongs)."""

    def call(*args):
        try:
            return function(*args)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError, IndexError):
            return None

    return call


def _numeric(function: Callable) -> Callable:
    def call(*args):
        numbers = [number(a) for a in args]
        if any(n is None for n in numbers):
            return None
        return function(*numbers)

    return _safe(call)


def _textual(function: Callable) -> Callable:
    def call(*args):
        texts = [render(a) if type(a) is not str else a for a in args]
        if texts and texts[0] is None:
            return None
        return function(*texts)

    return _safe(call)


def _in_subnet(address, subnet, version: int | None = None):
    try:
        ip, network = ipaddress.ip_address(address), ipaddress.ip_network(subnet, strict=False)
    except ValueError:
        return False
    return (version is None or ip.version == version) and ip.version == network.version and ip in network


def _valid_ip(address, version: int | None = None) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return version is None or ip.version == version


def _trim(text: str, chars: str | None, left: bool, right: bool) -> str:
    if left:
        text = text.lstrip(chars)
    if right:
        text = text.rstrip(chars)
    return text


def _substr(text: str, start, length=None):
    start = int(number(start))
    if length is None:
        return text[start:]
    return text[start : start + int(number(length))]


def _round(value, digits=0):
    return round(value, int(digits))


# name → (fewest arguments, most arguments or None, implementation of the values)
_FUNCTIONS: dict[str, tuple[int, int | None, Callable]] = {
    "abs": (1, 1, _numeric(abs)),
    "ceil": (1, 1, _numeric(math.ceil)),
    "floor": (1, 1, _numeric(math.floor)),
    "round": (1, 2, _numeric(_round)),
    "greatest": (1, None, _numeric(max)),
    "least": (1, None, _numeric(min)),
    "log": (1, 1, _numeric(math.log)),
    "sqrt": (1, 1, _numeric(math.sqrt)),
    "isempty": (1, 1, lambda v: v is None or render(v) == ""),
    "isblank": (1, 1, lambda v: v is None or (render(v) or "").strip() == ""),
    "concat": (1, None, _safe(lambda *v: "".join(render(x) or "" for x in v))),
    "ltrim": (1, 2, _textual(lambda t, c=None: _trim(t, c, True, False))),
    "rtrim": (1, 2, _textual(lambda t, c=None: _trim(t, c, False, True))),
    "trim": (1, 2, _textual(lambda t, c=None: _trim(t, c, True, True))),
    "strlen": (1, 1, _textual(len)),
    "toupper": (1, 1, _textual(str.upper)),
    "tolower": (1, 1, _textual(str.lower)),
    "substr": (2, 3, _textual(_substr)),
    "replace": (3, 3, _textual(lambda t, a, b: t.replace(a, b))),
    "strcontains": (2, 2, _textual(lambda t, s: 1 if s in t else 0)),
    "frommillis": (1, 1, _numeric(lambda n: Timestamp(int(n)))),
    "tomillis": (1, 1, _numeric(int)),
    "isvalidip": (1, 1, _textual(_valid_ip)),
    "isvalidipv4": (1, 1, _textual(lambda a: _valid_ip(a, 4))),
    "isvalidipv6": (1, 1, _textual(lambda a: _valid_ip(a, 6))),
    "isipinsubnet": (2, 2, _textual(_in_subnet)),
    "isipv4insubnet": (2, 2, _textual(lambda a, s: _in_subnet(a, s, 4))),
    "isipv6insubnet": (2, 2, _textual(lambda a, s: _in_subnet(a, s, 6))),
}
_SPECIAL = {"ispresent", "coalesce", "bin", "datefloor", "dateceil"}
_NUMERIC_AGGREGATES = {"sum", "avg", "stddev", "pct"}
_AGGREGATES = {
    "avg",
    "count",
    "count_distinct",
    "max",
    "min",
    "pct",
    "percentile",
    "stddev",
    "sum",
    "earliest",
    "latest",
    "sortsfirst",
    "sortslast",
}


# --- aggregation (stats) ---


@dataclass(frozen=True)
class _Aggregation:
    """One aggregate function of stats: `start` a group's state, `add` each record to it, `result` at the end."""

    kind: str
    argument: Callable | None  # None: count(*)
    parameter: float | None = None  # pct's percent
    text: str = ""  # the argument as written: aggregations of the same one read it once

    @property
    def numeric(self) -> bool:
        return self.kind in _NUMERIC_AGGREGATES

    def start(self):
        kind = self.kind
        if kind == "count":
            return [0]
        if kind in ("sum", "avg", "stddev", "pct"):
            return []
        if kind == "count_distinct":
            return set()
        return [None, None]  # [key, value] of the best so far (min, max, earliest, latest, sorts*)

    def add(self, state, value, record) -> None:
        """`value`: the argument's value for this record (its number, for sum, avg, stddev and pct)."""
        if value is None:
            return
        kind = self.kind
        if kind == "count":
            state[0] += 1
        elif kind in _NUMERIC_AGGREGATES:
            state.append(value)
        elif kind == "count_distinct":
            state.add(render(value))
        elif kind in ("earliest", "latest"):
            moment = record.timestamp if type(record) is Event else number(record.get("@timestamp"))
            if moment is None:
                return
            if state[0] is None or (moment < state[0] if kind == "earliest" else moment > state[0]):
                state[0], state[1] = moment, value
        else:
            key = number(value)
            key = (1, key) if key is not None else natural_key(value)
            if state[0] is None or (key < state[0] if kind in ("min", "sortsfirst") else key > state[0]):
                state[0], state[1] = key, value

    def result(self, state):
        kind = self.kind
        if kind == "count":
            return state[0]
        if kind == "count_distinct":
            return len(state)
        if kind in ("sum", "avg", "stddev", "pct"):
            if not state:
                return None
            if kind == "sum":
                return math.fsum(state) if any(type(v) is float for v in state) else sum(state)
            if kind == "avg":
                return math.fsum(state) / len(state)
            if kind == "stddev":  # the sample standard deviation (n - 1): the guide does not say which
                if len(state) < 2:
                    return 0
                mean = math.fsum(state) / len(state)
                return math.sqrt(math.fsum((v - mean) ** 2 for v in state) / (len(state) - 1))
            ordered = sorted(state)  # pct: nearest rank, a value of the data
            rank = math.ceil(self.parameter / 100 * len(ordered))
            return ordered[min(max(rank - 1, 0), len(ordered) - 1)]
        return state[1]


# --- parsing ---


@dataclass
class _Token:
    kind: str  # name, quoted (a backtick name), string, number, duration, op, eof
    value: Any
    start: int
    end: int

    def shown(self, text: str) -> str:
        return "<EOF>" if self.kind == "eof" else text[self.start : self.end]


class _Lexer:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self._peeked: _Token | None = None

    def _skip(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text):
            char = text[pos]
            if char.isspace():
                pos += 1
            elif char == "#":
                end = text.find("\n", pos)
                pos = len(text) if end < 0 else end + 1
            else:
                break
        self.pos = pos

    def _fail(self, pos: int):
        line = self.text.count("\n", 0, pos) + 1
        column = pos - (self.text.rfind("\n", 0, pos) + 1)
        char = self.text[pos] if pos < len(self.text) else "<EOF>"
        raise MalformedQuery(f"unexpected symbol found {char} at line {line} and position {column}", pos, pos + 1)

    def peek(self) -> _Token:
        if self._peeked is None:
            self._peeked = self._scan()
        return self._peeked

    def next(self) -> _Token:
        token = self.peek()
        self._peeked = None
        return token

    def _scan(self) -> _Token:
        self._skip()
        text, start = self.text, self.pos
        if start >= len(text):
            return _Token("eof", None, start, start)
        char = text[start]
        if char in "\"'":
            value, end = self._quoted(start, char)
            return self._token("string", value, start, end)
        if char == "`":
            end = text.find("`", start + 1)
            if end < 0 or end == start + 1:
                self._fail(start)
            return self._token("quoted", text[start + 1 : end], start, end + 1)
        if char.isdigit():
            duration = _DURATION_TOKEN.match(text, start)
            found = _NUMBER_TOKEN.match(text, start)
            if duration and (not found or duration.end() > found.end()):
                unit = _unit(duration.group(2))
                if unit is None:
                    raise MalformedQuery(f"Invalid time unit: {duration.group(2)}", start, duration.end())
                return self._token("duration", (int(duration.group(1)), unit), start, duration.end())
            number_text = found.group()
            value = float(number_text) if any(c in number_text for c in ".eE") else int(number_text)
            return self._token("number", value, start, found.end())
        name = _NAME.match(text, start)
        if name:
            return self._token("name", name.group(), start, name.end())
        for symbol in _OPERATORS:
            if text.startswith(symbol, start):
                return self._token("op", symbol, start, start + len(symbol))
        self._fail(start)

    def _token(self, kind: str, value, start: int, end: int) -> _Token:
        self.pos = end
        return _Token(kind, value, start, end)

    def _quoted(self, start: int, quote: str) -> tuple[str, int]:
        text, pos, out = self.text, start + 1, []
        escapes = {"n": "\n", "t": "\t", "r": "\r"}
        while pos < len(text):
            char = text[pos]
            if char == quote:
                return "".join(out), pos + 1
            if char == "\\" and pos + 1 < len(text):
                pos += 1
                char = escapes.get(text[pos], text[pos])
            out.append(char)
            pos += 1
        self._fail(start)

    def regex(self) -> tuple[str, int, int] | None:
        """A /regex/ here (escaped slashes allowed), or None; only where a regex may stand."""
        if self._peeked is not None:
            if self._peeked.kind != "op" or self._peeked.value != "/":
                return None
            self.pos = self._peeked.start
            self._peeked = None
        self._skip()
        start = self.pos
        if self.text[start : start + 1] != "/":
            return None
        pos, out = start + 1, []
        while pos < len(self.text):
            char = self.text[pos]
            if char == "/":
                self.pos = pos + 1
                return "".join(out), start, pos + 1
            if char == "\\" and pos + 1 < len(self.text):
                if self.text[pos + 1] == "/":
                    out.append("/")
                else:
                    out.append(self.text[pos : pos + 2])
                pos += 2
                continue
            out.append(char)
            pos += 1
        self._fail(start)


@dataclass
class _Node:
    kind: str  # field, literal, duration, call, op, not, and, or, compare, like, in, neg, star
    value: Any
    children: list = field(default_factory=list)
    start: int = 0
    end: int = 0
    depth: int = 1

    def __post_init__(self):
        if self.children:
            self.depth = 1 + max(child.depth for child in self.children)
            if self.depth > MAX_DEPTH:
                raise MalformedQuery("The query is nested too deeply", self.start, self.end)


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.lexer = _Lexer(text)
        self.depth = 0

    # tokens

    def error(self, token: _Token, expecting: str) -> MalformedQuery:
        return MalformedQuery(
            f"mismatched input '{token.shown(self.text)}' expecting {expecting}", token.start, token.end
        )

    def word(self, token: _Token) -> str | None:
        return token.value.lower() if token.kind == "name" else None

    def take_word(self, word: str) -> bool:
        if self.word(self.lexer.peek()) == word:
            self.lexer.next()
            return True
        return False

    def take_op(self, symbol: str) -> bool:
        token = self.lexer.peek()
        if token.kind == "op" and token.value == symbol:
            self.lexer.next()
            return True
        return False

    def expect_op(self, symbol: str) -> _Token:
        token = self.lexer.peek()
        if token.kind != "op" or token.value != symbol:
            raise self.error(token, f"'{symbol}'")
        return self.lexer.next()

    def field_name(self) -> tuple[str, _Token]:
        token = self.lexer.next()
        if token.kind == "quoted" or (token.kind == "name" and token.value.lower() not in KEYWORDS):
            return token.value, token
        raise self.error(token, "a field name")

    # commands

    def query(self) -> list:
        commands = []
        if self.lexer.peek().kind == "eof":
            return commands
        while True:
            commands.append(self.command())
            token = self.lexer.next()
            if token.kind == "eof":
                return commands
            if token.kind != "op" or token.value != "|":
                raise self.error(token, "{<EOF>, '|'}")

    def command(self):
        token = self.lexer.next()
        word = self.word(token)
        if word in NOT_SUPPORTED:
            raise MalformedQuery(
                f"The {word} command is not supported by the labkit sandbox's Logs Insights", token.start, token.end
            )
        if word not in COMMANDS:
            raise self.error(token, EXPECTED_COMMAND)
        if word == "fields":
            return ("fields", self.items(allow_alias=True))
        if word == "display":
            return ("display", self.names())
        if word in ("filter", "where"):
            return ("filter", self.expression())
        if word == "stats":
            items = self.items(allow_alias=True)
            groups = self.items(allow_alias=True) if self.take_word("by") else []
            return ("stats", items, groups)
        if word == "sort":
            keys = []
            while True:
                expression = self.expression()
                descending = False
                if self.take_word("desc"):
                    descending = True
                else:
                    self.take_word("asc")
                keys.append((expression, descending))
                if not self.take_op(","):
                    return ("sort", keys)
        if word in ("limit", "head"):
            count = self.lexer.next()
            if count.kind != "number" or type(count.value) is not int or not 1 <= count.value <= MAX_LIMIT:
                raise self.error(count, f"a whole number from 1 to {MAX_LIMIT}")
            return ("limit", count.value)
        if word == "dedup":
            return ("dedup", self.names())
        return self.parse_command()

    def parse_command(self):
        source = "@message"
        token = self.lexer.peek()
        if token.kind in ("name", "quoted") and (token.kind == "quoted" or token.value.lower() not in KEYWORDS):
            source, _ = self.field_name()
        found = self.lexer.regex()
        if found is not None:
            body, start, end = found
            pattern = compile_regex(body, (start, end))
            names = list(pattern.groupindex)
            if not names:
                raise MalformedQuery("The regular expression of parse must name its groups: (?<name>...)", start, end)
            return ("parse", source, pattern, names)
        glob = self.lexer.next()
        if glob.kind != "string":
            raise self.error(glob, "{STRING, REGEX}")
        if not self.take_word("as"):
            raise self.error(self.lexer.peek(), "'as'")
        names = self.names()
        stars = glob.value.count("*")
        if stars != len(names):
            raise MalformedQuery(
                f"The parse pattern has {stars} wildcards (*) but {len(names)} fields follow 'as'",
                glob.start,
                self.lexer.pos,
            )
        return ("parse", source, _Glob(glob.value), names)

    def names(self) -> list[str]:
        names = [self.field_name()[0]]
        while self.take_op(","):
            names.append(self.field_name()[0])
        return names

    def items(self, allow_alias: bool) -> list[tuple[str, _Node]]:
        items = []
        while True:
            node = self.expression()
            name = self.text[node.start : node.end] if node.kind != "field" else node.value
            if allow_alias and self.take_word("as"):
                name = self.field_name()[0]
            items.append((name, node))
            if not self.take_op(","):
                return items

    # expressions, loosest first

    def nested(self, parse, start: int, end: int) -> _Node:
        """`parse()` one level deeper; a query nested past MAX_NESTING is refused at start..end."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise MalformedQuery("The query is nested too deeply", start, end)
        try:
            return parse()
        finally:
            self.depth -= 1

    def expression(self) -> _Node:
        token = self.lexer.peek()
        return self.nested(self.disjunction, token.start, token.end)

    def disjunction(self) -> _Node:
        node = self.conjunction()
        while self.take_word("or"):
            right = self.conjunction()
            node = _Node("or", None, [node, right], node.start, right.end)
        return node

    def conjunction(self) -> _Node:
        node = self.negation()
        while self.take_word("and"):
            right = self.negation()
            node = _Node("and", None, [node, right], node.start, right.end)
        return node

    def negation(self) -> _Node:
        token = self.lexer.peek()
        if self.word(token) == "not":
            self.lexer.next()
            inner = self.nested(self.negation, token.start, token.end)
            return _Node("not", None, [inner], token.start, inner.end)
        return self.comparison()

    def comparison(self) -> _Node:
        left = self.sum()
        token = self.lexer.peek()
        if token.kind == "op" and token.value in ("=", "!=", "<", "<=", ">", ">="):
            self.lexer.next()
            right = self.sum()
            return _Node("compare", token.value, [left, right], left.start, right.end)
        negated = False
        if self.word(token) == "not":
            self.lexer.next()
            negated = True
            token = self.lexer.peek()
            if self.word(token) not in ("like", "in"):
                raise self.error(token, "{'like', 'in'}")
        if self.word(token) == "like" or (token.kind == "op" and token.value == "=~"):
            self.lexer.next()
            pattern = self.pattern()
            node = _Node("like", pattern, [left], left.start, self.lexer.pos)
        elif self.word(token) == "in":
            self.lexer.next()
            node = self.membership(left)
        else:
            return left
        return _Node("not", None, [node], left.start, node.end) if negated else node

    def pattern(self):
        """After like or =~: a /regex/ (searched) or a string (a substring)."""
        found = self.lexer.regex()
        if found is not None:
            body, start, end = found
            return compile_regex(body, (start, end))
        token = self.lexer.next()
        if token.kind != "string":
            raise self.error(token, "{STRING, REGEX}")
        return token.value

    def membership(self, left: _Node) -> _Node:
        self.expect_op("[")
        values = []
        while True:
            token = self.lexer.next()
            negative = token.kind == "op" and token.value == "-"
            if negative:
                token = self.lexer.next()
            if token.kind not in ("string", "number") or (negative and token.kind != "number"):
                raise self.error(token, "{STRING, NUMBER}")
            values.append(-token.value if negative else token.value)
            if not self.take_op(","):
                break
        end = self.expect_op("]")
        return _Node("in", values, [left], left.start, end.end)

    def sum(self) -> _Node:
        node = self.product()
        while True:
            token = self.lexer.peek()
            if token.kind == "op" and token.value in ("+", "-"):
                self.lexer.next()
                right = self.product()
                node = _Node("op", token.value, [node, right], node.start, right.end)
            else:
                return node

    def product(self) -> _Node:
        node = self.power()
        while True:
            token = self.lexer.peek()
            if token.kind == "op" and token.value in ("*", "/", "%"):
                self.lexer.next()
                right = self.power()
                node = _Node("op", token.value, [node, right], node.start, right.end)
            else:
                return node

    def power(self) -> _Node:
        node = self.unary()
        if self.take_op("^"):
            right = self.nested(self.power, node.start, node.end)
            return _Node("op", "^", [node, right], node.start, right.end)
        return node

    def unary(self) -> _Node:
        token = self.lexer.peek()
        if token.kind == "op" and token.value == "-":
            self.lexer.next()
            inner = self.nested(self.unary, token.start, token.end)
            return _Node("neg", None, [inner], token.start, inner.end)
        return self.primary()

    def primary(self) -> _Node:
        token = self.lexer.next()
        if token.kind in ("number", "string"):
            return _Node("literal", token.value, [], token.start, token.end)
        if token.kind == "duration":
            return _Node("duration", token.value, [], token.start, token.end)
        if token.kind == "quoted":
            return _Node("field", token.value, [], token.start, token.end)
        if token.kind == "op" and token.value == "(":
            inner = self.expression()
            end = self.expect_op(")")
            inner.start, inner.end = token.start, end.end
            return inner
        if token.kind == "name" and token.value.lower() not in KEYWORDS:
            if self.lexer.peek().kind == "op" and self.lexer.peek().value == "(":
                return self.call(token)
            return _Node("field", token.value, [], token.start, token.end)
        raise self.error(token, "an expression")

    def call(self, name: _Token) -> _Node:
        self.expect_op("(")
        arguments: list[_Node] = []
        if not self.take_op(")"):
            while True:
                token = self.lexer.peek()
                if token.kind == "op" and token.value == "*":
                    self.lexer.next()
                    arguments.append(_Node("star", None, [], token.start, token.end))
                else:
                    arguments.append(self.expression())
                if self.take_op(")"):
                    break
                if not self.take_op(","):
                    raise self.error(self.lexer.peek(), "{',', ')'}")
        return _Node("call", name.value.lower(), arguments, name.start, self.lexer.pos)


class _Glob:
    """parse's glob: found where its text first occurs; each `*` but the last takes as little as it can, the
    last one everything up to the glob's last text (the rest of the line when the glob ends with `*`). The same
    answer as the regular expression with lazy groups, found by scanning: that expression backtracks for ages
    on a line that does not match (14 `*` against a line of 12 words)."""

    def __init__(self, pattern: str):
        self.parts = pattern.split("*")

    def groups(self, text: str) -> list[str] | None:
        parts = self.parts
        start = text.find(parts[0])
        if start < 0 or len(parts) == 1:
            return None if start < 0 else []
        position, found = start + len(parts[0]), []
        for part in parts[1:-1]:
            at = text.find(part, position)
            if at < 0:
                return None
            found.append(text[position:at])
            position = at + len(part)
        last = parts[-1]
        at = text.rfind(last, position) if last else len(text)
        if at < 0:
            return None
        found.append(text[position:at])
        return found


# --- compiling expressions ---


class _Scope:
    """What an expression may use where it stands: aggregations (in stats), stats' fields (after stats)."""

    def __init__(self, text: str, aggregations: list | None = None, after_stats: dict[str, str] | None = None):
        self.text = text
        self.aggregations = aggregations
        self.after_stats = after_stats or {}  # stats' field names, without spaces → as written


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _compile(node: _Node, scope: _Scope) -> Callable:
    kind = node.kind
    if kind == "field":
        name = node.value
        return lambda record: record.get(name)
    if kind == "literal":
        value = node.value
        return lambda record: value
    if kind == "duration":
        raise MalformedQuery(
            f"A time period ({scope.text[node.start : node.end]}) belongs in bin, datefloor or dateceil",
            node.start,
            node.end,
        )
    if kind == "star":
        raise MalformedQuery("* belongs in count(*)", node.start, node.end)
    if kind == "neg":
        inner = _compile(node.children[0], scope)
        negate = _numeric(operator.neg)
        return lambda record: negate(inner(record))
    if kind == "op":
        left, right = (_compile(child, scope) for child in node.children)
        function = _numeric(
            {
                "+": operator.add,
                "-": operator.sub,
                "*": operator.mul,
                "/": operator.truediv,
                "%": operator.mod,
                "^": operator.pow,
            }[node.value]
        )
        return lambda record: function(left(record), right(record))
    if kind == "not":
        inner = _compile(node.children[0], scope)

        def negation(record):
            value = _truth(inner(record))
            return None if value is None else not value

        return negation
    if kind in ("and", "or"):
        left, right = (_compile(child, scope) for child in node.children)
        stop = kind == "or"  # the value that decides alone

        def junction(record):
            a = _truth(left(record))
            if a is stop:
                return stop
            b = _truth(right(record))
            if b is stop:
                return stop
            return None if a is None or b is None else not stop

        return junction
    if kind == "compare":
        left, right = (_compile(child, scope) for child in node.children)
        if node.value in ("=", "!=") and node.children[1].kind == "literal":
            return _equals_literal(left, node.children[1].value, node.value == "=")
        if node.value in ("=", "!="):
            wanted = node.value == "="

            def equality(record):
                a, b = left(record), right(record)
                if a is None or b is None:
                    return None
                return _equal(a, b) is wanted

            return equality
        test = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}[node.value]

        def ordering(record):
            try:
                return _compare(test, left(record), right(record))
            except TypeError:
                return None

        return ordering
    if kind == "like":
        inner = _compile(node.children[0], scope)
        pattern = node.value
        if isinstance(pattern, str):

            def contains(record):
                value = inner(record)
                return None if value is None else pattern in (value if type(value) is str else render(value))

            return contains
        search = pattern.search

        def matches(record):
            value = inner(record)
            return None if value is None else search(value if type(value) is str else render(value)) is not None

        return matches
    if kind == "in":
        inner = _compile(node.children[0], scope)
        values = node.value

        def member(record):
            value = inner(record)
            return None if value is None else any(_equal(value, candidate) for candidate in values)

        return member
    return _compile_call(node, scope)


def _equals_literal(left: Callable, literal, wanted: bool) -> Callable:
    """`field = "REJECT"` or `dstPort = 22`, the common case, without _equal's work for the literal."""
    literal_number, literal_text = number(literal), render(literal)
    if literal_number is None:

        def text_equality(record):
            value = left(record)
            if value is None:
                return None
            return ((value if type(value) is str else render(value)) == literal_text) is wanted

        return text_equality

    def number_equality(record):
        value = left(record)
        if value is None:
            return None
        amount = number(value)
        return (amount == literal_number if amount is not None else render(value) == literal_text) is wanted

    return number_equality


def _compile_call(node: _Node, scope: _Scope) -> Callable:
    name, arguments = node.value, node.children
    text = scope.text[node.start : node.end]
    if name in _AGGREGATES:
        if scope.aggregations is None:
            field_name = scope.after_stats.get(_compact(text))
            if field_name is not None:  # `sort count(*) desc` after stats: stats' field of that name
                return lambda record: record.get(field_name)
            raise MalformedQuery(
                f"Aggregate function {name} can only be used in the stats command", node.start, node.end
            )
        return _compile_aggregation(node, scope)
    if name in _FUNCTIONS:
        fewest, most, function = _FUNCTIONS[name]
        if len(arguments) < fewest or (most is not None and len(arguments) > most):
            raise MalformedQuery(f"Wrong number of arguments for function {name}", node.start, node.end)
        compiled = [_compile(argument, scope) for argument in arguments]
        if len(compiled) == 1:
            only = compiled[0]
            return lambda record: function(only(record))
        return lambda record: function(*(argument(record) for argument in compiled))
    if name == "ispresent":
        if len(arguments) != 1:
            raise MalformedQuery("Wrong number of arguments for function ispresent", node.start, node.end)
        inner = _compile(arguments[0], scope)
        return lambda record: inner(record) is not None
    if name == "coalesce":
        if not arguments:
            raise MalformedQuery("Wrong number of arguments for function coalesce", node.start, node.end)
        compiled = [_compile(argument, scope) for argument in arguments]

        def coalesce(record):
            for argument in compiled:
                value = argument(record)
                if value is not None:
                    return value
            return None

        return coalesce
    if name in ("bin", "datefloor", "dateceil"):
        wanted = 1 if name == "bin" else 2
        if len(arguments) != wanted or arguments[-1].kind != "duration":
            raise MalformedQuery(
                f"Wrong arguments for function {name}: "
                f"{'bin(period)' if name == 'bin' else name + '(timestamp, period)'}",
                node.start,
                node.end,
            )
        amount, unit = arguments[-1].value
        if amount < 1:
            raise MalformedQuery("A time period must be at least 1", arguments[-1].start, arguments[-1].end)
        moment = (lambda record: record.get("@timestamp")) if name == "bin" else _compile(arguments[0], scope)
        rounding = ceil_time if name == "dateceil" else floor_time

        def period(record):
            value = number(moment(record))
            return None if value is None else Timestamp(rounding(int(value), amount, unit))

        return period
    raise MalformedQuery(f"Unrecognized function: {name}", node.start, node.end)


def _compile_aggregation(node: _Node, scope: _Scope) -> Callable:
    name, arguments = node.value, node.children
    inner = _Scope(scope.text, None, scope.after_stats)  # no aggregate of an aggregate
    if name == "count":
        if len(arguments) > 1:
            raise MalformedQuery("Wrong number of arguments for function count", node.start, node.end)
        counted = None if not arguments or arguments[0].kind == "star" else arguments[0]
        aggregation = _Aggregation(
            "count",
            None if counted is None else _compile(counted, inner),
            None,
            "" if counted is None else _compact(scope.text[counted.start : counted.end]),
        )
    elif name in ("pct", "percentile"):
        if (
            len(arguments) != 2
            or arguments[1].kind != "literal"
            or number(arguments[1].value) is None
            or not 0 <= number(arguments[1].value) <= 100
        ):
            raise MalformedQuery(
                f"Wrong arguments for function {name}: {name}(field, a percent from 0 to 100)", node.start, node.end
            )
        aggregation = _Aggregation(
            "pct",
            _compile(arguments[0], inner),
            float(number(arguments[1].value)),
            _compact(scope.text[arguments[0].start : arguments[0].end]),
        )
    else:
        if len(arguments) != 1:
            raise MalformedQuery(f"Wrong number of arguments for function {name}", node.start, node.end)
        aggregation = _Aggregation(
            name, _compile(arguments[0], inner), None, _compact(scope.text[arguments[0].start : arguments[0].end])
        )
    index = len(scope.aggregations)
    scope.aggregations.append(aggregation)
    key = f"\0{index}"
    return lambda record: record.get(key)


def _uses_aggregation(node: _Node) -> bool:
    return (node.kind == "call" and node.value in _AGGREGATES) or any(_uses_aggregation(c) for c in node.children)


def _names_used(node: _Node) -> set[str]:
    found = {node.value} if node.kind == "field" else set()
    for child in node.children:
        found |= _names_used(child)
    return found


# --- the query ---


@dataclass
class Result:
    """What a query found: `rows` as (fields, source) pairs, `fields` a list of (name, text) and `source`
    the row's event's source (None for rows stats made); the statistics GetQueryResults reports."""

    rows: list[tuple[list[tuple[str, str]], Any]]
    matched: int
    scanned: int
    bytes_scanned: int


class _Step:
    """One command of the pipeline: records in, records out."""

    def __init__(self, kind: str, run: Callable[[list], list], barrier: bool = False):
        self.kind = kind
        self.run = run
        self.barrier = barrier  # matched events are counted before the first barrier (stats, limit)


class Query:
    """A parsed query: `run(events)` answers it. Columns and steps are fixed at parse time."""

    def __init__(self, text: str, steps: list[_Step], columns: list[str], aggregated: bool, limit: int | None):
        self.text = text
        self.steps = steps
        self.columns = columns
        self.aggregated = aggregated  # stats made the rows (no @ptr)
        self.limit = limit

    def run(self, events: Iterable[Event], limit: int | None = None) -> Result:
        """The rows for these events (already those of the time range), at most `limit` (StartQuery's)."""
        records = list(events)
        scanned = len(records)
        scanned_bytes = sum(len(e.message) if e.message.isascii() else len(e.message.encode()) for e in records)
        records.sort(key=_newest_first)  # the order events come in without sort
        matched = None
        for step in self.steps:
            if step.barrier and matched is None:
                matched = len(records)
            records = step.run(records)
        if matched is None:
            matched = len(records)
        cap = min(limit or self.limit or DEFAULT_LIMIT, MAX_LIMIT)
        rows = []
        columns = self.columns
        for record in records[:cap]:
            fields = []
            for name in columns:
                text = render(record.get(name))
                if text is not None:
                    fields.append((name, text))
            rows.append((fields, None if self.aggregated else record.source))
        return Result(rows, matched, scanned, scanned_bytes)


def _newest_first(event: Event) -> int:
    return -event.timestamp


def parse(text: str) -> Query:
    """Parse a Logs Insights query; MalformedQuery when Insights would refuse it."""
    if not isinstance(text, str):
        raise MalformedQuery("The query string must be text")
    if len(text) > MAX_QUERY_LENGTH:
        raise MalformedQuery(f"The query string is longer than {MAX_QUERY_LENGTH} characters", 0, len(text))
    try:
        return _build(text, _Parser(text).query())
    except RecursionError:
        raise MalformedQuery("The query is nested too deeply", 0, len(text)) from None


def _build(text: str, commands: list) -> Query:
    steps: list[_Step] = []
    shown: list[str] = []  # fields listed by `fields` and made by `parse` (before stats)
    has_fields = False
    display: list[str] | None = None
    after_stats: list[str] | None = None  # the fields of stats' rows, once stats has run
    limit = None
    for command in commands:
        kind = command[0]
        scope = _Scope(text, None, {_compact(name): name for name in after_stats or []})
        if kind == "fields":
            has_fields = True
            compiled = [
                (name, None if node.kind == "field" and node.value == name else _compile(node, scope))
                for name, node in command[1]
            ]
            target = shown if after_stats is None else after_stats
            for name, _ in compiled:
                if name not in target:
                    target.append(name)
            made = [(name, function) for name, function in compiled if function is not None]
            if made:
                steps.append(_Step("fields", _fields_step(made)))
        elif kind == "display":
            display = command[1]
        elif kind == "filter":
            steps.append(_Step("filter", _filter_step(_compile(command[1], scope))))
        elif kind == "parse":
            _, source, pattern, names = command
            if after_stats is None:
                shown.extend(name for name in names if name not in shown)
            else:
                after_stats.extend(name for name in names if name not in after_stats)
            steps.append(_Step("parse", _parse_step(source, pattern, names)))
        elif kind == "stats":
            step, names = _stats_step(text, command[1], command[2], scope)
            steps.append(step)
            after_stats = names
            display = None
        elif kind == "sort":
            keys = [(_compile(node, scope), descending) for node, descending in command[1]]
            steps.append(_Step("sort", _sort_step(keys)))
        elif kind == "limit":
            limit = command[1]
            steps.append(_Step("limit", lambda records, n=command[1]: records[:n], barrier=True))
        elif kind == "dedup":
            steps.append(_Step("dedup", _dedup_step(command[1])))
    if display is not None:
        columns = display
    elif after_stats is not None:
        columns = after_stats
    elif has_fields:
        columns = shown
    else:
        columns = ["@timestamp", "@message"] + [name for name in shown if name not in ("@timestamp", "@message")]
    return Query(text, steps, columns, after_stats is not None, limit)


def _fields_step(made: list[tuple[str, Callable]]) -> Callable:
    def run(records):
        for record in records:
            for name, function in made:
                record.set(name, function(record))
        return records

    return run


def _filter_step(condition: Callable) -> Callable:
    def run(records):
        kept = []
        for record in records:
            value = condition(record)
            if value is True or (value is not None and value is not False and _truth(value)):
                kept.append(record)
        return kept

    return run


def _parse_step(source: str, pattern: _Glob | re.Pattern, names: list[str]) -> Callable:
    """Each record gains the fields (none of them when the pattern is not found in the source field)."""
    if isinstance(pattern, _Glob):

        def values(text: str):
            return pattern.groups(text)
    else:

        def values(text: str):
            found = pattern.search(text)
            return None if found is None else [found.group(name) for name in names]

    nothing = [None] * len(names)

    def run(records):
        for record in records:
            value = record.get(source)
            found = None if value is None else values(value if type(value) is str else render(value))
            made = zip(names, found or nothing)
            if type(record) is Event:
                if record.extra is None:
                    record.extra = dict(made)
                else:
                    record.extra.update(made)
            else:
                record.update(made)
        return records

    return run


def _sort_step(keys: list[tuple[Callable, bool]]) -> Callable:
    """Stable, one key at a time from the last; events without a value go last either way."""

    def run(records):
        for function, descending in reversed(keys):
            if descending:
                records.sort(key=lambda r: _descending_key(function(r)), reverse=True)
            else:
                records.sort(key=lambda r: natural_key(function(r)))
        return records

    return run


def _descending_key(value):
    return (-1,) if value is None else natural_key(value)


def _dedup_step(names: list[str]) -> Callable:
    """The first record of each combination of values; records missing one of them are all kept."""

    def run(records):
        seen, kept = set(), []
        for record in records:
            key = tuple(render(record.get(name)) for name in names)
            if None in key:
                kept.append(record)
            elif key not in seen:
                seen.add(key)
                kept.append(record)
        return kept

    return run


def _stats_step(
    text: str, items: list[tuple[str, _Node]], groups: list[tuple[str, _Node]], scope: _Scope
) -> tuple[_Step, list[str]]:
    aggregations: list[_Aggregation] = []
    group_scope = _Scope(text, None, scope.after_stats)
    keyed = [(name, _compile(node, group_scope)) for name, node in groups]
    item_scope = _Scope(text, aggregations, scope.after_stats)
    computed, defined = [], {name for name, _ in groups}
    for name, node in items:
        if not _uses_aggregation(node) and not (_names_used(node) & defined):
            raise MalformedQuery(
                "Each expression of stats needs an aggregate function such as count(*)", node.start, node.end
            )
        computed.append((name, _compile(node, item_scope)))
        defined.add(name)
    key_functions = [function for _, function in keyed]
    key_names = [name for name, _ in keyed]
    internal = [f"\0{index}" for index in range(len(aggregations))]
    # each argument read once a record (sum(bytes), avg(bytes), pct(bytes, 90) read bytes once), its number
    # made once; slot 0 is count(*)'s: always a value
    slots: dict[str, int] = {}
    readers: list[Callable] = []
    for aggregation in aggregations:
        if aggregation.argument is not None and aggregation.text not in slots:
            slots[aggregation.text] = len(readers) + 1
            readers.append(aggregation.argument)
    numeric = sorted({slots[a.text] for a in aggregations if a.numeric})
    plan = [
        (aggregation, 0 if aggregation.argument is None else slots[aggregation.text], aggregation.numeric)
        for aggregation in aggregations
    ]

    def run(records):
        groups_found: dict[tuple, list] = {}
        single = key_functions[0] if len(key_functions) == 1 else None
        only = readers[0] if len(readers) == 1 else None
        for record in records:
            if single is not None:
                key = (single(record),)
            else:
                key = tuple(function(record) for function in key_functions)
            states = groups_found.get(key)
            if states is None:
                states = groups_found[key] = [aggregation.start() for aggregation in aggregations]
            values = [True, only(record)] if only is not None else [True] + [read(record) for read in readers]
            amounts = values
            if numeric:
                amounts = values[:]
                for slot in numeric:
                    amounts[slot] = number(values[slot])
            for (aggregation, slot, wants_number), state in zip(plan, states):
                aggregation.add(state, amounts[slot] if wants_number else values[slot], record)
        rows = []
        for key, states in groups_found.items():
            row = Row(zip(key_names, key))
            for slot, aggregation, state in zip(internal, aggregations, states):
                row[slot] = aggregation.result(state)
            for name, function in computed:
                row[name] = function(row)
            for slot in internal:
                del row[slot]
            rows.append(row)
        return rows

    names = key_names + [name for name, _ in computed if name not in key_names]
    return _Step("stats", run, barrier=True), names
