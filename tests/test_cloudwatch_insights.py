"""CloudWatch Logs Insights through boto3: each answer equals pandas computing the same thing over the same
events (an independent oracle), flow-log fields are discovered as Insights discovers them, the time range
and several log groups are honoured, a query AWS refuses is a MalformedQueryException (the parser is fuzzed:
never a crash), StopQuery cancels a query not yet read."""

from __future__ import annotations

import doctest
import itertools
import json
import random
import re
import time
from datetime import datetime, timezone

import numpy as np
import pandas as pd
import pytest
from botocore.exceptions import ClientError

from conftest import reset_sandbox
from labkit.sandbox.cloudwatch import insights
from labkit.sandbox.persistence import load_snapshot, save_snapshot
from test_cloudwatch_metric_filters import delivered_events, flow_logs_to_cloudwatch

ACCOUNT = "123456789012"
COLUMNS = [
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
]
NUMERIC = ["srcPort", "dstPort", "protocol", "packets", "bytes", "start", "end"]
INTERFACES = ["eni-0a1b2c3d4e5f60001", "eni-0a1b2c3d4e5f60002", "eni-0a1b2c3d4e5f60003"]
SPAN = 2 * 3600
_names = itertools.count()


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_names)}-{int(time.time() * 1000) % 10_000_000}"


def flow_events(seed: int, count: int, base: int) -> list[tuple[int, str, str]]:
    """(second, message, stream) of default-format flow-log records: a few noisy sources, some REJECT, 5%
    NODATA; each at its own second, so that sorting by @timestamp has one answer."""
    rng = np.random.default_rng(seed)
    sources = [f"198.51.100.{i}" for i in range(1, 25)] + [f"203.0.113.{i}" for i in range(1, 12)] + ["10.0.1.10"]
    weights = 1 / np.arange(1, len(sources) + 1)
    destinations = ["10.0.1.10", "10.0.1.11", "10.0.2.20"]
    ports = [22, 80, 443, 3389, 53, 8080, 123, 9]
    seconds = sorted(rng.choice(SPAN, size=count, replace=False))
    events = []
    for second in seconds:
        at = base + int(second)
        interface = INTERFACES[rng.integers(len(INTERFACES))]
        if rng.random() < 0.05:
            message = f"2 {ACCOUNT} {interface} - - - - - - - {at} {at + 59} - NODATA"
        else:
            port = int(rng.choice(ports))
            action = "REJECT" if rng.random() < (0.7 if port in (22, 3389) else 0.2) else "ACCEPT"
            packets = int(rng.integers(1, 40))
            message = (
                f"2 {ACCOUNT} {interface} {rng.choice(sources, p=weights / weights.sum())} "
                f"{rng.choice(destinations)} {int(rng.integers(1024, 65535))} {port} "
                f"{17 if port in (53, 123) else 6} {packets} {packets * int(rng.integers(40, 1500))} "
                f"{at} {at + int(rng.integers(0, 60))} {action} OK"
            )
        events.append((at, message, f"{interface}-all"))
    return events


def frame(events: list[tuple[int, str, str]], group: str = "") -> pd.DataFrame:
    """The oracle's table: the message split on spaces by pandas, `-` as no value, numbers as numbers."""
    table = pd.DataFrame(events, columns=["second", "message", "stream"])
    fields = table["message"].str.split(" ", expand=True)
    fields.columns = COLUMNS
    table = pd.concat([table, fields.replace("-", np.nan)], axis=1)
    for column in NUMERIC:
        table[column] = pd.to_numeric(table[column])
    table["log"] = f"{ACCOUNT}:{group}"
    return table


def put(logs, group: str, events: list[tuple[int, str, str]]) -> None:
    logs.create_log_group(logGroupName=group)
    for stream in sorted({stream for _, _, stream in events}):
        logs.create_log_stream(logGroupName=group, logStreamName=stream)
        mine = [{"timestamp": second * 1000, "message": message} for second, message, s in events if s == stream]
        for start in range(0, len(mine), 5000):
            logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=mine[start : start + 5000])


