"""Which submissions `labkit grade` finds in what an instructor collected (no notebook is run here)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from labkit.grading import find_submissions


def notebook(text: str) -> str:
    return json.dumps(
        {
            "cells": [{"cell_type": "code", "source": text, "metadata": {}, "outputs": [], "execution_count": None}],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)


def test_a_class_folder_of_student_folders_is_one_submission_per_student(tmp_path):
    for student in ("ada", "kim", "lee"):
        write(tmp_path / "class" / student, "01-flow-logs.ipynb", notebook(student))
    (tmp_path / "class" / "notes.txt").write_text("collected on Monday")
    found = find_submissions([tmp_path / "class"])
    assert [s.student for s in found] == ["ada", "kim", "lee"]
    assert all(
        list(s.notebooks) == ["01-flow-logs"] and s.student.encode() in s.notebooks["01-flow-logs"] for s in found
    )


def test_a_class_folder_of_zips_and_folders(tmp_path):
    write(tmp_path / "class" / "ada", "00-welcome.ipynb", notebook("ada"))
    with zipfile.ZipFile(tmp_path / "class" / "kim.zip", "w") as archive:
        archive.writestr("kim/00-welcome.ipynb", notebook("kim"))
    found = find_submissions([tmp_path / "class"])
    assert [(s.student, list(s.notebooks)) for s in found] == [("ada", ["00-welcome"]), ("kim", ["00-welcome"])]


def test_an_nbgrader_submitted_tree_is_one_submission_per_student(tmp_path):
    for student in ("kim", "lee"):
        write(tmp_path / "submitted" / student / "flowlogs", "02-reading-flow-logs.ipynb", notebook(student))
    assert [s.student for s in find_submissions([tmp_path / "submitted"])] == ["kim", "lee"]


def test_one_students_notebooks_in_a_subfolder_stay_one_submission(tmp_path):
    write(tmp_path / "ada" / "notebooks", "00-welcome.ipynb", notebook("0"))
    write(tmp_path / "ada" / "notebooks", "01-flow-logs.ipynb", notebook("1"))
    found = find_submissions([tmp_path / "ada"])
    assert [(s.student, sorted(s.notebooks)) for s in found] == [("ada", ["00-welcome", "01-flow-logs"])]


def test_a_students_own_folder_is_one_submission(tmp_path):
    write(tmp_path / "ada", "00-welcome.ipynb", notebook("0"))
    write(tmp_path / "ada" / "old", "00-welcome.ipynb", notebook("old"))
    found = find_submissions([tmp_path / "ada"])
    assert [s.student for s in found] == ["ada"] and b'"0"' in found[0].notebooks["00-welcome"]


def test_two_notebooks_of_one_lab_the_first_exact_name_counts_and_the_other_is_reported(tmp_path):
    write(tmp_path / "ada", "00-welcome.ipynb", notebook("0"))
    write(tmp_path / "ada" / "old", "00-welcome.ipynb", notebook("old"))
    found = find_submissions([tmp_path / "ada"])
    assert found[0].problems == [("grading.duplicate_notebook", {"lab": "00-welcome", "name": "00-welcome.ipynb"})]
