"""The journeys of issue 6, through the UI only, against a live server."""

from datetime import date, timedelta
from pathlib import Path

from tests.e2e.conftest import (
    check_fitting,
    new_family_with_child,
    pdf_text,
    start_observation,
)


def _answer_every_item_with_the_keyboard(page):
    """Tab to each item's radio group and choose 'vaak' with the arrow keys."""
    groups = page.locator("input[type=radio][name^=item_]").evaluate_all(
        "inputs => new Set(inputs.map(input => input.name)).size"
    )
    page.focus("#id_setting")
    answered = 0
    # Past every item, and past the caregiver network's fields between the conditions.
    for _step in range(groups * 6 + 160):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.name || ''")
        if name.startswith("item_"):
            page.keyboard.press("ArrowRight")
            page.keyboard.press("ArrowRight")
            answered += 1
            if answered == groups:
                break
    assert answered == groups
    _judge(page)


def _judge(page):
    """The professional's own choice per condition (no werkpunt), the responses fitting what the
    child showed, who cares for the child (for the first time), and no concern about the child's
    safety."""
    for radio in page.locator("input[type=radio][name^=work_point_][value=nee]").all():
        radio.check()
    check_fitting(page)
    page.select_option("#id_caregiver_relation_0", "moeder")
    page.fill("#id_caregiver_days_0", "7")
    page.check("input[name=network_check][value=eerste-keer]")
    page.check("input[name=safety_concern][value=nee]")
    page.fill("#id_next_visit", (date.today() + timedelta(days=28)).isoformat())


def test_a_professional_records_an_observation_with_the_keyboard(new_page, live_app, accounts):
    page = accounts.login(new_page(), "medewerker")
    new_family_with_child(page, live_app)
    start_observation(page)
    _answer_every_item_with_the_keyboard(page)
    assert page.locator(".answered-count").all_inner_texts() == [
        "5 van 5 items beantwoord",
        "3 van 3 items beantwoord",
    ]
    page.click("button[name=save]")
    assert "Het concept is opgeslagen." in page.locator(".alert").first.inner_text()
    page.reload()
    assert page.locator("input[type=radio][name^=item_]:checked").count() == 8
    assert page.locator("input[type=radio][name^=work_point_]:checked").count() == 3
    page.click("button[name=submit]")
    assert "ingediend bij de teamleider" in page.locator(".alert").first.inner_text()


def test_the_team_lead_returns_then_approves_and_downloads_the_report(
    new_page, live_app, accounts, tmp_path
):
    professional = accounts.login(new_page(), "medewerker")
    reference = new_family_with_child(professional, live_app)
    start_observation(professional)
    _answer_every_item_with_the_keyboard(professional)
    professional.click("button[name=submit]")
    observation_url = professional.url

    lead = accounts.login(new_page(), "teamleider")
    lead.goto(live_app)
    lead.locator("tr", has_text=reference).locator("a", has_text="Beoordelen").click()
    lead.fill("#id_comment", "Beschrijf bij SR-3 wat vader vertelde.")
    lead.click("button[name=return]")
    assert "teruggestuurd" in lead.locator(".alert").first.inner_text()

    professional.goto(live_app)
    professional.locator("a", has_text=reference).click()
    assert "Beschrijf bij SR-3 wat vader vertelde." in professional.content()
    professional.locator("textarea[name^=note_]").nth(2).fill(
        "Vader vertelde wat hij deed bij het aankleden."
    )
    professional.click("button[name=submit]")

    lead.goto(observation_url)
    lead.click("button[name=approve]")
    assert "goedgekeurd" in lead.locator(".alert").first.inner_text()
    lead.goto(observation_url)
    with lead.expect_download() as download:
        lead.click("text=Rapport downloaden (PDF)")
    assert download.value.suggested_filename.startswith(f"hechtingswijzer-{reference}-")
    text = pdf_text(Path(download.value.path()).read_bytes(), tmp_path)
    assert "Vader vertelde wat hij deed bij het aankleden." in text
    assert "goedgekeurd" in text
    assert "CONCEPT" not in text


