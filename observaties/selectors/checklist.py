"""An observation's stored answers as checklist content: what the form starts from, and what a
hand-in of stored data is judged on. Made for the form, not for the report: no distributions, no
pointers, no history."""

from dataclasses import dataclass, field
from datetime import date

from observaties.models import CaregiverEntry, Observation, SafetyAssessment, StatusChange
from observaties.observations.content import ObservationContent, SafetyContent
from observaties.selectors.report import _previous_network, open_agreements
from observaties.selectors.safety import _carried_assessment


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
    agreements = list(observation.agreements.all())
    safety = None
    if observation.asks_safety:
        safety = (
            SafetyAssessment.objects.filter(observation=observation)
            .select_related("concern")
            .first()
        )
    reflections = list(observation.reflections.all())
    answers = list(observation.context_answers.all())
    network = pinned.records_caregiver_network
    content = ObservationContent(
        caregiver=observation.caregiver,
        visit_date=observation.visit_date,
        setting=observation.setting,
        scores={s.item_id: (s.option_id, s.note) for s in observation.scores.all()},
        reflections={r.condition_id: r.text for r in reflections},
        work_points={r.condition_id: r.work_point for r in reflections},
        context={a.factor_id: (a.answer, a.note) for a in answers},
        shared_factors={a.factor_id for a in answers if a.share_with_parent},
        underway={a.factor_id: a.underway_by for a in answers if a.underway_by},
        conclusion=observation.conclusion,
        next_visit=observation.next_visit,
        discussed_on=observation.discussed_on,
        parent_reaction=observation.parent_reaction,
        agreements=[(a.what, a.who, a.who_other, a.due) for a in agreements if a.factor_id is None],
        stress_actions={
            a.factor_id: (a.what, a.who, a.who_other, a.due)
            for a in agreements
            if a.factor_id is not None
        },
        follow_ups={f.agreement_id: (f.outcome, f.note) for f in observation.follow_ups.all()},
        caregivers=[(c.relation, c.days_per_week, c.note) for c in observation.caregivers.all()]
        if network
        else [],
        changes=[
            (c.what, c.cause, c.outside_parent_control, c.month)
            for c in observation.caregiver_changes.all()
        ]
        if network
        else [],
        safety=SafetyContent.of(safety)
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
    if observation.status == Observation.Status.RETURNED:
        answers.returned = (
            observation.history.exclude(comment="")
            .select_related("user")
            .order_by("-at", "-pk")
            .first()
        )
    return answers
