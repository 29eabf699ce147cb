"""What busy people meet on a bad day, in the browser: a hand-in with parts still open."""

from tests.e2e.conftest import check_fitting, new_family_with_child, start_observation


def test_an_incomplete_hand_in_keeps_the_draft_and_leads_to_each_open_item(
    new_page, live_app, accounts
):
    page = accounts.login(new_page(), "medewerker")
    new_family_with_child(page, live_app)
    start_observation(page)
    page.locator("input[type=radio][name^=item_]").first.check()
    page.locator("textarea[name^=note_]").nth(1).fill("Fictief: speelt rustig met de blokken.")
    page.click("button[name=submit]")
    page.wait_for_load_state()

    summary = page.locator("[data-error-summary]")
    # The focus is on the summary, which names how many parts are open and links to each one.
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    links = summary.locator("li a")  # one per open part; the last link leads to the buttons
    title = summary.locator("h2").inner_text()
    assert title == f"Nog niet ingediend: {links.count()} onderdelen zijn nog open."
    assert links.count() >= 7  # seven items, three werkpunt choices, the network, safety
    assert "Het concept is opgeslagen" in summary.inner_text()
    first = links.first.inner_text()
    # The first open item is the second of the checklist (the first was answered).
    second_item = page.locator("fieldset[id^=div_id_item_] legend").nth(1).inner_text()
    assert first.split(" ")[0] == second_item.split(" ")[0]

    # One Tab reaches the first link; following it puts the focus on that item's first option.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == first
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.id")
    assert focused == links.first.get_attribute("href")[1:]
    assert page.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"
    assert page.locator(f"#{focused}").is_visible()

    # Reloading (F5) sends nothing again: the page was reached by a redirect, so the browser
    # asks nothing, and it shows the same open parts from the stored draft, no conflict.
    assert page.url.endswith("?nog-open=1")
    page.reload()
    page.wait_for_load_state()
    assert "in een ander venster" not in page.content()
    assert "Niet opgeslagen" not in page.locator("main").inner_text()
    assert page.locator("[data-error-summary] h2").inner_text() == title

    # The draft holds what was typed: a fresh load shows the answer and the note.
    page.goto(page.url.split("?")[0])
    assert page.locator("input[type=radio][name^=item_]:checked").count() == 1
    assert (
        page.locator("textarea[name^=note_]").nth(1).input_value()
        == "Fictief: speelt rustig met de blokken."
    )


def test_a_long_note_counts_its_characters_and_is_never_cut(new_page, live_app, accounts):
    page = accounts.login(new_page(), "medewerker")
    new_family_with_child(page, live_app)
    start_observation(page)
    note = page.locator("textarea[name^=note_]").first
    counter = page.locator(f"#{note.get_attribute('id')}_count")
    assert counter.inner_text() == "Hoogstens 1000 tekens."
    note.fill("Fictief: rustig.")
    assert counter.inner_text() == "16 van 1000 tekens"
    pasted = "x" * 1040
    note.fill(pasted)
    assert note.input_value() == pasted  # nothing cut
    assert counter.inner_text().startswith("1040 van 1000 tekens: 40 te veel.")
    page.click("button[name=save]")
    page.wait_for_load_state()
    assert (
        "Niet opgeslagen: 1 onderdeel klopt nog niet."
        in page.locator("[data-error-summary]").inner_text()
    )
    assert page.locator("textarea[name^=note_]").first.input_value() == pasted


def test_back_after_handing_in_shows_the_observation_with_the_team_lead(
    new_page, live_app, accounts
):
    page = accounts.login(new_page(), "medewerker")
    new_family_with_child(page, live_app)
    start_observation(page)
    for group in page.locator("fieldset[id^=div_id_item_]").all():
        group.locator("input[type=radio]").nth(2).check()
    for radio in page.locator("input[type=radio][name^=work_point_][value=nee]").all():
        radio.check()
    check_fitting(page)
    page.select_option("#id_caregiver_relation_0", "moeder")
    page.check("input[name=network_check][value=eerste-keer]")
    page.check("input[name=safety_concern][value=nee]")
    page.fill("#id_next_visit", "2030-01-07")
    checklist = page.url
    page.click("button[name=submit]")
    page.wait_for_load_state()
    assert "ingediend bij de teamleider" in page.locator(".alert").first.inner_text()
    assert page.locator(".concept-mark").inner_text() == "INGEDIEND – wacht op beoordeling"

    page.go_back()
    page.wait_for_load_state()
    assert page.url != checklist
    assert "/observaties/" in page.url
    assert "/invullen/" not in page.url
    assert "Geen toegang" not in page.content()
    assert "ligt nu bij de teamleider" in page.locator(".alert").first.inner_text()
