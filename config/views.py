"""Operational endpoints: a health check for load balancers and a constant floor for benchmarks;
the page for a failure."""

import sys
import time

from django.db import InterfaceError, OperationalError, connection, transaction
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from api.problems import problem_response
from hechting.checks import catalogue_problem
from observaties.models import ArchiveAlarm, Delivery


@require_safe
@never_cache
@transaction.non_atomic_requests
def health(request):
    """200 when the database answers, 503 when it does not. With 200, `checklist` names a
    problem of the stored checklist for the operator (a published version whose content changed,
    or no current version), `archief` how many archived documents were found altered, and
    `zaaksysteem` how many documents the case system did not take; all instances share those, so
    they do not make this one unhealthy."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        problem = _catalogue_problem()
        altered = ArchiveAlarm.objects.count()
        stuck = Delivery.objects.stuck().count()
    except Exception:  # any database failure makes this instance unhealthy
        return JsonResponse({"status": "database-onbereikbaar"}, status=503)
    answer = {"status": "ok"}
    if problem:
        answer["checklist"] = problem
    if altered:
        # Archived documents found altered (when served, exported or by verify_archive).
        answer["archief"] = f"{altered} gewijzigde documenten; zie verify_archive"
    if stuck:
        # Documents the case system refused, or did not take at three tries or more.
        answer["zaaksysteem"] = (
            f"{stuck} documenten niet geregistreerd; zie de koppeling in het beheer"
        )
    return JsonResponse(answer)


# The catalogue check reads every frozen version (about 20 queries, 10 ms); a load balancer asks
# every few seconds, so each process looks again at most once a minute.
CATALOGUE_CHECK_SECONDS = 60
_catalogue_checked = {"at": None, "problem": ""}


def _catalogue_problem():
    now = time.monotonic()
    checked_at = _catalogue_checked["at"]
    if checked_at is None or now - checked_at >= CATALOGUE_CHECK_SECONDS:
        _catalogue_checked.update(at=now, problem=catalogue_problem())
    return _catalogue_checked["problem"]


def forget_catalogue_check():
    """For tests: the next health check looks at the catalogue again."""
    _catalogue_checked.update(at=None, problem="")


@require_GET
@transaction.non_atomic_requests
def floor(request):
    """A constant answer through the whole middleware stack: the load test's floor."""
    return HttpResponse(b"ok", content_type="text/plain")


def server_error(request):
    """The 500 page; when the database cannot be reached (or gave up on the request), the 503
    page, which says that what was saved is safe and that a form must be sent again.

    Rendered without the request, like Django's own: the request's user and session may be what
    could not be read.
    """
    unreachable = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    if request.path.startswith("/api/"):
        # The read API answers in problem details, also here (its middleware adds the header).
        response = problem_response(request, 503 if unreachable else 500)
        if unreachable:
            response["Retry-After"] = "60"
        return response
    if unreachable:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponse(loader.render_to_string("500.html"), status=500)
