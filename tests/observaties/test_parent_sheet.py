"""The sheet for the parent: plain words from the checklist, the professional's own wording kept
from approval on, and nothing the parent was not meant to read."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from demo.management.commands.demo_setup import DEMO_DEBTS_NOTE, DEMO_REACTION
from hechting import plain_language
from hechting.models import ChecklistVersion
from hechting.services import checklist_version_problems
from observaties import services
from observaties.documents import reports
from observaties.models import Observation, ParentSheet
from observaties.parent_sheet import sheet_for
from tests import pdfs
from tests.factories import ObservationFactory, answers, judgement

pytestmark = pytest.mark.django_db

PRIVATE_NOTE = "Huurachterstand van drie maanden, beslag op het loon."
SHARED_NOTE = "Je hebt hulp gevraagd voor de rekeningen."


def _pdf_text(data: bytes):
    """The sheet's lines as laid out, its page count and its document information."""
    return "\n".join(pdfs.layout_lines(data)), pdfs.info(data).pages, pdfs.info(data)


def _words(text):
    """The sheet's text with the layout's line breaks and page footers taken out."""
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if line and not re.fullmatch(r"blad \d+ van \d+", line)]


def _save(observation, user, *, work_point="nee", context=None, shared=(), **extra):
    return services.observation_save(
        observation=observation,
        user=user,
        lock_version=Observation.objects.get(pk=observation.pk).lock_version,
        content=services.ObservationContent(
            caregiver=observation.caregiver,
            visit_date=observation.visit_date,
            setting=observation.setting,
            scores=answers(observation, position=4),
            context=context or {},
            shared_factors=set(shared),
            **judgement(observation, work_point=work_point),
            **extra,
        ),
    )


def _approve(observation, professional, team_lead):
    services.observation_submit(observation=observation, user=professional)
    return services.observation_approve(observation=observation, reviewer=team_lead)


@pytest.fixture
def observation(child, professional):
    return ObservationFactory(child=child, professional=professional)


