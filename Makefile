# Two commands on a fresh machine: `make demo` and `make test`. Each creates .venv and installs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint type pytest pytest-compiled compiled docs bench clean venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks setup.py
	$(BIN)/ruff format --check src tests scripts benchmarks setup.py

type: $(STAMP)
	$(BIN)/mypy --strict src/vntrace tests/typing

pytest: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider

# The mypyc-compiled build users get from a wheel (setup.py), installed apart from the editable
# (plain) one; its tests run with it first on the path. VNTRACE_COMPILE=require: a failed
# compilation fails here instead of passing as plain Python.
COMPILED := build/compiled
$(COMPILED)/.built: $(STAMP) setup.py pyproject.toml $(wildcard src/vntrace/*/*.py src/vntrace/*.py)
	rm -rf build  # setuptools reuses build/lib*: a module compiled before would ship again
	VNTRACE_COMPILE=require $(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation -w build/wheel .
	$(BIN)/python -m pip install --quiet --no-deps --target $(COMPILED) build/wheel/*.whl
	touch $@

compiled: $(COMPILED)/.built

pytest-compiled: $(COMPILED)/.built
	VNTRACE_EXPECT_COMPILED=1 PYTHONPATH=$(COMPILED) $(BIN)/pytest -q -p no:cacheprovider tests \
		--ignore=tests/integration/test_build_fallback.py

docs: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html
	$(BIN)/sphinx-build -W --keep-going -q -b doctest docs docs/_build/doctest

test: lint type pytest pytest-compiled docs

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) docs/_build build dist *.egg-info src/*.egg-info
