"""The workflow: every transition, every refused transition, and optimistic locking."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hechting.services import checklist_version_publish
from observaties import services
from observaties.models import Family, ItemScore, Observation, StatusChange
from tests.factories import ObservationFactory, answers, fill_observation, judgement

pytestmark = pytest.mark.django_db
Status = Observation.Status


def _content(observation, **overrides):
    values = {
        "caregiver": observation.caregiver,
        "visit_date": observation.visit_date,
        "setting": observation.setting,
        "scores": answers(observation),
    }
    values.update(overrides)
    return services.ObservationContent(**values)


def test_a_new_observation_pins_the_current_version_for_ever(child, professional, draft):
    observation = services.observation_create(
        child=child,
        professional=professional,
        caregiver="moeder",
        visit_date=date(2025, 6, 1),
        setting="spel",
    )
    checklist_version_publish(version=draft)
    observation.refresh_from_db()
    assert observation.version.number == 4
    assert observation.status == Status.DRAFT


@pytest.mark.parametrize(
    ("visit_date", "message"),
    [
        (lambda: timezone.localdate() + timedelta(days=1), "kan niet in de toekomst liggen"),
        (lambda: date(2024, 12, 31), "vóór de geboortemaand"),
    ],
)
def test_visit_dates_outside_the_childs_life_are_refused(child, professional, visit_date, message):
    with pytest.raises(ValidationError) as error:
        services.observation_create(
            child=child,
            professional=professional,
            caregiver="moeder",
            visit_date=visit_date(),
            setting="spel",
        )
    assert message in error.value.message_dict["visit_date"][0]
    assert not Observation.objects.exists()


def test_a_draft_can_be_saved_incomplete(observation, professional):
    first = observation.version.items.first()
    option = observation.version.scale_options.get(position=2)
    services.observation_save(
        observation=observation,
        user=professional,
        lock_version=0,
        content=_content(observation, scores={first.pk: (option.pk, "Keek op bij geluid")}),
    )
    score = ItemScore.objects.get(observation=observation)
    assert (score.item, score.option, score.note) == (first, option, "Keek op bij geluid")
    observation.refresh_from_db()
    assert observation.lock_version == 1


def test_submitting_requires_every_item_answered(observation, professional):
    first = observation.version.items.first()
    option = observation.version.scale_options.get(position=2)
    services.observation_save(
        observation=observation,
        user=professional,
        lock_version=0,
        content=_content(observation, scores={first.pk: (option.pk, "")}),
    )
    with pytest.raises(ValidationError) as error:
        services.observation_submit(observation=observation, user=professional)
    unanswered = observation.version.items.filter(code__in=["SR-2", "SR-3"])
    items = {name: errors for name, errors in error.value.message_dict.items() if "item_" in name}
    assert {f"item_{item.pk}" for item in unanswered} <= set(items)
    assert f"item_{first.pk}" not in items
    assert items[f"item_{unanswered[0].pk}"] == [
        "Kies een antwoord of ‘geen gelegenheid om te observeren’."
    ]
    observation.refresh_from_db()
    assert observation.status == Status.DRAFT
    assert not StatusChange.objects.exists()


def test_no_opportunity_counts_as_an_answer(observation, professional):
    no_opportunity = observation.version.scale_options.get(is_no_opportunity=True)
    scores = {item.pk: (no_opportunity.pk, "") for item in observation.version.items.all()}
    services.observation_save(
        observation=observation,
        user=professional,
        lock_version=0,
        content=_content(observation, scores=scores, **judgement(observation)),
    )
    services.observation_submit(observation=observation, user=professional)
    observation.refresh_from_db()
    assert observation.status == Status.SUBMITTED


def test_submit_then_approve_keeps_a_history(submitted, professional, team_lead):
    services.observation_approve(observation=submitted, reviewer=team_lead, comment="Helder")
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    history = list(submitted.history.values_list("from_status", "to_status", "user", "comment"))
    assert history == [
        (Status.DRAFT, Status.SUBMITTED, professional.pk, ""),
        (Status.SUBMITTED, Status.APPROVED, team_lead.pk, "Helder"),
    ]


def test_returning_requires_a_comment(submitted, team_lead):
    with pytest.raises(ValidationError) as error:
        services.observation_return(observation=submitted, reviewer=team_lead, comment="  ")
    assert "verplicht bij terugsturen" in error.value.messages[0]
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_returned_observations_are_edited_and_submitted_again(submitted, professional, team_lead):
    services.observation_return(
        observation=submitted, reviewer=team_lead, comment="Vul SR-2 aan met een voorbeeld."
    )
    fill_observation(submitted, professional, note="aangevuld")
    services.observation_submit(observation=submitted, user=professional)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert [change.to_status for change in submitted.history.all()] == [
        Status.SUBMITTED,
        Status.RETURNED,
        Status.SUBMITTED,
    ]


def test_an_approved_observation_is_read_only(approved, professional):
    with pytest.raises(PermissionDenied):
        fill_observation(approved, professional, note="later gewijzigd")
    assert not ItemScore.objects.filter(note="later gewijzigd").exists()


def test_only_a_team_lead_reopens_with_a_reason(approved, professional, team_lead):
    with pytest.raises(ValidationError):
        services.observation_reopen(observation=approved, team_lead=team_lead, reason="")
    with pytest.raises(ValidationError):
        services.observation_reopen(observation=approved, team_lead=professional, reason="x")
    services.observation_reopen(
        observation=approved, team_lead=team_lead, reason="Verkeerde datum ingevuld."
    )
    approved.refresh_from_db()
    assert approved.status == Status.RETURNED
    assert approved.history.last().comment == "Verkeerde datum ingevuld."


@pytest.mark.parametrize(
    "attempt",
    ["approve_draft", "return_draft", "approve_twice", "own_approval", "professional_approves"],
)
def test_refused_transitions_change_nothing(
    attempt, observation, professional, colleague, team_lead, team
):
    if attempt == "approve_twice":
        fill_observation(observation, professional)
        services.observation_submit(observation=observation, user=professional)
        services.observation_approve(observation=observation, reviewer=team_lead)
    if attempt == "own_approval":
        observation = ObservationFactory(child=observation.child, professional=team_lead)
        fill_observation(observation, team_lead)
        services.observation_submit(observation=observation, user=team_lead)
    if attempt == "professional_approves":
        fill_observation(observation, professional)
        services.observation_submit(observation=observation, user=professional)
    before = Observation.objects.get(pk=observation.pk).status
    changes = StatusChange.objects.count()
    call = {
        "approve_draft": lambda: services.observation_approve(
            observation=observation, reviewer=team_lead
        ),
        "return_draft": lambda: services.observation_return(
            observation=observation, reviewer=team_lead, comment="x"
        ),
        "approve_twice": lambda: services.observation_approve(
            observation=observation, reviewer=team_lead
        ),
        "own_approval": lambda: services.observation_approve(
            observation=observation, reviewer=team_lead
        ),
        "professional_approves": lambda: services.observation_approve(
            observation=observation, reviewer=colleague
        ),
    }[attempt]
    with pytest.raises((ValidationError, PermissionDenied)):
        call()
    assert Observation.objects.get(pk=observation.pk).status == before
    assert StatusChange.objects.count() == changes


def test_the_second_of_two_saves_gets_stale_and_overwrites_nothing(observation, professional):
    first = observation.version.items.first()
    low, high = (observation.version.scale_options.get(position=p) for p in (1, 4))
    services.observation_save(
        observation=observation,
        user=professional,
        lock_version=0,
        content=_content(observation, scores={first.pk: (high.pk, "eerste")}),
    )
    with pytest.raises(services.StaleObservationError):
        services.observation_save(
            observation=observation,
            user=professional,
            lock_version=0,
            content=_content(observation, scores={first.pk: (low.pk, "tweede")}),
        )
    score = ItemScore.objects.get(observation=observation)
    assert (score.option, score.note) == (high, "eerste")


def test_items_of_another_version_are_refused(observation, professional, draft):
    foreign = draft.items.first()
    option = observation.version.scale_options.first()
    with pytest.raises(ValidationError):
        services.observation_save(
            observation=observation,
            user=professional,
            lock_version=0,
            content=_content(observation, scores={foreign.pk: (option.pk, "")}),
        )
    assert not ItemScore.objects.exists()
    observation.refresh_from_db()
    assert observation.lock_version == 0


def test_a_closed_family_is_read_only(observation, professional, family, child):
    # Closed before a family had to be finished first, with a draft still open.
    Family.objects.filter(pk=family.pk).update(closed_on=timezone.localdate())
    with pytest.raises(PermissionDenied):
        fill_observation(observation, professional)
    with pytest.raises(PermissionDenied):
        services.observation_discard(observation=observation, user=professional)
    with pytest.raises(PermissionDenied):
        services.observation_create(
            child=child,
            professional=professional,
            caregiver="moeder",
            visit_date=timezone.localdate(),
            setting="spel",
        )
    assert Observation.objects.count() == 1


@pytest.mark.parametrize("status", ["concept", "ingediend", "teruggestuurd"])
def test_a_family_with_an_unfinished_observation_stays_open(observation, family, status):
    Observation.objects.filter(pk=observation.pk).update(status=status)
    with pytest.raises(ValidationError, match=rf"nog 1 observatie niet goedgekeurd \(1 {status}\)"):
        services.family_close(family=family, closed_on=timezone.localdate())
    family.refresh_from_db()
    assert family.closed_on is None


def test_only_its_author_discards_a_draft_never_handed_in(
    observation, professional, colleague, team_lead
):
    for someone in (colleague, team_lead):
        with pytest.raises(PermissionDenied):
            services.observation_discard(observation=observation, user=someone)
    fill_observation(observation, professional)
    services.observation_submit(observation=observation, user=professional)
    services.observation_return(observation=observation, reviewer=team_lead, comment="Aanvullen.")
    with pytest.raises(PermissionDenied):
        services.observation_discard(observation=observation, user=professional)
    assert Observation.objects.filter(pk=observation.pk, status="teruggestuurd").exists()


def test_a_family_cannot_close_in_the_future(family):
    with pytest.raises(ValidationError):
        services.family_close(family=family, closed_on=timezone.localdate() + timedelta(days=2))
    family.refresh_from_db()
    assert family.closed_on is None


def test_the_age_in_months_at_the_visit(child):
    assert child.age_in_months(date(2025, 9, 15)) == 8
    assert child.age_in_months(date(2025, 1, 31)) == 0
