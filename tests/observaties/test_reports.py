"""PDF reports read as they should: text, page numbers, the CONCEPT mark, PDF/A, fonts, safety."""

import itertools
import logging
import os
import re
import signal
import time
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags

from demo.management.commands.demo_setup import DEMO_DEBTS_NOTE
from hechting.models import ChecklistVersion
from observaties import services
from observaties.documents import pdf, reports
from observaties.models import Observation
from tests import pdfs
from tests.factories import (
    ObservationFactory,
    answers,
    approved_observation,
    fill_observation,
    judgement,
)

pytestmark = pytest.mark.django_db

SPECIAL = "Moeder zei: ‘Je bent verdrietig’ – café, reünie, één, coöperatie, 50 € & 3 < 4 > 2"
HOSTILE = (
    '<img src="http://127.0.0.1:9/spoor.png"> <link rel="stylesheet" href="file:///etc/passwd">'
    " <script>alert(1)</script>"
)


@pytest.fixture(autouse=True)
def no_render_warnings(caplog):
    """A missing font or stylesheet while rendering is a failure, not a log line."""
    caplog.set_level(logging.WARNING, logger="weasyprint")
    yield
    problems = [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]
    assert problems == []


def _with_notes(observation, user, note, *, work_point="nee"):
    scores = answers(observation, note=note)
    no_opportunity = observation.version.scale_options.get(is_no_opportunity=True)
    first = next(iter(scores))
    scores[first] = (no_opportunity.pk, note)
    return services.observation_save(
        observation=observation,
        user=user,
        lock_version=Observation.objects.get(pk=observation.pk).lock_version,
        content=services.ObservationContent(
            caregiver=observation.caregiver,
            visit_date=observation.visit_date,
            setting=observation.setting,
            scores=scores,
            context={
                factor.pk: ("ja" if factor.code == "RV-1" else "nee", "")
                for factor in observation.version.context_factors.all()
            },
            conclusion="Conclusie met ë en ï.",
            agreements=[("Afspraak: volgende keer samen spelen.", "ouder", "", None)],
            underway={
                factor.pk: "schuldhulpverlening gemeente"
                for factor in observation.version.context_factors.filter(code="RV-1")
            },
            **judgement(observation, work_point=work_point),
            **services.example_follow_ups(observation),
        ),
    )


@pytest.fixture
def approved_with_notes(observation, professional, team_lead):
    _with_notes(observation, professional, SPECIAL)
    services.observation_submit(observation=observation, user=professional)
    return services.observation_approve(observation=observation, reviewer=team_lead)


def _flat(text):
    return " ".join(text.split())


def test_every_item_label_and_note_is_in_the_pdf(approved_with_notes, tmp_path):
    report = reports.observation_report(approved_with_notes)
    text = _flat(" ".join(pdfs.pages(report.pdf)))
    for item in approved_with_notes.version.items.all():
        assert item.code in text
        assert _flat(item.text)[:40] in text
    # A note wraps inside its table cell, so check its words, each once per item.
    for word in ("‘Je", "verdrietig’", "café,", "reünie,", "één,", "coöperatie,", "€", "&"):
        assert text.count(word) >= 8, word
    assert text.count("<") >= 8
    assert text.count(">") >= 8
    for label in ("vaak", "geen gelegenheid om te observeren", "Conclusie met ë en ï."):
        assert label in text
    assert "NRD-0001" in text
    assert "8 maanden" in text
    assert "geen score voor hechting" in text
    assert "Wanneer er problemen zijn in het gezin die voor stress zorgen" in text


def test_page_numbers_header_and_no_concept_mark_when_approved(approved_with_notes, tmp_path):
    pages = pdfs.pages(reports.observation_report(approved_with_notes).pdf)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"pagina {number} van {len(pages)}" in page
        assert page.count("Vertrouwelijk") == 1
        assert "Gemaakt op" in page
        assert "CONCEPT" not in page


def test_anything_not_approved_is_marked_on_every_page_by_its_status(
    observation, professional, tmp_path
):
    _with_notes(observation, professional, SPECIAL)
    pages = pdfs.pages(reports.observation_report(observation).pdf)
    assert len(pages) >= 2
    assert all("CONCEPT – nog niet ingediend" in page for page in pages)
    services.observation_submit(observation=observation, user=professional)
    observation.refresh_from_db()
    pages = pdfs.pages(reports.observation_report(observation).pdf)
    assert all("INGEDIEND – wacht op beoordeling" in page for page in pages)
    assert not any("CONCEPT" in page for page in pages)  # handed in is no draft


