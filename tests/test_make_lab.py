"""`make lab` starts JupyterLab on notebooks/, bound to loopback only."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_make_lab_binds_loopback_and_serves_the_student_notebooks():
    plan = subprocess.run(
        ["make", "-n", "-W", ".venv/.installed", "lab"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    command = next(line for line in plan.splitlines() if "jupyter lab" in line)
    assert "--ip=127.0.0.1" in command
    assert "--notebook-dir=notebooks" in command
    assert "0.0.0.0" not in command


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert readme.index("make lab") < readme.index("make test") < 400  # the two commands open the README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
