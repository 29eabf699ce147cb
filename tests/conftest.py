"""The standing cast: every view test can ask who may and who may not."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import Membership
from accounts.roles import FUNCTIONAL_ADMIN_GROUP
from hechting.models import ChecklistVersion
from hechting.services import checklist_version_create_draft
from tests.factories import MembershipFactory, TeamFactory, UserFactory


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
    return MembershipFactory(
        user__username="teamleider", team=team, role=Membership.Role.TEAM_LEAD
    ).user


@pytest.fixture
def functional_admin(db):
    user = UserFactory(username="beheerder", is_staff=True)
    user.groups.add(Group.objects.get(name=FUNCTIONAL_ADMIN_GROUP))
    return user


@pytest.fixture
def current_version(db):
    return ChecklistVersion.objects.current()


@pytest.fixture
def draft(current_version):
    return checklist_version_create_draft()