def test_the_admin_publishes_a_new_version_that_new_observations_use(
    new_page, live_app, accounts, tmp_path
):
    admin = accounts.login(new_page(), "beheerder")
    admin.goto(f"{live_app}/beheer/hechting/checklistversion/")
    admin.click("text=Nieuw concept van de huidige versie")
    admin.locator("textarea").filter(has_text="Kijk naar het gezicht van de ouder").fill(
        "Kijk vooral naar het gezicht van de ouder tijdens het spel."
    )
    admin.click("input[name=_continue]")
    admin.click("text=Publiceren als huidige versie")
    message = admin.locator(".messagelist").inner_text()
    assert "is gepubliceerd en is nu de huidige versie" in message

    professional = accounts.login(new_page(), "medewerker")
    new_family_with_child(professional, live_app)
    start_observation(professional)
    assert "Kijk vooral naar het gezicht van de ouder tijdens het spel." in professional.content()

    lead = accounts.login(new_page(), "teamleider")
    lead.goto(f"{live_app}/gezinnen/")
    lead.click("text=DEMO-0001")
    with lead.expect_download() as download:
        lead.locator("a", has_text="PDF").nth(1).click()
    text = pdf_text(Path(download.value.path()).read_bytes(), tmp_path)
    # An approved report keeps the wording of its own version.
    assert "een vriendelijke gezichtsuitdrukking heeft en naar het kind lacht." in text
    assert "Kijk vooral" not in text


def test_two_tabs_the_second_sees_who_saved_when_and_what_differs_and_chooses(
    new_page, live_app, accounts
):
    first = accounts.login(new_page(), "medewerker")
    new_family_with_child(first, live_app)
    start_observation(first)
    second = first.context.new_page()  # a second tab of the same browser
    second.goto(first.url)

    first.locator("input[type=radio][name^=item_]").first.check()
    first.click("button[name=save]")
    assert "Het concept is opgeslagen." in first.locator(".alert").first.inner_text()

    second.locator("input[type=radio][name^=item_]").nth(3).check()
    second.locator("textarea[name^=note_]").first.fill("Mijn aantekening")
    second.click("button[name=save]")
    second.wait_for_load_state()
    conflict = second.locator(".conflict")
    assert second.evaluate("document.activeElement.classList.contains('conflict')")
    assert "in een ander venster" in conflict.inner_text()
    assert "Jij hebt haar op " in conflict.inner_text()
    rows = conflict.locator("tbody tr")
    assert rows.count() == 2  # the first item's answer, and the note
    assert "Mijn aantekening" in rows.nth(1).inner_text()
    assert second.locator("textarea[name^=note_]").first.input_value() == "Mijn aantekening"

    # Save this one over it, after seeing what differs: the first tab then shows it.
    second.click("text=Deze versie opslaan en de andere vervangen")
    second.wait_for_load_state()
    assert "Het concept is opgeslagen." in second.locator(".alert").first.inner_text()
    first.reload()
    assert first.locator("textarea[name^=note_]").first.input_value() == "Mijn aantekening"
    assert first.locator("input[type=radio][name^=item_]:checked").count() == 1

    # The other way round: the first tab, now behind, takes over the stored version.
    first.locator("textarea[name^=note_]").first.fill("Oude tekst")
    second.locator("textarea[name^=note_]").nth(1).fill("Tweede aantekening")
    second.click("button[name=save]")
    first.click("button[name=save]")
    first.wait_for_load_state()
    first.click("text=De opgeslagen versie openen")
    first.wait_for_load_state()
    assert first.locator(".conflict").count() == 0
    assert first.locator("textarea[name^=note_]").nth(1).input_value() == "Tweede aantekening"
    assert first.locator("textarea[name^=note_]").first.input_value() == "Mijn aantekening"


def _held_posts(page):
    """POSTs that the browser sends, held back until the test lets them through."""
    held = []

    def hold(route):
        if route.request.method == "POST":
            held.append(route)
        else:
            route.continue_()

    page.route("**/*", hold)
    return held


def _click_twice_while_the_first_is_on_its_way(page, button, held):
    # The page clicks a second time itself: Playwright's own click would wait for the navigation
    # of the first, and a person does not.
    page.evaluate(
        """selector => {
            const button = document.querySelector(selector);
            const again = () => setTimeout(() => button.click(), 200);
            button.addEventListener("click", again, {once: true});
        }""",
        button,
    )
    page.click(button, no_wait_after=True)
    page.wait_for_timeout(1000)  # the second click, and time for its request to leave, were it sent
    sent = len(held)
    while held:  # let them through before asserting, so a failing test ends cleanly
        held.pop(0).continue_()
    page.wait_for_load_state()
    assert sent == 1


