"""Files for the family's file: the PDF reports and the data access export."""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from audit.log import Action, record
from observaties import access, retention, selectors
from observaties.access_log import log_concern
from observaties.documents import archive, reports
from observaties.models import ArchivedDocument, SafetyConcern
from observaties.pages import (
    altered_document_page,
    archived_response,
    attachment,
    observation_document,
    pdf_response,
    report_errors,
)


def _log_confidential_part(request, observation):
    """Each download of the observation's part of a safety concern is logged against the
    concern as well."""
    assessment = selectors.observation_safety(observation)
    if assessment is not None:
        log_concern(request, Action.DOWNLOAD, assessment.concern, observation=observation)


@require_GET
@login_required
@never_cache
@report_errors
def observation_pdf(request, pk):
    """The report: no safety content, so that it can be shared."""
    observation = access.get_observation_for(request.user, pk)
    record(request, Action.DOWNLOAD, observation=observation, target="observation-pdf")
    return observation_document(request, observation, ArchivedDocument.Kind.REPORT)


@require_GET
@login_required
@never_cache
@report_errors
def safety_pdf(request, pk):
    """The confidential part of a visit that recorded a safety concern, a document of its own;
    for who sees the family (as the concern's page), and logged against the concern."""
    observation = access.get_observation_for(request.user, pk)
    if selectors.observation_safety(observation) is None:
        raise Http404(_("Bij dit bezoek is geen zorg over de veiligheid vastgelegd."))
    record(request, Action.DOWNLOAD, observation=observation, target="safety-pdf")
    _log_confidential_part(request, observation)
    return observation_document(request, observation, ArchivedDocument.Kind.SAFETY)


@require_GET
@login_required
@never_cache
def archived_document(request, pk, document_pk):
    """One archived document of the observation, also one superseded by a reopening."""
    observation = access.get_observation_for(request.user, pk)
    document = get_object_or_404(ArchivedDocument, pk=document_pk, observation=observation)
    record(request, Action.DOWNLOAD, observation=observation, target=f"archief:{document.pk}")
    if document.kind == ArchivedDocument.Kind.SAFETY or archive.report_holds_safety(document):
        _log_confidential_part(request, observation)
    return archived_response(request, document)


@require_GET
@login_required
@never_cache
@report_errors
def child_pdf(request, pk):
    child = access.get_child_for(request.user, pk)
    record(request, Action.DOWNLOAD, family=child.family, target=f"child-pdf:{child.pk}")
    return pdf_response(reports.child_report(child, made_by=request.user))


@require_GET
@login_required
@never_cache
@report_errors
def family_export(request, pk):
    """Everything about one family for a data access request; team leads only, and logged."""
    family = access.get_family_for(request.user, pk)
    if not access.is_team_lead(request.user, family.team_id):
        raise PermissionDenied(_("Alleen de teamleider maakt een inzage-export."))
    reference = reports.filename_reference(family.case_reference)
    if request.GET.get("formaat") == "zip":
        altered = retention.altered_documents(family)  # before anything of it goes out
        if altered:
            return altered_document_page(request, altered)
    # The export holds the family's safety concerns (marked confidential): each one is logged.
    for concern in SafetyConcern.objects.filter(child__family=family).select_related(
        "child__family"
    ):
        log_concern(request, Action.EXPORT, concern)
    if request.GET.get("formaat") == "zip":
        record(request, Action.EXPORT, family=family, target="inzage-zip")
        response = StreamingHttpResponse(
            retention.family_export_zip(family), content_type="application/zip"
        )
        response["Content-Disposition"] = f'attachment; filename="inzage-{reference}.zip"'
        return response
    record(request, Action.EXPORT, family=family, target="inzage-json")
    return attachment(
        json.dumps(retention.family_export(family), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
        filename=f"inzage-{reference}.json",
    )
