# Everything sets up .venv itself; only python3 is needed on the machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SPHINXOPTS ?=

.PHONY: all demo test test-fast lint format docs bench clean

all: test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -U pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test,docs,lint,wasm]'
	@touch $(STAMP)

## demo: build the example landscape site to HTML and say where it is
demo: $(STAMP)
	$(PY) -m sphinx -b html -q $(SPHINXOPTS) examples examples/_build/html
	@echo
	@echo "The example landscape is built. Open:"
	@echo "  file://$(CURDIR)/examples/_build/html/index.html"

## test: the whole suite (data layer, Sphinx builds, maps, docs, browser)
test: $(STAMP)
	$(PY) -m pytest

## lint: ruff (check + format --check) and mypy
lint: $(STAMP)
	$(VENV)/bin/ruff check sphinx_learnscape tests bench
	$(VENV)/bin/ruff format --check sphinx_learnscape tests bench
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff check --fix sphinx_learnscape tests bench
	$(VENV)/bin/ruff format sphinx_learnscape tests bench

## docs: the project's own documentation, nitpicky and warnings as errors
docs: $(STAMP)
	$(PY) -m sphinx -nW --keep-going -b html $(SPHINXOPTS) docs docs/_build/html
	@echo "Open file://$(CURDIR)/docs/_build/html/index.html"

## bench: the load, build and map benchmarks
bench: $(STAMP)
	$(PY) bench/load_bench.py
	$(PY) bench/build_bench.py
	$(PY) bench/map_bench.py

clean:
	rm -rf examples/_build docs/_build build *.egg-info .pytest_cache .mypy_cache .ruff_cache
