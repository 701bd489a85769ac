"""What a class hands in: find each student's notebooks of the course, whatever the packaging.

A SUBMISSION given to `labkit grade` is one of:
- a folder of one student's notebooks (student id: the folder's name);
- a `.zip` of such a folder (student id: the zip's name without `.zip`);
- a class folder: no notebook of its own, one submission per student inside it: subfolders
  (`class/STUDENT/*.ipynb`, or nbgrader's `submitted/STUDENT/ASSIGNMENT/*.ipynb`) and `.zip` files.
  (One folder whose notebooks all sit in a single subfolder is one student's: `ada/notebooks/*.ipynb`.)

A notebook counts for a lab when its file name is the lab's (`03-athena.ipynb`) or starts with the lab's
id (`03-athena-Copy1.ipynb`); the exact name wins. Nothing is extracted to disk from a zip but the
course's notebooks, under their own names, so no member path can reach outside the grader's folder.

    >>> [s.student for s in find_submissions([Path("submitted")])]
    ['kim', 'lee']
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.catalogue import LABS
from ..messages import LabkitError

MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024  # larger than any real lab notebook with its outputs


@dataclass
class Submission:
    """One student's notebooks: lab id -> the notebook's bytes; `problems` are (message key, fields)."""

    student: str
    source: Path
    notebooks: dict[str, bytes] = field(default_factory=dict)
    problems: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def digest(self) -> str:
        """Changes when any counted notebook changes (a re-run skips an unchanged submission)."""
        hashed = hashlib.sha256()
        for lab in sorted(self.notebooks):
            hashed.update(lab.encode() + b"\0" + hashlib.sha256(self.notebooks[lab]).digest())
        return hashed.hexdigest()


def lab_of(name: str) -> str | None:
    """The lab a notebook file name belongs to, or None."""
    if not name.endswith(".ipynb") or name.startswith("."):
        return None
    stem = name[: -len(".ipynb")]
    return next((lab for lab in LABS if stem == lab or stem.startswith(lab)), None)


def _add(submission: Submission, name: str, read) -> None:
    """Count the file `name` (read by `read(limit)`) for its lab, unless one came first (callers give
    exact file names first, the least deep first): the others are reported as duplicates."""
    lab = lab_of(name)
    if lab is None:
        return
    if lab in submission.notebooks:
        submission.problems.append(("grading.duplicate_notebook", {"lab": lab, "name": name}))
        return
    data = read(MAX_NOTEBOOK_BYTES + 1)
    if len(data) > MAX_NOTEBOOK_BYTES:
        submission.problems.append(("grading.notebook_too_big", {"name": name, "mb": MAX_NOTEBOOK_BYTES >> 20}))
        return
    submission.notebooks[lab] = data


def from_folder(folder: Path, student: str | None = None) -> Submission:
    """Every course notebook in `folder` and, for an nbgrader assignment layout, its subfolders."""
    submission = Submission(student or folder.name, folder)
    files = sorted(p for p in folder.rglob("*.ipynb") if p.is_file() and ".ipynb_checkpoints" not in p.parts)
    files.sort(key=lambda p: (p.name != f"{lab_of(p.name)}.ipynb", len(p.parts), str(p)))  # exact names, top first
    for path in files:

        def read(limit, path=path):
            with open(path, "rb") as handle:
                return handle.read(limit)

        _add(submission, path.name, read)
    return submission


def from_zip(path: Path) -> Submission:
    submission = Submission(path.name[: -len(".zip")], path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                m
                for m in archive.infolist()
                if not m.is_dir() and "__MACOSX" not in m.filename and ".ipynb_checkpoints" not in m.filename
            ]
            members.sort(
                key=lambda m: (
                    Path(m.filename).name != f"{lab_of(Path(m.filename).name)}.ipynb",
                    m.filename.count("/"),
                    m.filename,
                )
            )
            for member in members:
                if member.file_size > MAX_NOTEBOOK_BYTES:
                    if lab_of(Path(member.filename).name):
                        submission.problems.append(
                            (
                                "grading.notebook_too_big",
                                {"name": Path(member.filename).name, "mb": MAX_NOTEBOOK_BYTES >> 20},
                            )
                        )
                    continue
                _add(
                    submission,
                    Path(member.filename).name,
                    lambda limit, member=member: archive.open(member).read(limit),
                )
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as error:
        submission.problems.append(("grading.bad_zip", {"name": path.name, "error": type(error).__name__}))
    return submission


def _class_members(folder: Path) -> list[Path] | None:
    """The submissions in a folder of several students' (subfolders holding notebooks, .zip files), or
    None when `folder` is one student's: it has notebooks of its own at the top, or its notebooks all sit
    in a single subfolder that has them at its top (ada/notebooks/*.ipynb). nbgrader's
    submitted/STUDENT/ASSIGNMENT/*.ipynb is a class folder."""
    if any(folder.glob("*.ipynb")):
        return None
    zips = [child for child in folder.iterdir() if child.is_file() and child.suffix.lower() == ".zip"]
    with_notebooks = [child for child in folder.iterdir() if child.is_dir() and any(child.rglob("*.ipynb"))]
    if not zips and len(with_notebooks) == 1 and any(with_notebooks[0].glob("*.ipynb")):
        return None
    return sorted(zips + with_notebooks) if zips or with_notebooks else None


def find_submissions(paths: list[Path]) -> list[Submission]:
    """The submissions in `paths`, in student-id order; a bilingual error for a path that is none."""
    found: list[Submission] = []
    for path in paths:
        path = Path(path)
        if path.is_file() and path.suffix.lower() == ".zip":
            found.append(from_zip(path))
        elif path.is_dir():
            members = _class_members(path)
            if members is None:
                found.append(from_folder(path))
            else:
                found.extend(from_zip(member) if member.is_file() else from_folder(member) for member in members)
        else:
            raise LabkitError("grading.not_a_submission", path=str(path))
    students = [s.student for s in found]
    twice = sorted({s for s in students if students.count(s) > 1})
    if twice:
        raise LabkitError("grading.same_student_twice", students=", ".join(twice))
    return sorted(found, key=lambda s: s.student)
