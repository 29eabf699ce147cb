"""The API's JSON for families and approved observations: Dutch names in camelCase, dates as
dates, times with their zone. Built as plain data from what the selectors read (no query here);
`api/schema.py` describes the same shapes for the OpenAPI document, and the tests check every
answer against it.

Never here: the safety section and its concern (they follow the meldcode route), and anything of
an observation that is not approved."""

from django.urls import reverse
from django.utils import timezone

from hechting.models import ChecklistVersion, FitQuestion
from hechting.selectors import version_content
from observaties.models import (
    AgreementFollowUp,
    CaregiverChange,
    CaregiverEntry,
    ConditionReflection,
    ContextAnswer,
    FitAnswer,
    Observation,
)
from observaties.models.base import choice_label


def _link(request, name, *args):
    return {"href": request.build_absolute_uri(reverse(f"api:{name}", args=args))}


def _coded(choices, value):
    """A choice as its code and its label; None when nothing was chosen."""
    return {"code": value, "omschrijving": choice_label(choices, value)} if value else None


def _day(value):
    return value.isoformat() if value else None


def _month(day):
    return day.strftime("%Y-%m") if day else None


def _person(user):
    return {"naam": user.get_full_name() or user.get_username(), "functie": user.function_title}


def family(request, family):
    return {
        "id": family.pk,
        "dossiernummer": family.case_reference,
        "team": family.team.name,
        "startDatum": family.opened_on.isoformat(),
        "afsluitDatum": _day(family.closed_on),
        "zaakidentificatie": family.zaak_identification or None,
        "kinderen": [
            {"id": child.pk, "naam": child.name, "geboortemaand": _month(child.birth_month)}
            for child in family.children.all()
        ],
        "_links": {
            "self": _link(request, "family-detail", family.pk),
            "observaties": _link(request, "family-observations", family.pk),
        },
    }


def _agreement(agreement):
    return {
        "wat": agreement.what,
        "wie": {
            "code": agreement.who or None,
            "omschrijving": str(agreement.get_who_display()),
        },
        "uiterlijkDatum": _day(agreement.due),
    }


def _answer(option):
    if option is None:
        return None
    return {
        "code": option.position,
        "omschrijving": option.label,
        "geenGelegenheid": option.is_no_opportunity,
    }


def _conditions(observation, content):
    scores = {score.item_id: score for score in observation.scores.all()}
    reflections = {r.condition_id: r for r in observation.reflections.all()}
    fits = (
        {answer.question_id: answer for answer in observation.fit_answers.all()}
        if content.fit_questions
        else {}
    )
    options = {option.pk: option for option in content.scale}
    conditions = []
    for section in content.sections:
        reflection = reflections.get(section.condition.pk)
        items = []
        for item in section.items:
            score = scores.get(item.pk)
            items.append(
                {
                    "code": item.code,
                    "gedrag": item.text,
                    "antwoord": _answer(options.get(score.option_id) if score else None),
                    "toelichting": score.note if score else "",
                }
            )
        conditions.append(
            {
                "code": section.condition.key,
                "naam": str(section.condition),
                "items": items,
                "oordelen": [
                    _fit(question, fits.get(question.pk)) for question in section.fit_questions
                ],
                "reflectie": reflection.text if reflection else "",
                "werkpunt": _coded(ConditionReflection.WorkPoint, reflection.work_point)
                if reflection
                else None,
            }
        )
    return conditions


def _fit(question, answer):
    return {
        "code": question.code,
        "soort": _coded(FitQuestion.Kind, question.kind),
        "vraag": question.text,
        "oordeel": {
            "code": answer.answer,
            "omschrijving": FitAnswer.label(question, answer.answer),
        }
        if answer and answer.answer
        else None,
        "pasteNiet": [
            {"code": misfit.value, "omschrijving": str(misfit.label)}
            for name, misfit in FitAnswer.MISFITS
            if answer and getattr(answer, name)
        ],
        "toelichting": answer.note if answer else "",
    }


