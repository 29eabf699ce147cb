from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HechtingConfig(AppConfig):
    name = "hechting"
    verbose_name = _("Checklist veilige hechting")

    def ready(self):
        from hechting import checks  # noqa: F401 - registers the checks
