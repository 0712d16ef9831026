# One task runner for everything. Each target creates .venv and installs into it when needed.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
PORT ?= 8000
# pytest-xdist workers, one per core by default (each has a test database of its own)
TEST_WORKERS ?= auto

.PHONY: demo test lint browser assets test-sqlite test-postgres serve bench messages clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

## demo: migrate, load frame, questionnaire and the synthetic demo waves, build the report, serve on 127.0.0.1:$(PORT)
demo: $(STAMP) assets
	$(BIN)/aimonitor demo --port $(PORT)

## test: lint, then the whole suite on SQLite and again on PostgreSQL
test: lint browser assets test-sqlite test-postgres

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

## browser: headless Chromium (Debian package) for the browser tests, pdftoppm for report checks
## and GNU PSPP, which must open every exported .sav without a warning
browser:
	@command -v chromium >/dev/null && command -v pdftoppm >/dev/null && command -v pspp >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing chromium, poppler-utils and pspp (Debian packages)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils pspp >/dev/null; \
	  else \
	    echo "the tests need Chromium, pdftoppm and PSPP: sudo apt-get install chromium poppler-utils pspp" >&2; exit 1; \
	  fi; }

## assets: the survey's front-end packages from the npm registry (package-lock.json), copied
## into the static files: NL Design System CSS, example tokens, htmx, the Source Sans 3 font
VENDOR := src/aimonitor/web/survey/static/survey/vendor
NPM_STAMP := node_modules/.installed
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NPM_STAMP)

assets: $(VENDOR)/.copied
$(VENDOR)/.copied: $(NPM_STAMP)
	mkdir -p $(VENDOR)/fonts
	cp node_modules/@utrecht/component-library-css/dist/index.css $(VENDOR)/utrecht.css
	cp node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css $(VENDOR)/voorbeeld-theme.css
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	cp node_modules/@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff2 \
	   node_modules/@fontsource/source-sans-3/files/source-sans-3-latin-600-normal.woff2 \
	   node_modules/@fontsource/source-sans-3/files/source-sans-3-latin-700-normal.woff2 $(VENDOR)/fonts/
	@touch $@

test-sqlite: $(STAMP)
	@echo "== test suite on SQLite =="
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(BIN)/pytest -q -p no:cacheprovider -n $(TEST_WORKERS)

test-postgres: $(STAMP)
	@echo "== test suite on PostgreSQL ($(POSTGRES_URL)) =="
	@$(BIN)/python -m aimonitor.web.cli.dbcheck "$(POSTGRES_URL)"
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -q -p no:cacheprovider -n $(TEST_WORKERS) --create-db

serve: $(STAMP)
	$(BIN)/aimonitor serve --port $(PORT)

## bench: the recorded benchmarks (results in bench/RESULTS.md)
bench: $(STAMP)
	sh bench/stats/run.sh
	sh bench/report/run.sh

messages: $(STAMP)
	$(BIN)/pybabel compile -d src/aimonitor/locale -D aimonitor

## clean: remove the venv, caches, the test database and built reports (never var/aimonitor.sqlite3)
clean:
	rm -rf $(VENV) node_modules $(VENDOR) .mypy_cache .ruff_cache var/test.sqlite3 var/reports