def test_markup_in_notes_is_printed_literally_and_nothing_is_fetched(
    observation, professional, monkeypatch, tmp_path
):
    asked = []
    original = pdf.StaticFilesOnly.fetch

    def recording(self, url, headers=None):
        asked.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf.StaticFilesOnly, "fetch", recording)
    pdf._prepared.cache_clear()
    _with_notes(observation, professional, HOSTILE)
    # In this process, so the recording fetcher sees every request the renderer makes.
    document = pdf.render_pdf_unbounded(reports.observation_report_html(observation))
    text = _flat(" ".join(pdfs.pages(document)))
    assert text.count("<img") == 8
    assert text.count("<script>alert(1)</script>") == 8
    assert text.count("file:///etc/passwd") == 8
    root = pdf.static_root().as_uri()
    assert asked
    assert all(url.startswith(root) for url in asked)
    pdf._prepared.cache_clear()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.css",
        "file:///etc/passwd",
        "file:///work/../etc/passwd",
        "data:text/css,body{}",
        "ftp://example.org/x",
    ],
)
def test_the_fetcher_refuses_everything_outside_static(url):
    with pytest.raises(pdf.RefusedResource):
        pdf.StaticFilesOnly().fetch(url)


def test_the_fetcher_refuses_a_path_that_climbs_out_of_static():
    climbing = pdf.static_root().as_uri() + "/../config/settings.py"
    with pytest.raises(pdf.RefusedResource):
        pdf.StaticFilesOnly().fetch(climbing)
    served = pdf.StaticFilesOnly().fetch(pdf.static_root().as_uri() + "/css/report.css")
    assert b"@page" in served.read()


def test_a_hostile_document_renders_without_fetching(caplog):
    html = (
        '<!DOCTYPE html><html lang="nl"><title>t</title>'
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
        '<img src="file:///etc/passwd"><p>tekst</p></html>'
    )
    document = pdf.render_pdf(html)
    assert document.startswith(b"%PDF")
    refused = [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]
    assert refused  # WeasyPrint reports the two refused resources...
    caplog.clear()  # ...which is the point of this test, not a rendering problem.


def test_a_render_that_takes_too_long_is_stopped():
    rows = "".join(f"<tr><td>{n}</td><td>{'woord ' * 40}</td></tr>" for n in range(4000))
    html = f'<!DOCTYPE html><html lang="nl"><title>t</title><table>{rows}</table></html>'
    started = time.monotonic()
    with pytest.raises(pdf.ReportRenderError):
        pdf.render_pdf(html, timeout=1)
    assert time.monotonic() - started < 5


def test_a_render_that_needs_too_much_memory_is_stopped():
    rows = "".join(f"<tr><td>{n}</td><td>{'woord ' * 20}</td></tr>" for n in range(3000))
    html = f'<!DOCTYPE html><html lang="nl"><title>t</title><table>{rows}</table></html>'
    with pytest.raises(pdf.ReportRenderError):
        pdf.render_pdf(html, memory=32 * 1024 * 1024, timeout=60)
    small = '<!DOCTYPE html><html lang="nl"><title>t</title><p>tekst</p></html>'
    assert pdf.render_pdf(small).startswith(b"%PDF")  # the next render gets a fresh renderer


def test_the_pdf_is_archival_tagged_and_embeds_every_font(approved_with_notes):
    data = reports.observation_report(approved_with_notes).pdf
    assert pdfs.problems(data) == []
    info = pdfs.info(data)
    assert (info.pdfa_part, info.pdfa_conformance) == ("3", "A")
    assert info.tagged
    assert info.author == "Demo Jeugdzorg"
    assert info.title.startswith("Observatie NRD-0001")
    assert info.language == "nl"
    fonts = pdfs.fonts(data)
    assert fonts
    assert all("Noto" in name for name in fonts), fonts
    assert all(fonts.values()), fonts  # every font's program is embedded


WORLD = "Moeder schreef 😊 ❤ ✔ ★ en zei: שלום עולם, مرحبا بالعالم."


