"""Safety concerns as pages and lists show them."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone

from hechting.selectors import version_content
from observaties.models import (
    SafetyAssessment,
    SafetyConcern,
    SafetyConsultation,
)
from observaties.selectors.lists import Cut, cut


def open_concern(child) -> SafetyConcern | None:
    """The child's safety concern that is still open, if any (there is at most one)."""
    return child.safety_concerns.filter(closed_on__isnull=True).order_by("-pk").first()


def _carried_assessment(observation):
    """Where the child's open concern stood at its latest part from another visit, in one
    query (a child has at most one open concern)."""
    return (
        SafetyAssessment.objects.filter(
            concern__child_id=observation.child_id, concern__closed_on__isnull=True
        )
        .exclude(observation=observation)
        .select_related("concern")
        .order_by("-concern_id", "-observation__visit_date", "-observation_id")
        .first()
    )


def observation_safety(observation) -> SafetyAssessment | None:
    """The observation's own part of a safety concern, with the concern, if it has one."""
    if not observation.asks_safety:
        return None
    return (
        SafetyAssessment.objects.filter(observation=observation).select_related("concern").first()
    )


def own_concern_id(observation) -> int | None:
    """The concern the observation's own part belongs to, if it has recorded one."""
    return (
        SafetyAssessment.objects.filter(observation=observation)
        .values_list("concern_id", flat=True)
        .first()
    )


def earlier_consultations(concern_id, observation) -> list[SafetyConsultation]:
    """The concern's consultations recorded at visits other than `observation`, in order."""
    return list(
        SafetyConsultation.objects.filter(assessment__concern_id=concern_id).exclude(
            assessment__observation=observation
        )
    )


def concern_consultations(concern, *, until=None) -> list[SafetyConsultation]:
    """Every consultation of the concern in order of date; with `until` (an observation), those
    recorded at that visit or at visits before it."""
    consultations = SafetyConsultation.objects.filter(assessment__concern=concern)
    if until is not None:
        consultations = consultations.filter(
            assessment__observation__visit_date__lte=until.visit_date
        )
    return list(consultations)


@dataclass
class OpenConcern:
    """A safety concern still open, as the team lead's dashboard lists it: its step, its age and
    the next contact with the family, marked when that contact has passed or when no new step
    was recorded for `settings.SAFETY_CONCERN_QUIET_DAYS` days. Facts, not a verdict."""

    concern: SafetyConcern
    days_open: int
    latest: SafetyAssessment | None  # its part at the latest visit that recorded one
    today: date
    last_step_on: date | None = None  # the newest date a step was reached

    @property
    def step(self):
        return self.latest.step if self.latest else None

    @property
    def next_contact(self) -> date | None:
        return self.latest.observation.next_visit if self.latest else None

    @property
    def contact_passed(self) -> bool:
        """No next contact planned, or its date has passed."""
        return self.next_contact is None or self.next_contact < self.today

    @property
    def quiet_days(self) -> int:
        """Days since the last new step (since opening, when none has a date)."""
        return (self.today - (self.last_step_on or self.concern.opened_on)).days

    @property
    def quiet(self) -> bool:
        return self.quiet_days > settings.SAFETY_CONCERN_QUIET_DAYS

    @property
    def marked(self) -> bool:
        return self.contact_passed or self.quiet


def open_concerns(team_ids, *, today, limit=None):
    """The open safety concerns of `team_ids`' families, longest open first, in two queries."""
    concerns = cut(
        SafetyConcern.objects.filter(closed_on__isnull=True, child__family__team_id__in=team_ids)
        .select_related("child__family")
        .order_by("opened_on", "pk"),
        limit,
        "zorgen",
    )
    latest, stepped = {}, {}
    for assessment in (
        SafetyAssessment.objects.filter(concern__in=concerns)
        .select_related("observation")
        .order_by("observation__visit_date", "observation_id")
    ):
        latest[assessment.concern_id] = assessment
        if assessment.step_on is not None:
            stepped[assessment.concern_id] = max(
                assessment.step_on, stepped.get(assessment.concern_id, assessment.step_on)
            )
    return Cut(
        [
            OpenConcern(
                concern,
                (today - concern.opened_on).days,
                latest.get(concern.pk),
                today,
                stepped.get(concern.pk),
            )
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
        "consultations": concern_consultations(concern),
        "days_open": ((concern.closed_on or timezone.localdate()) - concern.opened_on).days,
    }
