# The reintegration services marketplace. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/marketplace
# Parallel test workers (pytest-xdist); TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2
STAMP := $(VENV)/.installed
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run migrate demo test test-sqlite test-postgres test-browser lint format check check-deploy bench messages clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-15s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv, install the project and compile the translations
	$(PY) manage.py compilemessages --ignore=.venv -v0

migrate: install ## Apply database migrations (SQLite unless DATABASE_URL is set)
	$(PY) manage.py migrate --noinput -v0

demo: migrate ## Load the demo data (safe to run twice)
	$(PY) manage.py seed_demo

run: demo ## Set everything up and serve the site at http://127.0.0.1:$(PORT)/ (PORT=8001 make run)
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install ## Run the whole test suite on SQLite, then on PostgreSQL
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: install ## Run the test suite on SQLite
	DATABASE_URL= $(PY) -m pytest -q -n $(TEST_WORKERS)

test-postgres: install ## Run the test suite on PostgreSQL (PG_URL, default 127.0.0.1:5432)
	@if $(PY) scripts/pg_ready.py "$(PG_URL)"; then \
		DATABASE_URL="$(PG_URL)" $(PY) -m pytest -q -n $(TEST_WORKERS); \
	elif [ -n "$$REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL is not reachable at $(PG_URL)"; exit 1; \
	else \
		echo "PostgreSQL is not reachable at $(PG_URL): skipped the PostgreSQL run"; \
	fi

lint: install ## ruff, import-linter contracts, mypy on services and selectors, bandit
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy $$(ls portal/*/services.py portal/*/selectors.py */services.py */selectors.py 2>/dev/null)
	$(VENV)/bin/bandit -q -c pyproject.toml -r portal cms services_catalog volunteers employment casework matching procurement reports

format: install ## Format and auto-fix the code
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check-deploy: install ## Django's deployment checks on the production settings
	DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=$$($(PY) -c "import secrets; print(secrets.token_urlsafe(64))") \
		FIELD_ENCRYPTION_KEY=ci-check-key ALLOWED_HOSTS=marketplace.example.cn \
		$(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

check: lint check-deploy ## Everything CI checks besides the tests

bench: install ## Benchmarks: matching at provincial scale and beyond, pages under load (bench/RESULTS.md)
	@command -v wrk >/dev/null || apt-get install -y -q wrk || echo "bench: apt-get install wrk for the page series"
	$(PY) -m bench

messages: install ## Update the translation catalogs of every app
	$(PY) scripts/messages.py

clean: ## Remove the virtualenv, the SQLite database and caches
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache .mypy_cache
