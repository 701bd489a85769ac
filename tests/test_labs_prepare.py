"""labkit.labs.prepare: a lab opened on an empty sandbox gets the earlier labs' state, once, without XP."""

from __future__ import annotations

from collections import Counter

import boto3
import pytest

import labkit

from conftest import fresh_account
from labkit.checks import verify
from labkit.checks.catalogue import steps_for
from labkit.labs import delivered_keys, prepare, wait_for_delivery
from labkit.messages import LabkitError

REGION = "us-east-1"
BUCKET = "labkit-flow-logs-123456789012-us-east-1"
PREFIX = "AWSLogs/123456789012/vpcflowlogs/us-east-1/"
LAB01 = [s.id for s in steps_for("01-flow-logs")]
ANSWERS = {"flowlogs.bucket_policy": f"arn:aws:s3:::{BUCKET}/AWSLogs/123456789012/*"}  # answer steps of lab 01


@pytest.fixture(scope="module")
def account(sandbox, tmp_path_factory):
    """A freshly reset sandbox account and an empty LABKIT_HOME for the whole module (built state is reused)."""
    with fresh_account(sandbox, tmp_path_factory.mktemp("labkit-home")):
        yield sandbox


def ledger_xp():
    from labkit.progress import progress_summary

    return progress_summary().xp


def named_flow_logs():
    flow_logs = boto3.client("ec2", region_name=REGION).describe_flow_logs()["FlowLogs"]
    return Counter(next((t["Value"] for t in f.get("Tags", []) if t["Key"] == "Name"), None) for f in flow_logs)


def test_labs_00_and_01_need_nothing(account):
    for lab in ("00-welcome", "01-flow-logs"):
        assert prepare(lab).items == []
    assert (
        boto3.client("ec2", region_name=REGION).describe_vpcs(
            Filters=[{"Name": "tag:Name", "Values": ["labkit-demo-vpc"]}]
        )["Vpcs"]
        == []
    )
    assert "needs nothing" in repr(prepare("00-welcome"))


def test_lab02_gets_lab01_state_and_no_xp(account):
    prepared = prepare("02-reading-flow-logs")
    assert [created for _, created in prepared.items] == [True] * 6
    # Everything is there, and none of it earns XP: each check says prepare() built it, and how to do it.
    reasons = {step: [key for key, _ in verify(step, ANSWERS.get(step)).missing] for step in LAB01}
    assert reasons == {step: ["checks.why.built_by_prepare"] for step in LAB01}
    for step in LAB01:
        assert not labkit.start("01-flow-logs", show=False).check(step, answer=ANSWERS.get(step)).passed
    assert ledger_xp() == 0
    assert delivered_keys(BUCKET) == []  # lab 02 runs its own traffic
    shown = repr(prepared)
    assert "rebuilt in this sandbox" in shown and "다시 만들었습니다" in shown


def test_prepare_again_finds_everything_and_duplicates_nothing(account):
    prepared = prepare("02-reading-flow-logs")
    assert [created for _, created in prepared.items] == [False] * 6
    assert named_flow_logs() == Counter({"DemoS3FlowLog": 1, "DemoFlowLog CloudWatch Logs": 1})
    assert "already there" in repr(prepared) and "이미 있습니다" in repr(prepared)
    assert ledger_xp() == 0


def test_lab03_gets_two_days_of_delivered_traffic_once(account):
    from labkit.traffic import load_truth

    prepared = prepare("03-athena")
    assert prepared.items[-1] == ("labs.item.traffic", True)
    keys = delivered_keys(BUCKET)
    days = {"/".join(key[len(PREFIX) :].split("/")[:3]) for key in keys}
    assert len(days) >= 2 and all(key.startswith(PREFIX) for key in keys)  # three when run across midnight
    assert len(load_truth()["runs"]) == 2
    # What lab 03's questions need is there: rejected records in the delivered files, and a truth.
    from labkit.checks.athena import _delivered_rejects
    from labkit.checks.context import Context

    assert len(_delivered_rejects(Context())) > 0
    assert verify("reading.top_attacker", load_truth()["top_rejected_source"]).passed
    again = prepare("03-athena")
    assert again.items[-1] == ("labs.item.traffic", False)
    assert delivered_keys(BUCKET) == keys and len(load_truth()["runs"]) == 2
    assert ledger_xp() == 0


