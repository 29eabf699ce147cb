"""Forms for families, children, starting an observation, and reviewing it."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import (
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
    DateInput,
    LimitsShown,
    MonthInput,
)
from observaties import services
from observaties.models import TEXT_MAX_LENGTH, Child, Family, Observation


def _helper(*fields):
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*[Field(name) for name in fields])
    return helper


class FamilyForm(LimitsShown, forms.ModelForm):
    team = BoundedModelChoiceField(queryset=None, label=_("Team"), empty_label=None)

    class Meta:
        model = Family
        fields = ["team", "case_reference", "opened_on"]
        widgets = {"opened_on": DateInput()}

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.helper = _helper("team", "case_reference", "opened_on")

    def clean_opened_on(self):
        opened_on = self.cleaned_data["opened_on"]
        if opened_on > timezone.localdate():
            raise ValidationError(_("De startdatum kan niet in de toekomst liggen."))
        return opened_on


class FamilyEditForm(LimitsShown, forms.ModelForm):
    class Meta:
        model = Family
        fields = ["case_reference", "opened_on", "professionals"]
        widgets = {"opened_on": DateInput(), "professionals": forms.CheckboxSelectMultiple}
        field_classes = {"professionals": BoundedModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only members of the family's own team can be assigned to it.
        self.fields["professionals"].queryset = (
            get_user_model()
            .objects.filter(memberships__team=self.instance.team)
            .order_by("first_name", "last_name", "username")
        )
        self.fields["professionals"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )
        self.helper = _helper("case_reference", "opened_on", "professionals")

    def clean_opened_on(self):
        opened_on = self.cleaned_data["opened_on"]
        if opened_on > timezone.localdate():
            raise ValidationError(_("De startdatum kan niet in de toekomst liggen."))
        return opened_on


class FamilyCloseForm(LimitsShown, forms.Form):
    closed_on = forms.DateField(
        label=_("Afgesloten op"), widget=DateInput(), initial=timezone.localdate
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("closed_on")


class FamilyZaakForm(LimitsShown, forms.Form):
    zaak = forms.CharField(
        label=_("Zaak in het zaaksysteem"),
        required=False,
        max_length=1000,
        help_text=_(
            "De zaakidentificatie (bijvoorbeeld ZAAK-2026-0000000001) of het adres van de zaak. "
            "Leeg: de koppeling gaat eraf."
        ),
        error_messages={"max_length": _("Een zaak is hooguit %(limit_value)d tekens.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("zaak")


class ChildForm(LimitsShown, forms.ModelForm):
    birth_month = forms.DateField(
        label=_("Geboortemaand"),
        input_formats=["%Y-%m"],
        widget=MonthInput(),
        help_text=_("Jaar en maand, bijvoorbeeld 2025-03."),
        error_messages={"invalid": _("Vul een maand in als jjjj-mm, bijvoorbeeld 2025-03.")},
    )

    class Meta:
        model = Child
        fields = ["name", "birth_month"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("name", "birth_month")

    def clean_birth_month(self):
        birth_month = self.cleaned_data["birth_month"].replace(day=1)
        if birth_month > timezone.localdate():
            raise ValidationError(_("De geboortemaand kan niet in de toekomst liggen."))
        return birth_month


class ObservationStartForm(LimitsShown, forms.Form):
    child = BoundedModelChoiceField(
        queryset=Child.objects.none(), label=_("Kind"), empty_label=None
    )
    caregiver = forms.ChoiceField(
        label=_("Geobserveerde opvoeder"), choices=Observation.Caregiver.choices
    )
    visit_date = forms.DateField(
        label=_("Datum huisbezoek"), widget=DateInput(), initial=timezone.localdate
    )
    setting = forms.ChoiceField(label=_("Situatie"), choices=Observation.Setting.choices)

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = family.children.all()
        self.helper = _helper("child", "caregiver", "visit_date", "setting")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("child") and cleaned.get("visit_date"):
            try:
                services.validate_visit_date(
                    child=cleaned["child"], visit_date=cleaned["visit_date"]
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class ReviewForm(LimitsShown, forms.Form):
    comment = forms.CharField(
        label=_("Opmerking voor de medewerker"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        help_text=_("Verplicht bij terugsturen: schrijf wat er anders moet."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("comment")


class SafetyNoteForm(LimitsShown, forms.Form):
    text = forms.CharField(
        label=_("Notitie van de teamleider"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Wordt opgeslagen met je naam en de tijd; de medewerker ziet haar."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("text")


class ReopenForm(LimitsShown, forms.Form):
    reason = forms.CharField(
        label=_("Reden om te heropenen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=TEXT_MAX_LENGTH,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("reason")


class ParentSheetForm(LimitsShown, forms.Form):
    """The professional's wording of the sheet for the parent."""

    went_well = forms.CharField(
        label=_("Wat ging goed?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=TEXT_MAX_LENGTH,
        help_text=_("Eén punt per regel. Korte zinnen, gewone woorden; begin met wat goed ging."),
    )
    practise = forms.CharField(
        label=_("Wat gaan we samen oefenen?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        help_text=_(
            "Eén punt per regel; hoogstens twee. Leeg: er staat dat jullie nu niets extra oefenen."
        ),
    )
    why = forms.CharField(
        label=_("Waarom is dit belangrijk?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
    )
    at_home = forms.CharField(
        label=_("Wat speelt er thuis?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        help_text=_(
            "Alleen wat je met de ouder wilt delen. Leeg: dit deel staat niet op het blad."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("went_well", "practise", "why", "at_home")
