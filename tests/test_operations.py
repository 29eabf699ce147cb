"""The health check and the benchmark floor, as a load balancer and the load test use them."""

import pytest
from django.db import DatabaseError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_health_check_answers_when_the_database_does(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


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
