"""Lighthouse and the Nu HTML checker on the app as production runs it.

The demo data on a throwaway PostgreSQL database, gunicorn with production settings (debug off,
hashed and compressed static files) behind nginx with the sample's compression
(`deploy/nginx.conf`), on loopback. Lighthouse 12.2 (mobile) on seven pages: the login page, the
professional's dashboard, a family page, a checklist, an observation page, the team lead's
dashboard and a review page; the Nu HTML checker (vnu-jar) on the checklist, family, observation
and review pages. Prints the figures (they go in the README) and exits non-zero when a page
scores below 100 for accessibility or 95 for performance, or has an HTML error.

Run with `make audit` (needs Node 20 with npm, Java, Debian's chromium and nginx).
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from deploy.serving import (  # noqa: E402
    drop_database,
    free_port,
    manage_shell,
    prepare_app,
    production_env,
    recreate_database,
    start_gunicorn,
    wait_until_up,
)

DATABASE = "hechtingswijzer_audit"
CHROMIUM = "/usr/bin/chromium"
ACCESSIBILITY, PERFORMANCE = 100, 95

# Signed-in sessions (password and second factor done, as after a login) for the demo's
# professional and team lead, a draft of the professional to open in the checklist, and the
# pages' objects; printed as JSON.
SETUP = """
import json, time
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from accounts.models import User
from accounts.signals import LOGIN_AT_SESSION_KEY
from observaties import services
from observaties.models import Observation

def session(user):
    device = user.totpdevice_set.create(name="audit", confirmed=True)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[LOGIN_AT_SESSION_KEY] = time.time()
    store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return store.session_key

