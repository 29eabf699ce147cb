"""An observation asks what its version offers. One handed in before its version had the safety
section keeps its meaning: the part shows as not asked, never as left open, and a correction does
not start asking it."""

import pytest
from django.urls import reverse

from hechting.catalogue import files, shipped_files
from hechting.catalogue.importer import checklist_version_import
from hechting.services import checklist_version_publish
from observaties import selectors, services
from observaties.documents import reports
from observaties.models import Observation
from observaties.observations import rules
from tests import pdfs
from tests.factories import ObservationFactory, save_content

pytestmark = pytest.mark.django_db

NOT_ASKED = "Niet gevraagd: deze observatie was al ingediend voordat checklistversie"


@pytest.fixture
def approved_before_the_section(approved):
    """As hechting 0008 and observaties 0007 left a version-2 visit approved before 0008."""
    Observation.objects.filter(pk=approved.pk).update(safety_concern="", safety_asked=False)
    return Observation.objects.get(pk=approved.pk)


def _safety_section(html):
    start = html.index('id="vertrouwelijk-deel"')
    return html[start : html.index("</section>", start)]


def test_the_report_says_the_safety_part_was_not_asked(
    client, team_lead, approved_before_the_section
):
    client.force_login(team_lead)
    page = client.get(
        reverse("observaties:observation-detail", args=[approved_before_the_section.pk])
    )
    section = _safety_section(page.content.decode())
    assert NOT_ASKED in section
    assert "niet ingevuld" not in section

    # The report says nothing of the safety part, asked or not: it can be shared.
    pdf = pdfs.text(reports.observation_report(approved_before_the_section).pdf)
    assert NOT_ASKED not in pdf
    assert "veiligheid" not in pdf.lower()


def test_an_observation_handed_in_now_is_still_asked(client, team_lead, approved):
    client.force_login(team_lead)
    page = client.get(reverse("observaties:observation-detail", args=[approved.pk]))
    section = _safety_section(page.content.decode())
    assert NOT_ASKED not in section
    assert "Geen zorgen over de veiligheid van het kind vastgelegd bij dit bezoek." in section


def test_a_reopened_observation_is_corrected_without_asking_the_part(
    client, professional, team_lead, approved_before_the_section
):
    observation = services.observation_reopen(
        observation=approved_before_the_section, team_lead=team_lead, reason="Datum klopt niet."
    )
    client.force_login(professional)
    checklist = client.get(reverse("observaties:observation-edit", args=[observation.pk]))
    assert checklist.status_code == 200
    assert 'name="safety_concern"' not in checklist.content.decode()
    assert _hand_in_problems(observation, "safety_") == {}

    services.observation_submit(observation=observation, user=professional)
    assert Observation.objects.get(pk=observation.pk).status == Observation.Status.SUBMITTED
    assert Observation.objects.get(pk=observation.pk).safety_asked is False


def _hand_in_problems(observation, part=""):
    """What the hand-in's rules find missing in what is stored, for the fields of `part`."""
    content, _safety = selectors.stored_content(observation)
    problems = rules.hand_in_problems(content, rules.basis_for(observation))
    return {name: message for name, message in problems.items() if name.startswith(part)}


def _save_with_debts(observation, professional):
    """Every item answered, and debts answered "ja" without an action."""
    debts = observation.version.context_factors.get(code="RV-1")
    save_content(observation, professional, context={debts.pk: ("ja", "Fictief: schulden.")})


def test_stress_actions_are_asked_only_where_the_version_offers_them(
    client, child, professional, team_lead
):
    """What a version offers is its field: a version without stress actions asks for none, and
    that is not read from whether its factors have examples."""
    data = files.read(next(path for path in shipped_files() if path.stem == "v4"))
    data["number"] = 5
    data["offers"] = [name for name in data["offers"] if name != "stress_actions"]
    for factor in data["stress_factors"]:
        factor.pop("action_examples", None)
    checklist_version_publish(version=checklist_version_import(data=data))

    observation = ObservationFactory(child=child, professional=professional)
    assert observation.version.number == 5
    debts = observation.version.context_factors.get(code="RV-1")
    _save_with_debts(observation, professional)
    assert _hand_in_problems(observation, "factor_") == {}
    client.force_login(professional)
    checklist = client.get(reverse("observaties:observation-edit", args=[observation.pk]))
    assert f'name="factor_action_{debts.pk}"' not in checklist.content.decode()
    services.observation_submit(observation=observation, user=professional)
    assert Observation.objects.get(pk=observation.pk).status == Observation.Status.SUBMITTED


def test_a_version_offering_stress_actions_still_asks_for_one(observation, professional):
    _save_with_debts(observation, professional)
    debts = observation.version.context_factors.get(code="RV-1")
    assert _hand_in_problems(observation, "factor_") == {
        f"factor_action_{debts.pk}": (
            "Leg een actie vast (wat, wie en wanneer), of vul in wie er al mee bezig is."
        )
    }
