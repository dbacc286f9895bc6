# One entry point: `make run` serves the demo site, `make test` runs every check.
PYTHON ?= python3
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
VENV := .venv
PY := $(VENV)/bin/python
DEV := DJANGO_DEBUG=1
CHROMIUM := /usr/bin/chromium

.PHONY: install browser run test lint format migrations-check bench clean

$(VENV)/.installed: pyproject.toml uv.lock
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv==$(UV_VERSION)"
	$(PYTHON) -m uv sync --locked --quiet
	@touch $@

install: $(VENV)/.installed

# Browser tests drive Debian's Chromium; playwright's own browser download does not work here.
browser:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

run: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_demo
	$(DEV) $(PY) manage.py load_demo_comments
	$(DEV) $(PY) manage.py load_demo_ratings
	$(DEV) $(PY) manage.py ensure_dev_admin
	@# The task worker (comment mail) runs beside the server; Ctrl-C stops both.
	@trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(PY) manage.py db_worker & WORKER=$$!; \
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py makemigrations --check --dry-run

test: install browser lint migrations-check
	$(VENV)/bin/pytest

clean:
	rm -rf $(VENV) media staticfiles db.sqlite3 test-artifacts

# The bench drives Debian's wrk and puts Debian's nginx in front (deploy/nginx.conf).
bench: install
	@test -x /usr/bin/wrk -a -x /usr/sbin/nginx || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null)
	$(DEV) $(PY) manage.py bench $(BENCH_ARGS)
