"""The rules on the section about the child's safety (from version 2 on), along the meldcode:
what stops a save, and what is still open at hand-in. Part of `rules`, which runs them."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from observaties.models import SafetyAssessment, SafetyConsultation


def safety_problems(content, basis):
    if not basis.observation.asks_safety:
        return
    safety = content.safety
    if safety.concern != "ja":
        yield from _concern_left_out(content, basis)
        return
    today = timezone.localdate()
    dates = [
        ("step_on", safety.step_on),
        ("talk_on", safety.talk_on),
        ("decision_on", safety.decision_on),
        ("reported_on", safety.reported_on),
        *((f"answer_{n}_on", on) for n, (_answer, on) in sorted(safety.answers.items())),
        *((f"consult_on_{row}", on) for row, (on, _w, _o) in enumerate(safety.consultations)),
    ]
    for name, value in dates:
        if value is not None and value > today:
            yield f"safety_{name}", _("Deze datum ligt in de toekomst.")
    if safety.step is not None and safety.step not in range(1, 6):
        yield "safety_step", _("Kies een stap van 1 tot en met 5.")
    for name, choices in _SAFETY_CHOICES.items():
        if getattr(safety, name) not in {*choices.values, ""}:
            yield f"safety_{name}", _("Kies een van de mogelijkheden.")
    yield from _consultations(safety)
    if safety.talk_on and safety.talk_skipped:
        yield (
            "safety_talk_skipped",
            _("Het gesprek is gevoerd (met een datum) of niet gevoerd, niet allebei."),
        )
    for number, (answer, on) in sorted(safety.answers.items()):
        if answer and on is None:
            yield f"safety_answer_{number}_on", _("Vul in wanneer je deze afweging maakte.")
    if safety.decision and safety.decision_on is None:
        yield "safety_decision_on", _("Vul de datum van het besluit in.")
    if safety.decision in SafetyAssessment.REPORTS and safety.reported_on is None:
        yield "safety_reported_on", _("Vul in wanneer je de melding deed.")
    elif safety.decision not in SafetyAssessment.REPORTS and (
        safety.reported_on or safety.report_reference.strip()
    ):
        yield (
            "safety_reported_on",
            _("Een melding hoort bij het besluit ‘gemeld bij Veilig Thuis’; kies dat besluit."),
        )
    if safety.decision == SafetyAssessment.Decision.CLOSED and not safety.decision_note.strip():
        yield (
            "safety_decision_note",
            _(
                "Schrijf waarom de zorg wordt afgesloten, bijvoorbeeld ‘geen zorg na overleg met "
                "een collega’."
            ),
        )


# The safety section's choices, which a service caller could send outside the form's.
_SAFETY_CHOICES = {
    "injury": SafetyAssessment.Answer,
    "mobile": SafetyAssessment.Answer,
    "talk_skipped": SafetyAssessment.TalkSkipped,
    "decision": SafetyAssessment.Decision,
}


def _consultations(safety):
    """A consultation row says when and with whom."""
    for row, (on, with_whom, outcome) in enumerate(safety.consultations):
        if not (on or with_whom or outcome.strip()):
            continue
        if on is None:
            yield f"safety_consult_on_{row}", _("Vul de datum van het overleg in.")
        if with_whom not in SafetyConsultation.With.values:
            yield f"safety_consult_with_{row}", _("Kies met wie je overlegde.")


def _concern_left_out(content, basis):
    """Details without "ja"; or "nee" while a concern stays open: one an earlier visit left
    open, or one this visit opened that a team lead has written a note on."""
    if content.safety.has_details:
        yield (
            "safety_concern",
            _(
                "Je vulde iets in over de veiligheid van het kind. Kies ‘ja’, of maak die velden "
                "leeg."
            ),
        )
        return
    concern = basis.open_concern
    if concern is None:
        return
    if concern.opened_in_id == basis.observation.pk:
        if basis.concern_has_notes:  # opened by this visit: it may go, unless a note is on it
            yield (
                "safety_concern",
                _(
                    "De teamleider schreef al een notitie bij deze zorg. Kies ‘ja’ en sluit de "
                    "zorg af met een besluit en de reden, bijvoorbeeld ‘geen zorg na overleg’."
                ),
            )
    elif content.visit_date and (concern.opened_on, concern.opened_in_id) < (
        content.visit_date,
        basis.observation.pk,
    ):
        yield (
            "safety_concern",
            _(
                "Er loopt nog een zorg over de veiligheid van dit kind, sinds %(date)s. Die blijft "
                "open tot je een afsluitend besluit vastlegt; kies ‘ja’ en werk de stand bij."
            )
            % {"date": date_format(concern.opened_on, "j F Y")},
        )


def safety_open(content, basis):
    if not basis.observation.asks_safety:
        return
    safety = content.safety
    if not safety.concern:
        yield "safety_concern", _("Kies ja of nee.")
        return
    if safety.concern != "ja":
        return
    if not safety.signals.strip():
        yield "safety_signals", _("Beschrijf welke signalen je zag of hoorde.")
    if safety.injury == "ja" and not safety.mobile:
        yield "safety_mobile", _("Kies of het kind zich al zelf voortbeweegt.")
    consulted = bool(safety.filled_consultations) or basis.consulted_elsewhere
    if safety.pre_mobile_injury and not consulted:
        yield (
            "safety_consult_on_0",
            _(
                "Letsel bij een kind dat zich nog niet zelf voortbeweegt: overleg voordat je "
                "indient, bijvoorbeeld met de jeugdarts, forensisch-medische expertise (FMEK) of "
                "Veilig Thuis, en leg het overleg hier vast."
            ),
        )
    if safety.step is None:
        yield "safety_step", _("Kies welke stap van de meldcode je hebt bereikt.")
    elif safety.step_on is None:
        yield "safety_step_on", _("Vul in wanneer je deze stap bereikte.")
    else:
        yield from _steps_taken(safety, consulted)
    for row, (_on, _with, outcome) in safety.filled_consultations:
        if not outcome.strip():
            yield f"safety_consult_outcome_{row}", _("Schrijf op wat er uit het overleg kwam.")
    if safety.decision and not safety.decided_by.strip():
        yield "safety_decided_by", _("Schrijf op wie het besluit namen.")
    if safety.decision != SafetyAssessment.Decision.CLOSED and content.next_visit is None:
        yield (
            "next_visit",
            _(
                "Er loopt een zorg over de veiligheid van het kind: plan het volgende contact "
                "met het gezin."
            ),
        )


def _steps_taken(safety, consulted):
    """What the steps up to the one reached ask: a consultation from step 2, the conversation
    with the parent (or why not) from step 3, a decision at step 5."""
    if safety.step >= 2 and not consulted:
        yield (
            "safety_consult_on_0",
            _("Bij stap 2 en verder hoort overleg: leg vast wanneer, met wie en wat eruit kwam."),
        )
    if safety.step >= SafetyAssessment.TALK_STEP:
        if not (safety.talk_on or safety.talk_skipped):
            yield (
                "safety_talk_on",
                _(
                    "Vul in wanneer je met de ouder over de signalen sprak, of kies waarom dat "
                    "gesprek niet kon."
                ),
            )
        elif safety.talk_skipped and not safety.talk_skipped_note.strip():
            yield "safety_talk_skipped_note", _("Licht toe waarom het gesprek niet kon.")
    if safety.step >= SafetyAssessment.DECIDING_STEP and not safety.decision:
        yield "safety_decision", _("Bij stap 5 hoort een besluit, met de datum.")
