"""Release: solutions/ → notebooks/ like nbgrader's generate_assignment, deterministic, nbval-ready,
and careful with student work."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from labkit.cli import main
from labkit.messages import LabkitError
from labkit.release import is_stale, notebook_text, release_notebook, release_notebooks, write_text
from labkit.release.bilingual import cell_problems
from labkit.release.markers import replace_regions

TITLE = "# Test lab · 테스트 실습"

EXERCISE = """def total(values):
    ### BEGIN SOLUTION
    result = sum(values)
    return result
    ### END SOLUTION
answer = total([1, 2])
answer"""

CHECK = """assert answer == 3
### BEGIN HIDDEN TESTS
assert total([]) == 0
### END HIDDEN TESTS"""


def executed(cell, text, count):
    cell.outputs = [new_output("execute_result", data={"text/plain": text}, execution_count=count)]
    cell.execution_count = count
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00Z"}
    return cell


def worked_notebook():
    cells = [
        new_markdown_cell(TITLE),
        executed(new_code_cell("x = 1\nx"), "1", 1),
        executed(new_code_cell(EXERCISE), "3", 2),
        executed(new_code_cell("answer * 2", metadata={"tags": ["depends-on-exercise"]}), "6", 3),
        new_code_cell(CHECK),
        executed(new_code_cell("# NBVAL_CHECK_OUTPUT\n'stable'"), "'stable'", 5),
        new_markdown_cell("Why?\n\n왜일까요?\n\n### BEGIN SOLUTION\nBecause.\n\n그래서요.\n### END SOLUTION"),
    ]
    for index, cell in enumerate(cells):
        cell["id"] = f"c{index}"
    return new_notebook(
        cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )


@pytest.fixture
def course(tmp_path):
    solutions = tmp_path / "solutions"
    write_text(solutions / "01-test.ipynb", notebook_text(worked_notebook()))
    return solutions, tmp_path / "notebooks"


def released():
    return release_notebook(worked_notebook(), "01-test", "solutions/01-test.ipynb")


def test_solution_region_becomes_the_nbgrader_stub_keeping_indentation():
    cell = released().cells[2]
    assert cell.source == (
        "def total(values):\n    # YOUR CODE HERE\n    # 여기에 코드를 작성하세요\n"
        "    raise NotImplementedError()\nanswer = total([1, 2])\nanswer"
    )
    assert "sum(values)" not in cell.source


def test_markdown_solution_becomes_a_bilingual_answer_stub():
    cell = released().cells[6]
    assert cell.source == "Why?\n\n왜일까요?\n\nYOUR ANSWER HERE\n\n여기에 답을 쓰세요"
    assert "Because" not in cell.source and cell_problems(cell.source, "stub") == []


def test_hidden_tests_are_removed_and_the_cell_may_raise():
    cell = released().cells[4]
    assert cell.source == "assert answer == 3"
    assert "raises-exception" in cell.metadata["tags"]


def test_exercises_and_dependent_cells_are_tagged_raises_exception_others_not():
    notebook = released()
    tags = [cell.metadata.get("tags", []) for cell in notebook.cells]
    assert "raises-exception" in tags[2]
    assert tags[3] == ["depends-on-exercise", "raises-exception"]
    assert "raises-exception" not in tags[1] and "raises-exception" not in tags[5]


def test_solution_cells_carry_nbgrader_metadata():
    notebook = released()
    assert notebook.cells[2].metadata["nbgrader"] == {
        "grade": False,
        "grade_id": "01-test-exercise-1",
        "locked": False,
        "schema_version": 3,
        "solution": True,
        "task": False,
    }
    assert notebook.cells[6].metadata["nbgrader"]["grade_id"] == "01-test-exercise-2"
    assert "nbgrader" not in notebook.cells[1].metadata


def test_outputs_cleared_except_checked_outputs_and_timings_dropped():
    notebook = released()
    for index in (1, 2, 3):
        assert notebook.cells[index].outputs == [] and notebook.cells[index].execution_count is None
    kept = notebook.cells[5]
    assert kept.execution_count == 5 and kept.outputs[0]["data"]["text/plain"] == "'stable'"
    assert all("execution" not in cell.metadata for cell in notebook.cells)


def test_release_leaves_the_input_untouched():
    notebook = worked_notebook()
    before = copy.deepcopy(notebook)
    release_notebook(notebook, "01-test")
    assert notebook == before


