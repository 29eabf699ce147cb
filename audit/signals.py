"""Login, logout, failed logins and lockouts go into the access log."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from audit.log import Action, Outcome, record

LOGIN_AT_SESSION_KEY = "hechtingswijzer_login_at"


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_SESSION_KEY] = timezone.now().timestamp()
    record(request, Action.LOGIN, user=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(request, Action.LOGOUT, user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # The attempted name is kept: it identifies an account, and lockouts are per account.
    record(
        request,
        Action.LOGIN_FAILED,
        outcome=Outcome.REFUSED,
        user=None,
        username=str(credentials.get("username", "")),
    )


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(request, Action.LOCKED_OUT, outcome=Outcome.REFUSED, user=None, username=username or "")
