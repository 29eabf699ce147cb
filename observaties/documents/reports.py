"""The PDF reports for the family's file: the observation report and the child's trend report.

Each report is one HTML template, rendered in Dutch whatever the user's language, and that HTML
becomes the PDF. The observation report's body is the same template the review page shows.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from hechting.selectors import version_content
from observaties import parent_sheet, selectors
from observaties.documents import charts
from observaties.documents.pdf import PARENT_SHEET_STYLESHEET, render_pdf
from observaties.models import Observation
from observaties.models.safety import CONFIDENTIAL

REPORT_LANGUAGE = "nl"


@dataclass(frozen=True)
class Report:
    html: str
    pdf: bytes
    filename: str


def filename_reference(reference: str) -> str:
    """A case reference as it goes into a download's file name (no slashes)."""
    return reference.replace("/", "-")


def _trends(trends, prefix, scale=1):
    return [
        (trend, charts.trend_svg(trend, chart_id=f"{prefix}-{trend.condition.key}", scale=scale))
        for trend in trends
    ]


@dataclass(frozen=True)
class Comparison:
    """The observation beside the caregiver's earlier approved visits, itself included (marked
    while it is not approved yet); `earlier` is False on a first visit: nothing to compare."""

    trends: list
    earlier: bool


def comparison(observation: Observation, *, scale: float = 1) -> Comparison:
    """`scale`: charts.SCREEN_SCALE on a page, 1 in the PDF."""
    trends = selectors.child_trends(
        observation.child,
        until=observation.visit_date,
        caregiver=observation.caregiver,
        including=observation,
    )
    earlier = any(
        point.observation.pk != observation.pk for trend in trends for point in trend.points
    )
    return Comparison(_trends(trends, "trend", scale), earlier)


def observation_report_html(observation: Observation, *, generated_at=None) -> str:
    with translation.override(REPORT_LANGUAGE):
        report = selectors.observation_report(observation)
        return render_to_string(
            "observaties/report_pdf.html",
            {
                "report": report,
                "observation": observation,
                "comparison": comparison(observation),
                "legend": charts.legend(
                    [option.label for option in report.scale if not option.is_no_opportunity]
                ),
                "draft": observation.status_mark,
                "organisation_name": settings.ORGANISATION_NAME,
                "generated_at": generated_at or timezone.now(),
                "print": True,
            },
        )


def visit_filename(prefix: str, observation: Observation) -> str:
    """A visit's document's file name: the case reference and the date, never the child's name.
    The observation's number tells apart two documents of one visit date (two children, or
    mother and father observed on the same visit), in a folder and in a data-request archive."""
    reference = filename_reference(observation.child.family.case_reference)
    return (
        f"{prefix}-{reference}-{observation.visit_date.isoformat()}-observatie-{observation.pk}.pdf"
    )


def observation_report(observation: Observation) -> Report:
    html = observation_report_html(observation)
    return Report(
        html=html, pdf=render_pdf(html), filename=visit_filename("hechtingswijzer", observation)
    )


def safety_context(observation: Observation, safety) -> dict:
    """The observation's part of a safety concern (`safety`, its assessment or None) as its own
    document and the observation's page show it: with the concern's consultations up to this
    visit, in order of date."""
    return {
        "observation": observation,
        "safety": safety,
        "version": version_content(observation.version),
        "consultations": selectors.concern_consultations(safety.concern, until=observation)
        if safety is not None
        else None,
        "confidential": CONFIDENTIAL,
    }


def safety_document_html(observation: Observation, *, generated_at=None) -> str:
    with translation.override(REPORT_LANGUAGE):
        return render_to_string(
            "observaties/safety_pdf.html",
            {
                **safety_context(observation, selectors.observation_safety(observation)),
                "draft": observation.status_mark,
                "organisation_name": settings.ORGANISATION_NAME,
                "generated_at": generated_at or timezone.now(),
                "print": True,
            },
        )


def safety_document(observation: Observation) -> Report:
    """The confidential part, apart from the report so that the report can be shared."""
    html = safety_document_html(observation)
    return Report(
        html=html, pdf=render_pdf(html), filename=visit_filename("vertrouwelijk", observation)
    )


def child_report_html(child, *, generated_at=None, made_by=None) -> str:
    with translation.override(REPORT_LANGUAGE):
        trends = selectors.child_trends(child)
        return render_to_string(
            "observaties/child_report_pdf.html",
            {
                "child": child,
                "family": child.family,
                "trends": _trends(trends, "verloop"),
                "matrix": selectors.child_item_matrix(child),
                "legend": charts.legend([label for _p, label in selectors.current_scale_labels()]),
                "organisation_name": settings.ORGANISATION_NAME,
                "generated_at": generated_at or timezone.now(),
                "made_by": made_by,
                "print": True,
            },
        )


def child_report(child, *, made_by=None) -> Report:
    """The trend report of `child`'s approved observations, signed by who asked for it."""
    html = child_report_html(child, made_by=made_by)
    reference = filename_reference(child.family.case_reference)
    today = timezone.localdate().isoformat()
    return Report(
        html=html,
        pdf=render_pdf(html),
        filename=f"hechtingswijzer-{reference}-verloop-{child.pk}-{today}.pdf",
    )


def parent_sheet_html(observation: Observation, *, generated_at=None) -> str:
    with translation.override(REPORT_LANGUAGE):
        return render_to_string(
            "observaties/parent_sheet_pdf.html",
            {
                "sheet": parent_sheet.sheet_for(observation),
                "observation": observation,
                "organisation_name": settings.ORGANISATION_NAME,
                "generated_at": generated_at or timezone.now(),
                "print": True,
            },
        )


def parent_sheet_report(observation: Observation) -> Report:
    html = parent_sheet_html(observation)
    return Report(
        html=html,
        pdf=render_pdf(html, stylesheet=PARENT_SHEET_STYLESHEET),
        filename=visit_filename("voor-de-ouder", observation),
    )


def addendum_html(observation: Observation, *, generated_at=None) -> str:
    """What was wrong in the report of an observation on a withdrawn checklist version: the
    organisation's reason, and for a version that computed advice, the advice this report
    printed by that rule, with the child's age at the visit."""
    with translation.override(REPORT_LANGUAGE):
        report = selectors.observation_report(observation, history=False)
        return render_to_string(
            "observaties/addendum_pdf.html",
            {
                "observation": observation,
                "version": observation.version,
                "computed": [section for section in report.sections if section.shows_advice]
                if observation.version.computes_advice
                else [],
                "age": report.child_age_months,
                "organisation_name": settings.ORGANISATION_NAME,
                "generated_at": generated_at or timezone.now(),
                "print": True,
            },
        )


def addendum(observation: Observation) -> Report:
    html = addendum_html(observation)
    return Report(
        html=html, pdf=render_pdf(html), filename=visit_filename("aanvulling", observation)
    )
