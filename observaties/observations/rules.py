"""The rules an observation's content meets: to be saved at all, and to be handed in.

Each rule is written once, here. It reads an `ObservationContent` and the `Basis` it is judged
against, and says what is wrong as `{field: message}`, where the field is the checklist form's
own name for it. The form shows the messages beside their fields and in its error summary; the
services (`observation_save`, `observation_submit`) raise them, so nothing reaches the database
that the form would have refused. A message is written to be read beside its field, or behind the
field's label in the error summary; a service's ValidationError names the field it belongs to.
"""

from datetime import date

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hechting.selectors import VersionContent, version_content
from observaties import selectors
from observaties.models import (
    Agreement,
    AgreementFollowUp,
    CaregiverChange,
    ConditionReflection,
    ContextAnswer,
    FitAnswer,
    Observation,
    SafetyConcern,
)
from observaties.observations.content import GENERAL, ObservationContent
from observaties.observations.safety_rules import safety_open, safety_problems


class Basis:
    """What the rules judge the content against besides itself: the pinned version, the child's
    birth month, and what the child's earlier visits left open at this visit. The child's open
    safety concern is read only when a rule asks for it."""

    def __init__(self, observation: Observation, open_agreements: list[Agreement]):
        self.observation = observation
        self.pinned = observation.version
        self.version: VersionContent = version_content(observation.version)
        self.open_agreements = open_agreements

    @cached_property
    def open_concern(self) -> SafetyConcern | None:
        return selectors.open_concern(self.observation.child)

    @cached_property
    def consulted_elsewhere(self) -> bool:
        """Whether another visit recorded a consultation about this visit's concern: the one its
        own part belongs to (also when a later visit closed it), or else the open one."""
        concern_id = selectors.own_concern_id(self.observation) or (
            self.open_concern.pk if self.open_concern is not None else None
        )
        return concern_id is not None and bool(
            selectors.earlier_consultations(concern_id, self.observation)
        )

    @cached_property
    def concern_has_notes(self) -> bool:
        """Whether a team lead wrote a note on the open concern."""
        return self.open_concern is not None and self.open_concern.notes.exists()


def basis_for(observation, *, visit_date: date | None = None, open_agreements=None) -> Basis:
    """The basis for `observation` at `visit_date` (the date being saved, by default the stored
    one). `open_agreements` read already for the same observation and date may be passed in."""
    if open_agreements is None:
        open_agreements = selectors.open_agreements(observation, visit_date=visit_date)
    return Basis(observation, open_agreements)


def save_problems(content: ObservationContent, basis: Basis) -> dict[str, str]:
    """What stops the content from being saved, even as a draft."""
    problems = {}
    for rule in _SAVE_RULES:
        for name, message in rule(content, basis):
            problems.setdefault(name, message)
    return problems


def hand_in_problems(content: ObservationContent, basis: Basis) -> dict[str, str]:
    """What stops the content from being handed in: the save's rules, then what is still open."""
    problems = save_problems(content, basis)
    for rule in _HAND_IN_RULES:
        for name, message in rule(content, basis):
            problems.setdefault(name, message)
    return problems


def no_opportunity_label(version: VersionContent) -> str:
    return next(option.label for option in version.scale if option.is_no_opportunity)


# Rules for every save.


def _of_this_version(content, basis):
    version = basis.version
    options = {option.pk for option in version.scale} | {None}
    questions = {question.pk for question in version.fit_questions}
    if (
        not set(content.scores) <= version.item_ids()
        or not set(content.context) <= {factor.pk for factor in version.factors}
        or not set(content.fits) <= questions
    ):
        yield GENERAL, FOREIGN_ANSWERS
    elif any(option not in options for option, _note in content.scores.values()):
        yield GENERAL, _("Een antwoord hoort niet bij de antwoordschaal.")


FOREIGN_ANSWERS = gettext_lazy(
    "Het formulier bevat antwoorden die niet bij deze checklistversie horen. Laad de pagina "
    "opnieuw; er is niets opgeslagen."
)