def test_every_demo_sheet_is_plain_short_and_keeps_the_stress_note_out(tmp_path):
    call_command("demo_setup", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sheets = [
        o
        for o in Observation.objects.select_related("version", "child__family", "professional")
        if o.version.has_parent_texts
    ]
    assert len(sheets) >= 5
    for observation in sheets:
        data = reports.parent_sheet_report(observation).pdf
        text, pages, info = _pdf_text(data)
        lines = _words(text)
        plain = "\n".join(lines)
        assert 1 <= pages <= 2, observation
        assert plain_language.jargon_in(plain) == [], (observation, plain)
        for option in observation.version.scale_options.all():
            assert not re.search(rf"\b{re.escape(option.label)}\b", plain, re.IGNORECASE)
        # The sentences as a reader meets them: joined over the layout's line breaks.
        flowing = " ".join(lines)
        assert plain_language.average_sentence_length(flowing) <= 12, (observation, flowing)
        assert "Wat ging goed?" in plain
        assert plain.index("Wat ging goed?") < plain.index("Wat gaan we samen oefenen?")
        assert observation.child.name in plain
        assert "jullie" not in plain  # no guess at who lives in the home
        assert "hebben we weer contact." in plain  # a concrete date
        assert "De datum volgt nog." not in plain
        # How to reach us: the professional by name and function, the team's own number.
        assert f"{observation.professional.get_full_name()}, jeugdverpleegkundige" in plain
        assert "Bel: 0800-1234567" in plain
        assert "Mail: wijkteam-demo@example.org" in plain
        # Not on the parent's sheet: the stress note, the professional's reasoning, counts.
        assert "betalingsachterstand" not in plain
        assert DEMO_DEBTS_NOTE[:30] not in plain
        assert DEMO_REACTION[:30] not in plain
        assert not re.search(r"\d+ van de \d+", plain)
        assert info.tagged


def test_the_sheet_is_archival_with_its_own_print_stylesheet_in_large_type(
    observation, professional, team_lead
):
    _save(observation, professional)
    _approve(observation, professional, team_lead)
    report = reports.parent_sheet_report(observation)
    info = pdfs.info(report.pdf)
    assert (info.pdfa_part, info.pdfa_conformance) == ("3", "A")
    # The file name names the case and the visit, never the child.
    assert report.filename == (
        f"voor-de-ouder-NRD-0001-{observation.visit_date.isoformat()}"
        f"-observatie-{observation.pk}.pdf"
    )
    assert observation.child.name not in report.filename
    stylesheet = (Path(settings.BASE_DIR) / "static/css/parent-sheet.css").read_text()
    sizes = re.findall(r"font-size:\s*([\d.]+)(\w+)", stylesheet)
    assert sizes
    assert all(unit == "pt" and float(size) >= 12 for size, unit in sizes), sizes
    assert "report.css" not in report.html


def test_a_stress_note_reaches_the_sheet_only_when_shared(
    observation, professional, team_lead, tmp_path
):
    factors = {f.code: f.pk for f in observation.version.context_factors.all()}
    context = {factors["RV-1"]: ("ja", PRIVATE_NOTE), factors["RV-2"]: ("ja", SHARED_NOTE)}
    actions = {
        factors["RV-1"]: ("Aanmelden bij de schuldhulp", "verwijzing", "de gemeente", None),
        factors["RV-2"]: ("Samen de verhuurder bellen", "medewerker", "", None),
    }
    _save(
        observation,
        professional,
        context=context,
        shared=[factors["RV-2"]],
        stress_actions=actions,
    )
    _approve(observation, professional, team_lead)
    text, _pages, _info = _pdf_text(reports.parent_sheet_report(observation).pdf)
    plain = " ".join(_words(text))
    assert SHARED_NOTE in plain
    assert "Wat speelt er thuis?" in plain
    assert "Huurachterstand" not in plain
    # An action on a stress factor is on the sheet only with the factor's shared note.
    assert "Samen de verhuurder bellen" in plain
    assert "schuldhulp" not in plain
    # The professional's report says which note the parent got.
    report = reports.observation_report_html(observation)
    assert "gedeeld met de ouder" in report


def test_what_went_well_is_in_the_parents_words_and_two_things_at_most_to_practise(
    observation, professional
):
    _save(observation, professional, work_point="ja")
    sheet = sheet_for(observation)
    name = observation.child.name
    assert f"Je keek vriendelijk en je lachte naar {name}." in sheet.went_well
    assert all("{kind}" not in line for line in sheet.went_well + sheet.practise)
    # Every condition is a werkpunt here, every behaviour seen always: the conditions' own tips,
    # two things to practise, not three.
    assert len(sheet.practise) == 2
    assert sheet.practise[0].startswith(f"Kijk eerst wat {name} wil of laat zien.")


def test_without_a_werkpunt_there_is_nothing_extra_to_practise(client, observation, professional):
    _save(observation, professional, work_point="nee")
    client.force_login(professional)
    page = client.get(reverse("observaties:parent-sheet", args=[observation.pk]))
    assert page.status_code == 200
    assert "We gaan nu niets extra oefenen." in page.content.decode()


def test_the_professional_rewords_it_and_approval_keeps_it_so(
    client, observation, professional, team_lead
):
    _save(observation, professional)
    client.force_login(professional)
    url = reverse("observaties:parent-sheet-edit", args=[observation.pk])
    suggested = client.get(url)
    assert "Je keek vriendelijk" in suggested.content.decode()
    own = "Je keek heel lief naar je kind.\nJe las samen een boekje."
    response = client.post(
        url, {"went_well": own, "practise": "", "why": "Dit helpt.", "at_home": ""}
    )
    assert response.status_code == 302
    sheet = ParentSheet.objects.get(observation=observation)
    assert (sheet.went_well, sheet.edited_by, sheet.final_at) == (own, professional, None)

    _approve(observation, professional, team_lead)
    sheet.refresh_from_db()
    assert sheet.final_at is not None
    # Once approved the sheet is final: nobody changes it any more, its author neither.
    assert client.get(url).status_code == 403
    refused = client.post(url, {"went_well": "Anders.", "practise": "", "why": "", "at_home": ""})
    assert refused.status_code == 403
    sheet.refresh_from_db()
    assert sheet.went_well == own
    page = client.get(reverse("observaties:parent-sheet", args=[observation.pk])).content.decode()
    assert "Je las samen een boekje." in page
    assert "definitief sinds de goedkeuring" in page


def test_jargon_is_refused_and_nothing_is_stored(client, observation, professional):
    _save(observation, professional)
    client.force_login(professional)
    url = reverse("observaties:parent-sheet-edit", args=[observation.pk])
    response = client.post(
        url,
        {
            "went_well": "Je reageerde sensitief op het kind.",
            "practise": "",
            "why": "",
            "at_home": "",
        },
    )
    assert response.status_code == 400
    assert "geen vaktaal: sensitief" in response.content.decode()
    assert not ParentSheet.objects.filter(observation=observation).exists()
    three = "Een.\nTwee.\nDrie."
    response = client.post(url, {"went_well": "Goed.", "practise": three, "why": "", "at_home": ""})
    assert response.status_code == 400
    assert "Hoogstens twee" in response.content.decode()


def test_approval_stores_the_suggestion_so_the_sheet_reads_the_same_later(
    observation, professional, team_lead
):
    _save(observation, professional)
    _approve(observation, professional, team_lead)
    stored = ParentSheet.objects.get(observation=observation)
    assert stored.edited_by is None
    assert stored.final_at is not None
    before = sheet_for(observation).went_well
    # Whatever happens to the answers afterwards, the approved sheet reads as it did.
    observation.scores.update(option=observation.version.scale_options.get(position=1))
    assert sheet_for(observation).went_well == before


def test_reopening_suggests_an_unchanged_sheet_again_and_keeps_an_own_wording(
    observation, professional, team_lead
):
    _save(observation, professional)
    _approve(observation, professional, team_lead)
    services.observation_reopen(observation=observation, team_lead=team_lead, reason="Datum.")
    assert not ParentSheet.objects.filter(observation=observation).exists()
    services.parent_sheet_save(
        observation=observation,
        user=professional,
        text=sheet_for(observation).text.__class__(went_well="Je lachte veel."),
    )
    _approve(observation, professional, team_lead)
    services.observation_reopen(observation=observation, team_lead=team_lead, reason="Nog eens.")
    sheet = ParentSheet.objects.get(observation=observation)
    assert (sheet.went_well, sheet.final_at) == ("Je lachte veel.", None)


def test_a_version_without_parent_texts_offers_no_sheet(client, child, professional):
    first = ChecklistVersion.objects.get(number=1)
    observation = ObservationFactory(child=child, professional=professional, version=first)
    client.force_login(professional)
    response = client.get(reverse("observaties:parent-sheet", args=[observation.pk]))
    assert response.status_code == 403
    assert "nog geen teksten" in response.content.decode()


def test_publishing_needs_every_parent_text_in_plain_words(draft):
    item = draft.items.first()
    draft.items.filter(pk=item.pk).update(parent_wording="")
    content = draft.condition_contents.first()
    draft.condition_contents.filter(pk=content.pk).update(
        parent_tip="Werk aan de gehechtheidsrelatie en {naam}."
    )
    problems = " ".join(checklist_version_problems(draft))
    assert f"{item.code} – voor de ouder ontbreekt" in problems
    assert "vaktaal die een ouder niet kent: gehechtheidsrelatie" in problems
    assert "bevat {naam}" in problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Je lachte. Je speelde met Noor.", 3.0),
        ("Zeg: ‘Je bent verdrietig.’ Dan voelt Noor zich gezien!", 4.5),
        ("", 0.0),
    ],
)
def test_sentence_length_counts_words_per_sentence(text, expected):
    assert plain_language.average_sentence_length(text) == expected


def test_the_words_a_parent_would_not_know():
    text = "Sensitief reageren, continuïteit, mentaliseren, items en de randvoorwaarden."
    assert plain_language.jargon_in(text) == [
        "continuïteit",
        "items",
        "mentaliseren",
        "randvoorwaarden",
        "sensitief",
    ]
    assert plain_language.jargon_in("Je keek vaak naar Noor; dat is belangrijk.") == []


def test_the_date_is_today_or_earlier(observation, professional):
    with pytest.raises(Exception, match="toekomst"):
        _save(observation, professional, discussed_on=date(2999, 1, 1))


def test_a_teams_number_must_look_like_a_phone_number(db):
    from django.core.exceptions import ValidationError

    from accounts.models import Team

    team = Team(name="Fictief team", phone="mijn nummer")
    with pytest.raises(ValidationError, match="Een telefoonnummer"):
        team.full_clean()
    team.phone, team.email = "020 123 45 67", "team@example.org"
    team.full_clean()
