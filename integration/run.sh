#!/usr/bin/env bash
# The integration tests against a real Open Zaak (`make integration`, called from .ci/run):
# install it (cached outside the clone), then run tests/integration, which serve it on loopback,
# stop and start it. Without the vendored archive or PostGIS they are skipped with one line.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  echo "Integratietests overgeslagen: PostGIS ontbreekt (apt-get install postgresql-15-postgis-3 gdal-bin libpq-dev)."
  exit 0
fi
status=0
catalogue="$(bash integration/openzaak/install.sh)" || status=$?
if [ "$status" -eq 3 ]; then
  echo "Integratietests overgeslagen: Open Zaak 1.21.0 ontbreekt in ../shared/vendor."
  exit 0
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi
export HECHTINGSWIJZER_OPENZAAK="$catalogue"
exec .venv/bin/python -m pytest tests/integration ${PYTEST_ARGS:-}
