"""Two requests at once on PostgreSQL: closing a family against changing what is in it.

Each race runs two real transactions on two connections. The first does its work and holds its
transaction open while the second starts; whichever order they come in, the outcome must be one
that the two requests one after the other could have had: one wins, the other is refused with a
Dutch message, and a closed family never holds an observation that is not approved.
"""

import threading
import time
from datetime import date
from unittest import skipUnless
from unittest.mock import patch

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction
from django.test import RequestFactory
from django.utils import timezone

from accounts.models import Membership, Team
from observaties import services
from observaties.checklist import kept_forms
from observaties.documents import archive
from observaties.models import (
    ArchivedDocument,
    Child,
    Family,
    KeptForm,
    Observation,
    ParentSheet,
    SafetyConcern,
)
from observaties.parent_sheet import SheetText
from tests.committed import CommittedTestCase
from tests.factories import (
    ChildFactory,
    FamilyFactory,
    MembershipFactory,
    ObservationFactory,
    approved_observation,
    fill_observation,
)

HOLD_SECONDS = 0.5
CLOSED = "Dit gezin is afgesloten en kan niet meer worden gewijzigd."


def race(first, second):
    """Run `first` in a transaction that stays open until `second` has started, and return
    both outcomes: "ok", or the Dutch message of the refusal."""
    outcomes = {}
    started = threading.Barrier(2, timeout=10)

    def run(name, action):
        try:
            with transaction.atomic():
                if name == "first":
                    try:
                        action()
                    finally:  # refused or not, its transaction stays open a while
                        started.wait()
                        time.sleep(HOLD_SECONDS)  # the second request is now waiting, or done
                else:
                    started.wait()
                    action()
            outcomes[name] = "ok"
        except (PermissionDenied, ValidationError) as error:
            outcomes[name] = " ".join(getattr(error, "messages", None) or [str(error)])
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=item) for item in (("first", first), ("second", second))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes["first"], outcomes["second"]


