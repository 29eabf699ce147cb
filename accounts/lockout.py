"""Login lockout that an attacker cannot turn against someone else (OWASP ASVS 5.0 V6.1.1, V6.3).

django-axes counts failures per combination of user name and address: five wrong passwords for
one account from one address lock that pair, not the account, so knowing a team lead's user name
is not enough to keep them out, and a colleague behind the same office address is not locked out
by someone else's mistakes.

Names that are no account (guessing user names, spraying one password over many names) are
throttled per address on their own: after LOGIN_ADDRESS_NAME_LIMIT different unknown names from
one address within LOGIN_UNKNOWN_NAME_MINUTES, that address gets the lockout page for every
unknown name until the window has passed, while every real account behind it still logs in. One
person in an office that shares an address can therefore no longer lock all colleagues out.
"""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone


class LockoutHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or self._unknown_name_throttled(
            request, credentials
        )

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if (
            request is not None
            and not getattr(request, "axes_locked_out", False)
            and self._unknown_name_throttled(request, credentials)
        ):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes", request=request, username=None, ip_address=request.axes_ip_address
            )

    def _unknown_name_throttled(self, request, credentials):
        """Whether this attempt is with an unknown name from an address that has tried too many
        unknown names lately."""
        address = getattr(request, "axes_ip_address", None)
        name = get_client_username(request, credentials)
        if address is None or not name or _is_account(name):
            return False
        since = timezone.now() - timedelta(minutes=settings.LOGIN_UNKNOWN_NAME_MINUTES)
        accounts = get_user_model()._default_manager.values(get_user_model().USERNAME_FIELD)
        unknown = (
            AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
            .exclude(username__in=accounts)
            .values("username")
            .distinct()
            .count()
        )
        return unknown >= settings.LOGIN_ADDRESS_NAME_LIMIT


def _is_account(name):
    model = get_user_model()
    return model._default_manager.filter(**{model.USERNAME_FIELD: name}).exists()
