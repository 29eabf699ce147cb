"""The safety route as a JGZ or wijkteam professional works it: several dated consultations, the
conversation with the parent dated or skipped with a reason, help and a report together, a next
contact while a concern is open, the alarm signal of an injury in a child that does not yet move
about, and the confidential part as a document of its own."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from audit.models import AccessEvent
from observaties import selectors, services
from observaties.models import Observation, SafetyConcern
from tests import pdfs
from tests.factories import ObservationFactory, save_content
from tests.observaties.test_checklist_form import _edit_url, _post_data

pytestmark = pytest.mark.django_db

SIGNALS = "Fictief: blauwe plek op de bovenarm van Zwaluw."


def today():
    return timezone.localdate()


def _safety(visit, **fields):
    defaults = {
        "signals": SIGNALS,
        "step": 3,
        "step_on": visit,
        "consultations": [
            (visit, "aandachtsfunctionaris", "Fictief: eerst Veilig Thuis om advies vragen."),
            (visit + timedelta(days=1), "veilig-thuis", "Fictief: advies: jeugdarts laten kijken."),
        ],
        "talk_on": visit + timedelta(days=2),
        "talk_note": "Fictief: zonder sturende vragen besproken.",
    }
    return services.SafetyContent(concern="ja", **{**defaults, **fields})


def _hand_in(observation, professional, **content):
    save_content(observation, professional, **content)
    services.observation_submit(observation=observation, user=professional)
    return Observation.objects.get(pk=observation.pk)


@pytest.fixture
def visit():
    return today() - timedelta(days=10)


@pytest.fixture
def draft_visit(child, professional, visit):
    return ObservationFactory(child=child, professional=professional, visit_date=visit)


def test_a_concern_keeps_every_consultation_in_order_with_its_date_and_outcome(
    client, draft_visit, professional, team_lead, visit
):
    observation = _hand_in(draft_visit, professional, safety=_safety(visit))
    concern = SafetyConcern.objects.get()
    assert [(c.on, c.with_whom) for c in selectors.concern_consultations(concern)] == [
        (visit, "aandachtsfunctionaris"),
        (visit + timedelta(days=1), "veilig-thuis"),
    ]
    client.force_login(team_lead)
    page = client.get(reverse("observaties:safety-concern", args=[concern.pk])).content.decode()
    first = page.index("de aandachtsfunctionaris – Fictief: eerst Veilig Thuis")
    assert first < page.index("Veilig Thuis (advies, geen melding) – Fictief: advies")
    document = pdfs.text(
        client.get(reverse("observaties:observation-safety-pdf", args=[observation.pk])).content
    )
    assert "Veilig Thuis (advies, geen melding) – Fictief: advies: jeugdarts laten kijken." in (
        document
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"talk_on": None}, "safety_talk_on", "of kies waarom dat gesprek niet kon"),
        (
            {"talk_on": None, "talk_skipped": "veiligheid-kind"},
            "safety_talk_skipped_note",
            "Licht toe waarom",
        ),
        ({"consultations": []}, "safety_consult_on_0", "Bij stap 2 en verder hoort overleg"),
        (
            {"consultations": [(None, "collega", "Fictief.")]},
            "safety_consult_on_0",
            "datum van het overleg",
        ),
        (
            {"consultations": [(today() - timedelta(days=10), "collega", "")]},
            "safety_consult_outcome_0",
            "wat er uit het overleg kwam",
        ),
        (
            {"step": 5, "decision": "hulp-en-melding", "decision_on": today()},
            "safety_reported_on",
            "wanneer je de melding deed",
        ),
        (
            {"step": 5, "decision": "hulp", "decision_on": today()},
            "safety_decided_by",
            "wie het besluit namen",
        ),
    ],
)
def test_the_route_is_handed_in_only_when_each_step_says_what_happened(
    draft_visit, professional, visit, fields, field, message
):
    with pytest.raises(ValidationError) as refused:
        _hand_in(draft_visit, professional, safety=_safety(visit, **fields))
    assert message in " ".join(refused.value.message_dict[field])
    assert Observation.objects.get(pk=draft_visit.pk).status == Observation.Status.DRAFT


def test_the_talk_is_held_or_skipped_never_both(draft_visit, professional, visit):
    with pytest.raises(ValidationError) as refused:
        save_content(draft_visit, professional, safety=_safety(visit, talk_skipped="contact"))
    assert "niet allebei" in refused.value.message_dict["safety_talk_skipped"][0]
    assert not SafetyConcern.objects.exists()  # nothing half saved


def test_help_and_a_report_together_with_its_date_reference_and_who_decided(
    client, draft_visit, professional, team_lead, visit
):
    decided = _safety(
        visit,
        step=5,
        answers={1: ("ja", visit), 2: ("ja", visit)},
        decision="hulp-en-melding",
        decision_on=visit + timedelta(days=3),
        decided_by="Fictief: ik, samen met de aandachtsfunctionaris",
        decision_note="Fictief: structurele onveiligheid; de hulp loopt door.",
        reported_on=visit + timedelta(days=3),
        report_reference="VT-FICTIEF-1",
    )
    observation = _hand_in(draft_visit, professional, safety=decided)
    services.observation_approve(observation=observation, reviewer=team_lead)
    concern = SafetyConcern.objects.get()
    assert concern.is_open  # help and a report do not close the concern
    document = pdfs.text(bytes(observation.archived_documents.get(kind="veiligheid").pdf))
    assert "hulp geboden of georganiseerd én gemeld bij Veilig Thuis" in document
    assert "Genomen door: Fictief: ik, samen met de aandachtsfunctionaris" in document
    assert "kenmerk VT-FICTIEF-1" in document
    talk = (visit + timedelta(days=2)).strftime("%-d")
    assert f"Gesprek met de ouder (stap 3) {talk}" in document


def test_a_report_date_without_the_report_decision_is_refused(draft_visit, professional, visit):
    with pytest.raises(ValidationError) as refused:
        save_content(draft_visit, professional, safety=_safety(visit, reported_on=visit))
    assert "hoort bij het besluit" in refused.value.message_dict["safety_reported_on"][0]


def test_while_a_concern_is_open_the_next_contact_is_planned(draft_visit, professional, visit):
    with pytest.raises(ValidationError) as refused:
        _hand_in(draft_visit, professional, safety=_safety(visit), next_visit=None)
    assert "plan het volgende contact" in refused.value.message_dict["next_visit"][0]
    closing = _safety(
        visit,
        step=4,
        answers={1: ("nee", visit)},
        decision="afgesloten",
        decision_on=visit,
        decided_by="Fictief: ik, met een collega",
        decision_note="Fictief: geen vermoeden na overleg.",
    )
    with pytest.raises(ValidationError) as refused:
        _hand_in(draft_visit, professional, safety=closing, next_visit=None)
    # Closed, the concern asks for no next contact; the sheet for the parent still names one.
    assert "het blad voor de ouder noemt die datum" in refused.value.message_dict["next_visit"][0]
    _hand_in(draft_visit, professional, safety=closing, next_visit=visit + timedelta(days=28))
    assert not SafetyConcern.objects.get().is_open


def test_the_lead_sees_step_age_next_contact_and_what_needs_attention(
    client, child, professional, team_lead, settings
):
    settings.SAFETY_CONCERN_QUIET_DAYS = 14
    opened = today() - timedelta(days=30)
    observation = ObservationFactory(child=child, professional=professional, visit_date=opened)
    passed = today() - timedelta(days=2)
    _hand_in(observation, professional, safety=_safety(opened), next_visit=passed)
    (listed,) = selectors.open_concerns({child.family.team_id}, today=today())
    assert (listed.step, listed.days_open, listed.next_contact) == (3, 30, passed)
    assert listed.contact_passed
    assert listed.quiet_days == 30
    assert listed.quiet
    client.force_login(team_lead)
    home = client.get(reverse("home")).content.decode()
    assert "volgend contact is voorbij" in home
    assert "30 dagen geen nieuwe stap" in home
    # A recent step and a contact ahead: nothing marked.
    settings.SAFETY_CONCERN_QUIET_DAYS = 31
    ahead = selectors.open_concerns({child.family.team_id}, today=passed)[0]
    assert not ahead.quiet
    assert not ahead.contact_passed
    assert not ahead.marked


def test_an_injury_in_a_child_that_does_not_yet_move_about_asks_for_a_consultation(
    client, draft_visit, professional, visit
):
    assert draft_visit.version.asks_injury_alarm
    alarm = {"injury": "ja", "mobile": "nee", "step": 1, "talk_on": None, "consultations": []}
    with pytest.raises(ValidationError) as refused:
        _hand_in(draft_visit, professional, safety=_safety(visit, **alarm))
    assert "overleg voordat je indient" in refused.value.message_dict["safety_consult_on_0"][0]
    with pytest.raises(ValidationError) as refused:
        _hand_in(draft_visit, professional, safety=_safety(visit, injury="ja", mobile=""))
    assert "zelf voortbeweegt" in refused.value.message_dict["safety_mobile"][0]

    # The form shows the organisation's text, opened, with its source; the professional decides.
    client.force_login(professional)
    data = _post_data(
        draft_visit,
        safety_concern="ja",
        safety_signals=SIGNALS,
        safety_injury="ja",
        safety_mobile="nee",
        safety_step="1",
        safety_step_on=visit.isoformat(),
        next_visit=(visit + timedelta(days=7)).isoformat(),
        submit="1",
    )
    page = client.post(_edit_url(draft_visit), data, follow=True).content.decode()
    assert '<details class="alert alert-danger py-2 injury-guidance" open>' in page
    assert "Stel geen sturende vragen over hoe het gebeurd is." in page
    guidance = page[
        page.index("injury-guidance") : page.index("</details>", page.index("injury-guidance"))
    ]
    assert "(eigen tekst van de organisatie)" in guidance
    assert "overleg voordat je indient" in page
    assert Observation.objects.get(pk=draft_visit.pk).status == Observation.Status.DRAFT

    data |= {
        "lock_version": Observation.objects.get(pk=draft_visit.pk).lock_version,
        "safety_consult_on_0": visit.isoformat(),
        "safety_consult_with_0": "forensisch",
        "safety_consult_outcome_0": "Fictief: FMEK kijkt mee.",
        "safety_consult_on_1": (visit + timedelta(days=1)).isoformat(),
        "safety_consult_with_1": "veilig-thuis",
        "safety_consult_outcome_1": "Fictief: advies gevraagd.",
    }
    response = client.post(_edit_url(draft_visit), data)
    assert response.status_code == 302
    assert Observation.objects.get(pk=draft_visit.pk).status == Observation.Status.SUBMITTED
    assessment = SafetyConcern.objects.get().assessments.get()
    assert assessment.pre_mobile_injury
    assert assessment.consultations.count() == 2


def test_a_later_visit_lists_the_earlier_consultations_and_records_its_own(
    client, child, professional, team_lead, visit
):
    first = ObservationFactory(child=child, professional=professional, visit_date=visit)
    services.observation_approve(
        observation=_hand_in(first, professional, safety=_safety(visit)), reviewer=team_lead
    )
    second = ObservationFactory(
        child=child, professional=professional, visit_date=visit + timedelta(days=5)
    )
    client.force_login(professional)
    page = client.get(_edit_url(second)).content.decode()
    assert "Eerder vastgelegd bij deze zorg:" in page
    assert "Fictief: eerst Veilig Thuis om advies vragen." in page
    assert 'name="safety_consult_on_0" value=' not in page  # this visit's rows start empty


def test_the_confidential_document_is_logged_and_refused_to_another_team(
    client, draft_visit, professional, team_lead, outsider, visit
):
    observation = _hand_in(draft_visit, professional, safety=_safety(visit))
    concern = SafetyConcern.objects.get()
    url = reverse("observaties:observation-safety-pdf", args=[observation.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(team_lead)
    response = client.get(url)
    assert response.status_code == 200
    assert SIGNALS in pdfs.text(response.content)
    assert AccessEvent.objects.filter(
        target=f"veiligheid:{concern.pk}", action="downloaden", user_id=team_lead.pk
    ).exists()


def test_the_demo_shows_the_route_as_the_guideline_and_the_meldcode_expect(settings):
    """Read as text: the reports hold nothing of the concerns; the confidential document shows
    the consultations within days, Veilig Thuis advice among them, step 3's date, the next
    contact and a decision with its reasons; one concern stays open for the lead's view."""
    from io import StringIO

    from django.core.management import call_command

    settings.DEMO_MODE = True
    call_command("demo_setup", stdout=StringIO())
    sam = Observation.objects.filter(child__family__case_reference="DEMO-0002").order_by(
        "visit_date"
    )
    bruise = sam[1]
    documents = {d.kind: bytes(d.pdf) for d in bruise.archived_documents.all()}
    report = pdfs.text(documents["rapport"])
    assert "blauwe plek" not in report
    assert "veiligheid" not in report.lower()
    confidential = pdfs.text(documents["veiligheid"])
    assert "het kind beweegt zich nog niet zelf voort" in confidential
    for whom in (
        "de aandachtsfunctionaris",
        "jeugdarts of andere medische professional",
        "Veilig Thuis (advies, geen melding)",
        "forensisch-medische expertise (FMEK)",
    ):
        assert whom in confidential
    assert "hulp geboden of georganiseerd" in confidential
    assert "Genomen door: Fictief: ik, samen met de aandachtsfunctionaris" in confidential
    part = bruise.safety_assessment
    assert 0 < (part.talk_on - bruise.visit_date).days <= 3
    talk = f"Gesprek met de ouder (stap 3) {date_format(part.talk_on, 'j F Y')}"
    assert talk in confidential
    assert max(c.on for c in part.consultations.all()) <= bruise.visit_date + timedelta(days=5)
    assert (part.decision_on - bruise.visit_date).days <= 7
    assert bruise.next_visit == part.decision_on + timedelta(days=7)
    closing = sam[2].safety_assessment
    assert closing.closes
    assert closing.decision_note
    (open_concern,) = SafetyConcern.objects.filter(closed_on__isnull=True)
    assert open_concern.child.family.case_reference == "DEMO-0001"
    (listed,) = selectors.open_concerns({open_concern.child.family.team_id}, today=today())
    assert listed.contact_passed


