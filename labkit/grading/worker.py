"""Grade one submission in its own process: `python -m labkit.grading.worker SPEC.json`.

The grader starts one worker per submission (so a submission that hangs or crashes its process stops
only itself). The worker starts a sandbox it owns (with the first notebook that has a code cell: none
for a submission of broken files), runs the notebooks in course order in kernels
that are only its clients, verifies each lab's steps right after the lab ran, stops everything, and
writes its result (also after each lab, so a worker stopped for time still leaves what it verified).
"""

from __future__ import annotations

if __name__ == "__main__":  # before nbclient imports jsonschema (see labkit.startup)
    from labkit.startup import skip_slow_optional_imports

    skip_slow_optional_imports()

import json
import sys
import tempfile
from pathlib import Path

from ..atomic import write_atomically
from ..checks.catalogue import LABS
from ..config import region
from ..sandbox import service
from .execute import kernel_environment, read_submitted, run_notebook
from .limits import CELL_TIMEOUT, OUTPUT_CAP
from .isolation import isolate
from .verify import aws_calls, not_credited, verify_lab


def grade_one(spec: dict) -> dict:
    """spec: {"student", "notebooks": {lab: path}, "result": path, "cell_timeout", "output_cap", "seed"}."""
    result = {"student": spec["student"], "labs": {}, "steps": [], "status": "graded", "problems": []}
    out = Path(spec["result"])

    def save():
        write_atomically(out, json.dumps(result, indent=1, default=str))

    with tempfile.TemporaryDirectory(prefix="labkit-grading-") as work:
        work = Path(work)
        grader_home, labkit_home, home = work / "grader", work / "labkit-home", work / "home"
        for folder in (grader_home, labkit_home, home):
            folder.mkdir(mode=0o700)
        user = isolate(work, labkit_home, home)  # the kernels' own uid when the grader runs as root
        result["isolated"] = user is not None
        state = env = None  # the sandbox starts with the first notebook that has something to run
        try:
            for lab in LABS:
                path = spec["notebooks"].get(lab)
                notebook, unusable = read_submitted(Path(path)) if path else (None, None)
                if unusable:
                    result["labs"][lab] = unusable
                elif notebook is not None:
                    if state is None:
                        state = service.start_graded(grader_home, seed=int(spec.get("seed", 0)))
                        env = kernel_environment(home, labkit_home, state, region())
                    calls_before = aws_calls(state.endpoint)
                    copy = home / f"{lab}.ipynb"  # the kernel's folder holds nothing but its own notebook
                    copy.write_bytes(Path(path).read_bytes())
                    result["labs"][lab] = run_notebook(
                        copy,
                        env,
                        int(spec.get("cell_timeout", CELL_TIMEOUT)),
                        int(spec.get("output_cap", OUTPUT_CAP)),
                        user,
                        notebook,
                    )
                # A lab earns only what its own notebook did: the grader's sandbox already holds what
                # earlier labs built, which a lab nobody ran (or that never called AWS) must not collect.
                if not result["labs"].get(lab, {}).get("executed", False):
                    result["steps"].extend(not_credited(lab, "grading.lab_not_run"))
                elif aws_calls(state.endpoint) == calls_before:
                    result["steps"].extend(not_credited(lab, "grading.lab_made_no_calls"))
                else:
                    result["steps"].extend(verify_lab(lab, state.endpoint))
                save()
        finally:
            if state is not None:
                service.stop_graded(state)
    save()
    return result


def main(argv: list[str] | None = None) -> int:
    spec_path = Path((argv or sys.argv[1:])[0])
    grade_one(json.loads(spec_path.read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