def _stress(observation, content):
    answers = {answer.factor_id: answer for answer in observation.context_answers.all()}
    actions = {a.factor_id: a for a in observation.agreements.all() if a.factor_id is not None}
    rows = []
    for factor in content.factors:
        answer = answers.get(factor.pk)
        action = actions.get(factor.pk)
        rows.append(
            {
                "code": factor.code,
                "omschrijving": factor.label,
                "antwoord": _coded(ContextAnswer.Answer, answer.answer) if answer else None,
                "toelichting": answer.note if answer else "",
                "gedeeldMetDeOuder": bool(answer and answer.share_with_parent),
                "alInGangDoor": answer.underway_by if answer else "",
                "actie": _agreement(action) if action else None,
            }
        )
    return rows


def observation(request, observation: Observation):
    """An approved observation as the API shows it (read with `selectors.approved_observations`)."""
    content = version_content(observation.version)
    child = observation.child
    version = observation.version
    approval = observation.approvals[-1] if observation.approvals else None
    return {
        "id": observation.pk,
        "bezoekDatum": observation.visit_date.isoformat(),
        "kind": {
            "id": child.pk,
            "naam": child.name,
            "leeftijdInMaanden": child.age_in_months(observation.visit_date),
        },
        "opvoeder": _coded(Observation.Caregiver, observation.caregiver),
        "situatie": _coded(Observation.Setting, observation.setting),
        "checklistversie": {
            "versienummer": version.number,
            "opbouw": {
                "code": version.edition,
                "omschrijving": str(ChecklistVersion.Edition(version.edition).label),
            },
            "intrekking": {
                "ingetrokkenOp": timezone.localtime(version.withdrawn_at).isoformat(),
                "reden": version.withdrawal_reason,
            }
            if version.is_withdrawn
            else None,
        },
        "voorwaarden": _conditions(observation, content),
        "opvoedersInEenGewoneWeek": [
            {
                "relatie": _coded(CaregiverEntry.Relation, entry.relation),
                "dagenPerWeek": float(entry.days_per_week)
                if entry.days_per_week is not None
                else None,
                "toelichting": entry.note,
            }
            for entry in observation.caregivers.all()
        ],
        "netwerkNagelopen": _coded(Observation.NetworkCheck, observation.network_check),
        "wisselingenVanOpvoeders": [
            {
                "wat": change.what,
                "oorzaak": _coded(CaregiverChange.Cause, change.cause),
                "buitenDeInvloedVanDeOuder": change.outside_parent_control,
                "maand": _month(change.month),
            }
            for change in observation.caregiver_changes.all()
        ],
        "randvoorwaarden": _stress(observation, content),
        "afspraken": [
            _agreement(agreement)
            for agreement in observation.agreements.all()
            if agreement.factor_id is None
        ],
        "opvolgingVanEerdereAfspraken": [
            {
                "afspraak": {
                    **_agreement(follow_up.agreement),
                    "afgesprokenOpDatum": follow_up.agreement.observation.visit_date.isoformat(),
                },
                "uitkomst": _coded(AgreementFollowUp.Outcome, follow_up.outcome),
                "toelichting": follow_up.note,
            }
            for follow_up in observation.follow_ups.all()
        ],
        "conclusie": observation.conclusion,
        "volgendContactDatum": _day(observation.next_visit),
        "besprokenMetDeOuderDatum": _day(observation.discussed_on),
        "reactieVanDeOuder": observation.parent_reaction,
        "waargenomenDoor": _person(observation.professional),
        "goedgekeurdDoor": _person(approval.user) if approval else None,
        "goedgekeurdOp": timezone.localtime(approval.at).isoformat() if approval else None,
        "_links": {
            "self": _link(request, "observation-detail", observation.pk),
            "gezin": _link(request, "family-detail", child.family_id),
            "rapport": _link(request, "observation-report", observation.pk),
            "samenvatting": _link(request, "observation-summary", observation.pk),
        },
    }