def test_emoji_symbols_and_right_to_left_text_in_a_note_print_with_our_own_fonts(
    observation, professional, team_lead
):
    _with_notes(observation, professional, WORLD)
    services.observation_submit(observation=observation, user=professional)
    services.observation_approve(observation=observation, reviewer=team_lead)
    data = reports.observation_report(observation).pdf
    fonts = {name.split("+")[-1].rstrip(",") for name in pdfs.fonts(data)}
    # Each script and the emoji from the font made for it, embedded; never a system font or a
    # blank box.
    assert {"Noto-Emoji", "Noto-Sans-Hebrew", "Noto-Sans-Arabic", "Noto-Sans-Symbols-2"} <= fonts
    assert all(name.startswith("Noto") for name in fonts), fonts
    assert all(pdfs.fonts(data).values())
    assert pdfs.problems(data) == []
    # The Hebrew and Arabic words read in their own order, inside the Dutch sentence.
    assert "שלום עולם" in pdfs.text(data)
    assert "مرحبا بالعالم" in pdfs.text(data)


def test_the_report_is_in_dutch_whatever_the_users_language(approved_with_notes):
    from django.utils import translation

    with translation.override("en"):
        html = reports.observation_report_html(approved_with_notes)
    assert '<html lang="nl">' in html
    assert "Randvoorwaarden: stress in het gezin" in html


def test_the_child_report_links_items_across_versions(
    child, professional, team_lead, draft, tmp_path
):
    first = ObservationFactory(child=child, professional=professional, visit_date=date(2025, 3, 3))
    _with_notes(first, professional, "eerste bezoek")
    services.observation_submit(observation=first, user=professional)
    services.observation_approve(observation=first, reviewer=team_lead)
    item = draft.items.get(code="SR-2")
    item.text = "een vriendelijke gezichtsuitdrukking heeft"
    item.save()
    from hechting.services import checklist_version_publish

    checklist_version_publish(version=draft)
    second = ObservationFactory(child=child, professional=professional, visit_date=date(2025, 6, 6))
    _with_notes(second, professional, "tweede bezoek")
    services.observation_submit(observation=second, user=professional)
    services.observation_approve(observation=second, reviewer=team_lead)

    report = reports.child_report(child)
    text = _flat(" ".join(pdfs.pages(report.pdf)))
    assert "SR-2 een vriendelijke gezichtsuitdrukking heeft" in text
    assert "03-03-2025" in text
    assert "06-06-2025" in text
    assert "v4" in text
    assert "v5" in text
    assert "Verloop van de observaties" in text
    assert report.filename.startswith("hechtingswijzer-NRD-0001-verloop-")


