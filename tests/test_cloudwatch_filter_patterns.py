"""CloudWatch Logs filter patterns: the user guide's examples on matching and non-matching events, flow-log
lines, the patterns AWS refuses, and fuzzed patterns that never crash. The parser alone first, then
FilterLogEvents and TestMetricFilter through boto3 against the sandbox."""

from __future__ import annotations

import json
import random

import pytest
from botocore.exceptions import ClientError

from labkit.sandbox.cloudwatch.filter_pattern import FilterPatternError, parse, split_fields

SSH_REJECT = (
    '[version, account, eni, source, destination, srcport, destport="22", protocol="6", packets, '
    'bytes, windowstart, windowend, action="REJECT", flowlogstatus]'
)
ACCOUNT = "123456789012"


def flow(src="198.51.100.7", dst="10.0.1.10", sport=50144, dport=22, protocol=6, action="REJECT", status="OK"):
    return (
        f"2 {ACCOUNT} eni-0a1b2c3d {src} {dst} {sport} {dport} {protocol} 3 180 1764190800 1764190859 {action} {status}"
    )


NODATA = f"2 {ACCOUNT} eni-0a1b2c3d - - - - - - - 1764190800 1764190859 - NODATA"

# --- terms (the guide's "ERROR WARN message" examples and its other term examples) ---

EVENTS = ["ERROR WARN message", "ERROR message", "WARN message"]


@pytest.mark.parametrize(
    "pattern, matching",
    [
        ("ERROR", [0, 1]),
        ("?ERROR ?WARN", [0, 1, 2]),
        ("ERROR WARN", [0]),
        ("ERROR -WARN", [1]),
        ('"ERROR" - "WARN"', [1]),  # the guide writes the exclusion with a space
        ('""', [0, 1, 2]),  # matches everything
        ("", [0, 1, 2]),
        ("error", []),  # case-sensitive
        ("%ERR?OR%", [0, 1]),
        ("%^WARN%", [2]),
    ],
)
def test_terms(pattern, matching):
    assert [i for i, event in enumerate(EVENTS) if parse(pattern).matches(event)] == matching


def test_terms_are_substrings_and_phrases_are_exact():
    assert parse("ERROR").matches("Exiting with ERRORCODE: -1")
    assert parse('"ERROR" -"Exiting"').matches("[ERROR] A fatal exception has occurred")
    assert not parse('"ERROR" -"Exiting"').matches("Exiting with ERRORCODE: -1")
    assert parse("Failed to process the request").matches("[ERROR] Unable to continue: the request Failed to process")
    assert not parse('"Failed to process the request"').matches("request Failed to process the")
    assert parse('"[ERROR 401]"').matches("[ERROR 401] UNAUTHORIZED REQUEST")
    assert parse("%AUTHORIZED%").matches("[ERROR 401] UNAUTHORIZED REQUEST")
    timeout = parse(r"%Task timed out after|^REPORT\s.+\sStatus: timeout%")  # AWS accepts spaces in a regex
    assert timeout.matches("2026-12-01T14:00:00Z abc Task timed out after 3.00 seconds")
    assert timeout.matches("REPORT RequestId: abc Duration: 3000 ms Status: timeout")


def test_question_terms_beside_plain_terms_need_one_of_them():
    pattern = parse("REJECT ?22 ?3389")
    assert pattern.matches(flow(dport=3389))
    assert not pattern.matches(flow(dport=22, action="ACCEPT"))
    assert not parse("REJECT ?%^9%").matches(flow())


# --- space-delimited ---


def test_the_ssh_reject_pattern_matches_only_rejected_tcp_22():
    pattern = parse(SSH_REJECT)
    assert pattern.matches(flow())
    for other in (
        flow(action="ACCEPT"),
        flow(dport=23),
        flow(protocol=17),
        flow(dport=2222),
        flow(sport=22, dport=80),
        NODATA,
        flow() + " extra",
        " ".join(flow().split()[:-1]),
    ):
        assert not pattern.matches(other), other
    assert pattern.match(flow()).extracted == {
        "$version": "2",
        "$account": ACCOUNT,
        "$eni": "eni-0a1b2c3d",
        "$source": "198.51.100.7",
        "$destination": "10.0.1.10",
        "$srcport": "50144",
        "$destport": "22",
        "$protocol": "6",
        "$packets": "3",
        "$bytes": "180",
        "$windowstart": "1764190800",
        "$windowend": "1764190859",
        "$action": "REJECT",
        "$flowlogstatus": "OK",
    }


