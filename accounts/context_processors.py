from django.conf import settings

from accounts.models import Membership
from accounts.roles import is_functional_admin, is_privacy_officer, team_roles


def organisation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"organisation_name": settings.ORGANISATION_NAME}
    roles = team_roles(user)
    return {
        "organisation_name": settings.ORGANISATION_NAME,
        "has_team": bool(roles),
        "can_read_access_log": Membership.Role.TEAM_LEAD in roles.values()
        or is_privacy_officer(user)
        or (settings.AUDIT_LOG_FOR_FUNCTIONAL_ADMIN and is_functional_admin(user)),
    }
