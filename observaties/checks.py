"""Checks of stored data that `migrate` and `check --database default` report to the operator."""

from django.core import checks
from django.db import DatabaseError

from observaties.models import Observation


@checks.register(checks.Tags.database)
def closed_families_hold_only_approved_observations(databases=None, **kwargs):
    """Before closing and reopening took the same lock, the two at once could leave a returned
    observation in a closed family, which nobody can then finish. Names the families by number."""
    if not databases:
        return []
    try:
        families = sorted(
            set(
                Observation.objects.filter(child__family__closed_on__isnull=False)
                .exclude(status=Observation.Status.APPROVED)
                .values_list("child__family_id", flat=True)
            )
        )
    except DatabaseError:  # not migrated yet: there is nothing to check
        return []
    if not families:
        return []
    return [
        checks.Warning(
            "Afgesloten gezinnen met een observatie die niet is goedgekeurd (gezin nummer "
            + ", ".join(str(family) for family in families)
            + ").",
            hint="Zie docs/deploy.md, 'Afgesloten gezinnen met onafgemaakt werk'.",
            id="observaties.W001",
        )
    ]
