"""The professional's judgement instead of a computed verdict, and pointers that fit the child."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from hechting.models import ChecklistVersion, Condition, InterventionPointer
from hechting.selectors import version_content
from observaties import selectors, services
from observaties.documents import reports
from observaties.models import Observation
from tests.factories import ChildFactory, ObservationFactory, answers, judgement

pytestmark = pytest.mark.django_db


def _approved(child, professional, team_lead, *, visit_date, position, work_point="nee"):
    observation = ObservationFactory(child=child, professional=professional, visit_date=visit_date)
    services.observation_save(
        observation=observation,
        user=professional,
        lock_version=0,
        content=services.ObservationContent(
            caregiver=observation.caregiver,
            visit_date=visit_date,
            setting=observation.setting,
            scores=answers(observation, position=position),
            **judgement(observation, work_point=work_point),
        ),
    )
    services.observation_submit(observation=observation, user=professional)
    return services.observation_approve(observation=observation, reviewer=team_lead)


def _names(pointers):
    return {pointer.name.split(" ")[0] for pointer in pointers}


def test_at_17_months_voorzorg_never_appears_and_the_video_programmes_do(current_version):
    content = version_content(current_version)
    for condition in Condition.objects.all():
        for months in (0, 6, 17, 30):
            assert "VoorZorg" not in _names(content.pointers_for(condition, months))
    mentalizing = Condition.objects.get(key="mentaliseren")
    assert _names(content.pointers_for(mentalizing, 17)) == {"Kortdurende", "VIPP-SD"}
    assert _names(content.pointers_for(mentalizing, 3)) == {"Kortdurende"}  # VIPP from 6 months


def test_a_pointer_whose_range_ends_at_12_months_does_not_appear_at_13(current_version):
    from hechting.services import checklist_version_create_draft, checklist_version_publish

    draft = checklist_version_create_draft()
    pointer = draft.pointers.get(name__startswith="Kortdurende")
    pointer.max_age_months = 12
    pointer.save()
    published = checklist_version_publish(version=draft)
    content = version_content(published)
    mentalizing = Condition.objects.get(key="mentaliseren")
    assert "Kortdurende" in _names(content.pointers_for(mentalizing, 12))
    assert "Kortdurende" not in _names(content.pointers_for(mentalizing, 13))


def test_low_answers_print_no_advice_unless_the_professional_marks_a_werkpunt(
    professional, team_lead, family
):
    child = ChildFactory(family=family, birth_month=date(2024, 4, 1))
    low = _approved(child, professional, team_lead, visit_date=date(2025, 9, 1), position=1)
    html = reports.observation_report_html(low)
    assert "Werkpunt met de ouder (keuze van de professional):</strong> nee" in html
    assert "Advies van de organisatie" not in html
    assert "Interventies die passen" not in html
    assert "aandacht nodig" not in html.lower()

    high = _approved(
        child, professional, team_lead, visit_date=date(2025, 10, 1), position=4, work_point="ja"
    )
    html = reports.observation_report_html(high)
    assert html.count("Advies van de organisatie bij dit werkpunt") == 3
    assert "Fictieve reden voor dit werkpunt." in html
    assert "(eigen tekst van de organisatie)" in html
    assert "VIPP-SD" in html  # 18 months at the visit
    assert "VoorZorg" not in html
    assert "Databank Effectieve Jeugdinterventies" in html


def test_a_version_1_report_keeps_its_advice_and_says_an_earlier_rule_computed_it(
    professional, team_lead, family
):
    child = ChildFactory(family=family)
    observation = ObservationFactory(child=child, professional=professional)
    Observation.objects.filter(pk=observation.pk).update(
        version=ChecklistVersion.objects.get(number=1)
    )
    observation.refresh_from_db()
    _answer_and_approve(observation, professional, team_lead, position=2)
    html = reports.observation_report_html(observation)
    assert html.count("Advies, berekend met de regel van checklistversie 1") == 3
    assert "Dit is niet het oordeel van de professional" in html
    assert "VoorZorg" in html  # the advice as it was approved, not rewritten
    report = selectors.observation_report(observation)
    assert all(not section.is_work_point for section in report.sections)


def _answer_and_approve(observation, professional, team_lead, *, position):
    services.observation_save(
        observation=observation,
        user=professional,
        lock_version=0,
        content=services.ObservationContent(
            caregiver=observation.caregiver,
            visit_date=observation.visit_date,
            setting=observation.setting,
            scores=answers(observation, position=position),
        ),
    )
    services.observation_submit(observation=observation, user=professional)
    services.observation_approve(observation=observation, reviewer=team_lead)


def test_the_demo_has_both_versions_a_network_change_outside_the_parent_and_a_fitting_pointer(
    settings,
):
    settings.DEMO_MODE = True
    call_command("demo_setup", stdout=StringIO())
    observations = Observation.objects.filter(child__family__case_reference="DEMO-0001")
    assert set(observations.values_list("version__number", flat=True)) == {1, 4}
    last = observations.order_by("visit_date").last()
    assert last.version.number == 4
    change = last.caregiver_changes.get()
    assert change.outside_parent_control
    html = reports.observation_report_html(last)
    assert "buiten de invloed van de ouder" in html
    assert "Advies van de organisatie bij dit werkpunt" in html
    assert "Kortdurende Video-Hometraining" in html
    assert "Wat de antwoorden betekenen" in html
    assert "Nederlands Jeugdinstituut (NJi)" in html
    assert "(bron: kennispagina NJi)" in html
    child_html = reports.child_report_html(last.child)
    # Trends link versions 1 and 2 by item code; the network is listed per version-2 visit.
    assert "netwerk van opvoeders per bezoek" in child_html
    assert "waarvan 1 buiten de invloed van de ouder" in child_html
    trends = {trend.condition.key: trend for trend in selectors.child_trends(last.child)}
    assert len(trends["mentaliseren"].points) == 4
    assert len(trends["continuiteit"].points) == 1
    assert trends["continuiteit"].network_visits == 3
    assert InterventionPointer.objects.filter(version__number=2).count() == 3
