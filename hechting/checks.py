"""Checks of the stored catalogue that `migrate`, `check --database default` and `/gezond/`
report to the operator: a frozen version whose content changed, no current version, and
published versions that the shipped data files do not hold as they are."""

from django.core import checks
from django.core.exceptions import ValidationError
from django.db import DatabaseError

from hechting import catalogue
from hechting.catalogue import files
from hechting.catalogue.content import content_hash, fingerprint
from hechting.models import ChecklistVersion


def _frozen():
    return ChecklistVersion.objects.exclude(status=ChecklistVersion.Status.DRAFT).order_by("number")


def _has_current_version() -> bool:
    return ChecklistVersion.objects.filter(status=ChecklistVersion.Status.PUBLISHED).exists()


def altered_versions() -> list[int]:
    """The numbers of published or retired versions whose content no longer matches the
    fingerprint stored when they were published."""
    return [
        version.number for version in _frozen() if version.content_hash != content_hash(version)
    ]


def unshipped_versions() -> list[str]:
    """Published or retired versions that the shipped files do not hold as they are: published
    from a draft made in the admin, or a file edited after its version was published."""
    shipped = {}
    for path in catalogue.shipped_files():
        try:
            data = files.read(path)
        except ValidationError:
            shipped[int(path.stem[1:])] = (path.name, "")
        else:
            shipped[data["number"]] = (path.name, fingerprint(data))
    found = []
    for number, stored in _frozen().values_list("number", "content_hash"):
        name, file_hash = shipped.get(number, (None, None))
        if name is None:
            found.append(f"versie {number} staat niet in hechting/catalogue/")
        elif file_hash != stored:
            found.append(f"versie {number} is anders dan {name}")
    return found


def catalogue_problem() -> str:
    """The stored catalogue's problem in a few words for an operator's health check, or ""."""
    altered = altered_versions()
    if altered:
        return "gewijzigd na publiceren: versie " + ", ".join(str(number) for number in altered)
    if not _has_current_version():
        return "geen huidige versie"
    return ""


@checks.register(checks.Tags.database)
def published_versions_unchanged(databases=None, **kwargs):
    if not databases:
        return []
    try:
        altered = altered_versions()
        unshipped = unshipped_versions()
        current = _has_current_version()
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
    if unshipped:
        found.append(
            checks.Warning(
                "De meegeleverde bestanden en de database verschillen: "
                + "; ".join(unshipped)
                + ".",
                hint=(
                    "Een nieuwe installatie krijgt alleen wat in hechting/catalogue/ staat, en een "
                    "gepubliceerd bestand verandert nooit. Schrijf een nieuwe versie met "
                    "`manage.py catalogue_export NUMMER`; zie docs/catalogue.md."
                ),
                id="hechting.W002",
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
