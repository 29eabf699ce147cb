"""Form parts every app uses: bounded id fields and the browser's date and month inputs."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ID = 2**63 - 1


def _refuse_out_of_range(field, values):
    """Ids beyond the database's integer range never reach a query (SQLite would raise)."""
    for value in values:
        try:
            number = int(str(value))
        except (TypeError, ValueError):
            continue  # Django's own validation answers these
        if not 0 < number <= MAX_ID:
            raise ValidationError(
                field.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )


class BoundedModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values:
            _refuse_out_of_range(self, [value])
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        _refuse_out_of_range(self, value if isinstance(value, list | tuple) else [value])
        return super()._check_values(value)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m", **kwargs)


def show_limit(field):
    """A text field says its limit instead of carrying the browser's maxlength, which cuts pasted
    text without a word: a text over the limit is refused in full with a message saying by how
    much, and nothing is cut; `static/js/length-count.js` counts as one types, where loaded."""
    limit = getattr(field, "max_length", None)
    if not limit or field.widget.is_hidden:
        return
    field.widget.attrs.pop("maxlength", None)
    field.widget.attrs.update(
        {
            "data-max-length": limit,
            "data-count-template": _("{count} van {limit} tekens"),
            "data-count-over": _(
                "{count} van {limit} tekens: {over} te veel. Maak de tekst korter; zo "
                "kan hij niet worden opgeslagen."
            ),
        }
    )
    field.error_messages.setdefault(
        "max_length",
        _(
            "Dit zijn %(show_value)d tekens; hoogstens %(limit_value)d kan. Maak het "
            "korter: er is niets opgeslagen en niets afgeknipt."
        ),
    )
    said = _("Hoogstens %(limit)s tekens.") % {"limit": limit}
    field.help_text = f"{field.help_text} {said}" if field.help_text else said


class LimitsShown:
    """A form whose text fields follow `show_limit`. Mixed in before `forms.Form` or
    `forms.ModelForm`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            show_limit(field)


class AdminLimitsShown:
    """A ModelAdmin or inline whose text fields follow `show_limit`, as the app's forms do.
    Mixed in before `admin.ModelAdmin` or the inline class."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            show_limit(field)
        return field
