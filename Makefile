# Everything sets up .venv itself; only python3 is needed on the machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
# The benchmarks' own venv: the package (editable) plus the peers it is
# measured against (bench/requirements.txt), kept out of .venv so that
# `make test` never sees sphinx-needs.
BENCH_VENV  := .venv-bench
BENCH_PY    := $(BENCH_VENV)/bin/python
BENCH_STAMP := $(BENCH_VENV)/.installed-stamp
BENCHOPTS ?=
SPHINXOPTS ?=
LINTED := sphinx_learnscape tests bench scripts

.PHONY: all demo test test-fast test-bare lint format docs schema bench clean

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

## test-fast: the suite without the browser tests
test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser"

## test-bare: the suite as on a machine with only Python 3 (no Graphviz, browser, LaTeX, Java on PATH)
test-bare: $(STAMP)
	scripts/without.sh dot chromium latexmk pdftotext java epubcheck -- $(PY) -m pytest

## lint: ruff (check + format --check) and mypy strict over the package, tests, bench and scripts
lint: $(STAMP)
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff check --fix $(LINTED)
	$(VENV)/bin/ruff format $(LINTED)

## schema: regenerate the fast schema check after editing data/schema.json
schema: $(STAMP)
	$(PY) scripts/compile_schema.py

## docs: the project's own documentation, nitpicky and warnings as errors
docs: $(STAMP)
	$(PY) -m sphinx -nW --keep-going -b html $(SPHINXOPTS) docs docs/_build/html
	@echo "Open file://$(CURDIR)/docs/_build/html/index.html"

$(BENCH_STAMP): pyproject.toml bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_PY) -m pip install -q --disable-pip-version-check -U pip
	$(BENCH_PY) -m pip install -q --disable-pip-version-check -e . -r bench/requirements.txt
	@touch $(BENCH_STAMP)

## bench: the load, build (learnscape, by hand, sphinx-needs) and map benchmarks;
## BENCHOPTS="--forms 200 --runs 5" for the build bench's small case
bench: $(BENCH_STAMP)
	$(BENCH_PY) bench/load_bench.py
	$(BENCH_PY) bench/build_bench.py $(BENCHOPTS)
	$(BENCH_PY) bench/map_bench.py

clean:
	rm -rf examples/_build docs/_build build *.egg-info .pytest_cache .mypy_cache .ruff_cache
