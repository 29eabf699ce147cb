#!/usr/bin/env bash
# The read API tested as outsiders would (called from .ci/run): its OpenAPI document linted with
# the Spectral CLI and the Design Rules ruleset from ../shared/vendor, then schemathesis against
# a running server with the demo data, generating valid and invalid requests for every
# operation. Spectral is installed once per version, outside the clone.
set -euo pipefail
cd "$(dirname "$0")/../.."
ruleset="../shared/vendor/api-design-rules-linter.yaml"
spectral_version="6.15.0"
cache="${HECHTINGSWIJZER_CACHE_DIR:-/var/cache/hechtingswijzer}/spectral-$spectral_version"
spectral="$cache/node_modules/.bin/spectral"
if [ ! -x "$spectral" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --silent "@stoplight/spectral-cli@$spectral_version"
fi
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# Production settings (debug off, as the app servers run it), with the demo app for its data.
export DJANGO_DEBUG=0 DJANGO_DEMO=1 DATABASE_URL="sqlite:///$work/api.sqlite3" \
  DJANGO_SECRET_KEY="conformance-only-$(head -c 30 /dev/urandom | base64 | tr -d '/+=')" \
  DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_STATIC_ROOT="$work/static" \
  HECHTINGSWIJZER_API_RATE="100000/min"
py=.venv/bin/python

echo "== Spectral: the OpenAPI document against the API Design Rules"
$py manage.py spectacular --validate --fail-on-warn --format openapi-json --file "$work/openapi.json"
# The document the server gives is the one linted (checked below, once the server runs).
"$spectral" lint --fail-severity error -r "$ruleset" "$work/openapi.json"

echo "== schemathesis: generated requests against a running server"
$py manage.py migrate --no-input -v0
$py manage.py catalogue_install > /dev/null
$py manage.py demo_setup > /dev/null
$py manage.py api_conformance_fixture "$work/fixture.json"
# A free port of its own: a server already on a fixed port would be tested instead of this one.
port="$($py -c 'from deploy.serving import free_port; print(free_port())')"
$py manage.py collectstatic --no-input -v0
.venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$port" --workers 2 > "$work/server.log" 2>&1 &
server=$!
.venv/bin/python - "$port" "$work/openapi.json" <<'PY'
import json, sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/api/v1/openapi.json"
for _ in range(60):
    try:
        served = json.load(urllib.request.urlopen(url))
        break
    except OSError:
        time.sleep(0.5)
else:
    sys.exit("De server start niet.")
if served != json.load(open(sys.argv[2])):
    sys.exit("Het OpenAPI-document van de server is niet het gelinte document.")
PY
credential="$($py -c 'import json,sys; print(json.load(open(sys.argv[1]))["credential"])' "$work/fixture.json")"
export HECHTINGSWIJZER_API_FORBIDDEN="$work/fixture.json"
export SCHEMATHESIS_HOOKS=integration.api.checks
status=0
.venv/bin/schemathesis run "http://127.0.0.1:$port/api/v1/openapi.json" \
  --url "http://127.0.0.1:$port/api/v1" \
  --wait-for-schema 30 \
  -H "Authorization: Bearer $credential" \
  --checks all \
  --max-examples "${HECHTINGSWIJZER_API_EXAMPLES:-60}" \
  --seed 20261206 \
  --report junit --report-dir "$work/report" || status=$?
if [ "$status" -ne 0 ]; then
  echo "-- server log (last 40 lines)"; tail -40 "$work/server.log"
fi
exit "$status"
