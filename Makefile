# Kizuna: `make demo` runs the platform with demo data on SQLite; `make test` runs the suite.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
KIZUNA := $(VENV)/bin/kizuna
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: venv system-deps messages demo serve test test-postgres bench eval lint clean

$(VENV)/.installed: requirements/base.txt requirements/dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements/base.txt -r requirements/dev.txt
	$(PIP) install -q --no-deps -e .
	touch $@

venv: $(VENV)/.installed

system-deps:
	bash scripts/system-deps.sh

messages: venv
	$(PY) -m kizuna.site.compile_messages

demo: venv system-deps messages
	mkdir -p var
	$(KIZUNA) migrate --noinput
	$(KIZUNA) demo
	$(KIZUNA) collectstatic --noinput -v 0
	bash scripts/serve.sh $(HOST) $(PORT)

serve: venv messages
	bash scripts/serve.sh $(HOST) $(PORT)

test: venv system-deps messages
	$(PY) -m pytest -q -n 2 --dist loadgroup

test-postgres: venv system-deps messages
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/kizuna} $(PY) -m pytest -q -n 2 --dist loadgroup

bench: venv messages
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

eval: venv
	$(PY) benchmarks/eval_quality.py

lint: venv
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) var
