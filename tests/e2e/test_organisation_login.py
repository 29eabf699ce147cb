"""A professional logs in with the organisation's account, through a real OpenID provider on
loopback, records an observation, and is logged out when they log out at the provider."""

from types import SimpleNamespace

import pytest

from deploy.serving import free_port
from tests.e2e.conftest import _serve_demo, new_family_with_child, start_observation
from tests.e2e.test_accessibility import _violations
from tests.e2e.test_journeys import _answer_every_item_with_the_keyboard
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, PASSWORD, running_provider


@pytest.fixture(scope="module")
def organisation_app(tmp_path_factory):
    """A demo server whose login offers the organisation account, and its provider."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running_provider(
        tmp_path_factory.mktemp("provider"),
        [f"{base}/inloggen/organisatie/terug/"],
        backchannel_logout_uri=f"{base}/inloggen/organisatie/uitloggen/",
    ) as provider:
        configure = [
            "organisation_login",
            "--enabled",
            "--discovery-url",
            provider.discovery_url,
            "--client-id",
            CLIENT_ID,
            "--function-title-claim",
            "job_title",
        ]
        for served in _serve_demo(
            tmp_path_factory,
            "hechtingswijzer_e2e_oidc",
            port=port,
            commands=[configure],
            HECHTINGSWIJZER_OIDC_CLIENT_SECRET=CLIENT_SECRET,
        ):
            yield SimpleNamespace(base=served, provider=provider)


def test_a_professional_logs_in_with_the_organisation_account_and_records_an_observation(
    new_page, organisation_app
):
    base = organisation_app.base
    page = new_page()
    page.goto(f"{base}/inloggen/")
    page.click("text=Inloggen met je organisatie-account")
    assert page.locator("h1").inner_text() == "Inloggen bij de organisatie"  # the provider's
    page.fill("#login", "medewerker")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    # The provider asserted a second factor: straight to the dashboard, no code of ours.
    assert page.url == f"{base}/"
    assert "Wijkteam" in page.locator("main").inner_text()
    new_family_with_child(page, base)
    start_observation(page)
    _answer_every_item_with_the_keyboard(page)
    page.click("button[name=submit]")
    assert "ingediend bij de teamleider" in page.locator(".alert").first.inner_text()
    # Logging out on the provider's own page ends this session too (back-channel logout).
    at_provider = page.context.new_page()
    at_provider.goto(f"{organisation_app.provider.issuer}/session/end?client_id={CLIENT_ID}")
    at_provider.click("text=Yes, sign me out")
    page.goto(f"{base}/")
    assert page.url.startswith(f"{base}/inloggen/")


def test_the_login_page_with_both_ways_in_passes_axe(new_page, organisation_app):
    page = new_page(bypass_csp=True)
    page.goto(f"{organisation_app.base}/inloggen/")
    assert page.get_by_role("link", name="Inloggen met je organisatie-account").is_visible()
    assert page.get_by_label("Gebruikersnaam").is_visible()
    assert _violations(page) == []
