"""End-to-end tests: a real server process with its own database, driven by Debian's Chromium.

The server runs `manage.py runserver` in demo mode on a fresh database of the suite's kind (a
SQLite file, or a throwaway PostgreSQL database in the PostgreSQL run), so journeys use the demo
accounts and go through the UI only. Nothing here downloads a browser: without Chromium at
/usr/bin/chromium (or HECHTINGSWIJZER_CHROMIUM) these tests are skipped, and `make test` says so.
"""

import base64
import itertools
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django_otp.oath import TOTP

from deploy.serving import free_port, recreate_database, wait_until_up
from tests import pdfs

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("HECHTINGSWIJZER_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "demo-hechting-2026"
_numbers = itertools.count(1)  # case references unique within a run


def _needs_chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"E2E-tests overgeslagen: geen Chromium op {CHROMIUM} (apt-get install chromium)"
        )


# Playwright's sync API runs an event loop in this thread; the tests never touch the ORM here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _server_database(tmp_path_factory, name):
    """The suite's own kind of database: a throwaway PostgreSQL one in the PostgreSQL run."""
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        server = configured.rsplit("/", 1)[0]
        recreate_database(name, server)
        return f"{server}/{name}"
    return f"sqlite:///{tmp_path_factory.mktemp('e2e') / f'{name}.sqlite3'}"


def _serve_demo(tmp_path_factory, name, *, port=None, commands=(), **settings):
    """A demo server on a fresh database of its own; `settings` are extra environment, and
    `commands` management commands (argument lists) run before it serves."""
    _needs_chromium()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": _server_database(tmp_path_factory, name),
        **settings,
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [*manage, "catalogue_install"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    subprocess.run([*manage, "demo_setup"], cwd=ROOT, env=env, check=True, capture_output=True)
    for command in commands:
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    port = port or free_port()
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/inloggen/")
    except OSError:
        server.kill()
        raise
    yield base
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    yield from _serve_demo(tmp_path_factory, "hechtingswijzer_e2e")


@pytest.fixture(scope="module")
def short_session_app(tmp_path_factory):
    """A demo server whose sessions idle out after 12 seconds (renewed at most every 2), so the
    session warnings can be seen in real time."""
    yield from _serve_demo(
        tmp_path_factory,
        "hechtingswijzer_e2e_short",
        HECHTINGSWIJZER_SESSION_IDLE_SECONDS="12",
        HECHTINGSWIJZER_SESSION_RENEW_SECONDS="2",
    )


@pytest.fixture(scope="session")
def browser():
    _needs_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def new_page(browser, request):
    """Pages in fresh browser contexts; each is photographed if the test fails.

    A Content Security Policy violation reported by the browser fails the test: the strict policy
    must not break any page.
    """
    contexts = []
    violations = []

    def make(**options):
        context = browser.new_context(locale="nl-NL", accept_downloads=True, **options)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    yield make
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for number, context in enumerate(contexts):
            for index, page in enumerate(context.pages):
                name = f"{request.node.name}-{number}-{index}.png"
                page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    for context in contexts:
        context.close()
    assert violations == []


class Accounts:
    """Logs the demo accounts in through the UI, two-factor included, as a person would."""

    def __init__(self, base):
        self.base = base
        self.recovery_codes = {}
        self.secrets = {}
        self.last_step = {}

    def login(self, page, username, *, each_page=lambda page: None):
        """`each_page` is called on every page of the login: its form, the two-factor step
        (setting it up the first time, with the recovery codes), and the page it leads to."""
        page.goto(f"{self.base}/inloggen/")
        each_page(page)
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("main button[type=submit]")
        each_page(page)
        heading = page.locator("h1").inner_text()
        if heading == "Tweestapsverificatie instellen":
            secret = page.locator(".otp-secret").inner_text().replace(" ", "")
            self.secrets[username] = secret
            page.fill("#id_token", self._code(username))
            page.click("main button[type=submit]")
            each_page(page)
            self.recovery_codes[username] = page.locator(".recovery-codes code").all_inner_texts()
            page.click("text=Ik heb ze bewaard, verder")
            each_page(page)
        elif heading == "Tweestapsverificatie":
            # A recovery code while there are any; then the authenticator's code, as a person
            # would use once the codes are spent.
            codes = self.recovery_codes[username]
            page.fill("#id_token", codes.pop() if codes else self._code(username))
            page.click("main button[type=submit]")
            each_page(page)
        return page

    def _code(self, username):
        """The authenticator's code, in a time step not used before: a code is accepted once."""
        while (step := int(time.time()) // 30) == self.last_step.get(username):
            time.sleep(0.5)
        self.last_step[username] = step
        return _totp(self.secrets[username])


@pytest.fixture(scope="session")
def accounts(live_app):
    return Accounts(live_app)


def _totp(secret):
    """The code an authenticator app shows for this secret now."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key).token():06d}"


def click_through(page, target):
    """Clicks `target` (a selector, whose first match is taken, or a locator) and waits until the
    page it leads to has loaded. A click only starts the navigation: a check that takes a snapshot
    right after it (axe, a count) may otherwise read the page before."""
    page.evaluate("window.pageBeforeTheClick = true")
    (page.locator(target).first if isinstance(target, str) else target).click()
    page.wait_for_function("!window.pageBeforeTheClick")
    page.wait_for_load_state()


def new_family_with_child(page, base):
    """A new family with one child, made through the UI; returns its case reference."""
    reference = f"E2E-{next(_numbers):04d}"
    page.goto(f"{base}/gezinnen/nieuw/")
    page.fill("#id_case_reference", reference)
    page.click("main button[type=submit]")
    page.fill("#id_name", "R.")
    page.fill("#id_birth_month", "2025-06")
    page.click("main button[type=submit]")
    assert page.locator("h1").inner_text() == f"Gezin {reference}"
    return reference


def start_observation(page):
    """From the family page to the checklist of a new observation."""
    page.click("text=Nieuwe observatie")
    page.select_option("#id_caregiver", "vader")
    page.click("main button[type=submit]")
    assert "/invullen/" in page.url


def check_fitting(page):
    """Version 4's judgement per question: the responses fitted, the child's signals seen."""
    names = page.locator("input[type=radio][name^=fit_]").evaluate_all(
        "inputs => [...new Set(inputs.map(input => input.name))]"
    )
    assert names, "the checklist asks no question of fit"
    for name in names:
        page.check(f"input[name={name}][value=meestal]")


def pdf_text(data: bytes, tmp_path) -> str:
    return pdfs.text(data)