def visit_date_problems(*, birth_month: date, visit_date: date):
    if visit_date > timezone.localdate():
        yield "visit_date", _("De datum van het huisbezoek kan niet in de toekomst liggen.")
    elif visit_date < birth_month:
        yield (
            "visit_date",
            _("De datum van het huisbezoek ligt vóór de geboortemaand van het kind."),
        )


def _dates(content, basis):
    visit = content.visit_date  # None when the form says the date itself is missing or wrong
    if visit is not None:
        yield from visit_date_problems(
            birth_month=basis.observation.child.birth_month, visit_date=visit
        )
        if content.next_visit and content.next_visit < visit:
            yield "next_visit", _("Het volgende contact ligt vóór dit huisbezoek.")
    if content.discussed_on is None:
        if content.parent_reaction.strip():
            yield "discussed_on", _("Vul in wanneer je het met de ouder besprak.")
    elif content.discussed_on > timezone.localdate():
        yield "discussed_on", _("De datum van het gesprek kan niet in de toekomst liggen.")
    elif visit is not None and content.discussed_on < visit:
        yield "discussed_on", _("Het gesprek met de ouder ligt vóór het huisbezoek.")


def _network(content, basis):
    for row, (relation, days, note) in enumerate(content.caregivers):
        if (days or note) and not relation:
            yield f"caregiver_relation_{row}", _("Kies wie deze opvoeder is voor het kind.")
    for row, (what, cause, outside, month) in enumerate(content.changes):
        if (what or cause or month) and not (what and cause):
            yield (
                f"change_cause_{row}" if what else f"change_what_{row}",
                _("Vul bij een wisseling in wat er veranderde én de oorzaak."),
            )
        elif what and month is None:
            yield f"change_month_{row}", _("Vul de maand van de wisseling in.")
        if cause == CaregiverChange.Cause.OTHER and outside is None:
            yield (
                f"change_outside_{row}",
                _("Bij een andere oorzaak: kies of die buiten de invloed van de ouder lag."),
            )


def _stress_actions(content, basis):
    for factor in basis.version.factors:
        pk = factor.pk
        action = content.stress_actions.get(pk, ("", "", "", None))
        underway = content.underway.get(pk, "")
        if not (any(action) or underway):
            continue
        what, who, other, _due = action
        if content.context.get(pk, ("", ""))[0] != ContextAnswer.Answer.YES:
            yield (
                f"factor_action_{pk}" if any(action) else f"factor_underway_{pk}",
                _("Een actie hoort bij ‘ja’. Kies ‘ja’, of maak deze velden leeg."),
            )
        elif any(action) and not what.strip():
            yield f"factor_action_{pk}", _("Schrijf op wat er gebeurt.")
        elif what and who not in Agreement.Who.values:
            yield f"factor_action_who_{pk}", _("Kies wie het doet.")
        elif who in Agreement.NAMED and not other.strip():
            yield (
                f"factor_action_other_{pk}",
                _("Schrijf op naar wie je verwijst.")
                if who == Agreement.Who.REFERRAL
                else _("Schrijf op wie het doet."),
            )


def _agreements(content, basis):
    for row, (what, who, other, due) in enumerate(content.agreements):
        if (who or other or due) and not what.strip():
            yield f"agreement_what_{row}", _("Schrijf op wat er is afgesproken.")
        elif what and who not in Agreement.Who.values:
            yield f"agreement_who_{row}", _("Kies wie het doet.")
        elif who in Agreement.NAMED and not other.strip():
            yield f"agreement_other_{row}", _("Schrijf op wie het doet.")
        if due and content.visit_date and due < content.visit_date:
            yield f"agreement_due_{row}", _("Deze datum ligt vóór het huisbezoek.")


def _follow_ups(content, basis):
    """Only agreements still open at this visit are followed up here; a stopped one says why."""
    if not set(content.follow_ups) <= {agreement.pk for agreement in basis.open_agreements}:
        yield (
            GENERAL,
            _(
                "Een afspraak hoort niet (meer) bij dit bezoek. Laad de pagina opnieuw; er is "
                "niets opgeslagen."
            ),
        )
        return
    for pk, (outcome, note) in content.follow_ups.items():
        if outcome not in {*AgreementFollowUp.Outcome.values, ""}:
            yield f"followup_{pk}", _("Kies gedaan, loopt nog of gestopt.")
        elif outcome == AgreementFollowUp.Outcome.STOPPED and not note.strip():
            yield (
                f"followup_note_{pk}",
                _("Schrijf in een paar woorden waarom de afspraak is gestopt."),
            )


