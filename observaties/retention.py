"""Deleting families past their retention term; exporting one family for a data request."""

import io
import json
import zipfile
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.log import Action, record
from observaties import db_roles, selectors
from observaties.documents import archive
from observaties.models import ArchivedDocument, Delivery, Family, Observation, ParentSheet


def retention_cutoff(today: date | None = None) -> date:
    """Families closed on or before this date have passed their retention term."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - settings.RETENTION_YEARS)
    except ValueError:  # 29 February in a year that has none
        return today.replace(year=today.year - settings.RETENTION_YEARS, day=28)


def reopenable(family: Family, today: date | None = None) -> bool:
    """A closed family can be opened again until its retention term has passed."""
    return family.is_closed and family.closed_on > retention_cutoff(today)


def expired_families(today: date | None = None):
    return Family.objects.filter(closed_on__lte=retention_cutoff(today))


@transaction.atomic
def purge_expired_families(*, today: date | None = None) -> list[int]:
    """Delete every expired family with its children and observations; log identifiers only."""
    removed = []
    for family in expired_families(today).select_for_update():
        observations = Observation.objects.filter(child__family=family)
        summary = (
            f"bewaartermijn:{family.children.count()} kinderen,{observations.count()} observaties"
        )
        record(None, Action.DELETE, family=family, target=summary)
        removed.append(family.pk)
        # Their registrations first: the documents go below, not through the ORM. What the
        # case system holds follows the case system's own retention rules.
        Delivery.objects.filter(document__observation__child__family=family).delete()
        # What was decided and archived the runtime role cannot delete itself (db_roles).
        db_roles.purge_decided_records(family.pk)
        observations.delete()
        family.delete()
    return removed


def _registration_export(delivery):
    """Where a document went in the case system (not the case system's own copy)."""
    if delivery is None:
        return None
    return {
        "stand": delivery.get_state_display(),
        "documentidentificatie": delivery.identification,
        "document": delivery.document_url or None,
        "versie": delivery.document_version,
        "zaak": delivery.zaak_url or None,
        "geregistreerd_op": delivery.delivered_at.isoformat() if delivery.delivered_at else None,
        "pogingen": delivery.attempts,
    }


def family_export(family: Family) -> dict:
    """Everything stored about one family, for a data access request (AVG article 15)."""
    children = []
    for child in family.children.all():
        observations = []
        for observation in child.observations.select_related("professional", "version"):
            report = selectors.observation_report(observation)
            observations.append(
                {
                    "id": observation.pk,
                    "huisbezoek": observation.visit_date.isoformat(),
                    "opvoeder": observation.get_caregiver_display(),
                    "situatie": observation.get_setting_display(),
                    "medewerker": observation.professional.get_username(),
                    "checklistversie": observation.version.number,
                    "status": observation.get_status_display(),
                    "items": [
                        {
                            "code": scored.item.code,
                            "gedrag": scored.item.text,
                            "antwoord": scored.option.label if scored.option else None,
                            "toelichting": scored.note,
                        }
                        for section in report.sections
                        for scored in section.items
                    ],
                    "oordelen_passend": [
                        {
                            "code": judged.question.code,
                            "vraag": judged.question.text,
                            "oordeel": judged.label or None,
                            "paste_niet": [str(label) for label in judged.misfits],
                            "toelichting": judged.note,
                        }
                        for section in report.sections
                        for judged in section.fits
                    ],
                    "reflecties": {
                        section.condition.key: section.reflection for section in report.sections
                    },
                    "werkpunten": {
                        section.condition.key: section.work_point
                        for section in report.sections
                        if section.work_point
                    },
                    "netwerk_van_opvoeders": [
                        {
                            "relatie": entry.get_relation_display(),
                            "dagen_per_week": str(entry.days_per_week)
                            if entry.days_per_week is not None
                            else None,
                            "toelichting": entry.note,
                        }
                        for entry in report.caregivers
                    ],
                    "netwerk_nagelopen_met_ouder": observation.get_network_check_display(),
                    "wisselingen_van_opvoeders": [
                        {
                            "wat": change.what,
                            "maand": change.month.strftime("%Y-%m") if change.month else None,
                            "oorzaak": change.get_cause_display(),
                            "buiten_invloed_ouder": change.outside_parent_control,
                        }
                        for change in report.changes
                    ],
                    "randvoorwaarden": [
                        {
                            "code": factor.code,
                            "omschrijving": factor.label,
                            "antwoord": answer.answer if answer else None,
                            "toelichting": answer.note if answer else "",
                            "gedeeld_met_ouder": answer.share_with_parent if answer else False,
                            "al_in_gang_door": answer.underway_by if answer else "",
                            "actie": _agreement_export(report.stress_actions.get(factor.pk)),
                        }
                        for factor, answer in report.context_answers
                    ],
                    "conclusie": observation.conclusion,
                    "afspraken": [_agreement_export(agreement) for agreement in report.agreements],
                    "opvolging_eerdere_afspraken": [
                        {
                            "afspraak": follow_up.agreement.what,
                            "afgesproken_op": str(follow_up.agreement.observation.visit_date),
                            "hoe_ging_het": follow_up.get_outcome_display(),
                            "toelichting": follow_up.note,
                        }
                        for follow_up in report.follow_ups
                    ],
                    "volgend_huisbezoek": observation.next_visit.isoformat()
                    if observation.next_visit
                    else None,
                    "besproken_met_ouder_op": observation.discussed_on.isoformat()
                    if observation.discussed_on
                    else None,
                    "reactie_ouder": observation.parent_reaction,
                    "blad_voor_de_ouder": _parent_sheet_export(observation),
                    "gearchiveerde_documenten": [
                        {
                            "soort": document.get_kind_display(),
                            "bestand": _archive_path(document),
                            "sha256": document.sha256,
                            "gemaakt_op": document.made_at.isoformat(),
                            "codeversie": document.code_version,
                            "vervangen_op": document.superseded_by.at.isoformat()
                            if document.superseded_by
                            else None,
                            "zaaksysteem": _registration_export(document.registration),
                        }
                        for document in archive.with_registrations(observation)
                    ],
                    "geschiedenis": [
                        {
                            "van": change.from_status,
                            "naar": change.to_status,
                            "door": change.user.get_username(),
                            "op": change.at.isoformat(),
                            "opmerking": change.comment,
                        }
                        for change in report.history
                    ],
                }
            )
        children.append(
            {
                "id": child.pk,
                "naam": child.name,
                "geboortemaand": child.birth_month.strftime("%Y-%m"),
                "observaties": observations,
                "zorgen_over_veiligheid_VERTROUWELIJK": _safety_export(child),
            }
        )
    return {
        "organisatie": settings.ORGANISATION_NAME,
        "gemaakt_op": timezone.now().isoformat(),
        "gezin": {
            "id": family.pk,
            "dossiernummer": family.case_reference,
            "team": family.team.name,
            "gestart_op": family.opened_on.isoformat(),
            "afgesloten_op": family.closed_on.isoformat() if family.closed_on else None,
            "zaak_in_zaaksysteem": family.zaak_url or None,
            "zaakidentificatie": family.zaak_identification or None,
            "betrokken_medewerkers": [u.get_username() for u in family.professionals.all()],
            "heropend": [
                {
                    "was_afgesloten_op": reopening.closed_on.isoformat(),
                    "heropend_op": reopening.reopened_at.isoformat(),
                    "door": reopening.reopened_by.get_username(),
                    "reden": reopening.reason,
                }
                for reopening in family.reopenings.select_related("reopened_by")
            ],
        },
        "kinderen": children,
    }


def _agreement_export(agreement):
    if agreement is None:
        return None
    return {
        "wat": agreement.what,
        "wie": agreement.get_who_display(),
        "uiterlijk": agreement.due.isoformat() if agreement.due else None,
    }


def _date(value):
    return value.isoformat() if value else None


def _safety_export(child):
    """The child's safety concerns, marked confidential, with their part per visit and the
    team lead's notes."""
    return [
        {
            "vertrouwelijk": True,
            "toelichting": "Zorg over de veiligheid van het kind, vastgelegd volgens de meldcode.",
            "open_sinds": _date(concern.opened_on),
            "afgesloten_op": _date(concern.closed_on),
            "per_bezoek": [
                {
                    "observatie": assessment.observation_id,
                    "signalen": assessment.signals,
                    "stap_meldcode": assessment.step,
                    "stap_bereikt_op": _date(assessment.step_on),
                    "letsel": assessment.injury,
                    "beweegt_zich_zelf_voort": assessment.mobile,
                    "overleg": [
                        {
                            "op": _date(consultation.on),
                            "met": consultation.get_with_whom_display(),
                            "uitkomst": consultation.outcome,
                        }
                        for consultation in assessment.consultations.all()
                    ],
                    "gesprek_met_ouder_op": _date(assessment.talk_on),
                    "gesprek_met_ouder": assessment.talk_note,
                    "gesprek_niet_gevoerd_omdat": assessment.get_talk_skipped_display(),
                    "gesprek_niet_gevoerd_toelichting": assessment.talk_skipped_note,
                    "afwegingen": [
                        {"afweging": number, "antwoord": answer, "op": _date(on)}
                        for number, answer, on in assessment.answers
                        if answer
                    ],
                    "besluit": assessment.get_decision_display(),
                    "besluit_op": _date(assessment.decision_on),
                    "besluit_genomen_door": assessment.decided_by,
                    "toelichting_besluit": assessment.decision_note,
                    "gemeld_bij_veilig_thuis_op": _date(assessment.reported_on),
                    "kenmerk_veilig_thuis": assessment.report_reference,
                }
                for assessment in concern.assessments.order_by("observation__visit_date", "pk")
            ],
            "notities_teamleider": [
                {"door": note.author.get_username(), "op": note.at.isoformat(), "tekst": note.text}
                for note in concern.notes.select_related("author")
            ],
        }
        for concern in child.safety_concerns.all()
    ]


def _parent_sheet_export(observation):
    sheet = ParentSheet.objects.filter(observation=observation).first()
    if sheet is None:
        return None
    return {
        "wat_ging_goed": sheet.went_well,
        "wat_gaan_we_oefenen": sheet.practise,
        "waarom_belangrijk": sheet.why,
        "wat_speelt_er_thuis": sheet.at_home,
        "definitief_op": sheet.final_at.isoformat() if sheet.final_at else None,
    }


README = """Inzage-export van {organisation}, gemaakt op {made}.

gegevens.json       alles wat over dit gezin is vastgelegd, ook concepten en ingediende
                    observaties die nog niet zijn goedgekeurd.
observaties/        de rapporten zoals de teamleider ze heeft goedgekeurd: precies de
                    bestanden die bij de goedkeuring zijn gemaakt en bewaard.
voor-de-ouder/      de bladen voor de ouder van die goedkeuringen.
vervangen/          goedgekeurde documenten die later zijn vervangen, omdat de observatie
                    werd heropend en opnieuw goedgekeurd.
controlegetallen.txt  het SHA-256-controlegetal van elk bewaard document.

Het verloop per kind staat niet als PDF in deze export: het is een overzicht dat de app op
het moment van downloaden maakt uit de gegevens hierboven.
"""


class _Chunks(io.RawIOBase):
    """A write-only, unseekable sink: `zipfile` writes the archive into it and the response takes
    out what was written so far, so that no more than one document is in memory at a time."""

    def __init__(self):
        self._parts = []

    def writable(self):
        return True

    def write(self, data):
        self._parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out = b"".join(self._parts)
        self._parts.clear()
        return out


def _archive_path(document: ArchivedDocument) -> str:
    folder = (
        "voor-de-ouder" if document.kind == ArchivedDocument.Kind.PARENT_SHEET else "observaties"
    )
    if document.superseded_by_id is None:
        return f"{folder}/{document.filename}"
    stem = document.filename.removesuffix(".pdf")
    return f"vervangen/{folder}/{stem}-goedgekeurd-{document.made_at:%Y-%m-%d}-{document.pk}.pdf"


def altered_documents(family: Family) -> list:
    """The family's archived documents that are not what was approved, with what is wrong (see
    archive.verified): checked before an export starts, since a stream that has begun cannot be
    refused any more."""
    documents = ArchivedDocument.objects.filter(observation__child__family=family)
    return [(document, problem) for document, problem in archive.checked(documents) if problem]


def family_export_zip(family: Family):
    """The JSON export with every archived document as it was approved, streamed: yields the
    archive in pieces, reading the documents one at a time from the database. Nothing is
    rendered."""
    sink = _Chunks()
    documents = ArchivedDocument.objects.filter(observation__child__family=family).order_by(
        "observation__child_id", "observation__visit_date", "observation_id", "made_at", "pk"
    )
    checksums = []
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as zip_file:
        zip_file.writestr(
            "LEESMIJ.txt",
            README.format(
                organisation=settings.ORGANISATION_NAME,
                made=timezone.localtime().strftime("%d-%m-%Y %H:%M"),
            ),
        )
        zip_file.writestr(
            "gegevens.json", json.dumps(family_export(family), ensure_ascii=False, indent=2)
        )
        yield sink.take()
        for pk in documents.values_list("pk", flat=True):
            document = ArchivedDocument.objects.get(pk=pk)
            path = _archive_path(document)
            # PDFs are compressed already: stored as they are, byte for byte.
            zip_file.writestr(path, bytes(document.pdf), compress_type=zipfile.ZIP_STORED)
            checksums.append(f"{document.sha256}  {path}")
            yield sink.take()
        zip_file.writestr("controlegetallen.txt", "\n".join(checksums) + "\n")
    yield sink.take()
