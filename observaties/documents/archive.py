"""The approved report as a frozen document.

On approval the observation's report (and, from checklist version 2, the sheet for the parent) is
rendered once and stored with its SHA-256, the time and the code version that made it. Every later
download of the approved observation serves those bytes: a report in a client file reads as the
team lead approved it, whatever changes later in templates, settings or code. Reopening keeps the
document and marks it superseded by that reopening; the next approval archives a new one.

The documents live in the database, next to the observation: a backup holds them, every app
server serves them, and the retention purge deletes them with the observation.
"""

import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from observaties.documents import reports
from observaties.models import ArchivedDocument, Observation, StatusChange

Kind = ArchivedDocument.Kind
# Listing documents never loads their bytes.
_WITHOUT_BYTES = ("pdf",)


def kinds_for(observation: Observation) -> list[str]:
    """What an approval of this observation archives: the sheet for the parent exists only from
    the checklist version that has texts for it."""
    if observation.version.has_parent_texts:
        return [Kind.REPORT, Kind.PARENT_SHEET]
    return [Kind.REPORT]


def _render(observation: Observation, kind: str) -> reports.Report:
    if kind == Kind.PARENT_SHEET:
        return reports.parent_sheet_report(observation)
    return reports.observation_report(observation)


def render(observation: Observation) -> dict[str, reports.Report]:
    """The documents an approval of `observation` archives, rendered as it reads now."""
    return {kind: _render(observation, kind) for kind in kinds_for(observation)}


def _store(observation: Observation, kind: str, approval: StatusChange | None, report=None):
    report = report or _render(observation, kind)
    return ArchivedDocument.objects.create(
        observation=observation,
        kind=kind,
        approval=approval,
        filename=report.filename,
        pdf=report.pdf,
        size=len(report.pdf),
        sha256=hashlib.sha256(report.pdf).hexdigest(),
        made_at=timezone.now(),
        code_version=settings.CODE_VERSION,
    )


def store(
    observation: Observation, rendered: dict[str, reports.Report], *, approval: StatusChange
) -> list[ArchivedDocument]:
    """Store the documents rendered for an approval (see `services.observation_approve`)."""
    return [_store(observation, kind, approval, report) for kind, report in rendered.items()]


def supersede(observation: Observation, *, reopening: StatusChange) -> int:
    """The approved documents stay, marked as superseded by this reopening."""
    return ArchivedDocument.objects.filter(
        observation=observation, superseded_by__isnull=True
    ).update(superseded_by=reopening)


def current(observation: Observation, kind: str) -> ArchivedDocument | None:
    """The document of the observation's present approval, bytes included."""
    return ArchivedDocument.objects.filter(
        observation=observation, kind=kind, superseded_by__isnull=True
    ).first()


def documents_of(observation: Observation):
    """Every archived document of the observation, oldest first, without the bytes."""
    return (
        ArchivedDocument.objects.filter(observation=observation)
        .defer(*_WITHOUT_BYTES)
        .select_related("approval__user", "superseded_by__user")
    )


def _present_kinds(observation: Observation) -> set[str]:
    return set(
        ArchivedDocument.objects.filter(
            observation=observation, superseded_by__isnull=True
        ).values_list("kind", flat=True)
    )


def missing():
    """Approved observations without the archived documents of their present approval."""
    approved = Observation.objects.filter(status=Observation.Status.APPROVED).select_related(
        "version"
    )
    for observation in approved.order_by("pk").iterator(chunk_size=500):
        if not set(kinds_for(observation)) <= _present_kinds(observation):
            yield observation


@transaction.atomic
def archive_missing(observation: Observation) -> bool:
    """Archive an approved observation that has no documents yet (stored before archiving
    existed); False if it needs nothing. Its last approval is the one the documents belong to.

    Locks only the observation: a closed family's approved observations are archived too."""
    observation = (
        Observation.objects.select_for_update(of=("self",))
        .select_related("version", "child__family")
        .get(pk=observation.pk)
    )
    if observation.status != Observation.Status.APPROVED:
        return False
    present = _present_kinds(observation)
    kinds = [kind for kind in kinds_for(observation) if kind not in present]
    approval = (
        observation.history.filter(to_status=Observation.Status.APPROVED).order_by("at").last()
    )
    for kind in kinds:
        _store(observation, kind, approval)
    return bool(kinds)


def document_for(observation: Observation, kind: str) -> ArchivedDocument:
    """The archived document of an approved observation; one approved before archiving existed
    is archived now, once, and served from the archive from then on."""
    document = current(observation, kind)
    if document is None:
        archive_missing(observation)
        document = current(observation, kind)
    return document
