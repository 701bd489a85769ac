"""Lab 02/03 checks: delivered objects, ENI, answers vs ground truth, the NACL's effect, the Glue table."""

from __future__ import annotations

import os

import pytest

from fixtures.checks_state import (
    ACCOUNT,
    ADMIN,
    ANSWERS,
    BUCKET,
    COLUMNS,
    OTHER_ATTACKER,
    PREFIX,
    RESULTS_BUCKET,
    TOP_ATTACKER,
    client,
    deliver,
    table_input,
)
from labkit.checks import STEPS, verify


def reasons(step_id, answer=None):
    return [key.removeprefix("checks.why.") for key, _ in verify(step_id, answer).missing]


def test_correct_state_passes_every_check_of_labs_01_to_03(lab):
    answers = dict(
        ANSWERS,
        **{"reading.bastion_eni": lab["eni"], "reading.s3_objects": lab["key"], "athena.top_attacker": TOP_ATTACKER},
    )
    skipped = {
        "welcome.connected",
        "athena.result_location",
        "cleanup.done",  # own tests
        "athena.crawler",  # tests/test_checks_athena_crawler.py
        "detection.metric_filter",
        "detection.alarm",
        "detection.insights_answer",
        *(s.id for s in STEPS if s.id.startswith("analyst.")),  # tests/test_checks_analyst.py
        *(s.id for s in STEPS if s.id.startswith("firewall.")),
    }  # tests/test_checks_firewall.py
    failures = {s.id: verify(s.id, answers.get(s.id)).missing for s in STEPS if s.id not in skipped}
    assert {step: missing for step, missing in failures.items() if missing} == {}


# ---- reading.s3_objects ---------------------------------------------------------------------------


def test_s3_object_answer_in_any_usual_spelling(lab):
    key = lab["key"]
    for answer in (key, f"  '{key}'\n", f"s3://{BUCKET}/{key}", f"/{key}"):
        assert verify("reading.s3_objects", answer).passed, answer


@pytest.mark.parametrize(
    "answer, why",
    [
        ("AWSLogs/000000000000/vpcflowlogs/us-east-1/2026/11/26/x.log.gz", "object_not_flow_log"),
        (f"{PREFIX}2026/11/26/not-there.log.gz", "object_missing"),
        (f"{PREFIX}2026/11/26/", "object_not_gz"),
    ],
)
def test_s3_object_wrong(lab, answer, why):
    assert reasons("reading.s3_objects", answer) == [why]


def test_question_without_answer_asks_for_one(lab):
    assert reasons("reading.top_attacker") == ["answer_needed"]
    assert reasons("reading.top_attacker", "  ") == ["answer_needed"]


# ---- reading.bastion_eni / top_attacker / athena answers --------------------------------------------


def test_bastion_eni_tolerant_of_formatting(lab):
    eni = lab["eni"]
    for answer in (eni, f' "{eni.upper()}" ', [eni]):
        assert verify("reading.bastion_eni", answer).passed
    assert reasons("reading.bastion_eni", "eni-0000000000000000") == ["answer_no_such_eni"]


def test_top_attacker_against_ground_truth(lab):
    assert verify("reading.top_attacker", f" {TOP_ATTACKER}\n").passed
    assert reasons("reading.top_attacker", OTHER_ATTACKER) == ["answer_ascending"]  # the fewest, of two
    # The truth decides, not the delivered files: change the truth and the answer changes.
    lab["world"].truth = dict(lab["truth"], top_rejected_source=OTHER_ATTACKER)
    assert verify("reading.top_attacker", OTHER_ATTACKER).passed


def test_top_attacker_without_truth_uses_delivered_logs(lab):
    lab["world"].truth = {"runs": []}  # a process without the truth (a real account)
    verdict = verify("reading.top_attacker", TOP_ATTACKER)
    assert verdict.passed and ("checks.note.answer_from_delivered", {}) in verdict.notes
    assert reasons("reading.top_attacker", OTHER_ATTACKER) == ["answer_ascending"]


def test_wrong_answer_does_not_leak_the_expected_value(lab):
    from labkit.progress import run_check

    shown = repr(run_check("reading.top_attacker", OTHER_ATTACKER))
    assert TOP_ATTACKER not in shown and OTHER_ATTACKER in shown


