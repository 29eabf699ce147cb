from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API voor cliëntdossiers")

    def ready(self):
        from api import checks  # noqa: F401 - registers the checks
