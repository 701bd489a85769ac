"""Shared fixtures: one loopback sandbox per test session, the AWS environment pointing at it, boto3
clients, and helpers to upload flow-log files and run Athena queries through the public API.

moto keeps its state in-process, so every sandbox started here shares one set of backends; tests that
need a clean account call `reset_sandbox(url)`. Tests that share the session's state use their own
bucket and database names so they do not see each other.
"""

from __future__ import annotations

import contextlib
import gc
import os
import time

import boto3
import pytest

from labkit.sandbox import start_sandbox
from labkit.sandbox_client.client import Endpoint, call
from one_loader import share_client_classes, share_one_loader

# The tests build and drop many short-lived objects (moto's models, botocore's requests, SQL trees): a
# young-generation collection every 50,000 allocations instead of 700, and what is imported by now left
# out of collections: about 10 % less CPU for the unit tests.
gc.freeze()
gc.set_threshold(50_000, 20, 20)

# Fixtures a few test modules share, by area: a test asks for one by name (no import); the module's
# helpers and constants are imported as usual. Scopes are as before: a module-scoped fixture (lab_state,
# shared_network) is still built once per test module that asks for it.
pytest_plugins = [
    "fixtures.aws_mode",  # aws_mode, confirmed, managed_policies: LABKIT_TARGET=aws on moto's mock
    "fixtures.checks_state",  # lab_state, lab: labs 01-03 built correctly, for the check tests
    "fixtures.delivery",  # clean, shared_network, network: the delivery tests' account and ENIs
    "fixtures.demo_rules",  # demo_env: the demo environment, its rules put back afterwards
]

# The tests `pytest -m "not slow"` leaves out (the developer's fast loop; `make test` runs everything): by
# module, every test of it (None) or the ones named, and why. Measured with --durations on a shared machine:
# each takes more than about 5 s, most far more. A name that matches no test of a collected module fails.
SLOW = {
    "test_athena_results.py": (
        {"test_a_result_of_400_000_rows_does_not_grow_the_sandbox", "test_engine_folders_are_removed_at_exit"},
        "400,000 rows; a child interpreter",
    ),
    "test_athena_trino_docs.py": (None, "every example of Trino's documentation through the engine"),
    "test_browser.py": (None, "JupyterLab in Chromium"),
    "test_checks_fuzz.py": (None, "random answers and hostile accounts against every check"),
    "test_environment.py": (
        {"test_cli_without_an_endpoint_uses_this_homes_sandbox_never_aws", "test_cli_env_up_and_down"},
        "the CLI starts a sandbox process",
    ),
    "test_grading.py": (None, "grades submissions: a kernel per notebook"),
    "test_grading_isolation.py": (None, "a kernel run as another user"),
    "test_jupyterhub.py": (None, "a JupyterHub, two users' servers and kernels"),
    "test_kernel_server.py": (
        {
            "test_a_forked_kernel_has_the_environment_folder_and_defaults_of_a_fresh_one",
            "test_an_environment_the_server_did_not_import_with_starts_a_fresh_kernel",
            "test_an_interrupt_reaches_the_kernel_and_exits_come_back_with_their_status",
            "test_a_killed_stub_takes_its_kernel_along",
            "test_a_kernel_killed_by_a_signal_is_reported_so",
            "test_a_stub_gone_before_its_answer_leaves_the_server_serving",
        },
        "kernels",
    ),
    "test_notebooks_aws.py": (None, "the lab notebooks in kernels, on moto"),
    "test_notebooks_rerun.py": (None, "every given cell again, in a kernel"),
    "test_package.py": (
        {
            "test_import_labkit_resolves_to_the_installed_copy",
            "test_the_installed_copy_has_every_file_of_the_package",
            "test_the_installed_copy_finds_its_fonts",
            "test_the_labkit_command_is_declared_and_python_m_labkit_help_works",
            "test_the_installed_copy_answers_an_athena_query_in_an_in_process_sandbox",
        },
        "pip installs labkit into a fresh virtual environment",
    ),
    "test_sandbox_service.py": (None, "sandbox processes started, idled, stopped and restored"),
    "test_session.py": ({"test_start_without_an_endpoint_starts_this_homes_sandbox"}, "a sandbox process"),
}

