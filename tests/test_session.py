"""labkit.start(): where it runs, the deterministic header, and the session's methods."""

from __future__ import annotations

import re
from pathlib import Path

import boto3
import pytest

import labkit
import labkit.sandbox
from labkit.checks import lab_xp, step
from labkit.messages import LabkitError


@pytest.fixture
def quiet(monkeypatch):
    monkeypatch.setenv("LABKIT_LANG", "both")


def test_start_attaches_to_the_running_sandbox(aws_env, quiet, capsys):
    import os

    lab = labkit.start("01-flow-logs", seed=0)
    out = capsys.readouterr().out
    assert os.environ["AWS_ENDPOINT_URL"] == aws_env  # attached to the sandbox the environment names
    assert not (Path(os.environ["LABKIT_HOME"]) / "sandbox.json").exists()  # nothing started
    assert "Lab 01-flow-logs · Creating flow logs" in out and "실습 01-flow-logs · 흐름 로그 만들기" in out
    assert "local sandbox (127.0.0.1)" in out and "로컬 샌드박스(127.0.0.1)" in out
    worth = lab_xp("01-flow-logs")
    assert "XP so far: 0 / 600" in out and f"Steps in this lab: 7, worth {worth} XP (0 XP earned)" in out
    assert out.strip() == repr(lab)
    assert [s.id for s in lab.steps][:2] == ["flowlogs.demo_vpc", "flowlogs.bucket"]


def test_header_is_deterministic_and_names_no_port_time_or_path(aws_env, quiet):
    port = aws_env.rsplit(":", 1)[1]
    first = labkit.start("03-athena", show=False)
    second = labkit.start("03-athena", show=False)
    for shown in (repr(first), first._repr_html_()):
        assert port not in shown and "tmp" not in shown and not re.search(r"\d\d:\d\d", shown)
    assert repr(first) == repr(second) and first._repr_html_() == second._repr_html_()


def test_header_follows_progress(aws_env, quiet):
    import boto3

    logs = boto3.client("logs")
    if not logs.describe_log_groups(logGroupNamePrefix="VPCFlowLogs")["logGroups"]:
        logs.create_log_group(logGroupName="VPCFlowLogs")
    logs.put_retention_policy(logGroupName="VPCFlowLogs", retentionInDays=1)
    lab = labkit.start("01-flow-logs", show=False)
    result = lab.check("flowlogs.log_group")
    xp = step("flowlogs.log_group").xp
    assert result.passed and result.xp_awarded == xp
    assert f"+{xp} XP" in repr(result) and "통과" in repr(result) and "labkit-check" in result._repr_html_()
    assert f"XP so far: {xp} / 600" in repr(lab) and f"({xp} XP earned)" in repr(lab)
    assert f"XP so far: {xp} / 600" in repr(labkit.start("02-reading-flow-logs", show=False))
    assert "✔ flowlogs.log_group" in repr(lab.steps) and "· flowlogs.role" in repr(lab.steps)
    progress = lab.progress()
    assert progress.xp == xp and "flowlogs.role" in repr(progress)


def test_hint_and_unknown_names(aws_env, quiet):
    lab = labkit.start("02-reading-flow-logs", show=False)
    hint = lab.hint("reading.nacl_block")
    assert "Hint for Network ACL blocks the worst attacker" in repr(hint) and "힌트" in repr(hint)
    assert 'lang="ko"' in hint._repr_html_()
    with pytest.raises(LabkitError, match="no step nope"):
        lab.check("nope")
    with pytest.raises(LabkitError) as error:
        labkit.start("05-nothing")
    assert "There is no lab 05-nothing" in str(error.value) and "실습은 없습니다" in str(error.value)


def test_a_question_without_answer_is_not_an_error(aws_env, quiet):
    result = labkit.start("02-reading-flow-logs", show=False).check("reading.top_attacker")
    assert not result.passed and "needs an answer" in repr(result) and "답이 필요합니다" in repr(result)


def test_aws_target_starts_no_sandbox_and_sets_no_endpoint(aws_env, quiet, monkeypatch, capsys):
    monkeypatch.setenv("LABKIT_TARGET", "aws")
    monkeypatch.delenv("AWS_ENDPOINT_URL")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-northeast-2")

    def refuse(*args, **kwargs):
        raise AssertionError("no sandbox on LABKIT_TARGET=aws")

    monkeypatch.setattr(labkit.sandbox, "ensure_sandbox", refuse)
    monkeypatch.delenv("CI", raising=False)
    from moto import mock_aws

    with mock_aws():  # AWS mode asks STS who it is: never the real AWS from a test
        lab = labkit.start("00-welcome")
    import os

    assert "AWS_ENDPOINT_URL" not in os.environ
    out = capsys.readouterr().out
    assert "your AWS account, region ap-northeast-2" in out and "리전 ap-northeast-2" in out
    assert lab.target == "aws"


def test_start_without_an_endpoint_starts_this_homes_sandbox(aws_env, quiet, monkeypatch):
    import os

    from labkit.sandbox import service

    monkeypatch.delenv("AWS_ENDPOINT_URL")
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, os.environ[name])  # restored afterwards: start() replaces them
    try:
        labkit.start("00-welcome", show=False)
        url = os.environ["AWS_ENDPOINT_URL"]
        assert url.startswith("http://127.0.0.1:") and url != aws_env
        assert service.status()["url"] == url  # a background process of this LABKIT_HOME
        account = boto3.client("sts").get_caller_identity()["Account"]
        assert labkit.start("00-welcome", show=False).check("welcome.connected", answer=account).passed
    finally:
        service.stop()


def test_header_in_one_language(aws_env, monkeypatch):
    monkeypatch.setenv("LABKIT_LANG", "ko")
    shown = repr(labkit.start("04-cleanup", show=False))
    assert "실습 04-cleanup" in shown and "Lab 04" not in shown


def test_jupyter_display_is_html(aws_env, quiet):
    lab = labkit.start("00-welcome", show=False)
    html = lab._repr_html_()
    assert html.startswith("<div class='labkit-lab'") and "환영합니다" in html and "Welcome" in html


def test_check_command(aws_env, quiet, capsys):
    from labkit.cli import main

    account = boto3.client("sts").get_caller_identity()["Account"]
    assert main(["check", "welcome.connected", "--answer", account]) == 0
    assert f"+{step('welcome.connected').xp} XP" in capsys.readouterr().out
    assert main(["check", "reading.top_attacker"]) == 1
    assert "needs an answer" in capsys.readouterr().out
    assert main(["check", "no.such_step"]) == 3  # a LabkitError: its message on stderr
    assert "There is no step no.such_step" in capsys.readouterr().err