@skipUnless(connection.vendor == "postgresql", "row locks need PostgreSQL; SQLite has one writer")
class ClosingRacesTest(CommittedTestCase):
    def setUp(self):
        team = Team.objects.create(name="Wijkteam Race")
        self.professional = MembershipFactory(user__username="medewerker", team=team).user
        self.team_lead = MembershipFactory(
            user__username="teamleider", team=team, role=Membership.Role.TEAM_LEAD
        ).user
        self.family = FamilyFactory(team=team, professionals=[self.professional])
        self.child = ChildFactory(family=self.family, name="T.", birth_month=date(2025, 1, 1))

    # Helpers: each returns the service call as the request would make it.

    def close(self):
        return lambda: services.family_close(family=self.family, closed_on=timezone.localdate())

    def reopen(self, observation):
        return lambda: services.observation_reopen(
            observation=observation, team_lead=self.team_lead, reason="Datum klopt niet."
        )

    def approve(self, observation):
        return lambda: services.observation_approve(
            observation=observation, reviewer=self.team_lead
        )

    def submit(self, observation):
        return lambda: services.observation_submit(observation=observation, user=self.professional)

    def approved(self):
        return approved_observation(self.child, self.professional, self.team_lead)

    def filled_draft(self):
        observation = ObservationFactory(child=self.child, professional=self.professional)
        fill_observation(observation, self.professional)
        return observation

    def status(self, observation):
        return Observation.objects.get(pk=observation.pk).status

    def closed_on(self):
        return Family.objects.get(pk=self.family.pk).closed_on

    def assert_no_closed_family_holds_unfinished_work(self):
        unfinished = Observation.objects.filter(child__family__closed_on__isnull=False).exclude(
            status=Observation.Status.APPROVED
        )
        assert not unfinished.exists()

    # Closing against reopening: the race that left a returned observation in a closed family.

    def test_closing_first_refuses_the_reopening(self):
        observation = self.approved()
        first, second = race(self.close(), self.reopen(observation))

        assert (first, second) == ("ok", CLOSED)
        assert self.status(observation) == Observation.Status.APPROVED
        self.assert_no_closed_family_holds_unfinished_work()

    def test_reopening_first_refuses_the_closing(self):
        observation = self.approved()
        first, second = race(self.reopen(observation), self.close())

        assert first == "ok"
        assert second.startswith("Er is nog 1 observatie niet goedgekeurd (1 teruggestuurd)."), (
            second
        )
        assert self.closed_on() is None
        self.assert_no_closed_family_holds_unfinished_work()

    # Closing against submitting: a draft is unfinished work, so the closing is always refused.

    def test_closing_first_and_submitting(self):
        observation = self.filled_draft()
        first, second = race(self.close(), self.submit(observation))

        assert first.startswith("Er is nog 1 observatie niet goedgekeurd (1 concept).")
        assert second == "ok"
        assert self.status(observation) == Observation.Status.SUBMITTED
        assert self.closed_on() is None

    def test_submitting_first_and_closing(self):
        observation = self.filled_draft()
        first, second = race(self.submit(observation), self.close())

        assert first == "ok"
        assert second.startswith("Er is nog 1 observatie niet goedgekeurd (1 ingediend).")
        assert self.closed_on() is None

    # Closing against approving: approving first lets the closing that waited for it through.

    def test_closing_first_and_approving(self):
        observation = self.filled_draft()
        services.observation_submit(observation=observation, user=self.professional)
        first, second = race(self.close(), self.approve(observation))

        assert first.startswith("Er is nog 1 observatie niet goedgekeurd (1 ingediend).")
        assert second == "ok"
        assert self.closed_on() is None

    def test_approving_first_and_closing(self):
        observation = self.filled_draft()
        services.observation_submit(observation=observation, user=self.professional)
        first, second = race(self.approve(observation), self.close())

        assert (first, second) == ("ok", "ok")
        assert self.status(observation) == Observation.Status.APPROVED
        assert self.closed_on() == timezone.localdate()
        self.assert_no_closed_family_holds_unfinished_work()

    def test_a_save_in_the_family_does_not_wait_for_an_approvals_render(self):
        """The approval renders its documents before it takes the family's lock: a save of
        another observation of the family goes through while the render runs."""
        approving = self.filled_draft()
        services.observation_submit(observation=approving, user=self.professional)
        other = ObservationFactory(child=self.child, professional=self.professional)
        rendering, saved = threading.Event(), threading.Event()
        render = archive.render
        waited = {}

        def render_once_the_other_saved(observation):
            rendering.set()
            waited["saved"] = saved.wait(timeout=10)
            return render(observation)

        def save_other():
            rendering.wait(timeout=10)
            with transaction.atomic():
                fill_observation(other, self.professional)
            saved.set()
            connections.close_all()

        saver = threading.Thread(target=save_other)
        saver.start()
        with patch.object(archive, "render", render_once_the_other_saved):
            services.observation_approve(observation=approving, reviewer=self.team_lead)
        saver.join(timeout=30)

        assert waited == {"saved": True}
        assert self.status(approving) == Observation.Status.APPROVED
        assert Observation.objects.get(pk=other.pk).lock_version == other.lock_version + 1
        documents = ArchivedDocument.objects.filter(observation=approving)
        assert documents.count() == 2  # the report and the sheet for the parent
        assert set(documents.values_list("approval__at", flat=True)) == {
            approving.history.get(to_status=Observation.Status.APPROVED).at
        }

    def test_an_approval_refuses_when_the_observation_changed_during_its_render(self):
        approving = self.submitted()
        render = archive.render

        def reworded_meanwhile(observation):
            """The author rewords the sheet while it renders: the rewording waits for this
            observation's row, takes the family's lock first, and commits once the render's
            savepoint is rolled back, before the approval gets the family's lock."""
            documents = render(observation)

            def reword():
                try:
                    with transaction.atomic():
                        self.reword(approving, "Fictief: anders verwoord.")()
                finally:
                    connections.close_all()

            worker = threading.Thread(target=reword)
            worker.start()
            worker.join(timeout=HOLD_SECONDS)  # now waiting for the observation's row
            return documents

        with (
            patch.object(archive, "render", reworded_meanwhile),
            self.assertRaisesMessage(ValidationError, "gewijzigd terwijl je haar goedkeurde"),
        ):
            services.observation_approve(observation=approving, reviewer=self.team_lead)
        assert self.status(approving) == Observation.Status.SUBMITTED
        assert not ArchivedDocument.objects.filter(observation=approving).exists()

    # Closing against what adds to the family.

    def test_closing_first_refuses_adding_a_child(self):
        self.approved()

        def add_child():
            services.child_create(family=self.family, name="B.", birth_month=date(2025, 6, 1))

        assert race(self.close(), add_child) == ("ok", CLOSED)
        assert list(Child.objects.values_list("name", flat=True)) == ["T."]

    def test_closing_first_refuses_starting_an_observation(self):
        self.approved()

        def start():
            services.observation_create(
                child=self.child,
                professional=self.professional,
                caregiver=Observation.Caregiver.MOTHER,
                visit_date=timezone.localdate(),
                setting=Observation.Setting.PLAY,
            )

        assert race(self.close(), start) == ("ok", CLOSED)
        assert Observation.objects.count() == 1

    # Approving against rewording the sheet for the parent: the sheet that was approved is the
    # one that stays, and no rewording lands after approval.

    def reword(self, observation, text):
        return lambda: services.parent_sheet_save(
            observation=observation, user=self.professional, text=SheetText(went_well=text)
        )

    def submitted(self):
        observation = self.filled_draft()
        services.observation_submit(observation=observation, user=self.professional)
        return observation

    def test_approving_first_refuses_the_rewording(self):
        observation = self.submitted()
        first, second = race(self.approve(observation), self.reword(observation, "Te laat."))
        assert first == "ok"
        assert "tot de observatie is goedgekeurd" in second
        sheet = ParentSheet.objects.get(observation=observation)
        assert sheet.final_at is not None
        assert sheet.went_well != "Te laat."

    def test_rewording_first_is_what_approval_makes_final(self):
        observation = self.submitted()
        first, second = race(self.reword(observation, "Op tijd."), self.approve(observation))
        assert (first, second) == ("ok", "ok")
        sheet = ParentSheet.objects.get(observation=observation)
        assert (sheet.went_well, sheet.final_at is not None) == ("Op tijd.", True)

    # Two visits of one child recording a safety concern at once: one concern, not two.

    def record_concern(self, observation):
        def save():
            content = services.ObservationContent(
                caregiver=observation.caregiver,
                visit_date=observation.visit_date,
                setting=observation.setting,
                safety=services.SafetyContent(
                    concern="ja", signals="Fictief signaal.", step=1, step_on=observation.visit_date
                ),
            )
            services.observation_save(
                observation=observation,
                user=self.professional,
                lock_version=observation.lock_version,
                content=content,
            )

        return save

    def test_two_visits_recording_a_concern_at_once_share_one(self):
        first = ObservationFactory(child=self.child, professional=self.professional)
        second = ObservationFactory(child=self.child, professional=self.professional)
        assert race(self.record_concern(first), self.record_concern(second)) == ("ok", "ok")
        (concern,) = SafetyConcern.objects.all()
        assert concern.assessments.count() == 2


