"""`labkit grade` grades a class: the grader verifies every step in a sandbox it owns.

One grading run over a made-up class (the worked solutions, partial work, and every kind of hostile
submission), then each test reads what the run wrote. Real kernels, a real sandbox per submission.
"""

from __future__ import annotations

import csv
import json
import shutil
import zipfile
from pathlib import Path

import nbformat
import pytest

from labkit.checks.catalogue import COURSE_BADGE_XP, STEPS, lab_xp
from labkit.grading import find_submissions, grade

ROOT = Path(__file__).resolve().parents[1]
SECRET = "instructor-secret-4f9d1c"
SOLUTION_XP_00_01 = lab_xp("00-welcome") + lab_xp("01-flow-logs")


def notebook(*cells: str) -> str:
    return nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]))


def write(folder: Path, name: str, text: str | bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode())


def leak_cells(secret_file: Path) -> list[str]:
    """A notebook that tries to carry the instructor's secrets out: printed, raised, as an answer, in
    files of its own. An answer attempt is recorded only if the environment held the secret."""
    return [
        "import labkit\nlab = labkit.start('00-welcome')",
        f"import os\nfound = os.environ.get('LABKIT_GRADER_SECRET')\nprint(found, open({str(secret_file)!r}).read())",
        "from labkit.sandbox_client.client import call\n"
        "if found:\n    call('POST', '/labkit/verify', {'step': 'reading.top_attacker', 'answer': found})",
        f"raise RuntimeError(open({str(secret_file)!r}).read())",
        f"open(os.path.join(os.environ['LABKIT_HOME'], 'leak.txt'), 'w').write(open({str(secret_file)!r}).read())",
    ]


CHEAT_CELLS = [
    "import labkit\nlab = labkit.start('02-reading-flow-logs')",
    # monkeypatch the check, award XP by hand, edit the ledger: all in the kernel, all for nothing
    "import labkit.checks.reading as reading\nfrom labkit.checks.verdict import Verdict\n"
    "reading.top_attacker = lambda ctx, answer: Verdict()\nreading.nacl_block = lambda ctx, answer: Verdict()",
    "lab.check('reading.top_attacker', answer='198.51.100.1')\nlab.check('reading.nacl_block')",
    "import os, json\n"
    "open(os.path.join(os.environ['LABKIT_HOME'], 'ledger.jsonl'), 'a').write(json.dumps({'step': 'cleanup.done', 'xp': 600}) + '\\n')",
    "from labkit.sandbox_client.client import call\nfor route in ('/labkit/stop', '/labkit/reset'):\n"
    "    try:\n        call('POST', route)\n    except Exception as error:\n        print(error)",
]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade the class once; returns (out folder, rows by student)."""
    base = tmp_path_factory.mktemp("class")
    instructor_home = base / "instructor-home"
    instructor_home.mkdir()
    secret_file = instructor_home / "secret.txt"
    secret_file.write_text(SECRET)
    submitted = base / "submitted"
    # an nbgrader tree: submitted/STUDENT/ASSIGNMENT/*.ipynb
    for name in (
        "00-welcome.ipynb",
        "01-flow-logs.ipynb",
        "02-reading-flow-logs.ipynb",
        "03-athena.ipynb",
        "04-cleanup.ipynb",
    ):
        lab = name[: -len(".ipynb")]
        shutil.copy(
            ROOT / "solutions" / name, (submitted / "ada" / lab).mkdir(parents=True) or submitted / "ada" / lab / name
        )
    for name in ("00-welcome.ipynb", "01-flow-logs.ipynb"):
        shutil.copy(
            ROOT / "solutions" / name,
            (submitted / "bo" / "labs").mkdir(parents=True, exist_ok=True) or submitted / "bo" / "labs" / name,
        )
    loose = base / "loose"
    write(loose / "not-json", "00-welcome.ipynb", "{ this is not json")
    write(loose / "not-a-notebook", "00-welcome.ipynb", json.dumps({"cells": "no"}))
    write(loose / "empty", "00-welcome.ipynb", nbformat.writes(nbformat.v4.new_notebook()))
    write(
        loose / "loops",
        "00-welcome.ipynb",
        notebook(
            "import boto3, labkit\nlab = labkit.start('00-welcome')",
            "lab.check('welcome.connected', answer=boto3.client('sts').get_caller_identity()['Account'])",
            # never ends and ignores interrupts; it sleeps so that its 15 s cost no CPU the others need
            "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    time.sleep(0.2)",
        ),
    )
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):  # the student copies, run as released
        shutil.copy(path, (loose / "untouched").mkdir(parents=True, exist_ok=True) or loose / "untouched" / path.name)
    write(loose / "suicide", "00-welcome.ipynb", notebook("import os\nos._exit(3)"))
    write(loose / "shouts", "00-welcome.ipynb", notebook("print('x' * 20_000_000)"))
    write(loose / "leaks", "00-welcome.ipynb", notebook(*leak_cells(secret_file)))
    write(loose / "cheats", "02-reading-flow-logs.ipynb", notebook(*CHEAT_CELLS))
    write(loose / "nothing", "notes.txt", "no notebooks here")
    with zipfile.ZipFile(loose / "zipped.zip", "w") as archive:  # a zip, with a path that tries to escape
        archive.writestr("zipped/../../00-welcome.ipynb", (ROOT / "solutions" / "00-welcome.ipynb").read_text())
    write(loose, "broken.zip", b"PK\x03\x04 not really a zip")
    out = base / "grades"
    paths = [submitted, loose / "zipped.zip", loose / "broken.zip"] + [p for p in sorted(loose.iterdir()) if p.is_dir()]
    mp = pytest.MonkeyPatch()
    mp.setenv("LABKIT_GRADER_SECRET", SECRET)
    mp.setenv("HOME", str(instructor_home))
    try:
        rows = grade(paths, out, jobs=2, progress=False, cell_timeout=15, timeout=600)
    finally:
        mp.undo()
    return out, {row["student"]: row for row in rows}


def gradebook(out: Path) -> dict[str, dict]:
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


def test_every_submission_has_its_row(graded):
    out, rows = graded
    assert set(gradebook(out)) == {
        "ada",
        "bo",
        "zipped",
        "broken",
        "not-json",
        "not-a-notebook",
        "empty",
        "loops",
        "suicide",
        "shouts",
        "leaks",
        "cheats",
        "nothing",
        "untouched",
    }
    assert set(rows) == set(gradebook(out))


def test_the_worked_solutions_earn_the_badge(graded):
    out, rows = graded
    assert rows["ada"]["xp"] == COURSE_BADGE_XP and rows["ada"]["badge"] and rows["ada"]["status"] == "graded"
    row = gradebook(out)["ada"]
    assert row["badge"] == "yes" and all(int(row[s.id]) == s.xp for s in STEPS)
    assert (out / "feedback" / "ada.html").read_text(encoding="utf-8").count("✔") == len(STEPS)


def test_partial_work_earns_exactly_its_steps(graded):
    out, rows = graded
    assert rows["bo"]["xp"] == SOLUTION_XP_00_01 and not rows["bo"]["badge"]
    assert rows["zipped"]["xp"] == lab_xp("00-welcome")  # the zip's notebook, under its own name only
    grades = list(csv.DictReader(open(out / "grades.csv", encoding="utf-8")))
    bo = {g["assignment"]: g for g in grades if g["student_id"] == "bo"}
    assert bo["01-flow-logs"]["score"] == str(lab_xp("01-flow-logs")) and bo["03-athena"]["score"] == "0"


def test_the_untouched_student_copies_earn_nothing(graded):
    """What the notebooks give passes only scaffolding (worth 0 XP): every XP is the student's own work."""
    _, rows = graded
    untouched = rows["untouched"]
    assert untouched["status"] == "graded" and untouched["xp"] == 0 and not untouched["badge"]
    assert set(untouched["passed"]) <= {s.id for s in STEPS if s.given}
    assert set(untouched["labs"]) == {s.lab for s in STEPS}  # all five ran


