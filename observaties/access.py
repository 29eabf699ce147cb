"""Who may see or change which family and observation: every view asks here, nowhere else.

An outsider gets a 404 (they must not learn that a family exists); someone who may see but not
do gets a 403. Functional admins see no client data unless they also hold a team role.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy

from accounts.models import Membership, Team
from accounts.roles import team_roles
from observaties.models import Child, Family, Observation, SafetyConcern

# Refusals that a view and a service both give, worded once.
FAMILY_CLOSED = gettext_lazy("Dit gezin is afgesloten en kan niet meer worden gewijzigd.")
EDIT_REFUSED = gettext_lazy("Je kunt deze observatie niet (meer) wijzigen.")
DISCARD_REFUSED = gettext_lazy("Alleen een eigen concept dat nooit is ingediend kan weg.")
PARENT_SHEET_FINAL = gettext_lazy(
    "Het blad voor de ouder kan alleen de eigen medewerker aanpassen, tot de observatie is "
    "goedgekeurd."
)


def lead_team_ids(user):
    return {team for team, role in team_roles(user).items() if role == Membership.Role.TEAM_LEAD}


def member_team_ids(user):
    return set(team_roles(user))


def teams_for(user):
    """Teams in which the user may create families."""
    return Team.objects.filter(pk__in=member_team_ids(user))


def is_team_lead(user, team_id=None):
    leads = lead_team_ids(user)
    return bool(leads) if team_id is None else team_id in leads


def families_for(user):
    """Team leads see all families of their teams; professionals those they are assigned to."""
    roles = team_roles(user)
    if not roles:
        return Family.objects.none()
    assigned = Family.professionals.through.objects.filter(user_id=user.pk).values("family_id")
    return Family.objects.filter(
        Q(team_id__in=lead_team_ids(user)) | Q(team_id__in=list(roles), pk__in=assigned)
    )


def _sees(user, family):
    """The rule of families_for, for one family already read: a page reads its family, child or
    observation by key and asks this, which costs less than filtering by families_for."""
    if family.team_id in lead_team_ids(user):
        return True
    return (
        family.team_id in member_team_ids(user)
        and Family.professionals.through.objects.filter(
            user_id=user.pk, family_id=family.pk
        ).exists()
    )


def get_family_for(user, pk, *, edit=False):
    family = Family.objects.select_related("team").filter(pk=pk).first()
    if family is None or not _sees(user, family):
        raise Http404
    if edit and family.is_closed:
        raise PermissionDenied(FAMILY_CLOSED)
    return family


def get_child_for(user, pk):
    child = Child.objects.select_related("family__team").filter(pk=pk).first()
    if child is None or not _sees(user, child.family):
        raise Http404
    return child


def observations_for(user):
    return Observation.objects.filter(child__family__in=families_for(user))


def get_observation_for(user, pk, *, edit=False, discard=False):
    """The observation if the user may see it; with edit, only its author while it is open; with
    discard, only its author while it is a draft never handed in."""
    observation = (
        Observation.objects.select_related("child__family__team", "professional", "version")
        .filter(pk=pk)
        .first()
    )
    if observation is None or not _sees(user, observation.child.family):
        raise Http404
    if edit and not can_edit_observation(user, observation):
        raise PermissionDenied(EDIT_REFUSED)
    if discard and not can_discard(user, observation):
        raise PermissionDenied(DISCARD_REFUSED)
    return observation


def can_edit_observation(user, observation):
    return (
        observation.professional_id == user.pk
        and observation.is_editable_status
        and not observation.child.family.is_closed
    )


def can_edit_parent_sheet(user, observation):
    """Its author words the sheet for the parent until the team lead approves the observation
    (also while it waits for review: the sheet is often finished after talking with the parent)."""
    return (
        observation.professional_id == user.pk
        and observation.status != Observation.Status.APPROVED
        and not observation.child.family.is_closed
    )


def can_discard(user, observation):
    """Only its author discards a draft, and only one never handed in, in an open family."""
    return (
        observation.professional_id == user.pk
        and observation.status == Observation.Status.DRAFT
        and not observation.child.family.is_closed
    )


def can_review(user, observation):
    """A team lead of the family's team reviews, never their own observation (four eyes)."""
    return (
        observation.status == Observation.Status.SUBMITTED
        and is_team_lead(user, observation.child.family.team_id)
        and observation.professional_id != user.pk
    )


def can_reopen(user, observation):
    return (
        observation.status == Observation.Status.APPROVED
        and is_team_lead(user, observation.child.family.team_id)
        and not observation.child.family.is_closed
    )


def get_concern_for(user, pk):
    """A safety concern, for who sees the child's family: its professionals and team leads.
    Functional admins never see one (they hold no team role)."""
    concern = SafetyConcern.objects.select_related("child__family__team").filter(pk=pk).first()
    if concern is None or not _sees(user, concern.child.family):
        raise Http404
    return concern


def get_lead_team_for(user, pk):
    """A team whose overview the user may see: only as its team lead."""
    if pk not in lead_team_ids(user):
        raise Http404
    return Team.objects.get(pk=pk)
