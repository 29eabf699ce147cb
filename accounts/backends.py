"""The signed-in user of each request, read with what every page asks about that user."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef
from django_otp import device_classes

from accounts.roles import FUNCTIONAL_ADMIN_GROUP, PRIVACY_OFFICER_GROUP


class UserWithRolesBackend(ModelBackend):
    """Django's ModelBackend, except that the user of a request also carries its role groups and
    whether it has a second factor: read in the user's own query instead of one query each on
    every page (the two-factor rule, the menu and the access log all ask)."""

    def get_user(self, user_id):
        user_model = get_user_model()
        in_group = user_model.groups.through.objects.filter(user_id=OuterRef("pk"))
        flags = {
            "in_admin_group": Exists(in_group.filter(group__name=FUNCTIONAL_ADMIN_GROUP)),
            "in_privacy_group": Exists(in_group.filter(group__name=PRIVACY_OFFICER_GROUP)),
        }
        devices = [f"has_device_{index}" for index, _model in enumerate(device_classes())]
        for name, model in zip(devices, device_classes(), strict=True):
            flags[name] = Exists(model.objects.filter(user_id=OuterRef("pk"), confirmed=True))
        user = user_model._default_manager.annotate(**flags).filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        # Read by accounts.roles and accounts.two_factor, which query only when these are absent.
        user._group_names = {
            name
            for name, member in (
                (FUNCTIONAL_ADMIN_GROUP, user.in_admin_group),
                (PRIVACY_OFFICER_GROUP, user.in_privacy_group),
            )
            if member
        }
        user._has_device = any(getattr(user, name) for name in devices)
        return user
