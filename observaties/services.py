"""Writes that touch families and observations: each one atomic, validated and keyword-only."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hechting.models import ChecklistVersion
from hechting.selectors import version_content
from observaties import access, archive, parent_sheet, selectors
from observaties.models import (
    Agreement,
    AgreementFollowUp,
    CaregiverChange,
    CaregiverEntry,
    Child,
    ConditionReflection,
    ContextAnswer,
    Family,
    ItemScore,
    Observation,
    ParentSheet,
    SafetyAssessment,
    SafetyConcern,
    SafetyNote,
    StatusChange,
)

Status = Observation.Status

# The workflow: (from, to) pairs that a transition may take.
_TRANSITIONS = {
    (Status.DRAFT, Status.SUBMITTED),
    (Status.RETURNED, Status.SUBMITTED),
    (Status.SUBMITTED, Status.APPROVED),
    (Status.SUBMITTED, Status.RETURNED),
    (Status.APPROVED, Status.RETURNED),
}


class StaleObservationError(Exception):
    """Someone else saved the observation after this user opened it."""


@transaction.atomic
def family_create(*, team, case_reference: str, created_by, opened_on: date) -> Family:
    family = Family(team=team, case_reference=case_reference, opened_on=opened_on)
    family.full_clean()
    family.save()
    family.professionals.add(created_by)
    return family


@transaction.atomic
def family_update(*, family: Family, case_reference: str, opened_on: date, professionals) -> Family:
    """Change a family's reference, opening date and assigned professionals (members of its own
    team); refused, and nothing changed, once the family is closed."""
    family = _lock_family(family.pk)
    if family.is_closed:
        raise PermissionDenied(access.FAMILY_CLOSED)
    wanted = {user.pk for user in professionals}
    members = get_user_model().objects.filter(pk__in=wanted, memberships__team=family.team_id)
    if wanted - set(members.values_list("pk", flat=True)):
        raise ValidationError(
            {"professionals": _("Alleen leden van het eigen team kunnen aan een gezin werken.")}
        )
    family.case_reference = case_reference
    family.opened_on = opened_on
    family.full_clean()
    family.save(update_fields=["case_reference", "opened_on"])
    family.professionals.set(professionals)
    return family


def _lock_family(family_id) -> Family:
    """The family as stored now, locked until the transaction ends.

    Every change that depends on whether the family is closed takes this lock first, and only then
    the observation's (see `_locked`): closing a family and changing one of its observations then
    happen one after the other, in the same order everywhere, so they cannot deadlock either.
    """
    return Family.objects.select_for_update().get(pk=family_id)


@transaction.atomic
def family_close(*, family: Family, closed_on: date) -> Family:
    # Locked, so that no observation is started or changes status between the count below and
    # the closing: each of those takes this lock first.
    family.closed_on = _lock_family(family.pk).closed_on
    if family.is_closed:
        raise ValidationError(_("Dit gezin is al afgesloten."))
    # After closing nothing can be handed in or corrected any more: finish first.
    unfinished = Counter(
        Observation.objects.filter(child__family=family)
        .exclude(status=Status.APPROVED)
        .values_list("status", flat=True)
    )
    if unfinished:
        count = unfinished.total()
        raise ValidationError(
            ngettext(
                "Er is nog %(count)d observatie niet goedgekeurd (%(statuses)s). Rond die eerst "
                "af; een concept dat niet nodig is, kan de medewerker verwijderen.",
                "Er zijn nog %(count)d observaties niet goedgekeurd (%(statuses)s). Rond die "
                "eerst af; een concept dat niet nodig is, kan de medewerker verwijderen.",
                count,
            )
            % {
                "count": count,
                "statuses": ", ".join(
                    f"{number} {Status(status).label}"
                    for status, number in sorted(unfinished.items())
                ),
            }
        )
    if closed_on > timezone.localdate():
        raise ValidationError(_("De datum van afsluiten kan niet in de toekomst liggen."))
    family.closed_on = closed_on
    family.full_clean()
    family.save(update_fields=["closed_on"])
    return family


@transaction.atomic
def child_create(*, family: Family, name: str, birth_month: date) -> Child:
    if _lock_family(family.pk).is_closed:
        raise PermissionDenied(access.FAMILY_CLOSED)
    child = Child(family=family, name=name, birth_month=birth_month.replace(day=1))
    child.full_clean()
    child.save()
    return child


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


def _save_safety(observation, safety):
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
        concern = selectors.open_concern(observation.child) or SafetyConcern.objects.create(
            child=observation.child, opened_in=observation, opened_on=observation.visit_date
        )
        assessment = SafetyAssessment(concern=concern, observation=observation)
    for name, value in safety.assessment_fields().items():
        setattr(assessment, name, value)
    assessment.save()


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


def _validate_safety(observation, content):
    """Dates of the meldcode in the future, an answer or decision without its date, a closing
    without its reason, or a concern that an earlier visit left open and this one leaves out
    (or that a team lead has written a note on) change nothing."""
    if not observation.asks_safety:
        return
    safety = content.safety
    if safety.concern != "ja":
        concern = selectors.open_concern(observation.child)
        if concern is not None and concern.opened_in_id == observation.pk:
            if concern.notes.exists():
                raise ValidationError(
                    {
                        "safety_concern": _(
                            "De teamleider schreef al een notitie bij deze zorg. Kies ‘ja’ en "
                            "sluit de zorg af met een besluit en de reden, bijvoorbeeld ‘geen "
                            "zorg na overleg’."
                        )
                    }
                )
        elif concern is not None and (concern.opened_on, concern.opened_in_id) < (
            content.visit_date,
            observation.pk,
        ):
            raise ValidationError(
                {
                    "safety_concern": _(
                        "Er loopt nog een zorg over de veiligheid van dit kind, sinds %(date)s. "
                        "Die blijft open tot je een afsluitend besluit vastlegt; kies ‘ja’ en werk "
                        "de stand bij."
                    )
                    % {"date": date_format(concern.opened_on, "j F Y")}
                }
            )
        return
    today = timezone.localdate()
    dates = [
        ("step_on", safety.step_on),
        ("consulted_on", safety.consulted_on),
        ("decision_on", safety.decision_on),
        *((f"answer_{n}_on", on) for n, (_answer, on) in safety.answers.items()),
    ]
    for name, value in dates:
        if value is not None and value > today:
            raise ValidationError({f"safety_{name}": _("Deze datum ligt in de toekomst.")})
    if safety.step is not None and safety.step not in range(1, 6):
        raise ValidationError({"safety_step": _("Kies een stap van 1 tot en met 5.")})
    for number, (answer, on) in safety.answers.items():
        if answer and on is None:
            raise ValidationError(
                {f"safety_answer_{number}_on": _("Vul in wanneer je deze afweging maakte.")}
            )
    if safety.decision and safety.decision_on is None:
        raise ValidationError({"safety_decision_on": _("Vul de datum van het besluit in.")})
    if safety.decision == SafetyAssessment.Decision.CLOSED and not safety.decision_note.strip():
        raise ValidationError(
            {
                "safety_decision_note": _(
                    "Schrijf waarom de zorg wordt afgesloten, bijvoorbeeld ‘geen zorg na overleg "
                    "met een collega’."
                )
            }
        )


def unanswered_items(observation: Observation):
    answered = observation.scores.filter(option__isnull=False).values("item_id")
    return observation.version.items.exclude(pk__in=answered)


def _locked(observation):
    """The observation as stored now, locked until the transaction ends, after its family (see
    `_lock_family`); refused once the family is closed, since nothing in it may change then."""
    _lock_family(observation.child.family_id)
    observation = (
        Observation.objects.select_for_update(of=("self",))
        .select_related("child__family")
        .get(pk=observation.pk)
    )
    if observation.child.family.is_closed:
        raise PermissionDenied(access.FAMILY_CLOSED)
    return observation


def _transition(*, observation, user, to_status, comment="", at=None):
    """Move an observation that the caller has locked (`_locked`) to another status, now or at
    `at`; an approval's documents are the caller's to archive (`observation_approve`)."""
    if (observation.status, to_status) not in _TRANSITIONS:
        raise ValidationError(
            _("Een observatie met status ‘%(status)s’ kan niet naar ‘%(target)s’.")
            % {
                "status": observation.get_status_display(),
                "target": Status(to_status).label,
            }
        )
    change = StatusChange.objects.create(
        observation=observation,
        from_status=observation.status,
        to_status=to_status,
        user=user,
        comment=comment,
    )
    if at is not None:
        change.at = at
        change.save(update_fields=["at"])
    if to_status == Status.RETURNED:
        _reopen_concern(observation)
    observation.status = to_status
    observation.lock_version += 1
    fields = ["status", "lock_version", "updated_at"]
    if to_status == Status.SUBMITTED:
        observation.submitted_at = timezone.now()
        fields.append("submitted_at")
    observation.save(update_fields=fields)
    if change.from_status == Status.APPROVED:
        archive.supersede(observation, reopening=change)
    return observation


@transaction.atomic
def observation_submit(*, observation: Observation, user) -> Observation:
    """Hand in for review; every item needs an answer or 'geen gelegenheid'."""
    observation = _locked(observation)
    if not access.can_edit_observation(user, observation):
        raise PermissionDenied
    missing = list(unanswered_items(observation).values_list("code", flat=True))
    if missing:
        none = next(o for o in version_content(observation.version).scale if o.is_no_opportunity)
        raise ValidationError(
            _("Nog niet beantwoord: %(codes)s. Kies een antwoord of ‘%(label)s’.")
            % {"codes": ", ".join(missing), "label": none.label}
        )
    problems = (
        judgement_problems(observation)
        + follow_up_problems(observation)
        + stress_problems(observation)
        + safety_problems(observation)
    )
    if problems:
        raise ValidationError(problems)
    _close_concern(observation)
    return _transition(observation=observation, user=user, to_status=Status.SUBMITTED)


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


def safety_problems(observation: Observation) -> list[str]:
    """What the safety section lacks before hand-in: the answer; with a concern, the signals and
    the meldcode step with its date, and at the last step the decision."""
    if not observation.asks_safety:
        return []
    if not observation.safety_concern:
        return [_("Kies bij ‘Zorgen over de veiligheid van het kind’ ja of nee.")]
    if observation.safety_concern != "ja":
        return []
    assessment = SafetyAssessment.objects.filter(observation=observation).first()
    problems = []
    if assessment is None or not assessment.signals.strip():
        problems.append(_("Beschrijf bij de zorgen over de veiligheid welke signalen je zag."))
    if assessment is None or assessment.step is None or assessment.step_on is None:
        problems.append(_("Kies welke stap van de meldcode je hebt bereikt, met de datum."))
    elif assessment.step >= SafetyAssessment.DECIDING_STEP and not assessment.decision:
        problems.append(
            _("Je bent bij stap %(step)s van de meldcode: leg het besluit vast, met de datum.")
            % {"step": assessment.step}
        )
    return problems


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


@transaction.atomic
def observation_approve(*, observation: Observation, reviewer, comment: str = "") -> Observation:
    """Approve, with the report and the sheet for the parent archived as approved.

    The documents are rendered first, without the family's lock (a render takes most of a
    second; holding the lock would stop every save in the family meanwhile): the approval is
    written in a savepoint, the documents rendered from it, and the savepoint rolled back. Then,
    under the locks, the same approval is written, at the same moment, with those documents, if
    nobody changed the observation in between. A render that fails refuses the approval."""
    approved_at = timezone.now()
    basis, rendered = _render_approved(observation, reviewer, comment, approved_at)
    return _store_approved(observation, reviewer, comment, approved_at, basis, rendered)


def _approval_basis(observation):
    """What the approval's documents show that someone could change meanwhile: the checklist
    (its lock version) and the professional's wording of the sheet for the parent."""
    sheet = ParentSheet.objects.filter(observation=observation).values_list("pk", "edited_at")
    return observation.lock_version, sheet.first()


