"""Approved documents into the organisation's case system (ZGW Documenten and Zaken APIs).

The approval writes a `Delivery` per document in its own transaction (the outbox); a worker
registers the archived bytes, unchanged, as a document of the family's case. Nothing is lost and
nothing arrives twice: a delivery the case system did not answer is tried again later, with a
growing pause; the case system's document carries an identification made here, looked up before
anything is created, so a worker that died after creating it finds it on the next try; a new
approval of the same observation becomes a new version of that document. A refusal (4xx) stops
until the team lead asks for another try.

The queue is a detail: `delivery_run` is a plain function that a task, a command or a test calls.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from audit.log import Action, Outcome, record
from observaties import access
from observaties.documents import archive
from observaties.models import ArchivedDocument, Delivery, Family
from zaaksysteem.client import (
    Person,
    Refused,
    Unreachable,
    documenten_api,
    zaken_api,
)
from zaaksysteem.models import CaseSystem

logger = logging.getLogger(__name__)
State = Delivery.State
Kind = ArchivedDocument.Kind
# The access log's name for the worker: it acts for the team lead who approved, not as them.
WORKER = "zaaksysteem-koppeling"
# A worker holds a delivery this long; one killed halfway lets go when it passes.
_CLAIM = timedelta(minutes=5)
_TITLES = {
    Kind.REPORT: "Observatierapport Hechtingswijzer",
    Kind.PARENT_SHEET: "Blad voor de ouder",
    Kind.SAFETY: "Vertrouwelijk deel veiligheid",
}


def configured_case_system() -> CaseSystem | None:
    """The case system's settings, when reports are to be registered; else None."""
    return CaseSystem.configured()


# Linking a family to its case


@transaction.atomic
def family_link_zaak(*, family: Family, zaak: str, user) -> Family:
    """Link the family to its case, given as the case's URL or its identification, after the
    Zaken API confirmed the case exists; an empty `zaak` removes the link. Documents waiting for
    a case are sent from then on."""
    case_system = configured_case_system()
    if case_system is None:
        raise ValidationError(_("Er is geen zaaksysteem gekoppeld."))
    zaak = zaak.strip()
    url, identification = ("", "") if not zaak else _find_zaak(case_system, zaak, user)
    family = Family.objects.select_for_update().get(pk=family.pk)
    if family.is_closed:
        raise PermissionDenied(access.FAMILY_CLOSED)
    family.zaak_url, family.zaak_identification = url, identification
    family.save(update_fields=["zaak_url", "zaak_identification"])
    if url:
        waiting = Delivery.objects.filter(
            state=State.WAITING, document__observation__child__family=family
        )
        waiting.update(next_attempt_at=timezone.now())
        for pk in waiting.values_list("pk", flat=True):
            _enqueue(pk)
    return family


def _find_zaak(case_system, zaak, user):
    """The case's URL and identification, from the Zaken API; a Dutch ValidationError when it
    is not there or the case system does not answer (then nothing is saved)."""
    api = zaken_api(case_system, _person(user))
    try:
        if zaak.startswith(("http://", "https://")):
            found = api.zaak(zaak)
        else:
            found = api.zaak_by_identification(zaak, case_system.rsin)
            if found is None:
                raise ValidationError(
                    _("Het zaaksysteem kent geen zaak met identificatie %(zaak)s.") % {"zaak": zaak}
                )
    except Unreachable as error:
        raise ValidationError(
            _("Het zaaksysteem is nu niet bereikbaar; er is niets opgeslagen. %(reason)s")
            % {"reason": error}
        ) from error
    except Refused as error:
        raise ValidationError(
            _("Deze zaak is niet gevonden in het zaaksysteem. %(reason)s") % {"reason": error}
        ) from error
    if not isinstance(found, dict) or "identificatie" not in found or "url" not in found:
        raise ValidationError(_("Dit adres is geen zaak in het zaaksysteem."))
    return found["url"], found["identificatie"][:40]


# The outbox


def deliveries_for_approval(documents: list[ArchivedDocument]) -> list[Delivery]:
    """The deliveries of an approval's documents (or of an addendum made at a withdrawal), in
    the transaction that stored them; each is sent when it commits. None without a configured
    case system."""
    case_system = configured_case_system()
    if case_system is None:
        return []
    now = timezone.now()
    deliveries = []
    for document in documents:
        registration = _registration(case_system, document)
        if registration is None:
            continue
        document_type, confidentiality = registration
        deliveries.append(
            Delivery.objects.create(
                document=document,
                document_type=document_type,
                confidentiality=confidentiality,
                identification=identification_of(case_system, document),
                next_attempt_at=now,
            )
        )
    for delivery in deliveries:
        _enqueue(delivery.pk)
    return deliveries


