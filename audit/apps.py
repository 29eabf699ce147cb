from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Toegangslog")

    def ready(self):
        # Connect the receivers: logins and lockouts, and changes to accounts and rights.
        from audit import account_changes, signals  # noqa: F401
