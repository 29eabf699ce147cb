"""An observation's report: its answers per condition with their distribution, its network,
stress, safety and agreements, as the page and the PDF show them."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, Q, Subquery

from hechting.models import KNOWLEDGE_PAGE_CITATION, Condition, ScaleOption
from hechting.selectors import version_content
from observaties.models import (
    Agreement,
    AgreementFollowUp,
    CaregiverEntry,
    ConditionReflection,
    ContextAnswer,
    FitAnswer,
    Observation,
    SafetyAssessment,
    StatusChange,
)
from observaties.selectors.safety import _carried_assessment, observation_safety

Status = Observation.Status


@dataclass
class Distribution:
    """How often each scale point was chosen for one condition, plus what falls outside it."""

    counts: list[tuple[ScaleOption, int]]
    no_opportunity: int = 0
    unanswered: int = 0

    @property
    def observed(self):
        return sum(count for _option, count in self.counts)

    @property
    def cells(self):
        """The counts in scale order and then "geen gelegenheid": a row of the trend table."""
        return [count for _option, count in self.counts] + [self.no_opportunity]

    @property
    def lower_points(self):
        """The scale points in the lower half of the scale."""
        return [option for option, _count in self.counts[: len(self.counts) // 2]]

    @property
    def lower_half(self):
        """How many observed items sit in the lower half of the scale: a hint for the
        professional on the form, never a verdict."""
        return sum(count for _option, count in self.counts[: len(self.counts) // 2])

    @property
    def computed_attention(self):
        """Version 1's rule, kept only to print version-1 reports as they were approved: at
        least half of the observed items in the lower half of the scale."""
        return bool(self.observed) and self.lower_half * 2 >= self.observed


@dataclass
class ScoredItem:
    item: object
    option: ScaleOption | None
    note: str


@dataclass
class JudgedFit:
    """A question of fit or of the child's signals with the professional's answer, if any."""

    question: object
    answer: FitAnswer | None

    @property
    def label(self):
        return FitAnswer.label(self.question, self.answer.answer) if self.answer else ""

    @property
    def misfits(self):
        return self.answer.misfits if self.answer else []

    @property
    def note(self):
        return self.answer.note if self.answer else ""


@dataclass
class ReportSection:
    condition: Condition
    content: object
    items: list[ScoredItem]
    distribution: Distribution
    reflection: str
    work_point: str = ""
    recorded_as_network: bool = False
    computed_advice: bool = False  # version 1: advice printed by the rule, not by the professional
    pointers: list = field(default_factory=list)
    fits: list[JudgedFit] = field(default_factory=list)  # from version 4 on
    age_hints: list = field(default_factory=list)  # for the child's age at the visit

    @property
    def is_work_point(self):
        return self.work_point == ConditionReflection.WorkPoint.YES

    @property
    def shows_advice(self):
        return bool(self.content and self.content.advice) and (
            self.is_work_point or self.computed_advice
        )


@dataclass
class ObservationReport:
    observation: Observation
    sections: list[ReportSection]
    context_answers: list[tuple[object, ContextAnswer | None]]
    stress_present: bool
    history: list[StatusChange]
    scale: list[ScaleOption] = field(default_factory=list)
    version: object = None  # the version's VersionContent, for the sources of its texts
    caregivers: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    previous_caregivers: list = field(default_factory=list)
    previous_network_date: object = None
    agreements: list = field(default_factory=list)  # made with the parent, apart from stress
    follow_ups: list = field(default_factory=list)  # of earlier visits' agreements, made here
    stress_actions: dict = field(default_factory=dict)  # factor id: its action at this visit
    safety: SafetyAssessment | None = None  # confidential: this visit's part of a concern
    # On a checklist still open, without a part of its own: where the child's open concern stood.
    safety_carried: SafetyAssessment | None = None

    knowledge_page_citation = KNOWLEDGE_PAGE_CITATION

    @property
    def approval(self):
        """The status change that approved the observation as it stands, for the sign-off."""
        if self.observation.status != Status.APPROVED:
            return None
        for change in reversed(self.history):
            if change.to_status == Status.APPROVED:
                return change
        return None

    @property
    def shared_notes(self):
        return [
            answer
            for _factor, answer in self.context_answers
            if answer is not None and answer.share_with_parent and answer.note
        ]

    @property
    def changes_outside_parent_control(self):
        return [change for change in self.changes if change.outside_parent_control]

    @property
    def stress_rows(self):
        """Per stress factor: its answer, and for "ja" the action or who is already on it."""
        return [
            (factor, answer, self.stress_actions.get(factor.pk))
            for factor, answer in self.context_answers
        ]

    @property
    def child_age_months(self):
        return self.observation.child.age_in_months(self.observation.visit_date)

    @property
    def latest_comment(self):
        for change in reversed(self.history):
            if change.comment:
                return change
        return None


def scale_distribution(scale, chosen):
    """A distribution over `scale` (points in order) from the chosen options (None = open)."""
    tally = Counter(option.pk if option else None for option in chosen)
    points = [option for option in scale if not option.is_no_opportunity]
    no_opportunity = sum(tally[option.pk] for option in scale if option.is_no_opportunity)
    return Distribution(
        counts=[(option, tally[option.pk]) for option in points],
        no_opportunity=no_opportunity,
        unanswered=tally[None],
    )


def observation_report(observation: Observation, *, history=True) -> ObservationReport:
    """Everything the review page and the PDF show of one observation, in a fixed query count;
    without `history`, its status changes are not read (and `latest_comment` is None)."""
    version = version_content(observation.version)
    scale = version.scale
    by_pk = {option.pk: option for option in scale}
    scores = {score.item_id: score for score in observation.scores.all()}
    reflections = {r.condition_id: r for r in observation.reflections.all()}
    pinned = observation.version
    age = observation.child.age_in_months(observation.visit_date)
    fits = (
        {answer.question_id: answer for answer in observation.fit_answers.all()}
        if version.fit_questions
        else {}
    )
    sections = []
    for section in version.sections:
        items = [
            ScoredItem(
                item=item,
                option=by_pk.get(scores[item.pk].option_id) if item.pk in scores else None,
                note=scores[item.pk].note if item.pk in scores else "",
            )
            for item in section.items
        ]
        distribution = scale_distribution(scale, [scored.option for scored in items])
        reflection = reflections.get(section.condition.pk)
        report_section = ReportSection(
            condition=section.condition,
            content=section.content,
            items=items,
            distribution=distribution,
            reflection=reflection.text if reflection else "",
            work_point=reflection.work_point if reflection else "",
            recorded_as_network=pinned.records_caregiver_network
            and section.condition.key == Condition.Key.CONTINUITY,
            computed_advice=pinned.computes_advice and distribution.computed_attention,
            fits=[JudgedFit(q, fits.get(q.pk)) for q in section.fit_questions],
            age_hints=section.age_hints_for(age),
        )
        if report_section.is_work_point:
            report_section.pointers = version.pointers_for(section.condition, age)
        sections.append(report_section)
    answers = {answer.factor_id: answer for answer in observation.context_answers.all()}
    context = [(factor, answers.get(factor.pk)) for factor in version.factors]
    caregivers = list(observation.caregivers.all()) if pinned.records_caregiver_network else []
    previous, previous_date = [], None
    if pinned.records_caregiver_network and not caregivers and observation.is_editable_status:
        previous, previous_date = _previous_network(observation)
    agreements = list(observation.agreements.all())
    safety, carried = observation_safety(observation), None
    if observation.asks_safety and safety is None and observation.is_editable_status:
        carried = _carried_assessment(observation)
    return ObservationReport(
        observation=observation,
        sections=sections,
        context_answers=context,
        stress_present=any(
            answer is not None and answer.answer == ContextAnswer.Answer.YES
            for _factor, answer in context
        ),
        history=list(observation.history.select_related("user")) if history else [],
        scale=scale,
        version=version,
        caregivers=caregivers,
        changes=list(observation.caregiver_changes.all())
        if pinned.records_caregiver_network
        else [],
        previous_caregivers=previous,
        previous_network_date=previous_date,
        agreements=[agreement for agreement in agreements if agreement.factor_id is None],
        stress_actions={a.factor_id: a for a in agreements if a.factor_id is not None},
        safety=safety,
        safety_carried=carried,
        follow_ups=list(
            observation.follow_ups.select_related("agreement__observation").order_by(
                "agreement__observation__visit_date", "agreement__order", "agreement__pk"
            )
        ),
    )


def open_agreements(observation: Observation, *, visit_date: date | None = None):
    """The agreements of the child's earlier visits (handed in or approved) that were not done
    or stopped by this visit: what this observation follows up, oldest first. Of two visits on
    one date, the one recorded first is the earlier."""
    visit_date = visit_date or observation.visit_date
    closed = AgreementFollowUp.objects.filter(
        _earlier("observation__", visit_date, observation.pk),
        outcome__in=AgreementFollowUp.CLOSING,
        observation__child_id=observation.child_id,
    )
    return list(
        Agreement.objects.filter(
            _earlier("observation__", visit_date, observation.pk),
            observation__child_id=observation.child_id,
            observation__status__in=[Status.SUBMITTED, Status.APPROVED],
        )
        .exclude(pk__in=closed.values("agreement_id"))
        .select_related("observation")
        .order_by("observation__visit_date", "observation_id", "order", "pk")
    )


def _earlier(prefix, visit_date, pk):
    """Observations before (`visit_date`, `pk`): an earlier date, or the same date and recorded
    before; `prefix` leads to the observation from the model queried."""
    return Q(**{f"{prefix}visit_date__lt": visit_date}) | Q(
        **{f"{prefix}visit_date": visit_date, f"{prefix}pk__lt": pk}
    )


def _previous_network(observation):
    """The caregiver network of the child's latest earlier visit that recorded one, to confirm
    or amend on a new observation, with that visit's date; in one query."""
    earlier = (
        Observation.objects.filter(
            child_id=observation.child_id,
            visit_date__lte=observation.visit_date,
            caregivers__isnull=False,
        )
        .exclude(pk=observation.pk)
        .order_by("-visit_date", "-pk")
        .values("pk")[:1]
    )
    entries = list(
        CaregiverEntry.objects.filter(observation_id=Subquery(earlier)).annotate(
            visit_date=F("observation__visit_date")
        )
    )
    return entries, entries[0].visit_date if entries else None
