"""Random and hostile values posted to every form: a 4xx or a form error, never a 500, and
nothing changes when the answer is an error.
"""

import re

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from accounts.models import Membership
from audit.models import AccessEvent
from observaties import services
from observaties.models import Child, Family, ItemScore, Observation, StatusChange
from tests.clients import VerifiedClient
from tests.factories import (
    ChildFactory,
    FamilyFactory,
    MembershipFactory,
    ObservationFactory,
    fill_observation,
)

HOSTILE_TEXT = st.one_of(
    st.text(max_size=60),
    # Oversized values, built cheaply: one character repeated past every length limit.
    st.builds(lambda char, size: char * size, st.characters(codec="utf-8"), st.integers(900, 6000)),
    st.sampled_from(
        [
            "",
            "\x00",
            "\u202e\u200b",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "9" * 40,
            "-1",
            "2025-13-45",
            "0",
            "../../etc/passwd",
            "{{ 7*7 }}",
        ]
    ),
)
VALUES = st.one_of(HOSTILE_TEXT, st.integers().map(str), st.lists(HOSTILE_TEXT, max_size=3))
EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.differing_executors,
        HealthCheck.data_too_large,
    ],
)


def _field_names(html):
    names = set(re.findall(r'name="([^"]+)"', html)) - {"csrfmiddlewaretoken", "next"}
    return sorted(names)


class HostileInputTest(TestCase):
    client_class = VerifiedClient

    def setUp(self):
        membership = MembershipFactory(user__username="medewerker")
        self.team = membership.team
        self.professional = membership.user
        lead = MembershipFactory(
            user__username="teamleider", team=self.team, role=Membership.Role.TEAM_LEAD
        ).user
        TOTPDevice.objects.create(user=lead, name="t", confirmed=True)
        self.lead = lead
        self.family = FamilyFactory(team=self.team, professionals=[self.professional])
        child = ChildFactory(family=self.family)
        self.draft = ObservationFactory(child=child, professional=self.professional)
        self.submitted = ObservationFactory(child=child, professional=self.professional)
        fill_observation(self.submitted, self.professional)
        services.observation_submit(observation=self.submitted, user=self.professional)
        self.approved = ObservationFactory(child=child, professional=self.professional)
        fill_observation(self.approved, self.professional)
        services.observation_submit(observation=self.approved, user=self.professional)
        services.observation_approve(observation=self.approved, reviewer=lead)

    def _state(self):
        return (
            list(Family.objects.order_by("pk").values_list("case_reference", "closed_on")),
            list(Child.objects.order_by("pk").values_list("name", "birth_month")),
            list(Observation.objects.order_by("pk").values_list("status", "lock_version")),
            list(ItemScore.objects.order_by("pk").values_list("option", "note")),
            StatusChange.objects.count(),
            self.professional.__class__.objects.get(pk=self.professional.pk).password,
        )

    def _post(self, user, url, data):
        self.client.force_login(user)
        names = _field_names(self.client.get(url).content.decode()) or ["x"]
        before = self._state()
        payload = {name: data.draw(VALUES) for name in names if data.draw(st.booleans())}
        payload.update(data.draw(st.dictionaries(st.text(max_size=12), VALUES, max_size=3)))
        response = self.client.post(url, payload)
        assert response.status_code < 500, (url, response.status_code)
        if response.status_code != 302:
            assert self._state() == before, url
        return response

    @EXAMPLES
    @given(data=st.data())
    def test_family_forms(self, data):
        for url in (
            reverse("observaties:family-create"),
            reverse("observaties:family-edit", args=[self.family.pk]),
            reverse("observaties:child-create", args=[self.family.pk]),
            reverse("observaties:observation-create", args=[self.family.pk]),
        ):
            self._post(self.professional, url, data)

    @EXAMPLES
    @given(data=st.data())
    def test_checklist_form(self, data):
        self._post(
            self.professional,
            reverse("observaties:observation-edit", args=[self.draft.pk]),
            data,
        )

    @EXAMPLES
    @given(data=st.data())
    def test_review_reopen_and_close(self, data):
        for name, pk in (
            ("observation-review", self.submitted.pk),
            ("observation-reopen", self.approved.pk),
            ("family-close", self.family.pk),
        ):
            self._post(self.lead, reverse(f"observaties:{name}", args=[pk]), data)

    @EXAMPLES
    @given(data=st.data())
    def test_account_forms(self, data):
        self._post(self.professional, reverse("password_change"), data)
        self._post(self.lead, reverse("audit:event-list"), data)
        anonymous = Client()
        payload = {"username": data.draw(HOSTILE_TEXT), "password": data.draw(HOSTILE_TEXT)}
        response = anonymous.post(reverse("login"), payload)
        assert response.status_code in (200, 429)

    def test_posts_without_csrf_are_refused_and_change_nothing(self):
        guarded = Client(enforce_csrf_checks=True)
        guarded.force_login(self.professional)
        before = self._state()
        for url in (
            reverse("observaties:family-create"),
            reverse("observaties:observation-edit", args=[self.draft.pk]),
            reverse("observaties:family-close", args=[self.family.pk]),
            reverse("password_change"),
        ):
            assert guarded.post(url, {"case_reference": "X-1"}).status_code == 403
        assert self._state() == before
        assert AccessEvent.objects.filter(action="aanmaken").count() == 0
