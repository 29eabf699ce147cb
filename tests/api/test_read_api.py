"""The read API as a client-file system uses it: its teams' families and their approved
observations, the archived report's own bytes, the summary; never the safety part, a draft or
another team's family; every read in the access log."""

import base64
import hashlib
import json
from datetime import date

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings
from django.urls import reverse

from api import credentials
from api.models import ApiClient
from audit.access import events_for
from audit.models import AccessEvent
from observaties import services
from observaties.models import Observation
from tests.api.conftest import call, register
from tests.factories import (
    ChildFactory,
    FamilyFactory,
    ObservationFactory,
    approved_observation,
    save_content,
)

pytestmark = pytest.mark.django_db

SIGNALS = "Fictief: signaal Zwaluwstaart bij het halen van de luier."


@pytest.fixture
def other_family(other_team, outsider, other_lead):
    family = FamilyFactory(team=other_team, case_reference="ZD-0009", professionals=[outsider])
    child = ChildFactory(family=family, name="Q.", birth_month=date(2025, 2, 1))
    approved_observation(child, outsider, other_lead)
    return family


def _urls(observation):
    family = observation.child.family_id
    return [
        f"/api/v1/gezinnen/{family}",
        f"/api/v1/gezinnen/{family}/observaties",
        f"/api/v1/observaties/{observation.pk}",
        f"/api/v1/observaties/{observation.pk}/rapport",
        f"/api/v1/observaties/{observation.pk}/samenvatting",
    ]


