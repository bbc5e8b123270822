# The two commands of the README: `make site` and `make test`, from a fresh clone.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: site test render validate lint goldens bench clean

site: $(VENV)/.installed
	$(BIN)/playbook build

test: $(VENV)/.installed-test
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

render validate: $(VENV)/.installed
	$(BIN)/playbook $@

lint: $(VENV)/.installed-test
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

# Refresh the golden Markdown after a deliberate change; review the diff like code.
goldens: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests/test_goldens.py --update-goldens

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf site generated .site.building .site.old .generated.* .playbook.lock .playbook.lock.json
