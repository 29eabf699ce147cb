"""factory_boy factories for the standing cast and catalogue objects used across tests."""

import factory
from django.contrib.auth import get_user_model

from accounts.models import Membership, Team
from hechting.models import BehaviourItem, ChecklistVersion, Condition

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.django.Password(DEFAULT_PASSWORD)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Wijkteam {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    role = Membership.Role.PROFESSIONAL


class BehaviourItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BehaviourItem

    version = factory.LazyFunction(
        lambda: ChecklistVersion.objects.get(status=ChecklistVersion.Status.DRAFT)
    )
    condition = factory.LazyFunction(lambda: Condition.objects.get(key="mentaliseren"))
    code = factory.Sequence(lambda n: f"TS-{n + 1}")
    text = "Testgedrag"
    order = 99