def test_wait_for_delivery_polls_until_files_arrive(account):
    from labkit.traffic import run_traffic

    shown, naps = [], []

    def nap(seconds):  # while we "wait", the flow-logs service delivers more traffic
        naps.append(seconds)
        run_traffic(minutes=5, seed=1)

    before = delivered_keys(BUCKET)
    keys = wait_for_delivery(BUCKET, every=30, timeout=120, show=shown.append, sleep=nap)
    assert naps == [30] and len(keys) > len(before) and set(before) <= set(keys)
    assert "Waiting for AWS" in shown[0] and "전송 완료" in shown[-1]


def test_wait_for_delivery_gives_up_after_the_timeout(account):
    shown = []
    keys = wait_for_delivery(BUCKET, every=30, timeout=60, show=shown.append, sleep=lambda s: None)
    assert keys == delivered_keys(BUCKET)
    assert len(shown) == 4 and "No new file after 1 min" in shown[-1]


def test_wait_for_delivery_shows_a_progress_bar_of_the_time_allowed(account):
    shown = []
    wait_for_delivery(BUCKET, every=300, timeout=1200, show=shown.append, sleep=lambda s: None)
    english = [line for line in shown if " of 20 min: " in line]
    assert (
        english[0].startswith("  [█████···············] 5 of 20 min: ")
        and english[-1].startswith("  [████████████████████] 20 of 20 min: ")
        and len(english) == 4
    )
    assert "[█████···············] 20분 중 5분 경과: 지금까지 파일" in shown[1]


def test_the_delivery_wait_takes_its_timeout_and_interval_from_the_environment(account, monkeypatch):
    from labkit.labs.delivery import seconds_from_environment

    naps = []
    monkeypatch.setenv("LABKIT_DELIVERY_TIMEOUT", "90")
    monkeypatch.setenv("LABKIT_DELIVERY_POLL_SECONDS", "45")
    wait_for_delivery(BUCKET, show=lambda line: None, sleep=naps.append)
    assert naps == [45, 45]
    for unusable in ("", "soon", "0", "-5"):
        monkeypatch.setenv("LABKIT_DELIVERY_TIMEOUT", unusable)
        assert seconds_from_environment("LABKIT_DELIVERY_TIMEOUT", 1200) == 1200


def test_unknown_lab_is_a_bilingual_error(account):
    with pytest.raises(LabkitError) as raised:
        prepare("05-nope")
    assert "05-nope" in str(raised.value) and "실습" in str(raised.value)


def test_yesterday_is_the_day_before_the_recent_minutes_began():
    """Just after midnight UTC the recent minutes began the day before: that day's files must not pass
    for yesterday's (lab 03 needs an earlier day of its own)."""
    import calendar

    from labkit.labs.prerequisites import earlier_day_start, _recent_run_began

    folder = (
        "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/12/0{}/123456789012_vpcflowlogs_us-east-1_fl-1_{}Z_ab.log.gz"
    )
    noon = lambda y, m, d: calendar.timegm((y, m, d, 12, 0, 0))  # noqa: E731
    after_midnight = [folder.format(1, "20261201T2355"), folder.format(2, "20261202T0000")]
    assert earlier_day_start(_recent_run_began(after_midnight, minutes=6)) == noon(2026, 11, 30)
    midday = [folder.format(1, "20261201T1200"), folder.format(1, "20261201T1205")]
    assert earlier_day_start(_recent_run_began(midday, minutes=6)) == noon(2026, 11, 30)
    assert earlier_day_start(_recent_run_began([folder.format(2, "20261202T0107")], minutes=6)) == noon(2026, 12, 1)
