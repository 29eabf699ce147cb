"""One observation as users see it: starting it, the review page, approving, returning with a
comment, reopening."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessEvent
from observaties.models import Observation
from tests.factories import approved_observation

pytestmark = pytest.mark.django_db


def test_the_review_page_shows_the_report_and_approves(client, team_lead, submitted):
    client.force_login(team_lead)
    url = reverse("observaties:observation-detail", args=[submitted.pk])
    content = client.get(url).content.decode()
    assert "INGEDIEND – wacht op beoordeling" in content
    assert "CONCEPT" not in content
    assert "Goedkeuren" in content
    assert "Verdeling:" in content
    assert "geen score voor hechting" in content
    response = client.post(
        reverse("observaties:observation-review", args=[submitted.pk]), {"approve": "1"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Observation.Status.APPROVED
    assert "INGEDIEND" not in client.get(url).content.decode()


def test_returning_without_a_comment_is_refused_on_the_page(client, team_lead, submitted):
    client.force_login(team_lead)
    response = client.post(
        reverse("observaties:observation-review", args=[submitted.pk]), {"return": "1"}
    )
    assert response.status_code == 400
    assert "verplicht bij terugsturen" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Observation.Status.SUBMITTED


def test_the_professional_sees_the_return_comment(client, professional, team_lead, submitted):
    client.force_login(team_lead)
    client.post(
        reverse("observaties:observation-review", args=[submitted.pk]),
        {"return": "1", "comment": "Beschrijf bij ME-2 wat moeder zei."},
    )
    client.force_login(professional)
    dashboard = client.get(reverse("home")).content.decode()
    assert "teruggestuurd" in dashboard
    form = client.get(reverse("observaties:observation-edit", args=[submitted.pk]))
    assert "Beschrijf bij ME-2 wat moeder zei." in form.content.decode()
    # and still when a save is refused and the form comes back with its errors
    refused = client.post(
        reverse("observaties:observation-edit", args=[submitted.pk]),
        {"lock_version": "0", "caregiver": "moeder", "visit_date": "", "setting": "spel"},
    )
    assert refused.status_code == 400
    assert "Beschrijf bij ME-2 wat moeder zei." in refused.content.decode()


def test_the_team_lead_reopens_an_approved_observation_with_a_reason(client, team_lead, approved):
    client.force_login(team_lead)
    url = reverse("observaties:observation-reopen", args=[approved.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Verkeerde opvoeder gekozen."})
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == Observation.Status.RETURNED


def test_the_review_page_compares_only_with_earlier_visits(client, professional, team_lead, child):
    visits = [
        approved_observation(child, professional, team_lead, visit_date=date(2025, month, 10))
        for month in (3, 6, 9)
    ]
    client.force_login(team_lead)
    content = client.get(
        reverse("observaties:observation-detail", args=[visits[1].pk])
    ).content.decode()
    description = re.search(
        r'<desc id="trend-mentaliseren-desc">(.*?)</desc>', content, re.S
    ).group(1)
    assert description.count(": niet gezien") == 2  # March and June, not September


def test_a_professional_starts_an_observation_pinned_to_the_current_version(
    client, professional, family, child, current_version
):
    client.force_login(professional)
    response = client.post(
        reverse("observaties:observation-create", args=[family.pk]),
        {"child": child.pk, "caregiver": "moeder", "visit_date": "2025-06-02", "setting": "spel"},
    )
    observation = Observation.objects.get(child=child)
    assert response.status_code == 302
    assert response.url == reverse("observaties:observation-edit", args=[observation.pk])
    assert observation.version == current_version
    assert observation.professional == professional
    assert observation.status == Observation.Status.DRAFT
    assert AccessEvent.objects.filter(
        observation_id=observation.pk, user_id=professional.pk
    ).exists()


@pytest.mark.parametrize(
    ("visit_date", "message"),
    [
        (lambda: date(2024, 12, 31), "ligt vóór de geboortemaand van het kind"),
        (lambda: timezone.localdate() + timedelta(days=1), "kan niet in de toekomst liggen"),
    ],
)
def test_an_impossible_visit_date_is_refused_and_nothing_is_created(
    client, professional, family, child, current_version, visit_date, message
):
    client.force_login(professional)
    response = client.post(
        reverse("observaties:observation-create", args=[family.pk]),
        {"child": child.pk, "caregiver": "moeder", "visit_date": visit_date(), "setting": "spel"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Observation.objects.filter(child=child).exists()


def test_a_team_lead_cannot_discard_a_draft_and_is_told_why(client, team_lead, observation):
    client.force_login(team_lead)
    url = reverse("observaties:observation-discard", args=[observation.pk])
    reason = "Alleen een eigen concept dat nooit is ingediend kan weg."
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 403
        assert reason in response.content.decode()
    assert Observation.objects.filter(pk=observation.pk).exists()


def test_the_checklist_of_a_handed_in_observation_leads_its_author_to_the_observation(
    client, professional, team_lead, submitted
):
    """The browser's back button after handing in: no 'Geen toegang', but where it is."""
    client.force_login(professional)
    edit = reverse("observaties:observation-edit", args=[submitted.pk])
    response = client.get(edit, follow=True)
    assert response.redirect_chain == [
        (reverse("observaties:observation-detail", args=[submitted.pk]), 302)
    ]
    content = response.content.decode()
    assert "ligt nu bij de teamleider" in content
    assert "INGEDIEND – wacht op beoordeling" in content
    # Saving into it is still refused, and someone else's checklist is no way in.
    assert client.post(edit, {"save": "1"}).status_code == 403
    client.force_login(team_lead)
    assert client.get(edit).status_code == 403
