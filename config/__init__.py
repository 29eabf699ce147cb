"""Project configuration; the Celery app is loaded with Django so that `delay` uses it."""

from config.celery import app as celery_app

__all__ = ["celery_app"]
