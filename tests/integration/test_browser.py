"""The case system in the browser, against a real Open Zaak and the demo server (tasks run in
the web process there, as with `make run`): the functional admin configures the services, a
professional links a family to its case, the team lead approves and sees the registration; with
Open Zaak stopped the page shows the waiting state, and after it is back the lead sends it again
and sees the registration."""

from zgw_consumers.constants import APITypes
from zgw_consumers.models import Service

from tests.e2e import test_accessibility as accessibility
from tests.e2e import test_journeys as journeys
from tests.e2e.conftest import click_through, new_family_with_child, start_observation
from tests.integration.conftest import CLIENT_ID, SECRET, new_zaak
from zaaksysteem.models import CaseSystem


def _add_service(page, base, openzaak, *, label, api_type, path):
    page.goto(f"{base}/beheer/zgw_consumers/service/add/")
    page.fill("#id_label", label)
    page.fill("#id_slug", path)
    page.select_option("#id_api_type", api_type)
    page.fill("#id_api_root", openzaak.url(f"{path}/api/v1/"))
    page.fill("#id_client_id", CLIENT_ID)
    page.fill("#id_secret", SECRET)
    page.click("input[name=_save]")
    assert "met succes toegevoegd" in page.locator(".messagelist").inner_text()


def _case_system_for_the_test(openzaak):
    """The same configuration, unsaved, for the test's own calls (making a case)."""
    return CaseSystem(
        zaken_service=Service(
            api_type=APITypes.zrc,
            api_root=openzaak.url("zaken/api/v1/"),
            client_id=CLIENT_ID,
            secret=SECRET,
        ),
        rsin=openzaak.catalogue["rsin"],
    )


def _hand_in_new_observation(page):
    start_observation(page)
    journeys._answer_every_item_with_the_keyboard(page)
    page.click("button[name=submit]")
    assert "ingediend bij de teamleider" in page.locator(".alert").first.inner_text()
    return page.url


def _approve(lead, observation_url):
    lead.goto(observation_url)
    lead.click("button[name=approve]")
    assert "goedgekeurd" in lead.locator(".alert").first.inner_text()
    lead.goto(observation_url)
    return lead.locator("section[aria-labelledby=archief]").inner_text()


def test_configure_link_approve_and_see_the_registration_also_after_a_break(
    new_page, live_app, accounts, openzaak, tmp_path
):
    admin = accounts.login(new_page(), "beheerder")
    _add_service(admin, live_app, openzaak, label="Zaken API", api_type="zrc", path="zaken")
    _add_service(
        admin, live_app, openzaak, label="Documenten API", api_type="drc", path="documenten"
    )
    assert SECRET not in admin.content()
    admin.goto(f"{live_app}/beheer/zaaksysteem/casesystem/")
    admin.select_option("#id_zaken_service", label="[ZRC (Zaken)] Zaken API")
    admin.select_option("#id_documenten_service", label="[DRC (Informatieobjecten)] Documenten API")
    admin.fill("#id_rsin", openzaak.catalogue["rsin"])
    admin.fill("#id_identification_prefix", "BR")
    admin.fill("#id_report_type", openzaak.type_url("rapport"))
    admin.click("input[name=_save]")
    assert "De koppeling met het zaaksysteem is opgeslagen." in (
        admin.locator(".messagelist").inner_text()
    )

    zaak = new_zaak(openzaak, _case_system_for_the_test(openzaak))
    # The test's pages bypass the app's CSP only to inject axe; the app's policy stays strict.
    professional = accounts.login(new_page(bypass_csp=True), "medewerker")
    new_family_with_child(professional, live_app)
    click_through(professional, "text=Zaak koppelen")
    assert accessibility._violations(professional) == []
    professional.fill("#id_zaak", zaak["identificatie"])
    professional.click("main button[type=submit]")
    assert f"Het gezin is gekoppeld aan zaak {zaak['identificatie']}." in (
        professional.locator(".alert").first.inner_text()
    )
    family_url = professional.url
    first = _hand_in_new_observation(professional)

    lead = accounts.login(new_page(bypass_csp=True), "teamleider")
    archive = _approve(lead, first)
    assert "Geregistreerd in het zaaksysteem op" in archive
    lead.screenshot(path=str(tmp_path / "geregistreerd.png"), full_page=True)

    openzaak.stop()
    try:
        professional.goto(family_url)
        second = _hand_in_new_observation(professional)
        archive = _approve(lead, second)
        assert "Nog niet geregistreerd: poging 1, volgende poging op" in archive
        assert "niet bereikbaar" in archive
        lead.screenshot(path=str(tmp_path / "wacht.png"), full_page=True)
        assert accessibility._violations(lead) == []
        # At phone width the table stacks and nothing is wider than the window.
        lead.set_viewport_size({"width": 390, "height": 844})
        assert lead.evaluate("document.documentElement.scrollWidth") <= 390
        lead.screenshot(path=str(tmp_path / "wacht-telefoon.png"), full_page=True)
        lead.set_viewport_size({"width": 1280, "height": 900})
        lead.goto(live_app)
        assert "Niet geregistreerd in het zaaksysteem" in lead.content()
        assert accessibility._violations(lead) == []
    finally:
        openzaak.start()
    lead.goto(second)
    lead.click("text=Nu opnieuw versturen")
    assert "opnieuw naar het zaaksysteem gestuurd" in lead.locator(".alert").first.inner_text()
    archive = lead.locator("section[aria-labelledby=archief]").inner_text()
    assert "Geregistreerd in het zaaksysteem op" in archive
    lead.screenshot(path=str(tmp_path / "na-de-onderbreking.png"), full_page=True)