@pytest.mark.parametrize(
    "pattern, matches, misses",
    [
        ("[..., action=REJECT, status]", [flow()], [flow(action="ACCEPT"), NODATA]),
        ("[v, a, e, src = 198.51.100.*, ...]", [flow()], [flow(src="203.0.113.9")]),
        ("[v, a, e, src, dst, sport, dport = 22 || dport = 3389, ...]", [flow(), flow(dport=3389)], [flow(dport=80)]),
        (
            "[v, a, e, src, dst, sport, dport >= 1024 && dport < 49152, ...]",
            [flow(dport=3389)],
            [flow(), flow(dport=50000)],
        ),
        ("[..., packets, bytes > 100, start, end, action, status]", [flow()], [flow().replace(" 180 ", " 60 ")]),
        ("[..., bytes != 180, start, end, action, status]", [flow().replace(" 180 ", " 60 ")], [flow()]),
        ("[..., action = *JEC*, status]", [flow()], [flow(action="ACCEPT")]),
        ("[..., action = %^REJ%, status]", [flow()], [flow(action="ACCEPT")]),
        ("[..., action != ACCEPT, status = OK]", [flow()], [flow(action="ACCEPT"), NODATA]),
        ('[v, a, e, src, dst, sport, dport = "22", ...]', [flow()], [flow(dport=220)]),
        ("[v, a, e, src, dst, sport, dport = 22.0, ...]", [flow()], [flow(dport=23)]),  # numbers compare as numbers
        ("[v, a, e, src, dst, sport, dport > 0, ...]", [flow()], [NODATA]),  # "-" is not a number
    ],
)
def test_space_delimited_conditions(pattern, matches, misses):
    parsed = parse(pattern)
    assert all(parsed.matches(m) for m in matches)
    assert not any(parsed.matches(m) for m in misses)


APACHE = [
    '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
    '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324',
    '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /index.html HTTP/1.0" 404 4355',
]


@pytest.mark.parametrize(
    "pattern, matching",
    [
        ("[ip, user, username, timestamp, request, status_code, bytes]", [0, 1, 2]),
        ("[..., status_code, bytes]", [0, 1, 2]),
        ("[ip, user, ..., status_code, bytes]", [0, 1, 2]),
        ("[ip, user, ...]", [0, 1, 2]),
        ("[ip, user, username, timestamp, request, status_code, bytes > 5000]", [1]),
        ("[ip, user, username, timestamp, request, status_code = 200, bytes]", [0]),
        ("[ip, user, username, timestamp, request, status_code = 4*, bytes]", [2]),
        ("[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]", [2]),
        ("[ip, user, username, timestamp, request, status_code = 403 || status_code = 404, bytes]", [2]),
        ("[ip, user, username, timestamp, request, status_code = 5* && status_code != 503, bytes]", [1]),
        ("[ip, user, username]", []),  # without ..., the event has exactly the pattern's fields
    ],
)
def test_the_guides_space_delimited_examples(pattern, matching):
    assert [i for i, event in enumerate(APACHE) if parse(pattern).matches(event)] == matching


def test_quotes_and_brackets_make_one_field_and_extracted_values_name_the_rest_by_position():
    event = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534'
    assert split_fields(event)[3:5] == ["10/Oct/2000:13:25:15 -0700", "GET /index.html HTTP/1.0"]
    assert parse("[..., request=*.html*, status_code=4*,]").match(event).extracted == {
        "$status_code": "404",
        "$request": "GET /index.html HTTP/1.0",
        "$7": "1534",
        "$4": "10/Oct/2000:13:25:15 -0700",
        "$3": "frank",
        "$2": "-",
        "$1": "127.0.0.1",
    }


def test_words_w1_w2():
    events = ["ERROR WARN message", "ERROR message", "WARN message"]
    assert [e for e in events if parse("[w1=ERROR, w2]").matches(e)] == ["ERROR message"]
    assert [e for e in events if parse("[w1=ERROR || w1=WARN, w2]").matches(e)] == ["ERROR message", "WARN message"]