def _fits(content, basis):
    """What did not fit goes with an answer that says something did not fit: a tick beside
    ‘paste meestal’ (or no answer) would be lost or contradict it, so it is asked first."""
    for question in basis.version.fit_questions:
        answer, misfits, _note = content.fits.get(question.pk, ("", frozenset(), ""))
        if answer and answer not in FitAnswer.Answer.values:
            yield GENERAL, _("Een antwoord hoort niet bij de antwoordschaal.")
        elif misfits and answer not in FitAnswer.NOT_FITTING:
            yield (
                f"fit_{question.pk}",
                _(
                    "Je kruiste aan wat niet paste. Kies dan ‘wisselend’ of ‘paste meestal "
                    "niet’, of haal het vinkje weg."
                ),
            )


_SAVE_RULES = (
    _of_this_version,
    _fits,
    _dates,
    _network,
    _stress_actions,
    safety_problems,
    _agreements,
    _follow_ups,
)


# Rules for handing in: what is still open.


def _items_answered(content, basis):
    message = _("Kies een antwoord of ‘%(label)s’.") % {
        "label": no_opportunity_label(basis.version)
    }
    for section in basis.version.sections:
        for item in section.items:
            if content.scores.get(item.pk, (None, ""))[0] is None:
                yield f"item_{item.pk}", message


def _fits_answered(content, basis):
    message = _("Kies een antwoord of ‘geen gelegenheid’.")
    for question in basis.version.fit_questions:
        if not content.fits.get(question.pk, ("", frozenset(), ""))[0]:
            yield f"fit_{question.pk}", message


def _work_points(content, basis):
    if not basis.pinned.asks_work_points:
        return
    for section in basis.version.sections:
        pk = section.condition.pk
        work_point = content.work_points.get(pk, "")
        if not work_point:
            yield f"work_point_{pk}", _("Kies of dit een werkpunt is met de ouder.")
        elif (
            work_point == ConditionReflection.WorkPoint.YES
            and not content.reflections.get(pk, "").strip()
        ):
            yield (
                f"reflection_{pk}",
                _("Schrijf in je eigen woorden waarom dit een werkpunt is."),
            )


def _caregivers_named(content, basis):
    if not basis.pinned.records_caregiver_network:
        return
    if not any(relation for relation, _days, _note in content.caregivers):
        yield "caregiver_relation_0", _("Vul in wie er in een gewone week voor het kind zorgt.")
    if content.network_check not in Observation.NetworkCheck.values:
        yield (
            "network_check",
            _("Loop het netwerk met de ouder na: klopt het nog, of heb je het aangepast?"),
        )


def _next_contact_planned(content, basis):
    if basis.pinned.has_parent_texts and content.next_visit is None:
        yield (
            "next_visit",
            _("Vul het volgende contact met het gezin in: het blad voor de ouder noemt die datum."),
        )


def _stress_acted_on(content, basis):
    if not basis.pinned.offers_stress_actions:
        return
    for factor in basis.version.factors:
        pk = factor.pk
        if content.context.get(pk, ("", ""))[0] != ContextAnswer.Answer.YES:
            continue
        if not (content.stress_actions.get(pk, ("",))[0] or content.underway.get(pk, "").strip()):
            yield (
                f"factor_action_{pk}",
                _("Leg een actie vast (wat, wie en wanneer), of vul in wie er al mee bezig is."),
            )


def _followed_up(content, basis):
    for agreement in basis.open_agreements:
        if not content.follow_ups.get(agreement.pk, ("", ""))[0]:
            yield (
                f"followup_{agreement.pk}",
                _("Kies hoe het ging met deze afspraak: gedaan, loopt nog of gestopt."),
            )


# In the order of the page.
_HAND_IN_RULES = (
    _items_answered,
    _fits_answered,
    _work_points,
    _caregivers_named,
    _stress_acted_on,
    safety_open,
    _followed_up,
    _next_contact_planned,
)
