"""Errors of the API as problem details (RFC 9457, Design Rule /core/error-handling): status,
title and detail in Dutch, `invalidParams` for bad input, and nothing of the request's data."""

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions

TITLES = {
    400: gettext_lazy("De vraag klopt niet"),
    401: gettext_lazy("Niet aangemeld"),
    403: gettext_lazy("Geen toegang"),
    404: gettext_lazy("Niet gevonden"),
    405: gettext_lazy("Deze methode kan hier niet"),
    406: gettext_lazy("Dit formaat is er niet"),
    409: gettext_lazy("Het document is niet wat is goedgekeurd"),
    429: gettext_lazy("Te veel verzoeken"),
    500: gettext_lazy("Interne fout"),
    503: gettext_lazy("Tijdelijk niet beschikbaar"),
}
DETAILS = {
    404: gettext_lazy(
        "Dit adres bestaat niet, of het is er niet voor deze client. Adressen eindigen niet op "
        "een schuine streep."
    ),
    500: gettext_lazy("Er ging iets mis aan onze kant. Probeer het later opnieuw."),
    503: gettext_lazy("De database is even niet bereikbaar. Probeer het over een minuut opnieuw."),
}
MEDIA_TYPE = "application/problem+json"


def problem_response(request, status, *, detail=None, invalid_params=None, type_=None):
    """A problem-details answer; `type_` names a problem of this API (docs/api.md)."""
    body = {
        "type": type_ or "about:blank",
        "title": str(TITLES.get(status, TITLES[400 if status < 500 else 500])),
        "status": status,
        "detail": str(detail or DETAILS.get(status) or TITLES.get(status, "")),
        "instance": request.path,
    }
    if invalid_params:
        body["invalidParams"] = invalid_params
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=MEDIA_TYPE
    )


def _invalid_params(errors):
    return [
        {"name": name, "code": getattr(message, "code", "invalid"), "reason": str(message)}
        for name, messages in errors.items()
        for message in (messages if isinstance(messages, list) else [messages])
    ]


def exception_handler(exc, context):
    """DRF's exception handler, answering in problem details."""
    request = context["request"]
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(DETAILS[404])
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    if not isinstance(exc, exceptions.APIException):
        return None  # a 500: handler500 answers in problem details under /api/
    invalid = None
    detail = exc.detail
    if isinstance(exc, exceptions.ValidationError):
        invalid = _invalid_params(exc.detail if isinstance(exc.detail, dict) else {"": exc.detail})
        detail = _("Een of meer parameters kloppen niet; zie invalidParams.")
    elif isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        detail = _(
            "Deze client vroeg te veel in korte tijd. "
            "Probeer het over %(seconds)s seconden opnieuw."
        ) % {"seconds": int(exc.wait) + 1}
    response = problem_response(
        request,
        exc.status_code,
        detail=detail,
        invalid_params=invalid,
        type_=getattr(exc, "problem_type", None),
    )
    if getattr(exc, "auth_header", None):
        response["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None) is not None:
        response["Retry-After"] = str(int(exc.wait) + 1)
    # No rollback, unlike DRF's own handler: the API only reads, and what it wrote before the
    # error (the refusal in the access log, an altered document's alarm) must stay.
    return response
