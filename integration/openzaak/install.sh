#!/usr/bin/env bash
# Open Zaak 1.21.0 for the integration tests: unpacked from ../shared/vendor, installed in a
# virtualenv of its own, migrated on its own PostgreSQL database, with the test catalogue and
# client. Cached outside the clone per version (HECHTINGSWIJZER_CACHE, default
# /var/cache/hechtingswijzer): a second run only migrates and loads the catalogue again.
# Prints the catalogue's UUIDs as one line of JSON. Needs PostGIS (Debian:
# postgresql-15-postgis-3 gdal-bin libpq-dev) and PostgreSQL on 127.0.0.1:5432 as `postgres`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version=1.21.0
archive="${OPENZAAK_ARCHIVE:-$here/../../../shared/vendor/open-zaak-$version.tar.gz}"
cache="${HECHTINGSWIJZER_CACHE:-/var/cache/hechtingswijzer}/openzaak-$version"
source_dir="$cache/open-zaak-$version"
venv="$cache/venv"

if [ ! -f "$archive" ]; then
  echo "Open Zaak $version ontbreekt ($archive); de integratietests worden overgeslagen." >&2
  exit 3
fi
mkdir -p "$cache"
if [ ! -f "$cache/.installed" ]; then
  rm -rf "$source_dir" "$venv"
  tar -xzf "$archive" -C "$cache"
  python3 -m venv "$venv"
  grep -v '^uwsgi' "$source_dir/requirements/base.txt" > "$cache/requirements.txt"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$cache/requirements.txt"
  touch "$cache/.installed"
fi

export DJANGO_SETTINGS_MODULE=openzaak.conf.ci
export SECRET_KEY="${OPENZAAK_SECRET_KEY:-integration-tests-only}"
export DB_NAME="${OPENZAAK_DB_NAME:-openzaak_hechtingswijzer}" DB_USER=postgres DB_HOST=127.0.0.1 DB_PORT=5432
export OPENZAAK_CLIENT_ID="${OPENZAAK_CLIENT_ID:-hechtingswijzer-test}"
export OPENZAAK_SECRET="${OPENZAAK_SECRET:-integration-tests-only-secret-for-hs256}"
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB_NAME"
cd "$source_dir"
# Only the catalogue's JSON goes to stdout: a first migrate prints "Installed 13 object(s)" there
# whatever its verbosity, which would spoil the line the tests read.
"$venv/bin/python" src/manage.py migrate --no-input -v0 >&2
# The shell reads the script from stdin and exits 0 even when it raised: check the line it printed.
catalogue="$("$venv/bin/python" src/manage.py shell < "$here/catalogue.py" 2>"$cache/catalogue.err" | tail -1)"
if ! printf '%s' "$catalogue" | "$venv/bin/python" -c 'import json, sys; json.load(sys.stdin)' 2>/dev/null; then
  echo "Open Zaak: de testcatalogus is niet aangemaakt:" >&2
  cat "$cache/catalogue.err" >&2
  exit 1
fi
printf '%s\n' "$catalogue"
