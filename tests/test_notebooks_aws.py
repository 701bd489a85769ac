"""The solution notebooks' AWS path (LABKIT_TARGET=aws), run in real kernels on moto's in-process mock.

Each notebook runs in a fresh kernel whose IPython profile (a temporary IPYTHONDIR, so never a
student's) starts `moto.mock_aws` before the first cell. Nothing can reach AWS: fake keys,
AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE at /dev/null, no AWS_ENDPOINT_URL (so no sandbox
either, and none of its simulated delivery), a request moto does not answer raises in the kernel, and
HTTP(S)_PROXY points at a closed loopback port. The notebooks share one fresh LABKIT_HOME, as a
student's do: the confirmation and the XP ledger carry over from lab to lab, the mock's state does not
(each lab's `prepare` rebuilds what it needs).

What is asserted: `labkit.start` says account, region and costs and nothing billable is created until
the student confirms (bilingual refusal; lab 00 creates nothing, lab 01 stops at its first creating
cell, then confirms with `labkit.start(..., confirm_aws=True)` in its first cell); with CI set it refuses
unless LABKIT_ALLOW_AWS_IN_CI=1; the flow-log bucket is named after the account and region; every
resource a lab creates (what aws_inventory.py lists, as the kernel's mock has it after the last cell)
carries the course tag and that lab's tag, and lab 04 leaves none; the delivery wait says what it waits
for, shows a progress bar and ends at its timeout in both languages (LABKIT_DELIVERY_TIMEOUT and
LABKIT_DELIVERY_POLL_SECONDS: hundredths of a second here, so no real waiting); synthetic attack records
go under their own prefix; the ledger records `target: aws`.

moto delivers no flow-log files, attaches no bucket policy for the log-delivery service and answers
Athena queries without running them. The cells that need those cannot succeed here; each notebook's
MOCK_LIMITS names them with the one error allowed (any other failure, or a listed cell that
passes, fails the test):

* 01: AWS attaches a bucket policy when a flow log to S3 is created; moto does not, so reading it
  (NoSuchBucketPolicy) and the two cells that use it fail.
* 02: nothing is delivered, so the wait ends at its timeout and every cell reading the records fails
  (no `Contents`, no keys, names never defined); the alarm never fires; no Logs Insights results.
  The stolen laptop and the office backup have no client on AWS (nor here): their records stay empty.
* 03: moto does not implement glue:CreateClassifier (so no crawler either); its Athena answers every
  query with an empty result, so what reads a column fails. The synthetic attack records are uploaded
  (labs.attack_records), so the days, and the cells that only need them, are there.
* 04: moto does not implement glue:DeleteClassifier: the last line of the cell that deletes lab 03's
  crawler, its role, tables and the workgroup fails; everything before it is deleted.

Every list is exact: a listed cell that starts to pass fails the test, so the list stays minimal.
Runtime: about 2 minutes on a quiet 2-core machine, 3.5 under load (8 kernels; moto starts EC2 in each).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat.v4 import new_code_cell

from labkit.release import read_notebook
from labkit.release.kernels import IpcKernelManager

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
TESTS = Path(__file__).resolve().parent
ACCOUNT, REGION = "123456789012", "us-east-1"  # moto's account
CELL_TIMEOUT = 120
LABS = ("00-welcome", "01-flow-logs", "02-reading-flow-logs", "03-athena", "04-cleanup")


def attached_policies() -> list[str]:
    """The names of the AWS managed policies the solutions and labkit attach (arn:aws:iam::aws:policy/...)."""
    sources = [*SOLUTIONS.glob("*.ipynb"), *(ROOT / "labkit").rglob("*.py")]
    return sorted(
        {
            name
            for path in sources
            for name in re.findall(
                r"arn:aws:iam::aws:policy/(?:[\w+=,.@-]+/)*([\w+=,.@-]+)", path.read_text(encoding="utf-8")
            )
        }
    )


# Run by the kernel's IPython profile before the first cell: moto's mock for every boto3 client of the
# kernel (labkit's, the notebook's, PyAthena's own session), and a refusal of anything moto does not answer.
KERNEL_STARTUP = """
def _labkit_test_mock():
    import json

    import botocore.handlers
    import runpy

    runpy.run_path(ONE_LOADER)["share_one_loader"]()  # moto makes a session for each region lookup
    import moto.iam.models
    from moto import mock_aws
    from moto.core.models import botocore_stubber

    def answered_by_moto(request, **kwargs):  # a request moto does not answer would go out: refused instead
        response = botocore_stubber(request=request, **kwargs)
        if response is None:
            raise RuntimeError("test kernel: moto did not answer " + request.url + "; nothing may leave the machine")
        return response

    handlers = botocore.handlers.BUILTIN_HANDLERS  # what every botocore session (boto3's, PyAthena's) registers
    handlers[handlers.index(("before-send", botocore_stubber))] = ("before-send", answered_by_moto)
    # Only the AWS managed policies the labs attach; all ~1,300 take seconds per partition to load.
    managed = json.loads(moto.iam.models.aws_managed_policies_data)
    moto.iam.models.aws_managed_policies_data = json.dumps({name: managed[name] for name in ATTACHED_POLICIES})
    mock = mock_aws(config={"iam": {"load_aws_managed_policies": True}})
    mock.start()
    return mock


