"""Complete answers for generated data (benchmarks, load tests): what a version asks before
hand-in, filled in the plainest way."""

from datetime import timedelta
from decimal import Decimal

from hechting.selectors import version_content
from observaties import selectors
from observaties.models import AgreementFollowUp, CaregiverEntry, FitAnswer, Observation
from observaties.observations.content import SafetyContent


def example_judgement(version, visit_date) -> dict:
    """For generated benchmark and load data: on a version that asks for them, no werkpunt for
    any condition, the mother as the one caregiver, every day, no concern about safety, and the
    next contact four weeks after the visit (the sheet for the parent names it), and every
    response fitting what the child showed."""
    judgement = {}
    if version.has_parent_texts:
        judgement["next_visit"] = visit_date + timedelta(days=28)
    if version.asks_work_points:
        judgement["work_points"] = {
            section.condition.pk: "nee" for section in version_content(version).sections
        }
    if version.records_caregiver_network:
        judgement["caregivers"] = [(CaregiverEntry.Relation.MOTHER, Decimal(7), "")]
        judgement["network_check"] = Observation.NetworkCheck.STILL_TRUE
    if version.has_safety_section:
        judgement["safety"] = SafetyContent(concern="nee")
    questions = version_content(version).fit_questions
    if questions:
        judgement["fits"] = {
            question.pk: (FitAnswer.Answer.MOSTLY, frozenset(), "") for question in questions
        }
    return judgement


def example_follow_ups(observation) -> dict:
    """For generated benchmark and load data: every open agreement of earlier visits done."""
    return {
        "follow_ups": {
            agreement.pk: (AgreementFollowUp.Outcome.DONE, "")
            for agreement in selectors.open_agreements(observation)
        }
    }
