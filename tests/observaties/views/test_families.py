"""Families and their children as users see them: adding, the family page, closing."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from audit.models import AccessEvent
from observaties import services
from observaties.models import Child, Family, Observation, SafetyConcern
from tests.factories import (
    FamilyFactory,
    ObservationFactory,
    approved_observation,
    save_content,
)

pytestmark = pytest.mark.django_db


def test_a_professional_adds_a_family_and_is_assigned(client, professional, team):
    client.force_login(professional)
    response = client.post(
        reverse("observaties:family-create"),
        {"team": team.pk, "case_reference": "NRD-0042", "opened_on": "2025-03-01"},
    )
    family = Family.objects.get(case_reference="NRD-0042")
    assert response.status_code == 302
    assert list(family.professionals.all()) == [professional]
    assert family.team == team


def test_a_pasted_long_case_reference_or_name_is_refused_in_full_never_cut(
    client, professional, team, family
):
    client.force_login(professional)
    pasted = "NRD-" + "1234567890" * 30
    page = client.get(reverse("observaties:family-create")).content.decode()
    assert 'maxlength="40"' not in page  # the browser would cut a paste without a word
    assert 'data-max-length="40"' in page
    assert "Hoogstens 40 tekens." in page
    response = client.post(
        reverse("observaties:family-create"),
        {"team": team.pk, "case_reference": pasted, "opened_on": "2025-03-01"},
    )
    assert response.status_code == 200
    assert "Dit zijn 304 tekens; hoogstens 40 kan." in response.content.decode()
    assert pasted in response.content.decode()  # shown as typed, to shorten
    assert not Family.objects.filter(case_reference__startswith="NRD-123").exists()
    response = client.post(
        reverse("observaties:child-create", args=[family.pk]),
        {"name": "N" * 41, "birth_month": "2025-01"},
    )
    assert "Dit zijn 41 tekens; hoogstens 40 kan." in response.content.decode()
    assert not family.children.filter(name__startswith="NNN").exists()


def test_a_case_reference_is_unique_within_a_team(client, professional, family, other_team):
    client.force_login(professional)
    response = client.post(
        reverse("observaties:family-create"),
        {
            "team": family.team.pk,
            "case_reference": family.case_reference,
            "opened_on": "2025-03-01",
        },
    )
    assert response.status_code == 200
    assert "Dit dossiernummer bestaat al in dit team." in response.content.decode()
    FamilyFactory(team=other_team, case_reference=family.case_reference)
    assert Family.objects.filter(case_reference=family.case_reference).count() == 2


def test_a_family_cannot_be_added_to_another_team(client, professional, other_team):
    client.force_login(professional)
    response = client.post(
        reverse("observaties:family-create"),
        {"team": other_team.pk, "case_reference": "ZUID-1", "opened_on": "2025-03-01"},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Family.objects.exists()


def test_only_team_members_can_be_assigned(client, professional, colleague, outsider, family):
    client.force_login(professional)
    url = reverse("observaties:family-edit", args=[family.pk])
    data = {"case_reference": "NRD-0001", "opened_on": "2025-01-06"}
    response = client.post(url, {**data, "professionals": [outsider.pk]})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    response = client.post(url, {**data, "professionals": [professional.pk, colleague.pk]})
    assert response.status_code == 302
    assert set(family.professionals.all()) == {professional, colleague}


def test_a_child_is_added_with_a_birth_month(client, professional, family):
    client.force_login(professional)
    response = client.post(
        reverse("observaties:child-create", args=[family.pk]),
        {"name": "J.", "birth_month": "2025-04"},
    )
    assert response.status_code == 302
    assert Child.objects.get(name="J.").birth_month == date(2025, 4, 1)


@pytest.mark.parametrize(
    ("month", "message"),
    [("2999-01", "niet in de toekomst"), ("april", "Vul een maand in als jjjj-mm")],
)
def test_a_bad_birth_month_gets_a_message(client, professional, family, month, message):
    client.force_login(professional)
    response = client.post(
        reverse("observaties:child-create", args=[family.pk]), {"name": "J.", "birth_month": month}
    )
    assert message in response.content.decode()
    assert not Child.objects.exists()


def test_a_closed_family_is_read_only_in_the_ui(client, professional, family, approved):
    client.force_login(professional)
    response = client.post(
        reverse("observaties:family-close", args=[family.pk]),
        {"closed_on": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "Het gezin is afgesloten" in response.content.decode()
    assert "Nieuwe observatie" not in response.content.decode()
    for name in ("child-create", "observation-create"):
        assert client.get(reverse(f"observaties:{name}", args=[family.pk])).status_code == 403


def test_a_search_longer_than_a_case_reference_is_said_not_cut(client, professional, family):
    client.force_login(professional)
    url = reverse("observaties:family-list")
    page = client.get(url).content.decode()
    assert "maxlength" not in page.split('id="zoek"', 1)[1].split(">", 1)[0]
    pasted = family.case_reference + "9" * 300
    page = client.get(url, {"q": pasted}).content.decode()
    assert f"hoogstens 40 tekens; dit zijn er {len(pasted)}." in page
    assert f'value="{pasted}"' in page  # shown as typed, to correct
    assert 'aria-describedby="zoek-fout"' in page
    assert f">{family.case_reference}</a>" not in page  # nothing searched on a cut part
    page = client.get(url, {"q": family.case_reference}).content.decode()
    assert "hoogstens 40 tekens" not in page
    assert f">{family.case_reference}</a>" in page


def test_closing_asks_first_and_says_what_it_means(client, professional, family):
    client.force_login(professional)
    detail = client.get(reverse("observaties:family-detail", args=[family.pk])).content.decode()
    close = reverse("observaties:family-close", args=[family.pk])
    # The family page links to the question; it has no form that closes at once.
    assert f'href="{close}"' in detail
    assert f'action="{close}"' not in detail
    page = client.get(close).content.decode()
    assert f"Gezin {family.case_reference} afsluiten?" in page
    assert "alleen nog te lezen" in page
    assert "De bewaartermijn van 20 jaar begint op de datum van afsluiten." in page
    assert "kan een teamleider het gezin heropenen" in page
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(close, {"closed_on": tomorrow})
    assert response.status_code == 409
    summary = response.content.decode().split("data-error-summary", 1)[1].split("</div>")[0]
    assert "De datum van afsluiten kan niet in de toekomst liggen." in summary
    response = client.post(close, {"closed_on": "gisteren"})
    assert response.status_code == 400
    assert 'href="#id_closed_on"' in response.content.decode()
    assert not Family.objects.get(pk=family.pk).is_closed


def _closed(family, days_ago=0):
    family.closed_on = timezone.localdate() - timedelta(days=days_ago)
    family.opened_on = min(family.opened_on, family.closed_on)
    family.save()
    return family


def test_a_team_lead_reopens_a_closed_family_with_a_reason(client, team_lead, professional, family):
    _closed(family, days_ago=30)
    closed_on = family.closed_on
    reopen = reverse("observaties:family-reopen", args=[family.pk])
    detail = reverse("observaties:family-detail", args=[family.pk])
    client.force_login(professional)
    assert f'href="{reopen}"' not in client.get(detail).content.decode()
    assert client.post(reopen, {"reason": "Fictief: nieuwe melding."}).status_code == 403
    client.force_login(team_lead)
    assert f'href="{reopen}"' in client.get(detail).content.decode()
    # Without a reason: said above the form, and the family stays closed.
    response = client.post(reopen, {"reason": "  "})
    assert response.status_code == 400
    assert 'href="#id_reason"' in response.content.decode()
    assert Family.objects.get(pk=family.pk).closed_on == closed_on
    response = client.post(reopen, {"reason": "Fictief: een nieuwe vraag van het gezin."})
    assert response.status_code == 302
    family.refresh_from_db()
    assert not family.is_closed
    reopening = family.reopenings.get()
    assert (reopening.closed_on, reopening.reopened_by) == (closed_on, team_lead)
    assert AccessEvent.objects.filter(
        family_id=family.pk, target="family-reopen", action="wijzigen"
    ).exists()
    page = client.get(detail).content.decode()
    assert "Fictief: een nieuwe vraag van het gezin." in page
    assert f"Afgesloten op {date_format(closed_on, 'j F Y')}, heropend op" in page
    assert "Nieuwe observatie" in page
    exported = client.get(reverse("observaties:family-export", args=[family.pk])).json()
    assert exported["gezin"]["heropend"][0]["reden"] == "Fictief: een nieuwe vraag van het gezin."


def test_a_family_past_its_retention_term_is_not_reopened(client, team_lead, family, settings):
    _closed(family, days_ago=365 * settings.RETENTION_YEARS + 10)
    client.force_login(team_lead)
    reopen = reverse("observaties:family-reopen", args=[family.pk])
    assert (
        f'href="{reopen}"'
        not in client.get(reverse("observaties:family-detail", args=[family.pk])).content.decode()
    )
    assert client.post(reopen, {"reason": "Fictief."}).status_code == 403
    assert Family.objects.get(pk=family.pk).is_closed
    assert not family.reopenings.exists()


def test_a_family_closes_only_when_every_observation_is_approved(
    client, professional, family, observation
):
    client.force_login(professional)
    close = reverse("observaties:family-close", args=[family.pk])
    today = timezone.localdate().isoformat()
    response = client.post(close, {"closed_on": today}, follow=True)
    assert "Er is nog 1 observatie niet goedgekeurd (1 concept)." in response.content.decode()
    family.refresh_from_db()
    assert not family.is_closed
    # The draft was started by mistake: its author discards it, and then the family closes.
    discard = reverse("observaties:observation-discard", args=[observation.pk])
    checklist = reverse("observaties:observation-edit", args=[observation.pk])
    assert f'href="{discard}">Dit concept verwijderen' in client.get(checklist).content.decode()
    assert "Concept verwijderen?" in client.get(discard).content.decode()
    response = client.post(discard, follow=True)
    assert "Het concept is verwijderd." in response.content.decode()
    assert not Observation.objects.exists()
    assert AccessEvent.objects.filter(
        action="verwijderen", observation_id=observation.pk, family_id=family.pk
    ).exists()
    response = client.post(close, {"closed_on": today}, follow=True)
    assert "Het gezin is afgesloten" in response.content.decode()


def test_the_family_page_shows_a_trend_chart_with_a_text_alternative(
    client, professional, team_lead, child, family
):
    for month in (3, 6, 9):
        approved_observation(
            child,
            professional,
            team_lead,
            position=1 + month // 3,
            visit_date=date(2025, month, 10),
        )
    client.force_login(professional)
    content = client.get(reverse("observaties:family-detail", args=[family.pk])).content.decode()
    # Continuity is the caregiver network in version 2: no chart, a line saying so.
    assert content.count('<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart"') == 2
    assert "3 bezoeken vanaf checklistversie 2: vastgelegd als netwerk van opvoeders" in content
    assert "<title id=" in content
    assert "Verloop van ‘Mentaliseren’" in content
    assert "niet gezien 0, soms 3, vaak 0, steeds 0, geen gelegenheid 0" in content
    assert "Als tabel" in content


def test_a_trend_of_both_parents_names_the_caregiver_at_each_visit(
    client, professional, team_lead, child, family
):
    for month, caregiver in ((3, "moeder"), (6, "vader"), (9, "moeder")):
        approved_observation(
            child, professional, team_lead, visit_date=date(2025, month, 10), caregiver=caregiver
        )
    client.force_login(professional)
    content = client.get(reverse("observaties:family-detail", args=[family.pk])).content.decode()
    # In the chart's words, in its table, and under each bar.
    assert "10-06-2025 (vader), spel: niet gezien 0, soms 0, vaak 3" in content
    assert '<th scope="row">10-03-2025 (moeder), spel</th>' in content
    assert content.count('fill="#333" font-weight="bold">vader</text>') == 2


def test_a_trend_of_one_caregiver_shows_dates_and_situations(
    client, professional, team_lead, child, family
):
    for month in (3, 6):
        approved_observation(child, professional, team_lead, visit_date=date(2025, month, 10))
    client.force_login(professional)
    content = client.get(reverse("observaties:family-detail", args=[family.pk])).content.decode()
    assert "10-06-2025, spel: niet gezien 0" in content
    assert content.count('fill="#333">spel</text>') == 4  # under each bar of both scale charts
    assert "niet in dezelfde situatie" not in content
    assert "(moeder)" not in content
    assert 'font-weight="bold">moeder</text>' not in content


def test_a_long_history_shows_the_newest_visits_and_all_of_them_on_request(
    client, professional, team_lead, child, family
):
    from observaties.models import ItemScore

    visits = [
        approved_observation(
            child, professional, team_lead, visit_date=date(2025, 2, 1) + timedelta(days=14 * n)
        )
        for n in range(14)
    ]
    # The first two visits scored apart, so the charts show whether they are left out.
    ItemScore.objects.filter(observation__in=visits[:2]).update(
        option=visits[0].version.scale_options.get(position=1)
    )
    client.force_login(professional)
    url = reverse("observaties:family-detail", args=[family.pk])
    page = client.get(url).content.decode()
    newest = visits[-1].visit_date
    assert date_format(newest, "j F Y") in page
    assert date_format(visits[1].visit_date, "j F Y") not in page
    assert "De 10 nieuwste van 14 observaties." in page
    assert "De grafieken tonen de laatste 12 van 14 goedgekeurde bezoeken" in page
    assert "niet gezien 0, soms 0, vaak 3" in page
    assert "niet gezien 3" not in page
    everything = client.get(url + "?alle=1").content.decode()
    assert date_format(visits[0].visit_date, "j F Y") in everything
    assert "nieuwste van" not in everything


def test_the_family_edit_writes_through_its_service(professional, colleague, outsider, family):
    from django.core.exceptions import PermissionDenied, ValidationError

    from observaties import services

    with pytest.raises(ValidationError, match="Alleen leden van het eigen team"):
        services.family_update(
            family=family,
            case_reference="NRD-0002",
            opened_on=date(2025, 1, 6),
            professionals=[professional, outsider],
        )
    family.refresh_from_db()
    assert family.case_reference == "NRD-0001"
    assert set(family.professionals.all()) == {professional}

    services.family_update(
        family=family,
        case_reference="NRD-0002",
        opened_on=date(2025, 1, 6),
        professionals=[colleague],
    )
    family.refresh_from_db()
    assert family.case_reference == "NRD-0002"
    assert set(family.professionals.all()) == {colleague}

    Family.objects.filter(pk=family.pk).update(closed_on=date(2026, 1, 1))
    with pytest.raises(PermissionDenied):
        services.family_update(
            family=family,
            case_reference="NRD-0003",
            opened_on=date(2025, 1, 6),
            professionals=[colleague],
        )


def test_a_family_with_an_open_safety_concern_is_not_closed(
    client, professional, team_lead, family, child
):
    """Once closed, nothing in the family changes, so the concern could never be decided: the
    closing is refused with what to do, and the refusal, which names the concern, is logged."""
    observation = ObservationFactory(child=child, professional=professional)
    save_content(
        observation,
        professional,
        safety=services.SafetyContent(
            concern="ja",
            signals="Fictief: een blauwe plek op de arm.",
            step=2,
            step_on=observation.visit_date,
            consultations=[(observation.visit_date, "collega", "Fictief: besproken.")],
        ),
    )
    services.observation_submit(observation=observation, user=professional)
    services.observation_approve(observation=observation, reviewer=team_lead)
    concern = SafetyConcern.objects.get()
    client.force_login(team_lead)
    close = reverse("observaties:family-close", args=[family.pk])
    response = client.post(close, {"closed_on": timezone.localdate().isoformat()}, follow=True)
    page = response.content.decode()
    opened = date_format(concern.opened_on, "j F Y")
    assert f"Er loopt nog een zorg over de veiligheid van {child}, sinds {opened}." in page
    assert "leg eerst bij een huisbezoek een afsluitend besluit vast" in page
    assert not Family.objects.get(pk=family.pk).is_closed
    assert AccessEvent.objects.filter(target=f"veiligheid:{concern.pk}", action="bekijken").exists()
