"""Daily use in the browser: closing a family with a question first and the lead's way back, the
error summary on every form, limits that refuse instead of cutting, and the way to the buttons."""

from datetime import timedelta

from django.utils import timezone

from tests.e2e.conftest import new_family_with_child, start_observation


def _summary_has_the_focus(page, title):
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert summary.locator("h2").inner_text() == title
    return summary


def test_closing_asks_first_and_the_team_lead_reopens_with_a_reason(new_page, live_app, accounts):
    page = accounts.login(new_page(), "medewerker")
    reference = new_family_with_child(page, live_app)
    family = page.url
    page.click("text=Gezin afsluiten…")
    assert page.locator("h1").inner_text() == f"Gezin {reference} afsluiten?"
    assert "De bewaartermijn van 20 jaar begint" in page.locator("main").inner_text()
    page.click("text=Annuleren")
    assert page.url == family
    assert "Nieuwe observatie" in page.locator("main").inner_text()
    page.click("text=Gezin afsluiten…")
    page.click("text=Ja, gezin afsluiten")
    assert "Dit gezin is afgesloten" in page.locator("main").inner_text()
    assert page.locator("text=Gezin heropenen").count() == 0  # only a team lead reopens

    lead = accounts.login(new_page(), "teamleider")
    lead.goto(family)
    lead.click("text=Gezin heropenen")
    lead.click("main button[type=submit]")  # no reason given
    summary = _summary_has_the_focus(lead, "Nog niet gelukt: 1 onderdeel klopt nog niet.")
    lead.keyboard.press("Tab")
    lead.keyboard.press("Enter")
    assert lead.evaluate("document.activeElement.id") == "id_reason"
    assert summary.locator("a").get_attribute("href") == "#id_reason"
    lead.fill("#id_reason", "Fictief: het gezin vraagt opnieuw om steun.")
    lead.click("main button[type=submit]")
    main = lead.locator("main").inner_text()
    assert "Het gezin is heropend." in main
    assert "Fictief: het gezin vraagt opnieuw om steun." in main
    assert "Nieuwe observatie" in main


def test_adding_a_family_with_errors_and_a_pasted_long_reference(new_page, live_app, accounts):
    page = accounts.login(new_page(), "medewerker")
    page.goto(f"{live_app}/gezinnen/nieuw/")
    reference = page.locator("#id_case_reference")
    pasted = "NRD" + "7" * 297
    reference.fill(pasted)
    assert reference.input_value() == pasted  # nothing cut
    counter = page.locator("#id_case_reference_count")
    assert counter.inner_text().startswith("300 van 40 tekens: 260 te veel.")
    tomorrow = timezone.localdate() + timedelta(days=1)
    page.fill("#id_opened_on", tomorrow.isoformat())
    page.click("main button[type=submit]")
    summary = _summary_has_the_focus(page, "Nog niet gelukt: 2 onderdelen kloppen nog niet.")
    text = summary.inner_text()
    assert "Dossiernummer: Dit zijn 300 tekens; hoogstens 40 kan" in text
    assert "Gestart op: De startdatum kan niet in de toekomst liggen." in text
    assert page.locator("#id_case_reference").input_value() == pasted
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_case_reference"


def test_returning_without_a_comment_shows_the_summary(new_page, live_app, accounts):
    page = accounts.login(new_page(), "teamleider")
    page.goto(live_app)
    page.locator("a", has_text="Beoordelen").first.click()
    page.click("button[name=return]")
    summary = _summary_has_the_focus(page, "Nog niet gelukt: 1 onderdeel klopt nog niet.")
    assert "Opmerking voor de medewerker" in summary.inner_text()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_comment"


def test_the_checklist_has_a_way_to_its_buttons_and_a_date_error_in_the_first_round(
    new_page, live_app, accounts
):
    page = accounts.login(new_page(), "medewerker")
    new_family_with_child(page, live_app)
    start_observation(page)
    skip = page.locator("main a[href='#checklist-acties']").first
    # From the top of the form: the link comes before the first question.
    first_radio = page.locator("input[type=radio][name^=item_]").first
    follows = (
        "(link, radio) => link.compareDocumentPosition(radio) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    assert skip.evaluate(follows, first_radio.element_handle())
    skip.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "save"  # Concept opslaan

    # A discussion date in the future is said in the first round, beside what else is open.
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    page.fill("#id_discussed_on", future)
    page.click("button[name=submit]")
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]").inner_text()
    assert "Besproken met de ouder op" in summary
    assert summary.count("\n") > 3  # the open items too, in the same round


def test_empty_network_rows_appear_on_request(new_page, live_app, accounts):
    page = accounts.login(new_page(), "medewerker")
    new_family_with_child(page, live_app)
    start_observation(page)
    changes = page.locator("table[aria-labelledby=netwerk-wisselingen] tbody tr")
    caregivers = page.locator("table[aria-labelledby=netwerk-opvoeders] tbody tr")
    # A first visit: one empty row each; the others are not on the page until asked for.
    assert changes.count() == 1
    assert caregivers.count() == 1
    assert page.locator("#id_change_what_1").count() == 0
    page.fill("#id_change_what_0", "Fictief: andere opvang.")
    page.click("text=Nog een wisseling toevoegen")
    assert changes.count() == 2
    assert page.evaluate("document.activeElement.id") == "id_change_what_1"
    page.fill("#id_change_what_1", "Fictief: verhuisd.")
    page.fill("#id_change_month_1", "2026-09")
    page.click("button[name=save]")
    page.wait_for_load_state()
    # The saved rows stay, with the next empty one; one more can be added, then no more.
    assert changes.count() == 3
    assert page.locator("#id_change_what_1").input_value() == "Fictief: verhuisd."
    page.click("text=Nog een wisseling toevoegen")
    assert changes.count() == 4
    assert page.locator("text=Nog een wisseling toevoegen").count() == 0


def test_without_javascript_every_network_row_is_there(new_page, live_app, accounts):
    page = accounts.login(new_page(java_script_enabled=False), "medewerker")
    new_family_with_child(page, live_app)
    start_observation(page)
    changes = page.locator("table[aria-labelledby=netwerk-wisselingen] tbody tr")
    assert changes.count() == 4
    assert all(changes.nth(i).is_visible() for i in range(4))
    page.fill("#id_change_what_2", "Fictief: andere opvang.")
    page.fill("#id_change_month_2", "2026-10")
    page.click("button[name=save]")
    page.wait_for_load_state()
    assert page.locator("#id_change_what_2").input_value() == "Fictief: andere opvang."
