"""The small pure pieces checks rely on: answer normalisation, NACL evaluation, policy matching, S3 names."""

from __future__ import annotations

import pandas as pd
import pytest

from labkit import iam as policies
from labkit.checks import nacl
from labkit.checks.answers import as_int, normalize, same_answer
from labkit.checks.delivered import top
from labkit.checks.names import parse_s3_arn, parse_s3_url


@pytest.mark.parametrize(
    "answer, expected",
    [
        (" 203.0.113.9\n", "203.0.113.9"),
        ("'eni-0ABC'", "eni-0abc"),
        ('"eni-0abc",', "eni-0abc"),
        (23, "23"),
        (23.0, "23"),
        ("23.0", "23"),
        (["eni-1"], "eni-1"),
        (pd.DataFrame({"_col0": [138]}), "138"),
        (pd.Series(["ENI-9"]), "eni-9"),
        ("`22`", "22"),
    ],
)
def test_normalize(answer, expected):
    assert normalize(answer) == expected


def test_same_answer_and_as_int():
    assert same_answer("23", 23) and same_answer(" 23 ", "23") and not same_answer(None, "None")
    assert not same_answer("2.3", 23)
    assert as_int("1,234") == 1234 and as_int(" 46 ") == 46 and as_int("forty") is None and as_int(-1) is None


ALLOW_ALL = {"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": False, "CidrBlock": "0.0.0.0/0"}


def test_nacl_first_match_in_rule_order():
    deny_late = {
        "RuleNumber": 200,
        "Protocol": "-1",
        "RuleAction": "deny",
        "Egress": False,
        "CidrBlock": "203.0.113.9/32",
    }
    assert nacl.decide([deny_late, ALLOW_ALL], False, "203.0.113.9", "tcp", 23) == ("allow", 100)
    deny_early = dict(deny_late, RuleNumber=90)
    assert nacl.decide([ALLOW_ALL, deny_early], False, "203.0.113.9", "tcp", 23) == ("deny", 90)
    assert nacl.decide([ALLOW_ALL, deny_early], False, "203.0.113.10", "tcp", 23) == ("allow", 100)
    assert nacl.decide([ALLOW_ALL], True, "203.0.113.9", "tcp", 23) == ("deny", None)  # no egress rule


def test_nacl_protocols_and_ports():
    ssh_only = {
        "RuleNumber": 100,
        "Protocol": "6",
        "RuleAction": "allow",
        "Egress": False,
        "CidrBlock": "0.0.0.0/0",
        "PortRange": {"From": 22, "To": 22},
    }
    assert nacl.blocked([ssh_only], False, "198.51.100.7", [("tcp", 22), ("tcp", 23), ("udp", 22), ("icmp", None)]) == [
        "tcp/23",
        "udp/22",
        "icmp",
    ]
    assert nacl.allowed([ssh_only], False, "198.51.100.7", [("tcp", 22), ("tcp", 443)]) == ["tcp/22"]


def test_policy_matching():
    doc = {"Statement": [{"Effect": "Allow", "Action": ["logs:Create*", "logs:PutLogEvents"], "Resource": "*"}]}
    assert policies.allows(doc, "logs:CreateLogStream") and policies.allows(doc, "LOGS:putlogevents")
    assert not policies.allows(doc, "logs:DescribeLogGroups")
    encoded = "%7B%22Statement%22%3A%20%5B%5D%7D"
    assert policies.document(encoded) == {"Statement": []}
    trust = {
        "Statement": {
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Principal": {"Service": ["ec2.amazonaws.com", "vpc-flow-logs.amazonaws.com"]},
        }
    }
    assert policies.allows(trust, "sts:AssumeRole", service="vpc-flow-logs.amazonaws.com")
    assert not policies.allows(trust, "sts:AssumeRole", service="lambda.amazonaws.com")


def test_explicit_deny_wins():
    """Once, this evaluator read Allow statements only: an Allow with a Deny-all beside it passed."""
    allow = {"Effect": "Allow", "Action": ["logs:Create*", "logs:PutLogEvents"], "Resource": "*"}
    deny = {"Sid": "NoLogs", "Effect": "Deny", "Action": "logs:*", "Resource": "*"}
    decision = policies.decide([{"Statement": [allow, deny]}], policies.Request("logs:CreateLogStream", "arn:x"))
    assert decision.decision == policies.EXPLICIT_DENY and decision.sid == "NoLogs"
    assert not policies.allows({"Statement": [allow, deny]}, "logs:PutLogEvents")
    # NotAction / NotResource are evaluated, not ignored.
    deny_but_describe = {"Effect": "Deny", "NotAction": "logs:Describe*", "Resource": "*"}
    assert not policies.allows({"Statement": [allow, deny_but_describe]}, "logs:PutLogEvents")
    other_resources = {"Effect": "Deny", "Action": "logs:*", "NotResource": "arn:aws:logs:*:*:log-group:VPCFlowLogs*"}
    doc = {"Statement": [allow, other_resources]}
    assert policies.allows(doc, "logs:PutLogEvents", "arn:aws:logs:us-east-1:1:log-group:VPCFlowLogs")
    assert not policies.allows(doc, "logs:PutLogEvents", "arn:aws:logs:us-east-1:1:log-group:Other")


