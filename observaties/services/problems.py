"""What an observation still lacks before it can be handed in."""

from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hechting.selectors import version_content
from observaties import selectors
from observaties.models import (
    AgreementFollowUp,
    CaregiverEntry,
    ConditionReflection,
    ContextAnswer,
    Observation,
)
from observaties.services.content import SafetyContent


def unanswered_items(observation: Observation):
    answered = observation.scores.filter(option__isnull=False).values("item_id")
    return observation.version.items.exclude(pk__in=answered)


def stress_problems(observation: Observation) -> list[str]:
    """From version 2 on, each stress factor answered "ja" needs an action, or who is already on
    it, before hand-in."""
    if not observation.version.offers_stress_actions:
        return []
    acted_on = set(
        observation.agreements.filter(factor__isnull=False).values_list("factor_id", flat=True)
    )
    return [
        _(
            "Leg bij ‘%(factor)s’ een actie vast (wat, wie en wanneer), of vul in wie er al mee "
            "bezig is."
        )
        % {"factor": answer.factor.label}
        for answer in observation.context_answers.select_related("factor").order_by(
            "factor__order", "factor__code"
        )
        if answer.answer == ContextAnswer.Answer.YES
        and answer.factor_id not in acted_on
        and not answer.underway_by.strip()
    ]


def follow_up_problems(observation: Observation) -> list[str]:
    """The agreements of earlier visits that this observation has not followed up yet."""
    recorded = set(observation.follow_ups.values_list("agreement_id", flat=True))
    return [
        _("Vul in hoe het ging met de afspraak ‘%(what)s’ van %(date)s.")
        % {"what": agreement.what, "date": date_format(agreement.observation.visit_date, "j F Y")}
        for agreement in selectors.open_agreements(observation)
        if agreement.pk not in recorded
    ]


def example_judgement(version) -> dict:
    """For generated benchmark and load data: on a version that asks for them, no werkpunt for
    any condition, the mother as the one caregiver, every day, and no concern about safety."""
    judgement = {}
    if version.asks_work_points:
        judgement["work_points"] = {
            section.condition.pk: "nee" for section in version_content(version).sections
        }
    if version.records_caregiver_network:
        judgement["caregivers"] = [(CaregiverEntry.Relation.MOTHER, Decimal(7), "")]
    if version.has_safety_section:
        judgement["safety"] = SafetyContent(concern="nee")
    return judgement


def example_follow_ups(observation) -> dict:
    """For generated benchmark and load data: every open agreement of earlier visits done."""
    return {
        "follow_ups": {
            agreement.pk: (AgreementFollowUp.Outcome.DONE, "")
            for agreement in selectors.open_agreements(observation)
        }
    }


def judgement_problems(observation: Observation) -> list[str]:
    """What an observation lacks before it can be handed in, where its version asks for them:
    the professional's choice per condition (with the reason for a werkpunt) and the caregiver
    network."""
    problems = []
    reflections = {r.condition_id: r for r in observation.reflections.all()}
    judged = observation.version.asks_work_points
    for section in version_content(observation.version).sections if judged else []:
        reflection = reflections.get(section.condition.pk)
        if reflection is None or not reflection.work_point:
            problems.append(
                _("Kies bij ‘%(condition)s’ of het een werkpunt is met de ouder.")
                % {"condition": section.condition.name}
            )
        elif (
            reflection.work_point == ConditionReflection.WorkPoint.YES
            and not reflection.text.strip()
        ):
            problems.append(
                _("Schrijf bij ‘%(condition)s’ in je eigen woorden waarom het een werkpunt is.")
                % {"condition": section.condition.name}
            )
    if observation.version.records_caregiver_network and not observation.caregivers.exists():
        problems.append(
            _(
                "Vul bij ‘Zorgen voor continuïteit’ in wie er in een gewone week voor het kind "
                "zorgt."
            )
        )
    return problems