def test_release_is_byte_identical_and_ids_are_kept_or_derived(course, tmp_path):
    solutions, notebooks = course
    first = release_notebooks(solutions, notebooks)[0].read_bytes()
    again = release_notebooks(str(solutions.resolve()), tmp_path / "elsewhere")[0].read_bytes()
    assert first == again
    text = first.decode("utf-8")
    assert text.endswith("}\n") and '"nbformat_minor": 5' in text and "테스트" in text
    without_ids = worked_notebook()
    for cell in without_ids.cells:
        del cell["id"]
    twice = {notebook_text(release_notebook(without_ids, "01-test")) for _ in range(2)}
    assert len(twice) == 1 and nbformat.reads(twice.pop(), 4).cells[0].id


def test_is_stale_reports_missing_changed_and_orphaned_copies(course):
    solutions, notebooks = course
    assert is_stale(solutions, notebooks) == [f"{notebooks.as_posix()}/01-test.ipynb"]
    release_notebooks(solutions, notebooks)
    assert is_stale(solutions, notebooks) == []
    worked = nbformat.read(solutions / "01-test.ipynb", 4)
    worked.cells[1].source = "x = 2\nx"
    write_text(solutions / "01-test.ipynb", notebook_text(worked))
    assert is_stale(solutions, notebooks) == [f"{notebooks.as_posix()}/01-test.ipynb"]
    release_notebooks(solutions, notebooks)
    (notebooks / "00-gone.ipynb").write_text((notebooks / "01-test.ipynb").read_text())
    assert is_stale(solutions, notebooks) == [f"{notebooks.as_posix()}/00-gone.ipynb"]


def test_a_student_copy_edited_after_release_is_not_overwritten(course):
    solutions, notebooks = course
    target = release_notebooks(solutions, notebooks)[0]
    student = nbformat.read(target, 4)
    student.cells[2].source = "def total(values):\n    return sum(values)  # my work"
    nbformat.write(student, target)
    worked = nbformat.read(solutions / "01-test.ipynb", 4)
    worked.cells[0].source = "# Test lab, revised · 테스트 실습 (개정)"
    write_text(solutions / "01-test.ipynb", notebook_text(worked))
    with pytest.raises(LabkitError) as raised:
        release_notebooks(solutions, notebooks)
    assert raised.value.key == "release.edited" and "my work" in target.read_text()
    release_notebooks(solutions, notebooks, force=True)
    assert "my work" not in target.read_text() and is_stale(solutions, notebooks) == []


def test_unbalanced_regions_are_a_bilingual_error_and_write_nothing(course):
    solutions, notebooks = course
    broken = worked_notebook()
    broken.cells[2].source = "### BEGIN SOLUTION\nx = 1\n"
    write_text(solutions / "02-broken.ipynb", notebook_text(broken))
    with pytest.raises(LabkitError) as raised:
        release_notebooks(solutions, notebooks)
    assert raised.value.key == "release.unbalanced" and raised.value.fields["cell"] == 3
    assert "짝" in str(raised.value)
    assert not notebooks.exists()


def test_nested_and_stray_markers_are_refused():
    for source in (
        "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION\n### END SOLUTION",
        "x = 1\n### END SOLUTION",
    ):
        with pytest.raises(ValueError):
            replace_regions(source, "SOLUTION", [])


@pytest.mark.parametrize("content, key", [(None, "release.no_source"), ("{not json", "release.unreadable")])
def test_nothing_to_release_or_unreadable_source_is_explained(tmp_path, content, key):
    (tmp_path / "solutions").mkdir()
    if content is not None:
        (tmp_path / "solutions" / "01-bad.ipynb").write_text(content)
    with pytest.raises(LabkitError) as raised:
        release_notebooks(tmp_path / "solutions", tmp_path / "notebooks")
    assert raised.value.key == key


def test_cli_release_then_check(course, monkeypatch, capsys):
    solutions, notebooks = course
    monkeypatch.chdir(solutions.parent)
    monkeypatch.setenv("LABKIT_LANG", "both")
    assert main(["release", "--check"]) == 1
    err = capsys.readouterr().err
    assert "notebooks/01-test.ipynb" in err and "최신" in err
    assert main(["release"]) == 0
    assert "배포" in capsys.readouterr().out
    assert main(["release", "--check"]) == 0
    assert "일치" in capsys.readouterr().out


