"""Settings are read from the environment; production refuses to start without a real key.

Each case imports the settings in a fresh interpreter, because settings are read once per process.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REAL_KEY = "k3y-" + "x7Qp2mZr9Lw4Tn8Bv6Hc1Jd5Fs0Ga3Ye" * 2


def _run(code, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _setting(expression, **env):
    env.setdefault("DJANGO_DEBUG", "1")
    result = _run(f"import config.settings as s; print({expression})", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_refuses_to_start_without_a_secret_key():
    result = _run("import config.settings", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "weak_key",
    ["geheim", "django-insecure-" + "a" * 60, "a" * 60],
    ids=["short", "django-insecure", "repetitive"],
)
def test_production_refuses_a_weak_secret_key(weak_key):
    result = _run("import config.settings", DJANGO_DEBUG="0", DJANGO_SECRET_KEY=weak_key)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_debug_mode_starts_without_a_key_and_only_on_loopback():
    assert _setting("s.DEBUG, s.ALLOWED_HOSTS") == ("True ['127.0.0.1', 'localhost']")


def test_production_reads_its_hosts_and_switches_on_transport_security():
    env = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": REAL_KEY,
        "DJANGO_ALLOWED_HOSTS": "hechting.example.org,intern.example.org",
    }
    assert _setting("s.ALLOWED_HOSTS", **env) == "['hechting.example.org', 'intern.example.org']"
    transport = "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE"
    assert _setting(f"{transport}, s.SECURE_HSTS_SECONDS", **env) == "True True True 31536000"
    assert _setting("s.DEMO_MODE", **env) == "False"


def test_without_database_url_the_sqlite_file_in_the_project_is_used():
    engine = _setting("s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME']")
    assert engine == f"django.db.backends.sqlite3 {ROOT / 'db.sqlite3'}"


def test_a_postgres_database_url_selects_postgresql():
    url = "postgres://hw:geheim@db.intern:5433/hechtingswijzer"
    db = "s.DATABASES['default']"
    assert _setting(
        f"{db}['ENGINE'], {db}['NAME'], {db}['USER'], {db}['HOST'], {db}['PORT']",
        DATABASE_URL=url,
    ) == ("core.postgresql hechtingswijzer hw db.intern 5433")


def test_dutch_is_the_default_language_and_amsterdam_the_timezone():
    assert _setting("s.LANGUAGE_CODE, [c for c, _ in s.LANGUAGES], s.TIME_ZONE") == (
        "nl ['nl', 'en'] Europe/Amsterdam"
    )


def test_check_deploy_reports_no_issues_in_production():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": REAL_KEY,
            "DJANGO_ALLOWED_HOSTS": "hechting.example.org",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_postgresql_prepares_repeated_statements_and_keeps_the_url_options():
    options = _setting(
        "sorted((k, v) for k, v in s.DATABASES['default']['OPTIONS'].items() "
        "if k in ('prepare_threshold', 'server_side_binding', 'sslmode'))",
        DATABASE_URL="postgres://app@db.example:5432/hw?sslmode=verify-full",
    )
    assert options == (
        "[('prepare_threshold', 5), ('server_side_binding', True), ('sslmode', 'verify-full')]"
    )


def test_prepared_statements_can_be_switched_off_for_a_connection_pooler():
    options = _setting(
        "sorted(s.DATABASES['default'].get('OPTIONS', {}))",
        DATABASE_URL="postgres://app@db.example:5432/hw",
        DATABASE_PREPARED_STATEMENTS="0",
    )
    assert "prepare_threshold" not in options
    assert "server_side_binding" not in options


def test_a_database_that_does_not_answer_is_given_up_in_time():
    """A new connection after the connect timeout; TCP notices a server that is gone within the
    query deadline (which core/db_deadline.py enforces for one that stalls)."""
    options = _setting(
        "[s.DATABASES['default']['OPTIONS'][k] for k in "
        "('connect_timeout', 'keepalives', 'tcp_user_timeout')], s.DATABASE_QUERY_DEADLINE",
        DATABASE_URL="postgres://app@db.example:5432/hw",
        DATABASE_CONNECT_TIMEOUT="3",
        DATABASE_QUERY_DEADLINE="20",
    )
    assert options == "[3, 1, 20000] 20.0"


def test_production_keeps_database_connections_open_by_default():
    production = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": REAL_KEY,
        "DJANGO_ALLOWED_HOSTS": "hechtingswijzer.example.nl",
    }
    assert _setting("s.DATABASES['default']['CONN_MAX_AGE']", **production) == "60"
    assert _setting("s.DATABASES['default']['CONN_HEALTH_CHECKS']", **production) == "True"
    closed = {**production, "DATABASE_CONN_MAX_AGE": "0"}
    assert _setting("s.DATABASES['default']['CONN_MAX_AGE']", **closed) == "0"
    assert _setting("s.DATABASES['default']['CONN_MAX_AGE']") == "0"  # debug mode


def test_the_demo_and_benchmark_app_is_installed_only_where_it_may_run():
    production = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": REAL_KEY,
        "DJANGO_ALLOWED_HOSTS": "hechtingswijzer.example.nl",
    }
    installed = "'demo' in s.INSTALLED_APPS"
    assert _setting(installed, **production) == "False"
    assert _setting(installed, **production, HECHTINGSWIJZER_BENCHMARK="1") == "True"
    assert _setting(installed, **production, HECHTINGSWIJZER_LOADTEST="1") == "True"
    assert _setting(installed, **production, DJANGO_DEMO="1") == "True"
    assert _setting(installed) == "True"  # debug mode, as `make run`