# The modules that take longest (seconds summed over their tests, --durations on an idle 2-core machine,
# 2026-12-02), run first: `make test` hands whole modules to its two workers in collection order
# (--dist loadfile --no-loadscope-reorder), so the long ones start early and the many short ones fill the
# gaps at the end. (xdist's own order, most tests first, started these last and left one worker idle.)
LONGEST_FIRST = (
    "test_grading.py",  # 61 s
    "test_notebooks_aws.py",  # 39 s
    "test_browser.py",  # 35-75 s with Chromium (it skips without)
    "test_sandbox_service.py",  # 37 s
    "test_notebooks_rerun.py",  # 28 s
    "test_checks_fuzz.py",  # 19 s
    "test_jupyterhub.py",  # 14 s
    "test_sandbox_persistence.py",  # 9 s
    "test_athena_trino_docs.py",  # 8 s
    "test_cleanup.py",  # 7 s
    "test_checks_detection.py",  # 7 s
    "test_environment.py",  # 7 s
    "test_checks_flowlogs.py",  # 7 s
    "test_sandbox_endpoint.py",  # 6 s
    "test_aws_mode.py",  # 6 s
    "test_package.py",  # 6 s
    "test_athena_results.py",  # 6 s
)

RESULTS_BUCKET = "results-bucket"
RESULTS_LOCATION = f"s3://{RESULTS_BUCKET}/"
SESSION_ENVIRONMENT = {"AWS_DEFAULT_REGION": "us-east-1"}
# Variables that would send boto3 elsewhere or change its credentials/region.
CLEARED = (
    "AWS_PROFILE",
    "AWS_REGION",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_ENDPOINT_URL_S3",
    "AWS_ENDPOINT_URL_ATHENA",
)


def reset_sandbox(url: str) -> None:
    """Forget every resource, query and traffic record in the sandbox at url (its own credentials are in
    the environment)."""
    call("POST", "/labkit/reset", endpoint=Endpoint(url, Endpoint.from_environment().credentials))


