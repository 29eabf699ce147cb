"""Agreements made with the parent are followed up at the next visit; planned visits and late
agreements reach the dashboard; the report ends with its sign-off."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from observaties import selectors, services
from observaties.documents import reports
from observaties.models import Agreement, AgreementFollowUp, Observation
from tests.factories import ObservationFactory, answers, judgement

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def _content(observation, **extra):
    return services.ObservationContent(
        caregiver=observation.caregiver,
        visit_date=observation.visit_date,
        setting=observation.setting,
        scores=answers(observation),
        **{**judgement(observation), **extra},
    )


def _visit(child, professional, team_lead, visit_date, *, approve=True, **extra):
    observation = ObservationFactory(child=child, professional=professional, visit_date=visit_date)
    services.observation_save(
        observation=observation,
        user=professional,
        lock_version=0,
        content=_content(observation, **extra),
    )
    if team_lead is not None:
        services.observation_submit(observation=observation, user=professional)
        if approve:
            services.observation_approve(observation=observation, reviewer=team_lead)
    return Observation.objects.get(pk=observation.pk)


@pytest.fixture
def first_visit(child, professional, team_lead):
    return _visit(
        child,
        professional,
        team_lead,
        today() - timedelta(days=60),
        agreements=[
            ("Elke dag samen een boekje lezen.", Agreement.Who.PARENT, "", None),
            ("Folder meenemen.", Agreement.Who.PROFESSIONAL, "", today() - timedelta(days=30)),
            ("Huisarts bellen.", Agreement.Who.OTHER, "oma", today() - timedelta(days=20)),
        ],
        discussed_on=today() - timedelta(days=60),
        parent_reaction="Ik wil het proberen.",
        next_visit=today() - timedelta(days=3),
    )


def test_the_next_visit_opens_with_the_open_agreements_and_needs_an_answer_for_each(
    client, child, professional, team_lead, first_visit
):
    second = ObservationFactory(child=child, professional=professional, visit_date=today())
    client.force_login(professional)
    page = client.get(reverse("observaties:observation-edit", args=[second.pk])).content.decode()
    assert "Afspraken van eerdere bezoeken" in page
    assert "‘Elke dag samen een boekje lezen.’ (de ouder, afgesproken op" in page
    services.observation_save(
        observation=second, user=professional, lock_version=0, content=_content(second)
    )
    with pytest.raises(ValidationError) as refused:
        services.observation_submit(observation=second, user=professional)
    # beside each open agreement's own field
    assert {f"followup_{a.pk}" for a in selectors.open_agreements(second)} == set(
        refused.value.message_dict
    )
    assert "Kies hoe het ging met deze afspraak" in str(refused.value)
    assert Observation.objects.get(pk=second.pk).status == Observation.Status.DRAFT


def test_a_stopped_agreement_says_why(child, professional, team_lead, first_visit):
    second = ObservationFactory(child=child, professional=professional, visit_date=today())
    stopped = first_visit.agreements.get(who=Agreement.Who.OTHER)
    with pytest.raises(ValidationError, match="waarom"):
        services.observation_save(
            observation=second,
            user=professional,
            lock_version=0,
            content=_content(second, follow_ups={stopped.pk: ("gestopt", " ")}),
        )
    assert not AgreementFollowUp.objects.exists()


def test_done_and_stopped_close_an_agreement_and_going_on_keeps_it_open(
    client, child, professional, team_lead, first_visit
):
    reading, leaflet, doctor = first_visit.agreements.order_by("order")
    _visit(
        child,
        professional,
        team_lead,
        today() - timedelta(days=10),
        follow_ups={
            reading.pk: ("gedaan", ""),
            leaflet.pk: ("loopt-door", "Nog niet gelukt."),
            doctor.pk: ("gestopt", "Niet meer nodig."),
        },
    )
    third = ObservationFactory(child=child, professional=professional, visit_date=today())
    assert selectors.open_agreements(third) == [leaflet]
    # The dashboard lists the late agreement that is still open, not the closed one.
    client.force_login(professional)
    dashboard = client.get(reverse("home")).content.decode()
    assert "Open afspraken over de datum" in dashboard
    assert "Folder meenemen." in dashboard
    assert "Huisarts bellen." not in dashboard
    # The child's trend report lists per visit what was agreed and how it went.
    html = reports.child_report_html(child)
    assert "Per bezoek: wie, werkpunten, stress en afspraken" in html
    assert "gestopt (Niet meer nodig.)" in html
    assert "loopt nog (Nog niet gelukt.)" in html


def test_the_follow_up_refuses_an_agreement_of_another_child(
    child, professional, team_lead, family, first_visit
):
    from tests.factories import ChildFactory

    other = ChildFactory(family=family)
    observation = ObservationFactory(child=other, professional=professional, visit_date=today())
    foreign = first_visit.agreements.first()
    with pytest.raises(ValidationError, match="hoort niet"):
        services.observation_save(
            observation=observation,
            user=professional,
            lock_version=0,
            content=_content(observation, follow_ups={foreign.pk: ("gedaan", "")}),
        )


def test_the_checklist_form_saves_agreements_and_says_what_is_missing(client, child, professional):
    from tests.observaties.test_query_counts import _form_data

    observation = ObservationFactory(child=child, professional=professional)
    client.force_login(professional)
    url = reverse("observaties:observation-edit", args=[observation.pk])
    data = _form_data(observation, {})
    data |= {
        "agreement_what_0": "Samen zingen bij het aankleden.",
        "agreement_who_0": "ouder",
        "agreement_what_1": "Iets zonder wie.",
        "discussed_on": observation.visit_date.isoformat(),
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Kies wie het doet." in response.content.decode()
    assert not observation.agreements.exists()
    data["agreement_who_1"] = "anders"
    data["agreement_other_1"] = "opa"
    assert client.post(url, data).status_code == 302
    assert [(a.what, a.get_who_display()) for a in observation.agreements.all()] == [
        ("Samen zingen bij het aankleden.", "de ouder"),
        ("Iets zonder wie.", "opa"),
    ]
    assert Observation.objects.get(pk=observation.pk).discussed_on == observation.visit_date


def test_planned_visits_on_the_dashboard_and_the_team_overview(
    client, child, professional, team_lead, team, first_visit
):
    client.force_login(professional)
    dashboard = client.get(reverse("home")).content.decode()
    assert "text-bg-danger" in dashboard  # the "te laat" badge
    assert f"{child.family} – {child}" in dashboard
    client.force_login(team_lead)
    overview = client.get(reverse("observaties:team-overview", args=[team.pk])).content.decode()
    assert "1 gezin: het volgende huisbezoek" in overview
    # A new observation of the child plans the next one: nothing is overdue any more.
    _visit(
        child,
        professional,
        None,
        today(),
        next_visit=today() + timedelta(days=7),
        follow_ups=dict.fromkeys(
            first_visit.agreements.values_list("pk", flat=True), ("gedaan", "")
        ),
    )
    overview = client.get(reverse("observaties:team-overview", args=[team.pk])).content.decode()
    assert "0 gezinnen" in overview
    client.force_login(professional)
    dashboard = client.get(reverse("home")).content.decode()
    assert "text-bg-danger" not in dashboard  # the "te laat" badge
    assert (today() + timedelta(days=7)).strftime("%Y") in dashboard


def test_the_report_ends_with_the_sign_off(child, professional, team_lead, first_visit):
    professional.function_title = "jeugdverpleegkundige"
    professional.save()
    team_lead.first_name, team_lead.last_name = "Tara", "Leider"
    team_lead.function_title = "teamleider JGZ"
    team_lead.save()
    html = reports.observation_report_html(Observation.objects.get(pk=first_visit.pk))
    sign_off = html[html.index("Ondertekening") :]
    assert f"{professional.get_full_name()}, jeugdverpleegkundige" in sign_off
    assert "Tara Leider, teamleider JGZ, " in sign_off
    approved_on = first_visit.history.get(to_status="goedgekeurd").at
    assert timezone.localtime(approved_on).strftime("%Y") in sign_off
    assert "Besproken met de ouder op" in sign_off
    assert "Ik wil het proberen." in html


def test_the_discussion_date_is_not_before_the_visit(child, professional):
    observation = ObservationFactory(child=child, professional=professional)
    with pytest.raises(ValidationError, match="vóór het huisbezoek"):
        services.observation_save(
            observation=observation,
            user=professional,
            lock_version=0,
            content=_content(observation, discussed_on=date(2020, 1, 1)),
        )


def test_of_two_visits_on_one_date_the_later_one_follows_up_the_first(
    child, professional, team_lead, first_visit
):
    agreements = list(first_visit.agreements.values_list("pk", flat=True))
    same_day = _visit(
        child,
        professional,
        team_lead,
        today(),
        approve=False,
        agreements=[("Samen zingen.", Agreement.Who.PARENT, "", None)],
        follow_ups=dict.fromkeys(agreements, ("gedaan", "")),
    )
    later = ObservationFactory(child=child, professional=professional, visit_date=today())
    assert [a.what for a in selectors.open_agreements(later)] == ["Samen zingen."]
    # The first of the two follows up the earlier visit, not its own agreements or the second's.
    assert {a.pk for a in selectors.open_agreements(same_day)} == set(agreements)
