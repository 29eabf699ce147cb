"""Every URL of the app by every member of the cast: outsiders get 404, anonymous goes to login.

A new URL pattern without a row here fails `test_every_url_is_in_the_matrix`.
"""

import pytest
from django.urls import reverse

from audit.models import AccessEvent
from observaties import services
from observaties import urls as observation_urls
from observaties.access_log import NAMED_OBJECT
from observaties.models import ArchivedDocument, Child, Delivery, Family, Observation, SafetyConcern
from tests.factories import ObservationFactory, fill_observation

pytestmark = pytest.mark.django_db

CAST = ["professional", "colleague", "outsider", "team_lead", "other_lead", "functional_admin"]
OWN = {"professional": 200, "team_lead": 200}  # everyone else: 404


def _expect(**codes):
    return {who: codes.get(who, 404) for who in CAST}


def _data(data):
    return data() if callable(data) else data or {}


MATRIX = {
    # url name: (method, object the URL points at, POST data, expected per role); POST data
    # that holds today's date is a function, so a run that passes midnight still posts today
    "family-list": ("get", None, None, dict.fromkeys(CAST, 200)),
    "family-create": (
        "get",
        None,
        None,
        {**dict.fromkeys(CAST, 200), "functional_admin": 403},
    ),
    "family-detail": ("get", "family", None, _expect(**OWN)),
    # Closing asks first; the closing itself is tested in views/test_families.
    "family-close": ("get", "family", None, _expect(**OWN)),
    # Only a lead of the team reopens; this family is open, so the lead is sent back to it.
    "family-reopen": ("get", "family", None, _expect(professional=403, team_lead=302)),
    "family-edit": ("get", "family", None, _expect(**OWN)),
    "child-create": ("get", "family", None, _expect(**OWN)),
    "family-export": ("get", "family", None, _expect(professional=403, team_lead=200)),
    "observation-create": ("get", "family", None, _expect(**OWN)),
    "observation-detail": ("get", "submitted", None, _expect(**OWN)),
    "observation-pdf": ("get", "submitted", None, _expect(**OWN)),
    # A visit without a safety concern has no confidential part (the download itself and its
    # log are tested in test_stress_and_safety).
    "observation-safety-pdf": ("get", "submitted", None, _expect(professional=404, team_lead=404)),
    "archived-document": ("get", "document", None, _expect(**OWN)),
    "child-pdf": ("get", "child", None, _expect(**OWN)),
    "parent-sheet": ("get", "submitted", None, _expect(**OWN)),
    "parent-sheet-pdf": ("get", "submitted", None, _expect(**OWN)),
    "parent-sheet-read-aloud": ("get", "submitted", None, _expect(**OWN)),
    # Its author words the sheet until approval, also while the team lead reviews it.
    "parent-sheet-edit": ("get", "submitted", None, _expect(professional=200, team_lead=403)),
    "observation-edit": ("get", "observation", None, _expect(professional=200, team_lead=403)),
    "observation-discard": ("get", "observation", None, _expect(professional=200, team_lead=403)),
    "observation-review": (
        "post",
        "submitted",
        {"approve": "1"},
        _expect(professional=403, team_lead=302),
    ),
    "observation-reopen": (
        "post",
        "approved",
        {"reason": "Datum klopt niet."},
        _expect(professional=403, team_lead=302),
    ),
    # A safety concern: for the family's professionals and the team's leads, nobody else.
    "safety-concern": ("get", "concern", None, _expect(**OWN)),
    # With a case system configured (the fixture's answers nothing; the real one is in
    # tests/integration): linking a family to its case, and a lead's second try of a document.
    "family-zaak": ("get", "family", None, _expect(**OWN)),
    "delivery-retry": ("post", "delivery", None, _expect(professional=403, team_lead=302)),
    "team-overview": ("get", "team", None, _expect(team_lead=200)),
    "team-overview-csv": ("get", "team", None, _expect(team_lead=200)),
}


def test_every_url_is_in_the_matrix():
    names = {pattern.name for pattern in observation_urls.urlpatterns}
    assert names == set(MATRIX)


@pytest.fixture
def objects(request, family, child, professional, team_lead, team, case_system):
    submitted = ObservationFactory(child=child, professional=professional)
    fill_observation(submitted, professional)
    services.observation_submit(observation=submitted, user=professional)
    approved = ObservationFactory(child=child, professional=professional)
    fill_observation(approved, professional)
    services.observation_submit(observation=approved, user=professional)
    services.observation_approve(observation=approved, reviewer=team_lead)
    return {
        "family": family,
        "child": child,
        "team": team,
        "submitted": submitted,
        "approved": approved,
        "document": ArchivedDocument.objects.get(observation=approved, kind="rapport"),
        "delivery": Delivery.objects.get(document__observation=approved, document__kind="rapport"),
        "observation": ObservationFactory(child=child, professional=professional),
        "concern": SafetyConcern.objects.create(
            child=child, opened_in=submitted, opened_on=submitted.visit_date
        ),
    }


