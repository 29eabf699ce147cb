"""Safety concerns as pages and lists show them."""

from dataclasses import dataclass

from django.utils import timezone

from hechting.selectors import version_content
from observaties.models import (
    SafetyAssessment,
    SafetyConcern,
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


@dataclass
class OpenConcern:
    """A safety concern still open, as the team lead's dashboard lists it."""

    concern: SafetyConcern
    days_open: int
    latest: SafetyAssessment | None  # its part at the latest visit that recorded one

    @property
    def step(self):
        return self.latest.step if self.latest else None


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