# --- JSON ---

CLOUDTRAIL = json.dumps(
    {
        "eventType": "UpdateTrail",
        "sourceIPAddress": "111.111.111.111",
        "arrayKey": ["value", "another value"],
        "objectList": [{"name": "a", "id": 1}, {"name": "b", "id": 2}],
        "SomeObject": None,
        "ThisFlag": True,
    }
)
USERS = json.dumps(
    {
        "user": {"id": 1, "email": "John.Stiles@example.com"},
        "users": [{"id": 2, "email": "John.Doe@example.com"}, {"id": 3, "email": "Jane.Doe@example.com"}],
        "actions": ["GET", "PUT", "DELETE"],
        "coordinates": [[0, 1, 2], [4, 5, 6], [7, 8, 9]],
    }
)


@pytest.mark.parametrize(
    "pattern",
    [
        '{ $.eventType = "UpdateTrail" }',
        "{ $.sourceIPAddress != 123.123.* }",
        '{ $.arrayKey[0] = "value" }',
        "{ $.objectList[1].id = 2 }",
        "{ $.SomeObject IS NULL }",
        "{ $.SomeOtherObject NOT EXISTS }",
        "{ $.ThisFlag IS TRUE }",
        "{ $.eventType = *Trail }",
        "{ $.eventType = Update* }",
        "{ $.eventType = * }",
    ],
)
def test_the_guides_json_examples_match(pattern):
    assert parse(pattern).matches(CLOUDTRAIL)


@pytest.mark.parametrize(
    "pattern, matches",
    [
        ('{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', True),
        ('{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', False),
        (
            '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }',
            True,
        ),
        (
            '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }',
            False,
        ),
        ("{ $.coordinates[1][2] = 6 }", True),
        ("{ $.users = 1 }", False),
        ("{ $.users != 1 }", False),  # a selector on an array matches nothing
        ("{ $.user.id >= 1 && $.user.id < 1.5 }", True),
        ("{ $.user.id > 1 }", False),
        ("{ $.user.email = Ev*ent }", False),
        ("{ $.user.missing = * }", False),
        ("{ $.user.email = %Stiles@example% }", True),
    ],
)
def test_json_compound_conditions(pattern, matches):
    assert parse(pattern).matches(USERS) is matches


@pytest.mark.parametrize(
    "pattern, matches",
    [
        ("{ $.users[*].id = 3 }", True),
        ("{ $.users[*].id = 4 }", False),
        ('{ $.users[*].email = "Jane*" }', True),
        ("{ $.actions[*] = DELETE }", True),
        ("{ $.user.* = 1 }", True),
        ("{ $.users[*].phone NOT EXISTS }", True),
    ],
)
def test_json_wildcard_selectors_hold_when_any_value_does(pattern, matches):
    assert parse(pattern).matches(USERS) is matches


def test_json_patterns_read_only_json():
    pattern = parse("{ $.latency > 100 }")
    assert pattern.matches('{"latency": 250, "requestType": "GET"}')
    assert not pattern.matches(flow())
    assert not pattern.matches('{"latency": "slow"}')
    assert pattern.match('{"latency": 250}').value("$.latency") == "250"
    assert pattern.match('{"latency": 250}').extracted == {}  # the guide: extracted values are space-delimited only


# --- refused, as AWS refuses them ---


