"""What the checklist stores: the content of one save, checked as a whole and written at once."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from hechting.models import ChecklistVersion
from observaties import access
from observaties.models import (
    Agreement,
    AgreementFollowUp,
    CaregiverChange,
    CaregiverEntry,
    Child,
    ConditionReflection,
    ContextAnswer,
    FitAnswer,
    ItemScore,
    Observation,
)
from observaties.observations import rules
from observaties.observations.content import ObservationContent, SafetyContent
from observaties.services.locks import StaleObservationError, Status, _lock_family, _locked
from observaties.services.safety import _save_safety

__all__ = ["ObservationContent", "SafetyContent", "observation_create", "observation_save"]


def validate_visit_date(*, child: Child, visit_date: date):
    problems = dict(rules.visit_date_problems(birth_month=child.birth_month, visit_date=visit_date))
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def observation_create(
    *, child: Child, professional, caregiver: str, visit_date: date, setting: str
) -> Observation:
    """A new draft, pinned for ever to the checklist version that is current now."""
    if _lock_family(child.family_id).is_closed:
        raise PermissionDenied(access.FAMILY_CLOSED)
    validate_visit_date(child=child, visit_date=visit_date)
    observation = Observation(
        child=child,
        professional=professional,
        version=ChecklistVersion.objects.current(),
        caregiver=caregiver,
        visit_date=visit_date,
        setting=setting,
    )
    observation.full_clean()
    observation.save()
    return observation


@transaction.atomic
def observation_save(
    *, observation: Observation, user, lock_version: int, content: ObservationContent
) -> Observation:
    """Store the form's content, or raise StaleObservationError and store nothing."""
    return _save(observation, user, lock_version, content, hand_in=False)


def _save(observation, user, lock_version, content, *, hand_in):
    """Lock the observation, check the user may change it and the content meets the rules (for
    a hand-in, also the hand-in's), and store it; each once. The caller holds the transaction."""
    observation = _locked(observation)
    if not access.can_edit_observation(user, observation):
        raise PermissionDenied(access.EDIT_REFUSED)
    basis = rules.basis_for(observation, visit_date=content.visit_date)
    problems = (rules.hand_in_problems if hand_in else rules.save_problems)(content, basis)
    if problems:
        raise ValidationError(problems)

    # Optimistic locking: the row changes only if nobody saved since this user loaded it.
    updated = Observation.objects.filter(
        pk=observation.pk,
        lock_version=lock_version,
        status__in=[Status.DRAFT, Status.RETURNED],
    ).update(
        lock_version=F("lock_version") + 1,
        caregiver=content.caregiver,
        visit_date=content.visit_date,
        setting=content.setting,
        conclusion=content.conclusion,
        next_visit=content.next_visit,
        discussed_on=content.discussed_on,
        parent_reaction=content.parent_reaction,
        network_check=content.network_check if basis.pinned.records_caregiver_network else "",
        safety_concern=content.safety.concern if observation.asks_safety else "",
        updated_at=timezone.now(),
    )
    if not updated:
        raise StaleObservationError
    _replace_children(observation, content, basis)
    observation.refresh_from_db()
    return observation


def _replace_children(observation, content, basis):
    """Every record of the observation replaced by the content's; blank rows are left out."""
    observation.scores.all().delete()
    ItemScore.objects.bulk_create(
        ItemScore(observation=observation, item_id=item, option_id=option, note=note)
        for item, (option, note) in content.scores.items()
        if option is not None or note
    )
    observation.fit_answers.all().delete()
    FitAnswer.objects.bulk_create(
        FitAnswer(
            observation=observation,
            question_id=question,
            answer=answer,
            note=note,
            **{name: misfit in misfits for name, misfit in FitAnswer.MISFITS},
        )
        for question, (answer, misfits, note) in content.fits.items()
        if answer or misfits or note
    )
    observation.reflections.all().delete()
    conditions = set(content.reflections) | set(content.work_points)
    ConditionReflection.objects.bulk_create(
        ConditionReflection(
            observation=observation,
            condition_id=condition,
            text=content.reflections.get(condition, ""),
            work_point=content.work_points.get(condition, ""),
        )
        for condition in sorted(conditions)
        if content.reflections.get(condition) or content.work_points.get(condition)
    )
    observation.caregivers.all().delete()
    CaregiverEntry.objects.bulk_create(
        CaregiverEntry(
            observation=observation, relation=relation, days_per_week=days, note=note, order=index
        )
        for index, (relation, days, note) in enumerate(row for row in content.caregivers if row[0])
    )
    observation.caregiver_changes.all().delete()
    CaregiverChange.objects.bulk_create(
        CaregiverChange(
            observation=observation,
            what=what,
            cause=cause,
            outside_parent_control=cause in CaregiverChange.OUTSIDE_PARENT_CONTROL
            if outside is None
            else outside,
            month=month,
            order=index,
        )
        for index, (what, cause, outside, month) in enumerate(
            row for row in content.changes if row[0] and row[1]
        )
    )
    observation.context_answers.all().delete()
    ContextAnswer.objects.bulk_create(
        ContextAnswer(
            observation=observation,
            factor_id=factor,
            answer=answer,
            note=note,
            share_with_parent=bool(note) and factor in content.shared_factors,
            underway_by=content.underway.get(factor, "")
            if answer == ContextAnswer.Answer.YES
            else "",
        )
        for factor, (answer, note) in content.context.items()
        if answer or note
    )
    observation.agreements.all().delete()
    acted_on = {
        factor
        for factor, (answer, _note) in content.context.items()
        if answer == ContextAnswer.Answer.YES
    }
    agreements = [(*row, None) for row in content.agreements if row[0].strip()]
    actions = [
        (*action, factor)
        for factor, action in content.stress_actions.items()
        if factor in acted_on and action[0].strip()
    ]
    Agreement.objects.bulk_create(
        Agreement(
            observation=observation,
            what=what,
            who=who,
            who_other=who_other if who in Agreement.NAMED else "",
            due=due,
            factor_id=factor,
            order=index,
        )
        for index, (what, who, who_other, due, factor) in enumerate(agreements + actions)
    )
    observation.follow_ups.all().delete()
    AgreementFollowUp.objects.bulk_create(
        AgreementFollowUp(
            observation=observation, agreement_id=agreement, outcome=outcome, note=note
        )
        for agreement, (outcome, note) in content.follow_ups.items()
        if outcome
    )
    if observation.asks_safety:
        _save_safety(observation, content.safety, open_concern=basis.open_concern)
