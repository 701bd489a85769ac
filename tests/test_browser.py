"""The course as a student opens it: JupyterLab started as `make lab` starts it, in a real browser.

Debian's Chromium (/usr/bin/chromium) is driven headless by Playwright with `executable_path`, so no
browser is downloaded; where it is absent the test skips and says why (`.ci/run` installs it). JupyterLab
serves a copy of notebooks/ (the repository's notebooks are never touched) on a free loopback port, with a
token, in a fresh LABKIT_HOME. The tests run every cell of lab 00 through JupyterLab's Run menu and read
what the page shows. Nothing is timed: Playwright waits, generously, for what must appear, and the test
fails when it never does.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from labkit.checks import COURSE_BADGE_XP, steps_for
from labkit.messages import text

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
# A slow, shared machine must not fail the test: every wait is long (milliseconds, as Playwright counts).
WAIT_MS = 300_000
# Without the background-networking flags Chromium keeps knocking on a closed network at every start.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no browser: {CHROMIUM} is absent (Debian's package chromium: apt-get install chromium)",
)


def make_lab_command() -> list[str]:
    """The command `make lab` runs, as make prints it (the same source test_make_lab.py reads)."""
    plan = subprocess.run(
        ["make", "-n", "-W", ".venv/.installed", "lab"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return shlex.split(next(line for line in plan.splitlines() if "jupyter lab" in line))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid: int) -> list[int]:
    """Processes whose parent is pid (JupyterLab's kernels, which jupyter_client starts in sessions of
    their own, so that killing JupyterLab's process group leaves them running)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found.append(int(stat.parent.name))
    return found


def kill_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """JupyterLab as `make lab` starts it, on a copy of notebooks/ plus solutions/00-welcome.ipynb as
    solution-00-welcome.ipynb; yields the address of a notebook, to fill in with `workspace` and `notebook`
    (the token in its query). At the end JupyterLab, its kernels and the sandbox they started are stopped."""
    work = tmp_path_factory.mktemp("browser")
    notebooks = work / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    shutil.copy(ROOT / "solutions" / "00-welcome.ipynb", notebooks / "solution-00-welcome.ipynb")
    home = work / "labkit-home"
    port, token = free_port(), secrets.token_hex(16)

    command = [
        ("--notebook-dir=" + str(notebooks)) if arg == "--notebook-dir=notebooks" else arg for arg in make_lab_command()
    ]
    assert "--ip=127.0.0.1" in command and str(notebooks) in " ".join(command)
    command[0] = str(ROOT / command[0])
    command += [f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}"]
    # A fresh student: no AWS settings or labkit state of the caller's (as in the Makefile's notebook runs),
    # and Jupyter's own config, settings, workspaces and runtime files in the temporary folder.
    env = {name: value for name, value in os.environ.items() if not name.startswith(("AWS_", "LABKIT_"))}
    env.update(
        LABKIT_HOME=str(home),
        LABKIT_LANG="both",
        LABKIT_SANDBOX_IDLE="600",
        JUPYTER_CONFIG_DIR=str(work / "jupyter-config"),
        JUPYTER_RUNTIME_DIR=str(work / "jupyter-runtime"),
        JUPYTER_DATA_DIR=str(work / "jupyter-data"),
    )
    log_path = work / "jupyterlab.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(server, base, token, log_path)
        yield f"{base}/lab/workspaces/{{workspace}}/tree/{{notebook}}?token={token}"
    finally:
        kernels = children(server.pid)
        kill_group(server.pid, signal.SIGTERM)  # JupyterLab shuts its kernels down on SIGTERM
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass
        for pgid in [server.pid, *kernels]:
            kill_group(pgid, signal.SIGKILL)
        server.wait()
        subprocess.run([str(ROOT / ".venv/bin/labkit"), "sandbox", "stop"], env=env, capture_output=True)


def wait_until_serving(server: subprocess.Popen, base: str, token: str, log_path: Path) -> None:
    """Until JupyterLab answers its status API; fails at once, with its log, if it exits instead."""
    request = urllib.request.Request(f"{base}/api/status", headers={"Authorization": f"token {token}"})
    for _ in range(WAIT_MS // 500):
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited ({server.returncode}):\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(request, timeout=5):
                return
        except OSError:
            try:
                server.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                pass
    pytest.fail(f"JupyterLab never answered on {base}:\n{log_path.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def browser():
    expect.set_options(timeout=WAIT_MS)  # every expect(...) below waits that long
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextmanager
def notebook_page(browser, jupyterlab: str, notebook: str, screenshot: Path):
    """A page on `notebook`, alone in a workspace of its own; a screenshot where an assertion failed."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    try:
        page.goto(jupyterlab.format(workspace=Path(notebook).stem, notebook=notebook))
        yield page
    except Exception as error:  # an assertion, or a Playwright wait that timed out
        page.screenshot(path=screenshot)
        error.add_note(f"The page when it failed: {screenshot}")
        raise
    finally:
        context.close()


def run_all_cells(page):
    """Run ▸ Run All Cells, as a student does, once the status bar shows the notebook's kernel idle (a run
    asked for before the kernel is there opens JupyterLab's Select Kernel dialog); returns the notebook."""
    panel = page.locator(".jp-NotebookPanel")
    expect(panel.locator(".jp-Cell").first).to_be_visible()
    kernel_idle = re.compile(r"^(?!No Kernel).+ \| Idle$")  # "Python 3 (ipykernel) | Idle"
    expect(page.locator(".jp-StatusBar-TextItem", has_text=kernel_idle)).to_be_visible()
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).click()
    return panel


def run_new_cell(page, panel, code: str) -> None:
    """Add a cell at the end of the notebook, write `code` in it and run it (Shift+Enter)."""
    panel.get_by_role("button", name="Click to add a cell.").click()
    panel.locator(".jp-Cell").last.locator(".cm-content").click()
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")


def any_number(key: str, code: str, **fields) -> re.Pattern:
    """The catalogue's message `key` in language `code`, with any number for its field xp."""
    return re.compile(re.escape(text(key, code, xp="XP_NUMBER", **fields)).replace("XP_NUMBER", r"\d+"))


def expect_progress(panel) -> None:
    """The lab's header shows the XP so far, in English and in Korean."""
    header = panel.locator(".labkit-lab")
    for code in ("en", "ko"):
        progress = any_number("session.xp_so_far", code, total=COURSE_BADGE_XP)
        expect(header.locator(f"[lang={code}]", has_text=progress).first).to_be_visible()


def test_a_student_runs_lab_00_and_sees_a_check_in_both_languages(browser, jupyterlab, tmp_path):
    """The untouched student copy runs to its end (its exercises fail); then the student checks the lab's
    first step with a wrong answer, in a cell of their own, and reads the verdict and the hint."""
    first = steps_for("00-welcome")[0]
    call = f"lab.check({first.id!r}, answer='no idea')" if first.needs_answer else f"lab.check({first.id!r})"
    with notebook_page(browser, jupyterlab, "00-welcome.ipynb", tmp_path / "student.png") as page:
        panel = run_all_cells(page)
        expect_progress(panel)
        run_new_cell(page, panel, call)
        check = panel.locator(".labkit-check", has_text=text("checks.result.not_yet", "en", title=first.title))
        for code in ("en", "ko"):
            for key, fields in (
                ("checks.result.not_yet", {"title": first.title}),
                ("checks.result.hint", {"hint": first.hint}),
            ):
                expect(check.locator(f"[lang={code}]", has_text=text(key, code, **fields)).first).to_be_visible()


def test_the_solution_of_lab_00_passes_its_check_in_the_browser(browser, jupyterlab, tmp_path):
    first = steps_for("00-welcome")[0]
    with notebook_page(browser, jupyterlab, "solution-00-welcome.ipynb", tmp_path / "solution.png") as page:
        panel = run_all_cells(page)
        expect_progress(panel)
        passed = panel.locator(".labkit-check", has_text=f"✔ {first.title['en']}")
        for code in ("en", "ko"):
            expect(passed.locator(f"[lang={code}]", has_text=f"✔ {first.title[code]}").first).to_be_visible()
        # Every cell ran: no code cell is left unrun ([ ]) or waiting ([*]).
        unrun = panel.locator(".jp-CodeCell .jp-InputPrompt", has_text=re.compile(r"\[[ *]\]"))
        expect(unrun).to_have_count(0)
