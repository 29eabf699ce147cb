#!/usr/bin/env bash
# Serve the Open Zaak that install.sh made on 127.0.0.1:${OPENZAAK_PORT:-8400}, in the foreground.
set -euo pipefail
version=1.21.0
cache="${HECHTINGSWIJZER_CACHE:-/var/cache/hechtingswijzer}/openzaak-$version"
export DJANGO_SETTINGS_MODULE=openzaak.conf.ci
export SECRET_KEY="${OPENZAAK_SECRET_KEY:-integration-tests-only}"
export DB_NAME="${OPENZAAK_DB_NAME:-openzaak_hechtingswijzer}" DB_USER=postgres DB_HOST=127.0.0.1 DB_PORT=5432
export ALLOWED_HOSTS=127.0.0.1,localhost
cd "$cache/open-zaak-$version"
exec "$cache/venv/bin/python" src/manage.py runserver "127.0.0.1:${OPENZAAK_PORT:-8400}" --noreload
