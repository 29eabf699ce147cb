"""WSGI entry point for gunicorn: `gunicorn config.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Each worker forks its PDF renderer at start, while it holds no database connection yet.
from observaties.pdf import start_renderer  # noqa: E402

start_renderer()
