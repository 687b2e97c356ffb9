# Zorgraad — the two commands: `make run` and `make test`.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON_PREFERENCE := only-system
PY_SCRIPTS := $(shell python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null)
export PATH := $(PY_SCRIPTS):$(HOME)/.local/bin:$(PATH)
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in mails point at the address actually served.
ZORGRAAD_BASE_URL ?= http://$(HOST):$(PORT)
export ZORGRAAD_BASE_URL

.PHONY: run test install system-run system-test lint typecheck migrations-check test-sqlite test-postgres test-e2e messages worker clean

install:
	@command -v uv >/dev/null || python3 -m pip install --quiet uv 2>/dev/null \
	  || python3 -m pip install --quiet --user uv 2>/dev/null \
	  || python3 -m pip install --quiet --user --break-system-packages uv
	uv sync --locked

# System packages (Debian): installed when missing, or a stop with the one command that installs them.
system-run:
	@bash bin/system-packages run

system-test:
	@bash bin/system-packages test

## run: install, migrate a SQLite database under var/, load what is missing of the demo, serve the
## web app on http://$(HOST):$(PORT) and the task worker (mail) together
run: system-run install
	mkdir -p var
	uv run python manage.py migrate --noinput
	uv run python manage.py load_demo
	bash bin/serve-demo $(HOST) $(PORT)

## worker: run the background task worker (mail, confirmation rounds)
worker: install
	uv run python manage.py db_worker

## test: everything CI runs
test: system-test install lint typecheck migrations-check test-sqlite test-postgres

lint:
	uv run ruff check .
	uv run ruff format --check .

typecheck:
	uv run mypy zorgraad config

migrations-check:
	DJANGO_SETTINGS_MODULE=config.settings.test uv run python manage.py makemigrations --check --dry-run
	uv lock --check

# Both legs run the unit and integration tests on every core (pytest-xdist; each worker has its
# own test database); the browser tests run after them in one process, on SQLite. The PostgreSQL leg
# runs against a real, private Redis too (bin/with-redis: cache, sessions and rate limits through
# Django's RedisCache; each test process has keys of its own, config/settings/test.py).
test-sqlite:
	mkdir -p var/screenshots
	uv run pytest -q -m "not e2e" -n auto
	uv run pytest -q -m e2e

test-postgres:
	bash bin/with-postgres bash bin/with-redis uv run pytest -q -m "not e2e" -n auto

messages:
	cd zorgraad && uv run django-admin makemessages -l en --no-obsolete && uv run django-admin compilemessages

clean:
	rm -rf var/*.sqlite3* var/screenshots