@contextlib.contextmanager
def fresh_account(sandbox, home):
    """For a module's fixture: the environment pointing at the session's sandbox (us-east-1, never
    LABKIT_TARGET), LABKIT_HOME at `home`, and the sandbox reset on the way in and out."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in sandbox.environment().items():
            patch.setenv(name, value)
        patch.setenv("AWS_DEFAULT_REGION", "us-east-1")
        patch.delenv("AWS_REGION", raising=False)
        patch.delenv("LABKIT_TARGET", raising=False)
        patch.setenv("LABKIT_HOME", str(home))
        reset_sandbox(sandbox.url)
        try:
            yield
        finally:
            reset_sandbox(sandbox.url)


@pytest.fixture(scope="session")
def sandbox():
    """A running sandbox on 127.0.0.1 for the whole session, in this process; os.environ points
    boto3/PyAthena at it (AWS_ENDPOINT_URL, its credentials, us-east-1) until the session ends."""
    saved = dict(os.environ)
    running = start_sandbox(seed=0)
    for name in CLEARED:
        os.environ.pop(name, None)
    os.environ.update(SESSION_ENVIRONMENT)
    os.environ.update(running.environment())
    yield running
    running.stop()
    os.environ.clear()
    os.environ.update(saved)


share_one_loader()  # each test starts a new boto3 session (below): the models are parsed once
share_client_classes()  # and each client class is built once


@pytest.fixture(autouse=True)
def fresh_boto3_session():
    """boto3's default session keeps the first credentials it read from the environment: each test
    (which may point the environment at another sandbox) starts with a new one."""
    boto3.DEFAULT_SESSION = None
    yield
    boto3.DEFAULT_SESSION = None


@pytest.fixture
def world(sandbox):
    """A fresh world (no traffic truth, attempts or provenance) in the session's sandbox for one test:
    what a new sandbox would hold. Tests set `world.truth` to grade against a truth of their own."""
    from labkit.world import World, current_world, install_world

    before = current_world()
    yield install_world(World(seed=0))
    install_world(before)


@pytest.fixture
def aws_env(sandbox, world, monkeypatch, tmp_path):
    """AWS_ENDPOINT_URL, credentials and region pointing at the sandbox; LABKIT_HOME in a temp dir;
    a fresh world (truth) in the sandbox."""
    for name, value in sandbox.environment().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("LABKIT_HOME", str(tmp_path / "labkit-home"))
    return sandbox.url


@pytest.fixture(scope="session")
def s3(sandbox):
    """An S3 client of the sandbox; the Athena results bucket exists."""
    client = sandbox.client("s3")
    ensure_bucket(client, RESULTS_BUCKET)
    return client


@pytest.fixture(scope="session")
def athena(sandbox, s3):
    return sandbox.client("athena")


@pytest.fixture(scope="session")
def glue(sandbox):
    return sandbox.client("glue")


@pytest.fixture(scope="session")
def upload_flow_logs(s3):
    """upload(bucket, files) puts FlowLogFile objects (tests/flowlog_data.py) into the sandbox's S3,
    creating the bucket, and returns {key: size} as S3 lists them."""

    def upload(bucket: str, files) -> dict[str, int]:
        ensure_bucket(s3, bucket)
        for f in files:
            s3.put_object(Bucket=bucket, Key=f.key, Body=f.body)
        wanted = {f.key for f in files}
        sizes = {}
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            sizes.update({o["Key"]: o["Size"] for o in page.get("Contents", []) if o["Key"] in wanted})
        return sizes

    return upload


TERMINAL = ("SUCCEEDED", "FAILED", "CANCELLED")


def ensure_bucket(s3, bucket: str) -> None:
    """Create `bucket` unless it exists (another module may have reset the sandbox meanwhile)."""
    try:
        s3.head_bucket(Bucket=bucket)
    except s3.exceptions.ClientError:
        s3.create_bucket(Bucket=bucket)


@pytest.fixture(scope="session")
def run_query(athena, s3):
    """run(sql, database=None, output=RESULTS_LOCATION, workgroup=None, catalog=None, parameters=None)
    -> the QueryExecution dict once the query reaches a final state (StartQueryExecution, then
    GetQueryExecution until done)."""

    def run(
        sql: str,
        database: str | None = None,
        output: str | None = RESULTS_LOCATION,
        workgroup: str | None = None,
        timeout: float = 120.0,
        catalog: str | None = None,
        parameters: list[str] | None = None,
    ) -> dict:
        ensure_bucket(s3, RESULTS_BUCKET)
        request: dict = {"QueryString": sql}
        context = {**({"Database": database} if database else {}), **({"Catalog": catalog} if catalog else {})}
        if context:
            request["QueryExecutionContext"] = context
        if parameters:
            request["ExecutionParameters"] = parameters
        if output:
            request["ResultConfiguration"] = {"OutputLocation": output}
        if workgroup:
            request["WorkGroup"] = workgroup
        query_id = athena.start_query_execution(**request)["QueryExecutionId"]
        deadline = time.monotonic() + timeout
        while True:
            execution = athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]
            if execution["Status"]["State"] in TERMINAL or time.monotonic() > deadline:
                return execution
            time.sleep(0.02)

    return run


@pytest.fixture(scope="session")
def query_rows(athena, run_query):
    """rows(sql, database=None) -> (column names, data rows as lists of str|None) of a query that must
    succeed, read through GetQueryResults page by page (the header row of a SELECT dropped)."""

    def rows(sql: str, database: str | None = None) -> tuple[list[str], list[list[str | None]]]:
        execution = run_query(sql, database)
        state = execution["Status"]
        assert state["State"] == "SUCCEEDED", f"{sql!r} -> {state.get('StateChangeReason')}"
        return fetch_results(athena, execution)

    return rows


def fetch_results(athena, execution: dict) -> tuple[list[str], list[list[str | None]]]:
    """All pages of GetQueryResults: column names and data rows (header row of a SELECT dropped)."""
    query_id = execution["QueryExecutionId"]
    names: list[str] = []
    data: list[list[str | None]] = []
    token = None
    first = True
    while True:
        request = {"QueryExecutionId": query_id, "MaxResults": 1000}
        if token:
            request["NextToken"] = token
        page = athena.get_query_results(**request)
        if first:
            names = [c["Name"] for c in page["ResultSet"]["ResultSetMetadata"]["ColumnInfo"]]
        rows = [[d.get("VarCharValue") for d in r["Data"]] for r in page["ResultSet"]["Rows"]]
        if first and execution.get("StatementType") == "DML" and rows and rows[0] == names:
            rows = rows[1:]
        data.extend(rows)
        first = False
        token = page.get("NextToken")
        if not token:
            return names, data


@pytest.fixture(scope="session")
def fetch(athena):
    """fetch(execution) -> (column names, data rows) through every GetQueryResults page."""
    return lambda execution: fetch_results(athena, execution)


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(config, items):
    """Mark the tests SLOW names `slow`. A name that matches no test of a module collected whole fails,
    so a renamed slow test cannot slip into the fast loop unnoticed. The LONGEST_FIRST modules go first,
    in that order (each module's tests stay together and in order)."""
    rank = {module: index for index, module in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
    collected: dict[str, set[str]] = {}
    for item in items:
        module, name = item.path.name, getattr(item, "originalname", item.name)
        collected.setdefault(module, set()).add(name)
        names, reason = SLOW.get(module, (set(), ""))
        if names is None or name in names:
            item.add_marker(pytest.mark.slow(reason=reason))
    if any("::" in argument for argument in config.args):
        return  # single tests asked for: their modules were not collected whole
    stale = sorted(
        f"{module}::{name}"
        for module, (names, _) in SLOW.items()
        if module in collected
        for name in names or ()
        if name not in collected[module]
    )
    if stale:
        raise pytest.UsageError(f"tests/conftest.py SLOW names tests that do not exist: {stale}")