@pytest.mark.parametrize(
    "pattern, message",
    [
        ("10.0.1.10", "Invalid character(s) in term '10.0.1.10'"),
        ("ERROR eni-0a1b", "Invalid character(s) in term 'eni-0a1b'"),
        ("“ERROR”", "Invalid character(s) in term '“ERROR”'"),
        ("[a, b", "Invalid filter pattern"),
        ("[]", "Invalid filter pattern"),
        ("[a, a]", "Invalid filter pattern"),
        ("[a, ..., ...]", "Invalid filter pattern"),
        ("[status = 4* && bytes > 1000]", "Invalid filter pattern"),
        ("[a > abc]", "Invalid filter pattern"),
        ("[a = ]", "Invalid filter pattern"),
        ("[a] b", "Invalid filter pattern"),
        ("{ $.a = 1", "Invalid filter pattern"),
        ("{ a = 1 }", "Invalid filter pattern"),
        ("{ $ = 1 }", "Invalid filter pattern"),
        ("{ $.a IS MAYBE }", "Invalid filter pattern"),
        ("{ $.a NOT THERE }", "Invalid filter pattern"),
        ("{ $.a[x] = 1 }", "Invalid filter pattern"),
        ("{ $.type = 'Root' }", "Invalid filter pattern"),
        ("{ $.email = a@example.com }", "Invalid filter pattern"),
        ("[user = $admin, ...]", "Invalid filter pattern"),
        ("{ ($.a = 1 }", "Invalid filter pattern"),
        ('"unterminated', "Invalid filter pattern"),
        ("-", "Invalid filter pattern"),
        ("%a!b%", "Invalid filter pattern"),
        ("%(ab)%", "Invalid filter pattern"),
        ("%something!%", "Invalid filter pattern"),
        ("%한%", "Invalid filter pattern"),
        ("%%", "Invalid filter pattern"),
        ("%a% %b% %c%", "Invalid filter pattern"),
        ("x" * 1025, "Invalid filter pattern"),
    ],
)
def test_patterns_aws_refuses(pattern, message):
    with pytest.raises(FilterPatternError) as refused:
        parse(pattern)
    assert refused.value.aws_message() == message


def test_nesting_is_bounded():
    assert parse("{ " + "(" * 10 + "$.a = 1" + ")" * 10 + " }").matches('{"a": 1}')
    with pytest.raises(FilterPatternError):
        parse("{ " + "(" * 400 + "$.a = 1" + ")" * 400 + " }")


# --- fuzz: no pattern and no event ever crashes ---

ALPHABET = list('[]{}()"%$.,=!<>&|?*- _\\aAzZ09\t') + [
    "&&",
    "||",
    "...",
    "IS",
    "NULL",
    "NOT",
    "EXISTS",
    "$.a",
    "[0]",
    "REJECT",
    "22",
    "ë",
    "\x00",
]


