# Two commands: `make run` and `make test`. Everything else is a helper they call.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test bench soak install install-dev node-modules migrate demo static messages lint format check serve clean

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): requirements.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@ $(STAMP)

install: $(STAMP)
install-dev: $(DEV_STAMP)

migrate: install
	$(MANAGE) migrate --noinput

# Loads the demo only into an empty database (no departments yet), so `make run` never overwrites edits.
demo: migrate
	@if $(MANAGE) shell --no-imports -c "from sections.models import Department; import sys; sys.exit(0 if Department.objects.exists() else 1)" 2>/dev/null; then \
		echo "Database already has content; skipping demo data (run '$(MANAGE) load_demo' to refresh it)."; \
	else PORTAL_ALLOW_DEMO_PASSWORD=true $(MANAGE) load_demo; fi

static: install
	$(MANAGE) collectstatic --noinput --verbosity 0

# Compiled catalogues (.mo) are committed; recompile only where GNU gettext is installed.
messages: install
	@if command -v msgfmt >/dev/null 2>&1; then $(MANAGE) compilemessages --ignore=$(VENV) --verbosity 0; \
	else echo "msgfmt not found: using the committed .mo files"; fi

run: demo static messages
	@echo ""
	@echo "  Portal:  http://$(HOST):$(PORT)/   (Vietnamese /vi/, English /en/)"
	@echo "  Admin:   http://$(HOST):$(PORT)/admin/"
	@echo "  Demo logins (password: demo): admin, bbt-editor, vp-editor, qldt-editor, qhxd-editor,"
	@echo "           tnmt-editor, qldn-editor, khth-editor, dtptht-editor, dangdoan-editor"
	@echo ""
	PORTAL_ALLOW_DEMO_PASSWORD=true DJANGO_SETTINGS_MODULE=portal.settings.dev $(VENV)/bin/gunicorn -c portal/gunicorn.conf.py \
		--bind $(HOST):$(PORT) portal.wsgi:application

# Test-only JavaScript (axe-core for the accessibility tests), pinned in package-lock.json. Without node
# the accessibility tests skip and say why; nothing else needs it.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
node-modules:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory node_modules/.package-lock.json; \
	else echo "npm not found: the accessibility tests (axe-core) will be skipped"; fi

# Browser tests write a screenshot of every journey step (kept by CI) to BROWSER_ARTIFACTS_DIR.
BROWSER_ARTIFACTS_DIR ?= var/screenshots
export BROWSER_ARTIFACTS_DIR

# Both cores: pytest-xdist keeps each test class/module on one worker (its demo data is built once).
# Transactional tests (live server, browser) empty the tables when they end, so they run afterwards,
# in one process. Both parts always run; the target fails if either failed.
TEST_WORKERS ?= auto
test: install-dev messages node-modules
	@status=0; \
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadscope -m "not transactional" || status=1; \
	$(VENV)/bin/pytest -m transactional || status=1; \
	echo "Browser journey screenshots: $(abspath $(BROWSER_ARTIFACTS_DIR))/<journey>/NN-step.png"; \
	exit $$status

# Benchmarks with gunicorn and the production settings; writes docs/performance.md.
# BENCH=pages|search|visits|investment runs one part (default all); see bench/run.py for BENCH_* knobs.
BENCH ?= all
bench: install-dev
	$(PY) -m bench.run $(BENCH)

# Soak test: wrk drives gunicorn (production settings) with a realistic mix for DURATION seconds (default 600).
# SOAK_DATABASE_URL=postgres://… for PostgreSQL (default: a SQLite file under var/bench/); see bench/soak.py.
soak: install-dev
	$(PY) -m bench.soak

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install-dev
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var .pytest_cache