def test_a_second_click_on_save_or_hand_in_sends_nothing_more(new_page, live_app, accounts):
    page = accounts.login(new_page(), "medewerker")
    new_family_with_child(page, live_app)
    start_observation(page)
    _answer_every_item_with_the_keyboard(page)
    held = _held_posts(page)
    _click_twice_while_the_first_is_on_its_way(page, "button[name=save]", held)
    assert "Het concept is opgeslagen." in page.locator(".alert").first.inner_text()
    _click_twice_while_the_first_is_on_its_way(page, "button[name=submit]", held)
    assert "ingediend bij de teamleider" in page.locator(".alert").first.inner_text()


def test_leaving_the_checklist_with_unsaved_input_asks_first(new_page, live_app, accounts):
    page = accounts.login(new_page(), "medewerker")
    reference = new_family_with_child(page, live_app)
    start_observation(page)
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    note = page.locator("textarea[name^=note_]").first
    note.click()
    note.type("Nog niet opgeslagen")
    page.click(f"main a:has-text('{reference}')", no_wait_after=True)
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]  # and staying was chosen
    assert "/invullen/" in page.url
    assert note.input_value() == "Nog niet opgeslagen"
    page.click("button[name=save]")
    assert "Het concept is opgeslagen." in page.locator(".alert").first.inner_text()
    page.click(f"main a:has-text('{reference}')")
    assert page.locator("h1").inner_text() == f"Gezin {reference}"
    assert asked == ["beforeunload"]  # nothing unsaved: no question


def test_the_professional_words_the_parent_sheet_and_the_team_lead_signs_off(
    new_page, live_app, accounts, tmp_path
):
    professional = accounts.login(new_page(), "medewerker")
    reference = new_family_with_child(professional, live_app)
    start_observation(professional)
    _answer_every_item_with_the_keyboard(professional)
    professional.fill("#id_agreement_what_0", "Elke avond samen een liedje zingen.")
    professional.select_option("#id_agreement_who_0", "ouder")
    visit_date = professional.input_value("#id_visit_date")
    professional.fill("#id_discussed_on", visit_date)
    professional.fill("#id_parent_reaction", "Dat doen we al een beetje.")
    professional.click("button[name=submit]")
    observation_url = professional.url

    professional.locator("a", has_text="Blad voor de ouder").first.click()
    assert "Wat ging goed?" in professional.locator("article").inner_text()
    professional.click("text=Tekst aanpassen")
    went_well = professional.input_value("#id_went_well").splitlines()
    professional.fill("#id_went_well", "\n".join(["Je lachte heel lief naar R.", *went_well[1:]]))
    professional.click("main button[type=submit]")
    assert "opgeslagen" in professional.locator(".alert").first.inner_text()
    sheet = professional.locator("article").inner_text()
    assert "Je lachte heel lief naar R." in sheet
    assert "Elke avond samen een liedje zingen." in sheet

    lead = accounts.login(new_page(), "teamleider")
    lead.goto(live_app)
    lead.locator("tr", has_text=reference).locator("a", has_text="Beoordelen").click()
    lead.click("button[name=approve]")
    lead.goto(observation_url)
    sign_off = lead.locator(".report-sign-off").inner_text()
    assert "Mila Demo, jeugdverpleegkundige" in sign_off
    assert "Tarik Demo, teamleider jeugdgezondheidszorg" in sign_off
    assert "nog niet besproken" not in sign_off
    with lead.expect_download() as download:
        lead.click("text=Blad voor de ouder (PDF)")
    assert download.value.suggested_filename.startswith(f"voor-de-ouder-{reference}-")
    text = pdf_text(Path(download.value.path()).read_bytes(), tmp_path)
    assert "Je lachte heel lief naar R." in text
    assert "Voorbeeld" not in text


def test_the_team_lead_opens_the_open_safety_concern_from_the_dashboard_and_adds_a_note(
    new_page, live_app, accounts
):
    lead = accounts.login(new_page(), "teamleider")
    lead.goto(live_app)
    concerns = lead.locator("section", has_text="Open zorgen over de veiligheid")
    assert "DEMO-0001" in concerns.inner_text()
    assert "dagen" in concerns.inner_text()
    concerns.locator("a", has_text="Zorg openen").click()
    assert "Vertrouwelijk." in lead.locator("main").inner_text()
    assert "Fictief: harde ruzie tussen de ouders" in lead.locator("main").inner_text()
    lead.fill("#id_text", "Fictief: morgen bellen met de medewerker.")
    lead.click("main button[type=submit]")
    assert "Je notitie is opgeslagen." in lead.locator(".alert").first.inner_text()
    assert "Fictief: morgen bellen met de medewerker." in lead.locator("main").inner_text()
    assert "Tarik Demo" in lead.locator("main").inner_text()


