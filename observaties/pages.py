"""What several pages share: a form on a page of its own, a service's refusal on its form, a PDF
as a download, and the page for a render that failed."""

import base64
import logging
from functools import wraps

from django.http import HttpResponse
from django.shortcuts import render

from audit.log import Action, Outcome, record
from observaties.access_log import Shown, shown
from observaties.documents import archive
from observaties.documents.pdf import ReportRenderError
from observaties.models import Observation

logger = logging.getLogger(__name__)


def form_page(request, form, *, title, submit, shows=None, status=200, back=None):
    """A form on a page of its own; `shows` (access_log.Shown) is what it shows of a client."""
    response = render(
        request,
        "observaties/form_page.html",
        {"form": form, "title": title, "submit": submit, "back": back},
        status=status,
    )
    return shown(response, shows or Shown())


def add_service_error(form, error):
    """Put a service's ValidationError on the form, next to its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def report_errors(view):
    """A render that ran out of time or memory gets a page that says so, instead of a 500."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ReportRenderError as error:
            logger.warning("Report render stopped: %s (%s)", error, request.resolver_match.url_name)
            return render(request, "observaties/report_failed.html", status=503)

    return wrapped


def attachment(content, *, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_response(report):
    return attachment(report.pdf, content_type="application/pdf", filename=report.filename)


def archived_response(request, document):
    """The stored bytes as they were approved, with their SHA-256 (RFC 9530) for a file that
    wants to check them; checked first (archive.verified), and refused when altered."""
    try:
        archive.verified(document)
    except archive.AlteredDocument as altered:
        return altered_document_page(request, [(document, str(altered))])
    response = attachment(
        bytes(document.pdf), content_type="application/pdf", filename=document.filename
    )
    digest = base64.b64encode(bytes.fromhex(document.sha256)).decode()
    response["Repr-Digest"] = f"sha-256=:{digest}:"
    return response


def altered_document_page(request, altered):
    """The page for archived documents that are not what was approved: nothing is served, the
    operator is told (log and `/gezond/`), and the refusal is in the access log."""
    for document, problem in altered:
        logger.error("Archived document %s is altered: %s", document.pk, problem)
        record(
            request,
            Action.DOWNLOAD,
            outcome=Outcome.REFUSED,
            observation=document.observation,
            target=f"archief:{document.pk}",
        )
    return render(
        request,
        "observaties/document_altered.html",
        {"documents": [document for document, _problem in altered]},
        status=409,
    )


def observation_document(request, observation, kind):
    """An approved observation's archived document; anything else is rendered as it is now,
    marked as a draft."""
    if observation.status == Observation.Status.APPROVED:
        return archived_response(request, archive.document_for(observation, kind))
    return pdf_response(archive.render_kind(observation, kind))
