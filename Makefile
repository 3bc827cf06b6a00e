# Ketenkaart: the two commands a newcomer needs are `make run` and `make test`.
# Both only need Python 3.11+ and make; everything else is installed into .venv.
# `make help` lists every target; README.md ("Commands") explains them.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed
# The test suite always runs on its own settings (fast hasher, locmem cache, immediate tasks),
# whatever DJANGO_SETTINGS_MODULE the shell has; manage.py defaults to cms.settings.base.
TEST_SETTINGS ?= cms.settings.test
PYTEST_ARGS ?=
PG_URL ?= postgres://postgres@127.0.0.1:5432/ketenkaart
DEMO_ORGANISATIONS ?= 1000
I18N_IGNORE := --ignore '.venv*' --ignore node_modules --ignore staticfiles --ignore media \
	--ignore tmp
# Local development runs with DEBUG on unless the caller says otherwise.
DEV := DEBUG=$${DEBUG:-true}

.DEFAULT_GOAL := help
.PHONY: help run test test-fast test-e2e test-pg setup install migrate seed admin serve \
	demo lint format check check-deploy messages compilemessages spectral bench ci clean vendor-assets

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  make %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: setup ## Set up (venv, install, migrate, seed content, admin) and serve http://127.0.0.1:8000
	@echo "Ketenkaart draait op http://$(HOST):$(PORT)/ (beheer: http://$(HOST):$(PORT)/admin/)"
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

test: install ## Run the whole test suite (browser tests too when Chromium is installed)
	$(BIN)/pytest --ds=$(TEST_SETTINGS) $(PYTEST_ARGS)

test-fast: install ## The suite without the browser tests
	$(BIN)/pytest --ds=$(TEST_SETTINGS) -m "not e2e" $(PYTEST_ARGS)

test-e2e: install ## Only the browser tests (Playwright + Debian's Chromium, axe-core)
	$(BIN)/pytest --ds=$(TEST_SETTINGS) tests/e2e $(PYTEST_ARGS)

test-pg: install ## The whole suite on PostgreSQL (PG_URL, default: local server, trust auth)
	DATABASE_URL=$(PG_URL) $(BIN)/pytest --ds=$(TEST_SETTINGS) $(PYTEST_ARGS)

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Ketenkaart heeft Python 3.11 of nieuwer nodig (gevonden: " + sys.version.split()[0] + "); kies een andere met: make PYTHON=python3.12")'
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "Kon geen virtualenv maken: installeer de venv-module (Debian/Ubuntu: apt-get install python3-venv)"; exit 1; }

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@if [ -d tests/plugins/example_plugin ]; then \
		$(PY) -m pip install --quiet -e tests/plugins/example_plugin; fi
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its test tools (once; again when pyproject.toml changes)

migrate: install ## Apply the database migrations
	$(DEV) $(PY) manage.py migrate --no-input

seed: migrate ## Load the real seed content (idempotent)
	$(DEV) $(PY) manage.py load_seed_content

admin: migrate ## Create the local admin account once (password printed once, or KETENKAART_ADMIN_PASSWORD)
	$(DEV) $(PY) manage.py ensure_admin

setup: seed admin ## Everything `make run` does before serving

serve: ## Serve without setting up again (DEBUG on)
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

demo: seed ## Add DEMO_ORGANISATIONS clearly fictional organisations (default 1000)
	$(DEV) $(PY) manage.py generate_demo_organisations --count $(DEMO_ORGANISATIONS)

lint: install ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Format and fix what ruff can fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install ## Django's system checks and the missing-migrations check
	$(DEV) $(PY) manage.py check
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

check-deploy: install ## `manage.py check --deploy` under production-like settings
	DEBUG=false SECRET_KEY=$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')} \
		ALLOWED_HOSTS=$${ALLOWED_HOSTS:-ketenkaart.example.org} \
		$(PY) manage.py check --deploy --fail-level WARNING

messages: install ## Update locale/*/LC_MESSAGES/django.po from the code and templates (needs gettext)
	$(DEV) $(PY) manage.py makemessages --locale nl --locale en --no-obsolete $(I18N_IGNORE)
	$(PY) locale/fill_identity.py
	@echo "Vertaal nu de nieuwe en vage (fuzzy) regels in locale/en/LC_MESSAGES/django.po, dan: make compilemessages"
	$(MAKE) compilemessages

compilemessages: install ## Compile the .po catalogues to the .mo files that are committed (needs gettext)
	$(DEV) $(PY) manage.py compilemessages --locale nl --locale en $(I18N_IGNORE)

spectral: ## Install the Spectral CLI from npm into node_modules/ (for the NL API Design Rules test)
	npm install --no-save --no-audit --no-fund --loglevel=error @stoplight/spectral-cli@6

bench: install ## Run every benchmark script in tests/benchmarks/ (see README for their options)
	@set -e; found=0; for script in tests/benchmarks/bench_*.py; do \
		[ -f "$$script" ] || continue; found=1; echo "== $$script"; $(PY) "$$script"; done; \
	[ $$found = 1 ] || echo "Geen benchmarkscripts gevonden in tests/benchmarks/."

ci: ## What CI runs: install from scratch, checks, lint, tests on SQLite and PostgreSQL
	bash .ci/run

clean: ## Remove .venv, node_modules, the SQLite database and collected static files
	rm -rf $(VENV) db.sqlite3 staticfiles node_modules

vendor-assets: ## Re-vendor front-end libraries from npm (built files are committed; only to upgrade)
	cd directory/frontend && npm ci --no-audit --no-fund && sh ./vendor-leaflet.sh
