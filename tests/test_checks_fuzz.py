"""Every check against hostile sandbox states and hostile answers: a verdict each time, never an exception,
never a pass for what is not the answer.

The states are what a student can leave behind (objects that are not gzip or not text under AWSLogs/,
policies that are not JSON objects or deny everything, a trust policy for another account, a network
ACL entry moto accepts and EC2 would not, a truth damaged in every field); the answers are what a
student can type or pass (empty, a superscript digit, a 5000-digit number, deep brackets, lists, maps,
NaN, bytes, an ENI-looking prefix, a CIDR with /33). Each check runs in this process (`verify`, where
the sandbox would run it) and, for a few, through the sandbox as a kernel does (`run_check`).
"""

from __future__ import annotations

import gzip
import json
import math
import random

import boto3
import pytest

from labkit.checks import STEPS
from labkit.progress import run_check
from labkit.checks.result import CheckResult
from labkit.checks.runner import verify
from labkit.checks.verdict import Verdict
from labkit.checks.names import flow_log_bucket_name

HOSTILE_ANSWERS = [
    None,
    "",
    " ",
    "²",
    "9" * 5000,
    "[" * 1000,
    "{" * 1000,
    ["198.51.100.1", "198.51.100.2"],
    {"a": 1},
    float("nan"),
    float("inf"),
    -1,
    0,
    True,
    b"\xff\xfe",
    "eni-",
    "eni-0",
    "10.0.0.0/33",
    "0.0.0.0",
    "198.51.100.7-all",
    "' OR 1=1 --",
    "\x00",
    "😀" * 100,
    10**40,
    1e308,
]

DAMAGED_TRUTHS = [
    {"runs": "not a list"},
    {"runs": [{"start": "x"}], "top_rejected_source": 42, "rejected_by_source": ["a"], "rejected_by_port": "x"},
    {
        "runs": [{}],
        "top_rejected_port": True,
        "attackers": "x",
        "admin_address": {"a": 1},
        "rejected_ssh_by_source": [1, 2],
    },
    {
        "runs": [{}],
        "top_rejected_source": "198.51.100.1",
        "rejected_by_source": {"198.51.100.1": "many"},
        "rejected_by_port": {"22": None},
        "attackers": {"198.51.100.1": "x"},
    },
]


def hostile_account() -> None:
    """What a student can leave in the account: every shape each check reads, broken."""
    s3, ec2, iam, logs = (boto3.client(name) for name in ("s3", "ec2", "iam", "logs"))
    account = boto3.client("sts").get_caller_identity()["Account"]
    bucket = flow_log_bucket_name(account, "us-east-1")
    s3.create_bucket(Bucket=bucket)
    prefix = f"AWSLogs/{account}/vpcflowlogs/us-east-1/2026/12/01/"
    s3.put_object(
        Bucket=bucket,
        Key=prefix + f"{account}_vpcflowlogs_us-east-1_fl-1_20261201T0000Z_a.log.gz",
        Body=b"not gzip at all",
    )
    s3.put_object(
        Bucket=bucket,
        Key=prefix + f"{account}_vpcflowlogs_us-east-1_fl-1_20261201T0005Z_b.log.gz",
        Body=gzip.compress(b"\xff\xfe\x00 not text\n" * 50, mtime=0),
    )
    s3.put_object(
        Bucket=bucket,
        Key=prefix + f"{account}_vpcflowlogs_us-east-1_fl-1_20261201T0010Z_c.log.gz",
        Body=gzip.compress(b"version account-id\n2 x y z\n" + b"-" * 10000 + b"\n", mtime=0),
    )
    s3.put_bucket_policy(
        Bucket=bucket,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [f"arn:aws:s3:::{bucket}/*"]},
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "delivery.logs.amazonaws.com"},
                        "Action": "s3:PutObject",
                        "Resource": f"arn:aws:s3:::{bucket}/*",
                        "Condition": {"StringEquals": {"aws:SourceAccount": "999999999999"}},
                    },
                ],
            }
        ),
    )
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "vpc-flow-logs.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": "999999999999"}},
            }
        ],
    }
    iam.create_role(RoleName="flowlogsrole", AssumeRolePolicyDocument=json.dumps(trust))
    iam.put_role_policy(
        RoleName="flowlogsrole",
        PolicyName="deny",
        PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "logs:*", "Resource": "*"}]}
        ),
    )
    logs.create_log_group(logGroupName="VPCFlowLogs")
    logs.put_retention_policy(logGroupName="VPCFlowLogs", retentionInDays=3653)
    logs.create_log_stream(logGroupName="VPCFlowLogs", logStreamName="eni-0-all")
    logs.put_log_events(
        logGroupName="VPCFlowLogs",
        logStreamName="eni-0-all",
        logEvents=[{"timestamp": 1796169360000, "message": "garbage " * 100}],
    )
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    acl = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(
        NetworkAclId=acl,
        RuleNumber=1,
        Protocol="6",
        RuleAction="deny",
        Egress=False,
        CidrBlock="10.0.0.0/33",
        PortRange={"From": 22, "To": 22},
    )


@pytest.fixture
def hostile(aws_env, sandbox, world):
    """The session's sandbox emptied, then made hostile; its (fresh) world, whose truth a test may damage."""
    from conftest import reset_sandbox
    from labkit.world import current_world

    reset_sandbox(sandbox.url)
    hostile_account()
    return current_world()


def assert_a_verdict(verdict, step_id, answer) -> None:
    assert isinstance(verdict, Verdict), (step_id, answer)
    assert not verdict.passed or not STEP[step_id].needs_answer, (step_id, answer, verdict)
    json.dumps(verdict.missing, default=str)  # it travels to the kernel


STEP = {s.id: s for s in STEPS}


@pytest.mark.parametrize("truth", DAMAGED_TRUTHS + [None], ids=lambda t: "no truth" if t is None else "damaged")
def test_every_check_gives_a_verdict_on_a_hostile_account(hostile, truth):
    if truth is not None:
        hostile.truth = truth
    for step in STEPS:
        answers = HOSTILE_ANSWERS if step.needs_answer else [None]
        for answer in answers:
            assert_a_verdict(verify(step.id, answer), step.id, answer)
    # The wrong passes: a trust for another account with Deny logs:*, a Deny-all bucket policy,
    # objects nobody delivered, a 10-year retention: each fails.
    for step_id in (
        "flowlogs.role",
        "flowlogs.bucket_policy",
        "flowlogs.log_group",
        "reading.s3_objects",
        "reading.nacl_block",
        "cleanup.done",
    ):
        assert not verify(step_id, None if not STEP[step_id].needs_answer else "x").passed, step_id


def test_random_answers_never_pass_and_never_raise(hostile):
    rng = random.Random(20261202)
    alphabet = "0123456789abcdef.:-/ eni[]{}\"'\\\n\t²한"
    for step in (s for s in STEPS if s.needs_answer):
        for _ in range(40):
            answer = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
            verdict = verify(step.id, answer)
            assert_a_verdict(verdict, step.id, answer)
            assert not verdict.passed


def test_through_the_sandbox_as_a_kernel_does(hostile):
    """A few through run_check (the kernel's path: the answer as JSON to /labkit/verify)."""
    for step in STEPS:
        for answer in [None, "²", "9" * 5000, float("nan"), ["a"]] if step.needs_answer else [None]:
            result = run_check(step.id, answer=answer)
            assert isinstance(result, CheckResult) and result.text()
            assert not (result.passed and step.needs_answer), (step.id, answer)
            assert result.xp_awarded == 0 or not math.isnan(result.xp_awarded)
