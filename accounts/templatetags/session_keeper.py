"""The notice and settings that static/js/session-keeper.js needs on a page with a long form."""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("accounts/_session_keeper.html")
def session_keeper():
    return {
        "idle_seconds": settings.SESSION_COOKIE_AGE,
        "renew_seconds": settings.SESSION_RENEW_SECONDS,
    }
