import pytest

from api import credentials
from api.models import ApiClient


def register(name, *teams):
    """A client application of `teams`, and its credential."""
    client = ApiClient(name=name, contact="beheer@example.com")
    credential = credentials.issue(client)
    client.save()
    client.teams.set(teams)
    return client, credential


@pytest.fixture
def api_credential(team):
    return register("Dossier JGZ noord (fictief)", team)[1]


@pytest.fixture
def other_credential(other_team):
    return register("Dossier zuid (fictief)", other_team)[1]


def call(client, url, credential=None, **extra):
    if credential is not None:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {credential}"
    return client.get(url, **extra)
