"""Client applications of the read API: registered by the functional admin, the credential shown
once and kept only as a hash, renewed and revoked at once, and every change logged."""

import hashlib

import pytest
from django.urls import reverse

from api import credentials
from api.models import ApiClient
from audit.models import AccessEvent

pytestmark = pytest.mark.django_db


def _register(client, team, name="Dossier JGZ (fictief)"):
    response = client.post(
        reverse("admin:api_apiclient_add"),
        {"name": name, "contact": "beheer@example.com", "teams": [team.pk]},
    )
    assert response.status_code == 200, response.content[:500]
    page = response.content.decode()
    (credential,) = [word for word in page.split('"') if word.startswith("hw_")]
    return ApiClient.objects.get(name=name), credential, page


def test_the_admin_registers_a_client_and_sees_its_credential_once(client, functional_admin, team):
    client.force_login(functional_admin)
    api_client, credential, page = _register(client, team)
    assert "één keer" in page
    assert list(api_client.teams.all()) == [team]
    assert api_client.created_by == functional_admin
    # Only its hash is stored; no page shows it again.
    secret = credential.split("_", 2)[2]  # the secret itself may hold "_"
    assert api_client.secret_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiClient.objects.filter(pk=api_client.pk).values().get())
    change = client.get(reverse("admin:api_apiclient_change", args=[api_client.pk]))
    assert secret not in change.content.decode()
    assert credentials.client_for(credential) == api_client
    event = AccessEvent.objects.get(action="api-client-gewijzigd")
    assert (event.user_id, event.target) == (
        functional_admin.pk,
        f"api-client:{api_client.pk}:teams:{team.pk}",
    )


def test_renewing_the_secret_ends_the_old_one_at_once(client, functional_admin, team):
    client.force_login(functional_admin)
    api_client, old, _page = _register(client, team)
    response = client.post(reverse("admin:api_apiclient_rotate", args=[api_client.pk]))
    assert response.status_code == 200
    (new,) = [word for word in response.content.decode().split('"') if word.startswith("hw_")]
    assert credentials.client_for(old) is None
    assert credentials.client_for(new) == api_client
    assert client.get(reverse("admin:api_apiclient_rotate", args=[api_client.pk])).status_code == (
        405
    )
    assert AccessEvent.objects.filter(
        target=f"api-client:{api_client.pk}:geheim-vernieuwd"
    ).exists()


def test_a_revoked_client_is_refused_at_once_and_gets_no_new_secret(client, functional_admin, team):
    client.force_login(functional_admin)
    api_client, credential, _page = _register(client, team)
    response = client.post(reverse("admin:api_apiclient_revoke", args=[api_client.pk]))
    assert response.status_code == 302
    assert credentials.client_for(credential) is None
    api_client.refresh_from_db()
    assert api_client.revoked_by == functional_admin
    rotate = client.post(reverse("admin:api_apiclient_rotate", args=[api_client.pk]))
    assert rotate.status_code == 302
    api_client.refresh_from_db()
    assert credentials.client_for(credential) is None
    assert AccessEvent.objects.filter(target=f"api-client:{api_client.pk}:ingetrokken").exists()


@pytest.mark.parametrize(
    "credential",
    ["", "hw_", "hw__", "Bearer x", "hw_000000000000_x", "xx_abc_def", "hw_abc_" + "x" * 43],
)
def test_anything_but_a_clients_credential_finds_no_client(functional_admin, team, credential):
    api_client = ApiClient(name="Fictief", contact="beheer@example.com")
    credentials.issue(api_client)
    api_client.save()
    assert credentials.client_for(credential) is None


def test_only_the_functional_admin_registers_clients(client, team_lead, professional):
    for user in (team_lead, professional):
        client.force_login(user)
        assert client.get(reverse("admin:api_apiclient_add")).status_code in (302, 403)


def test_production_without_a_shared_cache_warns_once_there_are_clients(team, settings):
    from api.checks import throttle_needs_a_shared_cache
    from tests.api.conftest import register

    settings.DEBUG = False
    assert throttle_needs_a_shared_cache(databases=["default"]) == []
    register("Dossier (fictief)", team)
    (warning,) = throttle_needs_a_shared_cache(databases=["default"])
    assert warning.id == "api.W001"
    assert "HECHTINGSWIJZER_CACHE_URL" in warning.hint
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/13",
        },
    }
    assert throttle_needs_a_shared_cache(databases=["default"]) == []
