"""Load test: gunicorn with 2 workers against PostgreSQL on loopback, driven by wrk.

Measures the dashboard, the family page, the checklist form GET and POST (real submissions, each
to a different draft), and the PDF download, with a constant view as the floor (and that view
again with a signed-in session); then checks in the database that every accepted submission was
stored exactly once. Bounded in time; loopback only.

Run with `make loadtest` (needs wrk and a PostgreSQL server; see the README).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from deploy.serving import (  # noqa: E402
    free_port,
    prepare_app,
    production_env,
    recreate_database,
    start_gunicorn,
    wait_until_up,
)

DATABASE = "hechtingswijzer_load"
CONNECTIONS = 16
THREADS = 2
DURATION = os.environ.get("LOAD_DURATION", "10s")


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk ontbreekt: installeer het met 'apt-get install wrk'.")
    port = free_port()
    static_root = tempfile.mkdtemp(prefix="hw-static-")
    env = production_env(
        DATABASE,
        static_root,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback, no TLS proxy in front
        DATABASE_CONN_MAX_AGE="60",
        HECHTINGSWIJZER_LOADTEST="1",
    )
    recreate_database(DATABASE)
    prepare_app(env)
    manage = [sys.executable, "manage.py"]
    fixture = json.loads(_run([*manage, "loadtest_fixture"], env).strip().splitlines()[-1])
    drafts = fixture["drafts"]
    assert drafts["last"] - drafts["first"] + 1 == drafts["count"], "drafts not contiguous"

    gunicorn = start_gunicorn(port, env, workers=2)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/gezond/")
        body = urlencode(
            {
                "csrfmiddlewaretoken": fixture["csrf"],
                "lock_version": 0,
                "caregiver": "vader",
                "visit_date": "2024-09-01",
                "setting": "eten",
                "save": "1",
                **{f"item_{item}": fixture["option"] for item in fixture["items"]},
                **{f"note_{item}": "Belastingstest" for item in fixture["items"][::2]},
            }
        )
        load_env = {
            **env,
            "LOAD_COOKIE": fixture["cookie"],
            "LOAD_POST_COOKIE": fixture["post_cookie"],
            "LOAD_FIRST": str(drafts["first"]),
            "LOAD_LAST": str(drafts["last"]),
            "LOAD_THREADS": str(THREADS),
            "LOAD_BODY": body,
        }
        get = str(HERE / "get.lua")
        endpoints = [
            ("vloer (constante view)", "/gezond/vloer/", str(HERE / "bare.lua")),
            # The same view with the session cookie: what loading a session and its user costs
            # every signed-in page before it does any work of its own.
            ("vloer, ingelogd", "/gezond/vloer/", get),
            ("dashboard", "/", get),
            ("gezinspagina", f"/gezinnen/{fixture['family']}/", get),
            ("checklist GET", f"/observaties/{fixture['own_draft']}/invullen/", get),
            ("checklist POST", "/", str(HERE / "post_checklist.lua")),
            ("rapport PDF", f"/observaties/{fixture['approved']}/rapport.pdf", get),
        ]
        for _name, path, script in endpoints[:5]:  # warm up workers and renderers
            _wrk(base + path, script, load_env, duration="2s", connections=4)
        results = []
        for name, path, script in endpoints:
            if name == "checklist POST":
                result = _wrk(base + path, script, load_env)
                accepted = result["requests"] - result["errors"]
            else:
                result = _wrk(base + path, script, load_env)
            results.append((name, result))
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=20)
        shutil.rmtree(static_root, ignore_errors=True)

    check = json.loads(
        _run(
            [
                *manage,
                "loadtest_verify",
                "--first",
                str(drafts["first"]),
                "--last",
                str(drafts["last"]),
                "--accepted",
                str(accepted),
                "--items",
                str(len(fixture["items"])),
                "--in-flight",
                str(CONNECTIONS),
            ],
            env,
        )
        .strip()
        .splitlines()[-1]
    )
    _report(results, check)


def _report(results, check):
    floor = results[0][1]["rps"]
    print(
        f"\nwrk: {THREADS} threads, {CONNECTIONS} verbindingen, {DURATION} per endpoint; "
        "gunicorn 2 workers, PostgreSQL"
    )
    print(f"{'endpoint':26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'% vloer':>8} {'fouten':>7}")
    for name, result in results:
        print(
            f"{name:26} {result['rps']:8.0f} {result['p50']:8.1f} {result['p99']:8.1f} "
            f"{result['rps'] / floor * 100:7.1f}% {result['errors']:7d}"
        )
    print(
        f"\nchecklist POST: {check['accepted']} geaccepteerd binnen de meettijd, "
        f"{check['stored']} opgeslagen ({check['in_flight_at_stop']} nog onderweg bij het "
        f"stoppen), {check['stored_twice']} dubbel, {check['incomplete']} onvolledig"
    )


def _wrk(url, script, env, *, duration=DURATION, connections=CONNECTIONS):
    output = subprocess.run(
        [
            "wrk",
            f"-t{THREADS}",
            f"-c{connections}",
            f"-d{duration}",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            script,
            url,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return {
        "requests": requests,
        "errors": errors,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
    }


def _ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def _run(command, env):
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode:
        sys.exit(f"{' '.join(command[1:])} faalde:\n{result.stdout}{result.stderr}")
    return result.stdout


if __name__ == "__main__":
    main()
