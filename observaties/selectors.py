"""Reads of observations with their joins decided here: the report, trends, lists and overviews.

Summaries are distributions over the scale per condition, with "geen gelegenheid" counted apart;
there is never one total score.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from hechting.models import KNOWLEDGE_PAGE_CITATION, ChecklistVersion, Condition, ScaleOption
from hechting.selectors import version_content
from observaties import access, charts
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
    SafetyAssessment,
    SafetyConcern,
    StatusChange,
)

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
    safety, carried = None, None
    if observation.asks_safety:
        safety = (
            SafetyAssessment.objects.filter(observation=observation)
            .select_related("concern")
            .first()
        )
        if safety is None and observation.is_editable_status:
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


def open_concern(child) -> SafetyConcern | None:
    """The child's safety concern that is still open, if any (there is at most one)."""
    return child.safety_concerns.filter(closed_on__isnull=True).order_by("-pk").first()


def _carried_assessment(observation):
    """Where the child's open concern stood at its latest part from another visit."""
    concern = open_concern(observation.child)
    if concern is None:
        return None
    return (
        concern.assessments.exclude(observation=observation)
        .select_related("concern")
        .order_by("-observation__visit_date", "-observation_id")
        .first()
    )


@dataclass
class OpenConcern:
    """A safety concern still open, as the team lead's dashboard lists it."""

    concern: SafetyConcern
    days_open: int
    latest: SafetyAssessment | None  # its part at the latest visit that recorded one

    @property
    def step(self):
        return self.latest.step if self.latest else None


class Cut(list):
    """The rows a page shows of a longer list, and how many more there are (0: all of them).

    `key` names the list in the page's `?alle=` to show all of it."""

    def __init__(self, rows, more=0, key=""):
        super().__init__(rows)
        self.more = more
        self.key = key


def cut(queryset, limit, key) -> Cut:
    """The first `limit` rows of `queryset` (all with None); counted only when there are more."""
    if limit is None:
        return Cut(queryset, 0, key)
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return Cut(rows, 0, key)
    return Cut(rows[:limit], queryset.count() - limit, key)


# How many rows each list of the dashboard shows before it says how many more there are.
DASHBOARD_LIMITS = {"zorgen": 100, "beoordelen": 100, "concepten": 50, "afspraken": 100}


def open_concerns(team_ids, *, today, limit=None):
    """The open safety concerns of `team_ids`' families, longest open first, in two queries."""
    concerns = cut(
        SafetyConcern.objects.filter(closed_on__isnull=True, child__family__team_id__in=team_ids)
        .select_related("child__family")
        .order_by("opened_on", "pk"),
        limit,
        "zorgen",
    )
    latest = {}
    for assessment in SafetyAssessment.objects.filter(concern__in=concerns).order_by(
        "observation__visit_date", "observation_id"
    ):
        latest[assessment.concern_id] = assessment
    return Cut(
        [
            OpenConcern(concern, (today - concern.opened_on).days, latest.get(concern.pk))
            for concern in concerns
        ],
        concerns.more,
        concerns.key,
    )


def concern_page(concern):
    """A concern with its part per visit (oldest first, with the version's texts) and notes."""
    assessments = list(
        concern.assessments.select_related(
            "observation__professional", "observation__version"
        ).order_by("observation__visit_date", "observation_id")
    )
    return {
        "concern": concern,
        "assessments": [
            (assessment, version_content(assessment.observation.version))
            for assessment in assessments
        ],
        "notes": list(concern.notes.select_related("author")),
        "days_open": ((concern.closed_on or timezone.localdate()) - concern.opened_on).days,
    }


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
    or amend on a new observation, with that visit's date."""
    earlier = (
        Observation.objects.filter(
            child_id=observation.child_id,
            visit_date__lte=observation.visit_date,
            caregivers__isnull=False,
        )
        .exclude(pk=observation.pk)
        .order_by("-visit_date", "-pk")
        .values_list("pk", "visit_date")
        .first()
    )
    if earlier is None:
        return [], None
    return list(CaregiverEntry.objects.filter(observation_id=earlier[0])), earlier[1]


