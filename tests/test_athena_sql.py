"""Lab 03's `%%sql` cells: JupySQL over PyAthena's SQLAlchemy dialect, against the sandbox.

The URL `labkit.athena_sql.athena_url` builds names what Athena needs and nothing of the sandbox (the
kernel's environment carries the endpoint and keys), so it is the URL a real account uses; a `%%sql`
cell returns the DataFrame the PyAthena cursor returns; loading JupySQL and querying call nothing but
127.0.0.1; and `import labkit` never loads JupySQL (only lab 03 does, with `%load_ext sql`).
"""

from __future__ import annotations

import ipaddress
import os
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import RESULTS_BUCKET, ensure_bucket
from labkit.athena_sql import NO_NETWORK_ENVIRONMENT, athena_url

SQL = "SELECT n, letter FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) AS t (n, letter) WHERE n >= {low} ORDER BY n"
WORKGROUP = "sqlmagic"
CONNECT_CELL = """
import sqlalchemy
from labkit.athena_sql import athena_url

%load_ext sql
%config SqlMagic.autopandas = True
%config SqlMagic.displaycon = False
%config SqlMagic.feedback = 0
engine = sqlalchemy.create_engine(athena_url("us-east-1", work_group="sqlmagic"))
%sql engine
"""

# Every host this process looks up or connects to while `recording` is on: a name lookup is recorded
# too, since where DNS fails a call home never gets as far as connecting. (An audit hook cannot be
# removed, so it stays installed and records only when asked.)
connected: list[str] = []
recording = False


def _record_connections(event: str, args: tuple) -> None:
    if not recording:
        return
    if event == "socket.connect" and isinstance(args[1], tuple):
        connected.append(str(args[1][0]))
    elif event == "socket.getaddrinfo":
        connected.append(str(args[0]))


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


sys.addaudithook(_record_connections)


def test_url_names_region_and_workgroup_only():
    url = urlsplit(athena_url("ap-northeast-2", work_group="primary"))
    assert (url.scheme, url.hostname, url.port, url.path) == (
        "awsathena+rest",
        "athena.ap-northeast-2.amazonaws.com",
        443,
        "/default",
    )
    assert parse_qs(url.query) == {"work_group": ["primary"]}


def test_url_with_a_staging_dir_and_an_endpoint_given():
    url = urlsplit(
        athena_url(
            "us-east-1", s3_staging_dir="s3://results/x/", database="flows", endpoint_url="http://127.0.0.1:4566"
        )
    )
    assert url.path == "/flows"
    assert parse_qs(url.query) == {"s3_staging_dir": ["s3://results/x/"], "endpoint_url": ["http://127.0.0.1:4566"]}


def test_importing_labkit_loads_no_jupysql_and_turns_off_ploomber_network_calls():
    code = (
        "import sys, os, labkit, labkit.athena_sql, labkit.checks.athena; "
        "print('sql' in sys.modules, 'ploomber_core' in sys.modules, "
        "os.environ['PLOOMBER_STATS_ENABLED'], os.environ['PLOOMBER_VERSION_CHECK_DISABLED'])"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PLOOMBER_")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=True)
    assert out.stdout.split() == [
        "False",
        "False",
        NO_NETWORK_ENVIRONMENT["PLOOMBER_STATS_ENABLED"],
        NO_NETWORK_ENVIRONMENT["PLOOMBER_VERSION_CHECK_DISABLED"],
    ]


@pytest.fixture(scope="module")
def shell(sandbox, s3, athena):
    """An IPython shell that ran the notebook's connect cell against a workgroup with a result location."""
    from IPython.core.interactiveshell import InteractiveShell

    ensure_bucket(s3, RESULTS_BUCKET)  # an earlier module may have reset the sandbox since `s3` made it
    try:
        athena.create_work_group(
            Name=WORKGROUP, Configuration={"ResultConfiguration": {"OutputLocation": "s3://results-bucket/sqlmagic/"}}
        )
    except athena.exceptions.InvalidRequestException:
        pass  # already there
    global recording
    connected.clear()
    recording = True
    try:
        ipython = InteractiveShell.instance()
        result = ipython.run_cell(CONNECT_CELL)
        assert result.success, result.error_in_exec or result.error_before_exec
        yield ipython
    finally:
        recording = False
        InteractiveShell.clear_instance()  # later modules of this worker are not in IPython (test_plots)


def run(ipython, cell: str):
    result = ipython.run_cell(cell)
    assert result.success, result.error_in_exec or result.error_before_exec
    return result


def test_a_sql_cell_returns_the_cursors_dataframe(shell):
    from pyathena import connect
    from pyathena.pandas.cursor import PandasCursor

    run(shell, "low = 2")
    run(shell, "%%sql frame <<\n" + SQL.format(low="{{low}}"))
    cursor = connect(work_group=WORKGROUP, region_name="us-east-1", cursor_class=PandasCursor).cursor()
    expected = cursor.execute(SQL.format(low=2)).as_pandas()
    frame = shell.user_ns["frame"]
    assert list(frame.columns) == list(expected.columns) == ["n", "letter"]
    assert frame.values.tolist() == expected.values.tolist() == [[2, "b"], [3, "c"]]


def test_an_athena_error_reaches_the_cell(shell, capsys):
    result = shell.run_cell("%%sql\nSELECT nope FROM no_such_table")
    assert not result.success
    assert "TABLE_NOT_FOUND" in str(result.error_in_exec) + capsys.readouterr().out


def test_loading_and_querying_call_only_loopback(shell):
    global recording
    recording = True
    try:
        run(shell, "%%sql again <<\nSELECT 1 AS one")
    finally:
        recording = False
    assert connected, "the audit hook saw no connection at all: it records nothing"
    assert all(is_loopback(host) for host in connected), connected
