# The two commands of the README: `make site` and `make test`, from a fresh clone.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: site test render validate lint goldens bench clean messages

site: $(VENV)/.installed
	$(BIN)/playbook build

test: $(VENV)/.installed-test
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

render validate: $(VENV)/.installed
	$(BIN)/playbook $@

lint: $(VENV)/.installed-test
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# Refresh the golden Markdown after a deliberate change; review the diff like code.
goldens: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests/test_goldens.py --update-goldens

# Extract the wording of the templates and the code into generator/locale/playbook.pot and
# merge it into each language's catalog; then translate the new or changed entries.
LANGUAGES := de fr es
messages: $(VENV)/.installed-test
	$(BIN)/pybabel --quiet extract -F generator/locale/babel.cfg -k N_ -k Nn_:1,2 -k NC_:1c,2 --no-location \
		--omit-header --sort-output -o generator/locale/playbook.pot .
	for lang in $(LANGUAGES); do \
		$(BIN)/pybabel --quiet update --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date -D playbook -l $$lang \
			-i generator/locale/playbook.pot -d generator/locale || exit 1; \
	done

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml tests/js/package-lock.json $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# ical.js, the calendar parser of Thunderbird and Nextcloud, for tests/test_calendars_icaljs.py
	# (from the npm registry; without Node the test skips, or fails under CI=true).
	if command -v npm >/dev/null; then cd tests/js && npm ci --silent --no-audit --no-fund; fi
	touch $@

clean:
	rm -rf site generated .site.building .site.old .generated.* .playbook.lock .playbook.lock.json