@dataclass
class TrendPoint:
    observation: Observation
    distribution: Distribution

    @property
    def pending(self):
        """A visit shown before its approval: the report under review compares itself."""
        return self.observation.status != Status.APPROVED


@dataclass
class ConditionTrend:
    condition: Condition
    points: list[TrendPoint]
    network_visits: int = 0  # visits that recorded this condition as the caregiver network

    @property
    def caregivers_differ(self):
        """Whether the points are observations of more than one caregiver, who must then be
        named at each point: a mother's and a father's visits are not one line."""
        return len({point.observation.caregiver for point in self.points}) > 1

    @property
    def description(self):
        """The trend in words: the chart's text alternative."""
        return charts.trend_description(self)

    @property
    def table(self):
        """The trend in numbers, for who would rather read a table than a chart."""
        return charts.trend_table(self)


def _approved_with_scores(child, until=None):
    observations = child.observations.filter(status=Status.APPROVED)
    if until is not None:
        observations = observations.filter(visit_date__lte=until)
    return list(
        observations.select_related("version", "professional")
        .prefetch_related(
            Prefetch("scores", queryset=ItemScore.objects.select_related("item", "option"))
        )
        .order_by("visit_date", "pk")
    )


def child_trends(child, *, until=None, caregiver=None, including=None) -> list[ConditionTrend]:
    """Per condition, the distribution of every approved observation of the child, oldest first.

    Scale points are matched by position, so the trend runs on across checklist versions.
    With `until`, only visits on or before that date count (a report compares with the past);
    with `caregiver`, only the observations of that caregiver (a report compares like with like);
    `including` adds one observation that is not approved yet (the one under review), which its
    point marks as such.
    """
    approved = Q(status=Status.APPROVED)
    observations = child.observations.filter(
        approved | Q(pk=including.pk) if including is not None else approved
    )
    if until is not None:
        observations = observations.filter(visit_date__lte=until)
    if caregiver is not None:
        observations = observations.filter(caregiver=caregiver)
    return _trends([list(observations.select_related("version").order_by("visit_date", "pk"))])[0]


def _trends(groups):
    """The trends of each group of approved observations (oldest first, versions loaded), read
    in two queries however many groups there are."""
    if not groups:
        return []
    observations = [observation for group in groups for observation in group]
    contents = {o.version_id: version_content(o.version) for o in observations}
    scales = {version_id: content.scale for version_id, content in contents.items()}
    options = {option.pk: option for scale in scales.values() for option in scale}
    # Only the three ids per score: a trend page reads hundreds of them.
    chosen = defaultdict(list)
    for observation_id, condition_id, option_id in ItemScore.objects.filter(
        observation__in=observations
    ).values_list("observation_id", "item__condition_id", "option_id"):
        chosen[observation_id, condition_id].append(options.get(option_id))
    # Every version presents all three conditions, so any frozen version's list will do.
    some_version = next(iter(contents.values()), None)
    conditions = (
        [section.condition for section in some_version.sections]
        if some_version
        else list(Condition.objects.all())
    )
    # From version 2 on continuity is the caregiver network, not a bar on the scale: those
    # visits have no point in its trend (the network per visit is listed apart).
    return [
        [
            ConditionTrend(
                condition,
                [
                    TrendPoint(
                        o,
                        scale_distribution(
                            scales.get(o.version_id, []), chosen[o.pk, condition.pk]
                        ),
                    )
                    for o in group
                    if not _as_network(condition, o)
                ],
                network_visits=sum(1 for o in group if _as_network(condition, o)),
            )
            for condition in conditions
        ]
        for group in groups
    ]


def _as_network(condition, observation):
    return (
        condition.key == Condition.Key.CONTINUITY and observation.version.records_caregiver_network
    )


