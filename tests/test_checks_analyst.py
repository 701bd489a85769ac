"""Lab 03's analyst questions, judged where the truth is: who guesses SSH passwords and did they get in,
ICMP's share of the rejected records, what a month of flow logs costs to scan. Right answers in any usual
spelling pass; each typical wrong one is named; nothing passes that is not the answer."""

from __future__ import annotations

import pytest

from fixtures.checks_state import (
    ACCOUNT,
    ADMIN,
    BUCKET,
    DAY,
    PREFIX,
    REGION,
    TOP_ATTACKER,
    client,
    deliver,
)
from labkit.checks import verify

GUESSER, SECOND = "192.0.2.232", "192.0.2.102"
OTHER_DAY = "2026/11/27"


def reasons(step_id, answer=None):
    return [key.removeprefix("checks.why.") for key, _ in verify(step_id, answer).missing]


def ssh_truth(lab, accepted=None, sessions=None, rejected=None):
    """The lab's truth with SSH counts: the guesser well ahead, the admin (a session) ahead of everyone."""
    lab["world"].truth = dict(
        lab["truth"],
        accepted_ssh_by_source={ADMIN: 500, GUESSER: 197, SECOND: 64, TOP_ATTACKER: 10}
        if accepted is None
        else accepted,
        ssh_sessions_by_source={ADMIN: 30} if sessions is None else sessions,
        rejected_ssh_by_source={"192.0.2.7": 40, TOP_ATTACKER: 5} if rejected is None else rejected,
    )


def record(src, dstport, protocol, packets, action, srcport=40000, eni=None):
    return f"2 {ACCOUNT} {eni} {src} 10.0.1.10 {srcport} {dstport} {protocol} {packets} {packets * 60} 1764277200 1764277205 {action} OK"


@pytest.fixture
def extra_files(lab):
    """Delivered files a test adds (on another day), removed afterwards."""
    keys = []

    def add(day: str, lines: list[str]) -> str:
        key = f"{PREFIX}{day}/{ACCOUNT}_vpcflowlogs_{REGION}_{lab['flow_log']}_20261127T00{len(keys)}0Z_ee{len(keys)}.log.gz"
        keys.append(deliver(key, lines))
        return key

    yield add
    for key in keys:
        client("s3").delete_object(Bucket=BUCKET, Key=key)


# ---- analyst.ssh_guesser --------------------------------------------------------------------------


def test_the_guesser_is_the_top_accepted_ssh_source_the_admin_left_out(lab):
    ssh_truth(lab)
    for answer in (GUESSER, f" '{GUESSER}'\n", [GUESSER]):
        assert verify("analyst.ssh_guesser", answer).passed, answer
    ssh_truth(lab, accepted={GUESSER: 50, SECOND: 50, ADMIN: 3})
    assert verify("analyst.ssh_guesser", SECOND).passed and verify("analyst.ssh_guesser", GUESSER).passed


@pytest.mark.parametrize(
    "answer, why",
    [
        (ADMIN, "answer_guesser_admin"),
        (TOP_ATTACKER, "answer_guesser_scanner"),
        (SECOND, "answer_guesser_not_top"),
        ("192.0.2.7", "answer_guesser_rejected_only"),
        ("198.18.0.9", "answer_guesser_no_ssh"),
        ("197", "answer_count_not_guesser"),
        ("eni-0abc", "answer_id_not_address"),
        ("10.0.1.10", "answer_own_address"),
        ("the one from 192.0.2.0/24", "answer_not_address"),
    ],
)
def test_a_wrong_guesser_is_named_for_what_it_is(lab, answer, why):
    ssh_truth(lab)
    assert reasons("analyst.ssh_guesser", answer) == [why]


def test_without_accepted_ssh_there_is_no_guesser_to_name(lab):
    ssh_truth(lab, accepted={ADMIN: 12})
    assert reasons("analyst.ssh_guesser", ADMIN) == ["no_guesser"]
    assert reasons("analyst.guesser_got_in", "no") == ["no_guesser"]
    older = {k: v for k, v in lab["truth"].items() if k != "accepted_ssh_by_source"}  # a truth from before
    lab["world"].truth = older
    assert reasons("analyst.ssh_guesser", GUESSER) == ["no_guesser"]


# ---- analyst.guesser_got_in -----------------------------------------------------------------------