_labkit_test_mock = _labkit_test_mock()
"""
ATTACHED_POLICIES_LINE = "ATTACHED_POLICIES = {names!r}\n"
ONE_LOADER_LINE = f"ONE_LOADER = {str(TESTS / 'one_loader.py')!r}\n"
INVENTORY_CELL = (
    f"import sys\nsys.path.insert(0, {str(TESTS)!r})\nimport aws_inventory\nprint(aws_inventory.inventory_json())"
)

# Cells (by id) that cannot succeed on moto's mock, and the one error each may end with ("Name: message" regex).
MOCK_LIMITS: dict[str, dict[str, str]] = {
    "00-welcome": {},
    "01-flow-logs": {
        "2f1d705eea7d": r"ClientError: .*NoSuchBucketPolicy",  # no policy attached for the log service
        "1ebea22e36c4": r"NameError: name 'policy' is not defined",
        "a80fb4f512dd": r"NameError: name 'writable' is not defined",
    },
    "02-reading-flow-logs": {  # nothing delivered to S3 or CloudWatch Logs: the wait ends at its timeout
        "f83b6535aa9d": r"KeyError: 'Contents'",
        "bba23ab1ae29": r"NameError: name 'first_key' is not defined",
        "e71c5de6086b": r"IndexError: list index out of range",
        "aba14346b6da": r"ResourceNotFoundException: .*GetLogEvents",
        "df10c6a2ce76": r"ValueError: No objects to concatenate",
        "ad6c1697b839": r"NameError: name 'records' is not defined",
        "8b199d5bfe56": r"NameError: name 'inbound' is not defined",
        "ddb76a1c0820": r"NameError: name 'bastion' is not defined",
        "b2fc39367925": r"NameError: name 'inbound_rejects' is not defined",
        "a3bf7aad2a70": r"NameError: name 'top_attacker' is not defined",
        "7ed3991e6b97": r"NameError: name 'inbound_rejects' is not defined",
        "4b80a6ae6c6f": r"NameError: name 'top_attacker' is not defined",
        "42586094bef7": r"ValueError: No objects to concatenate",
        "e33af032cdb0": r"NameError: name 'records' is not defined",
        # no records, so no alarm: moto has no alarm history, the queue gets no notice, Insights finds nothing
        "035830ce58bf": r"NotImplementedError: The describe_alarm_history action has not been implemented",
        "183ad136ee95": r"KeyError: 'Messages'",
        "c46eb268fedd": r"KeyError: 'srcAddr'",
        # The stolen laptop and the office backup are the sandbox's scripted clients: on AWS nothing adds the
        # laptop's rule (so revoking it fails) and, nothing delivered, no record of either can be read.
        "7518d32afe34": r"NameError: name 'records' is not defined",
        "ba6bd47ef0e9": r"NameError: name 'records' is not defined",
        "bcfe371522e1": r"NameError: name 'records' is not defined",
        "cdd545e246f8": r"NameError: name 'records' is not defined",
        "9a0a530287ff": r"NameError: name 'records' is not defined",
        "5f76a69d7be1": r"NameError: name 'rejects' is not defined",
        "6f5a8313b437": r"NameError: name 'office_rejects' is not defined",
        "b4e725a3078e": r"NameError: name 'blocking_rule' is not defined",
    },
    "03-athena": {
        "1456b7e5": r"NotImplementedError: The create_classifier action has not been implemented",
        "1eb9d96e": r"EntityNotFoundException: .*Crawler flow-logs-crawler not found\.",  # not created: previous cell
        # moto's Athena answers every query with an empty result: no columns, no rows (the days come from S3)
        "1131a60e832a": r"KeyError: 'records'",
        "6ff3e992": r"KeyError: 'action'",
        "44b2d713": r"KeyError: 'srcaddr'",
        "5bad493f": r"NameError: name 'top_attacker' is not defined",
        "a6f52a44": r"LabkitError: top_attackers: the DataFrame has no column 'srcaddr'\. Columns: -\.",
        "10e07f3e150c": r"KeyError: 'dstport'",
        "8b550cd5eb2e": r"KeyError: 'dstport'",
        "8f82234003a2": r"LabkitError: ports_probed: the DataFrame has no column 'dstport'\. Columns: -\.",
        "f92ccee14b6a": r"KeyError: 'icmp'",
        "123d36fbb3e6": r"NameError: name 'icmp_share' is not defined",
        "e89bfe25567e": r"KeyError: 'srcaddr'",
        "02c4a35c0018": r"KeyError: 'srcaddr'",
        "1680551ace30": r"NameError: name 'got_in' is not defined",
        "a79a9446": r"LabkitError: rejected_over_time: the DataFrame has no column 'minute'\. Columns: -\.",
        "42979c83": r"LabkitError: accept_vs_reject: the DataFrame has no column 'action'\. Columns: -\.",
    },
    "04-cleanup": {
        "8c4a1f6e2d93": r"NotImplementedError: The delete_classifier action has not been implemented",  # its last line
    },
}


@dataclass
class NotebookRun:
    """One notebook executed in a kernel: each code cell's outcome, its outputs, and what existed after."""

    lab: str
    cells: list = field(default_factory=list)  # the executed code cells, in order
    errors: dict[str, str] = field(default_factory=dict)  # cell id -> "Name: message"
    inventory: list[dict] = field(default_factory=list)

    def output(self, cell_id: str) -> str:
        """The cell's printed (stdout) and displayed text, without its error (see `errors`); printed text
        may come in chunks that split lines."""
        cell = next(c for c in self.cells if c.get("id") == cell_id)
        shown = ""
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stdout":
                shown += output.get("text", "")
            elif output.get("output_type") in ("display_data", "execute_result"):
                shown += (
                    ("\n" if shown and not shown.endswith("\n") else "") + output["data"].get("text/plain", "") + "\n"
                )
        return shown.rstrip("\n")

    def cell_with(self, snippet: str) -> str:
        return next(c["id"] for c in self.cells if snippet in c["source"])

    def unexpected_errors(self) -> dict[str, str]:
        allowed = MOCK_LIMITS[self.lab]
        return {
            cell: error
            for cell, error in self.errors.items()
            if cell not in allowed or not re.search(allowed[cell], error, re.DOTALL)
        }


