"""Login, logout, failed logins, lockouts and the two-factor steps go into the access log."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.signals import two_factor_step
from audit.log import Action, Outcome, record

_TWO_FACTOR = {
    "verified": (Action.OTP_VERIFIED, Outcome.ALLOWED),
    "failed": (Action.OTP_FAILED, Outcome.REFUSED),
    "enrolled": (Action.OTP_ENROLLED, Outcome.ALLOWED),
}


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(request, Action.LOGIN, user=user)


@receiver(two_factor_step)
def _two_factor_step(sender, request, step, target="", **kwargs):
    action, outcome = _TWO_FACTOR[step]
    record(request, action, outcome=outcome, **({"target": target} if target else {}))


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
