"""What the checklist stores: the content of one save, checked as a whole and written at once."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hechting.models import ChecklistVersion
from hechting.selectors import version_content
from observaties import access, selectors
from observaties.models import (
    Agreement,
    AgreementFollowUp,
    CaregiverChange,
    CaregiverEntry,
    Child,
    ConditionReflection,
    ContextAnswer,
    ItemScore,
    Observation,
    SafetyAssessment,
)
from observaties.services.locks import StaleObservationError, Status, _lock_family, _locked
from observaties.services.safety import _save_safety, _validate_safety


def validate_visit_date(*, child: Child, visit_date: date):
    if visit_date > timezone.localdate():
        raise ValidationError(
            {"visit_date": _("De datum van het huisbezoek kan niet in de toekomst liggen.")}
        )
    if visit_date < child.birth_month:
        raise ValidationError(
            {
                "visit_date": _(
                    "De datum van het huisbezoek ligt vóór de geboortemaand van het kind."
                )
            }
        )


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


@dataclass
class SafetyContent:
    """The checklist's section on the child's safety, along the meldcode."""

    concern: str = ""  # "ja", "nee" or "" (not answered yet)
    signals: str = ""
    step: int | None = None
    step_on: date | None = None
    consulted: str = ""
    consulted_on: date | None = None
    answers: dict[int, tuple[str, date | None]] = field(default_factory=dict)  # question: (ja/nee)
    decision: str = ""
    decision_on: date | None = None
    decision_note: str = ""

    def assessment_fields(self) -> dict:
        fields = {
            "signals": self.signals,
            "step": self.step,
            "step_on": self.step_on,
            "consulted": self.consulted,
            "consulted_on": self.consulted_on,
            "decision": self.decision,
            "decision_on": self.decision_on,
            "decision_note": self.decision_note,
        }
        for number in SafetyAssessment.QUESTIONS:
            answer, on = self.answers.get(number, ("", None))
            fields[f"answer_{number}"] = answer
            fields[f"answer_{number}_on"] = on
        return fields


@dataclass
class ObservationContent:
    """Everything the checklist form records, keyed by the pinned version's own ids."""

    caregiver: str
    visit_date: date
    setting: str
    scores: dict[int, tuple[int | None, str]] = field(default_factory=dict)  # item: (option, note)
    reflections: dict[int, str] = field(default_factory=dict)  # condition id: text
    context: dict[int, tuple[str, str]] = field(default_factory=dict)  # factor: (answer, note)
    conclusion: str = ""
    next_visit: date | None = None
    discussed_on: date | None = None
    parent_reaction: str = ""
    shared_factors: set[int] = field(default_factory=set)  # factors whose note the parent gets
    agreements: list[tuple[str, str, str, date | None]] = field(default_factory=list)
    # per stress factor answered "ja": an action (what, who, who else, due) or who is already on it
    stress_actions: dict[int, tuple[str, str, str, date | None]] = field(default_factory=dict)
    underway: dict[int, str] = field(default_factory=dict)
    safety: SafetyContent = field(default_factory=SafetyContent)
    # agreement id of an earlier visit: (outcome, note)
    follow_ups: dict[int, tuple[str, str]] = field(default_factory=dict)
    work_points: dict[int, str] = field(default_factory=dict)  # condition id: "ja", "nee" or ""
    caregivers: list[tuple[str, Decimal | None, str]] = field(default_factory=list)
    changes: list[tuple[str, str, bool, date | None]] = field(default_factory=list)


@transaction.atomic
def observation_save(
    *, observation: Observation, user, lock_version: int, content: ObservationContent
) -> Observation:
    """Store the form's content, or raise StaleObservationError and store nothing."""
    observation = _locked(observation)
    if not access.can_edit_observation(user, observation):
        raise PermissionDenied
    validate_visit_date(child=observation.child, visit_date=content.visit_date)
    version = version_content(observation.version)
    item_ids = version.item_ids()
    option_ids = {option.pk for option in version.scale}
    factor_ids = {factor.pk for factor in version.factors}
    if not set(content.scores) <= item_ids or not set(content.context) <= factor_ids:
        raise ValidationError(_("Het formulier hoort niet bij de checklistversie."))
    if any(option not in option_ids | {None} for option, _note in content.scores.values()):
        raise ValidationError(_("Een antwoord hoort niet bij de antwoordschaal."))
    _validate_discussion(content)
    _validate_follow_ups(observation, content)
    _validate_stress_actions(content)
    _validate_safety(observation, content)

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
        safety_concern=content.safety.concern,
        updated_at=timezone.now(),
    )
    if not updated:
        raise StaleObservationError
    _replace_children(observation, content)
    observation.refresh_from_db()
    return observation


