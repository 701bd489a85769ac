"""The solution notebooks' AWS path (LABKIT_TARGET=aws), run in real kernels on moto's in-process mock.

Each notebook runs in a fresh kernel whose IPython profile (a temporary IPYTHONDIR, so never a
student's) starts `moto.mock_aws` before the first cell. Nothing can reach AWS: fake keys,
AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE at /dev/null, no AWS_ENDPOINT_URL (so no sandbox
either, and none of its simulated delivery), a request moto does not answer raises in the kernel, and
HTTP(S)_PROXY points at a closed loopback port. The notebooks share one fresh LABKIT_HOME, as a
student's do: the confirmation and the XP ledger carry over from lab to lab, the mock's state does not
(each lab's `prepare` rebuilds what it needs).

What is asserted: `labkit.start` says account, region and costs and nothing billable is created until
the student confirms (bilingual refusal); with CI set it refuses unless LABKIT_ALLOW_AWS_IN_CI=1; the
flow-log bucket is named after the account and region; every resource a lab leaves carries the course
tag and a lab tag; the delivery wait says what it waits for, shows a progress bar and ends at its
timeout in both languages (LABKIT_DELIVERY_TIMEOUT, a fraction of a second here); the ledger records
`target: aws`.

moto delivers no flow-log files, attaches no bucket policy for the log-delivery service and answers
Athena queries without running them. The cells that need those cannot succeed here; each notebook's
MOCK_LIMITS names them with the one error allowed (a cell listed there may also pass; any other
failure fails the test):

* 01: AWS attaches a bucket policy when a flow log to S3 is created; moto does not, so reading it
  (NoSuchBucketPolicy) and the two cells that use it fail.
* 02: nothing is delivered, so the wait ends at its timeout and every cell reading the records fails
  (no `Contents`, no keys, names never defined); the alarm never fires; no Logs Insights results.
* 03: no delivered files and moto's Athena returns no result file, so the queries and what reads them
  fail.
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

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
TESTS = Path(__file__).resolve().parent
ACCOUNT, REGION = "123456789012", "us-east-1"  # moto's account
CELL_TIMEOUT = 120
LABS = ("00-welcome", "01-flow-logs", "02-reading-flow-logs", "03-athena", "04-cleanup")

# Run by the kernel's IPython profile before the first cell: moto's mock for every boto3 client of the
# kernel (labkit's, the notebook's, PyAthena's own session), and a refusal of anything moto does not answer.
KERNEL_STARTUP = '''
def _labkit_test_mock():
    import botocore.handlers
    from moto import mock_aws
    from moto.core.models import botocore_stubber

    def answered_by_moto(request, **kwargs):  # a request moto does not answer would go out: refused instead
        response = botocore_stubber(request=request, **kwargs)
        if response is None:
            raise RuntimeError("test kernel: moto did not answer " + request.url + "; nothing may leave the machine")
        return response

    handlers = botocore.handlers.BUILTIN_HANDLERS  # what every botocore session (boto3's, PyAthena's) registers
    handlers[handlers.index(("before-send", botocore_stubber))] = ("before-send", answered_by_moto)
    mock = mock_aws(config={"iam": {"load_aws_managed_policies": True}})  # lab 01 attaches CloudWatchLogsFullAccess
    mock.start()
    return mock


_labkit_test_mock = _labkit_test_mock()
'''
INVENTORY_CELL = f"import sys\nsys.path.insert(0, {str(TESTS)!r})\nimport aws_inventory\nprint(aws_inventory.inventory_json())"

# Cells (by id) that cannot succeed on moto's mock, and the one error each may end with ("Name: message" regex).
MOCK_LIMITS: dict[str, dict[str, str]] = {
    "00-welcome": {},
    "01-flow-logs": {
        "2f1d705eea7d": r"ClientError: .*NoSuchBucketPolicy",        # no policy attached for the log service
        "1ebea22e36c4": r"NameError: name 'policy' is not defined",
        "a80fb4f512dd": r"NameError: name 'writable' is not defined",
    },
    "02-reading-flow-logs": {},
    "03-athena": {},
    "04-cleanup": {},
}


@dataclass
class NotebookRun:
    """One notebook executed in a kernel: each code cell's outcome, its outputs, and what existed after."""

    lab: str
    cells: list = field(default_factory=list)              # the executed code cells, in order
    errors: dict[str, str] = field(default_factory=dict)   # cell id -> "Name: message"
    inventory: list[dict] = field(default_factory=list)

    def output(self, cell_id: str) -> str:
        cell = next(c for c in self.cells if c.get("id") == cell_id)
        return "\n".join(_text(output) for output in cell.get("outputs", []))

    def cell_with(self, snippet: str) -> str:
        return next(c["id"] for c in self.cells if snippet in c["source"])

    def unexpected_errors(self) -> dict[str, str]:
        allowed = MOCK_LIMITS[self.lab]
        return {cell: error for cell, error in self.errors.items()
                if cell not in allowed or not re.search(allowed[cell], error, re.DOTALL)}


