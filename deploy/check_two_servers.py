"""Two app servers behind one database: a session started on one continues on the other, and
both serve an approved report as the same archived bytes; beside them a Celery worker and beat on
Redis, as production runs them, work off the deliveries to the case system.

Starts two gunicorn instances on two loopback ports sharing one PostgreSQL database, logs in
through the first (login page, CSRF, password) and opens the dashboard through the second with
the same cookies; then downloads one archived report through each. Exits non-zero when the second
server does not know the session or a download differs from the stored document. Then queues a
report for a case system that does not answer, and exits non-zero unless the beat's periodic task
reached the worker through Redis and the worker, as the runtime role, recorded its first try.
"""

import hashlib
import http.cookiejar
import re
import secrets
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deploy.serving import (  # noqa: E402
    create_archived_report,
    create_professional,
    delivery_attempts,
    drop_database,
    free_port,
    manage_shell,
    prepare_app,
    production_env,
    queue_delivery,
    recreate_database,
    runtime_env,
    start_celery,
    start_gunicorn,
    wait_until_up,
)

DATABASE = "hechtingswijzer_twoservers"
BROKER = "redis://127.0.0.1:6379/13"
SHARED_CACHE = "redis://127.0.0.1:6379/12"
API_RATE = 4  # per minute, so that the fifth request of one client is refused
PASSWORD = "twee-servers-" + secrets.token_hex(8)


def main():
    recreate_database(DATABASE)
    static_root = tempfile.mkdtemp(prefix="hw-static-")
    env = production_env(
        DATABASE,
        static_root,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        HECHTINGSWIJZER_CELERY_BROKER=BROKER,
        HECHTINGSWIJZER_DELIVERY_INTERVAL_SECONDS="2",
        HECHTINGSWIJZER_CACHE_URL=SHARED_CACHE,
        HECHTINGSWIJZER_API_RATE=f"{API_RATE}/min",
    )
    prepare_app(env)
    env = runtime_env(env)  # the servers run as a role that owns nothing, as in production
    create_professional(env, username="tweeserver", password=PASSWORD)
    observation, sha256 = create_archived_report(env, username="tweeserver")
    ports = (free_port(), free_port())
    servers = [start_gunicorn(port, env, workers=1) for port in ports]
    try:
        first, second = (f"http://127.0.0.1:{port}" for port in ports)
        for base in (first, second):
            wait_until_up(f"{base}/gezond/")
        cookies = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
        page = opener.open(f"{first}/inloggen/").read().decode()
        _plain_http(cookies)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": "tweeserver", "password": PASSWORD}
        ).encode()
        opener.open(urllib.request.Request(f"{first}/inloggen/", data=body)).read()
        _plain_http(cookies)
        dashboard = opener.open(f"{second}/").read().decode()
        if "Welkom" not in dashboard:
            sys.exit(f"De tweede server ({second}) kent de sessie van de eerste niet.")
        print(f"Ingelogd via {first}, verder op {second}: de sessie loopt door.")
        downloads = [
            opener.open(f"{base}/observaties/{observation}/rapport.pdf").read()
            for base in (first, second)
        ]
        if {hashlib.sha256(data).hexdigest() for data in downloads} != {sha256}:
            sys.exit("Een server gaf niet precies het bewaarde rapport.")
        print(f"Beide servers geven het bewaarde rapport, byte voor byte ({len(downloads[0])} B).")
        _check_api_throttle(env, observation, sha256, (first, second))
        _check_worker(env, observation, schedule=Path(static_root) / "beat-schedule")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)
        drop_database(DATABASE)


def _check_api_throttle(env, observation, sha256, bases):
    """A client of the read API gets the same archived bytes from both servers, and its requests
    are counted across both in Redis: the one after the limit is refused, whichever server."""
    credential = manage_shell(
        env,
        "from django.core.cache import caches; caches['shared'].clear(); "
        "from accounts.models import User; from api import credentials; "
        "from api.models import ApiClient; "
        "c = ApiClient(name='Controle (fictief)', contact='beheer'); "
        "k = credentials.issue(c); c.save(); "
        "c.teams.set([User.objects.get(username='tweeserver').memberships.get().team]); "
        "print(k)",
    ).split()[-1]
    statuses = []
    for number in range(API_RATE + 1):
        request = urllib.request.Request(
            f"{bases[number % 2]}/api/v1/observaties/{observation}/rapport",
            headers={"Authorization": f"Bearer {credential}"},
        )
        try:
            with urllib.request.urlopen(request) as response:
                if hashlib.sha256(response.read()).hexdigest() != sha256:
                    sys.exit("De API gaf niet precies het bewaarde rapport.")
                statuses.append(response.status)
        except urllib.error.HTTPError as refused:
            statuses.append(refused.code)
    if statuses != [200] * API_RATE + [429]:
        sys.exit(f"De API-limiet geldt niet over beide servers samen: {statuses}.")
    print(f"API: {API_RATE} verzoeken over twee servers, het volgende geweigerd (429).")


def _check_worker(env, observation, *, schedule):
    """The worker and beat as their units start them: a delivery queued without a task is picked
    up by the beat's periodic task, and tried by the worker."""
    port = free_port()  # nothing listens there: the case system does not answer
    delivery = queue_delivery(env, observation=observation, api_root=f"http://127.0.0.1:{port}/")
    processes = [
        start_celery(env, "worker", "--pool=solo"),
        start_celery(env, "beat", f"--schedule={schedule}"),
    ]
    try:
        deadline = time.monotonic() + 60
        attempts, error = delivery_attempts(env, delivery)
        while attempts == 0 and time.monotonic() < deadline:
            time.sleep(1)
            attempts, error = delivery_attempts(env, delivery)
        if attempts == 0:
            sys.exit("De worker en beat hebben de wachtende registratie niet opgepakt.")
        print(f"Worker en beat op Redis: registratie opgepakt, poging {attempts} ({error})")
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def _plain_http(cookies):
    """Production cookies are Secure; this check talks plain HTTP on loopback, without a proxy.

    Cookies for 127.0.0.1 are shared across ports, as a browser shares them behind one balancer.
    """
    for cookie in cookies:
        cookie.secure = False


if __name__ == "__main__":
    main()
