# congvu — the two commands a newcomer needs:
#   make run    set up, build the demo province into an empty SQLite database, serve on :8000
#   make test   set up, then run the whole suite on SQLite and again on PostgreSQL
# Everything is installed into .venv; nothing outside the project folder is changed, except that
# `make test` installs Debian's chromium (for the browser tests) when it is missing and it can.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test test-sqlite test-postgres test-ops lint bench loadtest browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/congvu serve --demo

# The two engines' runs go side by side (one core each; they share nothing: SQLite's databases are in
# memory, PostgreSQL's test database and the ops tests' own clusters are their own), each one's output
# printed whole when it ends: on a slow machine the two one after the other came near CI's time limit.
test: $(STAMP) browser lint
	@echo "== the suite on SQLite and on PostgreSQL at once; each prints its results when it ends"
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

lint: $(STAMP)
	$(BIN)/ruff check congvu
	$(BIN)/lint-imports

test-sqlite: $(STAMP)
	@echo "== suite on SQLite"
	env -u DATABASE_URL $(BIN)/pytest

# PostgreSQL is production's database: the suite runs again on it. Missing PostgreSQL is a failure
# under CI=true and a loud warning elsewhere (a newcomer's laptop may not have it).
test-postgres: $(STAMP)
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== suite on PostgreSQL ($(PG_URL))"; \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest; \
	elif [ "$$CI" = "true" ]; then \
		echo "FAILED: PostgreSQL is not reachable at $(PG_URL)"; exit 1; \
	else \
		echo "!! PostgreSQL not reachable at $(PG_URL): the PostgreSQL pass was NOT run (set PG_URL)"; \
	fi

# The ops tests alone, on SQLite then PostgreSQL (`make test` runs them too): real servers and sweepers
# killed mid-transaction, a full disk (a tmpfs: needs root), PostgreSQL restarted and replicated on servers
# of their own (ports 5442-5449, /usr/lib/postgresql/*/bin), two servers on one database, backup and restore.
test-ops: $(STAMP)
	env -u DATABASE_URL $(BIN)/pytest congvu/ops/tests
	DATABASE_URL=$(PG_URL) $(BIN)/pytest congvu/ops/tests

# The browser tests drive Debian's chromium, the notices' PDFs are made by LibreOffice Writer, and the .xlsx
# exports are opened by LibreOffice Calc in a test; install them when missing and we are allowed to.
CALC := /usr/lib/libreoffice/share/config/soffice.cfg/modules/scalc
browser:
	@if { [ ! -x /usr/bin/chromium ] || ! command -v soffice >/dev/null || [ ! -d $(CALC) ]; } \
		&& [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "== installing Debian's chromium and LibreOffice (Writer and Calc, no GUI) for the tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			chromium libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2 >/dev/null; \
	fi

bench: $(STAMP)
	$(BIN)/congvu bench --items 2000

# Locust against `congvu serve` on PostgreSQL (a database of its own, dropped and created again:
# LOADTEST_DATABASE_URL, default congvu_load on PG_URL's server), loopback only, bounded in users and time.
LOADTEST_DATABASE_URL ?= $(patsubst %/test,%/congvu_load,$(PG_URL))
loadtest: $(STAMP)
	$(BIN)/pip install --quiet -e '.[load]'
	LOADTEST_DATABASE_URL=$(LOADTEST_DATABASE_URL) $(BIN)/python -m congvu.ops.loadtest.run

clean:
	rm -rf $(VENV) var *.egg-info
