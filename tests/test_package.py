"""`pip install .` gives a working labkit: installed into a fresh virtual environment, it imports on its
own (from outside the repository), carries every file of the package, finds its fonts and declares the
`labkit` command; and pyproject.toml declares every third-party module labkit imports, in ranges that
requirements.txt stays inside.

labkit is installed alone: `--no-deps` (the fresh environment sees this environment's packages through
a .pth file), with this environment's setuptools and no index (`--no-build-isolation --no-index`), so
without network, in seconds.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "labkit"


def package_files(folder: Path) -> set[str]:
    """Every file under `folder`, relative to it, bytecode caches aside."""
    return {
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def site_packages(environment: Path) -> Path:
    return Path(sysconfig.get_path("purelib", vars={"base": str(environment), "platbase": str(environment)}))


def fresh_environment_seeing_these_packages(environment: Path) -> None:
    """A virtual environment without pip whose path ends with this environment's site-packages. Only its
    own .pth files run, so this environment's editable labkit (installed by `make`) stays out of it."""
    venv.create(environment, with_pip=False)
    (site_packages(environment) / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")


def pip_install(source: Path, environment: Path, scratch: Path) -> None:
    """`pip install .` of a copy of the sources (the build writes nothing into the repository)."""
    copy = scratch / "source"
    copy.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(source / name, copy / name)
    shutil.copytree(source / "labkit", copy / "labkit", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(environment / "bin" / "python"),
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            str(copy),
        ],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def environment(tmp_path_factory) -> Path:
    """A fresh virtual environment with labkit installed by pip."""
    scratch = tmp_path_factory.mktemp("package")
    fresh_environment_seeing_these_packages(scratch / "venv")
    pip_install(ROOT, scratch / "venv", scratch)
    return scratch / "venv"


def run_outside(environment: Path, folder: Path, *command: str) -> str:
    """Run `command` (a script of the environment's bin/) from `folder`, outside the repository."""
    variables = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    done = subprocess.run(
        [str(environment / "bin" / command[0]), *command[1:]], cwd=folder, env=variables, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_import_labkit_resolves_to_the_installed_copy(environment, tmp_path):
    found = run_outside(environment, tmp_path, "python", "-c", "import labkit; print(labkit.__file__)").strip()
    assert Path(found) == site_packages(environment) / "labkit" / "__init__.py"


def test_the_installed_copy_has_every_file_of_the_package(environment):
    missing = package_files(PACKAGE) - package_files(site_packages(environment) / "labkit")
    assert not missing, f"left out of the installed package (declare them as package data): {sorted(missing)}"


def test_the_installed_copy_finds_its_fonts(environment, tmp_path):
    # Both NanumGothic files labkit reads at run time come from koreanize-matplotlib, a declared dependency.
    code = (
        "from labkit.plots.fonts import korean_font_path\n"
        "from labkit.progress.badge_text import svg_text\n"
        "assert korean_font_path().is_file(), korean_font_path()\n"
        "print(svg_text('흐름 로그', size=17, bold=True, center_x=0, baseline_y=0)[:5])"
    )
    assert run_outside(environment, tmp_path, "python", "-c", code).strip() == "<path"


def test_the_labkit_command_is_declared_and_python_m_labkit_help_works(environment, tmp_path):
    distribution = next(importlib.metadata.distributions(name="labkit", path=[str(site_packages(environment))]))
    commands = {entry.name: entry.value for entry in distribution.entry_points.select(group="console_scripts")}
    assert commands == {"labkit": "labkit.cli:main"}
    assert (environment / "bin" / "labkit").is_file()
    assert run_outside(environment, tmp_path, "python", "-m", "labkit", "--help").startswith("Usage: labkit")


def test_the_installed_copy_answers_an_athena_query_in_an_in_process_sandbox(environment, tmp_path):
    # The sandbox, moto and the Athena engine from the installed package alone: SQL in, rows out.
    code = (
        "import time\n"
        "import labkit\n"
        "from labkit.sandbox import start_sandbox\n"
        "sandbox = start_sandbox()\n"
        "sandbox.client('s3').create_bucket(Bucket='results')\n"
        "athena = sandbox.client('athena')\n"
        "query = athena.start_query_execution(QueryString='SELECT 6 * 7 AS answer',\n"
        "    ResultConfiguration={'OutputLocation': 's3://results/'})['QueryExecutionId']\n"
        "while athena.get_query_execution(QueryExecutionId=query)['QueryExecution']['Status']['State'] in (\n"
        "        'QUEUED', 'RUNNING'):\n"
        "    time.sleep(0.05)\n"
        "rows = athena.get_query_results(QueryExecutionId=query)['ResultSet']['Rows']\n"
        "print([[d.get('VarCharValue') for d in row['Data']] for row in rows], labkit.__file__)\n"
        "sandbox.stop()\n"
    )
    rows, where = run_outside(environment, tmp_path, "python", "-c", code).strip().rsplit(" ", 1)
    assert rows == "[['answer'], ['42']]"
    assert Path(where) == site_packages(environment) / "labkit" / "__init__.py"


# Dependencies: what labkit imports, pyproject.toml declares, and requirements.txt pins inside.


def third_party_imports(package: Path) -> dict[str, set[str]]:
    """Top-level names of the non-standard modules imported anywhere in `package` (function bodies
    too: they run sooner or later), each with the files importing it."""
    found: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "labkit":
                    found.setdefault(top, set()).add(str(path.relative_to(package.parent)))
    return found


def declared_requirements(pyproject: Path) -> list[Requirement]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    optional = [line for extra in project.get("optional-dependencies", {}).values() for line in extra]
    return [Requirement(line) for line in project["dependencies"] + optional]


def pinned_requirements(requirements: Path) -> dict[str, Requirement]:
    pinned = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            pinned[canonicalize_name(requirement.name)] = requirement
    return pinned


def undeclared_imports(imports: dict[str, set[str]], declared: list[Requirement]) -> dict[str, list[str]]:
    """The imported modules no declared distribution provides, with who imports them."""
    declared_names = {canonicalize_name(requirement.name) for requirement in declared}
    providers = importlib.metadata.packages_distributions()
    return {
        module: sorted(files)
        for module, files in imports.items()
        if not {canonicalize_name(name) for name in providers.get(module, [])} & declared_names
    }


def boundary_versions(specifiers: SpecifierSet) -> set[Version]:
    """Each version a specifier names, and the next release at each of its positions (1.40 → 2, 1.41):
    where two ranges built from these specifiers can differ."""
    versions = set()
    for specifier in specifiers:
        version = Version(specifier.version.replace(".*", ""))
        versions.add(version)
        for position in range(len(version.release)):
            bumped = list(version.release[: position + 1])
            bumped[position] += 1
            versions.add(Version(".".join(map(str, bumped))))
    return versions


def versions_outside(narrow: SpecifierSet, wide: SpecifierSet) -> list[Version]:
    """Versions `narrow` allows and `wide` does not (none: narrow lies inside wide)."""
    candidates = boundary_versions(narrow) | boundary_versions(wide) | {Version("0"), Version("99999")}
    return sorted(v for v in candidates if narrow.contains(v) and not wide.contains(v))


def test_every_third_party_module_labkit_imports_is_a_declared_dependency():
    imports = third_party_imports(PACKAGE)
    assert "moto" in imports and "sqlglot" in imports  # the walk finds imports at all
    undeclared = undeclared_imports(imports, declared_requirements(ROOT / "pyproject.toml"))
    assert not undeclared, f"imported by labkit but not in pyproject.toml's dependencies: {undeclared}"


def test_requirements_txt_pins_inside_every_pyproject_range():
    pinned = pinned_requirements(ROOT / "requirements.txt")
    problems = []
    for declared in declared_requirements(ROOT / "pyproject.toml"):
        name = canonicalize_name(declared.name)
        tested = pinned.get(name)
        if tested is None or not declared.extras <= tested.extras:
            problems.append(f"{declared}: not in requirements.txt with its extras")
            continue
        outside = versions_outside(tested.specifier, declared.specifier)
        if outside:
            problems.append(f"{declared}: requirements.txt's {tested.specifier} allows {outside[0]}")
        installed = importlib.metadata.version(name)
        if not declared.specifier.contains(installed, prereleases=True):
            problems.append(f"{declared}: the tested environment has {installed}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("narrow", "wide", "first_outside"),
    [
        (">=1.40,<2", ">=1.40,<2", None),
        ("==0.1.1", ">=0.1,<0.2", None),
        (">=5.2.5,<5.3", ">=5.2,<6", None),
        (">=1.39,<2", ">=1.40,<2", "1.39"),
        (">=1.40,<3", ">=1.40,<2", "2"),
        (">=1.40", ">=1.40,<2", "2"),
        (">=1.4,<3", "~=1.4", "2"),
        (">=1", ">=1,!=1.5", "1.5"),
    ],
)
def test_versions_outside_finds_what_a_narrower_range_lets_through(narrow, wide, first_outside):
    outside = versions_outside(SpecifierSet(narrow), SpecifierSet(wide))
    assert (str(outside[0]) if outside else None) == first_outside