def test_the_download_is_named_by_case_and_date_and_never_cached(
    client, team_lead, approved_with_notes
):
    client.force_login(team_lead)
    response = client.get(reverse("observaties:observation-pdf", args=[approved_with_notes.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="hechtingswijzer-NRD-0001-2025-09-15-observatie-'
        f'{approved_with_notes.pk}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    assert approved_with_notes.child.name not in response["Content-Disposition"]


@pytest.mark.parametrize("earlier", [6, 20])
def test_the_trend_charts_stay_within_the_page(child, professional, team_lead, earlier):
    """A chart wider than the text column would run over its neighbour or off the paper."""
    for index in range(earlier + 1):
        observation = approved_observation(
            child, professional, team_lead, visit_date=date(2025 + index // 12, 1 + index % 12, 5)
        )
    html = reports.observation_report_html(observation)
    fetcher, font_config, stylesheets = pdf._prepared()
    document = pdf.HTML(
        string=html, base_url=pdf.static_root().as_uri() + "/", url_fetcher=fetcher
    ).render(stylesheets=[stylesheets[pdf.STYLESHEET]], font_config=font_config)
    charts = []
    for page in document.pages:
        root = page._page_box.children[0]
        column = (root.content_box_x(), root.content_box_x() + root.width)
        charts += [
            (box.border_box_x(), box.border_box_x() + box.border_width(), column)
            for box in page._page_box.descendants()
            if (getattr(box, "element_tag", None) or "").endswith("}svg")
        ]
    # Continuity is the caregiver network in version 2: a table, not a chart.
    assert len(charts) == 2
    for left, right, (column_left, column_right) in charts:
        assert column_left - 0.5 <= left < right <= column_right + 0.5
    # one below the other, never side by side where they would overlap
    assert len({round(left) for left, _right, _column in charts}) == 1


def test_the_demo_reports_show_the_stress_guidance_from_the_visit_with_debts_on(settings):
    settings.DEMO_MODE = True
    call_command("demo_setup", stdout=StringIO())
    guidance = ChecklistVersion.objects.current().stress_guidance
    first, *with_debts = Observation.objects.filter(
        child__family__case_reference="DEMO-0001"
    ).order_by("visit_date")
    html = reports.observation_report_html(first)
    assert "Schulden of financiële zorgen" in html
    assert DEMO_DEBTS_NOTE not in html
    assert guidance not in html
    for observation in with_debts:
        html = reports.observation_report_html(observation)
        assert DEMO_DEBTS_NOTE in html
        assert guidance in html
        # A source that ends in a period gets no second one.
        assert "opnieuw controleren in december 2027." in html
        assert not re.search(r"[^.]\.\.(?!\.)", strip_tags(html))


def test_a_report_compares_with_earlier_visits_of_the_same_caregiver(
    child, professional, team_lead, tmp_path
):
    visits = [
        approved_observation(
            child, professional, team_lead, visit_date=date(2025, month, 10), caregiver=caregiver
        )
        for month, caregiver in ((3, "moeder"), (4, "vader"), (5, "moeder"))
    ]
    text = _flat(" ".join(pdfs.pages(reports.observation_report(visits[-1]).pdf)))
    assert "Vergelijking met eerdere goedgekeurde bezoeken van dezelfde opvoeder (moeder)" in text
    assert "10-03-2025, spel: niet gezien 0" in text
    assert "10-05-2025, spel: niet gezien 0" in text
    assert "10-04-2025" not in text
    assert "ter beoordeling" not in text
    father = reports.observation_report_html(visits[1])
    assert "dezelfde opvoeder (vader)" in father
    # The father's first visit: nothing to compare with, and no single bar that suggests there is.
    assert "Er is nog niets om mee te vergelijken." in father
    assert "10-04-2025, spel: niet gezien" not in father
    assert "10-03-2025" not in father


def test_a_renderer_that_died_between_downloads_is_replaced(client, team_lead, submitted):
    url = reverse("observaties:observation-pdf", args=[submitted.pk])
    client.force_login(team_lead)
    assert client.get(url).status_code == 200
    dead = pdf._renderer.pid
    os.kill(dead, signal.SIGKILL)
    time.sleep(0.2)

    response = client.get(url)

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert pdf._renderer.pid != dead


def test_a_render_that_is_stopped_gets_a_page_that_says_so(client, team_lead, submitted, settings):
    settings.REPORT_RENDER_TIMEOUT = 0.001  # far too short for a report
    client.force_login(team_lead)

    response = client.get(reverse("observaties:observation-pdf", args=[submitted.pk]))

    assert response.status_code == 503
    assert "Het rapport kon nu niet worden gemaakt" in response.content.decode()


def test_a_report_under_review_shows_its_own_visit_marked_beside_the_earlier_ones(
    child, professional, team_lead
):
    approved_observation(child, professional, team_lead, visit_date=date(2025, 3, 10))
    under_review = ObservationFactory(
        child=child, professional=professional, visit_date=date(2025, 6, 10)
    )
    fill_observation(under_review, professional)
    services.observation_submit(observation=under_review, user=professional)

    text = pdfs.text(reports.observation_report(under_review).pdf)

    assert "10-03-2025, spel: niet gezien 0" in text
    assert "10-06-2025, spel (ter beoordeling): niet gezien 0" in text
    assert "Dit bezoek is nog niet goedgekeurd" in text


def test_the_charts_state_counts_items_and_no_opportunity_in_words(approved_with_notes):
    html = reports.child_report_html(approved_with_notes.child)
    text = pdfs.text(reports.child_report(approved_with_notes.child).pdf)

    # One item of the first condition had no opportunity: said in words, never as "–1".
    assert "1 × geen" in html
    assert ">gelegenheid</text>" in html
    assert "–1" not in text
    assert "items</text>" in html  # the number of observed items above each bar
    assert "‘2 × geen gelegenheid’ betekent" in text  # and the legend explains it


def test_in_english_the_charts_say_no_opportunity_in_one_language(
    client, professional, approved_with_notes
):
    client.force_login(professional)
    url = reverse("observaties:family-detail", args=[approved_with_notes.child.family_id])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">1 × no</text>" in html
    assert ">opportunity</text>" in html
    assert "× geen" not in html


def test_dates_read_one_way_in_text_and_one_way_in_tables(approved_with_notes):
    report = pdfs.text(reports.observation_report(approved_with_notes).pdf)
    visit = approved_with_notes.visit_date
    assert f"Observatie NRD-0001, {visit.day} september {visit.year}" in report  # running title
    assert not re.search(r"\b\d{1,2}-\d{1,2}-\d{2}\b", report)  # never "08-26" or "4-9-25"
    assert not re.search(r"\b\d-\d{1,2}-\d{4}\b", report)  # tables pad: 04-09-2025
    trend = pdfs.text(reports.child_report(approved_with_notes.child).pdf)
    assert f"{visit:%d-%m-%Y}" in trend


def test_headings_do_not_skip_levels_and_the_concept_mark_is_not_read_before_the_title(
    child, professional, approved_with_notes
):
    approved = reports.observation_report(approved_with_notes).pdf
    levels = pdfs.headings(approved)
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels)), levels
    observation = ObservationFactory(child=child, professional=professional)
    _with_notes(observation, professional, "concept")
    draft = reports.observation_report(observation).pdf
    assert "CONCEPT" in pdfs.text(draft)  # on the page …
    first_tags = [role for role, _depth in pdfs.tags(draft)[:3]]
    assert first_tags[:2] == ["Document", "H1"]  # … but the title is what a reader meets first


def test_the_facts_are_a_table_of_labels_and_values_and_the_metadata_carry_the_date(
    approved_with_notes,
):
    data = reports.observation_report(approved_with_notes).pdf
    roles = [role for role, _depth in pdfs.tags(data)]
    section = roles[roles.index("H2") : roles.index("H2", roles.index("H2") + 1)]
    assert "Table" in section
    assert section.count("TH") == section.count("TD") == 8
    assert pdfs.info(data).created.startswith("D:20")
    child_report = reports.child_report(approved_with_notes.child)
    assert "T." not in pdfs.info(child_report.pdf).title


def _layout(html):
    fetcher, font_config, stylesheets = pdf._prepared()
    return pdf.HTML(
        string=html, base_url=pdf.static_root().as_uri() + "/", url_fetcher=fetcher
    ).render(stylesheets=[stylesheets[pdf.STYLESHEET]], font_config=font_config)


def _text_of(box):
    if hasattr(box, "text"):
        return box.text
    return "".join(_text_of(child) for child in getattr(box, "children", []))


def test_the_child_report_says_per_visit_who_what_and_keeps_items_to_three_lines(
    child, professional, team_lead
):
    for month in (2, 3, 4, 5, 6):
        approved_observation(child, professional, team_lead, visit_date=date(2025, month, 5))
    busy = ObservationFactory(child=child, professional=professional, visit_date=date(2025, 7, 5))
    _with_notes(busy, professional, "notitie", work_point="ja")
    services.observation_submit(observation=busy, user=professional)
    services.observation_approve(observation=busy, reviewer=team_lead)

    html = reports.child_report_html(child)
    text = _flat(pdfs.text(reports.child_report(child).pdf))
    assert "Per bezoek: wie, werkpunten, stress en afspraken" in text
    # Per visit the child's age, the caregiver and who observed.
    for months in range(1, 7):
        assert f"kind {months} maand" in text
    assert text.count(f"moeder; geobserveerd door {professional.get_full_name()}") == 6
    # The busy visit: a werkpunt on each condition, debts, and the agreement with its outcome.
    assert "Sensitief reageren; Zorgen voor continuïteit; Mentaliseren" in text
    assert "Schulden" in text
    assert "Afspraak: volgende keer samen spelen. (de ouder) Nog niet opgevolgd." in text
    # Six visits: each condition's items in two tables, four visits and two.
    assert html.count('class="table report-matrix report-item-matrix"') == 6

    document = _layout(html)
    cells = [
        box
        for page in document.pages
        for box in page._page_box.descendants()
        if type(box).__name__ == "TableCellBox"
        and getattr(box, "element_tag", "") == "th"
        and re.match(r"^[A-Z]{2}-\d+ ", _text_of(box))
    ]
    longest = max(cells, key=lambda box: len(_text_of(box)))
    assert len(_text_of(longest)) > 100, _text_of(longest)
    for cell in cells:
        lines = [box for box in cell.descendants() if type(box).__name__ == "LineBox"]
        assert 1 <= len(lines) <= 3, _text_of(cell)
