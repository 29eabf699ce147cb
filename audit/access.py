"""Who may read the access log, and which part of it."""

from django.conf import settings
from django.http import Http404

from accounts.models import Membership
from accounts.roles import is_functional_admin, is_privacy_officer, team_roles
from audit.models import AccessEvent


def events_for(user):
    """Privacy officers (and functional admins, by setting) see all; team leads their teams."""
    if is_privacy_officer(user) or (
        settings.AUDIT_LOG_FOR_FUNCTIONAL_ADMIN and is_functional_admin(user)
    ):
        return AccessEvent.objects.all()
    lead_teams = [
        team for team, role in team_roles(user).items() if role == Membership.Role.TEAM_LEAD
    ]
    if lead_teams:
        return AccessEvent.objects.filter(team_id__in=lead_teams)
    raise Http404
