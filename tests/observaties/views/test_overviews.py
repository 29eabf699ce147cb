"""The team lead's start page and team overview as users see them."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from observaties.models import Observation

pytestmark = pytest.mark.django_db


def test_the_review_queue_shows_how_long_each_waited(client, team_lead, submitted):
    Observation.objects.filter(pk=submitted.pk).update(
        submitted_at=timezone.now() - timedelta(days=4)
    )
    client.force_login(team_lead)
    content = client.get(reverse("home")).content.decode()
    assert "Te beoordelen" in content
    assert "4 dagen" in content


def test_the_team_overview_counts_and_exports(client, team_lead, approved, team):
    client.force_login(team_lead)
    content = client.get(reverse("observaties:team-overview", args=[team.pk])).content.decode()
    assert "Verdeling over de schaal per voorwaarde" in content
    response = client.get(reverse("observaties:team-overview-csv", args=[team.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert ["status", "goedgekeurd", "1"] in rows
    assert ["Sensitief reageren", "vaak", "5"] in rows
    assert ["Mentaliseren", "vaak", "3"] in rows
    assert not any("totaal" in cell.lower() for row in rows for cell in row)
