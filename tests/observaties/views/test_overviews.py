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


@pytest.fixture
def three_of_each(monkeypatch, child, professional, team_lead):
    """Three rows in every list of the dashboard, which shows two of each."""
    from datetime import date

    from observaties import selectors, services
    from observaties.models import Agreement, SafetyConcern
    from observaties.selectors import overviews
    from tests.factories import ChildFactory, ObservationFactory, fill_observation

    monkeypatch.setattr(overviews, "DASHBOARD_LIMITS", dict.fromkeys(selectors.DASHBOARD_LIMITS, 2))
    for day in (1, 2, 3):  # a child each: a child has one open concern at a time
        child = ChildFactory(family=child.family, name=f"K{day}.", birth_month=date(2025, 1, 1))
        ObservationFactory(child=child, professional=professional, visit_date=date(2026, 5, day))
        handed_in = ObservationFactory(
            child=child, professional=professional, visit_date=date(2026, 6, day)
        )
        fill_observation(handed_in, professional)
        services.observation_submit(observation=handed_in, user=professional)
        SafetyConcern.objects.create(child=child, opened_in=handed_in, opened_on=date(2026, 6, day))
        Agreement.objects.create(
            observation=handed_in,
            what=f"Fictieve afspraak {day}",
            who=Agreement.Who.PARENT,
            due=date(2026, 7, day),
        )


@pytest.mark.parametrize(
    ("user", "key", "row"),
    [
        ("professional", "concepten", "/invullen/"),
        ("professional", "afspraken", "Fictieve afspraak"),
        ("team_lead", "beoordelen", ">Beoordelen</a>"),
        ("team_lead", "zorgen", "Zorg openen"),
    ],
)
def test_a_limited_list_says_how_many_more_and_links_to_all(
    client, three_of_each, request, user, key, row
):
    client.force_login(request.getfixturevalue(user))
    limited = client.get(reverse("home")).content.decode()
    section = limited[limited.index(f'href="?alle={key}') - 400 :]
    assert "Hier staat er nog 1 niet bij." in section[:600]
    assert f'<a href="?alle={key}#' in limited

    everything = client.get(reverse("home"), {"alle": key}).content.decode()
    assert everything.count(row) == limited.count(row) + 1
    assert f'href="?alle={key}' not in everything
