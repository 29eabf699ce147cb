from django.conf import settings

from accounts.roles import team_roles


def organisation(request):
    user = getattr(request, "user", None)
    return {
        "organisation_name": settings.ORGANISATION_NAME,
        "has_team": bool(user is not None and team_roles(user)),
    }