def _replace_children(observation, content):
    observation.scores.all().delete()
    ItemScore.objects.bulk_create(
        ItemScore(observation=observation, item_id=item, option_id=option, note=note)
        for item, (option, note) in content.scores.items()
        if option is not None or note
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
        for index, (relation, days, note) in enumerate(content.caregivers)
    )
    observation.caregiver_changes.all().delete()
    CaregiverChange.objects.bulk_create(
        CaregiverChange(
            observation=observation,
            what=what,
            cause=cause,
            outside_parent_control=outside,
            month=month,
            order=index,
        )
        for index, (what, cause, outside, month) in enumerate(content.changes)
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
    actions = [(*action, factor) for factor, action in content.stress_actions.items()]
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
        for index, (what, who, who_other, due, factor) in enumerate(
            [(*agreement, None) for agreement in content.agreements] + actions
        )
    )
    observation.follow_ups.all().delete()
    AgreementFollowUp.objects.bulk_create(
        AgreementFollowUp(
            observation=observation, agreement_id=agreement, outcome=outcome, note=note
        )
        for agreement, (outcome, note) in content.follow_ups.items()
        if outcome
    )
    _save_safety(observation, content.safety)


def _validate_discussion(content):
    if content.discussed_on is None:
        if content.parent_reaction.strip():
            raise ValidationError(
                {"discussed_on": _("Vul in wanneer je het met de ouder besprak.")}
            )
        return
    if content.discussed_on > timezone.localdate():
        raise ValidationError(
            {"discussed_on": _("De datum van het gesprek kan niet in de toekomst liggen.")}
        )
    if content.discussed_on < content.visit_date:
        raise ValidationError(
            {"discussed_on": _("Het gesprek met de ouder ligt vóór het huisbezoek.")}
        )


def _validate_follow_ups(observation, content):
    """Only agreements still open at this visit can be followed up here; a stopped one says why."""
    open_ids = {
        agreement.pk
        for agreement in selectors.open_agreements(observation, visit_date=content.visit_date)
    }
    if not set(content.follow_ups) <= open_ids:
        raise ValidationError(
            _(
                "Een afspraak hoort niet (meer) bij dit bezoek. Laad de pagina opnieuw; er is "
                "niets opgeslagen."
            )
        )
    outcomes = set(AgreementFollowUp.Outcome.values) | {""}
    for outcome, note in content.follow_ups.values():
        if outcome not in outcomes:
            raise ValidationError(_("Kies gedaan, loopt nog of gestopt."))
        if outcome == AgreementFollowUp.Outcome.STOPPED and not note.strip():
            raise ValidationError(
                _("Schrijf bij een gestopte afspraak in een paar woorden waarom.")
            )


def _validate_stress_actions(content):
    """An action, or who is already on it, belongs to a stress factor answered "ja"."""
    answered_yes = {factor for factor, (answer, _note) in content.context.items() if answer == "ja"}
    if not (set(content.stress_actions) | set(content.underway)) <= answered_yes:
        raise ValidationError(
            _("Een actie of ‘al in gang’ hoort bij een randvoorwaarde die met ‘ja’ is beantwoord.")
        )
    whos = set(Agreement.Who.values)
    for what, who, who_other, _due in content.stress_actions.values():
        if not what.strip() or who not in whos:
            raise ValidationError(_("Vul bij een actie in wat er gebeurt en wie het doet."))
        if who in Agreement.NAMED and not who_other.strip():
            raise ValidationError(_("Vul bij een verwijzing in naar wie."))
