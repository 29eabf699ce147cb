# Hechtingswijzer: `make run` serves the app with demo data, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The two commands are for a developer's machine: debug mode, SQLite unless DATABASE_URL says otherwise.
RUN_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-1}

.PHONY: run test setup oidc-provider check-system lint format lock messages clean frontend audit bench loadtest volume openzaak integration api-conformance

run: setup
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input
	$(RUN_ENV) $(BIN)/python manage.py catalogue_install
	$(RUN_ENV) $(BIN)/python manage.py demo_setup
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: setup oidc-provider
	@test -x $${HECHTINGSWIJZER_CHROMIUM:-/usr/bin/chromium} || \
		echo "Let op: geen Chromium gevonden; de end-to-end- en toegankelijkheidstests worden overgeslagen (apt-get install chromium)."
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: $(STAMP) check-system

# The OpenID provider of the organisation-login tests (tests/oidc_provider, npm; Node 20). Without
# Node those tests are skipped, and this says so in one line.
OIDC_PROVIDER := tests/oidc_provider
oidc-provider:
	@if ! command -v node >/dev/null; then \
		echo "Let op: geen Node.js gevonden; de tests van het inloggen met het organisatie-account worden overgeslagen."; \
	elif [ ! -f $(OIDC_PROVIDER)/node_modules/.installed ] || \
		[ $(OIDC_PROVIDER)/package-lock.json -nt $(OIDC_PROVIDER)/node_modules/.installed ]; then \
		npm ci --prefix $(OIDC_PROVIDER) --no-audit --no-fund --silent && \
		touch $(OIDC_PROVIDER)/node_modules/.installed; \
	fi

$(STAMP): requirements/base.txt requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 of nieuwer is nodig (gevonden: $$($(PYTHON) --version))."; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $(STAMP)

# WeasyPrint needs Pango from the operating system; say so in one line instead of a traceback.
check-system: $(STAMP)
	@$(BIN)/python -c 'import weasyprint' 2>/dev/null || \
		{ echo "WeasyPrint mist Pango: installeer het met 'apt-get install libpango-1.0-0 libpangoft2-1.0-0' (Debian/Ubuntu) of 'brew install pango' (macOS)."; exit 1; }

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Recompile the pinned requirements after editing requirements/*.in.
lock: setup
	$(BIN)/python -m pip install --quiet pip-tools
	cd requirements && for f in base dev; do \
		../$(BIN)/pip-compile --quiet --strip-extras --no-header --allow-unsafe \
			--no-emit-index-url --no-emit-find-links $$f.in -o $$f.txt; done

# Update and compile the translations (needs GNU gettext).
messages: setup
	$(RUN_ENV) $(BIN)/python manage.py makemessages --locale en --locale nl --no-location --ignore '.venv/*' --ignore 'tests/*' --ignore 'frontend/*' --ignore 'audits/*'
	$(RUN_ENV) $(BIN)/python manage.py compilemessages --ignore '.venv/*' --ignore 'tests/*' --ignore 'frontend/*' --ignore 'audits/*'

clean:
	rm -rf $(VENV) staticfiles

# Rebuild the pruned Bootstrap in static/vendor/bootstrap from Bootstrap's sources (npm; Node 20)
# after changing frontend/bootstrap.scss or .js, or using a Bootstrap class no page used before;
# commit the built files. `make run`, `make test` and CI use the committed files.
frontend: setup
	cd frontend && npm ci --no-audit --no-fund && npm run build

# Reports, archive, export and the pages that grow with a child's history, measured as in
# production (debug off, hashed static files) on a throwaway SQLite database; figures go in the
# README.
BENCH_DB := /tmp/hechtingswijzer-bench.sqlite3
BENCH_STATIC := /tmp/hechtingswijzer-bench-static
BENCH_ENV := DJANGO_DEBUG=0 HECHTINGSWIJZER_BENCHMARK=1 DATABASE_URL=sqlite:///$(BENCH_DB) DJANGO_ALLOWED_HOSTS=localhost \
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_STATIC_ROOT=$(BENCH_STATIC) \
	DJANGO_SECRET_KEY=bench-only-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(40))')
bench: setup
	rm -f $(BENCH_DB)
	$(BENCH_ENV) $(BIN)/python manage.py collectstatic --no-input --clear -v0
	$(BENCH_ENV) $(BIN)/python manage.py migrate --no-input -v0
	$(BENCH_ENV) $(BIN)/python manage.py catalogue_install > /dev/null
	$(BENCH_ENV) $(BIN)/python manage.py bench_reports

# Load test against PostgreSQL on loopback (needs wrk); figures go in the README.
loadtest: setup
	$(BIN)/python loadtest/run.py

# Volume benchmark on two throwaway PostgreSQL databases: the demo data, and a copy that grows to
# 50 teams, 5,000 families and 50,000 observations.
# Measured as in production (debug off, hashed static files), with the demo accounts allowed;
# plain HTTP because Django's test client makes the requests in process.
VOLUME_DB := postgres://postgres@127.0.0.1:5432/hechtingswijzer_volume
VOLUME_STATIC := /tmp/hechtingswijzer-volume-static
VOLUME_ENV := DJANGO_DEBUG=0 DJANGO_DEMO=1 DATABASE_URL=$(VOLUME_DB) DJANGO_ALLOWED_HOSTS=testserver \
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_STATIC_ROOT=$(VOLUME_STATIC) \
	DJANGO_SECRET_KEY=volume-benchmark-only-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(40))')
volume: setup
	psql -q -h 127.0.0.1 -U postgres -c 'DROP DATABASE IF EXISTS hechtingswijzer_volume' postgres
	psql -q -h 127.0.0.1 -U postgres -c 'DROP DATABASE IF EXISTS hechtingswijzer_volume_demo' postgres
	psql -q -h 127.0.0.1 -U postgres -c 'CREATE DATABASE hechtingswijzer_volume' postgres
	$(VOLUME_ENV) $(BIN)/python manage.py collectstatic --no-input --clear -v0
	$(VOLUME_ENV) $(BIN)/python manage.py migrate -v0
	$(VOLUME_ENV) $(BIN)/python manage.py catalogue_install > /dev/null
	$(VOLUME_ENV) $(BIN)/python manage.py demo_setup > /dev/null
	psql -q -h 127.0.0.1 -U postgres -c 'CREATE DATABASE hechtingswijzer_volume_demo TEMPLATE hechtingswijzer_volume' postgres
	psql -q -h 127.0.0.1 -U postgres -c 'VACUUM ANALYZE' hechtingswijzer_volume_demo
	$(VOLUME_ENV) $(BIN)/python manage.py bench_volume --demo-database $(VOLUME_DB)_demo

# Lighthouse (mobile) on seven pages and the Nu HTML checker on four, with production settings
# behind nginx's compression, on a throwaway PostgreSQL database (audits/run.py; needs npm, Java,
# chromium and nginx); figures go in the README.
audit: setup
	$(BIN)/python audits/run.py

# Open Zaak 1.21.0 for the case-system integration tests, cached outside the clone
# (integration/openzaak/README.md).
openzaak:
	bash integration/openzaak/install.sh

# The case-system integration tests against a real Open Zaak on loopback (needs PostGIS and
# ../shared/vendor; skipped with one line without them). CI runs them on PostgreSQL.
integration: setup
	bash integration/run.sh

# The read API as outsiders test it: Spectral with the API Design Rules, then schemathesis
# against a running server with the demo data (needs npm for Spectral; called from .ci/run).
api-conformance: setup
	bash integration/api/run.sh