def test_answers_from_truth_and_delivered_data(lab):
    assert verify("athena.top_port", "23").passed and verify("athena.top_port", 23.0).passed
    assert reasons("athena.top_port", 445) == ["answer_ascending"]
    assert verify("athena.rejected_count", " 8 ").passed
    assert reasons("athena.rejected_count", 46) == ["answer_not_the_count"]


def test_lab_03_top_attacker_is_judged_by_the_truth_over_every_day(lab):
    """The answer to lab 03's question is the truth's top source over every run, as lab 02's is; what the
    student's query returns is judged, and a wrong address is named for what it is."""
    assert verify("athena.top_attacker", f"'{TOP_ATTACKER}'").passed
    assert reasons("athena.top_attacker", OTHER_ATTACKER) == ["answer_ascending"]
    assert reasons("athena.top_attacker", 5) == ["answer_count_not_address"]
    assert reasons("athena.top_attacker", lab["eni"]) == ["answer_id_not_address"]
    assert reasons("athena.top_attacker") == ["answer_needed"]
    lab["world"].truth = dict(
        lab["truth"], top_rejected_source=OTHER_ATTACKER, rejected_by_source={TOP_ATTACKER: 5, OTHER_ATTACKER: 7}
    )
    assert verify("athena.top_attacker", OTHER_ATTACKER).passed
    assert reasons("athena.top_attacker", TOP_ATTACKER) == ["answer_ascending"]


def test_rejected_count_follows_the_delivered_files(lab):
    """The expected count is read from S3 by the check, so a new delivered file changes it."""
    line = f"2 {ACCOUNT} {lab['eni']} {OTHER_ATTACKER} 10.0.1.10 1 23 6 1 40 1764191000 1764191059 REJECT OK"
    key = deliver(f"{PREFIX}2026/11/27/{ACCOUNT}_vpcflowlogs_us-east-1_fl-x_20261127T0000Z_ffff.log.gz", [line])
    try:
        assert verify("athena.rejected_count", 9).passed
        assert reasons("athena.rejected_count", 8) == ["answer_one_day"]  # 8 is what 2026/11/26 holds
    finally:
        client("s3").delete_object(Bucket=BUCKET, Key=key)


# ---- reading.nacl_block -------------------------------------------------------------------------------


def _entry(acl, number, action, cidr, egress=False, protocol="-1", ports=None):
    args = dict(
        NetworkAclId=acl, RuleNumber=number, Protocol=protocol, RuleAction=action, Egress=egress, CidrBlock=cidr
    )
    if ports:
        args["PortRange"] = {"From": ports[0], "To": ports[1]}
    return args


BASELINE_ENTRIES = [
    (90, "deny", f"{TOP_ATTACKER}/32", False),
    (100, "allow", "0.0.0.0/0", False),
    (100, "allow", "0.0.0.0/0", True),
]


@pytest.fixture
def acl(lab):
    """The bastion subnet's ACL; afterwards it holds exactly the lab's entries again (deny 90, allow 100)."""
    ec2 = client("ec2")
    yield lab["acl"]
    for entry in ec2.describe_network_acls(NetworkAclIds=[lab["acl"]])["NetworkAcls"][0]["Entries"]:
        if entry["RuleNumber"] < 32767:
            ec2.delete_network_acl_entry(
                NetworkAclId=lab["acl"], RuleNumber=entry["RuleNumber"], Egress=entry["Egress"]
            )
    for number, action, cidr, egress in BASELINE_ENTRIES:
        ec2.create_network_acl_entry(**_entry(lab["acl"], number, action, cidr, egress=egress))


def test_nacl_without_deny(acl):
    client("ec2").delete_network_acl_entry(NetworkAclId=acl, RuleNumber=90, Egress=False)
    assert reasons("reading.nacl_block") == ["nacl_attacker_allowed"]


def test_nacl_deny_with_too_high_rule_number(acl):
    ec2 = client("ec2")
    ec2.delete_network_acl_entry(NetworkAclId=acl, RuleNumber=90, Egress=False)
    ec2.create_network_acl_entry(**_entry(acl, 200, "deny", f"{TOP_ATTACKER}/32"))
    verdict = verify("reading.nacl_block")
    assert [k for k, _ in verdict.missing] == ["checks.why.nacl_deny_too_late"]
    assert verdict.missing[0][1] == {"acl": acl, "deny_rule": 200, "allow_rule": 100}  # never names the attacker


