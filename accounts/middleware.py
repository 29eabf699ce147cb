"""Session rules that hold for every request: the steps before anything else (two-factor where
required, an own password where someone else set one), absolute lifetime."""

import time
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from accounts.organisation import SESSION_KEY as ORGANISATION_SESSION_KEY
from accounts.signals import LOGIN_AT_SESSION_KEY
from accounts.two_factor import requires_two_factor

# Reachable before the second factor: the steps themselves, logging out, language and assets.
_OPEN_PREFIXES = ("/tweestaps/", "/uitloggen/", "/i18n/", "/static/", "/gezond/")


RENEWED_AT_SESSION_KEY = "hechtingswijzer_renewed_at"


@cache
def _status_path():
    return reverse("session-status")


@cache
def _choose_path():
    return reverse("password-choose")


def _renewed_at(session, started):
    # Logging in saved the session, so that counts as the first renewal.
    return session.get(RENEWED_AT_SESSION_KEY, started)


def seconds_left(session) -> int:
    """Until a signed-in session ends, idle or at its absolute age, if nothing renews it."""
    started = session[LOGIN_AT_SESSION_KEY]  # the middleware ended any session without it
    ends = min(
        _renewed_at(session, started) + settings.SESSION_COOKIE_AGE,
        started + settings.SESSION_ABSOLUTE_AGE,
    )
    return max(0, int(ends - time.time()))


class SessionLifetimeMiddleware:
    """Ends a session ten hours (SESSION_ABSOLUTE_AGE) after login, however active it was, and
    keeps an active one from idling out.

    The idle expiry moves on at most once per SESSION_RENEW_SECONDS rather than with a database
    write on every request, so a session idles out between SESSION_COOKIE_AGE minus that
    interval and SESSION_COOKIE_AGE after the last request: never later. Asking how long the
    session has left (session-status) does not renew it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.get(LOGIN_AT_SESSION_KEY)
            if started is None or now - started > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
                return redirect_to_login(request.get_full_path())
            renewed = _renewed_at(session, started)
            if now - renewed >= settings.SESSION_RENEW_SECONDS and request.path != _status_path():
                session[RENEWED_AT_SESSION_KEY] = now  # saved with a new expiry date
        return self.get_response(request)


class RequiredStepsMiddleware:
    """Steps a signed-in user takes before anything else, in this order: the second factor where
    it is required, then a password of their own where someone else set it
    (accounts/chosen_password.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path.startswith(_OPEN_PREFIXES):
            if not user.is_verified() and requires_two_factor(user, request.session):
                target = reverse("two-factor-verify")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
            # A password someone else set is replaced at the next password login; an
            # organisation login did not use it.
            if (
                user.must_choose_password
                and request.path != _choose_path()
                and ORGANISATION_SESSION_KEY not in request.session
            ):
                return redirect(_choose_path())
        return self.get_response(request)
