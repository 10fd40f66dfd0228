# The real commands behind the README's quick start. Every target sets up what it needs.
PYTHON_SYSTEM ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
LIVE_PORT ?= 8001
PG_URL := postgres://app:app@127.0.0.1:5432/app

.PHONY: run test test-sqlite test-postgres lint bench setup system-deps messages clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON_SYSTEM) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Debian packages: gettext (translations), PostgreSQL and Chromium (tests).
system-deps:
	bash scripts/system-deps.sh

messages: $(BIN)/.installed
	@command -v msgfmt >/dev/null || bash scripts/system-deps.sh gettext
	$(PY) manage.py compilemessages --ignore=.venv --verbosity 0

setup: $(BIN)/.installed messages

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --base-url http://$(HOST):$(PORT)
	@echo ""
	@echo "Serving on http://$(HOST):$(PORT)/  (boards' live feed on port $(LIVE_PORT); Ctrl+C stops)"
	@echo "  portal  http://$(HOST):$(PORT)/          back office  http://$(HOST):$(PORT)/admin/"
	@echo "  board   http://$(HOST):$(PORT)/kapuas/papan/    counter console  http://$(HOST):$(PORT)/konsol/"
	@echo "  kiosk   log in as frontdesk, open http://$(HOST):$(PORT)/kapuas/meja-depan/ and make the screen a kiosk"
	$(PY) scripts/serve.py --host $(HOST) --port $(PORT) --live-port $(LIVE_PORT)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run --verbosity 0

test-sqlite: setup
	$(BIN)/pytest

test-postgres: setup
	@started=$$(bash scripts/postgres.sh start) || exit 1; \
	DATABASE_URL=$(PG_URL) $(BIN)/pytest; status=$$?; \
	[ "$$started" = "started" ] && bash scripts/postgres.sh stop; exit $$status

# The whole suite, browser tests included, on SQLite and then on PostgreSQL.
test: system-deps setup lint test-sqlite test-postgres

bench: setup
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) var/test.sqlite3 .pytest_cache .ruff_cache
