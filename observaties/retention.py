"""Deleting families past their retention term; exporting one family for a data request."""

import io
import json
import zipfile
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.log import Action, record
from observaties import reports, selectors
from observaties.models import Family, Observation, ParentSheet


def retention_cutoff(today: date | None = None) -> date:
    """Families closed on or before this date have passed their retention term."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - settings.RETENTION_YEARS)
    except ValueError:  # 29 February in a year that has none
        return today.replace(year=today.year - settings.RETENTION_YEARS, day=28)


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
        observations.delete()
        family.delete()
    return removed


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
                    "reflecties": {
                        section.condition.key: section.reflection for section in report.sections
                    },
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
            "betrokken_medewerkers": [u.get_username() for u in family.professionals.all()],
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
                    "overlegd_met": assessment.consulted,
                    "overlegd_op": _date(assessment.consulted_on),
                    "afwegingen": [
                        {"afweging": number, "antwoord": answer, "op": _date(on)}
                        for number, answer, on in assessment.answers
                        if answer
                    ],
                    "besluit": assessment.get_decision_display(),
                    "besluit_op": _date(assessment.decision_on),
                    "toelichting_besluit": assessment.decision_note,
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


def family_export_zip(family: Family) -> bytes:
    """The JSON export with every report as PDF, in one archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "gegevens.json", json.dumps(family_export(family), ensure_ascii=False, indent=2)
        )
        for child in family.children.all():
            for observation in child.observations.all():
                report = reports.observation_report(observation)
                archive.writestr(f"observaties/{report.filename}", report.pdf)
                if ParentSheet.objects.filter(
                    observation=observation, final_at__isnull=False
                ).exists():
                    sheet = reports.parent_sheet_report(observation)
                    archive.writestr(f"voor-de-ouder/{sheet.filename}", sheet.pdf)
            if child.observations.filter(status=Observation.Status.APPROVED).exists():
                report = reports.child_report(child)
                archive.writestr(f"verloop/{report.filename}", report.pdf)
    return buffer.getvalue()
