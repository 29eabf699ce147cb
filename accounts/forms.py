"""Django's account forms with their messages in the app's register ("je" rather than "u")."""

from django import forms as django_forms
from django.contrib.auth import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import OrganisationLogin
from accounts.organisation import (
    MESSAGES,
    Refused,
    discover,
    is_safe_address,
    password_login_allowed,
)
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


class OrganisationLoginForm(django_forms.ModelForm):
    """The organisation login's configuration, for the admin and the operator's command: turning
    it on needs a provider that answers, and the secret is never shown again."""

    discovery_url = django_forms.URLField(
        label=capfirst(OrganisationLogin._meta.get_field("discovery_url").verbose_name),
        help_text=OrganisationLogin._meta.get_field("discovery_url").help_text,
        required=False,
        max_length=400,
        assume_scheme="https",
        widget=django_forms.URLInput(attrs={"size": 80}),
    )
    client_secret = django_forms.CharField(
        label=capfirst(_("client-secret")),
        required=False,
        max_length=400,
        widget=django_forms.PasswordInput(
            render_value=False, attrs={"autocomplete": "new-password"}
        ),
        help_text=_("Wordt niet getoond. Laat leeg om het huidige secret te houden."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.client_secret:
            self.fields["client_secret"].help_text = _(
                "Er is een secret ingesteld; het wordt niet getoond. Laat leeg om het te houden."
            )

    class Meta:
        model = OrganisationLogin
        fields = [
            "enabled",
            "discovery_url",
            "client_id",
            "client_secret",
            "scopes",
            "identifying_claim",
            "user_field",
            "create_users",
            "function_title_claim",
            "mfa_amr_values",
            "mfa_acr_values",
            "local_login",
        ]

    def clean_client_secret(self):
        return self.cleaned_data["client_secret"] or self.instance.client_secret

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("enabled"):
            return cleaned
        for field in ("discovery_url", "client_id", "client_secret"):
            if not cleaned.get(field):
                self.add_error(
                    field, _("Nodig om het inloggen met het organisatie-account aan te zetten.")
                )
        if "openid" not in cleaned.get("scopes", "").split():
            self.add_error("scopes", _("De scope openid is altijd nodig."))
        if cleaned.get("discovery_url") and not is_safe_address(cleaned["discovery_url"]):
            self.add_error("discovery_url", _("Het adres moet met https:// beginnen."))
        if cleaned.get("discovery_url") and not self.errors:
            try:
                discover(OrganisationLogin(discovery_url=cleaned["discovery_url"]), fresh=True)
            except Refused:
                self.add_error(
                    "discovery_url",
                    _(
                        "Op dit adres staat geen bruikbaar configuratiedocument van een "
                        "OpenID-provider, of de provider is nu niet bereikbaar."
                    ),
                )
        return cleaned
