"""How long and how much a submission may take while it is graded (the `labkit grade` defaults)."""

from __future__ import annotations

CELL_TIMEOUT = 120  # seconds a cell may run
OUTPUT_CAP = 2 * 1024 * 1024  # bytes of output kept per notebook; the rest is dropped
SUBMISSION_TIMEOUT = 30 * 60  # seconds for one student's whole course (the labs take about a minute)