def run(logs, query: str, start: int, end: int, **where) -> dict:
    """StartQuery, then GetQueryResults until the query is done; the final answer."""
    query_id = logs.start_query(startTime=start, endTime=end, queryString=query, **where)["queryId"]
    for _ in range(200):
        answer = logs.get_query_results(queryId=query_id)
        if answer["status"] not in ("Scheduled", "Running"):
            break
        time.sleep(0.05)
    assert answer["status"] == "Complete", answer
    return answer


def rows(answer: dict) -> list[dict[str, str]]:
    return [{f["field"]: f["value"] for f in row if f["field"] != "@ptr"} for row in answer["results"]]


def shown(second: int) -> str:
    """@timestamp as Insights shows it."""
    return datetime.fromtimestamp(second, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S.000")


@pytest.fixture(scope="module")
def logs(sandbox):
    return sandbox.client("logs")


@pytest.fixture(scope="module")
def base():
    return (int(time.time()) // 3600 - 4) * 3600


@pytest.fixture(scope="module")
def flows(logs, base):
    """One log group of 3,000 flow-log records over two hours, and its oracle table."""
    group = unique("/insights/flows")
    events = flow_events(7, 3000, base)
    put(logs, group, events)
    return {"group": group, "events": events, "table": frame(events, group)}


def ask(logs, flows, base, query: str, **extra) -> dict:
    return run(logs, query, base, base + SPAN, logGroupName=flows["group"], **extra)


# --- answers equal pandas' ---


def test_rejected_sources_top_ten(logs, flows, base):
    answer = ask(logs, flows, base, 'filter action="REJECT" | stats count(*) as n by srcAddr | sort n desc | limit 10')
    got = [(row["srcAddr"], int(row["n"])) for row in rows(answer)]
    table = flows["table"]
    counts = table[table["action"] == "REJECT"]["srcAddr"].value_counts()
    assert [n for _, n in got] == list(counts.iloc[:10])  # the ten largest counts, largest first
    assert all(counts[source] == n for source, n in got)  # each source's own count (ties may swap)
    assert answer["statistics"]["recordsMatched"] == float((table["action"] == "REJECT").sum())
    assert answer["statistics"]["recordsScanned"] == float(len(table))
    assert answer["statistics"]["bytesScanned"] == float(table["message"].str.len().sum())


def test_count_per_minute_with_bin(logs, flows, base):
    answer = ask(logs, flows, base, "stats count(*) by bin(1m)")
    got = {row["bin(1m)"]: int(row["count(*)"]) for row in rows(answer)}
    per_minute = (flows["table"]["second"] // 60 * 60).value_counts()
    assert got == {shown(minute): n for minute, n in per_minute.items()}
    five = {row["bin(5m)"]: int(row["c"]) for row in rows(ask(logs, flows, base, "stats count(*) as c by bin(5m)"))}
    assert five == {shown(t): n for t, n in (flows["table"]["second"] // 300 * 300).value_counts().items()}


def test_accepted_ssh_numbers_compare_as_numbers(logs, flows, base):
    table = flows["table"]
    wanted = table[(table["dstPort"] == 22) & (table["action"] == "ACCEPT")]
    answer = ask(logs, flows, base, 'filter dstPort=22 and action="ACCEPT"')
    assert sorted(row["@message"] for row in rows(answer)) == sorted(wanted["message"])
    assert all(set(row) == {"@timestamp", "@message"} for row in rows(answer))  # no fields: @timestamp, @message
    big = ask(logs, flows, base, "filter bytes > 20000 and dstPort <= 443 | stats count(*) as n")
    assert rows(big) == [{"n": str(((table["bytes"] > 20000) & (table["dstPort"] <= 443)).sum())}]
    ports = ask(logs, flows, base, "stats count(*) as n by dstPort | sort dstPort")
    assert [int(row["dstPort"]) for row in rows(ports) if "dstPort" in row] == sorted(
        table["dstPort"].dropna().unique()
    )


def test_parse_glob_equals_discovered_fields(logs, flows, base):
    query = (
        'parse @message "* * * * * * * * * * * * * *" as v, acct, eni, src, dst, sport, dport, proto, pkts, '
        'size, first, last, act, status | filter act = "REJECT" and dport in [22, 3389] '
        "| stats sum(size) as total, count(*) as n by src | sort total desc"
    )
    got = {row["src"]: (int(row["total"]), int(row["n"])) for row in rows(ask(logs, flows, base, query))}
    table = flows["table"]
    chosen = table[(table["action"] == "REJECT") & table["dstPort"].isin([22, 3389])]
    expected = chosen.groupby("srcAddr")["bytes"].agg(["sum", "count"])
    assert got == {source: (int(r["sum"]), int(r["count"])) for source, r in expected.iterrows()}
    regex = ask(
        logs,
        flows,
        base,
        r"parse @message /(?<src>\d+\.\d+\.\d+\.\d+) \S+ \d+ (?<port>\d+)/ "
        r"| filter port = 443 | stats count(*) as n",
    )
    assert rows(regex) == [{"n": str((table["dstPort"] == 443).sum())}]


def test_newest_five(logs, flows, base):
    answer = ask(logs, flows, base, "fields @timestamp, srcAddr | sort @timestamp desc | limit 5")
    newest = flows["table"].nlargest(5, "second")
    assert rows(answer) == [
        {"@timestamp": shown(r["second"]), **({"srcAddr": r["srcAddr"]} if isinstance(r["srcAddr"], str) else {})}
        for _, r in newest.iterrows()
    ]
    assert all(row[-1]["field"] == "@ptr" for row in answer["results"])
    record = logs.get_log_record(logRecordPointer=answer["results"][0][-1]["value"])["logRecord"]
    assert record["@message"] == newest.iloc[0]["message"] and record["@log"] == f"{ACCOUNT}:{flows['group']}"


def test_aggregates_by_action(logs, flows, base):
    query = (
        "stats pct(bytes, 50) as p50, pct(bytes, 90) as p90, avg(bytes) as mean, sum(bytes) as total, "
        "min(bytes) as low, max(bytes) as high, count_distinct(srcAddr) as sources, count(srcAddr) as n, "
        "earliest(srcAddr) as first, latest(srcAddr) as last by action"
    )
    got = {row["action"]: row for row in rows(ask(logs, flows, base, query)) if "action" in row}
    table = flows["table"].dropna(subset=["action"])
    for action, group in table.groupby("action"):
        values = group["bytes"].to_numpy()
        row = got[action]
        # pct: the nearest-rank percentile, a value of the data (numpy's "inverted_cdf")
        assert int(row["p50"]) == np.percentile(values, 50, method="inverted_cdf")
        assert int(row["p90"]) == np.percentile(values, 90, method="inverted_cdf")
        assert float(row["mean"]) == pytest.approx(values.mean(), rel=1e-12)
        assert (int(row["total"]), int(row["low"]), int(row["high"])) == (values.sum(), values.min(), values.max())
        assert (int(row["sources"]), int(row["n"])) == (group["srcAddr"].nunique(), group["srcAddr"].count())
        ordered = group.sort_values("second")
        assert (row["first"], row["last"]) == (ordered["srcAddr"].iloc[0], ordered["srcAddr"].iloc[-1])


def test_nodata_records_have_no_addresses_or_counts(logs, flows, base):
    table = flows["table"]
    answer = ask(
        logs, flows, base, 'filter logStatus="NODATA" | stats count(*) as n, count(srcAddr) as c, sum(bytes) as b'
    )
    assert rows(answer) == [{"n": str((table["logStatus"] == "NODATA").sum()), "c": "0"}]  # no sum: no value
    absent = ask(logs, flows, base, "filter not ispresent(srcAddr) | stats count(*) as n")
    assert rows(absent) == [{"n": str(table["srcAddr"].isna().sum())}]
    # a comparison with a field an event lacks is neither true nor false: `not` brings no NODATA record back
    others = ask(logs, flows, base, 'filter not action = "REJECT" | stats count(*) as n')
    assert rows(others) == [{"n": str((table["action"] == "ACCEPT").sum())}]


def test_time_range_is_honoured_both_ends_included(logs, flows, base):
    table = flows["table"]
    start, end = int(table["second"].iloc[100]), int(table["second"].iloc[1900])  # events at both ends
    answer = run(
        logs,
        "stats count(*) as n, min(@timestamp) as first, max(@timestamp) as last",
        start,
        end,
        logGroupName=flows["group"],
    )
    inside = table[(table["second"] >= start) & (table["second"] <= end)]
    assert rows(answer) == [{"n": str(len(inside)), "first": shown(start), "last": shown(end)}]
    assert answer["statistics"]["recordsScanned"] == float(len(inside))


def test_several_log_groups(logs, flows, base):
    other = unique("/insights/other")
    events = flow_events(11, 500, base)
    put(logs, other, events)
    arn = f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:{other}:*"
    both = pd.concat([flows["table"], frame(events, other)])
    for where in ({"logGroupNames": [flows["group"], other]}, {"logGroupIdentifiers": [flows["group"], arn]}):
        answer = run(
            logs, 'filter action="REJECT" | stats count(*) as n by @log, interfaceId', base, base + SPAN, **where
        )
        got = {(row["@log"], row["interfaceId"]): int(row["n"]) for row in rows(answer)}
        counts = both[both["action"] == "REJECT"].groupby(["log", "interfaceId"]).size()
        assert got == {key: int(n) for key, n in counts.items()}
        streams = run(logs, "stats count(*) as n by @logStream", base, base + SPAN, **where)
        assert {row["@logStream"]: int(row["n"]) for row in rows(streams)} == both["stream"].value_counts().to_dict()


def test_json_events_are_flattened(logs, base):
    group = unique("/insights/trail")
    documents = [
        {"eventName": "CreateUser", "userIdentity": {"type": "IAMUser"}, "items": [{"id": 3}]},
        {"eventName": "CreateUser", "userIdentity": {"type": "Root"}, "items": [{"id": 4}]},
        {"eventName": "StartInstances", "userIdentity": {"type": "IAMUser"}},
    ]
    put(logs, group, [(base + i, json.dumps(d), "trail") for i, d in enumerate(documents)])
    answer = run(
        logs,
        'filter eventName="CreateUser" | stats count(*) as n, sum(items.0.id) as ids '
        "by userIdentity.type | sort userIdentity.type",
        base,
        base + 60,
        logGroupName=group,
    )
    assert rows(answer) == [
        {"userIdentity.type": "IAMUser", "n": "1", "ids": "3"},
        {"userIdentity.type": "Root", "n": "1", "ids": "4"},
    ]


def test_flow_logs_delivered_by_the_traffic_generator(aws_env):
    """Flow-log records the sandbox delivers (the demo VPC's simulated traffic), asked of Insights."""
    from labkit.traffic import run_traffic

    with flow_logs_to_cloudwatch() as setup:
        start = (int(time.time()) // 3600 - 2) * 3600
        run_traffic(6, seed=3, start=start)
        events = delivered_events(setup["logs"], setup["group"])
        table = frame([(second, message, "") for second, message in events], setup["group"])
        answer = run(
            setup["logs"],
            "stats count(*) as n, sum(bytes) as b by action, logStatus",
            start - 600,
            start + 3600,
            logGroupName=setup["group"],
        )
        got = {(row.get("action"), row["logStatus"]): (int(row["n"]), int(row.get("b", 0))) for row in rows(answer)}
        expected = (
            table.fillna({"action": "-"})
            .groupby(["action", "logStatus"])
            .agg(n=("message", "size"), b=("bytes", "sum"))
        )
        assert got == {(None if a == "-" else a, s): (int(r["n"]), int(r["b"])) for (a, s), r in expected.iterrows()}
        assert sum(n for n, _ in got.values()) == len(events) > 0


# --- the wire protocol ---


@pytest.mark.parametrize(
    "query",
    [
        "stats count(* by srcAddr",
        "filter action = ",
        "fields",
        "sort",
        "limit 0",
        "limit ten",
        "foo bar",
        "fields srcAddr |",
        "| fields srcAddr",
        'filter srcAddr like "198',
        "filter srcAddr like /198",
        "filter srcAddr in []",
        'parse @message "* *" as a',
        "filter nosuchfunction(srcAddr)",
        "fields count(*)",
        "stats count(*) by bin(5parsecs)",
        "fields srcAddr, ",
        "filter (action = 'REJECT'",
        "stats srcAddr",
        "filter a ~ 1",
        "fields `unterminated",
        "fields " + "(" * 60 + "x" + ")" * 60,
    ],
)
def test_a_malformed_query_is_refused_with_where(logs, flows, base, query):
    with pytest.raises(ClientError) as refused:
        logs.start_query(logGroupName=flows["group"], startTime=base, endTime=base + SPAN, queryString=query)
    error = refused.value.response
    assert error["Error"]["Code"] == "MalformedQueryException"
    location = error["queryCompileError"]["location"]
    assert 0 <= location["startCharOffset"] <= location["endCharOffset"] <= len(query)
    assert error["queryCompileError"]["message"] == error["Error"]["Message"]


def test_stop_query_cancels_a_query_not_yet_read(logs, flows, base):
    query_id = logs.start_query(
        logGroupName=flows["group"], startTime=base, endTime=base + SPAN, queryString="stats count(*)"
    )["queryId"]
    described = {q["queryId"]: q for q in logs.describe_queries(logGroupName=flows["group"])["queries"]}
    assert described[query_id]["status"] == "Running"
    assert logs.stop_query(queryId=query_id)["success"] is True
    answer = logs.get_query_results(queryId=query_id)
    assert (answer["status"], answer["results"]) == ("Cancelled", [])
    with pytest.raises(logs.exceptions.InvalidParameterException):  # AWS: the query is not running
        logs.stop_query(queryId=query_id)
    cancelled = logs.describe_queries(logGroupName=flows["group"], status="Cancelled")["queries"]
    assert query_id in {q["queryId"] for q in cancelled}


def test_start_query_checks_what_aws_checks(logs, flows, base):
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.start_query(logGroupName=unique("/nowhere"), startTime=base, endTime=base + 60, queryString="fields x")
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.start_query(logGroupName=flows["group"], startTime=base + 60, endTime=base, queryString="fields x")
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.start_query(
            logGroupName=flows["group"],
            logGroupNames=[flows["group"]],
            startTime=base,
            endTime=base + 60,
            queryString="fields x",
        )
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.get_query_results(queryId="00000000-0000-0000-0000-000000000000")


def test_results_are_paged_and_limited(logs, flows, base):
    query_id = logs.start_query(
        logGroupName=flows["group"], startTime=base, endTime=base + SPAN, queryString="fields srcAddr", limit=2500
    )["queryId"]
    first = logs.get_query_results(queryId=query_id, maxItems=1000)
    assert len(first["results"]) == 1000 and first["status"] == "Complete"
    seen = len(first["results"])
    token = first.get("nextToken")
    while token:
        page = logs.get_query_results(queryId=query_id, maxItems=1000, nextToken=token)
        seen += len(page["results"])
        token = page.get("nextToken")
    assert seen == 2500
    assert len(ask(logs, flows, base, "fields srcAddr")["results"]) == 3000  # no limit: up to 10,000


# --- the parser, fuzzed: a query is answered or refused, never a crash ---

VALID = [
    'filter action="REJECT" | stats count(*) as n by srcAddr | sort n desc | limit 10',
    "stats count(*) by bin(1m)",
    'filter dstPort=22 and action="ACCEPT"',
    'parse @message "* * * * * * * * * * * * * *" as a,b,c,d,e,f,g,h,i,j,k,l,m,n | display d, j',
    "fields @timestamp, srcAddr | sort @timestamp desc | limit 5",
    "stats pct(bytes, 50), avg(bytes) by action",
    "filter srcAddr like /^198\\./ or dstPort in [22, 3389] | fields concat(srcAddr, ':', dstPort) as to",
    "filter not ispresent(srcAddr) # NODATA\n| stats count() as n",
    "dedup srcAddr | sort srcAddr asc",
    "fields bytes / packets as size, abs(start - end) as span | filter size >= 40 and span < 60",
    "parse @message /(?<src>\\S+) (?<dst>\\S+) \\d+ (?<port>\\d+)/ | stats count_distinct(src) by port",
    "stats sum(bytes) as b, count(*) as n, b / n as mean by interfaceId | sort mean desc",
    "filter @message =~ /(?i)reject/ | stats earliest(srcAddr), latest(@timestamp) by bin(5m)",
]
NOISE = list("|()[]\"'/\\`*#=!<>~,.@ -+^%0123456789\n") + [
    " and ",
    " or ",
    " not ",
    " like ",
    " in ",
    " as ",
    " by ",
    "count(",
    "bin(",
    "5m",
    "stats ",
    "filter ",
    "fields ",
    "parse ",
    "sort ",
    "limit ",
    "desc",
    "@message",
    "srcAddr",
    "ispresent(",
    "pct(",
    ")",
    "/x/",
    '"x"',
]


def mutations(rng: random.Random, count: int):
    for _ in range(count):
        text = rng.choice(VALID)
        for _ in range(rng.randint(1, 2)):
            at = rng.randint(0, len(text))
            kind = rng.random()
            if kind < 0.4:
                text = text[:at] + rng.choice(NOISE) + text[at:]
            elif kind < 0.8:
                text = text[:at] + text[at + rng.randint(1, 5) :]
            else:
                text = text[:at] + text[at:][::-1]
        yield text
    for _ in range(count // 4):
        yield "".join(rng.choice(NOISE) for _ in range(rng.randint(1, 30)))


def test_fuzzed_queries_are_answered_or_refused(base):
    sample = [
        insights.Event((second) * 1000, message, log_stream=stream, source=index)
        for index, (second, message, stream) in enumerate(flow_events(3, 40, base))
    ]
    sample.append(insights.Event(base * 1000, '{"a": {"b": [1, "x"]}, "c": null}'))
    sample.append(insights.Event(base * 1000, "not a flow log, 12 fields"))
    refused = answered = 0
    for text in itertools.chain(VALID, mutations(random.Random(20260601), 3000)):
        try:
            query = insights.parse(text)
        except insights.MalformedQuery as error:
            assert error.message and 0 <= error.start <= error.end <= len(text), text
            refused += 1
            continue
        events = [insights.Event(e.timestamp, e.message, log_stream=e.log_stream, source=e.source) for e in sample]
        result = query.run(events)
        assert all(isinstance(value, str) for fields, _ in result.rows for _, value in fields), text
        answered += 1
    assert refused > 500 and answered > 300  # the fuzzing reached both sides


def test_fuzzed_queries_through_the_wire(logs, flows, base):
    """Through StartQuery: an answer or MalformedQueryException, never an internal error."""
    for text in itertools.islice(mutations(random.Random(7), 40), 40):
        try:
            answer = run(logs, text, base, base + SPAN, logGroupName=flows["group"])
        except ClientError as error:
            assert error.response["Error"]["Code"] == "MalformedQueryException", (text, error.response)
        else:
            assert answer["status"] == "Complete"


# --- the engine's choices, where AWS's guide is silent or approximate ---


def test_the_module_example_runs():
    assert doctest.testmod(insights).failed == 0


def test_sort_is_insights_natural_order():
    values = [
        "A9876fghj",
        "0#",
        "@_",
        "a12345hfh",
        "2",
        "111A",
        "!:",
        "5A",
        "01",
        "*%04",
        "#",
        "2345_",
        "@",
        "A",
        "1",
        "3",
    ]
    ordered = sorted(values, key=insights.natural_key)
    # the guide's example ("sort" page): text first in chunks, numbers last by value
    assert ordered == [
        "!:",
        "#",
        "*%04",
        "0#",
        "5A",
        "111A",
        "2345_",
        "@",
        "@_",
        "A",
        "A9876fghj",
        "a12345hfh",
        "01",
        "1",
        "2",
        "3",
    ]


def test_percentile_is_nearest_rank():
    events = [insights.Event(1000 * i, f"v={v}") for i, v in enumerate([15, 20, 35, 40, 50])]
    query = insights.parse(
        'parse @message "v=*" as v | stats pct(v, 30) as a, pct(v, 40) as b, pct(v, 100) as c, pct(v, 0) as d'
    )
    assert dict(query.run(events).rows[0][0]) == {"a": "20", "b": "20", "c": "50", "d": "15"}


def test_weeks_start_on_monday_months_on_the_first():
    wednesday = 1764190805000  # 2025-11-26 21:00:05 UTC
    assert str(insights.Timestamp(insights.floor_time(wednesday, 1, "w"))) == "2025-11-24 00:00:00.000"
    assert str(insights.Timestamp(insights.floor_time(wednesday, 1, "q"))) == "2025-10-01 00:00:00.000"
    assert str(insights.Timestamp(insights.ceil_time(wednesday, 1, "mo"))) == "2025-12-01 00:00:00.000"


def test_parse_glob_finds_what_the_lazy_regular_expression_finds():
    """parse's glob is found by scanning; the answer is the regex's (each `*` lazy, the last one greedy)."""
    rng = random.Random(5)
    for _ in range(3000):
        glob = "".join(rng.choice("ab *") for _ in range(rng.randint(0, 7)))
        text = "".join(rng.choice("ab ") for _ in range(rng.randint(0, 12)))
        parts = [re.escape(part) for part in glob.split("*")]
        lazy = "".join(
            part + ("(.*?)" if i < len(parts) - 2 else "(.*)" if i == len(parts) - 2 else "")
            for i, part in enumerate(parts)
        )
        found = re.search(lazy, text, re.S)
        assert insights._Glob(glob).groups(text) == (None if found is None else list(found.groups())), (glob, text)


# --- last: it resets the sandbox ---


def test_queries_survive_a_snapshot(sandbox, aws_env, tmp_path, logs, base):
    """A query read before the snapshot keeps its answer; one not yet read runs after the restore, over the
    events its log group held when it started."""
    group = unique("/insights/saved")
    events = flow_events(13, 300, base)
    put(logs, group, events)
    query = 'filter action="REJECT" | stats count(*) as n by dstPort | sort dstPort'
    started = [
        logs.start_query(logGroupName=group, startTime=base, endTime=base + SPAN, queryString=query)["queryId"]
        for _ in range(2)
    ]
    read = logs.get_query_results(queryId=started[0])
    _, late, stream = next(event for event in reversed(events) if " REJECT " in event[1])
    logs.put_log_events(
        logGroupName=group,
        logStreamName=stream,  # after both started: in neither
        logEvents=[{"timestamp": (base + SPAN - 1) * 1000, "message": late}],
    )
    table = frame(events, group)
    expected = table[table["action"] == "REJECT"]["dstPort"].value_counts().sort_index()
    assert rows(read) == [{"dstPort": str(int(port)), "n": str(n)} for port, n in expected.items()]
    path = tmp_path / "snapshot"
    save_snapshot(path, {}, athena_backend=sandbox.athena)
    try:
        reset_sandbox(sandbox.url)
        load_snapshot(path, athena_backend=sandbox.athena)
        assert logs.get_query_results(queryId=started[0])["results"] == read["results"]
        later = logs.get_query_results(queryId=started[1])
        assert (later["status"], later["results"]) == ("Complete", read["results"])
        now = rows(run(logs, query, base, base + SPAN, logGroupName=group))
        assert sum(int(row["n"]) for row in now) == expected.sum() + 1
    finally:
        reset_sandbox(sandbox.url)
