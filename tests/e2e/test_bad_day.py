"""What busy people meet on a bad day, in the browser: a hand-in with parts still open."""

from tests.e2e.conftest import new_family_with_child, start_observation


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
    links = summary.locator("a")
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

    # The draft holds what was typed: a fresh load shows the answer and the note.
    page.goto(page.url)
    assert page.locator("input[type=radio][name^=item_]:checked").count() == 1
    assert (
        page.locator("textarea[name^=note_]").nth(1).input_value()
        == "Fictief: speelt rustig met de blokken."
    )