def kernel_environment(home: Path, ipython_dir: Path) -> dict[str, str]:
    """Ours without anything AWS, CI or labkit, then LABKIT_TARGET=aws on fake keys and the mock's profile."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("AWS_", "LABKIT_"))
        and name.upper() not in ("CI", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "IPYTHONDIR")
    }
    closed = "http://127.0.0.1:9"  # the discard port: nothing listens, a request that got past moto fails
    return {
        **inherited,
        "LABKIT_TARGET": "aws",
        "LABKIT_HOME": str(home),
        "LABKIT_LANG": "both",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
        "HTTP_PROXY": closed,
        "HTTPS_PROXY": closed,
        "IPYTHONDIR": str(ipython_dir),
        "LABKIT_DELIVERY_TIMEOUT": "0.03",
        "LABKIT_DELIVERY_POLL_SECONDS": "0.01",
        "LABKIT_ALARM_TIMEOUT": "0.03",
        "LABKIT_ALARM_POLL_SECONDS": "0.01",
    }


def run_notebook(
    lab: str,
    environment: dict[str, str],
    first_cells: int | None = None,
    start_with: str | None = None,
    stop_at_error: bool = False,
    then: tuple[str, ...] = (),
    list_resources: bool = True,
) -> NotebookRun:
    """Execute solutions/<lab>.ipynb's code cells in one kernel (all of them, or the first `first_cells`),
    going on after a failing cell unless `stop_at_error`; then the cells `then` (ids "then-0", ...) and,
    with `list_resources`, list what exists. `start_with` replaces the `labkit.start(...)` call of the
    first cell (e.g. to confirm there)."""
    notebook = read_notebook(SOLUTIONS / f"{lab}.ipynb")
    notebook.cells = [cell for cell in notebook.cells if cell.cell_type == "code"][:first_cells]
    if start_with:
        notebook.cells[0].source = re.sub(r"labkit\.start\([^)]*\)", start_with, notebook.cells[0].source)
    notebook.cells += [new_code_cell(source, id=f"then-{index}") for index, source in enumerate(then)]
    if list_resources:
        notebook.cells.append(new_code_cell(INVENTORY_CELL, id="inventory"))
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        record_timing=False,
        kernel_manager_class=IpcKernelManager,
        shutdown_kernel="immediate",  # nothing to save in the kernel: a graceful exit costs ~0.3 s
        resources={"metadata": {"path": str(SOLUTIONS)}},
    )
    run = NotebookRun(lab, cells=notebook.cells)
    with client.setup_kernel(env=environment):
        for index, cell in enumerate(notebook.cells):
            if stop_at_error and run.errors and cell.id != "inventory":
                continue  # not run: an earlier cell failed
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as failed:
                run.errors[cell.id] = f"{failed.ename}: {failed.evalue}"
    if list_resources:
        run.inventory = json.loads(run.output("inventory"))
    return run


# Run after lab 01's cells, in its kernel (the demo environment and the flow-log bucket exist there):
# synthetic attack records under a prefix of their own, for an Athena lab that cannot wait for AWS.
SYNTHETIC_UPLOAD = """
import gzip
from labkit.labs import delivered_keys
from labkit.traffic.synthetic_upload import upload_synthetic_records

