from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservatiesConfig(AppConfig):
    name = "observaties"
    verbose_name = _("Observaties")

    def ready(self):
        from observaties import checks  # noqa: F401 - registers the checks
