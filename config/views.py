"""Operational endpoints: a health check for load balancers and a constant floor for benchmarks."""

from django.db import connection, transaction
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe


@require_safe
@never_cache
@transaction.non_atomic_requests
def health(request):
    """200 when the database answers, 503 when it does not; says nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure makes this instance unhealthy
        return JsonResponse({"status": "database-onbereikbaar"}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
@transaction.non_atomic_requests
def floor(request):
    """A constant answer through the whole middleware stack: the load test's floor."""
    return HttpResponse(b"ok", content_type="text/plain")
