# Ketenkaart: the two commands a newcomer needs are `make run` and `make test`.
# Both only need Python 3.11+ and make; everything else is installed into .venv.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

export DJANGO_SETTINGS_MODULE ?= cms.settings.base

.PHONY: run test setup install migrate seed admin serve lint format check e2e-deps bench clean vendor-assets

# Set everything up and serve the site with the real seed content on SQLite.
run: setup
	DEBUG=$${DEBUG:-true} $(PY) manage.py runserver $(HOST):$(PORT)

# Run the whole test suite (browser tests too when Chromium is installed).
test: install
	$(BIN)/pytest $(PYTEST_ARGS)

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	# The example directory plugin is its own distribution (tests prove entry-point discovery);
	# a failed install must stop the build, not surface later as a confusing test failure.
	$(PY) -m pip install --quiet -e tests/plugins/example_plugin
	touch $(STAMP)

install: $(STAMP)

setup: install
	DEBUG=$${DEBUG:-true} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-true} $(PY) manage.py load_seed_content
	DEBUG=$${DEBUG:-true} $(PY) manage.py ensure_admin

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	DEBUG=true $(PY) manage.py check
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

# Re-vendor front-end libraries from npm (the built files are committed; only needed to upgrade).
vendor-assets:
	cd directory/frontend && npm ci --no-audit --no-fund && sh ./vendor-leaflet.sh

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
