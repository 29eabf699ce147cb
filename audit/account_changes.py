"""Changes to accounts and rights go into the access log, and nobody changes their own.

Whoever changes a user's groups, team memberships, active, staff or superuser flags, sets their
password or removes their second factor, through the admin or any other page, leaves a row: who,
whose account (`subject_user_id`), what. Nobody may change their own memberships, groups or flags
through a request: a functional admin cannot make themselves a team lead or privacy officer.
Management commands and the shell have no request; they are the operator's, outside the app.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership, OrganisationLogin
from accounts.roles import OWN_RIGHTS_REFUSED
from audit.context import acting_user, current_request
from audit.log import Action, record

User = get_user_model()
FLAGS = ("is_active", "is_staff", "is_superuser", "local_login")


def _log(action, subject_id, target, *, team_id=None):
    """One row for a change made in a request; the operator's commands and shell have none."""
    actor = acting_user()
    if actor is None:
        return
    record(
        current_request(),
        action,
        user=actor,
        subject_user_id=subject_id,
        team_id=team_id,
        target=target,
    )


def _refuse_own(subject_id):
    actor = acting_user()
    if actor is not None and actor.pk == subject_id:
        raise PermissionDenied(OWN_RIGHTS_REFUSED)


@receiver(pre_save, sender=User)
def _before_user_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or acting_user() is None:
        return  # fixtures, management commands and the shell are the operator's
    if update_fields is not None and not {"password", *FLAGS} & set(update_fields):
        return  # the login's last_login, for instance: nothing to compare
    before = (
        User.objects.filter(pk=instance.pk).values("password", *FLAGS).first()
        if instance.pk
        else None
    )
    instance._before_save = before
    if before is not None and any(before[flag] != getattr(instance, flag) for flag in FLAGS):
        _refuse_own(instance.pk)
    set_by_someone_else = acting_user().pk != instance.pk and (
        before is None or before["password"] != instance.password
    )
    if set_by_someone_else and instance.has_usable_password():
        instance.must_choose_password = True
        instance.password_set_by_id = acting_user().pk
        instance.password_set_at = timezone.now()


@receiver(post_save, sender=User)
def _after_user_save(sender, instance, created, raw=False, **kwargs):
    if "_before_save" not in instance.__dict__:
        return  # not compared before saving: nothing of interest changed
    before = instance.__dict__.pop("_before_save")
    if created:
        _log(Action.ACCOUNT_CHANGED, instance.pk, "account-aangemaakt")
    for flag in FLAGS:
        was = before[flag] if before is not None else False
        if getattr(instance, flag) != was:
            state = "aan" if getattr(instance, flag) else "uit"
            _log(Action.ACCOUNT_CHANGED, instance.pk, f"{flag}:{state}")
    changed = before is None or before["password"] != instance.password
    if changed and acting_user().pk != instance.pk:
        usable = instance.has_usable_password()
        _log(Action.PASSWORD_SET, instance.pk, "wachtwoord" if usable else "wachtwoord-uit")


@receiver(m2m_changed, sender=User.groups.through)
def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("pre_add", "pre_remove", "pre_clear", "post_add", "post_remove"):
        return
    if action == "pre_clear":
        # Clearing tells the ids only before it happens.
        pairs = (
            [(instance.pk, group) for group in instance.groups.values_list("pk", flat=True)]
            if not reverse
            else [(user, instance.pk) for user in instance.user_set.values_list("pk", flat=True)]
        )
        for user_id, _group in pairs:
            _refuse_own(user_id)
        for user_id, group_id in pairs:
            _log_group(user_id, group_id, "verwijderd")
        return
    pairs = (
        [(instance.pk, group) for group in pk_set or ()]
        if not reverse
        else [(user, instance.pk) for user in pk_set or ()]
    )
    if action.startswith("pre_"):
        for user_id, _group in pairs:
            _refuse_own(user_id)
        return
    for user_id, group_id in pairs:
        _log_group(user_id, group_id, "toegevoegd" if action == "post_add" else "verwijderd")


def _log_group(user_id, group_id, change):
    if acting_user() is None:
        return  # no row to write, so no name to look up
    name = Group.objects.filter(pk=group_id).values_list("name", flat=True).first() or group_id
    _log(Action.GROUP_CHANGED, user_id, f"{name}:{change}")


@receiver(pre_save, sender=Membership)
def _before_membership_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    _refuse_own(instance.user_id)
    if instance.pk:
        before = Membership.objects.filter(pk=instance.pk).values("user_id", "team_id").first()
        if before is not None:
            _refuse_own(before["user_id"])


@receiver(post_save, sender=Membership)
def _after_membership_save(sender, instance, created, raw=False, **kwargs):
    if not raw:
        _log_membership(instance, "toegevoegd" if created else "gewijzigd")


@receiver(pre_delete, sender=Membership)
def _before_membership_delete(sender, instance, **kwargs):
    _refuse_own(instance.user_id)


@receiver(post_delete, sender=Membership)
def _after_membership_delete(sender, instance, **kwargs):
    _log_membership(instance, "verwijderd")


def _log_membership(membership, change):
    """Logged with the team, so that its team leads see who joined or left it, in which role."""
    _log(
        Action.MEMBERSHIP_CHANGED,
        membership.user_id,
        f"{membership.role}:{change}",
        team_id=membership.team_id,
    )


@receiver(post_delete, sender=TOTPDevice)
@receiver(post_delete, sender=StaticDevice)
def _device_removed(sender, instance, **kwargs):
    """A second factor removed in the admin: the user must set it up again at the next login."""
    actor = acting_user()
    if actor is None or actor.pk == instance.user_id:
        return
    _log(Action.OTP_RESET, instance.user_id, sender._meta.model_name)


@receiver(post_save, sender=OrganisationLogin)
def _organisation_login_changed(sender, instance, created, raw=False, **kwargs):
    """Who may log in how: a change to it is a change to everyone's access. Opening its admin
    page makes the row, switched off, the first time; that changes nothing."""
    if not raw and not (created and not instance.enabled):
        _log(Action.ACCOUNT_CHANGED, None, "organisatie-inloggen-gewijzigd")
