"""factory_boy factories for the standing cast and catalogue objects used across tests."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from accounts.models import Membership, Team
from hechting.models import BehaviourItem, ChecklistVersion, Condition, TextSource
from hechting.selectors import version_content
from observaties import services
from observaties.models import CaregiverEntry, Child, Family, FitAnswer, Observation

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
    text_source = factory.LazyAttribute(
        lambda item: TextSource.objects.create(
            version=item.version,
            kind=TextSource.Kind.ORGANISATION,
            author="Functioneel beheer (test)",
            written_on=date(2026, 12, 1),
        )
    )
    parent_wording = "Je deed iets goeds met {kind}."
    parent_wording_source = factory.SelfAttribute("text_source")
    order = 99


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family
        skip_postgeneration_save = True

    team = factory.SubFactory(TeamFactory)
    case_reference = factory.Sequence(lambda n: f"TEST-{n:04d}")
    opened_on = factory.LazyFunction(lambda: date(2025, 1, 6))

    @factory.post_generation
    def professionals(self, create, extracted, **kwargs):
        if create and extracted:
            self.professionals.add(*extracted)


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    family = factory.SubFactory(FamilyFactory)
    name = factory.Sequence(lambda n: f"K{n}.")
    birth_month = date(2025, 1, 1)


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    child = factory.SubFactory(ChildFactory)
    professional = factory.SubFactory(UserFactory)
    version = factory.LazyFunction(ChecklistVersion.objects.current)
    caregiver = Observation.Caregiver.MOTHER
    visit_date = factory.LazyFunction(lambda: date(2025, 9, 15))
    setting = Observation.Setting.PLAY


def answers(observation, *, position=3, note=""):
    """An answer on `position` of the scale for every item of the observation's version."""
    option = observation.version.scale_options.get(position=position)
    return {item.pk: (option.pk, note) for item in observation.version.items.all()}


def judgement(observation, *, work_point="nee"):
    """What a version-2 observation needs besides its answers: the professional's choice per
    condition, the caregiver network (the mother, every day) and no concern about the child's
    safety; nothing for version 1."""
    version = observation.version
    judged = {}
    if version.asks_work_points:
        judged["work_points"] = {condition.pk: work_point for condition in Condition.objects.all()}
        judged["reflections"] = {
            condition.pk: "Fictieve reden voor dit werkpunt." if work_point == "ja" else ""
            for condition in Condition.objects.all()
        }
    if version.records_caregiver_network:
        judged["caregivers"] = [(CaregiverEntry.Relation.MOTHER, Decimal(7), "")]
        judged["network_check"] = Observation.NetworkCheck.STILL_TRUE
    if version.has_safety_section:
        judged["safety"] = services.SafetyContent(concern="nee")
    if version.has_parent_texts:
        judged["next_visit"] = observation.visit_date + timedelta(days=28)
    questions = version_content(version).fit_questions
    if questions:
        judged["fits"] = {
            question.pk: (FitAnswer.Answer.MOSTLY, frozenset(), "") for question in questions
        }
    return judged


def fill_observation(observation, user, **kwargs):
    """Save a complete answer set as `user`, the way the form would."""
    return save_content(observation, user, scores=answers(observation, **kwargs))


def save_content(observation, user, **content):
    """Save as `user`, the way the form would: every item answered and what the version asks
    besides (with a safety concern, a next contact two weeks on), unless `content` says
    otherwise."""
    safety = content.get("safety")
    if safety is not None and safety.concern == "ja" and "next_visit" not in content:
        content["next_visit"] = observation.visit_date + timedelta(days=14)
    return services.observation_save(
        observation=observation,
        user=user,
        lock_version=Observation.objects.get(pk=observation.pk).lock_version,
        content=services.ObservationContent(
            caregiver=observation.caregiver,
            visit_date=observation.visit_date,
            setting=observation.setting,
            **{"scores": answers(observation), **judgement(observation), **content},
        ),
    )


def approved_observation(child, professional, team_lead, *, position=3, **fields):
    """An observation of `child` by `professional`, every item answered on `position` of the
    scale, submitted and approved by `team_lead`; `fields` set the visit's date, caregiver, …"""
    observation = ObservationFactory(child=child, professional=professional, **fields)
    return approve(observation, professional, team_lead, position=position)


def approve(observation, professional, team_lead, **kwargs):
    """Fill, hand in and approve an existing draft; `kwargs` go to `fill_observation`."""
    fill_observation(observation, professional, **kwargs)
    services.observation_submit(observation=observation, user=professional)
    return services.observation_approve(observation=observation, reviewer=team_lead)