def test_fuzzed_patterns_parse_or_are_refused_and_never_crash():
    rng = random.Random(12)
    events = [
        flow(),
        NODATA,
        CLOUDTRAIL,
        USERS,
        APACHE[0],
        "",
        "{",
        '{"a": [1, {"b": null}]}',
        "[" * 3000,
        json.dumps({"a": [[[[1]]]]}),
        "x " * 200,
    ]
    seeds = [
        SSH_REJECT,
        "[..., status_code = 4* && status_code != 403, bytes]",
        "?ERROR ?WARN -DEBUG %ERR?%",
        '{ ($.user.id = 1) && ($.users[0].email = "John*") || $.a NOT EXISTS || $.b IS NULL }',
    ]
    parsed = refused = 0
    for _ in range(4000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
        mutant = list(rng.choice(seeds))
        for _ in range(rng.randint(1, 3)):  # a known pattern with a few characters changed
            position = rng.randrange(len(mutant))
            mutant[position : position + rng.randint(0, 2)] = rng.choice(ALPHABET)
        for candidate in (
            text,
            "[" + text + "]",
            "{ " + text + " }",
            "{ $.a " + text + " }",
            "[a, " + text + "]",
            "".join(mutant),
        ):
            try:
                pattern = parse(candidate)
            except FilterPatternError:
                refused += 1
                continue
            parsed += 1
            for event in events:
                match = pattern.match(event)
                if match is not None:
                    for reference in ("$a", "$1", "$.a", "$.a[0]", "$", ""):
                        match.value(reference)
    assert parsed > 500 and refused > 5000  # both paths well exercised


def test_deep_json_events_do_not_crash():
    assert not parse("{ $.a = 1 }").matches("[" * 100_000 + "]" * 100_000)


# --- through the API ---


@pytest.fixture(scope="module")
def group(sandbox):
    logs = sandbox.client("logs")
    name = "/test/filter-patterns"
    try:
        logs.create_log_group(logGroupName=name)
    except logs.exceptions.ResourceAlreadyExistsException:
        pass
    try:
        logs.create_log_stream(logGroupName=name, logStreamName="eni-0a1b2c3d-all")
    except logs.exceptions.ResourceAlreadyExistsException:
        pass
    import time

    now = int(time.time()) // 60 * 60 - 300
    messages = [flow(), flow(action="ACCEPT"), flow(dport=3389), flow(protocol=17, dport=22), NODATA]
    logs.put_log_events(
        logGroupName=name,
        logStreamName="eni-0a1b2c3d-all",
        logEvents=[{"timestamp": (now + i) * 1000, "message": m} for i, m in enumerate(messages)],
    )
    return logs, name, messages


def test_filter_log_events_applies_the_pattern(group):
    logs, name, messages = group
    found = logs.filter_log_events(logGroupName=name, filterPattern=SSH_REJECT)["events"]
    assert [e["message"] for e in found] == [flow()]
    assert [
        e["message"] for e in logs.filter_log_events(logGroupName=name, filterPattern="REJECT -NODATA")["events"]
    ] == [flow(), flow(dport=3389), flow(protocol=17, dport=22)]
    assert len(logs.filter_log_events(logGroupName=name, filterPattern="")["events"]) == len(messages)


@pytest.mark.parametrize(
    "pattern, message",
    [
        ("10.0.1.10", "Invalid character(s) in term '10.0.1.10'"),
        ("[version, account", "Invalid filter pattern"),
    ],
)
def test_filter_log_events_refuses_what_aws_refuses(group, pattern, message):
    logs, name, _ = group
    with pytest.raises(ClientError) as refused:
        logs.filter_log_events(logGroupName=name, filterPattern=pattern)
    assert refused.value.response["Error"]["Code"] == "InvalidParameterException"
    assert refused.value.response["Error"]["Message"] == message


def test_test_metric_filter_reports_matches_and_extracted_values(sandbox):
    logs = sandbox.client("logs")
    messages = [flow(), flow(action="ACCEPT"), NODATA, flow(src="203.0.113.9")]
    matches = logs.test_metric_filter(filterPattern=SSH_REJECT, logEventMessages=messages)["matches"]
    assert [(m["eventNumber"], m["eventMessage"]) for m in matches] == [(1, messages[0]), (4, messages[3])]
    assert matches[1]["extractedValues"]["$source"] == "203.0.113.9"
    assert (
        logs.test_metric_filter(filterPattern="REJECT", logEventMessages=messages)["matches"][0]["extractedValues"]
        == {}
    )
    with pytest.raises(ClientError) as refused:
        logs.test_metric_filter(filterPattern="[a, a]", logEventMessages=messages)
    assert refused.value.response["Error"] == {
        "Code": "InvalidParameterException",
        "Message": "Invalid metric filter pattern",
    }


def test_a_subscription_filter_sends_only_the_events_its_pattern_matches(sandbox):
    import time

    logs = sandbox.client("logs")
    source, target, stream = "/test/subscribed-source", "/test/subscribed-target", "eni-0a1b2c3d-all"
    for group in (source, target):
        logs.create_log_group(logGroupName=group)
        logs.create_log_stream(logGroupName=group, logStreamName=stream)
    with pytest.raises(ClientError) as refused:
        logs.put_subscription_filter(
            logGroupName=source,
            filterName="ssh",
            filterPattern="[a, a]",
            destinationArn=f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:{target}:*",
        )
    assert refused.value.response["Error"]["Code"] == "InvalidParameterException"
    logs.put_subscription_filter(
        logGroupName=source,
        filterName="ssh",
        filterPattern=SSH_REJECT,
        destinationArn=f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:{target}:*",
    )
    now = int(time.time()) // 60 * 60 - 120
    messages = [flow(), flow(action="ACCEPT"), NODATA, flow(src="203.0.113.9")]
    logs.put_log_events(
        logGroupName=source,
        logStreamName=stream,
        logEvents=[{"timestamp": (now + i) * 1000, "message": m} for i, m in enumerate(messages)],
    )
    received = logs.get_log_events(logGroupName=target, logStreamName=stream, startFromHead=True)["events"]
    assert [e["message"] for e in received] == [messages[0], messages[3]]
    assert len(logs.get_log_events(logGroupName=source, logStreamName=stream)["events"]) == 4
