"""Checks of the stored catalogue that `migrate`, `check --database default` and `/gezond/`
report to the operator: a frozen version whose content changed, and no current version."""

from django.core import checks
from django.db import DatabaseError

from hechting.catalogue.content import content_hash
from hechting.models import ChecklistVersion


def altered_versions() -> list[int]:
    """The numbers of published or retired versions whose content no longer matches the
    fingerprint stored when they were published."""
    frozen = ChecklistVersion.objects.exclude(status=ChecklistVersion.Status.DRAFT)
    return [
        version.number
        for version in frozen.order_by("number")
        if version.content_hash != content_hash(version)
    ]


def catalogue_problem() -> str:
    """The stored catalogue's problem in a few words for an operator's health check, or ""."""
    altered = altered_versions()
    if altered:
        return "gewijzigd na publiceren: versie " + ", ".join(str(number) for number in altered)
    if not ChecklistVersion.objects.filter(status=ChecklistVersion.Status.PUBLISHED).exists():
        return "geen huidige versie"
    return ""


@checks.register(checks.Tags.database)
def published_versions_unchanged(databases=None, **kwargs):
    if not databases:
        return []
    try:
        altered = altered_versions()
        current = ChecklistVersion.objects.filter(status=ChecklistVersion.Status.PUBLISHED).exists()
    except DatabaseError:  # not migrated yet: there is nothing to check
        return []
    found = []
    if altered:
        found.append(
            checks.Error(
                "De inhoud van gepubliceerde checklistversie "
                + ", ".join(str(number) for number in altered)
                + " is veranderd na het publiceren.",
                hint=(
                    "Een gepubliceerde versie verandert nooit. Zet de inhoud terug vanuit "
                    "hechting/catalogue/ of een back-up; zie docs/catalogue.md."
                ),
                id="hechting.E001",
            )
        )
    if not current:
        found.append(
            checks.Warning(
                "Er is geen huidige checklistversie; niemand kan een observatie beginnen.",
                hint="Voer `manage.py catalogue_install` uit.",
                id="hechting.W001",
            )
        )
    return found
