# The two commands: `make lab` and `make test`. Both install into .venv when it is missing or stale.
# The Python .venv is made with (or PYTHON=...): the first Python 3.11 or newer that has venv, among python3,
# python3.13, python3.12, python3.11 in each folder of PATH, that every user of the machine may start (each
# folder above it lets others through: `labkit grade` run as root starts each student's kernels as a user of
# their own, README "Whose user runs student code"); failing that, the first one new enough. On the course
# machine that is Debian's /usr/bin/python3.11 rather than a pyenv build under /root (mode 0700), and the
# course costs less CPU with it (benchmarks/README.md).
PYTHON_CHECK = import os, sys; sys.version_info >= (3, 11) or sys.exit(1); import venv, ensurepip; \
	from pathlib import Path; exe, lib = (Path(os.path.realpath(p)) for p in (sys.executable, os.__file__)); \
	sys.exit(0 if all(f.stat().st_mode & 1 for f in (exe, *exe.parents, *lib.parents)) else 3)
PYTHON ?= $(shell first=; old=$$IFS; set -f; IFS=:; set -- $$PATH; IFS=$$old; set +f; \
	for n in python3 python3.13 python3.12 python3.11; do for d in "$$@"; do p=$${d:-.}/$$n; test -x "$$p" || continue; \
	"$$p" -I -c '$(PYTHON_CHECK)' 2>/dev/null; r=$$?; test $$r -eq 0 && { echo "$$p"; exit 0; }; \
	test $$r -eq 3 && test -z "$$first" && first=$$p; done; done; echo "$$first")
# Bytecode caches on, whatever the caller's environment says: without them every kernel, the sandbox and
# each test worker compile labkit's sources again (about half a CPU second per process).
unexport PYTHONDONTWRITEBYTECODE
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WORKERS ?= 3  # pytest-xdist processes of `make test` (see there)

.PHONY: lab test test-fast bench sandbox release messages clean

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || { py="$(PYTHON)"; test -n "$$py" || { echo "labkit needs Python 3.11 or newer, and none \
	was found (python3 is $$(python3 --version 2>&1 || echo missing)). Install one (Debian/Ubuntu: apt-get install \
	python3.11 python3.11-venv; macOS: brew install python@3.12; or python.org), or name it: \
	make PYTHON=/path/to/python3.12" >&2; echo "labkit에는 Python 3.11 이상이 필요한데 찾지 못했습니다. 설치하거나 \
	(Debian/Ubuntu: apt-get install python3.11 python3.11-venv, macOS: brew install python@3.12, 또는 python.org) \
	make PYTHON=/path/to/python3.12 처럼 직접 지정하세요." >&2; exit 1; }; echo "$$py -m venv $(VENV)"; "$$py" -m venv $(VENV); }
	# uv first (about 10x less time than pip on an empty cache: benchmarks/README.md), pip where uv cannot run.
	{ $(BIN)/python -m pip install --quiet --disable-pip-version-check uv \
	  && $(BIN)/python -m uv pip install --quiet --python $(BIN)/python -r requirements.txt; } \
	|| { echo "uv unavailable: installing with pip" >&2; $(BIN)/python -m pip install --quiet --upgrade pip \
	  && $(BIN)/python -m pip install --quiet -r requirements.txt; }
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(BIN)/python -m labkit.startup >/dev/null  # a .pth: no 3-second rfc3987_syntax import (labkit/startup.py)
	touch $(STAMP)

# Loopback only. The notebooks' sandbox runs in the background (one per LABKIT_HOME) and stops by
# itself after 45 idle minutes. (--allow-root for containers run as root.)
lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --no-browser --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

# Notebooks always run in a fresh LABKIT_HOME, so a fresh sandbox shared by the five labs (as for a
# student), whatever the caller's environment says (a learner's LABKIT_TARGET=aws must never send CI
# to their account). That sandbox is stopped at the end, pass or fail.
NBENV = env -u LABKIT_TARGET -u AWS_ENDPOINT_URL -u AWS_PROFILE -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY \
	LABKIT_LANG=both LABKIT_SANDBOX_IDLE=600 LABKIT_HOME=$$home
# -p tests.nbval_unix_sockets: nbval's kernels on Unix sockets, no TCP port to lose on a busy machine.
NBRUN = home=$$(mktemp -d); trap 'LABKIT_HOME=$$home $(BIN)/labkit sandbox stop >/dev/null; rm -rf $$home' EXIT; \
	$(NBENV) $(BIN)/python -m pytest -q -p no:cacheprovider -p tests.nbval_unix_sockets --nbval-current-env

# ruff first (rules in pyproject.toml: it stops the run in a second on an undefined name or an unused import;
# `ruff format --check`: the code is as `ruff format labkit tests benchmarks` writes it), then import-linter (labkit's layers, in pyproject.toml: a second too).
# Then the unit suite in WORKERS processes (a test module stays on one worker: its fixtures share a sandbox;
# the longest modules first, tests/conftest.py LONGEST_FIRST) and, beside it, the two notebook runs, each in
# its own home: a worker is idle about a third of its time while its kernels and sandboxes wait on each
# other, so three workers and the notebook runs keep two cores busy (two workers: 189 s, three: 174-177 s,
# four: 182 s on an idle 2-core machine). Their reports follow the unit suite's.
# -rfEs: the summary also names each skipped test and why (the browser test without Chromium; the isolation
# test where kernels cannot run as another user).
test: $(STAMP)
	$(BIN)/ruff check labkit tests benchmarks
	$(BIN)/ruff format --check --quiet labkit tests benchmarks
	$(BIN)/lint-imports --no-cache
	@logs=$$(mktemp -d); \
	($(NBRUN) --nbval solutions --nbval-sanitize-with tests/nbval_sanitize.cfg >$$logs/strict 2>&1) & strict=$$!; \
	($(NBRUN) --nbval-lax notebooks >$$logs/lax 2>&1) & lax=$$!; \
	echo "pytest tests (nbval over solutions/ and notebooks/ runs beside it)"; \
	$(BIN)/python -m pytest -q -rfEs -n $(WORKERS) --dist loadfile --no-loadscope-reorder tests; u=$$?; \
	wait $$strict; s=$$?; wait $$lax; l=$$?; \
	echo "nbval solutions/ (strict):"; cat $$logs/strict; echo "nbval notebooks/ (lax):"; cat $$logs/lax; rm -rf $$logs; \
	test $$u -eq 0 && test $$s -eq 0 && test $$l -eq 0

# The developer's loop: ruff, then the unit suite without the tests marked slow (kernels, notebooks,
# JupyterHub, pip installs, sandbox processes, big results: SLOW in tests/conftest.py) and no nbval.
test-fast: $(STAMP)
	$(BIN)/ruff check labkit tests benchmarks
	$(BIN)/ruff format --check --quiet labkit tests benchmarks
	$(BIN)/python -m pytest -q -rfEs -m "not slow" -n 2 --dist loadfile tests

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

sandbox: $(STAMP)
	$(BIN)/labkit sandbox

release: $(STAMP)
	$(BIN)/labkit release

# After changing an English message (labkit/messages/<area>.py) or adding a module of bilingual ones: fold
# the Korean into the .po, update the .pot and .po (a changed English line makes its Korean fuzzy), compile
# the .mo. PRUNE=1 also drops the entries of keys no module defines any more.
messages: $(STAMP)
	$(BIN)/python -m labkit.messages.catalogue update $(if $(PRUNE),--prune)

clean:
	rm -rf $(VENV)
