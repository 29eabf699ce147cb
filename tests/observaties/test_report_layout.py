"""How the reports end and read: the sign-off after everything it signs, one date format in the
trend report with its own sign-off, and running header, footer and watermark as artifacts that
a screen reader skips (PDF/UA-1)."""

import re
from decimal import Decimal

import pytest
from weasyprint import HTML

from observaties.documents import pdf, reports
from observaties.documents.tagging import running_elements_as_artifacts
from tests import pdfs

pytestmark = pytest.mark.django_db


def test_the_sign_off_comes_after_the_comparison(approved):
    text = pdfs.text(reports.observation_report(approved).pdf)
    assert text.index("Vergelijking met eerdere") < text.index("Ondertekening")
    assert text.index("Ondertekening") < text.index("Goedgekeurd door")


def test_the_trend_report_has_one_date_format_and_a_sign_off(approved, team_lead):
    data = reports.child_report(approved.child, made_by=team_lead).pdf
    text = pdfs.text(data)
    long_dates = re.findall(
        r"\b\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
        r"november|december) \d{4}\b",
        text,
    )
    assert long_dates == []
    assert approved.visit_date.strftime("%d-%m-%Y") in text
    sign_off = text[text.index("Ondertekening") :]
    assert f"Gemaakt door {team_lead.signature}" in sign_off
    assert "dit overzicht zelf wordt niet goedgekeurd" in sign_off


@pytest.mark.parametrize("status", ["approved", "observation"])
def test_running_header_footer_and_watermark_are_artifacts(request, status):
    """WeasyPrint tags them with ids of a Span outside the tree; after post-processing no id
    dangles, and every page has its running parts as artifacts (a draft its watermark too)."""
    observation = request.getfixturevalue(status)
    html = reports.observation_report_html(observation)
    fetcher, font_config, stylesheets = pdf._prepared()
    raw = HTML(
        string=html, base_url=pdf.static_root().as_uri() + "/", url_fetcher=fetcher
    ).write_pdf(
        stylesheets=[stylesheets[pdf.STYLESHEET]],
        font_config=font_config,
        pdf_variant=pdf.PDF_VARIANT,
    )
    assert pdfs.dangling_marks(raw)  # what WeasyPrint 70 gives
    fixed = running_elements_as_artifacts(raw)
    assert pdfs.dangling_marks(fixed) == []
    assert pdfs.text(fixed) == pdfs.text(raw)
    added = [
        after - before
        for before, after in zip(pdfs.artifacts(raw), pdfs.artifacts(fixed), strict=True)
    ]
    assert all(count >= 4 for count in added), added  # title, confidential, made on, page number
    if status == "observation":
        assert all(count >= 5 for count in added), added  # and the CONCEPT watermark
    assert pdfs.problems(fixed) == []
    info = pdfs.info(fixed)
    assert (info.pdfa_part, info.pdfa_conformance, info.tagged) == ("3", "A", True)
    # Every render goes through it.
    assert pdfs.dangling_marks(reports.observation_report(observation).pdf) == []


def test_the_network_reads_in_whole_days_and_says_it_was_gone_through(approved, team_lead):
    text = pdfs.text(reports.observation_report(approved).pdf)
    assert "Met de ouder nagelopen: ja, het klopt nog zoals het er staat" in text
    assert "moeder 7 " in text
    assert "7,0" not in text
    trend = pdfs.text(reports.child_report(approved.child, made_by=team_lead).pdf)
    assert "moeder (7 d.)" in trend


def test_half_days_keep_their_half(approved):
    entry = approved.caregivers.get()
    entry.days_per_week = Decimal("2.5")
    assert entry.days_display == "2,5"
    entry.days_per_week = Decimal("7.0")
    assert entry.days_display == "7"


def test_trends_show_each_visits_situation_and_say_when_they_differ(
    child, professional, team_lead, approved
):
    from datetime import date

    from observaties.models import Observation
    from tests.factories import approved_observation

    approved_observation(
        child,
        professional,
        team_lead,
        visit_date=date(2025, 10, 1),
        setting=Observation.Setting.MEAL,
    )
    text = pdfs.text(reports.child_report(child, made_by=team_lead).pdf)
    assert "15-09-2025, spel: " in text
    assert "01-10-2025, eten: " in text
    assert "Let op: deze bezoeken waren niet in dezelfde situatie (spel, eten)." in text
    # One situation: nothing to say.
    only_play = reports.child_report_html(approved.child)
    Observation.objects.filter(setting=Observation.Setting.MEAL).update(setting="spel")
    assert "niet in dezelfde situatie" not in reports.child_report_html(approved.child)
    assert "niet in dezelfde situatie" in only_play
