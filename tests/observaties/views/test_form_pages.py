"""A service's refusal lands next to the field it names, or above the form; the summary of a
form's errors."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from observaties.models import Family, Observation
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


# Every form shown again with errors has the summary above it: a title with the count, a link
# to each field in the form's order, and the form's own messages (only there, not twice).


def _summary(response):
    page = response.content.decode()
    assert page.count("data-error-summary") == 1
    return page.split("data-error-summary", 1)[1].split("</div>", 1)[0]


@pytest.mark.django_db
def test_adding_a_family_with_errors_shows_the_summary(client, professional, team):
    client.force_login(professional)
    response = client.post(
        reverse("observaties:family-create"),
        {"team": team.pk, "case_reference": "NRD 42", "opened_on": "2099-01-01"},
    )
    assert response.status_code == 200
    summary = _summary(response)
    assert "Nog niet gelukt: 2 onderdelen kloppen nog niet." in summary
    links = [part.split('"', 1)[0] for part in summary.split('href="#')[1:]]
    assert links == ["id_case_reference", "id_opened_on"]
    assert "Dossiernummer</a>: Gebruik letters, cijfers" in summary
    assert not Family.objects.exists()


@pytest.mark.django_db
def test_returning_without_a_comment_shows_the_summary(client, team_lead, submitted):
    client.force_login(team_lead)
    response = client.post(
        reverse("observaties:observation-review", args=[submitted.pk]), {"return": "1"}
    )
    assert response.status_code == 400
    summary = _summary(response)
    assert "Nog niet gelukt: 1 onderdeel klopt nog niet." in summary
    assert 'href="#id_comment"' in summary
    submitted.refresh_from_db()
    assert submitted.status == Observation.Status.SUBMITTED


@pytest.mark.django_db
def test_a_form_message_is_said_once_in_the_summary(client, professional):
    """The login's own message (no field of its own) is in the summary, not again in the form."""
    response = client.post(
        reverse("login"), {"username": professional.username, "password": "fout"}
    )
    summary = _summary(response)
    assert "Nog niet gelukt." in summary
    message = "Voer een juiste gebruikersnaam en wachtwoord in"
    assert message in summary
    assert response.content.decode().count(message) == 1