def _render_approved(observation, reviewer, comment, at):
    """What the approval starts from, and its documents rendered in a savepoint that is rolled
    back; only the observation's own row is held while they render."""
    savepoint = transaction.savepoint()
    try:
        # This observation's row only, not its family's: a change of this observation that is
        # under way finishes first; the rest of the family stays free while the documents render.
        current = (
            Observation.objects.select_for_update(of=("self",))
            .select_related("child__family", "version")
            .get(pk=observation.pk)
        )
        if current.child.family.is_closed:
            raise PermissionDenied(access.FAMILY_CLOSED)
        _check_reviewer(reviewer, current)
        basis = _approval_basis(current)
        _approve(current, reviewer, comment, at)
        rendered = archive.render(current)
    finally:
        transaction.savepoint_rollback(savepoint)
    return basis, rendered


def _store_approved(observation, reviewer, comment, at, basis, rendered):
    observation = _locked(observation)
    if _approval_basis(observation) != basis:
        raise ValidationError(
            _(
                "De observatie is gewijzigd terwijl je haar goedkeurde. Bekijk haar opnieuw en "
                "keur haar dan goed."
            )
        )
    _check_reviewer(reviewer, observation)
    change = _approve(observation, reviewer, comment, at)
    archive.store(observation, rendered, approval=change)
    return observation


