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

lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --no-browser --notebook-dir=notebooks

test: $(STAMP)
	$(BIN)/python -m pytest -q tests
	# nbval: $(BIN)/python -m pytest -q -p no:cacheprovider --nbval solutions --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
	# nbval: $(BIN)/python -m pytest -q -p no:cacheprovider --nbval-lax notebooks --nbval-current-env

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

sandbox: $(STAMP)
	$(BIN)/labkit sandbox

release: $(STAMP)
	$(BIN)/labkit release

clean:
	rm -rf $(VENV)
