"""Error pages are Dutch, calm and the app's own: they say what happened and that nothing changed,
never how the server is built, and a family of another team looks like one that does not exist.
"""

import re
import threading

import pytest
from django.db import connections
from django.urls import reverse

from observaties import selectors
from observaties.models import Family
from tests.clients import VerifiedClient

pytestmark = pytest.mark.django_db


def _page(response):
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert html.count("<h1") == 1
    assert html.count("<main") == 1
    assert 'href="/"' in html  # the way back to the start page
    assert "Traceback" not in html
    assert "DEBUG" not in html
    return html


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_an_unknown_address_gets_the_dutch_not_found_page(client, professional):
    client.force_login(professional)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet, of je hebt er geen toegang toe." in _text(_page(response))


def test_a_family_of_another_team_reads_exactly_like_one_that_does_not_exist(
    client, outsider, family
):
    client.force_login(outsider)
    other_team = client.get(reverse("observaties:family-detail", args=[family.pk]))
    missing_pk = Family.objects.order_by("-pk").first().pk + 1000
    missing = client.get(reverse("observaties:family-detail", args=[missing_pk]))
    assert other_team.status_code == missing.status_code == 404
    assert other_team.content == missing.content
    assert family.case_reference not in other_team.content.decode()


def test_a_refusal_shows_the_reason_the_policy_gives(client, professional, family):
    client.force_login(professional)
    response = client.get(reverse("observaties:family-export", args=[family.pk]))
    assert response.status_code == 403
    text = _text(_page(response))
    assert "Geen toegang" in text
    assert "Alleen de teamleider maakt een inzage-export." in text
    assert "Er is niets gewijzigd." in text


def test_an_expired_form_says_nothing_was_saved_and_changes_nothing(professional, family):
    client = VerifiedClient(enforce_csrf_checks=True)
    client.force_login(professional)
    response = client.post(
        reverse("observaties:family-edit", args=[family.pk]), {"case_reference": "NIEUW-1"}
    )
    assert response.status_code == 403
    assert "Het formulier was verlopen" in _text(_page(response))
    family.refresh_from_db()
    assert family.case_reference != "NIEUW-1"


def test_a_bad_host_header_gets_the_dutch_bad_request_page(client):
    response = client.get("/inloggen/", HTTP_HOST="elders.example")
    assert response.status_code == 400
    assert "Deze aanvraag kon niet worden verwerkt" in _text(_page(response))


def test_a_failure_gets_the_dutch_error_page_without_details(professional, monkeypatch):
    def broken(user):
        raise RuntimeError("database onbereikbaar: 10.0.0.5")

    monkeypatch.setattr(selectors, "dashboard", broken)
    client = VerifiedClient(raise_request_exception=False)
    client.force_login(professional)
    response = client.get("/")
    assert response.status_code == 500
    html = _page(response)
    assert "Er ging iets mis" in _text(html)
    assert "10.0.0.5" not in html
    assert "RuntimeError" not in html


def test_error_pages_follow_the_chosen_language(client):
    client.cookies["django_language"] = "en"
    response = client.get("/bestaat-niet/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert '<html lang="en">' in response.content.decode()
    assert "Page not found" in response.content.decode()


def _while_the_database_is_down(request_function):
    """Run a request on a connection to a database that cannot be reached: a port where nothing
    listens (PostgreSQL), a file in a folder that does not exist (SQLite). In a thread of its own,
    since each thread opens its own connection, so the test's database stays as it is."""
    settings = connections.settings["default"]
    unreachable = (
        {**settings, "PORT": "1"}
        if settings["ENGINE"].endswith("postgresql")
        else {**settings, "NAME": "/bestaat-niet/hechtingswijzer.sqlite3", "TEST": {}}
    )
    result = {}

    def run():
        try:
            result["response"] = request_function()
        finally:
            connections.close_all()

    connections.settings["default"] = unreachable
    try:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join(timeout=60)
    finally:
        connections.settings["default"] = settings
    return result["response"]


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/gezinnen/", None),
        ("post", "/inloggen/", {"username": "medewerker", "password": "wat-dan-ook-123"}),
    ],
)
def test_a_database_that_is_down_gets_the_unavailable_page(method, path, data):
    client = VerifiedClient(raise_request_exception=False)
    client.cookies["sessionid"] = "a" * 32  # a session to read, as a signed-in user has

    response = _while_the_database_is_down(lambda: getattr(client, method)(path, data))

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    text = _text(_page(response))
    assert "De Hechtingswijzer is even niet beschikbaar" in text
    assert "Alles wat al was opgeslagen, blijft bewaard." in text
    assert "Verstuurde je net een formulier? Dat is niet opgeslagen." in text
    health = _while_the_database_is_down(lambda: client.get("/gezond/"))
    assert health.status_code == 503
