"""A safety concern recorded along the meldcode: stored with a visit, checked, opened and closed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from observaties import access, selectors
from observaties.models import (
    Observation,
    SafetyAssessment,
    SafetyConcern,
    SafetyNote,
)


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
