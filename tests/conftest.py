"""The standing cast: every view test can ask who may and who may not.

Team leads and functional admins must log in with a second factor; the cast has an authenticator
device each, and `client.force_login` completes that step the way a real login would.
"""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from zgw_consumers.constants import APITypes
from zgw_consumers.models import Service

from accounts.models import Membership
from accounts.roles import FUNCTIONAL_ADMIN_GROUP
from hechting.models import ChecklistVersion
from hechting.selectors import forget_frozen_versions
from hechting.services import checklist_version_create_draft
from observaties import services
from observaties.checklist import compiled
from tests.clients import VerifiedClient
from tests.factories import (
    ChildFactory,
    FamilyFactory,
    MembershipFactory,
    ObservationFactory,
    TeamFactory,
    UserFactory,
    fill_observation,
)
from zaaksysteem.models import CaseSystem


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as a deployment makes it: migrated, then the shipped checklist
    versions installed from their data files."""
    with django_db_blocker.unblock():
        call_command("catalogue_install", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_version_cache():
    """Each test's database is rolled back, and SQLite may then reuse a version's id."""
    forget_frozen_versions()
    compiled.forget()
    yield
    forget_frozen_versions()
    compiled.forget()


@pytest.fixture
def client():
    return VerifiedClient()


def with_device(user):
    TOTPDevice.objects.create(user=user, name="Testtelefoon", confirmed=True)
    return user


@pytest.fixture
def team():
    return TeamFactory(name="Wijkteam Noord")


@pytest.fixture
def other_team():
    return TeamFactory(name="Wijkteam Zuid")


@pytest.fixture
def professional(team):
    return MembershipFactory(
        user__username="medewerker", team=team, role=Membership.Role.PROFESSIONAL
    ).user


@pytest.fixture
def colleague(team):
    return MembershipFactory(
        user__username="collega", team=team, role=Membership.Role.PROFESSIONAL
    ).user


@pytest.fixture
def outsider(other_team):
    return MembershipFactory(
        user__username="buitenstaander", team=other_team, role=Membership.Role.PROFESSIONAL
    ).user


@pytest.fixture
def team_lead(team):
    return with_device(
        MembershipFactory(
            user__username="teamleider", team=team, role=Membership.Role.TEAM_LEAD
        ).user
    )


@pytest.fixture
def functional_admin(db):
    user = UserFactory(username="beheerder", is_staff=True)
    user.groups.add(Group.objects.get(name=FUNCTIONAL_ADMIN_GROUP))
    return with_device(user)


@pytest.fixture
def current_version(db):
    return ChecklistVersion.objects.current()


@pytest.fixture
def draft(current_version):
    return checklist_version_create_draft()


@pytest.fixture
def other_lead(other_team):
    return with_device(
        MembershipFactory(
            user__username="teamleider-zuid", team=other_team, role=Membership.Role.TEAM_LEAD
        ).user
    )


@pytest.fixture
def family(team, professional):
    return FamilyFactory(team=team, case_reference="NRD-0001", professionals=[professional])


@pytest.fixture
def child(family):
    return ChildFactory(family=family, name="T.", birth_month=date(2025, 1, 1))


@pytest.fixture
def observation(child, professional, current_version):
    """A draft by the assigned professional."""
    return ObservationFactory(child=child, professional=professional)


@pytest.fixture
def submitted(observation, professional):
    fill_observation(observation, professional)
    return services.observation_submit(observation=observation, user=professional)


@pytest.fixture
def approved(submitted, team_lead):
    return services.observation_approve(observation=submitted, reviewer=team_lead)


@pytest.fixture
def case_system(db):
    """A configured case system that does not answer (a closed port on loopback): pages and
    services act as configured; a delivery that runs fails as unreachable. The real one is in
    tests/integration."""
    zaken = Service.objects.create(
        label="Zaken (test)",
        slug="zaken-test",
        api_type=APITypes.zrc,
        api_root="http://127.0.0.1:9/zaken/api/v1/",
        client_id="test",
        secret="test-only-secret-of-at-least-32-bytes",
        timeout=2,
    )
    documenten = Service.objects.create(
        label="Documenten (test)",
        slug="documenten-test",
        api_type=APITypes.drc,
        api_root="http://127.0.0.1:9/documenten/api/v1/",
        client_id="test",
        secret="test-only-secret-of-at-least-32-bytes",
        timeout=2,
    )
    config = CaseSystem.get_solo()
    config.zaken_service = zaken
    config.documenten_service = documenten
    config.rsin = "002220647"
    config.report_type = "http://127.0.0.1:9/catalogi/api/v1/informatieobjecttypen/rapport"
    config.full_clean()
    config.save()
    return config
