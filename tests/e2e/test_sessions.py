"""The checklist form and the idle timeout, in real time, on a server whose sessions idle out
after 12 seconds (renewed at most every 2) instead of 30 minutes."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, Accounts, new_family_with_child, start_observation

WARNING = "Over een paar minuten word je automatisch uitgelogd"
ENDED = "wat je invulde, wordt bewaard tot je opnieuw bent ingelogd"


@pytest.fixture(scope="module")
def short_accounts(short_session_app):
    return Accounts(short_session_app)


@pytest.fixture
def checklist(new_page, short_session_app, short_accounts):
    page = short_accounts.login(new_page(), "medewerker")
    new_family_with_child(page, short_session_app)
    start_observation(page)
    return page


def test_idling_warns_typing_keeps_the_session_and_idling_on_ends_it(checklist):
    notice = checklist.locator("#session-keeper")
    expect(notice).to_contain_text(WARNING, timeout=15_000)
    checklist.locator("textarea[name^=note_]").first.type("Nog bezig met schrijven")
    expect(notice).to_be_hidden(timeout=5_000)
    expect(notice).to_contain_text(ENDED, timeout=25_000)
    checklist.reload()
    assert checklist.locator("h1").inner_text() == "Inloggen"  # the server agrees


def test_another_active_tab_keeps_the_checklist_from_warning(checklist, short_session_app):
    notice = checklist.locator("#session-keeper")
    elsewhere = checklist.context.new_page()
    for _visit in range(8):  # 20 seconds of work in another tab, longer than the idle timeout
        elsewhere.goto(f"{short_session_app}/gezinnen/")
        elsewhere.wait_for_timeout(2_500)
    assert notice.is_hidden()
    elsewhere.close()
    expect(notice).to_contain_text(WARNING, timeout=15_000)


def test_typing_after_the_session_ended_elsewhere_says_so(checklist, short_session_app):
    notice = checklist.locator("#session-keeper")
    elsewhere = checklist.context.new_page()
    elsewhere.goto(f"{short_session_app}/")
    elsewhere.click("text=Uitloggen")
    checklist.locator("textarea[name^=note_]").first.type("Na het uitloggen getypt")
    expect(notice).to_contain_text(ENDED, timeout=10_000)


def test_a_save_after_the_session_idled_out_keeps_every_typed_answer_through_the_login(
    checklist, short_accounts
):
    notice = checklist.locator("#session-keeper")
    checklist.locator("input[type=radio][name^=item_]").nth(2).check()
    checklist.locator("textarea[name^=note_]").first.fill("Fictief: nog niet opgeslagen tekst")
    checklist.fill("#id_conclusion", "Fictief: de conclusie")
    # Nothing more is typed: the session idles out, and the page says what saving will do.
    expect(notice).to_contain_text(ENDED, timeout=30_000)
    checklist.click("button[name=save]")
    checklist.wait_for_load_state()
    assert checklist.locator("h1").inner_text() == "Inloggen"
    assert "Wat je in de checklist invulde, is bewaard" in checklist.locator("main").inner_text()
    storage = checklist.evaluate("localStorage.length + sessionStorage.length")
    assert storage == 0  # nothing of the client in the browser's storage
    checklist.fill("#id_username", "medewerker")
    checklist.fill("#id_password", DEMO_PASSWORD)
    checklist.click("main button[type=submit]")
    checklist.wait_for_load_state()
    assert "/invullen/" in checklist.url
    assert "Het is nog niet opgeslagen" in checklist.locator(".alert").first.inner_text()
    assert checklist.locator("input[type=radio][name^=item_]").nth(2).is_checked()
    note = checklist.locator("textarea[name^=note_]").first
    assert note.input_value() == "Fictief: nog niet opgeslagen tekst"
    assert checklist.input_value("#id_conclusion") == "Fictief: de conclusie"
    checklist.click("button[name=save]")
    checklist.wait_for_load_state()
    assert "Het concept is opgeslagen." in checklist.locator(".alert").first.inner_text()
    checklist.reload()
    assert note.input_value() == "Fictief: nog niet opgeslagen tekst"
