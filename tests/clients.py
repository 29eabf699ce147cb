"""A test client that completes the two-factor step the way a real login would."""

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


class VerifiedClient(Client):
    """A test client whose force_login also passes two-factor when the user has a device."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        session = self.session
        if device is not None:
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session["hechtingswijzer_login_at"] = time.time()
        session.save()