def _registration(case_system, document):
    """The type and confidentiality a document is registered with, or None when the
    organisation does not register this kind."""
    if document.kind == Kind.REPORT:
        if archive.report_holds_safety(document):
            return case_system.report_type, case_system.safety_confidentiality
        return case_system.report_type, case_system.report_confidentiality
    if document.kind == Kind.ADDENDUM:
        # It belongs to the report: registered as the report's kind, beside it.
        return case_system.report_type, case_system.report_confidentiality
    if document.kind == Kind.PARENT_SHEET and case_system.parent_sheet_type:
        return case_system.parent_sheet_type, case_system.parent_sheet_confidentiality
    if document.kind == Kind.SAFETY and case_system.register_safety:
        return case_system.safety_type, case_system.safety_confidentiality
    return None


def identification_of(case_system, document) -> str:
    """The case-system identification of an observation's document of one kind: the same for
    every approval, so that a new approval is a new version of it."""
    return f"{case_system.identification_prefix}-{document.observation_id}-{document.kind}"


def supersede_waiting(observation) -> int:
    """At a reopening: what was not registered yet of the observation's approved documents is
    not sent any more (the next approval registers its own); how many."""
    return Delivery.objects.filter(document__observation=observation, state=State.WAITING).update(
        state=State.SUPERSEDED
    )


def _enqueue(delivery_pk):
    # Imported here: the task module calls this module.
    from observaties.tasks import deliver

    transaction.on_commit(lambda: deliver.delay(delivery_pk), robust=True)


# The work


def deliver_due(*, now=None, limit=100) -> int:
    """Run the deliveries that are due (waiting, their time come, their family linked to a
    case); how many were run."""
    now = now or timezone.now()
    due = (
        Delivery.objects.filter(state=State.WAITING, next_attempt_at__lte=now)
        .exclude(document__observation__child__family__zaak_url="")
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    pks = list(due)
    for pk in pks:
        delivery_run(pk, now=now)
    return len(pks)


def delivery_run(delivery_pk: int, *, now=None) -> Delivery | None:
    """Register one delivery's document, if it is waiting and no other worker has it; the
    delivery as it stands afterwards (None when another worker has it)."""
    now = now or timezone.now()
    claimed = (
        Delivery.objects.filter(pk=delivery_pk, state=State.WAITING)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + _CLAIM)
    )
    if not claimed:
        return None
    delivery = Delivery.objects.select_related(
        "document__observation__child__family",
        "document__observation__professional",
        "document__approval__user",
    ).get(pk=delivery_pk)
    try:
        _deliver(delivery)
    except Unreachable as error:
        _failed(delivery, error, now=now, again=True)
    except (Refused, archive.AlteredDocument) as error:
        _failed(delivery, error, now=now, again=False)
    except Exception as error:
        # An answer we did not expect: tried again later, like no answer. The log names the
        # delivery and the kind of error only.
        logger.error("Delivery %s failed: %s", delivery_pk, type(error).__name__)
        _failed(
            delivery,
            Unreachable(_("Onverwachte fout (%(kind)s).") % {"kind": type(error).__name__}),
            now=now,
            again=True,
        )
    finally:
        Delivery.objects.filter(pk=delivery_pk).update(claimed_until=None)
    delivery.refresh_from_db()
    return delivery


def _deliver(delivery):
    document = delivery.document
    family = document.observation.child.family
    if document.superseded_by_id is not None:
        _finish(delivery, state=State.SUPERSEDED)
        return
    case_system = configured_case_system()
    if case_system is None or not family.zaak_url:
        return  # it waits, without counting a try, until both are there
    pdf = bytes(archive.verified(document).pdf)
    person = _person(document.approval.user if document.approval else None)
    documents = documenten_api(case_system, person)
    fields = _fields(case_system, delivery, document)
    found = documents.find(delivery.identification, case_system.rsin)
    if found is None:
        found = documents.create({**fields, "informatieobjecttype": delivery.document_type}, pdf)
    elif delivery.lock and found.get("locked"):
        # A worker stopped between locking and unlocking: finish its new version.
        found = _new_version(documents, delivery, found, fields, pdf, lock=delivery.lock)
    elif documents.content_sha256(found) != document.sha256:
        found = _new_version(documents, delivery, found, fields, pdf)
    zaken_api(case_system, person).link(family.zaak_url, found["url"], fields["titel"])
    _finish(
        delivery,
        state=State.DELIVERED,
        document_url=found["url"],
        document_version=found.get("versie"),
        zaak_url=family.zaak_url,
        delivered_at=timezone.now(),
        lock="",
    )
    _log(delivery, Outcome.ALLOWED)


