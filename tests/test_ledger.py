"""The XP ledger: once per step, only through a passing check, safe across processes, robust to damage."""

from __future__ import annotations

import json
import multiprocessing
import random
import warnings

import pytest

from labkit.checks import STEPS
from labkit.progress import run_check
from labkit.checks.catalogue import Step, step
from labkit.checks.result import CheckResult, make_result
from labkit.checks.verdict import Verdict
from labkit.messages import LabkitError
from labkit.progress import ledger, progress_summary

LOGS_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}],
}
TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}}
    ],
}
GROUP_XP, ROLE_XP, WELCOME_XP = (step(s).xp for s in ("flowlogs.log_group", "flowlogs.role", "welcome.connected"))


@pytest.fixture
def passing_state(aws_env):
    """What `flowlogs.log_group` and `flowlogs.role` need (made idempotently: no slow account reset)."""
    import boto3

    logs, iam = boto3.client("logs"), boto3.client("iam")
    groups = logs.describe_log_groups(logGroupNamePrefix="VPCFlowLogs")["logGroups"]
    if "VPCFlowLogs" not in [g["logGroupName"] for g in groups]:  # the prefix also matches VPCFlowLogs-*
        logs.create_log_group(logGroupName="VPCFlowLogs")
    logs.put_retention_policy(logGroupName="VPCFlowLogs", retentionInDays=1)
    try:
        iam.get_role(RoleName="flowlogsrole")
    except iam.exceptions.NoSuchEntityException:
        iam.create_role(RoleName="flowlogsrole", AssumeRolePolicyDocument=json.dumps(TRUST))
        iam.put_role_policy(RoleName="flowlogsrole", PolicyName="logs", PolicyDocument=json.dumps(LOGS_POLICY))
    return aws_env


def lines():
    return [line for line in ledger.ledger_path().read_bytes().split(b"\n") if line.strip()]


def test_xp_awarded_once_however_often_the_check_runs(passing_state):
    first, second, third = (run_check("flowlogs.log_group") for _ in range(3))
    assert (first.xp_awarded, second.xp_awarded, third.xp_awarded) == (GROUP_XP, 0, 0)
    assert second.already_earned and "already" in repr(second)
    assert len(lines()) == 1
    entry = ledger.read_entries()[0]
    assert entry["step"] == "flowlogs.log_group" and entry["xp"] == GROUP_XP
    assert entry["evidence"] == {"retention_days": 1} and entry["time"].endswith("+00:00")
    assert progress_summary().xp == GROUP_XP


def test_a_result_cannot_be_made_or_awarded_by_hand(passing_state):
    with pytest.raises(LabkitError):
        CheckResult(step("flowlogs.log_group"), Verdict())
    failing = make_result(step("flowlogs.log_group"), Verdict().fail("no_log_group", group="x"))
    with pytest.raises(LabkitError):
        ledger.award(failing)
    impostor = Step("flowlogs.log_group", "01-flow-logs", 600)  # not the catalogue's own Step
    with pytest.raises(LabkitError):
        ledger.award(make_result(impostor, Verdict()))

    class Lookalike:
        step, passed, evidence = STEPS[0], True, {}

    with pytest.raises(LabkitError):
        ledger.award(Lookalike())
    assert not ledger.ledger_path().exists() or lines() == []


def test_hand_appended_line_gives_no_xp(passing_state, tmp_path, monkeypatch):
    run_check("flowlogs.log_group")
    forged = {
        "step": "flowlogs.s3_flow_log",
        "xp": 60,
        "time": "2026-11-26T22:00:00+00:00",
        "target": "sandbox",
        "evidence": {},
        "mac": "0" * 64,
    }
    with ledger.ledger_path().open("a") as f:
        f.write(json.dumps(forged) + "\n")
        f.write(json.dumps({"step": "reading.nacl_block", "xp": 50}) + "\n")  # no MAC at all
    # A genuine line from another LABKIT_HOME (another key) is not trusted here either.
    copied = lines()[0]
    monkeypatch.setenv("LABKIT_HOME", str(tmp_path / "other-home"))
    with ledger.ledger_path().open("ab") as f:
        f.write(copied + b"\n")
    with pytest.warns(ledger.LedgerWarning):
        assert progress_summary().xp == 0


def test_forged_lines_warn_and_count_nothing(passing_state):
    run_check("flowlogs.log_group")
    entry = json.loads(lines()[0])
    entry["xp"] = 600  # tampered with: the MAC no longer matches
    with ledger.ledger_path().open("a") as f:
        f.write(json.dumps(dict(entry, step="athena.table")) + "\n")
    with pytest.warns(ledger.LedgerWarning, match="athena.table"):
        summary = progress_summary()
    assert summary.xp == GROUP_XP and summary.done == {"flowlogs.log_group"}


def test_torn_last_line_keeps_earlier_xp_and_later_awards_still_land(passing_state):
    run_check("flowlogs.log_group")
    with ledger.ledger_path().open("ab") as f:
        f.write(b'{"step": "flowlogs.role", "xp": 4')  # a crash mid-write
    with pytest.warns(ledger.LedgerWarning) as caught:
        assert progress_summary().xp == GROUP_XP
    text = str(caught[0].message)
    assert "torn" in text and "잘렸거나" in text
    assert run_check("flowlogs.role").xp_awarded == ROLE_XP
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        assert progress_summary().xp == GROUP_XP + ROLE_XP
    assert lines()[1] == b'{"step": "flowlogs.role", "xp": 4'


