"""Refused accesses go into the access log; pages for signed-in users are never cached."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from audit.log import Action, Outcome, record

# URL names whose `pk` is a family, or an observation; other pages are logged by name only.
_FAMILY_URLS = {
    "family-detail",
    "family-edit",
    "family-close",
    "child-create",
    "observation-create",
    "family-export",
}
_OBSERVATION_URLS = {
    "observation-detail",
    "observation-edit",
    "observation-review",
    "observation-reopen",
    "observation-pdf",
}


class NoStoreMiddleware:
    """Client data must not stay in browser or proxy caches (OWASP ASVS 14.3.2)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store, private"
        return response


class RefusalMiddleware:
    """Logs a 404 or 403 on a client-data page, with the number that was asked for.

    The row is appended after the view's transaction was rolled back, so it stays.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Http404 | PermissionDenied):
            return None
        match = getattr(request, "resolver_match", None)
        if match is None or match.namespace not in ("observaties", "audit"):
            return None
        pk = match.kwargs.get("pk")
        record(
            request,
            Action.VIEW,
            outcome=Outcome.REFUSED,
            target=match.url_name,
            family_id=pk if match.url_name in _FAMILY_URLS else None,
            observation_id=pk if match.url_name in _OBSERVATION_URLS else None,
        )
        return None
