"""Every URL pattern of the project, admin included, is checked for anonymous users, each role and
users of another team. A new URL that nobody classified here fails the build.
"""

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from observaties.models import ArchivedDocument, Delivery, Observation, SafetyConcern
from tests.factories import ChildFactory, ObservationFactory
from tests.observaties.test_access_matrix import MATRIX

pytestmark = pytest.mark.django_db

PUBLIC = {"login", "set_language", "logout", "admin:logout", "health", "floor"}
# The organisation login's steps, open before login by nature; without a configured provider they
# lead back to the login page, and the back-channel logout refuses what the provider did not sign
# (tests/accounts/test_organisation_login.py).
ORGANISATION_LOGIN = {
    "organisation-login",
    "organisation-login-return",
    "organisation-logout",
    "organisation-logout-browser",
}
SIGNED_IN = {
    "home",
    "password_change",
    "password_change_done",
    "password-choose",
    "session-keepalive",
    "session-status",
    "two-factor-verify",
    "two-factor-setup",
    "two-factor-codes",
    "audit:event-list",
    "audit:event-csv",
}
# The read API: its OpenAPI document is open; everything else needs a client's credential, and a
# signed-in user's session is none (tests/api/test_read_api.py checks each address per client).
API_OPEN = {"api:openapi"}
API = {
    "api:family-list",
    "api:family-detail",
    "api:family-observations",
    "api:observation-detail",
    "api:observation-report",
    "api:observation-summary",
}
CAST = ["professional", "colleague", "outsider", "team_lead", "other_lead", "functional_admin"]


def _named_patterns(patterns=None, namespace=None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from _named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, pattern


def _all_names():
    return {name for name, _pattern in _named_patterns()}


def _url(name, pattern, objects):
    kwargs = {}
    for group in pattern.pattern.regex.groupindex:
        if group == "pk" and _target(name) in ("document", "delivery"):
            kwargs[group] = objects["document"].observation_id
        elif group == "document_pk":
            kwargs[group] = objects["document"].pk
        elif group == "delivery_pk":
            kwargs[group] = objects["delivery"].pk
        elif group == "pk":
            kwargs[group] = objects[_target(name)].pk
        elif group == "app_label":
            kwargs[group] = "hechting"
        else:
            kwargs[group] = "1"
    return reverse(name, kwargs=kwargs)


def _target(name):
    short = name.split(":")[-1]
    if short in MATRIX and MATRIX[short][1]:
        return MATRIX[short][1]
    return "family"


@pytest.fixture
def objects(family, child, professional, team_lead, team):
    submitted = ObservationFactory(child=child, professional=professional)
    Observation.objects.filter(pk=submitted.pk).update(status=Observation.Status.SUBMITTED)
    approved = ObservationFactory(child=ChildFactory(family=family), professional=professional)
    Observation.objects.filter(pk=approved.pk).update(status=Observation.Status.APPROVED)
    document = ArchivedDocument.objects.create(
        observation=approved,
        kind=ArchivedDocument.Kind.REPORT,
        filename="rapport.pdf",
        pdf=b"%PDF-1.7 fictief",
        size=16,
        sha256="0" * 64,
        made_at=timezone.now(),
        code_version="test",
    )
    return {
        "family": family,
        "child": child,
        "team": team,
        "submitted": submitted,
        "approved": approved,
        "document": document,
        "delivery": Delivery.objects.create(
            document=document,
            state=Delivery.State.REFUSED,
            identification=f"HW-{approved.pk}-rapport",
            document_type="http://127.0.0.1:9/catalogi/api/v1/informatieobjecttypen/rapport",
            confidentiality="vertrouwelijk",
            next_attempt_at=timezone.now(),
        ),
        "observation": ObservationFactory(child=child, professional=professional),
        "concern": SafetyConcern.objects.create(
            child=child, opened_in=submitted, opened_on=submitted.visit_date
        ),
    }


def test_every_url_name_is_classified():
    observaties = {f"observaties:{name}" for name in MATRIX}
    unclassified = {
        name
        for name in _all_names()
        - PUBLIC
        - ORGANISATION_LOGIN
        - SIGNED_IN
        - observaties
        - API_OPEN
        - API
        if not name.startswith("admin:")
    }
    assert unclassified == set()


def test_anonymous_users_get_nothing_but_the_login(client, objects):
    for name, pattern in _named_patterns():
        if name in PUBLIC or name in API_OPEN:
            continue
        url = _url(name, pattern, objects)
        if name in ORGANISATION_LOGIN:
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code in (200, 302, 400, 405), (name, response.status_code)
                assert response.status_code != 302 or response.url == "/inloggen/", name
            continue
        if name in API:
            for method in (client.get, client.post):
                assert method(url).status_code == 401, name
            continue
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in (302, 405), (name, response.status_code)
            if response.status_code == 302:
                assert response.url.startswith(("/inloggen/", "/beheer/login/")), name


@pytest.mark.parametrize("who", CAST)
def test_no_admin_page_for_team_roles_and_no_client_data_in_the_admin(
    client, request, who, objects
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    for name, pattern in _named_patterns():
        if not name.startswith("admin:") or name == "admin:logout":
            continue
        url = _url(name, pattern, objects)
        status = client.get(url).status_code
        if who != "functional_admin":
            assert status != 200, (who, name)
    registered = {model._meta.app_label for model in admin.site._registry}
    assert "observaties" not in registered


@pytest.mark.parametrize("who", ["outsider", "other_lead"])
def test_another_teams_users_never_see_this_teams_objects(client, request, who, objects):
    client.force_login(request.getfixturevalue(who))
    for name, pattern in _named_patterns():
        if not name.startswith("observaties:") or "pk" not in pattern.pattern.regex.groupindex:
            continue
        url = _url(name, pattern, objects)
        for method in (client.get, client.post):
            assert method(url).status_code in (404, 405), (who, name)