def test_cli_check_reports_markdown_that_is_not_bilingual(course, monkeypatch, capsys):
    solutions, notebooks = course
    worked = nbformat.read(solutions / "01-test.ipynb", 4)
    worked.cells.append(new_markdown_cell("Only English here."))
    write_text(solutions / "01-test.ipynb", notebook_text(worked))
    monkeypatch.chdir(solutions.parent)
    assert main(["release"]) == 0
    capsys.readouterr()
    assert main(["release", "--check"]) == 1
    assert "Only English here." in capsys.readouterr().err


def test_cli_errors_are_messages_not_tracebacks(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["release"]) == 3
    err = capsys.readouterr().err
    assert "solutions/" in err and "노트북이 없습니다" in err


def test_execute_fills_outputs_in_a_fresh_home_and_never_on_aws(tmp_path, monkeypatch):
    from labkit.release import run_solutions

    monkeypatch.setenv("LABKIT_TARGET", "aws")
    monkeypatch.setenv("LABKIT_LANG", "en")
    solutions = tmp_path / "solutions"
    probe = new_code_cell(
        "import os\nprint(os.environ['LABKIT_HOME'] == HOME, "
        "os.environ.get('LABKIT_TARGET'), os.environ['LABKIT_LANG'])"
    )
    notebook = new_notebook(
        cells=[new_markdown_cell(TITLE), new_code_cell(f"HOME = {str(tmp_path / 'home')!r}"), probe]
    )
    write_text(solutions / "01-probe.ipynb", notebook_text(notebook))
    [(path, seconds)] = run_solutions(solutions, labkit_home=tmp_path / "home")
    cells = nbformat.read(path, 4).cells
    assert cells[2].outputs[0]["text"] == "True None both\n"
    assert [c.execution_count for c in cells[1:]] == [1, 2] and seconds > 0
    assert all("execution" not in c.metadata for c in cells)


def test_a_failing_solution_is_reported_and_left_unchanged(tmp_path):
    from labkit.release import run_solutions

    solutions = tmp_path / "solutions"
    text = notebook_text(
        new_notebook(cells=[new_markdown_cell(TITLE), new_code_cell("1"), new_code_cell("raise KeyError('x')")])
    )
    write_text(solutions / "01-fails.ipynb", text)
    with pytest.raises(LabkitError) as raised:
        run_solutions(solutions)
    assert raised.value.key == "release.execution_failed" and raised.value.fields["cell"] == 3
    assert (solutions / "01-fails.ipynb").read_text() == text


SANITIZE = Path(__file__).with_name("nbval_sanitize.cfg")


def sanitized(text):
    import re

    from nbval.plugin import get_sanitize_patterns

    for regex, replace in get_sanitize_patterns(SANITIZE.read_text()):
        text = re.sub(regex, replace, text)
    return text


@pytest.mark.parametrize(
    "varies, stable",
    [
        ("Sandbox at http://127.0.0.1:53127/", "Sandbox at http://127.0.0.1:PORT/"),
        ("QueryExecutionId 0f9e8d7c-1234-4abc-8def-0123456789ab", "QueryExecutionId UUID"),
        ("<function f at 0x7f3a2b1c4d50>", "<function f at 0xADDRESS>"),
        (
            "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/26/"
            "123456789012_vpcflowlogs_us-east-1_fl-0abc_20261126T2105Z_1a2b3c4d.log.gz",
            "AWSLogs/123456789012/vpcflowlogs/us-east-1/YYYY/MM/DD/"
            "123456789012_vpcflowlogs_us-east-1_fl-0abc_YYYYMMDDTHHMMZ_HASH.log.gz",
        ),
        ("PARTITION (year='2026', month='11', day='26')", "PARTITION (year='N', month='N', day='N')"),
        ("start 1764191400 end 1764191460", "start EPOCH end EPOCH"),
        ("2026-11-26 21:05:00+00:00 and 2026-11-26T21:05Z", "DATETIME and DATETIME"),
        ("ran in 1.25 s / 1.25초, 350.0 ms", "ran in N.N s / N.N 초, N.N ms"),
    ],
)
def test_nbval_sanitize_masks_what_varies(varies, stable):
    assert sanitized(varies) == stable


def test_nbval_sanitize_keeps_what_is_deterministic():
    text = (
        "2 123456789012 eni-0a1b2c3d4e5f60718 203.0.113.45 10.0.1.25 51234 22 6 1 40 REJECT OK\n"
        "46 rejected records, 3 files, port 3389, 15044 bytes, 10 s, 600 seconds, vpc-0123456789abcdef0"
    )
    assert sanitized(text) == text
