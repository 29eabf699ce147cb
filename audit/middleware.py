"""Refused accesses go into the access log; pages for signed-in users are never cached."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from audit.log import Action, Outcome, record

# Each app with pages of client data says, per URL namespace, what a refused request to one of
# its URLs attempted and which object its `pk` names (ids of the object, its family and team).
_REFUSALS = {}


def register_refusals(namespace, *, attempted, named):
    """`attempted(method, url_name)` -> an Action; `named(url_name, kwargs)` -> ids to log, from
    the URL's keyword arguments."""
    _REFUSALS[namespace] = (attempted, named)


def _audit_attempted(method, url_name):
    return Action.EXPORT if url_name == "event-csv" else Action.VIEW


register_refusals("audit", attempted=_audit_attempted, named=lambda url_name, kwargs: {})


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
    """Logs a 404 or 403 on a client-data page: what was attempted, the number that was asked
    for, and the family and team it belongs to when it exists, so that a team lead sees who
    tried their families.

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
        if match is None or match.namespace not in _REFUSALS:
            return None
        attempted, named = _REFUSALS[match.namespace]
        ids = named(match.url_name, match.kwargs)
        record(
            request,
            attempted(request.method, match.url_name),
            outcome=Outcome.REFUSED,
            target=ids.pop("target", match.url_name),
            **ids,
        )
        return None
