"""Numbers, query strings and headers no model can hold: a 404 or 400 with the app's own page,
never a 500, and a refused number is still logged."""

import pytest
from django.test import override_settings
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from audit.models import AccessEvent
from observaties.access_log import NAMED_OBJECT
from tests.clients import VerifiedClient
from tests.factories import DEFAULT_PASSWORD, FamilyFactory, MembershipFactory

BEYOND_64_BITS = [2**63, 10**20, 10**40]


def _numbered_url(name, number):
    # the observation and its document, or its delivery to the case system
    ones = [1, 1] if name in ("archived-document", "delivery-retry") else [1]
    url = reverse(f"observaties:{name}", args=ones).replace("/1/", f"/{number}/", 1)
    return url.replace("/1.", f"/{number}.", 1)  # the downloads: rapport.pdf, overzicht.csv


def _ask(client, url):
    """GET, or POST where the URL takes only that (closing, reviewing, reopening)."""
    response = client.get(url)
    return client.post(url) if response.status_code == 405 else response


@pytest.mark.django_db
@pytest.mark.parametrize("number", BEYOND_64_BITS)
@pytest.mark.parametrize("name", sorted(NAMED_OBJECT))
def test_numbers_beyond_64_bits_are_not_found_and_logged(client, professional, name, number):
    client.force_login(professional)
    response = _ask(client, _numbered_url(name, number))
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    event = AccessEvent.objects.filter(outcome="geweigerd").first()
    assert (event.target.split(":")[0], event.family_id, event.observation_id) == (name, None, None)


@pytest.mark.django_db
def test_a_nul_character_in_the_search_is_refused_with_the_apps_page(client, professional):
    client.force_login(professional)
    response = client.get(reverse("observaties:family-list"), {"q": "NRD\x00"})
    assert response.status_code == 400
    assert "Ongeldige aanvraag" in response.content.decode()


@pytest.mark.django_db
@override_settings(BEHIND_PROXY=True)
@pytest.mark.parametrize("forwarded", ["not-an-ip", "999.1.1.1", "1.2.3.4, ::ffff:zz", ""])
def test_a_malformed_forwarded_address_still_logs_in(forwarded, professional):
    client = VerifiedClient(HTTP_X_FORWARDED_FOR=forwarded)
    response = client.post(
        reverse("login"), {"username": "medewerker", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    event = AccessEvent.objects.get(action="inloggen")
    assert event.ip_address in (None, "127.0.0.1")


EXAMPLES = settings(max_examples=40, deadline=None)


class HostileRequestTest(TestCase):
    """Random numbers in every numbered URL, random query strings on the pages that read them,
    and random forwarded addresses at the login: never a 500."""

    client_class = VerifiedClient

    def setUp(self):
        membership = MembershipFactory(user__username="medewerker")
        self.professional = membership.user
        # Of the team, but not assigned to the professional: no number leads to a page.
        FamilyFactory(team=membership.team, professionals=[])

    @EXAMPLES
    @given(
        number=st.integers(min_value=0, max_value=10**30),
        name=st.sampled_from(sorted(NAMED_OBJECT)),
    )
    def test_url_numbers(self, number, name):
        self.client.force_login(self.professional)
        before = AccessEvent.objects.filter(outcome="geweigerd").count()
        assert _ask(self.client, _numbered_url(name, number)).status_code == 404
        assert AccessEvent.objects.filter(outcome="geweigerd").count() == before + 1

    @EXAMPLES
    @given(
        query=st.dictionaries(
            st.sampled_from(
                [
                    "q",
                    "gesloten",
                    "pagina",
                    "ouder",
                    "nieuwer",
                    "formaat",
                    "family",
                    "user",
                    "start",
                    "end",
                    "next",
                ]
            ),
            st.text(max_size=50),
            max_size=4,
        ),
        url=st.sampled_from(
            ["observaties:family-list", "audit:event-list", "home", "two-factor-verify"]
        ),
    )
    def test_query_strings(self, query, url):
        self.client.force_login(self.professional)
        response = self.client.get(reverse(url), query)
        assert response.status_code in (200, 302, 400, 404), (url, query, response.status_code)

    @EXAMPLES
    @given(forwarded=st.text(max_size=60), user=st.text(max_size=30))
    def test_forwarded_addresses(self, forwarded, user):
        with override_settings(BEHIND_PROXY=True):
            client = VerifiedClient(HTTP_X_FORWARDED_FOR=forwarded)
            response = client.post(reverse("login"), {"username": user, "password": "fout"})
        assert response.status_code in (200, 400, 429), response.status_code
