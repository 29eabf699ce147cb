"""The Celery application: background work on Redis (see CELERY_* in settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("hechtingswijzer")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
