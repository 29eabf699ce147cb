"""The app on a phone (390 px) and at 200% zoom (a 1280 px window laid out at 640 CSS pixels):
no page scrolls sideways, the menu folds away behind one button, and the checklist's save bar
stays small.

Every page a professional, a team lead and a functional admin can reach by following links from
their start page is visited (downloads and logging out aside; of Django's admin, the checklist
version pages), and the pages reached only by a form: the login and its two-factor step, and the
checklist, blank and with every error.
"""

import re

import pytest

from tests.e2e.conftest import click_through, new_family_with_child, start_observation
from tests.e2e.test_accessibility import _violations

PHONE = {"width": 390, "height": 844}
ZOOMED = {"width": 640, "height": 450}
_NOT_A_PAGE = re.compile(r"uitloggen|\.pdf|\.csv|/inzage/|/beheer/|/i18n/|/sessie/|/archief/")
# The pages that scrolled sideways on a phone before their tables became stacked rows.
_NAMED = {
    "/gezinnen/": "families",
    r"/gezinnen/\d+/": "family",
    r"/observaties/\d+/": "observation",
    r"/teams/\d+/overzicht/": "team overview",
    "/toegangslog/": "access log",
}


def _width(page):
    page.wait_for_load_state("load")  # with its stylesheets applied
    return page.evaluate("document.documentElement.scrollWidth")


def _crawl(page, base, limit=45):
    """Follows the links from the start page, breadth first; the widths by path."""
    widths, queue = {}, [f"{base}/"]
    while queue and len(widths) < limit:
        url = queue.pop(0).split("#")[0]
        path = url.removeprefix(base)
        if path in widths:
            continue
        response = page.goto(url)
        assert response.status == 200, path
        widths[path] = _width(page)
        links = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
        queue += [link for link in links if link.startswith(base) and not _NOT_A_PAGE.search(link)]
    return widths


@pytest.mark.parametrize("viewport", [PHONE, ZOOMED], ids=["phone", "200%"])
@pytest.mark.parametrize("username", ["medewerker", "teamleider", "beheerder"])
def test_no_page_scrolls_sideways(new_page, live_app, accounts, viewport, username):
    page = new_page(viewport=viewport)
    login_widths = []
    accounts.login(page, username, each_page=lambda page: login_widths.append(_width(page)))
    assert len(login_widths) >= 2  # the login form, a two-factor step if asked, the start page
    assert max(login_widths) <= viewport["width"]
    widths = _crawl(page, live_app)
    assert {path: width for path, width in widths.items() if width > viewport["width"]} == {}
    reached = {
        name for pattern, name in _NAMED.items() for path in widths if re.fullmatch(pattern, path)
    }
    expected = {
        "medewerker": {"families", "family", "observation"},
        "teamleider": {"families", "family", "observation", "team overview", "access log"},
        "beheerder": set(),  # the functional admin has no team: the start page and the admin
    }[username]
    assert reached >= expected
    if username == "beheerder":
        # Django's admin, where the functional admin keeps the checklist, is responsive itself.
        for path in ["/beheer/", "/beheer/hechting/checklistversion/"]:
            page.goto(f"{live_app}{path}")
            assert _width(page) <= viewport["width"], path
        page.locator("#result_list tbody a").first.click()  # a version's page with its inlines
        assert _width(page) <= viewport["width"]
    if username == "teamleider":
        # The lead's dashboard lists what waits for review; its link leads to the review form.
        page.goto(live_app)
        review = page.locator("a", has_text="Beoordelen").first
        assert review.bounding_box()["x"] + review.bounding_box()["width"] <= viewport["width"]
        review.click()
        assert page.locator("button[name=approve]").is_visible()
        assert _width(page) <= viewport["width"]


