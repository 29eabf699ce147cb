"""Logging in with the organisation's account, against a real OpenID provider on loopback
(tests/oidc_provider): the Hechtingswijzer runs in the test process, the provider in its own, and
the provider's pages are followed as a browser would."""

import http.server
import threading
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.models import Membership, OrganisationLogin, OrganisationSession, User
from audit.models import AccessEvent
from deploy.serving import free_port
from tests.factories import DEFAULT_PASSWORD, MembershipFactory, UserFactory
from tests.oidc_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    log_in_at_provider,
    log_out_at_provider,
    running_provider,
)

pytestmark = pytest.mark.django_db

RETURN = "http://testserver/inloggen/organisatie/terug/"


class _LogoutTokens(http.server.BaseHTTPRequestHandler):
    """Where the provider posts its back-channel logout tokens: kept for the test to hand on."""

    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.received.append(parse_qs(body)["logout_token"][0])
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(autouse=True)
def _no_discovery_kept():
    """The discovery document is kept for five minutes per address; a port of an earlier test's
    provider may come back for another test."""
    cache.clear()


@pytest.fixture(scope="module")
def logout_tokens():
    server = http.server.HTTPServer(("127.0.0.1", free_port()), _LogoutTokens)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _LogoutTokens.received.clear()
    yield server, _LogoutTokens.received
    server.shutdown()


@pytest.fixture(scope="module")
def provider(tmp_path_factory, logout_tokens):
    server, _tokens = logout_tokens
    with running_provider(
        tmp_path_factory.mktemp("provider"),
        [RETURN],
        backchannel_logout_uri=f"http://127.0.0.1:{server.server_port}/",
    ) as running:
        yield running


def configure(discovery_url, **fields):
    return OrganisationLogin.objects.create(
        enabled=True,
        discovery_url=discovery_url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        function_title_claim="job_title",
        **fields,
    )


@pytest.fixture
def organisation(provider):
    return configure(provider.discovery_url)


@pytest.fixture
def devries():
    """A professional whose organisation account asserts a second factor."""
    return MembershipFactory(user__username="j.devries", role=Membership.Role.PROFESSIONAL).user


def log_in(client, login, *, change_auth=None, change_return=None, next_url=""):
    """The whole flow: the button, the provider's pages, back; returns the last response."""
    start = client.get(reverse("organisation-login"), {"next": next_url} if next_url else {})
    assert start.status_code == 302, start
    auth_url = change_auth(start["Location"]) if change_auth else start["Location"]
    back = log_in_at_provider(auth_url, login, until=RETURN)
    back = change_return(back) if change_return else back
    return client.get(back.removeprefix("http://testserver"))


def _with_query(url, **changes):
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    return urlunsplit(parts._replace(query=urlencode({**query, **changes})))


def events(action):
    return list(AccessEvent.objects.filter(action=action).values("username", "target", "outcome"))


def refused_with(client, response, reason, text, *, next_url=""):
    """Refused and logged with `reason`; back at the login page, which tells this person (and
    nobody else) `text`."""
    assert response.status_code == 302
    expected = f"{reverse('login')}?{urlencode({'next': next_url})}" if next_url else "/inloggen/"
    assert response["Location"] == expected
    assert "_auth_user_id" not in client.session
    assert events(AccessEvent.Action.LOGIN_FAILED)[-1]["target"] == f"organisatie-account:{reason}"
    assert text in client.get(response["Location"]).content.decode()
    assert text not in Client().get(reverse("login")).content.decode()
    return True


def assert_own_second_factor_asked(client):
    page = client.get("/", follow=True)
    assert page.redirect_chain[0][0].startswith(reverse("two-factor-verify"))
    assert "Tweestapsverificatie instellen" in page.content.decode()


def test_the_login_page_offers_the_organisation_account_beside_the_password(client, organisation):
    content = Client().get(reverse("login")).content.decode()
    assert "Inloggen met je organisatie-account" in content
    assert 'name="password"' in content
    assert "autofocus" not in content  # the focus does not skip the organisation's button


def test_with_passwords_switched_off_the_password_form_is_for_local_accounts(organisation):
    organisation.local_login = False
    organisation.save()
    content = Client().get(reverse("login")).content.decode()
    assert "<details" in content
    assert "alleen voor lokale accounts" in content


