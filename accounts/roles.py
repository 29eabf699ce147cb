"""Roles: the functional admin's permission group, kept in step with the models it maintains,
and what every request asks about its user (groups, team roles, second factor), read at once."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.utils.translation import gettext_lazy as _
from django_otp import device_classes

from accounts.models import Membership

# Nobody changes their own rights; both the admin's form and the access log's guard say so.
OWN_RIGHTS_REFUSED = _(
    "Je kunt je eigen rechten, groepen en teamlidmaatschappen niet wijzigen; vraag dat een "
    "andere beheerder."
)

FUNCTIONAL_ADMIN_GROUP = "Functioneel beheerder"
# Searches the access log of every team; holds no team role and sees no client data.
PRIVACY_OFFICER_GROUP = "Privacyfunctionaris"

# Functional admins maintain the checklist, users and teams, and nothing that holds client data.
FUNCTIONAL_ADMIN_PERMISSIONS = {
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
        # How staff log in with the organisation's account (OpenID Connect).
        "organisationlogin": ("change", "view"),
    },
    # The case system: its services and what is registered there (no client data).
    "zaaksysteem": {"casesystem": ("change", "view")},
    "zgw_consumers": {"service": ("add", "change", "view")},
    # Client applications of the read API: register, renew the secret, revoke.
    "api": {"apiclient": ("add", "change", "view")},
    # Lifting a login lockout is deleting the failed attempts that caused it.
    "axes": {"accessattempt": ("view", "delete")},
}


def functional_admin_permissions():
    perms = Permission.objects.none()
    for app_label, models in FUNCTIONAL_ADMIN_PERMISSIONS.items():
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
    """The user's group names, read once per request and kept on the user."""
    if not hasattr(user, "_group_names"):
        _read_roles(user)
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
        _read_roles(user)
    return user._team_roles


def has_second_factor(user):
    """Whether the user has set up a second factor (a confirmed device of any kind)."""
    if not hasattr(user, "_has_second_factor"):
        _read_roles(user)
    return user._has_second_factor


def _read_roles(user):
    """Groups, team roles and second factor in one plain query: every page asks all three, and
    the ORM took three times longer to write them as three queries than the database took to
    answer them."""
    sql = _roles_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk] * sql.count("%s"))
        rows = cursor.fetchall()
    user._group_names = {name for kind, name, _team, _role in rows if kind == "g"}
    user._team_roles = {team: role for kind, _name, team, role in rows if kind == "m"}
    user._has_second_factor = any(kind == "d" for kind, *_rest in rows)


@cache
def _roles_sql():
    """The query of _read_roles, its tables and columns taken from the models; each %s is the
    user's id."""
    quote = connection.ops.quote_name
    groups = get_user_model().groups.through._meta
    group_id = quote(groups.get_field("group").column)
    user_id = quote(groups.get_field(get_user_model()._meta.model_name).column)
    membership = Membership._meta
    devices = " OR ".join(
        f"EXISTS (SELECT 1 FROM {quote(model._meta.db_table)} "
        f"WHERE {quote(model._meta.get_field('user').column)} = %s AND {quote('confirmed')})"
        for model in device_classes()
    )
    return (
        f"SELECT 'g', g.{quote('name')}, NULL, NULL FROM {quote(Group._meta.db_table)} g "
        f"INNER JOIN {quote(groups.db_table)} ug ON ug.{group_id} = g.{quote('id')} "
        f"WHERE ug.{user_id} = %s "
        f"UNION ALL SELECT 'm', NULL, {quote(membership.get_field('team').column)}, "
        f"{quote('role')} FROM {quote(membership.db_table)} "
        f"WHERE {quote(membership.get_field('user').column)} = %s "
        f"UNION ALL SELECT 'd', NULL, NULL, NULL WHERE {devices}"
    )


def is_privacy_officer(user):
    return user.is_authenticated and PRIVACY_OFFICER_GROUP in _group_names(user)
