from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares; an app only for its template tags (the error summary)."""

    name = "core"
    verbose_name = "Hechtingswijzer"
