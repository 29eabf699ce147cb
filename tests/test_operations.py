"""The health check and the benchmark floor, as a load balancer and the load test use them."""

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_health_check_answers_when_the_database_does(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def production_hosts(settings):
    """As in production: only the public name is allowed, and plain HTTP is sent to HTTPS."""
    settings.ALLOWED_HOSTS = ["hechtingswijzer.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.parametrize(
    "host", ["10.0.0.11:8001", "hechtingswijzer", "hechtingswijzer.example.org"]
)
def test_a_load_balancer_probing_an_app_server_directly_gets_the_health_check(
    production_hosts, host
):
    client = Client()
    response = client.get("/gezond/", HTTP_HOST=host)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert client.head("/gezond/", HTTP_HOST=host).status_code == 200


def test_only_the_health_check_skips_the_host_and_https_checks(production_hosts):
    client = Client()
    assert client.get("/inloggen/", HTTP_HOST="10.0.0.11:8001").status_code == 400
    response = client.get("/inloggen/", HTTP_HOST="hechtingswijzer.example.org")
    assert response.status_code == 301
    assert response.url == "https://hechtingswijzer.example.org/inloggen/"
    assert client.get("/gezond/vloer/", HTTP_HOST="10.0.0.11:8001").status_code == 400


def test_the_health_check_fails_when_the_database_does_not(client, monkeypatch):
    # A database outage cannot be staged inside the test transaction; the cursor fails instead.
    def unreachable(*args, **kwargs):
        raise DatabaseError("verbinding weg")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", unreachable)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "database-onbereikbaar"}


def test_the_floor_is_constant_and_needs_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("floor"))
    assert response.content == b"ok"
