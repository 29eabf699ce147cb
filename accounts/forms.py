"""Django's account forms with their messages in the app's register ("je" rather than "u")."""

from django.contrib.auth import forms
from django.utils.translation import gettext_lazy as _


class PasswordChangeForm(forms.PasswordChangeForm):
    error_messages = {
        **forms.PasswordChangeForm.error_messages,
        "password_incorrect": _("Je huidige wachtwoord klopt niet. Vul het opnieuw in."),
    }