professional = User.objects.get(username="medewerker")
lead = User.objects.get(username="teamleider")
own = Observation.objects.filter(professional=professional)
approved = own.filter(status="goedgekeurd").latest("visit_date")
submitted = own.filter(status="ingediend").first()
draft = services.observation_create(
    child=approved.child, professional=professional, caregiver=approved.caregiver,
    visit_date=timezone.localdate(), setting="spel",
)
print(json.dumps({
    "professional": session(professional), "lead": session(lead),
    "family": approved.child.family_id, "draft": draft.pk,
    "approved": approved.pk, "submitted": submitted.pk,
}))
"""


def main():
    for tool in ("npm", "java", "nginx"):
        if not shutil.which(tool):
            sys.exit(f"{tool} ontbreekt (Node 20 met npm, Java en nginx-light uit Debian).")
    if not Path(CHROMIUM).exists():
        sys.exit("Chromium ontbreekt: apt-get install chromium.")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=HERE, check=True)
    folder = Path(tempfile.mkdtemp(prefix="hw-audit-"))
    env = production_env(
        DATABASE,
        str(folder / "static"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback
        DJANGO_DEMO="1",
    )
    recreate_database(DATABASE)
    prepare_app(env)
    subprocess.run(
        [sys.executable, "manage.py", "demo_setup"], cwd=ROOT, env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    made = json.loads(manage_shell(env, SETUP).strip().splitlines()[-1])
    app_port, proxy_port = free_port(), free_port()
    server = start_gunicorn(app_port, env, workers=2)
    proxy = None
    try:
        wait_until_up(f"http://127.0.0.1:{app_port}/gezond/")
        proxy = _start_nginx(folder, app_port, proxy_port)
        base = f"http://127.0.0.1:{proxy_port}"
        professional, lead = made["professional"], made["lead"]
        pages = [
            ("inlogpagina", "/inloggen/", None),
            ("dashboard medewerker", "/", professional),
            ("gezinspagina", f"/gezinnen/{made['family']}/", professional),
            ("checklist", f"/observaties/{made['draft']}/invullen/", professional),
            ("observatie", f"/observaties/{made['approved']}/", professional),
            ("dashboard teamleider", "/", lead),
            ("beoordelen", f"/observaties/{made['submitted']}/", lead),
        ]
        html_errors = _html_check(base, pages[2:5] + pages[6:], folder)
        lighthouse = _lighthouse(base, pages, folder)
    finally:
        if proxy is not None:
            proxy.terminate()
            proxy.wait(timeout=20)
        server.terminate()
        server.wait(timeout=20)
        drop_database(DATABASE)
        shutil.rmtree(folder, ignore_errors=True)
    _report(lighthouse, html_errors)


def _start_nginx(folder, app_port, proxy_port):
    """nginx on loopback with the compression settings of `deploy/nginx.conf`, without TLS."""
    sample = (ROOT / "deploy" / "nginx.conf").read_text()
    compression = "".join(
        f"    {line.strip()}\n" for line in sample.splitlines() if line.strip().startswith("gzip")
    )
    if "gzip on;" not in compression:
        sys.exit("deploy/nginx.conf zet geen compressie aan; deze meting gaat daarvan uit.")
    (folder / "nginx.conf").write_text(
        f"pid {folder}/nginx.pid;\nerror_log {folder}/nginx-fouten.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  server {{\n    listen 127.0.0.1:{proxy_port};\n"
        f"{compression}"
        f"    location / {{\n      proxy_pass http://127.0.0.1:{app_port};\n"
        f"      proxy_set_header Host 127.0.0.1;\n    }}\n  }}\n}}\n"
    )
    proxy = subprocess.Popen(["nginx", "-c", str(folder / "nginx.conf"), "-g", "daemon off;"])
    wait_until_up(f"http://127.0.0.1:{proxy_port}/gezond/")
    return proxy


def _fetch(url, session):
    headers = {"Cookie": f"sessionid={session}"} if session else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return response.read()


def _html_check(base, pages, folder):
    """The Nu HTML checker's errors per page (warnings and info left out)."""
    files = []
    for name, path, session in pages:
        file = folder / f"{re.sub(r'[^a-z]+', '-', name)}.html"
        file.write_bytes(_fetch(base + path, session))
        files.append((name, file))
    checked = subprocess.run(
        [
            "java", "-jar", str(HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"),
            "--errors-only", "--format", "json", *[str(file) for _name, file in files],
        ],
        capture_output=True,
        text=True,
    )  # fmt: skip
    messages = json.loads(checked.stderr or '{"messages": []}')["messages"]
    return {
        name: [
            f"{message.get('lastLine', '?')}: {message['message']}"
            for message in messages
            if message["url"].endswith(file.name)
        ]
        for name, file in files
    }


def _lighthouse(base, pages, folder):
    config = folder / "lighthouse-pages.json"
    config.write_text(
        json.dumps(
            {
                "base": base,
                "chromium": CHROMIUM,
                "pages": [
                    {"name": name, "path": path, "cookie": session} for name, path, session in pages
                ],
            }
        )
    )
    results = folder / "lighthouse-results.json"
    subprocess.run(["node", str(HERE / "lighthouse.mjs"), str(config), str(results)], check=True)
    return json.loads(results.read_text())


def _report(lighthouse, html_errors):
    failed = []
    print(f"Lighthouse {lighthouse[0]['lighthouse']}, mobiel; {lighthouse[0]['chromium']}")
    print(f"{'pagina':22} {'toegankelijk':>12} {'prestaties':>10} {'FCP':>7} {'LCP':>7} "
          f"{'TBT':>6} {'CLS':>6} {'DOM':>6}")  # fmt: skip
    for page in lighthouse:
        print(
            f"{page['name']:22} {page['accessibility']:>12} {page['performance']:>10} "
            f"{page['fcp'] / 1000:>6.1f}s {page['lcp'] / 1000:>6.1f}s {page['tbt']:>4.0f}ms "
            f"{page['cls']:>6.3f} {page['dom'] or 0:>6.0f}"
        )
        if not page["url"].endswith(page["path"]):
            failed.append(f"{page['name']}: kwam uit op {page['url']}")
        if page["accessibility"] < ACCESSIBILITY:
            failed.append(f"{page['name']}: toegankelijkheid {page['failing']}")
        if page["performance"] < PERFORMANCE:
            failed.append(f"{page['name']}: prestaties {page['opportunities']}")
    for name, errors in html_errors.items():
        print(f"Nu HTML checker, {name}: {len(errors)} fouten")
        failed += [f"{name}: {error}" for error in errors]
    if failed:
        sys.exit("Niet gehaald:\n" + "\n".join(failed))


if __name__ == "__main__":
    main()
