"""What the operator hears from `check --deploy --database default` about the case system."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError

from zaaksysteem.models import CaseSystem


@checks.register(checks.Tags.database, deploy=True)
def deliveries_need_a_worker(databases=None, **kwargs):
    """A configured case system in production without a broker: every delivery would run in the
    web request that approved, and nothing would try a failed one again."""
    if not databases or settings.DEBUG or settings.CELERY_BROKER_URL:
        return []
    try:
        configured = CaseSystem.configured() is not None
    except DatabaseError:  # not migrated yet
        return []
    if not configured:
        return []
    return [
        checks.Warning(
            "Er is een zaaksysteem ingesteld, maar geen broker voor de achtergrondtaken.",
            hint=(
                "Zet HECHTINGSWIJZER_CELERY_BROKER (Redis) en start de worker en beat; zie "
                "docs/deploy.md, 'Zaaksysteem'. Zonder worker probeert niemand een mislukte "
                "registratie opnieuw."
            ),
            id="zaaksysteem.W001",
        )
    ]