def test_corrupt_middle_line_is_skipped(passing_state):
    run_check("flowlogs.log_group")
    with ledger.ledger_path().open("ab") as f:
        f.write(b"\x00\xff garbage\n")
    run_check("flowlogs.role")
    with pytest.warns(ledger.LedgerWarning):
        assert progress_summary().xp == GROUP_XP + ROLE_XP


# ---- concurrency -----------------------------------------------------------------------------------


def _run_checks(env: dict, step_ids: list[str], barrier, queue) -> None:
    """A second kernel: same LABKIT_HOME, same sandbox, checks run at the same moment."""
    import os

    os.environ.update(env)
    import boto3

    from labkit.progress import run_check as run

    account = boto3.client("sts").get_caller_identity()["Account"]  # welcome.connected's answer
    barrier.wait()
    queue.put([(s, run(s, account if s == "welcome.connected" else None).xp_awarded) for s in step_ids])


def _award_directly(env: dict, step_ids: list[str], barrier, queue) -> None:
    """Stress the ledger's lock: sealed passing results for many steps, in a shuffled order."""
    import os

    os.environ.update(env)
    from labkit.checks.catalogue import step as find
    from labkit.checks.result import make_result as make
    from labkit.checks.verdict import Verdict as V
    from labkit.progress import ledger as book

    barrier.wait()
    queue.put([(s, book.award(make(find(s), V())) is not None) for s in step_ids])  # awarded here?


def _in_processes(target, plans: list[list[str]], method: str = "spawn") -> list[tuple[str, int]]:
    """Run `target` in one fresh process per plan (spawn: a new interpreter, as a second kernel is)."""
    import os

    spawn = multiprocessing.get_context(method)
    barrier, queue = spawn.Barrier(len(plans)), spawn.Queue()
    env = {k: v for k, v in os.environ.items() if k.startswith(("AWS_", "LABKIT_"))}
    workers = [spawn.Process(target=target, args=(env, plan, barrier, queue)) for plan in plans]
    for worker in workers:
        worker.start()
    results = [pair for _ in workers for pair in queue.get(timeout=120)]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return results


def test_concurrent_checks_from_several_processes(passing_state):
    plans = [
        ["flowlogs.log_group", "flowlogs.role"],
        ["flowlogs.role", "flowlogs.log_group"],
        ["welcome.connected", "flowlogs.log_group"],
    ]
    results = _in_processes(_run_checks, plans)
    awarded = [(s, xp) for s, xp in results if xp]
    assert sorted(awarded) == [
        ("flowlogs.log_group", GROUP_XP),
        ("flowlogs.role", ROLE_XP),
        ("welcome.connected", WELCOME_XP),
    ]
    assert len(lines()) == 3
    assert progress_summary().xp == GROUP_XP + ROLE_XP + WELCOME_XP


def test_concurrent_awards_lose_nothing_and_double_nothing(aws_env):
    ids = [s.id for s in STEPS]
    rng = random.Random(7)
    plans = [rng.sample(ids, len(ids)) for _ in range(4)]
    results = _in_processes(_award_directly, plans, method="fork")  # no AWS client in these: fork is safe
    assert sorted(s for s, awarded in results if awarded) == sorted(ids)  # each step by exactly one process
    assert len(lines()) == len(ids)
    summary = progress_summary()
    assert summary.xp == 600 and len(summary.entries) == len(ids)


def test_a_lost_key_is_restored_from_its_backup_and_no_xp_is_lost(passing_state):
    run_check("flowlogs.log_group")
    key = ledger.home() / ledger.KEY_FILE
    key.unlink()
    with pytest.warns(ledger.LedgerWarning, match="restored"):
        assert progress_summary().xp == GROUP_XP
    assert key.exists()
    key.write_bytes(b"damaged\n")
    with pytest.warns(ledger.LedgerWarning, match="restored"):
        assert progress_summary().xp == GROUP_XP
    assert run_check("flowlogs.role").xp_awarded == ROLE_XP


def test_with_no_key_and_no_backup_nothing_is_deleted_and_the_old_key_brings_it_back(passing_state):
    run_check("flowlogs.log_group")
    folder = ledger.home()
    old = (folder / ledger.KEY_FILE).read_bytes()
    before = ledger.ledger_path().read_bytes()
    (folder / ledger.KEY_FILE).unlink()
    (folder / ledger.BACKUP_FILE).unlink()
    with pytest.warns(ledger.LedgerWarning) as caught:
        assert progress_summary().xp == 0
    text = " ".join(str(w.message) for w in caught)
    assert "cannot be verified" in text and "확인할 수 없어" in text
    assert ledger.ledger_path().read_bytes() == before  # the ledger itself is never rewritten
    assert run_check("flowlogs.role").xp_awarded == ROLE_XP  # a new key signs new awards
    with (folder / ledger.KEY_FILE).open("ab") as ring:  # the old key, put back as a line of the keyring
        ring.write(old.strip() + b"\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert progress_summary().xp == GROUP_XP + ROLE_XP


def test_one_hostile_line_does_not_stop_later_checks(passing_state):
    with ledger.ledger_path().open("ab") as f:
        f.write(b"[" * 100_000 + b"\n" + b"{" * 100_000 + b"\n")
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        assert run_check("flowlogs.log_group").xp_awarded == GROUP_XP
        assert progress_summary().xp == GROUP_XP