def test_the_guesser_did_not_get_in(lab):
    ssh_truth(lab)
    for answer in (False, "no", "No.", " false ", "아니요", "아니오"):
        assert verify("analyst.guesser_got_in", answer).passed, answer
    for answer in (True, "yes", "예"):
        assert reasons("analyst.guesser_got_in", answer) == ["answer_got_in_yes"], answer
    for answer in ("maybe", "n", 0, "0", "not sure"):
        assert reasons("analyst.guesser_got_in", answer) == ["answer_not_yes_no"], answer


def test_a_guesser_with_a_session_got_in(lab):
    ssh_truth(lab, sessions={ADMIN: 30, GUESSER: 4})
    assert verify("analyst.guesser_got_in", True).passed
    assert reasons("analyst.guesser_got_in", "no") == ["answer_got_in_no"]


def test_without_a_truth_the_delivered_logs_decide(lab, extra_files):
    """On a real account: the guesser from the delivered ACCEPTed SSH records, a session from their size."""
    lab["world"].truth = {}
    eni = lab["eni"]
    extra_files(OTHER_DAY, [record(GUESSER, 22, 6, 20 + i, "ACCEPT", 41000 + i, eni) for i in range(4)])
    verdict = verify("analyst.ssh_guesser", GUESSER)
    assert verdict.passed and [k for k, _ in verdict.notes] == ["checks.note.answer_from_delivered"]
    assert verify("analyst.guesser_got_in", "no").passed
    extra_files(OTHER_DAY, [record(GUESSER, 22, 6, 300, "ACCEPT", 42000, eni)])  # a session's minute
    assert verify("analyst.guesser_got_in", "yes").passed


# ---- analyst.icmp_share ----------------------------------------------------------------------------


def test_icmp_share_of_the_rejected_records(lab, extra_files):
    """The module's files hold 8 TCP rejects and 2 accepted records; 2 ICMP rejects make ICMP 2 of 10: 20%."""
    extra_files(OTHER_DAY, [record("198.18.3.4", 0, 1, 1, "REJECT", 0, lab["eni"]) for _ in range(2)])
    for answer in (0.2, "0.2", 20, "20%", " 20 % ", 19.6, "20.4%"):
        assert verify("analyst.icmp_share", answer).passed, answer
    wrong = {
        2: "answer_icmp_count_not_share",
        "16.7%": "answer_icmp_share_of_all",
        1: "answer_icmp_rejected_share",
        250: "answer_not_a_share",
        "a fifth": "answer_not_a_share",
        35: "answer_icmp_not_the_share",
        0.8: "answer_icmp_not_the_share",
    }
    for answer, why in wrong.items():
        assert reasons("analyst.icmp_share", answer) == [why], answer


def test_no_icmp_at_all_is_a_share_of_zero(lab):
    assert verify("analyst.icmp_share", 0).passed and verify("analyst.icmp_share", "0%").passed
    assert reasons("analyst.icmp_share", 5) == ["answer_icmp_not_the_share"]


# ---- analyst.month_cost ----------------------------------------------------------------------------


def day_bytes(day: str) -> int:
    listed = client("s3").list_objects_v2(Bucket=BUCKET, Prefix=f"{PREFIX}{day}/")
    return sum(item["Size"] for item in listed.get("Contents", []))


def test_a_month_is_30_days_like_the_one_measured(lab):
    month = 30 * day_bytes(DAY) / 10**12 * 5
    for answer in (month, f"{month:.2e}", f"${month}", month * 1.03, 30 * day_bytes(DAY) / 2**40 * 5):
        assert verify("analyst.month_cost", answer).passed, answer


def test_typical_wrong_costs_are_named(lab, extra_files):
    extra_files(OTHER_DAY, [record("198.18.3.4", 23, 6, 1, "REJECT", 40001 + i, lab["eni"]) for i in range(40)])
    day = day_bytes(DAY)
    assert verify("analyst.month_cost", 30 * day_bytes(OTHER_DAY) / 10**12 * 5).passed  # any day measured
    wrong = {
        day / 10**12 * 5: "answer_month_one_day",
        30 * day: "answer_month_bytes",
        30 * day / 10**9 * 5: "answer_month_unit",
        0.00005: "answer_month_minimum",
        (day + day_bytes(OTHER_DAY)) / 10**12 * 5: "answer_month_everything",
        "a lot": "answer_not_a_cost",
        0.5: "answer_not_the_cost",
        float("nan"): "answer_not_a_cost",
    }
    for answer, why in wrong.items():
        assert reasons("analyst.month_cost", answer) == [why], answer


def test_no_delivered_day_no_cost(lab, monkeypatch):
    monkeypatch.setattr("labkit.checks.analyst.day_sizes", lambda ctx: {})
    assert reasons("analyst.month_cost", 1) == ["no_records"]
