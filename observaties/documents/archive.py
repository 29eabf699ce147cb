"""The approved report as a frozen document.

On approval the observation's report (and, from checklist version 2, the sheet for the parent) is
rendered once and stored with its SHA-256, the time and the code version that made it. Every later
download of the approved observation serves those bytes: a report in a client file reads as the
team lead approved it, whatever changes later in templates, settings or code. Reopening keeps the
document and marks it superseded by that reopening; the next approval archives a new one.

The documents live in the database, next to the observation: a backup holds them, every app
server serves them, and the retention purge deletes them with the observation.

Each document is sealed: an HMAC-SHA256 over what it is (observation, kind, approval, file name,
time and the SHA-256 of its bytes) under a key from the environment (`ARCHIVE_SEAL_KEYS`) that the
database does not hold. Before a document is served or exported its bytes are checked against
their SHA-256 and the seal against the key: someone who can write the database can alter the
bytes, and the hash with them, but not make a seal that fits. An altered document is refused and
recorded as an `ArchiveAlarm`, which `/gezond/` reports until `verify_archive` finds it intact.
"""

import hashlib
import hmac
from datetime import UTC

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from observaties.documents import reports
from observaties.models import ArchiveAlarm, ArchivedDocument, Observation, StatusChange

Kind = ArchivedDocument.Kind
# Listing documents never loads their bytes.
_WITHOUT_BYTES = ("pdf",)


def kinds_for(observation: Observation) -> list[str]:
    """What an approval of this observation archives: the sheet for the parent exists only from
    the checklist version that has texts for it; the confidential part only for a visit that
    recorded a safety concern, as a document of its own; the addendum for a version withdrawn
    since (archived at the withdrawal, see `archive_addenda`)."""
    kinds = [Kind.REPORT]
    if observation.version.has_parent_texts:
        kinds.append(Kind.PARENT_SHEET)
    if observation.asks_safety and observation.safety_concern == "ja":
        kinds.append(Kind.SAFETY)
    if observation.version.is_withdrawn:
        kinds.append(Kind.ADDENDUM)
    return kinds


_RENDER = {
    Kind.REPORT: reports.observation_report,
    Kind.PARENT_SHEET: reports.parent_sheet_report,
    Kind.SAFETY: reports.safety_document,
    Kind.ADDENDUM: reports.addendum,
}


def render_kind(observation: Observation, kind: str) -> reports.Report:
    """One of the observation's documents, rendered as it reads now."""
    return _RENDER[kind](observation)


def render(observation: Observation) -> dict[str, reports.Report]:
    """The documents an approval of `observation` archives, rendered as it reads now."""
    return {kind: render_kind(observation, kind) for kind in kinds_for(observation)}


class AlteredDocument(Exception):
    """An archived document that is not what was approved; its message says what is wrong."""


def seal_of(document: ArchivedDocument, key: str | None = None) -> str:
    """The document's seal under `key` (by default the newest of ARCHIVE_SEAL_KEYS)."""
    made_at = document.made_at.astimezone(UTC).isoformat()
    what = "|".join(
        str(part)
        for part in (
            document.observation_id,
            document.kind,
            document.approval_id or "",
            document.filename,
            made_at,
            document.sha256,
        )
    )
    key = key or settings.ARCHIVE_SEAL_KEYS[0]
    return hmac.new(key.encode(), what.encode(), hashlib.sha256).hexdigest()


def problem_of(document: ArchivedDocument) -> str:
    """What is wrong with the document, in Dutch; empty when it is as it was approved (a document
    archived before sealing is checked against its SHA-256 only)."""
    if hashlib.sha256(bytes(document.pdf)).hexdigest() != document.sha256:
        return _("De inhoud past niet meer bij het SHA-256-controlegetal.")
    if document.seal and not any(
        hmac.compare_digest(document.seal, seal_of(document, key))
        for key in settings.ARCHIVE_SEAL_KEYS
    ):
        return _("Het zegel past niet: het controlegetal of de gegevens zijn gewijzigd.")
    return ""


def verified(document: ArchivedDocument) -> ArchivedDocument:
    """The document, if it is as it was approved; else AlteredDocument, and an alarm."""
    problem = problem_of(document)
    if problem:
        with transaction.atomic():
            ArchiveAlarm.objects.update_or_create(document=document, defaults={"problem": problem})
        raise AlteredDocument(problem)
    return document


def checked(documents):
    """Each of `documents` (a queryset) with what is wrong with it ("" when intact), read and
    checked one at a time so that only one PDF is in memory; an altered one raises its alarm."""
    for pk in documents.order_by("pk").values_list("pk", flat=True):
        document = ArchivedDocument.objects.select_related("observation__child").get(pk=pk)
        try:
            verified(document)
        except AlteredDocument as problem:
            yield document, str(problem)
        else:
            yield document, ""


def _store(observation: Observation, kind: str, approval: StatusChange | None, report=None):
    report = report or render_kind(observation, kind)
    document = ArchivedDocument(
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
    document.seal = seal_of(document)
    document.save()
    return document


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


def report_holds_safety(document: ArchivedDocument) -> bool:
    """A report archived before the confidential part became a document of its own holds it:
    one with no safety document beside it from the same approval."""
    return (
        document.kind == Kind.REPORT
        and document.observation.safety_concern == "ja"
        and not ArchivedDocument.objects.filter(
            observation=document.observation_id,
            approval=document.approval_id,
            kind=Kind.SAFETY,
        ).exists()
    )


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


def with_registrations(observation: Observation):
    """The observation's documents as `documents_of` gives them, each with its `registration`
    in the case system (None when it has none); one query."""
    documents = list(documents_of(observation).select_related("delivery"))
    for document in documents:
        document.observation = observation
        document.registration = getattr(document, "delivery", None)
        if document.registration is not None:
            document.registration.document = document
    return documents


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


def archive_addenda(version_id: int, *, register=None) -> int:
    """The addendum of every approved observation on a withdrawn version, archived beside its
    report (which is never changed); each in a transaction of its own, in which `register`
    (the case system's outbox) is given the new addendum. How many were made."""
    made = 0
    approved = Observation.objects.filter(version_id=version_id, status=Observation.Status.APPROVED)
    for pk in approved.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            observation = Observation(pk=pk)
            if archive_missing(observation):
                made += 1
                addendum = current(observation, Kind.ADDENDUM)
                if register is not None and addendum is not None:
                    register([addendum])
    return made
