# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/python manage.py migrate -v0
	$(BIN)/python manage.py load_seeds
	$(BIN)/python manage.py demo_users
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	. ./scripts/services.sh && $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

# Issue 13's honest benchmarks: each prints its goal beside its figure and a VERDICT line per bar.
# ui_speed runs on its own database (test_tracker_bench), never on one another run is using.
BENCH_DB := postgres://postgres@127.0.0.1:5432/tracker_bench
bench: $(STAMP)
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/pathological.py
	$(BIN)/python bench/assess_speed.py
	$(BIN)/python bench/limits_speed.py
	createdb -h 127.0.0.1 -U postgres tracker_bench 2>/dev/null || true
	. ./scripts/services.sh && DATABASE_URL=$(BENCH_DB) $(BIN)/python bench/ui_speed.py
	. ./scripts/services.sh && $(BIN)/python bench/mail_speed.py && $(BIN)/python bench/reparse_speed.py

# The engine on real reports: document fields, silent failures and judged pairs (the shared gold
# for four provinces, the project's own gold in tests/corpus/gold for more).
corpus: $(STAMP)
	$(BIN)/python ../shared/tools/corpus_check.py --docs ../shared/corpus/provinces --gold ../shared/gold/assess
	$(BIN)/python ../shared/tools/corpus_check.py --docs ../shared/corpus/provinces --gold tests/corpus/gold --quiet

.PHONY: setup demo test lint bench corpus