FLOW_LOGS = "vpc-flow-logs.amazonaws.com"
CONTEXT = {"aws:SourceAccount": "123456789012", "aws:SourceArn": "arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/fl-1"}


def _trust(condition=None):
    statement = {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": FLOW_LOGS}}
    if condition:
        statement["Condition"] = condition
    return {"Statement": [statement]}


@pytest.mark.parametrize(
    "condition, allowed",
    [
        (None, True),
        ({"StringEquals": {"aws:SourceAccount": "123456789012"}}, True),
        ({"StringEquals": {"aws:SourceAccount": "999999999999"}}, False),  # another account
        ({"ArnLike": {"aws:SourceArn": "arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/*"}}, True),
        ({"ArnLike": {"aws:SourceArn": "arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*"}}, False),
        ({"StringNotEquals": {"aws:SourceAccount": "123456789012"}}, False),
        ({"StringEquals": {"aws:SourceOrgID": "o-1"}}, False),  # a key the service does not present
        ({"StringEqualsIfExists": {"aws:SourceOrgID": "o-1"}}, True),
        ({"StringNotEquals": {"aws:SourceOrgID": "o-1"}}, True),  # negated: missing key matches
        ({"Null": {"aws:SourceArn": "false"}}, True),
        ({"NoSuchOperator": {"aws:SourceAccount": "123456789012"}}, False),  # unknown: never grants
        ({"StringEquals": {"aws:SourceAccount": "${aws:PrincipalAccount}"}}, False),  # a variable: never grants
    ],
)
def test_trust_conditions_as_the_flow_logs_service_meets_them(condition, allowed):
    from labkit.delivery import role_check

    assert role_check.trusts_flow_logs(_trust(condition), CONTEXT) is allowed


def test_unknown_condition_on_a_deny_refuses():
    deny = {
        "Effect": "Deny",
        "Action": "sts:AssumeRole",
        "Principal": {"Service": FLOW_LOGS},
        "Condition": {"NoSuchOperator": {"aws:SourceAccount": "1"}},
    }
    doc = {"Statement": _trust()["Statement"] + [deny]}
    assert (
        policies.decide([doc], policies.Request("sts:AssumeRole", None, FLOW_LOGS, CONTEXT)).decision
        == policies.EXPLICIT_DENY
    )


@pytest.mark.parametrize(
    "doc",
    [
        "not json",
        "[1, 2]",
        {"Statement": "x"},
        {"Statement": [1, None, "s"]},
        {"Statement": {"Effect": "Allow"}},
        {"Statement": [{"Effect": "Allow", "Action": 5, "Resource": ["*", None]}]},
        {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": "x"}]},
        {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": 3}}]},
        "[" * 100000,
    ],
)
def test_hostile_policy_documents_never_raise_past_document(doc):
    try:
        parsed = policies.document(doc)
    except ValueError:
        return
    assert policies.allows(parsed, "logs:PutLogEvents", "arn:x") in (True, False)


def test_wildcards_are_iam_wildcards_only():
    assert policies.matches("logs:Put*", "logs:PutLogEvents") and policies.matches("s3:?etObject", "s3:GetObject")
    assert not policies.matches("s3:[GP]etObject", "s3:GetObject")  # brackets are literal in IAM
    assert not policies.matches("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/x", ignore_case=False)


def test_s3_names_and_ties():
    assert parse_s3_arn("arn:aws:s3:::bucket") == ("bucket", "")
    assert parse_s3_arn("arn:aws:s3:::bucket/sub/dir/") == ("bucket", "sub/dir/")
    assert parse_s3_arn("arn:aws:s3:::") is None and parse_s3_arn("s3://bucket") is None
    assert parse_s3_url("s3://b/AWSLogs/1/") == ("b", "AWSLogs/1/") and parse_s3_url("b/k") is None
    from collections import Counter

    assert top(Counter({"23": 5, "3389": 5, "445": 1})) == "23"
    assert top(Counter({"203.0.113.10": 4, "203.0.113.9": 4})) == "203.0.113.9"  # numerically lowest address
    assert top(Counter()) is None


def test_a_delivered_file_is_read_once_and_again_when_its_content_changes(s3):
    import gzip

    from labkit.checks.delivered import Delivered

    bucket, prefix = "delivered-cache", "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/12/02/"
    s3.create_bucket(Bucket=bucket)
    key = prefix + "123456789012_vpcflowlogs_us-east-1_fl-1_20261202T0800Z_ab12.log.gz"

    def put(action: str) -> None:
        s3.put_object(Bucket=bucket, Key=key, Body=gzip.compress(f"version action\n2 {action}\n".encode()))

    def actions() -> list[str]:
        return [r["action"] for r in Delivered(s3, bucket, prefix, lambda key, etag: True).records()]

    put("REJECT")
    assert actions() == ["REJECT"] == actions()  # the second read comes from what the first kept
    put("ACCEPT")  # same key, new content, new ETag
    assert actions() == ["ACCEPT"]
