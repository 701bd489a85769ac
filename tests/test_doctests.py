"""The examples in labkit's docstrings (`>>>`) run, in a fresh LABKIT_HOME with the environment pointing
at the session's in-process sandbox (nothing is started, nothing outside the test's folder is written).

A docstring named in SKETCHES is not run, with why: its examples sketch a lab session (a learner's
account with the demo built, XP earned), an instructor's folders or a running sandbox's insides, and
would need that state to run. Every other docstring with examples runs, a new one included; a name left
in SKETCHES after its docstring is gone fails.
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

import labkit
from labkit.sandbox import service

PACKAGE = Path(labkit.__file__).parent

SESSION = "a lab session: a learner's account with the demo built, checks run, XP earned"
SANDBOX = "a running sandbox's insides (its requests, world, service or snapshot)"
INSTRUCTOR = "an instructor's folders (solutions/, submitted/, grades/)"
SKETCHES = {
    **dict.fromkeys(
        [
            "labkit",
            "labkit.aws_account",
            "labkit.aws_account.consent",
            "labkit.aws_account.consent.confirm_aws",
            "labkit.aws_account.hooks",
            "labkit.checks",
            "labkit.checks.analyst",
            "labkit.checks.context",
            "labkit.checks.detection",
            "labkit.checks.result",
            "labkit.checks.runner",
            "labkit.checks.welcome",
            "labkit.environment",
            "labkit.environment.demo.find_demo_environment",
            "labkit.labs",
            "labkit.labs.attack_records",
            "labkit.labs.incidents",
            "labkit.labs.prerequisites",
            "labkit.labs.resources",
            "labkit.progress",
            "labkit.progress.badges",
            "labkit.progress.run",
            "labkit.progress.ledger",
            "labkit.progress.summary",
            "labkit.session",
            "labkit.traffic",
            "labkit.traffic.rules",
            "labkit.traffic.simulate",
            "labkit.traffic.synthetic_upload",
            "labkit.traffic.tracking",
            "labkit.traffic.truth",
        ],
        SESSION,
    ),
    **dict.fromkeys(
        [
            "labkit.aws_account.discovery",
            "labkit.aws_account.retry",
            "labkit.checks.delivered",
            "labkit.sandbox.auth",
            "labkit.sandbox_client.client",
            "labkit.sandbox_client.process",
            "labkit.sandbox.cloudwatch.clock",
            "labkit.sandbox.endpoint",
            "labkit.sandbox.glue.crawler",
            "labkit.sandbox.in_process",
            "labkit.sandbox.persistence",
            "labkit.world",
        ],
        SANDBOX,
    ),
    **dict.fromkeys(
        [
            "labkit.grading.grade",
            "labkit.grading.isolation",
            "labkit.grading.open_badges",
            "labkit.grading.open_badges.verify_badge",
            "labkit.grading.submissions",
            "labkit.release",
            "labkit.release.bilingual",
            "labkit.release.execute",
            "labkit.release.files",
            "labkit.release.pipeline",
            "labkit.release.pipeline.is_stale",
            "labkit.release.preprocessors",
        ],
        INSTRUCTOR,
    ),
    "labkit.labs.alarm": "polls an alarm for minutes, as a notebook does on AWS",
    "labkit.labs.delivery": "polls S3 for minutes until flow logs are delivered, as a notebook does on AWS",
    "labkit.plots": "a DataFrame read from Athena, shown in a notebook",
    "labkit.plots.charts": "a DataFrame read from Athena, shown in a notebook",
    "labkit.plots.figure": "a figure shown in a notebook",
    "labkit.config": "sets LABKIT_HOME in this process and shows a learner's home folder",
}


def modules_with_examples() -> list[str]:
    """labkit's modules whose source has `>>>`, found without importing them (collection stays cheap)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name != "__main__.py" and ">>>" in path.read_text(encoding="utf-8"):
            parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
            found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


MODULES = modules_with_examples()


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_in_the_docstrings_run(name, aws_env, monkeypatch, tmp_path, request):
    monkeypatch.chdir(tmp_path)
    # An example that starts this home's own sandbox (the service's docstrings) leaves no process behind.
    request.addfinalizer(lambda: service.stop(tmp_path / "labkit-home"))
    module = importlib.import_module(name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    ran = 0
    for test in doctest.DocTestFinder().find(module, name):
        if test.examples and test.name not in SKETCHES:
            runner.run(test, out=report.append)
            ran += 1
    assert runner.failures == 0, "".join(report)
    assert ran or any(key == name or key.startswith(f"{name}.") for key in SKETCHES), (
        f"{name} has `>>>` but no docstring example was found"
    )


def test_every_sketch_named_is_still_a_docstring_with_examples():
    found = set()
    for name in MODULES:
        found |= {
            test.name for test in doctest.DocTestFinder().find(importlib.import_module(name), name) if test.examples
        }
    assert sorted(set(SKETCHES) - found) == []
