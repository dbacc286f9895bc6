# One entry point: `make run` serves the demo site, `make test` runs every check.
PYTHON ?= python3
UV_VERSION := 0.13.9
export UV_PYTHON_DOWNLOADS := never
VENV := .venv
PY := $(VENV)/bin/python
DEV := DJANGO_DEBUG=1
CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx
# Debian packages, installed only when what needs them is missing.
apt_install = (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null)

.PHONY: install browser servers run test lint format migrations-check bench bench-load bench-import bench-mail clean

$(VENV)/.installed: pyproject.toml uv.lock
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv==$(UV_VERSION)"
	$(PYTHON) -m uv sync --locked --quiet
	@touch $@

install: $(VENV)/.installed

# Browser tests drive Debian's Chromium; playwright's own browser download does not work here.
browser:
	@test -x $(CHROMIUM) || $(call apt_install,chromium)

# The tests run the shipped nginx configuration (deploy/nginx.conf) and start Redis and
# PostgreSQL servers of their own to stop them mid-test (tests/servers.py).
servers:
	@test -x $(NGINX) || $(call apt_install,nginx-light)
	@test -x /usr/bin/redis-server || $(call apt_install,redis-server)
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || $(call apt_install,postgresql)

run: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_demo
	$(DEV) $(PY) manage.py load_demo_comments
	$(DEV) $(PY) manage.py load_demo_ratings
	$(DEV) $(PY) manage.py ensure_dev_admin
	@# The task worker (comment mail) runs beside the server; Ctrl-C stops both.
	@trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(PY) manage.py run_worker & WORKER=$$!; \
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@# The apps' layers (pyproject.toml, docs/architecture.md): no import points upwards.
	$(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py makemigrations --check --dry-run

test: install browser servers lint migrations-check
	$(VENV)/bin/pytest

clean:
	rm -rf $(VENV) media staticfiles db.sqlite3 test-artifacts

# The bench drives Debian's wrk and puts Debian's nginx in front (deploy/nginx.conf).
bench: install
	@test -x /usr/bin/wrk -a -x $(NGINX) || $(call apt_install,wrk nginx-light)
	$(DEV) $(PY) manage.py bench $(BENCH_ARGS)

# A made-up WordPress export (10,000 posts, 10,000 images, 50,000 comments) imported into an
# empty database of its own: prints the report with the time and peak memory. For PostgreSQL:
# BENCH_IMPORT_DB=postgres://postgres@127.0.0.1:5432/episodic_bench_import (an empty database).
# The import runs as in production, DEBUG off: DEBUG keeps a log of every query.
BENCH_IMPORT_DIR := bench-data/import
BENCH_IMPORT_DB ?= sqlite:///$(CURDIR)/$(BENCH_IMPORT_DIR)/db.sqlite3
BENCH_IMPORT_POSTS ?= 10000
bench-import: install
	rm -rf $(BENCH_IMPORT_DIR) && mkdir -p $(BENCH_IMPORT_DIR)
	$(DEV) $(PY) manage.py make_wordpress_export $(BENCH_IMPORT_DIR)/export.xml \
		--posts $(BENCH_IMPORT_POSTS) --comments-per-post 5 --uploads $(BENCH_IMPORT_DIR)/uploads
	$(DEV) DATABASE_URL=$(BENCH_IMPORT_DB) $(PY) manage.py migrate --noinput -v 0
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
		DATABASE_URL=$(BENCH_IMPORT_DB) DJANGO_MEDIA_ROOT=$(CURDIR)/$(BENCH_IMPORT_DIR)/media \
		$(PY) manage.py import_wordpress $(BENCH_IMPORT_DIR)/export.xml \
		--uploads $(BENCH_IMPORT_DIR)/uploads

# The episode-drop night with faults: locust drives 200 readers (5 % commenting) and an editor
# against PostgreSQL + Redis + gunicorn behind deploy/nginx.conf, all of the bench's own on free
# ports; Redis is killed mid-run, then PostgreSQL restarted in a second run (about 10 minutes).
# A quick look: make bench-load BENCH_LOAD_ARGS="--duration 30 --readers 40 --outage 8"
bench-load: install servers
	$(DEV) $(PY) manage.py bench_load $(BENCH_LOAD_ARGS)

# Follower mail: 10,000 and 100,000 confirmed followers of one show, one recap goes live; time to
# the last mail at a local SMTP server, mails/s, the worker's peak memory and the reader pages'
# req/s meanwhile (README, "Following shows by e-mail"). For PostgreSQL:
# BENCH_MAIL_ARGS="--database-url postgres://postgres@127.0.0.1:5432/episodic_bench_mail".
bench-mail: install
	@test -x /usr/bin/wrk || $(call apt_install,wrk)
	$(DEV) $(PY) manage.py bench_mail $(BENCH_MAIL_ARGS)
