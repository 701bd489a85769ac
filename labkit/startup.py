"""Optional modules that cost seconds to import and that labkit never needs: skipped in its processes.

`jsonschema` (imported by nbformat, nbclient, nbval and the Jupyter server) checks the `iri` string
format with `rfc3987_syntax` when that is installed (Jupyter's `jsonschema[format-nongpl]` installs it),
and importing it compiles a Lark grammar: 2.7-3.2 CPU s on the course machine, against 0.5 s for all of
nbformat, nbclient and jupyter_events without it. Nothing in the course validates IRIs, so labkit's own
entry points (the CLI, the grading worker) mark it absent before anything imports jsonschema, which then
skips that one format. `make` also writes the same line into a `.pth` file of `.venv`, so every Python
of the course's environment (pytest and nbval, JupyterLab, the kernels' tools) starts without it:

    $ .venv/bin/python -m labkit.startup      # writes .venv/.../labkit-startup.pth
"""

from __future__ import annotations

import sys
import sysconfig
from pathlib import Path

SLOW_OPTIONAL_MODULES = ("rfc3987_syntax",)
PTH_NAME = "labkit-startup.pth"


def skip_slow_optional_imports() -> None:
    """Make `import rfc3987_syntax` fail (ImportError) in this process unless it is already imported."""
    for name in SLOW_OPTIONAL_MODULES:
        sys.modules.setdefault(name, None)


def pth_line() -> str:
    """The same, as one line a .pth file runs at interpreter start (it must not import labkit)."""
    return "import sys; " + "; ".join(f"sys.modules.setdefault({name!r}, None)" for name in SLOW_OPTIONAL_MODULES)


def write_pth(site_packages: Path | None = None) -> Path:
    path = Path(site_packages or sysconfig.get_paths()["purelib"]) / PTH_NAME
    path.write_text(pth_line() + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_pth())