def _approve(observation, reviewer, comment, at) -> StatusChange:
    _finalise_parent_sheet(observation, at=at)
    _transition(
        observation=observation, user=reviewer, to_status=Status.APPROVED, comment=comment, at=at
    )
    return observation.history.get(to_status=Status.APPROVED, at=at)


@transaction.atomic
def observation_return(*, observation: Observation, reviewer, comment: str) -> Observation:
    if not comment.strip():
        raise ValidationError(
            _("Schrijf erbij wat er anders moet; dat is verplicht bij terugsturen.")
        )
    observation = _locked(observation)
    _check_reviewer(reviewer, observation)
    return _transition(
        observation=observation, user=reviewer, to_status=Status.RETURNED, comment=comment
    )


@transaction.atomic
def observation_reopen(*, observation: Observation, team_lead, reason: str) -> Observation:
    """Reopen an approved observation; it goes back to its author as returned, with the reason."""
    if not reason.strip():
        raise ValidationError(_("Geef een reden om de observatie te heropenen."))
    observation = _locked(observation)
    if not access.can_reopen(team_lead, observation):
        raise ValidationError(_("Alleen een goedgekeurde observatie kan worden heropend."))
    _reopen_parent_sheet(observation)
    return _transition(
        observation=observation, user=team_lead, to_status=Status.RETURNED, comment=reason
    )