def _new_version(documents, delivery, found, fields, pdf, *, lock=None):
    """The archived bytes as the next version of `found`: locked, changed, unlocked. The lock
    is kept on the delivery meanwhile, so a worker that dies in between can finish."""
    if lock is None:
        lock = documents.lock(found["url"])
        Delivery.objects.filter(pk=delivery.pk).update(lock=lock)
    if documents.content_sha256(found) != delivery.document.sha256:
        found = documents.update(found["url"], lock, fields, pdf)
    documents.unlock(found["url"], lock)
    Delivery.objects.filter(pk=delivery.pk).update(lock="")
    return found


def _fields(case_system, delivery, document):
    """The document's description in the case system, in Dutch whatever the worker's language."""
    observation = document.observation
    family = observation.child.family
    approved_on = timezone.localdate(
        document.approval.at if document.approval else document.made_at
    )
    with translation.override("nl"):
        visit = formats.date_format(observation.visit_date, "j F Y")
    return {
        "bronorganisatie": case_system.rsin,
        "identificatie": delivery.identification,
        "titel": f"{_TITLES[document.kind]} {family.case_reference} huisbezoek {visit}"[:200],
        "auteur": observation.professional.signature[:200],
        "creatiedatum": approved_on.isoformat(),
        "taal": "nld",
        "status": "definitief",
        "formaat": "application/pdf",
        "bestandsnaam": document.filename[:255],
        "vertrouwelijkheidaanduiding": delivery.confidentiality,
        "beschrijving": f"Goedgekeurd in de Hechtingswijzer; SHA-256 {document.sha256}.",
    }


def _person(user) -> Person:
    """Who the case system's audit trail names: the team lead who approved."""
    if user is None:
        return Person(user_id=WORKER, representation="Hechtingswijzer")
    return Person(user_id=user.get_username(), representation=user.signature)


def _finish(delivery, **fields):
    Delivery.objects.filter(pk=delivery.pk).update(**fields)


def _failed(delivery, error: Exception, *, now, again: bool):
    attempts = delivery.attempts + 1
    pause = min(2 ** (attempts - 1), settings.DELIVERY_MAX_BACKOFF_MINUTES)
    _finish(
        delivery,
        state=State.WAITING if again else State.REFUSED,
        attempts=attempts,
        next_attempt_at=now + timedelta(minutes=pause),
        last_error=str(error),
        last_error_at=now,
    )
    _log(delivery, Outcome.FAILED if again else Outcome.REFUSED)


def _log(delivery, outcome):
    """One access-log event per try: which observation, which document, which case; no
    content."""
    observation = delivery.document.observation
    family = observation.child.family
    record(
        None,
        Action.REGISTER,
        outcome=outcome,
        username=WORKER,
        observation=observation,
        target=f"{delivery.identification} zaak {family.zaak_identification or '-'}",
    )


# The team lead's second try


@transaction.atomic
def delivery_retry(*, delivery: Delivery, team_lead) -> Delivery:
    """Try a refused or waiting delivery again now, for a team lead of its family's team, with
    the type and confidentiality configured now: a refusal is usually fixed in the
    configuration (a wrong type), and the second try should use the fix."""
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    family = delivery.document.observation.child.family
    if not access.is_team_lead(team_lead, family.team_id):
        raise PermissionDenied
    if delivery.state not in (State.WAITING, State.REFUSED):
        raise ValidationError(_("Dit document hoeft niet opnieuw te worden verstuurd."))
    case_system = configured_case_system()
    registration = case_system and _registration(case_system, delivery.document)
    if registration is None:
        raise ValidationError(
            _("Dit document wordt niet meer naar het zaaksysteem gestuurd (zie de koppeling).")
        )
    delivery.document_type, delivery.confidentiality = registration
    delivery.state = State.WAITING
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["document_type", "confidentiality", "state", "next_attempt_at"])
    _enqueue(delivery.pk)
    return delivery
