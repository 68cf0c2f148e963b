# Two commands matter: `make run` and `make test`. Both set everything up from a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=

.PHONY: run serve test install system-check messages makemessages migrate seed lint clean bench

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required (found %d.%d): set PYTHON=/path/to/python3.11" % sys.version_info[:2])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

# System packages the project needs but pip cannot install (README: "System packages").
system-check:
	@command -v msgfmt >/dev/null 2>&1 || { echo "Missing system package: gettext (msgfmt). Install it with: sudo apt-get install gettext"; exit 1; }
	@fc-list 2>/dev/null | grep -q "Liberation Serif" || { echo "Missing system package: fonts-liberation2 (Times-metric fonts with Vietnamese, for PDF documents). Install it with: sudo apt-get install fonts-liberation2"; exit 1; }

messages: install system-check
	@$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

makemessages: install
	$(PY) manage.py makemessages -l vi -l en --ignore=.venv --ignore=tests --no-location

migrate: messages
	$(PY) manage.py migrate --no-input -v0

seed: migrate
	$(PY) manage.py seed_demo --print-logins

# Links in e-mails follow the port served (SITE_URL, unless set): `make run PORT=8101`.
SITE_URL ?= http://$(HOST):$(PORT)

run: seed
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop); links in e-mails start with $(SITE_URL)"
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

# The production stack (Procfile): gunicorn with WORKERS sync workers, a Celery worker and beat on Redis, against
# DATABASE_URL, with the production settings; SECRET_KEY and DATABASE_URL must be set (README "Production stack").
WORKERS ?= 2
CELERY_BROKER_URL ?= redis://127.0.0.1:6379/0
DJANGO_SETTINGS_MODULE ?= config.settings.production

serve: messages
	@test -n "$$DATABASE_URL" || { echo "DATABASE_URL is not set: e.g. postgres://thidua@127.0.0.1:5432/thidua"; exit 1; }
	DJANGO_SETTINGS_MODULE=$(DJANGO_SETTINGS_MODULE) $(PY) manage.py migrate --no-input -v0
	DJANGO_SETTINGS_MODULE=$(DJANGO_SETTINGS_MODULE) $(PY) manage.py collectstatic --no-input -v0
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH DJANGO_SETTINGS_MODULE=$(DJANGO_SETTINGS_MODULE) \
	  CELERY_BROKER_URL=$(CELERY_BROKER_URL) WEB_CONCURRENCY=$(WORKERS) HOST=$(HOST) PORT=$(PORT) \
	  $(VENV)/bin/honcho start -f Procfile

test: messages
	$(PY) manage.py makemigrations --check --dry-run -v0 || { echo "Models and migrations disagree: run makemigrations."; exit 1; }
	$(PY) manage.py check --fail-level WARNING
	@# Production settings must pass Django's deployment checks; dummy secrets stand in for the real ones.
	@# So must a production signing set-up: the signing service and a CA bundle stand in for the province's.
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=ci-only-$$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n') \
	  ALLOWED_HOSTS=thidua.example DOCUMENT_SIGNING_BACKEND=remote DOCUMENT_SIGNING_REMOTE_URL=https://ky-so.thidua.example \
	  DOCUMENT_SIGNING_TRUST_ROOTS=$$($(PY) -c 'import certifi; print(certifi.where())') \
	  $(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/ruff check .
	$(VENV)/bin/bandit -q -r accounts workflow nominations config -x "*/migrations/*"
	@# --dist loadgroup: the tests of one xdist_group (sharing a module's simulated year) run on one worker.
	$(PY) -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

bench: migrate
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
