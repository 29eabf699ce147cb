"""A safety concern recorded along the meldcode: stored with a visit, opened and closed (what it
must meet is in `observaties.observations.rules`)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from observaties import access
from observaties.models import (
    SafetyAssessment,
    SafetyConcern,
    SafetyConsultation,
    SafetyNote,
)


def _save_safety(observation, safety, *, open_concern):
    """The observation's part of the child's safety concern: a concern still open from an
    earlier visit is carried on here; a new one opens with this visit. Answering "nee" removes
    this visit's part, and a concern that only this visit had."""
    assessment = SafetyAssessment.objects.filter(observation=observation).first()
    if safety.concern != "ja":
        if assessment is not None:
            concern = assessment.concern
            assessment.delete()
            if concern.opened_in_id == observation.pk and not concern.assessments.exists():
                concern.delete()
        return
    if assessment is None:
        concern = open_concern or SafetyConcern.objects.create(
            child=observation.child, opened_in=observation, opened_on=observation.visit_date
        )
        assessment = SafetyAssessment(concern=concern, observation=observation)
    for name, value in safety.assessment_fields().items():
        setattr(assessment, name, value)
    assessment.save()
    assessment.consultations.all().delete()
    SafetyConsultation.objects.bulk_create(
        SafetyConsultation(
            assessment=assessment,
            position=row,
            on=on,
            with_whom=with_whom,
            outcome=outcome.strip(),
        )
        for row, (on, with_whom, outcome) in safety.filled_consultations
    )


def _close_concern(observation):
    """A handed-in closing decision closes the concern, on the decision's date."""
    assessment = (
        SafetyAssessment.objects.filter(observation=observation).select_related("concern").first()
    )
    if assessment is None or observation.safety_concern != "ja":
        return
    concern = assessment.concern
    if assessment.closes:
        concern.closed_on = assessment.decision_on
        concern.closed_in = observation
    elif concern.closed_in_id == observation.pk:
        concern.closed_on, concern.closed_in = None, None
    concern.save(update_fields=["closed_on", "closed_in"])


def _reopen_concern(observation):
    """A returned or reopened observation no longer closes the concern it closed: until it is
    handed in again, the concern is open."""
    SafetyConcern.objects.filter(closed_in=observation).update(closed_on=None, closed_in=None)


@transaction.atomic
def safety_note_add(*, concern: SafetyConcern, author, text: str) -> SafetyNote:
    """A team lead's note on a concern of their team, with their name and the time."""
    if not access.is_team_lead(author, concern.child.family.team_id):
        raise PermissionDenied
    note = SafetyNote(concern=concern, author=author, text=text.strip())
    note.full_clean()
    note.save()
    return note