@dataclass
class NetworkRow:
    """The caregiver network as recorded at one visit, for the child's trend report."""

    observation: Observation
    caregivers: list
    changes: list

    @property
    def changes_outside_parent_control(self):
        return sum(1 for change in self.changes if change.outside_parent_control)


def child_networks(observations) -> list[NetworkRow]:
    """The network per approved visit that recorded one (version 2 on), in two queries."""
    recorded = [o for o in observations if o.version.records_caregiver_network]
    caregivers = defaultdict(list)
    for entry in CaregiverEntry.objects.filter(observation__in=recorded):
        caregivers[entry.observation_id].append(entry)
    changes = defaultdict(list)
    for change in CaregiverChange.objects.filter(observation__in=recorded):
        changes[change.observation_id].append(change)
    return [NetworkRow(o, caregivers[o.pk], changes[o.pk]) for o in recorded]


FAMILY_PAGE_OBSERVATIONS = 10  # per child, newest first; the rest on request
FAMILY_PAGE_TREND_VISITS = 12  # approved visits in the page's charts; all of them in the PDF


@dataclass
class ChildOnPage:
    child: Child
    observations: list  # newest first
    trends: list
    observation_count: int
    approved_count: int

    @property
    def more(self):
        return self.observation_count > len(self.observations)


def family_page(family, *, everything=False) -> list[ChildOnPage]:
    """The family's children with their newest observations and the trend over their latest
    approved visits, in the same number of queries however long the history; `everything`
    lists every observation."""
    newest = Observation.objects.select_related("professional", "version").order_by(
        "-visit_date", "-pk"
    )
    approved = Observation.objects.filter(status=Status.APPROVED).select_related("version")
    approved = approved.order_by("-visit_date", "-pk")[:FAMILY_PAGE_TREND_VISITS]
    children = list(
        family.children.annotate(
            observation_count=Count("observations", distinct=True),
            approved_count=Count(
                "observations", filter=Q(observations__status=Status.APPROVED), distinct=True
            ),
        ).prefetch_related(
            Prefetch(
                "observations",
                queryset=newest if everything else newest[:FAMILY_PAGE_OBSERVATIONS],
                to_attr="newest",
            ),
            Prefetch("observations", queryset=approved, to_attr="latest_approved"),
        )
    )
    trends = _trends([list(reversed(child.latest_approved)) for child in children])
    return [
        ChildOnPage(
            child, child.newest, child_trends, child.observation_count, child.approved_count
        )
        for child, child_trends in zip(children, trends, strict=True)
    ]


def dashboard(user, *, everything=frozenset()):
    """What each role needs first: own drafts and returns; for team leads the review queue.
    Each list is limited (`DASHBOARD_LIMITS`) and says how many more there are, except those
    named in `everything`."""
    limits = {key: None if key in everything else n for key, n in DASHBOARD_LIMITS.items()}
    own = cut(
        Observation.objects.filter(
            professional=user,
            status__in=[Status.DRAFT, Status.RETURNED],
            child__family__in=access.families_for(user),
        )
        .select_related("child__family")
        .order_by("status", "-updated_at"),
        limits["concepten"],
        "concepten",
    )
    queue = []
    if access.lead_team_ids(user):
        queue = cut(
            Observation.objects.filter(
                status=Status.SUBMITTED,
                child__family__team_id__in=access.lead_team_ids(user),
            )
            .select_related("child__family", "professional")
            .order_by("submitted_at"),
            limits["beoordelen"],
            "beoordelen",
        )
    today = timezone.localdate()
    leads = access.lead_team_ids(user)
    assigned = access.families_for(user).filter(professionals=user, closed_on__isnull=True)
    visits = planned_visits(assigned, until=today + timedelta(days=VISITS_AHEAD_DAYS))
    return {
        "own": own,
        "queue": queue,
        "now": timezone.now(),
        "today": today,
        "overdue_visits": [child for child in visits if child.planned_visit < today],
        "upcoming_visits": [child for child in visits if child.planned_visit >= today],
        "overdue_agreements": overdue_agreements(assigned, today=today, limit=limits["afspraken"]),
        "open_concerns": open_concerns(leads, today=today, limit=limits["zorgen"]) if leads else [],
    }


