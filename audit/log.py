"""Writing the access log: one call per event, in the request's own transaction."""

import ipaddress

from django.conf import settings

from accounts.models import Membership
from accounts.roles import is_functional_admin, team_roles
from audit.models import AccessEvent

Action = AccessEvent.Action
Outcome = AccessEvent.Outcome


# How a read through the API names its client application in the log.
API_USERNAME_PREFIX = "api:"
API_ROLE = "api-client"

# The columns' range: a number asked for in a URL may be larger, and is then not stored.
_LARGEST_ID = 2**63 - 1


def client_ip(request):
    """The client's address: the proxy's X-Forwarded-For hop only when we sit behind one.

    None when that is not an address: the proxy appends the address it saw, so anything else
    there means the request did not come through it, and it must not become a database error.
    """
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            address = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def stored_id(number):
    """A number asked for in a URL as the log can store it: None beyond the columns' range."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= _LARGEST_ID else None


def attempted_username(request, credentials):
    """The name a login attempt used, cut to what an account name can be (150 characters)."""
    name = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(name)[:150]


def role_of(user, team_id=None):
    if user is None or not user.is_authenticated:
        return ""
    roles = team_roles(user)
    if team_id in roles:
        return roles[team_id]
    if Membership.Role.TEAM_LEAD in roles.values():
        return Membership.Role.TEAM_LEAD
    if roles:
        return Membership.Role.PROFESSIONAL
    return "beheerder" if is_functional_admin(user) else ""


def record(request, action, **fields):
    """Append one event (the fields as `event_fields` takes them). Pass identifiers and names of
    pages, never text a user typed."""
    return AccessEvent.objects.create(**event_fields(request, action, **fields))


def event_fields(
    request,
    action,
    *,
    outcome=Outcome.ALLOWED,
    user=None,
    family=None,
    observation=None,
    family_id=None,
    observation_id=None,
    team_id=None,
    subject_user_id=None,
    target="",
    username="",
    api_client=None,
):
    """The columns of one event, for `record` or for several rows written at once."""
    user = user if user is not None else getattr(request, "user", None)
    # A client application is no user, whatever stands in for one on its request.
    known = api_client is None and user is not None and user.is_authenticated
    if api_client is not None:
        username = f"{API_USERNAME_PREFIX}{api_client.name}"
    if observation is not None and family is None:
        family = observation.child.family
    team_id = family.team_id if family is not None else team_id
    family_id, observation_id, team_id = map(stored_id, (family_id, observation_id, team_id))
    if family is not None:
        family_id = family.pk
    if observation is not None:
        observation_id = observation.pk
    return {
        "user_id": user.pk if known else None,
        "username": user.get_username() if known else username[:150],
        "role": role_of(user, team_id) if known else (API_ROLE if api_client is not None else ""),
        "action": action,
        "outcome": outcome,
        "team_id": team_id,
        "family_id": family_id,
        "observation_id": observation_id,
        "subject_user_id": subject_user_id,
        "target": target[:80],
        "ip_address": client_ip(request),
        "api_client_id": api_client.pk if api_client is not None else None,
    }