def test_without_configuration_the_login_page_has_only_the_password():
    content = Client().get(reverse("login")).content.decode()
    assert "organisatie-account" not in content


def test_a_professional_logs_in_and_the_providers_second_factor_counts(
    organisation, devries, caplog
):
    caplog.set_level("DEBUG")
    client = Client()
    response = log_in(client, "j.devries", next_url="/gezinnen/")
    assert response.status_code == 302
    assert response["Location"] == "/gezinnen/"
    page = client.get("/gezinnen/")
    assert page.status_code == 200  # no second step of our own
    assert "Gezinnen" in page.content.decode()
    devries.refresh_from_db()
    assert devries.function_title == "jeugdverpleegkundige"  # the mapped claim
    [login] = events(AccessEvent.Action.LOGIN)
    assert login == {
        "username": "j.devries",
        "target": "organisatie-account:tweestaps",
        "outcome": AccessEvent.Outcome.ALLOWED,
    }
    # No token anywhere (a JWT starts with "eyJ"): not in the session, the access log or the
    # application's log lines.
    session = client.session.load()
    assert not any("eyJ" in str(value) for value in session.values())
    assert "eyJ" not in str(list(AccessEvent.objects.values()))
    assert "eyJ" not in caplog.text
    assert OrganisationSession.objects.get().user == devries


def test_a_password_set_by_someone_else_is_not_asked_for_after_an_organisation_login(
    organisation, devries
):
    devries.must_choose_password = True
    devries.save()
    client = Client()
    log_in(client, "j.devries")
    assert client.get("/").status_code == 200


def test_without_the_providers_second_factor_our_own_is_asked(organisation):
    MembershipFactory(user__username="a.bakker")
    client = Client()
    response = log_in(client, "a.bakker")
    assert response.status_code == 302
    assert_own_second_factor_asked(client)
    assert events(AccessEvent.Action.LOGIN)[0]["target"] == "organisatie-account"


def test_a_team_lead_whose_provider_asserts_a_second_factor_needs_no_code_of_ours(organisation):
    MembershipFactory(user__username="j.devries", role=Membership.Role.TEAM_LEAD)
    client = Client()
    log_in(client, "j.devries")
    assert client.get("/").status_code == 200


def test_a_second_factor_by_acr_when_the_organisation_names_that_value(provider):
    configure(provider.discovery_url, mfa_amr_values="otp", mfa_acr_values="")
    MembershipFactory(user__username="j.devries")
    client = Client()
    log_in(client, "j.devries")  # amr ["pwd", "mfa"]: "mfa" no longer counts here
    assert_own_second_factor_asked(client)


def test_an_unknown_account_is_refused_and_logged_with_the_name_it_gave(organisation):
    client = Client()
    response = log_in(client, "n.nieuw")
    assert refused_with(
        client, response, "onbekend-account", "hoort bij geen gebruiker van de Hechtingswijzer"
    )
    assert events(AccessEvent.Action.LOGIN_FAILED)[0]["username"] == "n.nieuw"
    assert not User.objects.filter(username="n.nieuw").exists()


def test_an_unknown_account_is_made_without_any_role_when_the_organisation_wants(provider):
    configure(provider.discovery_url, create_users=True)
    client = Client()
    response = log_in(client, "n.nieuw")
    user = User.objects.get(username="n.nieuw")
    assert response.status_code == 302
    assert not user.memberships.exists()
    assert not user.groups.exists()
    assert not user.is_staff
    assert not user.is_superuser
    assert not user.has_usable_password()
    assert user.email == "n.nieuw@voorbeeld.nl"
    [made] = AccessEvent.objects.filter(action=AccessEvent.Action.ACCOUNT_CHANGED)
    assert made.subject_user_id == user.pk
    assert made.target == "organisatie-account:account-aangemaakt"
    # Without a team the dashboard says so, and shows no family.
    dashboard = client.get("/").content.decode()
    assert "Je bent nog geen lid van een team" in dashboard
    assert "Wachtwoord wijzigen" not in dashboard  # there is no password to change