def test_a_choice_outside_the_forms_is_refused_by_the_service(draft_visit, professional, visit):
    with pytest.raises(ValidationError) as refused:
        save_content(draft_visit, professional, safety=_safety(visit, decision="alles"))
    assert "Kies een van de mogelijkheden." in refused.value.message_dict["safety_decision"]
    assert not SafetyConcern.objects.exists()


def test_a_report_archived_before_the_split_is_served_as_it_was_and_logged_against_the_concern(
    client, draft_visit, professional, team_lead, visit
):
    """An approval from before the confidential part was a document of its own archived only
    the report, which printed the part: it stays as it was, and a download names the concern."""
    observation = _hand_in(draft_visit, professional, safety=_safety(visit))
    services.observation_approve(observation=observation, reviewer=team_lead)
    observation.archived_documents.filter(kind="veiligheid").delete()  # as such an approval left it
    concern = SafetyConcern.objects.get()
    report = observation.archived_documents.get(kind="rapport")
    client.force_login(team_lead)
    url = reverse("observaties:archived-document", args=[observation.pk, report.pk])
    assert client.get(url).status_code == 200
    assert AccessEvent.objects.filter(
        target=f"veiligheid:{concern.pk}", action="downloaden", user_id=team_lead.pk
    ).exists()


def test_a_corrected_visit_counts_the_consultations_of_its_own_concern_also_once_closed(
    child, professional, team_lead, visit
):
    """Visit 1 consulted; visit 2 carried the concern on without a consultation of its own;
    visit 3 closed it. Reopening visit 2 to correct it does not ask again for a consultation."""
    first = ObservationFactory(child=child, professional=professional, visit_date=visit)
    services.observation_approve(
        observation=_hand_in(first, professional, safety=_safety(visit)), reviewer=team_lead
    )
    later = visit + timedelta(days=3)
    second = ObservationFactory(child=child, professional=professional, visit_date=later)
    services.observation_approve(
        observation=_hand_in(second, professional, safety=_safety(later, consultations=[])),
        reviewer=team_lead,
    )
    closing = _safety(
        later + timedelta(days=1),
        step=4,
        consultations=[],
        answers={1: ("nee", later)},
        decision="afgesloten",
        decision_on=later + timedelta(days=1),
        decided_by="Fictief: ik, met een collega",
        decision_note="Fictief: geen vermoeden na het gesprek.",
    )
    third = ObservationFactory(
        child=child, professional=professional, visit_date=later + timedelta(days=1)
    )
    services.observation_approve(
        observation=_hand_in(third, professional, safety=closing), reviewer=team_lead
    )
    assert not SafetyConcern.objects.get().is_open

    reopened = services.observation_reopen(
        observation=Observation.objects.get(pk=second.pk),
        team_lead=team_lead,
        reason="Fictief: datum klopt niet.",
    )
    services.observation_submit(observation=reopened, user=professional)
    assert Observation.objects.get(pk=second.pk).status == Observation.Status.SUBMITTED


def test_the_confidential_document_is_sealed_checked_and_in_the_data_request_archive(
    draft_visit, professional, team_lead, visit
):
    import io
    import zipfile

    from observaties import retention
    from observaties.documents import archive

    observation = _hand_in(draft_visit, professional, safety=_safety(visit))
    services.observation_approve(observation=observation, reviewer=team_lead)
    document = observation.archived_documents.get(kind="veiligheid")
    assert document.seal
    assert archive.problem_of(document) == ""
    names = zipfile.ZipFile(
        io.BytesIO(b"".join(retention.family_export_zip(observation.child.family)))
    ).namelist()
    assert any(name.endswith(document.filename) for name in names)


def test_a_version_offering_the_injury_question_without_its_text_is_not_published(
    current_version,
):
    from hechting.catalogue import files, shipped_files
    from hechting.catalogue.importer import checklist_version_import
    from hechting.services import checklist_version_publish

    data = files.read(next(path for path in shipped_files() if path.stem == "v4"))
    data["number"] = 5
    del data["texts"]["injury_guidance"]
    draft = checklist_version_import(data=data)
    with pytest.raises(ValidationError) as refused:
        checklist_version_publish(version=draft)
    assert any("letsel bij een kind" in message for message in refused.value.messages)
