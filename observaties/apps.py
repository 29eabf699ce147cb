from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservatiesConfig(AppConfig):
    name = "observaties"
    verbose_name = _("Observaties")

    def ready(self):
        from audit.middleware import register_refusals
        from audit.roles import register_runtime_grants
        from hechting.signals import version_withdrawn
        from observaties import access_log, checks, db_roles  # noqa: F401 - registers the checks
        from observaties.selectors.deliveries import delivery_status
        from zaaksysteem.admin import register_delivery_status

        register_refusals(
            "observaties", attempted=access_log.attempted_action, named=access_log.named_object
        )
        register_runtime_grants(db_roles.runtime_grants)
        register_delivery_status(delivery_status)
        version_withdrawn.connect(_archive_addenda, dispatch_uid="observaties-addenda")


def _archive_addenda(sender, version, **kwargs):
    """A withdrawn version's addenda are made in the background (or here, without a broker)."""
    from observaties import tasks

    tasks.archive_addenda.delay(version.pk)
