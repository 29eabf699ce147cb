"""A service's refusal lands next to the field it names, or above the form."""

from django import forms
from django.core.exceptions import ValidationError

from observaties.pages import add_service_error


class _Form(forms.Form):
    visit_date = forms.DateField()


def test_a_refusal_that_names_a_field_is_shown_next_to_it():
    form = _Form({"visit_date": "2025-01-01"})
    assert form.is_valid()
    add_service_error(form, ValidationError({"visit_date": "Te vroeg.", "status": "Al ingediend."}))
    assert form.errors["visit_date"] == ["Te vroeg."]
    assert form.non_field_errors() == ["Al ingediend."]  # a field the form does not show


def test_a_refusal_without_a_field_is_shown_above_the_form():
    form = _Form({"visit_date": "2025-01-01"})
    assert form.is_valid()
    add_service_error(form, ValidationError("Dit gezin is afgesloten."))
    assert form.non_field_errors() == ["Dit gezin is afgesloten."]
