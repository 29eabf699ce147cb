"""The start page, the family page and the team overview."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from hechting.models import Condition
from observaties import access
from observaties.models import (
    Agreement,
    AgreementFollowUp,
    Child,
    ContextAnswer,
    Family,
    Observation,
)
from observaties.selectors.child_report import current_scale_labels
from observaties.selectors.deliveries import failed_deliveries
from observaties.selectors.lists import cut
from observaties.selectors.safety import open_concerns
from observaties.selectors.trends import _trends

# How many rows each list of the dashboard shows before it says how many more there are.
DASHBOARD_LIMITS = {
    "zorgen": 100,
    "beoordelen": 100,
    "concepten": 50,
    "afspraken": 100,
    "registraties": 100,
}

Status = Observation.Status


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
        "failed_deliveries": (
            failed_deliveries(leads, limit=limits["registraties"]) if leads else []
        ),
        "quiet_days": settings.SAFETY_CONCERN_QUIET_DAYS,
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
        "lasting_stress_idle": list(
            {row.family.pk: row.family for row in stress if not row.help_in_progress}.values()
        ),
        "lasting_stress_days": STRESS_WITHOUT_ACTION_DAYS,
        "scale_labels": [label for _position, label in labels],
        "overdue_families": list({child.family.pk: child.family for child in overdue}.values()),
    }


STRESS_WITHOUT_ACTION_DAYS = 90


@dataclass(frozen=True)
class StressStep:
    """The latest thing known to be under way on a stress factor, and when it was recorded."""

    text: str
    on: date


@dataclass
class LastingStress:
    """A stress factor that has had no completed action for longer than the limit, with what is
    under way on it, if anything: help by others, or an action of ours still going on."""

    family: Family
    child_id: int
    factor: str
    since: date  # the first visit of the unbroken run of "ja", or the last action done since
    days: int
    under_way: StressStep | None = None  # None: nothing is under way

    @property
    def help_in_progress(self) -> bool:
        return self.under_way is not None


def lasting_stress(families, *, today) -> list[LastingStress]:
    """The stress factors of `families` that had no action completed for more than 90 days.

    A factor plays when the child's latest handed-in or approved visit answers it "ja"; it has
    played since the first visit of that unbroken run of "ja" answers (factors are matched by
    code across checklist versions). The clock restarts at each later visit that records an
    action on it as done. Each row says what is under way: the help by others recorded at the
    latest visit, or an action not done or stopped, with its latest step; or nothing. Four
    queries, whatever the number of families.
    """
    handed_in = [Status.SUBMITTED, Status.APPROVED]
    visits = defaultdict(list)  # child: [(visit date, observation id, family id)] oldest first
    for pk, child_id, family_id, visit_date in (
        Observation.objects.filter(child__family__in=families, status__in=handed_in)
        .order_by("visit_date", "pk")
        .values_list("pk", "child_id", "child__family_id", "visit_date")
    ):
        visits[child_id].append((visit_date, pk, family_id))
    answers = defaultdict(dict)  # observation: {code: (answer, label, already under way by)}
    for observation_id, code, label, answer, by in ContextAnswer.objects.filter(
        observation__child__family__in=families, observation__status__in=handed_in
    ).values_list("observation_id", "factor__code", "factor__label", "answer", "underway_by"):
        answers[observation_id][code] = (answer, label, by)
    actions = defaultdict(list)  # (child, code): [[agreed on, what, latest follow-up or None]]
    by_pk = {}
    for pk, child_id, code, what, agreed_on in (
        Agreement.objects.filter(
            factor__isnull=False,
            observation__child__family__in=families,
            observation__status__in=handed_in,
        )
        .order_by("observation__visit_date", "pk")
        .values_list(
            "pk", "observation__child_id", "factor__code", "what", "observation__visit_date"
        )
    ):
        by_pk[pk] = [agreed_on, what, None]
        actions[child_id, code].append(by_pk[pk])
    for agreement_id, outcome, note, on in (
        AgreementFollowUp.objects.filter(
            agreement_id__in=list(by_pk), observation__status__in=handed_in
        )
        .order_by("observation__visit_date", "pk")
        .values_list("agreement_id", "outcome", "note", "observation__visit_date")
    ):
        by_pk[agreement_id][2] = (outcome, note, on)
    families_by_pk = {family.pk: family for family in families}
    lasting = []
    for child_id, child_visits in visits.items():
        latest = child_visits[-1]
        for code, (answer, label, by) in answers[latest[1]].items():
            if answer != ContextAnswer.Answer.YES:
                continue
            since = latest[0]
            for visit_date, pk, _family in reversed(child_visits):
                if answers[pk].get(code, ("",))[0] != ContextAnswer.Answer.YES:
                    break
                since = visit_date
            done = [
                follow_up[2]
                for _agreed, _what, follow_up in actions[child_id, code]
                if follow_up and follow_up[0] == AgreementFollowUp.Outcome.DONE
            ]
            since = max([since, *(d for d in done if d >= since)])
            days = (today - since).days
            if days > STRESS_WITHOUT_ACTION_DAYS:
                family = families_by_pk[latest[2]]
                under_way = _under_way(actions[child_id, code], by, latest[0])
                lasting.append(LastingStress(family, child_id, label, since, days, under_way))
    return sorted(
        lasting,
        key=lambda row: (row.help_in_progress, -row.days, row.family.case_reference, row.factor),
    )


def _under_way(actions, by, latest_visit) -> StressStep | None:
    """The latest step under way: help by others recorded at the latest visit, or the latest
    follow-up (or the agreeing) of an action not done or stopped."""
    steps = []
    if by:
        steps.append(StressStep(_("al in gang: %(by)s") % {"by": by}, latest_visit))
    for agreed_on, what, follow_up in actions:
        if follow_up is None:
            steps.append(StressStep(_("actie afgesproken: %(what)s") % {"what": what}, agreed_on))
        elif follow_up[0] not in AgreementFollowUp.CLOSING:
            _outcome, note, on = follow_up
            text = _("actie loopt nog: %(what)s") % {"what": what}
            steps.append(StressStep(f"{text} ({note})" if note else text, on))
    return max(steps, key=lambda step: step.on, default=None)
