"""Django's account forms with their messages in the app's register ("je" rather than "u")."""

from django.contrib.auth import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.organisation import MESSAGES, password_login_allowed
from accounts.signals import organisation_login_step


class PasswordChangeForm(forms.PasswordChangeForm):
    error_messages = {
        **forms.PasswordChangeForm.error_messages,
        "password_incorrect": _("Je huidige wachtwoord klopt niet. Vul het opnieuw in."),
    }


class LoginForm(forms.AuthenticationForm):
    """The password login, refused (and logged) for an account that must use the organisation's
    login once the organisation has switched passwords off."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not password_login_allowed(user):
            organisation_login_step.send(
                __name__,
                request=self.request,
                step="refused",
                reason="lokaal-inloggen-uit",
                username=user.get_username(),
            )
            raise ValidationError(MESSAGES["lokaal-inloggen-uit"], code="organisation_only")
