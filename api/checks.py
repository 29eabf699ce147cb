"""What the operator hears from `check --deploy --database default` about the read API."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError

from api.models import ApiClient


@checks.register(checks.Tags.database, deploy=True)
def throttle_needs_a_shared_cache(databases=None, **kwargs):
    """Clients registered in production without a shared cache: each app server counts a
    client's requests on its own, so the limit grows with the number of servers."""
    shared = settings.CACHES["shared"]["BACKEND"]
    if not databases or settings.DEBUG or not shared.endswith("LocMemCache"):
        return []
    try:
        registered = ApiClient.objects.filter(revoked_at__isnull=True).exists()
    except DatabaseError:  # not migrated yet
        return []
    if not registered:
        return []
    return [
        checks.Warning(
            "Er zijn API-clients, maar geen gedeelde cache: elke app-server telt hun verzoeken "
            "apart.",
            hint="Zet HECHTINGSWIJZER_CACHE_URL (Redis); zie docs/deploy.md, 'API'.",
            id="api.W001",
        )
    ]