def test_a_stress_factor_with_yes_needs_an_action_chosen_from_the_examples(
    new_page, live_app, accounts
):
    page = accounts.login(new_page(), "medewerker")
    new_family_with_child(page, live_app)
    start_observation(page)
    _answer_every_item_with_the_keyboard(page)
    debts = page.locator(".checklist-item", has_text="Schulden").first
    debts.locator("input[type=radio][value=ja]").check()
    page.click("button[name=submit]")
    assert "Leg een actie vast" in page.locator("main").inner_text()
    action = page.locator("details.stress-action", has_text="Schulden")
    assert action.get_attribute("open") is not None  # opened at the error
    what = action.locator("input[name^=factor_action_]").first
    what.fill("Verwijzing naar schuldhulpverlening van de gemeente")
    action.locator("select").select_option("verwijzing")
    action.locator("input[name^=factor_action_other_]").fill("schuldhulpverlening gemeente")
    page.click("button[name=submit]")
    assert "ingediend bij de teamleider" in page.locator(".alert").first.inner_text()
    report = page.locator("table.report-stress").inner_text()
    assert "verwijzing naar schuldhulpverlening gemeente" in report


def test_a_concern_from_signal_to_decision_with_two_consultations(
    new_page, live_app, accounts, tmp_path
):
    """A bruise on a child that does not yet move about: the guideline's text opens, hand-in
    waits for a consultation; with two consultations, step 3 and a decision of help and a report
    it is handed in; the report downloaded from the observation holds nothing of it, the
    confidential document holds it all."""
    today = date.today().isoformat()
    page = accounts.login(new_page(), "medewerker")
    reference = new_family_with_child(page, live_app)
    start_observation(page)
    _answer_every_item_with_the_keyboard(page)
    page.check("input[name=safety_concern][value=ja]")
    page.fill("#id_safety_signals", "Fictief: blauwe plek op de bovenarm.")
    page.check("input[name=safety_injury][value=ja]")
    page.check("input[name=safety_mobile][value=nee]")
    page.select_option("#id_safety_step", "5")
    page.fill("#id_safety_step_on", today)
    page.click("button[name=submit]")
    guidance = page.locator("details.injury-guidance")
    assert guidance.get_attribute("open") is not None
    assert "Stel geen sturende vragen" in guidance.inner_text()
    assert "overleg voordat je indient" in page.locator("main").inner_text()

    for row, (whom, outcome) in enumerate(
        [("arts", "Fictief: jeugdarts zag het kind."), ("veilig-thuis", "Fictief: advies.")]
    ):
        page.fill(f"#id_safety_consult_on_{row}", today)
        page.select_option(f"#id_safety_consult_with_{row}", whom)
        page.fill(f"#id_safety_consult_outcome_{row}", outcome)
    page.fill("#id_safety_talk_on", today)
    page.fill("#id_safety_talk_note", "Fictief: zonder sturende vragen besproken.")
    page.select_option("#id_safety_decision", "hulp-en-melding")
    page.fill("#id_safety_decision_on", today)
    page.fill("#id_safety_decided_by", "Fictief: ik, met de aandachtsfunctionaris")
    page.fill("#id_safety_reported_on", today)
    page.fill("#id_next_visit", (date.today() + timedelta(days=7)).isoformat())
    page.click("button[name=submit]")
    assert "ingediend bij de teamleider" in page.locator(".alert").first.inner_text()
    observation_url = page.url

    page.goto(observation_url.split("invullen/")[0])
    with page.expect_download() as download:
        page.click("text=Rapport downloaden (PDF)")
    report = pdf_text(Path(download.value.path()).read_bytes(), tmp_path)
    assert "blauwe plek" not in report
    assert "veiligheid" not in report.lower()
    with page.expect_download() as download:
        page.click("text=Vertrouwelijk deel downloaden (PDF)")
    assert download.value.suggested_filename.startswith(f"vertrouwelijk-{reference}-")
    confidential = pdf_text(Path(download.value.path()).read_bytes(), tmp_path)
    assert (
        "jeugdarts of andere medische professional – Fictief: jeugdarts zag het kind."
        in confidential
    )
    assert "Veilig Thuis (advies, geen melding) – Fictief: advies." in confidential
    assert "hulp geboden of georganiseerd én gemeld bij Veilig Thuis" in confidential
