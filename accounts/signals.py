"""What a login does to the session, and what accounts tells the access log without importing it
(imports run one way: audit builds on accounts, never the other way round)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import Signal, receiver
from django.utils import timezone

# When the session's user logged in: the absolute session lifetime counts from it.
LOGIN_AT_SESSION_KEY = "hechtingswijzer_login_at"

# Sent at each step of the two-factor login with `request` and `step` ("verified", "failed" or
# "enrolled"), and `target` when it is about the recovery codes. The access log records it.
two_factor_step = Signal()

# Sent by the organisation login (accounts/organisation_views.py) with `request` and `step`:
# "refused" with `reason` (a code of accounts.organisation.MESSAGES) and the `username` the
# provider named, if any; "created" and "logged-out" (by the provider) with `user`.
organisation_login_step = Signal()


@receiver(user_logged_in, dispatch_uid="accounts-login-at")
def _remember_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_SESSION_KEY] = timezone.now().timestamp()