def test_broken_submissions_get_a_status_and_a_reason(graded):
    out, rows = graded
    book = gradebook(out)
    expected = {
        "not-json": "grading.unreadable_notebook",
        "not-a-notebook": "grading.unreadable_notebook",
        "empty": "grading.empty_notebook",
        "suicide": "grading.kernel_died",
        "broken": "grading.bad_zip",
        "nothing": "grading.no_course_notebooks",
    }
    for student, key in expected.items():
        assert key in [problem[0] for problem in rows[student]["problems"]], student
        assert rows[student]["xp"] == 0 and book[student]["reason"], student
    assert rows["nothing"]["status"] == "no_notebooks"


def test_a_loop_is_stopped_and_what_ran_before_counts(graded):
    _, rows = graded
    assert "grading.cell_timeout" in [p[0] for p in rows["loops"]["problems"]]
    assert rows["loops"]["passed"] == ["welcome.connected"]


def test_enormous_output_is_capped_and_graded(graded):
    _, rows = graded
    assert rows["shouts"]["labs"]["00-welcome"]["output_truncated"] is True
    assert rows["shouts"]["status"] == "graded"


def test_cheating_in_the_kernel_earns_nothing(graded):
    out, rows = graded
    cheats = rows["cheats"]
    assert cheats["xp"] == 0 and cheats["status"] == "graded"
    by_step = {s["step"]: s for s in cheats["steps"]}
    assert by_step["reading.top_attacker"]["attempts"] == 1  # the sandbox judged the answer itself
    assert not by_step["reading.top_attacker"]["passed"] and not by_step["reading.nacl_block"]["passed"]


def test_no_secret_of_the_instructor_reaches_the_kernel_or_any_output(graded):
    out, rows = graded
    leaks = {s["step"]: s for s in rows["leaks"]["steps"]}
    # It started the lab but never called AWS (nor checked a step): a lab earns only what its notebook did.
    assert rows["leaks"]["passed"] == []
    assert leaks["welcome.connected"]["missing"] == [["grading.lab_made_no_calls", {"lab": "00-welcome"}]]
    assert "reading.top_attacker" not in leaks or leaks["reading.top_attacker"]["attempts"] == 0
    for path in out.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path


def test_a_rerun_skips_what_did_not_change_and_force_grades_again(graded, tmp_path):
    out, rows = graded
    kept = {p.name: p.stat().st_mtime_ns for p in (out / "results").iterdir()}
    submitted = out.parent / "submitted"
    again = grade([submitted], out, progress=False)
    assert [r["xp"] for r in again] == [COURSE_BADGE_XP, SOLUTION_XP_00_01]
    assert {p.name: p.stat().st_mtime_ns for p in (out / "results").iterdir()} == kept


def test_submissions_are_found_in_every_packaging(tmp_path):
    write(tmp_path / "kim", "03-athena-Copy1.ipynb", notebook("1"))
    write(tmp_path / "kim", "03-athena.ipynb", notebook("2"))
    write(tmp_path / "kim", "README.md", "hello")
    found = find_submissions([tmp_path / "kim"])
    assert [s.student for s in found] == ["kim"] and list(found[0].notebooks) == ["03-athena"]
    assert b'"2"' in found[0].notebooks["03-athena"]  # the exact name wins
    assert found[0].problems == [("grading.duplicate_notebook", {"lab": "03-athena", "name": "03-athena-Copy1.ipynb"})]