def test_nacl_deny_on_one_port_only(acl):
    ec2 = client("ec2")
    ec2.delete_network_acl_entry(NetworkAclId=acl, RuleNumber=90, Egress=False)
    ec2.create_network_acl_entry(**_entry(acl, 90, "deny", f"{TOP_ATTACKER}/32", protocol="6", ports=(23, 23)))
    verdict = verify("reading.nacl_block")
    assert [k for k, _ in verdict.missing] == ["checks.why.nacl_attacker_allowed"]
    assert "tcp/22" in verdict.missing[0][1]["probes"] and "tcp/23" not in verdict.missing[0][1]["probes"]


def test_nacl_that_blocks_the_admin(acl):
    client("ec2").create_network_acl_entry(**_entry(acl, 91, "deny", "198.51.100.0/24"))
    assert reasons("reading.nacl_block") == ["nacl_admin_blocked"]


def test_nacl_that_breaks_https_replies(acl):
    """Inbound only SSH allowed: the replies to the bastion's HTTPS (ephemeral ports) are dropped."""
    ec2 = client("ec2")
    ec2.delete_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Egress=False)
    ec2.create_network_acl_entry(**_entry(acl, 100, "allow", "0.0.0.0/0", protocol="6", ports=(22, 22)))
    verdict = verify("reading.nacl_block")
    assert [k for k, _ in verdict.missing] == ["checks.why.nacl_https_blocked"]
    # Allowing the ephemeral range back fixes it.
    ec2.create_network_acl_entry(**_entry(acl, 110, "allow", "0.0.0.0/0", protocol="6", ports=(1024, 65535)))
    assert verify("reading.nacl_block").passed


def test_nacl_that_blocks_replies_to_the_admin(acl):
    ec2 = client("ec2")
    ec2.create_network_acl_entry(**_entry(acl, 50, "deny", f"{ADMIN}/32", egress=True))
    assert reasons("reading.nacl_block") == ["nacl_admin_blocked"]


# ---- athena ---------------------------------------------------------------------------------------------


@pytest.fixture
def table(lab):
    """Swap the vpc_flow_logs table for a variant; the correct one is put back afterwards."""
    glue = client("glue")

    def replace(**changes):
        glue.update_table(DatabaseName="default", TableInput=table_input(**changes))

    yield replace
    glue.update_table(DatabaseName="default", TableInput=table_input())


@pytest.mark.parametrize(
    "changes, why",
    [
        ({"columns": COLUMNS[:-1]}, "table_columns"),
        ({"columns": [("version", "int"), ("srcaddr", "string")] + COLUMNS[2:]}, "table_columns"),
        ({"columns": [(n, "string") for n, _ in COLUMNS]}, "table_columns"),
        ({"partition_keys": ()}, "table_partition_key"),
        ({"partition_keys": (("date", "string"),)}, "table_partition_key"),
        ({"location": f"s3://{BUCKET}/AWSLogs/"}, "table_location"),
        ({"location": f"s3://other-bucket/{PREFIX}"}, "table_location"),
        ({"parameters": {"skip.header.line.count": "0"}}, "table_header"),
    ],
)
def test_table_wrong(table, changes, why):
    table(**changes)
    assert reasons("athena.table") == [why]


def test_table_tolerates_trailing_slash_and_day_partition(table):
    table(location=f"s3://{BUCKET}/{PREFIX}".rstrip("/"), partition_keys=(("day", "string"),))
    assert verify("athena.table").passed


def test_table_missing(lab):
    glue = client("glue")
    glue.delete_table(DatabaseName="default", Name="vpc_flow_logs")
    try:
        assert reasons("athena.table") == ["no_table"]
        assert reasons("athena.partition") == ["no_table"]
    finally:
        glue.create_table(DatabaseName="default", TableInput=table_input())
        glue.create_partition(
            DatabaseName="default",
            TableName="vpc_flow_logs",
            PartitionInput={
                "Values": ["2026-11-26"],
                "StorageDescriptor": {"Location": f"s3://{BUCKET}/{PREFIX}2026/11/26"},
            },
        )


def test_partitions_missing_or_empty(lab):
    glue = client("glue")
    glue.delete_partition(DatabaseName="default", TableName="vpc_flow_logs", PartitionValues=["2026-11-26"])
    try:
        assert reasons("athena.partition") == ["no_partitions"]
        glue.create_partition(
            DatabaseName="default",
            TableName="vpc_flow_logs",
            PartitionInput={
                "Values": ["2026-11-20"],
                "StorageDescriptor": {"Location": f"s3://{BUCKET}/{PREFIX}2026/11/20"},
            },
        )
        assert reasons("athena.partition") == ["partitions_empty"]
    finally:
        glue.delete_partition(DatabaseName="default", TableName="vpc_flow_logs", PartitionValues=["2026-11-20"])
        glue.create_partition(
            DatabaseName="default",
            TableName="vpc_flow_logs",
            PartitionInput={
                "Values": ["2026-11-26"],
                "StorageDescriptor": {"Location": f"s3://{BUCKET}/{PREFIX}2026/11/26"},
            },
        )


