"""Instructor grading: `labkit grade`, where the grader verifies every step itself.

Each submission runs in real kernels against a sandbox the grader starts and owns; afterwards the grader
asks that sandbox for each step's verdict. The submission's ledger and outputs count for nothing.
See grade.py (the run), worker.py (one submission), verify.py (the verdicts), reports.py (the files).
"""

from __future__ import annotations

from .grade import grade, grade_submission
from .submissions import Submission, find_submissions

__all__ = ["Submission", "find_submissions", "grade", "grade_submission"]