def _text(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    if output.get("output_type") == "error":
        return f"{output.get('ename')}: {output.get('evalue')}"
    data = output.get("data", {})
    return data.get("text/plain", "")


def kernel_environment(home: Path, ipython_dir: Path, **extra: str) -> dict[str, str]:
    """Ours without anything AWS, CI or labkit, then LABKIT_TARGET=aws on fake keys and the mock's profile."""
    inherited = {name: value for name, value in os.environ.items()
                 if not name.startswith(("AWS_", "LABKIT_")) and name.upper() not in
                 ("CI", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "IPYTHONDIR")}
    closed = "http://127.0.0.1:9"  # the discard port: nothing listens, a request that got past moto fails
    return {**inherited, "LABKIT_TARGET": "aws", "LABKIT_HOME": str(home), "LABKIT_LANG": "both",
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": REGION,
            "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_EC2_METADATA_DISABLED": "true", "HTTP_PROXY": closed, "HTTPS_PROXY": closed,
            "IPYTHONDIR": str(ipython_dir),
            "LABKIT_DELIVERY_TIMEOUT": "0.03", "LABKIT_DELIVERY_POLL_SECONDS": "0.01",
            "LABKIT_ALARM_TIMEOUT": "0.03", "LABKIT_ALARM_POLL_SECONDS": "0.01", **extra}


def run_notebook(lab: str, environment: dict[str, str], first_cells: int | None = None,
                 start_with: str | None = None, stop_at_error: bool = False) -> NotebookRun:
    """Execute solutions/<lab>.ipynb's code cells in one kernel (all of them, or the first `first_cells`),
    going on after a failing cell unless `stop_at_error`; then list what exists. `start_with` replaces
    the `labkit.start(...)` call of the first cell (e.g. to confirm there)."""
    notebook = read_notebook(SOLUTIONS / f"{lab}.ipynb")
    notebook.cells = [cell for cell in notebook.cells if cell.cell_type == "code"][:first_cells]
    if start_with:
        notebook.cells[0].source = re.sub(r"labkit\.start\([^)]*\)", start_with, notebook.cells[0].source)
    notebook.cells.append(new_code_cell(INVENTORY_CELL, id="inventory"))
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(SOLUTIONS)}})
    run = NotebookRun(lab, cells=notebook.cells[:-1])
    with client.setup_kernel(env=environment):
        for index, cell in enumerate(notebook.cells[:-1]):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as failed:
                run.errors[cell.id] = f"{failed.ename}: {failed.evalue}"
                if stop_at_error:
                    break
        client.execute_cell(notebook.cells[-1], len(notebook.cells) - 1)
    run.inventory = json.loads(_text(notebook.cells[-1].outputs[-1]))
    return run


@dataclass
class Course:
    ci_refused: NotebookRun
    ci_forced: NotebookRun
    unconfirmed_welcome: NotebookRun
    unconfirmed_flow_logs: NotebookRun
    labs: dict[str, NotebookRun]
    ledger: list[dict]


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    """The course on moto, in order, as a student on AWS would take it (one LABKIT_HOME)."""
    home = tmp_path_factory.mktemp("home")
    ipython_dir = tmp_path_factory.mktemp("ipython")
    startup = ipython_dir / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-moto-mock.py").write_text(KERNEL_STARTUP, encoding="utf-8")
    environment = kernel_environment(home, ipython_dir)

    ci_refused = run_notebook("00-welcome", {**environment, "CI": "true"}, first_cells=1)
    ci_forced = run_notebook("00-welcome", {**environment, "CI": "true", "LABKIT_ALLOW_AWS_IN_CI": "1"}, first_cells=1)
    unconfirmed_welcome = run_notebook("00-welcome", environment)
    unconfirmed_flow_logs = run_notebook("01-flow-logs", environment, stop_at_error=True)
    labs = {"01-flow-logs": run_notebook("01-flow-logs", environment,
                                         start_with='labkit.start("01-flow-logs", confirm_aws=True)')}
    for lab in LABS[2:]:
        labs[lab] = run_notebook(lab, environment)
    ledger_file = home / "progress.jsonl"
    ledger = [json.loads(line) for line in ledger_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    return Course(ci_refused, ci_forced, unconfirmed_welcome, unconfirmed_flow_logs, labs, ledger)


def test_explore(course):
    for run in [course.ci_refused, course.ci_forced, course.unconfirmed_welcome, course.unconfirmed_flow_logs,
                *course.labs.values()]:
        print("=====", run.lab, run.errors)
        print(json.dumps(run.inventory)[:3000])
    print(course.ledger)
    assert False
