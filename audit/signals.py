"""Login, logout, failed logins, lockouts, the two-factor steps and the organisation login's
refusals and back-channel logouts go into the access log; never a token."""

from axes.signals import user_locked_out
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.organisation import BACKEND as ORGANISATION_BACKEND
from accounts.signals import organisation_login_step, two_factor_step
from audit.log import Action, Outcome, record

_TWO_FACTOR = {
    "verified": (Action.OTP_VERIFIED, Outcome.ALLOWED),
    "failed": (Action.OTP_FAILED, Outcome.REFUSED),
    "enrolled": (Action.OTP_ENROLLED, Outcome.ALLOWED),
}


# How the log marks what the organisation login did; a login says whether the organisation's
# provider asserted a second factor ("organisatie-account:tweestaps").
ORGANISATION_TARGET = "organisatie-account"


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    target = ""
    if request is not None and request.session.get(BACKEND_SESSION_KEY) == ORGANISATION_BACKEND:
        mfa = getattr(user, "organisation_mfa", False)
        target = f"{ORGANISATION_TARGET}:tweestaps" if mfa else ORGANISATION_TARGET
    record(request, Action.LOGIN, user=user, target=target)


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


@receiver(organisation_login_step)
def _organisation_login_step(sender, request, step, reason="", username="", user=None, **kwargs):
    if step == "refused":
        record(
            request,
            Action.LOGIN_FAILED,
            outcome=Outcome.REFUSED,
            user=None,
            username=username,
            target=f"{ORGANISATION_TARGET}:{reason}",
        )
    elif step == "created":
        record(
            request,
            Action.ACCOUNT_CHANGED,
            user=user,
            subject_user_id=user.pk,
            target=f"{ORGANISATION_TARGET}:account-aangemaakt",
        )
    elif step == "logged-out":
        record(request, Action.LOGOUT, user=user, target=f"{ORGANISATION_TARGET}:uitgelogd")