@skipUnless(connection.vendor == "postgresql", "row locks need PostgreSQL; SQLite has one writer")
class KeptFormTakenOnceTest(CommittedTestCase):
    """Two of the author's sessions open the link to a kept form at the same moment: one gets
    the form back, the other the message that it is no longer there."""

    @staticmethod
    def _take(request, observation):
        """A take as the checklist makes it: "ok" with the form, refused ("weg") without."""

        def take():
            if kept_forms.take(request, observation) is None:
                raise ValidationError("weg")

        return take

    def test_two_sessions_take_a_kept_form_once(self):
        team = Team.objects.create(name="Wijkteam Race")
        author = MembershipFactory(team=team, user__username="race-medewerker").user
        family = FamilyFactory(team=team)
        observation = ObservationFactory(child=ChildFactory(family=family), professional=author)
        cookie = signing.dumps([author.pk, "browser-race"], salt=kept_forms._SALT)

        def request(method="get", data=None):
            made = getattr(RequestFactory(), method)("/", data or {})
            made.COOKIES[kept_forms.COOKIE] = cookie
            made.user = author
            return made

        for _round in range(5):
            assert kept_forms.keep(request("post", {"conclusion": "Fictief"}), observation.pk)
            outcomes = race(*(self._take(request(), observation) for _session in range(2)))
            assert sorted(outcomes) == ["ok", "weg"], outcomes
        assert not KeptForm.objects.exists()