def _url(name, obj):
    if isinstance(obj, ArchivedDocument):
        return reverse(f"observaties:{name}", args=[obj.observation_id, obj.pk])
    if isinstance(obj, Delivery):
        return reverse(f"observaties:{name}", args=[obj.document.observation_id, obj.pk])
    return reverse(f"observaties:{name}", args=[obj.pk] if obj is not None else [])


def _logged_ids(obj):
    """The family and team an access to `obj` is logged with."""
    if obj is None:
        return None, None
    if isinstance(obj, Family):
        return obj.pk, obj.team_id
    if isinstance(obj, Child):
        return obj.family_id, obj.family.team_id
    if isinstance(obj, Delivery):
        obj = obj.document
    if isinstance(obj, ArchivedDocument):
        obj = obj.observation
    if isinstance(obj, Observation):
        return obj.child.family_id, obj.child.family.team_id
    if isinstance(obj, SafetyConcern):
        return obj.child.family_id, obj.child.family.team_id
    return None, obj.pk  # a team


def test_every_url_with_a_number_names_its_object_for_the_log():
    numbered = {
        pattern.name
        for pattern in observation_urls.urlpatterns
        if "pk" in pattern.pattern.regex.groupindex
    }
    assert numbered == set(NAMED_OBJECT)


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("who", CAST)
def test_access(client, request, objects, name, who):
    method, target, data, expected = MATRIX[name]
    request.getfixturevalue("other_lead")
    user = request.getfixturevalue(who)
    client.force_login(user)
    before = list(Observation.objects.order_by("pk").values_list("status", flat=True))
    logged_before = AccessEvent.objects.count()
    response = getattr(client, method)(_url(name, objects.get(target)), _data(data))
    assert response.status_code == expected[who], response.content[:300]
    if expected[who] in (403, 404):
        assert list(Observation.objects.order_by("pk").values_list("status", flat=True)) == before
    if expected[who] != 302 and (method == "post" or name != "family-create"):
        # Every page that shows client data, and every refusal, writes one row that names the
        # family and team the URL points into, and what was attempted (besides the rows of
        # the safety concerns the page shows, one each).
        new = AccessEvent.objects.all()[: AccessEvent.objects.count() - logged_before]
        (event,) = [e for e in new if not e.target.startswith("veiligheid:")] or new
        outcome = "toegestaan" if expected[who] == 200 else "geweigerd"
        assert (event.user_id, event.outcome) == (user.pk, outcome)
        assert (event.family_id, event.team_id) == _logged_ids(objects.get(target)), event.target
        if method == "post":
            assert event.action != "bekijken"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_anonymous_is_sent_to_login(client, objects, name):
    method, target, data, _expected = MATRIX[name]
    response = getattr(client, method)(_url(name, objects.get(target)), _data(data))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("who", "expected"),
    [("professional", 403), ("team_lead", 302), ("colleague", 404), ("functional_admin", 404)],
)
def test_only_a_team_lead_adds_a_note_to_a_safety_concern(client, request, objects, who, expected):
    user = request.getfixturevalue(who)
    client.force_login(user)
    concern = objects["concern"]
    url = _url("safety-concern", concern)
    response = client.post(url, {"text": "Fictieve notitie."})
    assert response.status_code == expected
    assert concern.notes.exists() == (expected == 302)
    event = AccessEvent.objects.latest("pk")
    assert (event.user_id, event.family_id) == (user.pk, concern.child.family_id)
    if expected == 302:
        assert (event.action, event.target) == ("wijzigen", f"veiligheid:{concern.pk}")
    else:
        assert event.outcome == "geweigerd"


@pytest.mark.parametrize("name", ["safety-concern", "archived-document"])
def test_a_refusal_names_the_object_as_the_allowed_request_would(client, objects, colleague, name):
    """A search of the log on a concern or an archived document also finds who was refused."""
    thing = objects["concern" if name == "safety-concern" else "document"]
    client.force_login(colleague)
    assert client.get(_url(name, thing)).status_code == 404
    event = AccessEvent.objects.latest("pk")
    named = f"veiligheid:{thing.pk}" if name == "safety-concern" else f"archief:{thing.pk}"
    assert (event.outcome, event.target) == ("geweigerd", named)
