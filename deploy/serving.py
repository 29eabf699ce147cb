"""Helpers for the scripts that start real servers on loopback: ports, readiness, databases."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg

POSTGRES = os.environ.get("LOAD_POSTGRES", "postgres://postgres@127.0.0.1:5432")
ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database, static_root, **settings):
    """An app server's environment in production mode (debug off, a fresh secret key shared by
    every server started with it) on a throwaway database; `settings` add or override."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_STATIC_ROOT": static_root,
        "DATABASE_URL": f"{POSTGRES}/{database}",
        **settings,
    }


def prepare_app(env):
    """Tables, the shipped checklist versions and collected static files, as a deployment makes
    them."""
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [*manage, "catalogue_install"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)


RUNTIME_ROLE = "hechtingswijzer_runtime_check"


def runtime_env(env):
    """`env` connected as a runtime role, as production runs: a role that owns nothing, given
    the app's rights by `grant_runtime_role` run as the owner (created, or given a new password)."""
    password = secrets.token_urlsafe(16)
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", [RUNTIME_ROLE]
        ).fetchone()
        # A utility statement takes no parameters; the password is URL-safe characters only.
        verb = "ALTER" if exists else "CREATE"
        connection.execute(f"{verb} ROLE {RUNTIME_ROLE} LOGIN PASSWORD '{password}'")
    subprocess.run(
        [sys.executable, "manage.py", "grant_runtime_role", RUNTIME_ROLE, "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    owner = urllib.parse.urlsplit(env["DATABASE_URL"])
    host = owner.netloc.rpartition("@")[2]
    runtime = owner._replace(netloc=f"{RUNTIME_ROLE}:{password}@{host}")
    return {**env, "DATABASE_URL": urllib.parse.urlunsplit(runtime)}


def create_professional(env, *, username, password):
    """One professional in a team of their own, who can log in."""
    create = (
        "from accounts.models import User, Team, Membership; "
        f"u = User.objects.create_user({username!r}, password={password!r}); "
        "Membership.objects.create(user=u, team=Team.objects.create(name='Controle'), "
        "role='medewerker')"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", create], cwd=ROOT, env=env, check=True
    )


def manage_shell(env, script):
    """Run `script` in the app's shell with `env`; what it printed."""
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def create_archived_report(env, *, username):
    """A fictional family of `username`'s team with an approved observation whose report is
    archived, as an approval stores it; returns the observation's id and the report's SHA-256."""
    create = (
        "from datetime import date; "
        "from accounts.models import User; "
        "from observaties import services; "
        "from observaties.documents import archive; "
        "from observaties.models import Observation; "
        f"u = User.objects.get(username={username!r}); "
        "f = services.family_create(team=u.memberships.get().team, case_reference='CTRL-0001', "
        "created_by=u, opened_on=date(2026, 1, 5)); "
        "c = services.child_create(family=f, name='Fictief K.', birth_month=date(2025, 3, 1)); "
        "o = services.observation_create(child=c, professional=u, caregiver='moeder', "
        "visit_date=date(2026, 2, 2), setting='spel'); "
        "Observation.objects.filter(pk=o.pk).update(status='goedgekeurd'); "
        "o.refresh_from_db(); "
        "(d,) = [d for d in archive.store(o, archive.render(o), approval=None) "
        "if d.kind == 'rapport']; "
        "print(o.pk, d.sha256)"
    )
    observation, sha256 = manage_shell(env, create).split()[-2:]
    return int(observation), sha256


def start_gunicorn(port, env, *, workers, access_log=None):
    """The app under gunicorn on a loopback port, from the project's folder; stop it with
    terminate() and wait(). With `access_log`, gunicorn writes each request's line there."""
    logging = ["--access-logfile", str(access_log)] if access_log else []
    return subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            *logging,
        ],
        cwd=ROOT,
        env=env,
    )


def start_celery(env, *args):
    """A Celery process of the app (`worker …` or `beat …`), as its systemd unit starts it;
    stop it with terminate() and wait()."""
    return subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "config",
            *args,
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,  # the start banner; warnings go to stderr
    )


def queue_delivery(env, *, observation, api_root):
    """A case system at `api_root` (one that does not answer, for a check), the observation's
    family linked to a case there, and its report queued for registration; returns the
    delivery's id."""
    script = (
        "from django.utils import timezone; "
        "from zgw_consumers.models import Service; "
        "from observaties.models import ArchivedDocument, Delivery, Family; "
        "from zaaksysteem.models import CaseSystem; "
        f"z = Service.objects.create(label='Zaken', slug='zaken', api_type='zrc', "
        f"api_root={api_root + 'zaken/api/v1/'!r}, client_id='controle', secret='x' * 40, "
        "timeout=2); "
        f"d = Service.objects.create(label='Documenten', slug='documenten', api_type='drc', "
        f"api_root={api_root + 'documenten/api/v1/'!r}, client_id='controle', secret='x' * 40, "
        "timeout=2); "
        "c = CaseSystem.get_solo(); c.zaken_service = z; c.documenten_service = d; "
        "c.rsin = '002220647'; "
        f"c.report_type = {api_root + 'catalogi/api/v1/informatieobjecttypen/x'!r}; "
        "c.full_clean(); c.save(); "
        f"doc = ArchivedDocument.objects.get(observation={observation}, kind='rapport'); "
        f"Family.objects.filter(children__observations={observation}).update("
        f"zaak_url={api_root + 'zaken/api/v1/zaken/1'!r}, zaak_identification='ZAAK-CONTROLE'); "
        "print(Delivery.objects.create(document=doc, document_type=c.report_type, "
        "confidentiality='vertrouwelijk', identification='HW-controle', "
        "next_attempt_at=timezone.now()).pk)"
    )
    return int(manage_shell(env, script).split()[-1])


def delivery_attempts(env, delivery):
    """How often the delivery was tried, and its last error."""
    script = (
        "from observaties.models import Delivery; "
        f"d = Delivery.objects.get(pk={delivery}); print(d.attempts, d.last_error)"
    )
    attempts, _space, error = manage_shell(env, script).strip().partition(" ")
    return int(attempts), error


def wait_until_up(url, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def recreate_database(name, server=POSTGRES):
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")


def drop_database(name):
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
