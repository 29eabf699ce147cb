"""Login lockout that an attacker cannot turn against someone else (OWASP ASVS 5.0 V6.1.1, V6.3).

django-axes counts failures per combination of user name and address: five wrong passwords for
one account from one address lock that pair, not the account, so knowing a team lead's user name
is not enough to keep them out. An address that fails on many different user names (password
spraying) is locked for every name.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings


class LockoutHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or self._address_locked(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if (
            request is not None
            and not getattr(request, "axes_locked_out", False)
            and self._address_locked(request)
        ):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes", request=request, username=None, ip_address=request.axes_ip_address
            )

    def _address_locked(self, request):
        address = getattr(request, "axes_ip_address", None)
        if address is None:
            return False
        names = (
            AccessAttempt.objects.filter(
                ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
            )
            .values("username")
            .distinct()
            .count()
        )
        return names >= settings.LOGIN_ADDRESS_NAME_LIMIT
