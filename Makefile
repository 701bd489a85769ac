# The two commands: `make lab` and `make test`. Both install into .venv when it is missing or stale.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: lab test bench sandbox release clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

# Loopback only: the sandbox a notebook starts accepts any credentials. (--allow-root for containers run as root.)
lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --no-browser --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

# Notebooks always run in a fresh sandbox and a fresh LABKIT_HOME, whatever the caller's environment
# says (a learner's LABKIT_TARGET=aws must never send CI to their account).
NBENV = env -u LABKIT_TARGET -u AWS_ENDPOINT_URL -u AWS_PROFILE LABKIT_LANG=both LABKIT_HOME=$$(mktemp -d)

test: $(STAMP)
	$(BIN)/python -m pytest -q tests
	$(NBENV) $(BIN)/python -m pytest -q -p no:cacheprovider --nbval solutions --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
	$(NBENV) $(BIN)/python -m pytest -q -p no:cacheprovider --nbval-lax notebooks --nbval-current-env

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

sandbox: $(STAMP)
	$(BIN)/labkit sandbox

release: $(STAMP)
	$(BIN)/labkit release

clean:
	rm -rf $(VENV)
