"""An observation's stored answers as checklist content: what the form starts from, and what a
hand-in of stored data is judged on. Made for the form, not for the report: no distributions, no
pointers, no history."""

from dataclasses import dataclass, field
from datetime import date

from hechting.selectors import version_content
from observaties.models import CaregiverEntry, Observation, SafetyAssessment, StatusChange
from observaties.observations.content import ObservationContent, SafetyContent
from observaties.selectors.report import _previous_network, open_agreements
from observaties.selectors.safety import (
    _carried_assessment,
    earlier_consultations,
    observation_safety,
)


@dataclass
class ChecklistAnswers:
    """What the checklist form of one observation shows before anything is typed."""

    content: ObservationContent  # as stored for this observation
    open_agreements: list  # of earlier visits, to follow up here
    # Offered to confirm or amend where this observation has recorded nothing of its own yet:
    carried_safety: SafetyAssessment | None = None  # the open concern's latest part elsewhere
    previous_caregivers: list[CaregiverEntry] = field(default_factory=list)
    previous_network_date: date | None = None
    own_safety: SafetyAssessment | None = None  # this visit's part of a concern
    earlier_consultations: list = field(default_factory=list)  # of that concern, other visits
    returned: StatusChange | None = None  # why it came back, for a returned observation

    @property
    def shown_concern(self):
        """The concern the form shows (this visit's or the one it carries on), for the log."""
        shown = self.own_safety or self.carried_safety
        return shown.concern if shown is not None else None


def stored_content(observation: Observation) -> tuple[ObservationContent, SafetyAssessment | None]:
    """The observation's own answers as the form would send them, and its part of a safety
    concern, in nine queries or fewer."""
    pinned = observation.version
    agreements = list(
        observation.agreements.values_list("factor_id", "what", "who", "who_other", "due")
    )
    safety = observation_safety(observation)
    reflections = list(observation.reflections.values_list("condition_id", "text", "work_point"))
    answers = list(
        observation.context_answers.values_list(
            "factor_id", "answer", "note", "share_with_parent", "underway_by"
        )
    )
    network = pinned.records_caregiver_network
    content = ObservationContent(
        caregiver=observation.caregiver,
        visit_date=observation.visit_date,
        setting=observation.setting,
        scores={
            item: (option, note)
            for item, option, note in observation.scores.values_list("item_id", "option_id", "note")
        },
        reflections={condition: text for condition, text, _work_point in reflections},
        fits=_fits(observation),
        work_points={condition: work_point for condition, _text, work_point in reflections},
        context={factor: (answer, note) for factor, answer, note, _shared, _by in answers},
        shared_factors={factor for factor, _a, _n, shared, _by in answers if shared},
        underway={factor: by for factor, _a, _n, _shared, by in answers if by},
        conclusion=observation.conclusion,
        next_visit=observation.next_visit,
        discussed_on=observation.discussed_on,
        parent_reaction=observation.parent_reaction,
        agreements=[tuple(row[1:]) for row in agreements if row[0] is None],
        stress_actions={row[0]: tuple(row[1:]) for row in agreements if row[0] is not None},
        follow_ups={
            agreement: (outcome, note)
            for agreement, outcome, note in observation.follow_ups.values_list(
                "agreement_id", "outcome", "note"
            )
        },
        network_check=observation.network_check if network else "",
        caregivers=list(observation.caregivers.values_list("relation", "days_per_week", "note"))
        if network
        else [],
        changes=list(
            observation.caregiver_changes.values_list(
                "what", "cause", "outside_parent_control", "month"
            )
        )
        if network
        else [],
        safety=SafetyContent.of(safety, consultations=safety.consultations.all())
        if safety is not None
        else SafetyContent(concern=observation.safety_concern),
    )
    return content, safety


def checklist_answers(observation: Observation) -> ChecklistAnswers:
    """The stored answers, the agreements to follow up, what an earlier visit left to confirm
    here (the caregiver network, an open safety concern), and why a returned one came back."""
    content, own_safety = stored_content(observation)
    answers = ChecklistAnswers(
        content=content, open_agreements=open_agreements(observation), own_safety=own_safety
    )
    editable = observation.is_editable_status
    if observation.version.records_caregiver_network and not content.caregivers and editable:
        answers.previous_caregivers, answers.previous_network_date = _previous_network(observation)
    if observation.asks_safety and own_safety is None and editable:
        answers.carried_safety = _carried_assessment(observation)
    shown = answers.own_safety or answers.carried_safety
    if shown is not None:
        answers.earlier_consultations = earlier_consultations(shown.concern_id, observation)
    if observation.status == Observation.Status.RETURNED:
        answers.returned = (
            observation.history.exclude(comment="")
            .select_related("user")
            .order_by("-at", "-pk")
            .first()
        )
    return answers


def _fits(observation):
    """The answers on fit and on the child's signals; no query for a version that asks none."""
    if not version_content(observation.version).fit_questions:
        return {}
    return {
        answer.question_id: (answer.answer, answer.misfit_values, answer.note)
        for answer in observation.fit_answers.all()
    }