summary, synthetic_keys = upload_synthetic_records(bucket, minutes=10)
lines = [line for key in synthetic_keys
         for line in gzip.decompress(s3.get_object(Bucket=bucket, Key=key)["Body"].read()).decode().splitlines()]
print(json.dumps({"keys": synthetic_keys, "delivered": delivered_keys(bucket), "lines": lines}))
"""


# Run after lab 03's cells: the account's own workgroup as the lab left it (the lab must not change it).
PRIMARY_WORKGROUP = """
import json
import boto3

print(json.dumps(boto3.client("athena").get_work_group(WorkGroup="primary")["WorkGroup"].get("Configuration", {}),
                 default=str))
"""
THEN = {"03-athena": (PRIMARY_WORKGROUP,)}


# A call to somewhere moto does not serve: the kernel must refuse it rather than send it.
ELSEWHERE = 'import boto3\nboto3.client("s3", endpoint_url="https://example.invalid").list_buckets()'


@dataclass
class Course:
    ci_refused: NotebookRun
    ci_forced: NotebookRun
    unconfirmed_welcome: NotebookRun
    unconfirmed_flow_logs: NotebookRun
    labs: dict[str, NotebookRun]
    ledger: list[dict]
    home_files: list[str]


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    """The course on moto, in order, as a student on AWS would take it (one LABKIT_HOME): first under CI,
    then lab 00 and 01 before confirming, then every lab confirmed (in lab 01's `labkit.start`)."""
    home = tmp_path_factory.mktemp("home")
    ipython_dir = tmp_path_factory.mktemp("ipython")
    startup = ipython_dir / "profile_default" / "startup"
    startup.mkdir(parents=True)
    names = attached_policies()
    (startup / "00-moto-mock.py").write_text(
        ATTACHED_POLICIES_LINE.format(names=names) + ONE_LOADER_LINE + KERNEL_STARTUP, encoding="utf-8"
    )
    environment = kernel_environment(home, ipython_dir)

    in_ci = {**environment, "CI": "true"}
    ci_refused = run_notebook("00-welcome", in_ci, first_cells=1, list_resources=False)
    ci_forced = run_notebook(
        "00-welcome", {**in_ci, "LABKIT_ALLOW_AWS_IN_CI": "1"}, first_cells=1, then=(ELSEWHERE,), list_resources=False
    )
    unconfirmed_welcome = run_notebook("00-welcome", environment)
    unconfirmed_flow_logs = run_notebook("01-flow-logs", environment, stop_at_error=True)
    labs = {
        "00-welcome": unconfirmed_welcome,
        "01-flow-logs": run_notebook(
            "01-flow-logs",
            environment,
            then=(SYNTHETIC_UPLOAD,),
            start_with='labkit.start("01-flow-logs", confirm_aws=True)',
        ),
    }
    for lab in LABS[2:]:
        labs[lab] = run_notebook(lab, environment, then=THEN.get(lab, ()))
    ledger_lines = (home / "progress.jsonl").read_text(encoding="utf-8").splitlines()
    return Course(
        ci_refused,
        ci_forced,
        unconfirmed_welcome,
        unconfirmed_flow_logs,
        labs,
        ledger=[json.loads(line) for line in ledger_lines if line.strip()],
        home_files=sorted(path.name for path in home.iterdir()),
    )


# ---- before anything billable: CI, the notice, the confirmation ---------------------------------------------


def test_with_ci_set_labkit_start_refuses_unless_forced(course):
    start_cell = course.ci_refused.cells[0]["id"]
    refused = course.ci_refused.errors[start_cell]
    assert refused.startswith("LabkitError: CI is set") and "LABKIT_ALLOW_AWS_IN_CI=1" in refused
    assert "CI 환경 변수가 설정되어" in refused
    assert list(course.ci_forced.errors) == ["then-0"]  # ELSEWHERE: see the next test
    assert f"Account {ACCOUNT}, region {REGION}" in course.ci_forced.output(start_cell)


def test_in_the_kernels_a_request_moto_does_not_answer_is_refused(course):
    assert course.ci_forced.errors["then-0"] == (
        "RuntimeError: test kernel: moto did not answer https://example.invalid/; nothing may leave the machine"
    )


def test_the_first_start_says_where_and_what_it_costs_and_lab_00_creates_nothing(course):
    welcome = course.unconfirmed_welcome
    notice = welcome.output(welcome.cell_with('labkit.start("00-welcome")'))
    assert f"Account {ACCOUNT}, region {REGION}, identity arn:aws:sts::{ACCOUNT}:user/moto" in notice
    assert f"계정 {ACCOUNT}, 리전 {REGION}" in notice
    assert "Lab 01-flow-logs: ~$" in notice and "labkit.confirm_aws()" in notice and "승인" in notice
    assert welcome.errors == {} and welcome.inventory == []
    assert welcome.output(welcome.cell_with('get_caller_identity()["Account"]')) == f"'{ACCOUNT}'"


def test_lab_01_creates_nothing_before_the_confirmation(course):
    unconfirmed = course.unconfirmed_flow_logs
    build = unconfirmed.cell_with("build_demo_environment()")
    assert list(unconfirmed.errors) == [build]  # the first cell that creates something, and only it ran and failed
    refused = unconfirmed.errors[build]
    assert refused.startswith("LabkitError: Nothing billable is created in AWS account 123456789012, region us-east-1")
    assert "labkit.confirm_aws()" in refused and "한 번 승인하기 전까지" in refused
    assert unconfirmed.inventory == []


# ---- every notebook, confirmed -------------------------------------------------------------------------------


@pytest.mark.parametrize("lab", LABS)
def test_each_notebook_fails_only_where_the_mock_cannot_do_what_aws_does(course, lab):
    run = course.labs[lab]
    assert run.unexpected_errors() == {}
    assert sorted(run.errors) == sorted(MOCK_LIMITS[lab]), (
        "\n".join(  # exact: a cell that passes leaves it
            f"{cell}: {error[:160]}" for cell, error in run.errors.items()
        )
    )


def test_the_flow_log_bucket_is_named_after_the_account_and_region(course):
    flow_logs = course.labs["01-flow-logs"]
    name = f"labkit-flow-logs-{ACCOUNT}-{REGION}"
    assert flow_logs.output(flow_logs.cell_with("bucket = labkit.flow_log_bucket_name")) == f"'{name}'"
    assert [item["id"] for item in flow_logs.inventory if item["kind"] == "bucket"] == [name]
    import labkit

    assert {
        labkit.flow_log_bucket_name(account, region)
        for account in (ACCOUNT, "210987654321")
        for region in (REGION, "eu-west-1")
    } == {
        name,
        f"labkit-flow-logs-{ACCOUNT}-eu-west-1",
        "labkit-flow-logs-210987654321-us-east-1",
        "labkit-flow-logs-210987654321-eu-west-1",
    }


def test_everything_a_lab_creates_carries_the_course_and_lab_tags(course):
    for lab in ("01-flow-logs", "02-reading-flow-logs", "03-athena"):
        found = course.labs[lab].inventory
        untagged = [
            item
            for item in found
            if item["tags"].get("labkit:course") != "vpc-flow-logs" or item["tags"].get("labkit:lab") != lab
        ]
        assert untagged == [], lab
    kinds = {item["kind"] for item in course.labs["01-flow-logs"].inventory}
    assert kinds == {
        "vpc",
        "subnet",
        "internet_gateway",
        "route_table",
        "security_group",
        "instance",
        "bucket",
        "flow_log",
        "role",
        "log_group",
    }
    assert {"alarm", "topic", "queue"} <= {item["kind"] for item in course.labs["02-reading-flow-logs"].inventory}


def test_lab_04_leaves_nothing_behind(course):
    assert course.labs["04-cleanup"].inventory == []


def test_the_delivery_wait_says_what_it_waits_for_shows_progress_and_gives_up_at_its_timeout(course):
    waits = [
        run.output(cell["id"])
        for run in course.labs.values()
        for cell in run.cells
        if "Waiting for AWS to deliver" in run.output(cell["id"])
    ]
    assert waits, "no notebook waited for delivery"
    for shown in waits:
        lines = shown.splitlines()
        assert lines[:2] == [
            f"Waiting for AWS to deliver 1 new flow-log file(s) to s3://labkit-flow-logs-{ACCOUNT}-{REGION}/ "
            "(about 10 minutes; giving up after 0 min).",
            f"AWS가 s3://labkit-flow-logs-{ACCOUNT}-{REGION}/에 새 흐름 로그 파일 1개를 전송하기를 기다립니다(약 10분, 최대 0분).",
        ]
        progress = lines[2:-2]
        assert progress and len(progress) % 2 == 0, lines
        assert all(re.fullmatch(r"  \[█*·*\] 0 of 0 min: 0 file\(s\) so far", line) for line in progress[0::2])
        assert all(re.fullmatch(r"  \[█*·*\] 0분 중 0분 경과: 지금까지 파일 0개", line) for line in progress[1::2])
        assert lines[-2].startswith("No new file after 0 min.") and "새 파일이 없습니다" in lines[-1]


def test_synthetic_attack_records_go_under_their_own_prefix(course):
    uploaded = json.loads(course.labs["01-flow-logs"].output("then-0"))
    assert uploaded["keys"] and uploaded["delivered"] == []  # apart from what AWS delivers under AWSLogs/
    layout = (
        rf"labkit-synthetic/AWSLogs/{ACCOUNT}/vpcflowlogs/{REGION}/\d{{4}}/\d\d/\d\d/"
        rf"{ACCOUNT}_vpcflowlogs_{REGION}_fl-labkitsynthetic_\d{{8}}T\d{{4}}Z_[0-9a-f]+\.log\.gz"
    )
    assert all(re.fullmatch(layout, key) for key in uploaded["keys"])
    records = [line.split() for line in uploaded["lines"] if not line.startswith("version")]
    assert sum(fields[12] == "REJECT" for fields in records) > 10  # scans of closed ports
    assert len({fields[3] for fields in records if fields[6] == "22"}) > 3  # SSH guessers


def test_no_sandbox_was_started_so_nothing_simulated_a_delivery(course):
    from labkit.sandbox.service import FOLDER, STATE_FILE

    assert "progress.jsonl" in course.home_files and not {STATE_FILE, FOLDER} & set(course.home_files)


def test_the_ledger_records_that_the_labs_ran_on_aws(course):
    assert {"welcome.connected", "flowlogs.bucket", "flowlogs.s3_flow_log", "cleanup.done"} <= {
        entry["step"] for entry in course.ledger
    }
    assert {entry["target"] for entry in course.ledger} == {"aws"}


# ---- lab 02's scripted clients, lab 03's workgroup and synthetic records -----------------------------------


def test_lab_02_says_that_nobody_plays_the_laptop_or_the_office_on_aws(course):
    lab_02 = course.labs["02-reading-flow-logs"]
    laptop = lab_02.output(lab_02.cell_with('scripted_client_plays("stolen-laptop")'))
    assert "On AWS there is no stolen laptop" in laptop and "firewall.sg_revoked, firewall.nacl_cut" in laptop
    assert "AWS에는 도난당한 노트북이 없습니다" in laptop
    office = lab_02.output(lab_02.cell_with('scripted_client_plays("office-backup")'))
    assert "On AWS there is no office backup" in office and "firewall.blocking_rule, firewall.office_fixed" in office
    assert {entry["step"] for entry in course.ledger if entry.get("step", "").startswith("firewall.")} <= {
        "firewall.reject_flow_log"
    }  # the others are judged on traffic nobody sends on AWS


def test_lab_03_uses_a_course_workgroup_tagged_like_the_rest_and_leaves_primary_alone(course):
    lab_03 = course.labs["03-athena"]
    [workgroup] = [item for item in lab_03.inventory if item["kind"] == "workgroup"]
    assert workgroup["id"] == "labkit-flow-logs"
    assert workgroup["tags"] == {"labkit:course": "vpc-flow-logs", "labkit:lab": "03-athena"}
    assert lab_03.output(lab_03.cell_with("athena.create_work_group(")) == (
        f"{{'OutputLocation': 's3://labkit-athena-results-{ACCOUNT}-{REGION}/'}}"
    )
    assert "OutputLocation" not in lab_03.output("then-0")  # the account's primary workgroup: as it was
    assert "athena.result_location" in {entry["step"] for entry in course.ledger}


def test_lab_03_reads_synthetic_attack_records_uploaded_once_under_their_own_prefix(course):
    lab_03 = course.labs["03-athena"]
    uploaded = lab_03.output(lab_03.cell_with("prefix = attack_records(bucket)"))
    assert re.search(
        rf"Uploaded \d+ synthetic flow-log files \(\d+ records\) to "
        rf"s3://labkit-flow-logs-{ACCOUNT}-{REGION}/labkit-synthetic/",
        uploaded,
    )
    assert "On AWS there is no scripted attacker" in uploaded and "합성 흐름 로그 파일" in uploaded
    assert lab_03.output(lab_03.cell_with("location = f")) == (
        f"'s3://labkit-flow-logs-{ACCOUNT}-{REGION}/labkit-synthetic/AWSLogs/{ACCOUNT}/vpcflowlogs/{REGION}/'"
    )
    # today's hour (two days just after midnight UTC) and five minutes of the day before
    assert lab_03.output(lab_03.cell_with("days = sorted(")) in ("2", "3")