@pytest.mark.parametrize("viewport", [PHONE, ZOOMED], ids=["phone", "200%"])
def test_the_checklist_fits_and_its_save_bar_stays_small(new_page, live_app, accounts, viewport):
    page = accounts.login(new_page(viewport=viewport), "medewerker")
    new_family_with_child(page, live_app)
    start_observation(page)
    assert _width(page) <= viewport["width"]
    bar = page.locator(".sticky-actions")
    # Both buttons on one line, the bar at most an eighth of the screen's height.
    assert bar.bounding_box()["height"] <= viewport["height"] / 8
    boxes = [button.bounding_box() for button in bar.locator("button").all()]
    assert len({round(box["y"]) for box in boxes}) == 1
    click_through(page, "button[name=submit]")  # nothing answered: every part shows its error
    assert page.locator("[data-error-summary] a").count() >= 7
    assert _width(page) <= viewport["width"]


def test_the_menu_folds_away_on_a_phone(new_page, live_app, accounts):
    page = accounts.login(new_page(viewport=PHONE), "teamleider")
    page.goto(live_app)
    header = page.locator("header").bounding_box()
    assert header["height"] <= 70  # one line: the name and the menu button
    families = page.locator("header a", has_text="Gezinnen")
    assert not families.is_visible()
    menu = page.locator("header button", has_text="Menu")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.click()
    families.wait_for(state="visible")
    assert menu.get_attribute("aria-expanded") == "true"
    families.click()
    assert page.locator("h1").inner_text() == "Gezinnen"


def test_the_family_pages_legend_and_tables_read_as_rows_on_a_phone(new_page, live_app, accounts):
    page = accounts.login(new_page(viewport=PHONE), "teamleider")
    page.goto(f"{live_app}/gezinnen/")
    page.click("text=DEMO-0001")
    for item in page.locator(".legend-item").all():
        box = item.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"]
    # A row of the observations: each cell on a line of its own, named by its column.
    row = page.locator("tr:has(td[data-label=Status])").first
    status = row.locator("td[data-label=Status]")
    assert status.bounding_box()["y"] > row.locator("th").bounding_box()["y"]
    assert (
        page.evaluate("cell => getComputedStyle(cell, '::before').content", status.element_handle())
        == '"Status: "'
    )


def test_axe_finds_nothing_serious_in_the_phone_layout(new_page, live_app, accounts):
    """The stacked tables (headers hidden, each cell named) and the folded menu, checked by axe
    at 390 px as the wide pages are at 1280 px."""
    page = accounts.login(new_page(viewport=PHONE, bypass_csp=True), "teamleider")
    page.goto(live_app)
    page.click("header button.navbar-toggler")
    page.locator("#hoofdmenu.show").wait_for()
    assert _violations(page) == []
    page.goto(f"{live_app}/gezinnen/")
    assert _violations(page) == []
    click_through(page, "text=DEMO-0001")
    assert _violations(page) == []
    click_through(page, page.locator("a", has_text="2026").first)  # an observation with its report
    assert page.locator("table.table-stack").count() >= 3
    assert _violations(page) == []
    page.goto(f"{live_app}/toegangslog/")
    assert _violations(page) == []


def test_the_two_tabs_conflict_reads_on_a_phone(new_page, live_app, accounts):
    first = accounts.login(new_page(viewport=PHONE), "medewerker")
    new_family_with_child(first, live_app)
    start_observation(first)
    second = first.context.new_page()
    second.goto(first.url)
    first.locator("textarea[name^=note_]").first.fill("Fictief: in het eerste venster.")
    first.click("button[name=save]")
    second.locator("textarea[name^=note_]").first.fill("Fictief: in het tweede venster.")
    second.click("button[name=save]")
    caption = second.locator(".conflict caption")
    assert caption.inner_text() == "1 onderdeel verschilt"
    assert caption.bounding_box()["height"] < 45  # one line with its padding (3 lines: 79)
    assert _width(second) <= PHONE["width"]
    typed = second.locator(".conflict td[data-label='Hier ingevuld']")
    assert typed.inner_text() == "Fictief: in het tweede venster."
