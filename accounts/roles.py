"""The functional admin role: a permission group kept in step with the models it maintains."""

from django.contrib.auth.models import Group, Permission

FUNCTIONAL_ADMIN_GROUP = "Functioneel beheerder"
# Searches the access log of every team; holds no team role and sees no client data.
PRIVACY_OFFICER_GROUP = "Privacyfunctionaris"

# Functional admins maintain the checklist, users and teams, and nothing that holds client data.
_FUNCTIONAL_ADMIN_PERMISSIONS = {
    "hechting": {
        "checklistversion": ("add", "change", "delete", "view"),
        "behaviouritem": ("add", "change", "delete", "view"),
        "scaleoption": ("add", "change", "delete", "view"),
        "contextfactor": ("add", "change", "delete", "view"),
        "conditioncontent": ("add", "change", "delete", "view"),
        "condition": ("view",),
    },
    "accounts": {
        "user": ("add", "change", "view"),
        "team": ("add", "change", "view"),
        "membership": ("add", "change", "delete", "view"),
    },
    # Lifting a login lockout is deleting the failed attempts that caused it.
    "axes": {"accessattempt": ("view", "delete")},
}


def functional_admin_permissions():
    perms = Permission.objects.none()
    for app_label, models in _FUNCTIONAL_ADMIN_PERMISSIONS.items():
        for model, actions in models.items():
            perms |= Permission.objects.filter(
                content_type__app_label=app_label,
                content_type__model=model,
                codename__in=[f"{action}_{model}" for action in actions],
            )
    return perms


def ensure_functional_admin_group(**kwargs):
    """Create or update the group after every migrate, when all permissions exist."""
    group, _created = Group.objects.get_or_create(name=FUNCTIONAL_ADMIN_GROUP)
    group.permissions.set(functional_admin_permissions())
    Group.objects.get_or_create(name=PRIVACY_OFFICER_GROUP)


def _group_names(user):
    """The user's role groups, read once per request and kept on the user (or read with the
    user itself: accounts.backends)."""
    if not hasattr(user, "_group_names"):
        user._group_names = set(user.groups.values_list("name", flat=True))
    return user._group_names


def is_functional_admin(user):
    return user.is_authenticated and (
        user.is_superuser or FUNCTIONAL_ADMIN_GROUP in _group_names(user)
    )


def team_roles(user):
    """The user's team roles as {team_id: role}, read once per request and kept on the user."""
    if not user.is_authenticated:
        return {}
    if not hasattr(user, "_team_roles"):
        user._team_roles = dict(user.memberships.values_list("team_id", "role"))
    return user._team_roles


def is_privacy_officer(user):
    return user.is_authenticated and PRIVACY_OFFICER_GROUP in _group_names(user)