@pytest.mark.parametrize(
    "parameters, why",
    [
        ({"projection.enabled": "false"}, "no_projection"),
        ({"storage.location.template": "s3://other-bucket/AWSLogs/${day}"}, "projection_template"),
        ({"projection.day.type": ""}, "projection_key"),
        ({"storage.location.template": f"s3://{BUCKET}/{PREFIX}"}, "projection_key"),
    ],
)
def test_projection_wrong(lab, parameters, why):
    glue = client("glue")
    current = glue.get_table(DatabaseName="default", Name="vpc_flow_logs_projected")["Table"]
    projected = dict(current["Parameters"], **parameters)
    projected = {k: v for k, v in projected.items() if v}
    changed = table_input("vpc_flow_logs_projected", partition_keys=(("day", "string"),), parameters=projected)
    changed["Parameters"] = projected
    glue.update_table(DatabaseName="default", TableInput=changed)
    try:
        assert reasons("athena.projection") == [why]
    finally:
        original = table_input("vpc_flow_logs_projected", partition_keys=(("day", "string"),))
        original["Parameters"] = current["Parameters"]
        glue.update_table(DatabaseName="default", TableInput=original)


def test_projection_with_templated_account_and_region(lab):
    """The AWS guide's form: s3://BUCKET/AWSLogs/${accid}/vpcflowlogs/${region}/${day}."""
    keys = (("accid", "string"), ("region", "string"), ("day", "string"))
    params = {
        "projection.enabled": "true",
        "projection.accid.type": "enum",
        "projection.accid.values": ACCOUNT,
        "projection.region.type": "enum",
        "projection.region.values": "us-east-1",
        "projection.day.type": "date",
        "projection.day.range": "2026/11/01,NOW",
        "projection.day.format": "yyyy/MM/dd",
        "storage.location.template": f"s3://{BUCKET}/AWSLogs/${{accid}}/vpcflowlogs/${{region}}/${{day}}",
    }
    glue = client("glue")
    glue.delete_table(DatabaseName="default", Name="vpc_flow_logs_projected")
    glue.create_table(
        DatabaseName="default",
        TableInput=table_input(
            "test_table_vpclogs", location=f"s3://{BUCKET}/", partition_keys=keys, parameters=params
        ),
    )
    try:
        assert verify("athena.projection").passed
    finally:
        glue.delete_table(DatabaseName="default", Name="test_table_vpclogs")
        glue.create_table(
            DatabaseName="default",
            TableInput=table_input(
                "vpc_flow_logs_projected",
                partition_keys=(("day", "string"),),
                parameters={
                    "projection.enabled": "true",
                    "projection.day.type": "date",
                    "projection.day.range": "2026/11/01,NOW",
                    "projection.day.format": "yyyy/MM/dd",
                    "storage.location.template": f"s3://{BUCKET}/{PREFIX}${{day}}",
                },
            ),
        )


def test_result_location(lab):
    athena, s3 = client("athena"), client("s3")
    athena.update_work_group(
        WorkGroup="primary",
        ConfigurationUpdates={"ResultConfigurationUpdates": {"OutputLocation": f"s3://{RESULTS_BUCKET}/results/"}},
    )
    assert reasons("athena.result_location") == ["result_location_bucket"]
    s3.create_bucket(Bucket=RESULTS_BUCKET)
    assert verify("athena.result_location").passed
    athena.update_work_group(
        WorkGroup="primary", ConfigurationUpdates={"ResultConfigurationUpdates": {"RemoveOutputLocation": True}}
    )
    assert reasons("athena.result_location") == ["no_workgroup_location"]


def test_aws_errors_are_not_yet_not_exceptions(lab, monkeypatch):
    """An endpoint that refuses (here: a closed loopback port) gives a failing verdict, never a traceback."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    assert reasons("flowlogs.log_group") == ["aws_error"]
    assert os.environ["AWS_ENDPOINT_URL"] == "http://127.0.0.1:9"
