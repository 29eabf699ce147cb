"""A real case system for the integration tests: Open Zaak 1.21.0 on loopback, installed by
`integration/openzaak/install.sh` (`make integration` passes what it made in
HECHTINGSWIJZER_OPENZAAK) and served here, so a test can stop it and start it again.

Nothing is recorded or mocked: faults are made real (Open Zaak stopped, a wrong secret, a wrong
type). Without HECHTINGSWIJZER_OPENZAAK these tests are skipped with one line.
"""

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests
from zgw_consumers.constants import APITypes
from zgw_consumers.models import Service

from deploy.serving import free_port
from tests.e2e.conftest import (  # noqa: F401 - the browser and demo server, for test_browser
    accounts,
    browser,
    live_app,
    new_page,
)
from zaaksysteem.client import Person, documenten_api, zaken_api
from zaaksysteem.models import CaseSystem

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = os.environ.get("OPENZAAK_CLIENT_ID", "hechtingswijzer-test")
SECRET = os.environ.get("OPENZAAK_SECRET", "integration-tests-only-secret-for-hs256")


CATALOGUE = os.environ.get("HECHTINGSWIJZER_OPENZAAK", "")


def pytest_report_header(config):
    if not CATALOGUE:
        return (
            "Integratietests (zaaksysteem) overgeslagen: geen Open Zaak; draai `make integration`."
        )
    return None


def pytest_collection_modifyitems(config, items):
    if CATALOGUE:
        return
    skip = pytest.mark.skip(
        reason="Integratietests overgeslagen: geen Open Zaak (draai ze met `make integration`)"
    )
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(skip)


class OpenZaak:
    """The Open Zaak server process: started, stopped and started again by the tests."""

    def __init__(self, catalogue):
        self.catalogue = catalogue
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def url(self, path):
        return f"{self.base}/{path}"

    def type_url(self, key):
        uuid = self.catalogue["informatieobjecttypen"][key]
        return self.url(f"catalogi/api/v1/informatieobjecttypen/{uuid}")

    def start(self):
        self.process = subprocess.Popen(
            ["bash", str(ROOT / "integration" / "openzaak" / "serve.sh")],
            env={**os.environ, "OPENZAAK_PORT": str(self.port)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(self.url("zaken/api/v1/"), timeout=2)
                return
            except requests.RequestException:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("Open Zaak kwam niet op") from None
                time.sleep(0.3)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        self.process = None


@pytest.fixture(scope="session")
def openzaak():
    server = OpenZaak(json.loads(CATALOGUE))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def running_openzaak(openzaak):
    """Open Zaak, started again after a test that stopped it."""
    yield openzaak
    if openzaak.process is None:
        openzaak.start()


def configure(openzaak, *, secret=SECRET, **settings):
    """The functional admin's configuration, pointing at this Open Zaak."""
    services = {}
    for api_type, path in ((APITypes.zrc, "zaken"), (APITypes.drc, "documenten")):
        services[api_type], _created = Service.objects.update_or_create(
            slug=f"{path}-integratie",
            defaults={
                "label": f"{path.capitalize()} (Open Zaak)",
                "api_type": api_type,
                "api_root": openzaak.url(f"{path}/api/v1/"),
                "client_id": CLIENT_ID,
                "secret": secret,
                "timeout": 10,
            },
        )
    case_system = CaseSystem.get_solo()
    case_system.zaken_service = services[APITypes.zrc]
    case_system.documenten_service = services[APITypes.drc]
    case_system.rsin = openzaak.catalogue["rsin"]
    case_system.identification_prefix = f"T{time.time_ns() % 10**8}"  # unique per test
    case_system.report_type = openzaak.type_url("rapport")
    case_system.parent_sheet_type = openzaak.type_url("blad")
    case_system.safety_type = openzaak.type_url("veiligheid")
    for name, value in settings.items():
        setattr(case_system, name, value)
    case_system.full_clean()
    case_system.save()
    return case_system


@pytest.fixture
def case_system(db, running_openzaak):
    return configure(running_openzaak)


TESTER = Person(user_id="integratietest", representation="Integratietest")


def new_zaak(openzaak, case_system):
    """A case of the test catalogue, made through the Zaken API as the case system's users do."""
    zaaktype = openzaak.url(f"catalogi/api/v1/zaaktypen/{openzaak.catalogue['zaaktype']}")
    api = zaken_api(case_system, TESTER)
    return api.call(
        "POST",
        "zaken",
        json={
            "zaaktype": zaaktype,
            "bronorganisatie": case_system.rsin,
            "verantwoordelijkeOrganisatie": case_system.rsin,
            "startdatum": "2026-12-01",
        },
        headers={"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"},
    )


@pytest.fixture
def zaak(case_system, running_openzaak):
    return new_zaak(running_openzaak, case_system)


def documents_named(case_system, identification):
    """Every document in Open Zaak with this identification."""
    api = documenten_api(case_system, TESTER)
    page = api.call(
        "GET",
        "enkelvoudiginformatieobjecten",
        params={"identificatie": identification, "bronorganisatie": case_system.rsin},
    )
    return page["results"]
