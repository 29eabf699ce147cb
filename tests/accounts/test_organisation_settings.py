"""Connecting the organisation's provider: the functional admin's page and the operator's
command, against the real test provider (tests/oidc_provider)."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import OrganisationLogin
from audit.models import AccessEvent
from deploy.serving import free_port
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, running_provider

pytestmark = pytest.mark.django_db

PAGE = "/beheer/accounts/organisationlogin/"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with running_provider(tmp_path_factory.mktemp("provider"), ["http://testserver/"]) as running:
        yield running


def _form(discovery_url, **changes):
    return {
        "enabled": "on",
        "discovery_url": discovery_url,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scopes": "openid email profile",
        "identifying_claim": "preferred_username",
        "user_field": "username",
        "function_title_claim": "",
        "mfa_amr_values": "mfa",
        "mfa_acr_values": "",
        "local_login": "on",
        **changes,
    }


def test_the_functional_admin_connects_the_provider_and_the_secret_is_never_shown(
    client, functional_admin, provider
):
    client.force_login(functional_admin)
    assert client.get(PAGE).status_code == 200  # one configuration: the list is its page
    response = client.post(PAGE, _form(provider.discovery_url))
    assert response.status_code == 302
    assert response.url == PAGE
    config = OrganisationLogin.current()
    assert config.usable
    assert config.client_secret == CLIENT_SECRET
    page = client.get(PAGE).content.decode()
    assert "Het inloggen met het organisatie-account is opgeslagen." in page
    assert CLIENT_SECRET not in page
    # Saved again with the secret left empty: the secret stays.
    client.post(PAGE, _form(provider.discovery_url, client_secret=""))
    assert OrganisationLogin.current().client_secret == CLIENT_SECRET
    assert OrganisationLogin.objects.count() == 1
    changes = AccessEvent.objects.filter(target="organisatie-inloggen-gewijzigd")
    assert changes.count() == 2
    assert {event.username for event in changes} == {"beheerder"}


def test_turning_it_on_needs_a_provider_that_answers(client, functional_admin):
    client.force_login(functional_admin)
    nowhere = f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration"
    response = client.post(PAGE, _form(nowhere))
    assert response.status_code == 200
    assert "geen bruikbaar configuratiedocument" in response.content.decode()
    assert not OrganisationLogin.current().enabled
    assert not OrganisationLogin.current().discovery_url
    response = client.post(PAGE, _form("http://login.example.org/.well-known/x"))
    assert "Het adres moet met https:// beginnen." in response.content.decode()
    response = client.post(PAGE, _form(nowhere, client_id="", scopes="email"))
    content = response.content.decode()
    assert "Nodig om het inloggen met het organisatie-account aan te zetten." in content
    assert "De scope openid is altijd nodig." in content


def test_whether_an_account_may_still_use_a_password_is_logged_as_a_right(
    client, functional_admin, professional
):
    client.force_login(functional_admin)
    page = client.get(f"/beheer/accounts/user/{professional.pk}/change/").content.decode()
    assert 'name="local_login"' in page
    # The admin's own form as it stands, with "lokaal account" ticked.
    form = client.get(f"/beheer/accounts/user/{professional.pk}/change/").context["adminform"]
    data = {name: value for name, value in form.form.initial.items() if value is not None}
    data.update(
        {
            "local_login": "on",
            "is_active": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "date_joined_0": form.form.initial["date_joined"].strftime("%Y-%m-%d"),
            "date_joined_1": form.form.initial["date_joined"].strftime("%H:%M:%S"),
        }
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)
    data["groups"] = []
    data["user_permissions"] = []
    response = client.post(f"/beheer/accounts/user/{professional.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    professional.refresh_from_db()
    assert professional.local_login
    assert AccessEvent.objects.filter(
        action=AccessEvent.Action.ACCOUNT_CHANGED,
        subject_user_id=professional.pk,
        target="local_login:aan",
    ).exists()


def test_the_operators_command_takes_the_secret_from_the_environment(provider, monkeypatch, capsys):
    monkeypatch.setenv("HECHTINGSWIJZER_OIDC_CLIENT_SECRET", CLIENT_SECRET)
    call_command(
        "organisation_login",
        "--enabled",
        "--discovery-url",
        provider.discovery_url,
        "--client-id",
        CLIENT_ID,
        "--no-local-login",
    )
    config = OrganisationLogin.current()
    assert config.usable
    assert not config.local_login
    monkeypatch.delenv("HECHTINGSWIJZER_OIDC_CLIENT_SECRET")
    capsys.readouterr()
    call_command("organisation_login")
    shown = capsys.readouterr().out
    assert "client_secret: (ingesteld)" in shown
    assert CLIENT_SECRET not in shown
    with pytest.raises(CommandError, match="openid is altijd nodig"):
        call_command("organisation_login", "--scopes", "email")
    assert OrganisationLogin.current().scopes == "openid email profile"
