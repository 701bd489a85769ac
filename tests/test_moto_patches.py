"""labkit's patches of moto that only save work must not change an answer.

- An access key's account is found without building an IAM backend for each of the six partitions
  (each holds AWS's 1,500 managed policies: seconds of start-up and most of a snapshot).
- Region lookups are answered once per question, with botocore's own answer.
- labkit.aws.client reuses a client while the environment boto3 reads stays the same.
"""

from __future__ import annotations

import boto3
import botocore.session

from labkit import aws


def test_a_request_builds_the_iam_backend_of_its_partition_only(sandbox):
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.iam.models import iam_backends

    boto3.client("sts").get_caller_identity()
    boto3.client("iam").list_roles()
    assert sorted(iam_backends[DEFAULT_ACCOUNT_ID].keys()) == ["aws"]


def test_keys_made_in_iam_still_name_their_account(sandbox):
    from moto.iam.models import get_account_id_from

    iam = boto3.client("iam")
    iam.create_user(UserName="patch-check")
    try:
        key = iam.create_access_key(UserName="patch-check")["AccessKey"]["AccessKeyId"]
        assert get_account_id_from(key) == boto3.client("sts").get_caller_identity()["Account"]
        assert get_account_id_from("AKIANOTAKEYOFANYONE0") == "123456789012"  # moto's default account
        iam.delete_access_key(UserName="patch-check", AccessKeyId=key)
    finally:
        iam.delete_user(UserName="patch-check")


def test_region_lookups_give_botocores_own_answers(sandbox):
    plain = botocore.session.Session()
    for service, partition in (("ec2", "aws"), ("s3", "aws"), ("athena", "aws-cn"), ("logs", "aws-us-gov")):
        expected = plain.get_available_regions(service, partition_name=partition)
        assert expected, (service, partition)
        answer = boto3.Session().get_available_regions(service, partition_name=partition)
        assert answer == expected
        answer.append("changed-by-the-caller")  # a caller's list is its own: the next answer is whole
        assert boto3.Session().get_available_regions(service, partition_name=partition) == expected


def test_one_client_per_service_and_environment(aws_env, monkeypatch):
    first = aws.client("s3")
    assert aws.client("s3") is first
    assert aws.client("ec2") is not first
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAANOTHERSANDBOX00")  # a restarted sandbox's new keys
    assert aws.client("s3") is not first