VISITS_AHEAD_DAYS = 14


def planned_visits(families, *, until):
    """The children of `families` whose next visit, as their latest observation plans it, falls
    on or before `until` (overdue ones included), soonest first, with `planned_visit` set."""
    latest = Observation.objects.filter(child=OuterRef("pk")).order_by("-visit_date", "-pk")
    return list(
        Child.objects.filter(family__in=families)
        .annotate(planned_visit=Subquery(latest.values("next_visit")[:1]))
        .filter(planned_visit__lte=until)
        .select_related("family")
        .order_by("planned_visit", "family__case_reference", "pk")
    )


def overdue_agreements(families, *, today, limit=None):
    """Agreements with a date before today, made at a handed-in or approved visit of `families`,
    that no later visit recorded as done or stopped; oldest date first."""
    closed = AgreementFollowUp.objects.filter(outcome__in=AgreementFollowUp.CLOSING)
    return cut(
        Agreement.objects.filter(
            observation__child__family__in=families,
            observation__status__in=[Status.SUBMITTED, Status.APPROVED],
            due__lt=today,
        )
        .exclude(pk__in=closed.values("agreement_id"))
        .select_related("observation__child__family")
        .order_by("due", "pk"),
        limit,
        "afspraken",
    )


def waiting_days(observation, now: datetime):
    return (now - observation.submitted_at).days if observation.submitted_at else 0


