"""Form parts every app uses: bounded id fields and the browser's date and month inputs."""

from django import forms
from django.core.exceptions import ValidationError

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