def _problem(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    return body


# Who may read what: the URL × client matrix


def test_each_address_answers_its_own_teams_client_and_no_other(
    client, approved, api_credential, other_credential, team
):
    revoked, revoked_credential = register("Oud dossier (fictief)", team)
    credentials.api_client_revoke(client=revoked, by=None)
    for url in _urls(approved):
        assert call(client, url, api_credential).status_code == 200, url
        _problem(call(client, url, other_credential), 404)
        for wrong in (None, revoked_credential, api_credential[:-2] + "xx", "hw_0_0", "ü"):
            body = _problem(call(client, url, wrong), 401)
            assert "Bearer" in call(client, url, wrong)["WWW-Authenticate"]
            assert "NRD-0001" not in json.dumps(body)


def test_a_signed_in_users_session_is_no_credential(client, approved, team_lead):
    client.force_login(team_lead)
    for url in _urls(approved):
        _problem(call(client, url), 401)


def test_the_family_list_holds_only_the_clients_teams(
    client, approved, other_family, api_credential, other_credential
):
    own = call(client, "/api/v1/gezinnen", api_credential).json()
    assert [f["dossiernummer"] for f in own["_embedded"]["gezinnen"]] == ["NRD-0001"]
    theirs = call(client, "/api/v1/gezinnen", other_credential).json()
    assert [f["dossiernummer"] for f in theirs["_embedded"]["gezinnen"]] == ["ZD-0009"]
    # Looked up by case reference: another team's reference finds nothing.
    found = call(client, "/api/v1/gezinnen?dossiernummer=ZD-0009", api_credential).json()
    assert (found["totaal"], found["_embedded"]["gezinnen"]) == (0, [])


def test_a_renewed_secret_ends_the_old_one_at_the_next_request(client, approved, team):
    api_client, old = register("Dossier (fictief)", team)
    assert call(client, "/api/v1/gezinnen", old).status_code == 200
    new = credentials.api_client_rotate(client=api_client)
    _problem(call(client, "/api/v1/gezinnen", old), 401)
    assert call(client, "/api/v1/gezinnen", new).status_code == 200


# What is in it, and what never is


def test_an_observation_carries_what_the_file_needs(client, approved, api_credential, team_lead):
    body = call(client, f"/api/v1/observaties/{approved.pk}", api_credential).json()
    assert body["bezoekDatum"] == approved.visit_date.isoformat()
    assert body["kind"] == {"id": approved.child_id, "naam": "T.", "leeftijdInMaanden": 8}
    assert body["opvoeder"] == {"code": "moeder", "omschrijving": "moeder"}
    assert body["checklistversie"]["versienummer"] == approved.version.number
    conditions = {c["code"]: c for c in body["voorwaarden"]}
    assert set(conditions) == {"sensitief-reageren", "continuiteit", "mentaliseren"}
    item = conditions["sensitief-reageren"]["items"][0]
    assert item["code"] == "SR-1"
    assert item["antwoord"] == {"code": 3, "omschrijving": "vaak", "geenGelegenheid": False}
    assert conditions["mentaliseren"]["werkpunt"]["code"] == "nee"
    assert body["opvoedersInEenGewoneWeek"][0]["dagenPerWeek"] == 7.0
    assert [f["code"] for f in body["randvoorwaarden"]][:2] == ["RV-1", "RV-2"]
    assert body["goedgekeurdDoor"]["naam"] == team_lead.get_full_name()
    assert body["goedgekeurdOp"].endswith(("+01:00", "+02:00"))  # a time with its zone


def test_no_draft_handed_in_or_returned_observation_is_ever_in_it(
    client, approved, child, professional, team_lead, api_credential
):
    draft = ObservationFactory(child=child, professional=professional)
    handed_in = ObservationFactory(child=child, professional=professional)
    save_content(handed_in, professional)
    services.observation_submit(observation=handed_in, user=professional)
    returned = ObservationFactory(child=child, professional=professional)
    save_content(returned, professional)
    services.observation_submit(observation=returned, user=professional)
    services.observation_return(observation=returned, reviewer=team_lead, comment="Fictief.")
    listed = call(client, f"/api/v1/gezinnen/{child.family_id}/observaties", api_credential)
    assert [o["id"] for o in listed.json()["_embedded"]["observaties"]] == [approved.pk]
    for hidden in (draft, handed_in, returned):
        for url in _urls(hidden)[2:]:
            _problem(call(client, url, api_credential), 404)


def test_the_safety_part_is_never_in_it(client, child, professional, team_lead, api_credential):
    observation = ObservationFactory(child=child, professional=professional)
    save_content(
        observation,
        professional,
        safety=services.SafetyContent(
            concern="ja",
            signals=SIGNALS,
            step=2,
            step_on=observation.visit_date,
            consultations=[
                (observation.visit_date, "aandachtsfunctionaris", "Fictief: Kwikstaart.")
            ],
        ),
    )
    services.observation_submit(observation=observation, user=professional)
    services.observation_approve(observation=observation, reviewer=team_lead)
    bodies = [call(client, url, api_credential) for url in _urls(observation)]
    assert all(response.status_code == 200 for response in bodies)
    text = "".join(r.content.decode() for r in bodies if r["Content-Type"] != "application/pdf")
    # Not "veilig" alone: version 4 asks about the child's "veilige haven" and "veilige basis".
    traces = ("Zwaluwstaart", "Kwikstaart", "aandachtsfunctionaris", "veiligheid", "Veilig Thuis")
    for trace in (*traces, "meldcode"):
        assert trace.lower() not in text.lower()
    # The report served is the shareable one: the archived report, not the confidential part.
    report = bodies[3].content
    assert b"Zwaluwstaart" not in report


def test_the_report_is_the_archived_bytes_the_page_serves(
    client, approved, api_credential, team_lead
):
    response = call(client, f"/api/v1/observaties/{approved.pk}/rapport", api_credential)
    assert response["Content-Type"] == "application/pdf"
    digest = base64.b64encode(hashlib.sha256(response.content).digest()).decode()
    assert response["Repr-Digest"] == f"sha-256=:{digest}:"
    client.force_login(team_lead)
    page = client.get(reverse("observaties:observation-pdf", args=[approved.pk]))
    assert response.content == page.content


def test_an_older_report_that_holds_the_safety_part_is_refused_with_the_reason(
    client, approved, api_credential
):
    Observation.objects.filter(pk=approved.pk).update(safety_concern="ja")
    body = _problem(call(client, f"/api/v1/observaties/{approved.pk}/rapport", api_credential), 403)
    assert "vertrouwelijke deel" in body["detail"]
    assert body["type"].endswith("rapport-met-veiligheidsdeel")
    event = AccessEvent.objects.filter(target__startswith="api:archief").get()
    assert event.outcome == "geweigerd"


def test_the_summary_is_plain_text_with_the_same_content(client, approved, api_credential):
    response = call(client, f"/api/v1/observaties/{approved.pk}/samenvatting", api_credential)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith(f"Observatie van een huisbezoek op {approved.visit_date:%d-%m-%Y}")
    assert "SENSITIEF REAGEREN" in text
    assert "- SR-1 (vaak): " in text
    assert "Goedgekeurd door: " in text


# Every read logged


def test_every_read_names_the_client_and_what_it_read(
    client, approved, api_credential, team, team_lead, other_lead, other_family, other_credential
):
    api_client = ApiClient.objects.get(name="Dossier JGZ noord (fictief)")
    family = approved.child.family
    for url in _urls(approved):
        call(client, url, api_credential)
    events = AccessEvent.objects.filter(api_client_id=api_client.pk).order_by("pk")
    assert [(e.action, e.target) for e in events] == [
        ("bekijken", "api:gezin"),
        ("bekijken", "api:observatie"),
        ("bekijken", "api:observatie"),
        ("downloaden", f"api:archief:{approved.archived_documents.get(kind='rapport').pk}"),
        ("bekijken", "api:samenvatting"),
    ]
    for event in events:
        assert (event.username, event.role, event.user_id) == (
            "api:Dossier JGZ noord (fictief)",
            "api-client",
            None,
        )
        assert (event.family_id, event.team_id) == (family.pk, team.pk)
    assert {e.observation_id for e in events[1:]} == {approved.pk}
    # The team lead sees them; the other team's lead does not.
    assert set(events) <= set(events_for(team_lead))
    assert not set(events) & set(events_for(other_lead))
    # Another team's client that asks for this family is refused, and that is logged too.
    call(client, f"/api/v1/gezinnen/{family.pk}", other_credential)
    refused = AccessEvent.objects.get(outcome="geweigerd")
    assert (refused.family_id, refused.team_id, refused.username) == (
        family.pk,
        team.pk,
        "api:Dossier zuid (fictief)",
    )
    assert refused in events_for(team_lead)


# The Design Rules


def test_every_answer_carries_the_version_and_errors_are_problem_details(
    client, approved, api_credential
):
    for url in (
        "/api/v1/gezinnen",
        "/api/v1/gezinnen/",  # a trailing slash: a 404, not a redirect
        "/api/v1/gezinnen/abc",
        "/api/v1/bestaat-niet",
        "/api/v1/openapi.json",
    ):
        response = call(client, url, api_credential)
        assert response["API-Version"] == "1.0.0", url
        assert response["Cache-Control"] == "no-store"
    _problem(call(client, "/api/v1/gezinnen/", api_credential), 404)
    body = _problem(call(client, "/api/v1/gezinnen/abc", api_credential), 400)
    assert body["invalidParams"][0]["name"] == "id"
    body = _problem(call(client, "/api/v1/gezinnen?pagina=0", api_credential), 400)
    assert body["invalidParams"][0]["name"] == "pagina"
    _problem(call(client, f"/api/v1/gezinnen/{2**70}", api_credential), 400)
    response = client.post("/api/v1/gezinnen", HTTP_AUTHORIZATION=f"Bearer {api_credential}")
    _problem(response, 405)
    assert "GET" in response["Allow"]


def test_the_openapi_document_is_open_and_names_a_contact(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert set(document["info"]["contact"]) == {"name", "email", "url"}
    assert document["servers"][0]["url"].endswith("/api/v1")
    assert "/gezinnen/{id}/observaties" in document["paths"]


def test_pages_link_to_each_other(client, team, professional, api_credential):
    for number in range(21):
        FamilyFactory(team=team, case_reference=f"NRD-{number:04d}", professionals=[professional])
    first = call(client, "/api/v1/gezinnen", api_credential).json()
    assert (first["totaal"], len(first["_embedded"]["gezinnen"])) == (21, 20)
    assert "prev" not in first["_links"]
    second = call(client, first["_links"]["next"]["href"], api_credential).json()
    assert [f["dossiernummer"] for f in second["_embedded"]["gezinnen"]] == ["NRD-0020"]
    assert second["_links"]["last"] == second["_links"]["self"]
    assert "next" not in second["_links"]


@override_settings(API_RATE="3/min")
def test_a_client_that_asks_too_often_is_told_when_to_come_back(
    client, approved, api_credential, other_credential
):
    caches["shared"].clear()
    for _ in range(3):
        assert call(client, "/api/v1/gezinnen", api_credential).status_code == 200
    response = call(client, "/api/v1/gezinnen", api_credential)
    body = _problem(response, 429)
    assert int(response["Retry-After"]) > 0
    assert "seconden" in body["detail"]
    # Counted per client: another client is not held back.
    assert call(client, "/api/v1/gezinnen", other_credential).status_code == 200


REDIS = "redis://127.0.0.1:6379/13"


@override_settings(
    API_RATE="3/min",
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS},
    },
)
def test_the_count_is_shared_by_every_app_server_through_redis(client, approved, api_credential):
    """Two requests on one app server, two on another (a cache connection of its own): the
    fourth is refused, as it would be on one server."""
    caches["shared"].clear()
    for _ in range(2):
        assert call(client, "/api/v1/gezinnen", api_credential).status_code == 200
    other_server = RedisCache(REDIS, {})
    assert other_server.get(f"throttle_client_{api_credential.split('_')[1]}")  # it sees them
    caches["shared"].close()
    del caches["shared"]  # the next request opens a new connection, as another server would
    assert call(client, "/api/v1/gezinnen", api_credential).status_code == 200
    _problem(call(client, "/api/v1/gezinnen", api_credential), 429)
    other_server.clear()


# Cost


def test_a_familys_observations_cost_the_same_queries_at_1_and_at_10(
    client, child, professional, team_lead, api_credential, django_assert_num_queries
):
    url = f"/api/v1/gezinnen/{child.family_id}/observaties"
    approved_observation(child, professional, team_lead, visit_date=date(2025, 9, 1))
    call(client, url, api_credential)  # the checklist version's content, read once per process
    # The request's savepoint and its release, the client and its teams, the family, the count,
    # the observations, nine kinds of what they hold (scores, reflections, answers on fit,
    # stress answers, network, changes, agreements, follow-ups, approvals), the access-log rows.
    with django_assert_num_queries(17):
        assert len(call(client, url, api_credential).json()["_embedded"]["observaties"]) == 1
    for day in range(2, 11):
        approved_observation(child, professional, team_lead, visit_date=date(2025, 9, day))
    with django_assert_num_queries(17):
        assert len(call(client, url, api_credential).json()["_embedded"]["observaties"]) == 10
