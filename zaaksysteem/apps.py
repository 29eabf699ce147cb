from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZaaksysteemConfig(AppConfig):
    name = "zaaksysteem"
    verbose_name = _("Koppeling met het zaaksysteem")

    def ready(self):
        from zaaksysteem import checks  # noqa: F401 - registers the checks