def test_an_account_switched_off_here_is_refused(organisation):
    UserFactory(username="u.uit", is_active=False)
    client = Client()
    response = log_in(client, "u.uit", next_url="/gezinnen/")
    assert refused_with(
        client, response, "account-uitgeschakeld", "is uitgeschakeld", next_url="/gezinnen/"
    )


def test_a_name_given_to_someone_new_at_the_provider_does_not_open_the_old_account(
    organisation, devries
):
    devries.organisation_subject = "org-0999"  # bound at an earlier login, to another person
    devries.save()
    client = Client()
    response = log_in(client, "j.devries")
    assert refused_with(
        client, response, "ander-account", "niet het account waarmee deze gebruiker eerder inlogde"
    )


def test_the_first_login_binds_the_account_to_the_providers_subject(organisation, devries):
    log_in(Client(), "j.devries")
    devries.refresh_from_db()
    assert devries.organisation_subject == "org-0001"


def test_an_account_ended_at_the_provider_is_refused(organisation):
    UserFactory(username="v.vertrokken")
    client = Client()
    response = log_in(client, "v.vertrokken")
    assert refused_with(
        client,
        response,
        "geweigerd-door-organisatie",
        "Je organisatie heeft het inloggen geweigerd",
    )


def test_a_changed_state_is_refused(organisation, devries):
    client = Client()
    response = log_in(client, "j.devries", change_return=lambda url: _with_query(url, state="x"))
    assert refused_with(
        client, response, "state-ongeldig", "hoort niet bij een inlogpoging in deze browser"
    )
    assert not events(AccessEvent.Action.LOGIN)


def test_an_answer_used_twice_is_refused_the_second_time(organisation, devries):
    client = Client()
    start = client.get(reverse("organisation-login"))
    back = log_in_at_provider(start["Location"], "j.devries", until=RETURN)
    assert client.get(back.removeprefix("http://testserver")).status_code == 302
    client.logout()
    again = client.get(back.removeprefix("http://testserver"))
    assert refused_with(client, again, "state-ongeldig", "in deze browser")


def test_a_changed_nonce_is_refused(organisation, devries):
    client = Client()
    response = log_in(
        client, "j.devries", change_auth=lambda url: _with_query(url, nonce="een-andere-nonce")
    )
    assert refused_with(client, response, "nonce-ongeldig", "hoort niet bij deze inlogpoging")
    assert not events(AccessEvent.Action.LOGIN)


def test_a_changed_code_verifier_challenge_is_refused(organisation, devries):
    """PKCE: an answer obtained with another challenge gets no tokens."""
    other = "A" * 43
    client = Client()
    response = log_in(
        client, "j.devries", change_auth=lambda url: _with_query(url, code_challenge=other)
    )
    assert refused_with(client, response, "token-ongeldig", "kon niet worden gecontroleerd")


def test_an_expired_id_token_is_refused(tmp_path, devries):
    # The provider's clock runs ten minutes behind: its ID tokens (valid 60 s) have expired
    # when they arrive, beyond the minute of difference allowed.
    with running_provider(tmp_path, [RETURN], id_token_ttl=60, clock_offset_seconds=-600) as late:
        configure(late.discovery_url)
        client = Client()
        response = log_in(client, "j.devries")
    assert refused_with(client, response, "token-verlopen", "was verlopen")