@transaction.atomic
def observation_discard(*, observation: Observation, user) -> None:
    """Delete a draft that was never handed in: started by mistake, or for a visit that was not
    used. Anything ever submitted stays, with its history."""
    observation = _locked(observation)
    if not access.can_discard(user, observation):
        raise PermissionDenied(access.DISCARD_REFUSED)
    if SafetyConcern.objects.filter(opened_in=observation, notes__isnull=False).exists():
        raise PermissionDenied(
            _(
                "Bij dit concept hoort een zorg over de veiligheid met een notitie van de "
                "teamleider; die gaat niet weg. Sluit de zorg af met een besluit en de reden."
            )
        )
    observation.delete()


@transaction.atomic
def observation_save_and_submit(
    *, observation: Observation, user, lock_version: int, content: ObservationContent
) -> Observation:
    """Save the form's content and hand it in, both or neither."""
    observation = observation_save(
        observation=observation, user=user, lock_version=lock_version, content=content
    )
    return observation_submit(observation=observation, user=user)


def _check_reviewer(reviewer, observation):
    if not access.is_team_lead(reviewer, observation.child.family.team_id):
        raise PermissionDenied
    if observation.professional_id == reviewer.pk:
        raise ValidationError(_("Je kunt je eigen observatie niet beoordelen."))
    if not access.can_review(reviewer, observation):
        raise ValidationError(_("Alleen een ingediende observatie kan worden beoordeeld."))


def _finalise_parent_sheet(observation, *, at):
    """On approval the sheet's text is stored as it reads now, so that it reads the same later."""
    if not observation.version.has_parent_texts:
        return
    sheet = ParentSheet.objects.filter(observation=observation).first()
    if sheet is None:
        text = parent_sheet.suggestion(selectors.observation_report(observation, history=False))
        sheet = ParentSheet(observation=observation, **text.as_fields())
    sheet.final_at = at
    sheet.save()


def _reopen_parent_sheet(observation):
    """A reopened observation is corrected: a sheet the professional never changed follows the
    correction (it is suggested again); one they wrote stays theirs, to adjust."""
    sheet = ParentSheet.objects.filter(observation=observation).first()
    if sheet is None:
        return
    if sheet.edited_by_id is None:
        sheet.delete()
    else:
        sheet.final_at = None
        sheet.save(update_fields=["final_at"])


@transaction.atomic
def parent_sheet_save(*, observation: Observation, user, text) -> ParentSheet:
    """Store the professional's wording of the sheet; refused once the observation is approved."""
    observation = _locked(observation)
    if not access.can_edit_parent_sheet(user, observation):
        raise PermissionDenied(access.PARENT_SHEET_FINAL)
    problems = text.problems()
    if problems:
        raise ValidationError(problems)
    sheet, _created = ParentSheet.objects.update_or_create(
        observation=observation,
        defaults={**text.as_fields(), "edited_by": user, "edited_at": timezone.now()},
    )
    return sheet


@transaction.atomic
def parent_sheet_reset(*, observation: Observation, user) -> None:
    """Back to the suggestion from the checklist."""
    observation = _locked(observation)
    if not access.can_edit_parent_sheet(user, observation):
        raise PermissionDenied(access.PARENT_SHEET_FINAL)
    ParentSheet.objects.filter(observation=observation).delete()
