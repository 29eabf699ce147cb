"""The functional admin's page for the case system: its two services, the organisation's RSIN,
the types and confidentiality of each document, and how the deliveries stand (counts and the last
errors, without client data). Secrets can be set, never read back."""

from django import forms
from django.contrib import admin
from django.db import models
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from simple_certmanager.models import Certificate, SigningRequest
from zgw_consumers.constants import APITypes, AuthTypes
from zgw_consumers.models import NLXConfig, Service

from core.admin import SingletonAdmin
from core.forms import AdminLimitsShown
from zaaksysteem.models import CaseSystem

# What zgw-consumers and its certificate manager register would show secrets and offer what we
# do not use (NLX, uploaded certificates); this module registers the service page instead.
for model in (Service, NLXConfig, Certificate, SigningRequest):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class ServiceForm(forms.ModelForm):
    secret = forms.CharField(
        label=_("geheim (secret)"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Het gedeelde geheim voor het JWT (HS256). Wordt nooit getoond; laat leeg om het "
            "bewaarde geheim te houden."
        ),
    )

    class Meta:
        model = Service
        fields = ["label", "slug", "api_type", "api_root", "client_id", "secret", "timeout"]
        help_texts = {
            "api_root": _(
                "Bijvoorbeeld https://zaken.example.nl/zaken/api/v1/ of "
                "https://zaken.example.nl/documenten/api/v1/."
            ),
            "client_id": _("De client-id die het zaaksysteem voor de Hechtingswijzer kent."),
            "timeout": _("Zoveel seconden wacht de Hechtingswijzer op een antwoord."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["api_type"].choices = [
            (APITypes.zrc, _("Zaken API")),
            (APITypes.drc, _("Documenten API")),
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("secret") and not (self.instance.pk and self.instance.secret):
            self.add_error("secret", _("Vul het geheim in."))
        return cleaned

    def save(self, commit=True):
        service = super().save(commit=False)
        if not self.cleaned_data.get("secret"):
            service.secret = Service.objects.get(pk=service.pk).secret
        service.auth_type = AuthTypes.zgw
        if commit:
            service.save()
        return service


@admin.register(Service)
class ServiceAdmin(AdminLimitsShown, admin.ModelAdmin):
    form = ServiceForm
    list_display = ("label", "api_type", "api_root", "client_id")
    prepopulated_fields = {"slug": ["label"]}
    readonly_fields = ("connection",)

    def get_fields(self, request, obj=None):
        fields = list(ServiceForm.Meta.fields)
        return [*fields, "connection"] if obj else fields

    @admin.display(description=_("verbinding (HTTP-status van de API-root)"))
    def connection(self, obj):
        return obj.connection_check or _("geen antwoord")


@admin.register(CaseSystem)
class CaseSystemAdmin(AdminLimitsShown, SingletonAdmin):
    saved_message = _("De koppeling met het zaaksysteem is opgeslagen.")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ("deliveries",)
    fieldsets = [
        (
            None,
            {"fields": ["zaken_service", "documenten_service", "rsin", "identification_prefix"]},
        ),
        (_("Observatierapport"), {"fields": ["report_type", "report_confidentiality"]}),
        (
            _("Blad voor de ouder"),
            {"fields": ["parent_sheet_type", "parent_sheet_confidentiality"]},
        ),
        (
            _("Vertrouwelijk deel over de veiligheid"),
            {"fields": ["register_safety", "safety_type", "safety_confidentiality"]},
        ),
        (_("Hoe de registraties ervoor staan"), {"fields": ["deliveries"]}),
    ]

    @admin.display(description=_("registraties"))
    def deliveries(self, obj):
        if _delivery_status is None:
            return "–"
        return render_to_string("zaaksysteem/deliveries.html", _delivery_status())


# The app that sends documents keeps how their registration stands; it registers here what this
# page shows of it (counts per state, the last errors, no client data), so this app imports
# nothing of it.
_delivery_status = None


def register_delivery_status(status):
    """Register `status()`: a dict with `counts` [(label, number)] and `errors` [dict]."""
    global _delivery_status
    _delivery_status = status