def team_overview(team):
    """Counts per status and per-condition distributions of the team's approved observations."""
    observations = Observation.objects.filter(child__family__team=team)
    status_counts = dict(
        observations.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    rows = (
        observations.filter(status=Status.APPROVED, scores__option__isnull=False)
        .values(
            "scores__item__condition_id",
            "scores__option__position",
            "scores__option__is_no_opportunity",
        )
        .annotate(n=Count("pk"))
    )
    tallies = defaultdict(Counter)
    for row in rows:
        position = (
            None if row["scores__option__is_no_opportunity"] else row["scores__option__position"]
        )
        tallies[row["scores__item__condition_id"]][position] += row["n"]
    labels = current_scale_labels()
    distributions = [
        (
            condition,
            [(label, tallies[condition.pk][position]) for position, label in labels],
            tallies[condition.pk][None],
        )
        for condition in Condition.objects.all()
    ]
    today = timezone.localdate()
    overdue = planned_visits(
        Family.objects.filter(team=team, closed_on__isnull=True), until=today - timedelta(days=1)
    )
    stress = lasting_stress(
        list(Family.objects.filter(team=team, closed_on__isnull=True)), today=today
    )
    return {
        "status_counts": [(status, status_counts.get(status.value, 0)) for status in Status],
        "distributions": distributions,
        "lasting_stress": stress,
        "lasting_stress_families": list({row.family.pk: row.family for row in stress}.values()),
        "lasting_stress_days": STRESS_WITHOUT_ACTION_DAYS,
        "scale_labels": [label for _position, label in labels],
        "overdue_families": list({child.family.pk: child.family for child in overdue}.values()),
    }


STRESS_WITHOUT_ACTION_DAYS = 90


@dataclass
class LastingStress:
    """A stress factor that has had no completed action for longer than the limit."""

    family: Family
    child_id: int
    factor: str
    since: date  # the first visit of the unbroken run of "ja", or the last action done since
    days: int


def lasting_stress(families, *, today) -> list[LastingStress]:
    """The stress factors of `families` that had no action completed for more than 90 days.

    A factor plays when the child's latest handed-in or approved visit answers it "ja"; it has
    played since the first visit of that unbroken run of "ja" answers (factors are matched by
    code across checklist versions). The clock restarts at each later visit that records an
    action on it as done. Three queries, whatever the number of families.
    """
    handed_in = [Status.SUBMITTED, Status.APPROVED]
    visits = defaultdict(list)  # child: [(visit date, observation id, family id)] oldest first
    for pk, child_id, family_id, visit_date in (
        Observation.objects.filter(child__family__in=families, status__in=handed_in)
        .order_by("visit_date", "pk")
        .values_list("pk", "child_id", "child__family_id", "visit_date")
    ):
        visits[child_id].append((visit_date, pk, family_id))
    answers = defaultdict(dict)  # observation: {code: (answer, label)}
    for observation_id, code, label, answer in ContextAnswer.objects.filter(
        observation__child__family__in=families, observation__status__in=handed_in
    ).values_list("observation_id", "factor__code", "factor__label", "answer"):
        answers[observation_id][code] = (answer, label)
    done = defaultdict(list)  # (child, code): dates of visits that recorded an action done
    for child_id, code, visit_date in AgreementFollowUp.objects.filter(
        outcome=AgreementFollowUp.Outcome.DONE,
        agreement__factor__isnull=False,
        agreement__observation__child__family__in=families,
        observation__status__in=handed_in,
    ).values_list(
        "agreement__observation__child_id", "agreement__factor__code", "observation__visit_date"
    ):
        done[child_id, code].append(visit_date)
    families_by_pk = {family.pk: family for family in families}
    lasting = []
    for child_id, child_visits in visits.items():
        latest = child_visits[-1]
        for code, (answer, label) in answers[latest[1]].items():
            if answer != ContextAnswer.Answer.YES:
                continue
            since = latest[0]
            for visit_date, pk, _family in reversed(child_visits):
                if answers[pk].get(code, ("",))[0] != ContextAnswer.Answer.YES:
                    break
                since = visit_date
            since = max([since, *(d for d in done[child_id, code] if d >= since)])
            days = (today - since).days
            if days > STRESS_WITHOUT_ACTION_DAYS:
                family = families_by_pk[latest[2]]
                lasting.append(LastingStress(family, child_id, label, since, days))
    return sorted(lasting, key=lambda row: (-row.days, row.family.case_reference, row.factor))


def current_scale_labels():
    scale = version_content(ChecklistVersion.objects.current()).scale
    return [(option.position, option.label) for option in scale if not option.is_no_opportunity]


@dataclass
class ItemRow:
    code: str
    text: str
    answers: list[str]


@dataclass
class VisitColumns:
    """A part of a condition's item table: at most VISITS_PER_TABLE visits beside the items, so
    that the item column stays wide enough to read."""

    observations: list
    rows: list[ItemRow]


VISITS_PER_TABLE = 4


def child_item_matrix(child):
    """Per condition, each item code against every approved observation, linked by code, in
    tables of at most four visits each.

    The text shown is the newest wording of the code; the cells are the chosen scale labels.
    """
    observations = _approved_with_scores(child)
    rows = {}
    for index, observation in enumerate(observations):
        for score in observation.scores.all():
            row = rows.setdefault(
                score.item.code,
                (score.item.condition_id, ItemRow(score.item.code, "", [""] * len(observations))),
            )[1]
            row.text = score.item.text
            row.answers[index] = score.option.label if score.option else ""
    sections = []
    for condition in Condition.objects.all():
        items = sorted(
            (row for condition_id, row in rows.values() if condition_id == condition.pk),
            key=lambda row: (row.code.split("-")[0], int(row.code.split("-")[-1])),
        )
        parts = [
            VisitColumns(
                observations[start : start + VISITS_PER_TABLE],
                [
                    ItemRow(row.code, row.text, answers)
                    for row in items
                    if any(answers := row.answers[start : start + VISITS_PER_TABLE])
                ],
            )
            for start in range(0, len(observations), VISITS_PER_TABLE)
        ]
        sections.append((condition, parts))
    return {
        "observations": observations,
        "sections": sections,
        "networks": child_networks(observations),
        "visits": child_visits(observations),
        "stress": child_stress(observations),
    }


@dataclass
class AgreementRow:
    """An agreement of one visit with what became of it at the later visits."""

    agreement: Agreement
    follow_ups: list


@dataclass
class VisitSummary:
    """What a reader of the child's file needs beside the answers of one approved visit."""

    observation: Observation
    age_months: int
    work_points: list  # the conditions the professional made a werkpunt of
    stress: list  # the labels of the stress factors answered "ja"
    agreements: list[AgreementRow]


def child_visits(observations):
    """Per approved visit (oldest first): the child's age, the werkpunten, the stress factors
    that played and every agreement with what became of it at later approved visits; four
    queries, however many visits."""
    approved = {o.pk for o in observations}
    work_points = defaultdict(list)
    for reflection in (
        ConditionReflection.objects.filter(
            observation__in=approved, work_point=ConditionReflection.WorkPoint.YES
        )
        .select_related("condition")
        .order_by("condition__order")
    ):
        work_points[reflection.observation_id].append(reflection.condition)
    stress = defaultdict(list)
    for observation_id, label in (
        ContextAnswer.objects.filter(observation__in=approved, answer=ContextAnswer.Answer.YES)
        .order_by("factor__order", "factor__code")
        .values_list("observation_id", "factor__label")
    ):
        stress[observation_id].append(label)
    agreements = list(
        Agreement.objects.filter(observation__in=approved).order_by("observation", "order", "pk")
    )
    follow_ups = defaultdict(list)
    for follow_up in (
        AgreementFollowUp.objects.filter(agreement__in=agreements, observation__in=approved)
        .select_related("observation")
        .order_by("observation__visit_date", "pk")
    ):
        follow_ups[follow_up.agreement_id].append(follow_up)
    rows = defaultdict(list)
    for agreement in agreements:
        rows[agreement.observation_id].append(AgreementRow(agreement, follow_ups[agreement.pk]))
    return [
        VisitSummary(
            observation=o,
            age_months=o.child.age_in_months(o.visit_date),
            work_points=work_points[o.pk],
            stress=stress[o.pk],
            agreements=rows[o.pk],
        )
        for o in observations
    ]


@dataclass
class StressVisit:
    """One stress factor at one approved visit: the answer, and the action agreed there with
    what became of it at later visits."""

    observation: Observation
    answer: ContextAnswer | None
    action: AgreementRow | None


def child_stress(observations):
    """Per stress factor answered "ja" at any of the approved visits (matched by code across
    versions, newest wording): a row per visit, oldest first, in three queries."""
    approved = {o.pk for o in observations}
    answers = {
        (answer.observation_id, answer.factor.code): answer
        for answer in ContextAnswer.objects.filter(observation__in=approved).select_related(
            "factor"
        )
    }
    actions = list(
        Agreement.objects.filter(observation__in=approved, factor__isnull=False).select_related(
            "factor"
        )
    )
    follow_ups = defaultdict(list)
    for follow_up in AgreementFollowUp.objects.filter(
        agreement__in=actions, observation__in=approved
    ).select_related("observation"):
        follow_ups[follow_up.agreement_id].append(follow_up)
    rows = {
        (action.observation_id, action.factor.code): AgreementRow(action, follow_ups[action.pk])
        for action in actions
    }
    labels = {}
    for (_observation, code), answer in answers.items():
        if answer.answer == ContextAnswer.Answer.YES:
            labels[code] = answer.factor.label
    return [
        (
            labels[code],
            [
                StressVisit(o, answers.get((o.pk, code)), rows.get((o.pk, code)))
                for o in observations
            ],
        )
        for code in sorted(labels)
    ]
