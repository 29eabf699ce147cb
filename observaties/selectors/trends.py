"""A child's visits over time: the distribution per condition and the caregiver network."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from hechting.models import Condition
from hechting.selectors import version_content
from observaties.documents.charts import trend_description, trend_table
from observaties.models import (
    CaregiverChange,
    CaregiverEntry,
    ItemScore,
    Observation,
)
from observaties.selectors.report import Distribution, scale_distribution

Status = Observation.Status


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
    def settings(self):
        """The situations of the visits, in the order they first occur."""
        return list(dict.fromkeys(point.observation.get_setting_display() for point in self.points))

    @property
    def settings_differ(self):
        """Whether the visits were in more than one situation (play, a meal, …): then the trend
        does not compare like with like, and says so."""
        return len(self.settings) > 1

    @property
    def description(self):
        """The trend in words: the chart's text alternative."""
        return trend_description(self)

    @property
    def table(self):
        """The trend in numbers, for who would rather read a table than a chart."""
        return trend_table(self)


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
