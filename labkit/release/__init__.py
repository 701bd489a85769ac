"""Releasing the course: student copies in notebooks/ built from the worked solutions/.

Like nbgrader's generate_assignment, a pipeline of small steps (see `preprocessors`):

    >>> from labkit.release import release_notebooks, is_stale
    >>> release_notebooks("solutions", "notebooks")
    [PosixPath('notebooks/00-welcome.ipynb')]
    >>> is_stale()
    []

Authoring conventions (solutions/):
- An exercise is a code cell with a `### BEGIN SOLUTION` … `### END SOLUTION` region; the student
  copy shows `# YOUR CODE HERE` (with a Korean line) and `raise NotImplementedError()`, is tagged
  `raises-exception` (nbval) and carries nbgrader metadata. In markdown, the region becomes
  `YOUR ANSWER HERE` and its Korean line.
- `### BEGIN HIDDEN TESTS` … `### END HIDDEN TESTS` is removed from the student copy.
- A later cell that uses an exercise's result gets the cell tag `depends-on-exercise`: the student
  copy tags it `raises-exception` so nbval --nbval-lax accepts its error.
- Outputs are cleared in the student copy, except cells tagged `nbval-check-output` (or with the
  comment `# NBVAL_CHECK_OUTPUT`) that are not expected to raise.
- Markdown follows the bilingual convention of `bilingual` (English block, then Korean block);
  the first cell is a `# English title · 한국어 제목` heading.

The author's loop: edit solutions/ → `labkit release --execute` (re-runs the solutions in order in
the sandbox, fresh LABKIT_HOME, LABKIT_LANG=both, and stores their outputs) → `labkit release
--check` (stale copies, bilingual problems) → commit both folders. `make test` then runs nbval:
strictly on solutions/ (their stored outputs must come back, modulo tests/nbval_sanitize.cfg) and
laxly on notebooks/ (must run without errors up to each exercise).

Outputs nbval can compare: plots via `labkit.plots.show(fig)` (a PNG, no text); no ports, ids or
wall-clock times printed (sanitized if they are); counts that depend on the real clock checked by
an assert or a check rather than printed, or the cell marked `# NBVAL_IGNORE_OUTPUT`.
"""

from __future__ import annotations

import importlib

# Importing nbformat costs seconds (jsonschema's format checkers); the CLI imports this package
# to register its command, so the pipeline is loaded only when one of these names is used.
_LAZY = {
    "bilingual_problems": "bilingual",
    "execute_notebook": "execute",
    "run_solutions": "execute",
    "notebook_text": "files",
    "read_notebook": "files",
    "write_text": "files",
    "is_stale": "pipeline",
    "release_notebook": "pipeline",
    "release_notebooks": "pipeline",
    "DEPENDS_ON_EXERCISE": "preprocessors",
    "RAISES_EXCEPTION": "preprocessors",
    "RELEASE_STEPS": "preprocessors",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)


__all__ = [
    "DEPENDS_ON_EXERCISE",
    "RAISES_EXCEPTION",
    "RELEASE_STEPS",
    "bilingual_problems",
    "execute_notebook",
    "is_stale",
    "notebook_text",
    "read_notebook",
    "release_notebook",
    "release_notebooks",
    "run_solutions",
    "write_text",
]
