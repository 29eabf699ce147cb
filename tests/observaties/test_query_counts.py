"""The number of queries per page does not grow with items, observations or families."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hechting.models import Condition
from hechting.services import checklist_version_create_draft, checklist_version_publish
from observaties import services
from tests.factories import (
    BehaviourItemFactory,
    ChildFactory,
    FamilyFactory,
    ObservationFactory,
    answers,
    approved_observation,
    fill_observation,
)

pytestmark = pytest.mark.django_db


def _queries(client, url, data=None):
    """Queries of one request once the process has read the published checklist versions the
    page shows (they are frozen, so read once: hechting.selectors.version_content)."""
    if data is None:
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code in (200, 302), response.status_code
    return len(queries)


def _approved(child, professional, team_lead, count):
    for index in range(count):
        visit_date = date(2025, 2, 3) + timedelta(days=30 * index)
        approved_observation(child, professional, team_lead, visit_date=visit_date)


def _submitted(team, professional, count):
    for _index in range(count):
        child = ChildFactory(family=FamilyFactory(team=team, professionals=[professional]))
        observation = ObservationFactory(child=child, professional=professional)
        fill_observation(observation, professional)
        services.observation_submit(observation=observation, user=professional)


def test_dashboard(client, team_lead, professional, team):
    client.force_login(team_lead)
    _submitted(team, professional, 1)
    small = _queries(client, reverse("home"))
    _submitted(team, professional, 12)
    # 14: a team lead's dashboard also lists the team's open safety concerns and the documents
    # the case system did not take.
    assert _queries(client, reverse("home")) == small == 14


def test_family_list(client, professional, team):
    client.force_login(professional)
    FamilyFactory(team=team, professionals=[professional])
    small = _queries(client, reverse("observaties:family-list"))
    for _index in range(40):
        FamilyFactory(team=team, professionals=[professional])
    assert _queries(client, reverse("observaties:family-list")) == small == 8


def test_family_page(client, professional, team_lead, family, child):
    client.force_login(professional)
    url = reverse("observaties:family-detail", args=[family.pk])
    _approved(child, professional, team_lead, 1)
    small = _queries(client, url)
    _approved(child, professional, team_lead, 14)
    # 13: the newest observations and the latest approved ones for the charts, each a query,
    # whatever the length of the history; 14: and whether a case system is configured; 15: and
    # when the family was reopened, with the reason.
    assert _queries(client, url) == small == 15


def test_family_page_with_more_children(client, professional, team_lead, family, child):
    client.force_login(professional)
    url = reverse("observaties:family-detail", args=[family.pk])
    _approved(child, professional, team_lead, 2)
    small = _queries(client, url)
    for _index in range(3):
        _approved(ChildFactory(family=family), professional, team_lead, 2)
    assert _queries(client, url) == small


def test_review_page(client, professional, team_lead, child, submitted):
    client.force_login(team_lead)
    url = reverse("observaties:observation-detail", args=[submitted.pk])
    _approved(child, professional, team_lead, 1)
    small = _queries(client, url)
    _approved(child, professional, team_lead, 6)
    # 16: version 2 adds the caregiver network and its changes, one query each; 19: and the
    # visit's part of a safety concern; 20: and its archived documents; 21: version 4's answers
    # on fit and on the child's signals.
    assert _queries(client, url) == small == 21


def _form_data(observation, scores):
    data = {
        "lock_version": type(observation).objects.get(pk=observation.pk).lock_version,
        "caregiver": "moeder",
        "visit_date": observation.visit_date.isoformat(),
        "setting": "spel",
        "save": "1",
    }
    for item, (option, note) in scores.items():
        data[f"item_{item}"] = str(option)
        data[f"note_{item}"] = note
    return data


def test_checklist_form_get_and_post(client, professional, child, observation, team):
    client.force_login(professional)
    url = reverse("observaties:observation-edit", args=[observation.pk])
    small_get = _queries(client, url)
    all_scores = answers(observation, note="toelichting")
    one = dict(list(all_scores.items())[:1])
    small_post = _queries(client, url, _form_data(observation, one))
    large_post = _queries(client, url, _form_data(observation, all_scores))
    # 25: saving locks the family, then the observation (closing takes the same lock first);
    # version 2 replaces the caregiver network and its changes (a delete each, no insert here);
    # the form and the service each read the open agreements of earlier visits, and the
    # agreements and their follow-ups are replaced (a delete each); 28: the service looks for a
    # safety concern left open by an earlier visit and for this visit's part of one, and the
    # view for what to log; 29: version 4's answers on fit are replaced (a delete, no insert).
    assert large_post == small_post == 29

    draft = checklist_version_create_draft()
    for number in range(10):
        BehaviourItemFactory(
            version=draft, condition=Condition.objects.first(), code=f"EX-{number + 1}"
        )
    checklist_version_publish(version=draft)
    bigger = ObservationFactory(child=child, professional=professional)
    assert bigger.version.items.count() == 18
    large_get = _queries(client, reverse("observaties:observation-edit", args=[bigger.pk]))
    # 14: version 2 reads the caregiver network, its changes, and the previous visit's network;
    # 19: and this visit's part of a safety concern, or else the child's open concern; 20: and
    # version 4's answers on fit and on the child's signals.
    assert large_get == small_get == 20


def test_team_overview(client, team_lead, professional, team):
    client.force_login(team_lead)
    url = reverse("observaties:team-overview", args=[team.pk])
    _submitted(team, professional, 1)
    small = _queries(client, url)
    _submitted(team, professional, 8)
    # 17: the families with lasting stress read the open families, the handed-in visits, their
    # stress answers and the actions done, one query each.
    assert _queries(client, url) == small == 17
