from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True  # this module also holds LoginAttemptsConfig, named in the settings
    name = "accounts"
    verbose_name = _("Gebruikers en teams")

    def ready(self):
        from accounts import chosen_password, organisation, signals  # noqa: F401 - their receivers
        from accounts.roles import ensure_functional_admin_group

        # Not limited to this app's signal: the permissions of apps migrated after this one
        # only exist once their own post_migrate has run.
        post_migrate.connect(ensure_functional_admin_group, dispatch_uid="functional-admin-group")


class LoginAttemptsConfig(AxesConfig):
    """django-axes, with a Dutch name in the admin's sidebar (its own is 'Axes')."""

    default = False
    verbose_name = _("Inlogpogingen")
