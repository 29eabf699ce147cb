from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from zgw_consumers.apps import ZgwConsumersConfig


class ZaaksysteemConfig(AppConfig):
    default = True  # this module also holds ServicesConfig, named in the settings
    name = "zaaksysteem"
    verbose_name = _("Koppeling met het zaaksysteem")

    def ready(self):
        from zaaksysteem import checks  # noqa: F401 - registers the checks


class ServicesConfig(ZgwConsumersConfig):
    """zgw-consumers, whose services are the case system's APIs, with a Dutch name in the admin's
    sidebar (its own is its label, 'ZGW_CONSUMERS')."""

    default = False
    verbose_name = _("API's van het zaaksysteem")
