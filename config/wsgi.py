"""WSGI entry point for gunicorn: `gunicorn config.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Everything loaded at start lives as long as the worker. Frozen, it is skipped by the garbage
# collector's full passes, which otherwise walk all of Django during some request: those were
# the slowest requests under load (p99 about 1.5 times lower with this).
gc.collect()
gc.freeze()

# Each worker forks its PDF renderer at start, while it holds no database connection yet.
from observaties.documents.pdf import start_renderer  # noqa: E402

start_renderer()