def test_the_provider_down_gets_a_dutch_message_and_the_password_still_works(professional):
    configure(f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration")
    client = Client()
    response = client.get(reverse("organisation-login"), {"next": "/gezinnen/"})
    assert refused_with(
        client,
        response,
        "provider-onbereikbaar",
        "De inlogdienst van je organisatie is nu niet bereikbaar",
        next_url="/gezinnen/",
    )
    logged_in = client.post(
        reverse("login"), {"username": "medewerker", "password": DEFAULT_PASSWORD}
    )
    assert logged_in.status_code == 302
    assert client.get("/").status_code == 200


def test_the_provider_going_down_during_the_login_gets_the_same_message(tmp_path, devries):
    with running_provider(tmp_path, [RETURN]) as short_lived:
        configure(short_lived.discovery_url)
        client = Client()
        start = client.get(reverse("organisation-login"))
        back = log_in_at_provider(start["Location"], "j.devries", until=RETURN)
    # The provider stopped before its answer was exchanged for tokens.
    response = client.get(back.removeprefix("http://testserver"))
    assert refused_with(client, response, "provider-onbereikbaar", "nu niet bereikbaar")


def test_with_passwords_switched_off_only_local_accounts_and_superusers_use_one(
    organisation, professional
):
    organisation.local_login = False
    organisation.save()
    client = Client()
    response = client.post(
        reverse("login"), {"username": "medewerker", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200
    assert "Log in met je organisatie-account" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert events(AccessEvent.Action.LOGIN_FAILED)[-1] == {
        "username": "medewerker",
        "target": "organisatie-account:lokaal-inloggen-uit",
        "outcome": AccessEvent.Outcome.REFUSED,
    }
    for local in (
        UserFactory(username="noodbeheer", local_login=True),
        UserFactory(username="root", is_superuser=True),
    ):
        response = Client().post(
            reverse("login"), {"username": local.username, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 302, local.username


def test_the_providers_back_channel_logout_ends_the_session(organisation, devries, logout_tokens):
    _server, tokens = logout_tokens
    tokens.clear()
    client = Client()
    browser = requests.Session()  # the person's browser at the provider
    start = client.get(reverse("organisation-login"))
    back = log_in_at_provider(start["Location"], "j.devries", until=RETURN, browser=browser)
    client.get(back.removeprefix("http://testserver"))
    assert client.get("/").status_code == 200
    # The person logs out at the provider, on its own page; the provider posts a signed logout
    # token to this client's back-channel address, which the test hands on unchanged.
    log_out_at_provider(browser, organisation.discovery_url)
    [token] = tokens
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    endpoint = reverse("organisation-logout")
    assert Client().post(endpoint, {"logout_token": tampered}).status_code == 400
    assert client.get("/").status_code == 200  # a forged token ends nothing
    assert Client().post(endpoint, {"logout_token": token}).status_code == 200
    assert client.get("/").url.startswith(reverse("login"))
    assert events(AccessEvent.Action.LOGOUT) == [
        {
            "username": "j.devries",
            "target": "organisatie-account:uitgelogd",
            "outcome": AccessEvent.Outcome.ALLOWED,
        }
    ]
    assert not OrganisationSession.objects.exists()


def test_the_providers_front_channel_logout_ends_the_session_of_its_sid(organisation, devries):
    client = Client()
    log_in(client, "j.devries")
    assert client.get("/").status_code == 200
    sid = OrganisationSession.objects.get().sid  # the sid of the provider's ID token
    assert sid
    endpoint = reverse("organisation-logout-browser")
    issuer = requests.get(organisation.discovery_url, timeout=5).json()["issuer"]
    # As the provider's hidden frame asks it: no session cookie, the issuer and the sid.
    for wrong in (
        {"iss": "https://elders.example", "sid": sid},
        {"sid": sid},
        {"iss": issuer, "sid": "een-andere-sessie"},
    ):
        assert Client().get(endpoint, wrong).status_code == 200
        assert client.get("/").status_code == 200  # ends nothing
    assert Client().get(endpoint, {"iss": issuer, "sid": sid}).status_code == 200
    assert client.get("/").url.startswith(reverse("login"))
    assert events(AccessEvent.Action.LOGOUT)[0]["target"] == "organisatie-account:uitgelogd"


@pytest.mark.parametrize(
    "query",
    [
        {"state": "x" * 5000, "code": "y"},
        {"state": "é☃", "code": "é☃"},
        {"state": "", "code": ""},
        {"error": "access_denied"},
        {"code": "y"},
    ],
)
def test_a_made_up_answer_is_refused_without_an_error_page(organisation, query):
    client = Client()
    response = client.get(reverse("organisation-login-return"), query)
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/"
    assert events(AccessEvent.Action.LOGIN_FAILED)[0]["target"].startswith("organisatie-account:")


@pytest.mark.parametrize(
    "token", ["", "niet-een-token", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", "é" * 9000]
)
def test_a_made_up_logout_token_ends_nothing(organisation, devries, token):
    client = Client()
    log_in(client, "j.devries")
    response = Client().post(reverse("organisation-logout"), {"logout_token": token})
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_request"}
    assert client.get("/").status_code == 200
