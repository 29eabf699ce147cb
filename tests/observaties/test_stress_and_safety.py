"""Stress followed through (an action or who is on it, for every factor answered "ja") and
safety concerns on their own route along the meldcode: kept apart, confidential, logged."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessEvent
from hechting.models import ChecklistVersion, MeldcodeText
from hechting.services import checklist_version_create_draft, checklist_version_publish
from observaties import retention, selectors, services
from observaties.documents import charts, reports
from observaties.models import (
    Agreement,
    AgreementFollowUp,
    Observation,
    SafetyAssessment,
    SafetyConcern,
)
from tests import pdfs
from tests.factories import (
    ChildFactory,
    FamilyFactory,
    ObservationFactory,
    answers,
    save_content,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


SIGNALS = "Fictief: signaal Zwaluwstaart bij het halen van de luier."
REFERRAL = ("Aanmelden bij schuldhulpverlening", Agreement.Who.REFERRAL, "de gemeente", None)


def _factor(observation, code):
    return observation.version.context_factors.get(code=code)


def _debts(observation, answer="ja"):
    return {_factor(observation, "RV-1").pk: (answer, "Fictief: huurachterstand.")}


def _concern(visit_date, **fields):
    """A concern at step 2 (consultation) on `visit_date`, unless `fields` say otherwise."""
    defaults = {
        "signals": SIGNALS,
        "step": 2,
        "step_on": visit_date,
        "consultations": [(visit_date, "aandachtsfunctionaris", "Fictief: besproken.")],
        "talk_on": visit_date,
        "decided_by": "Fictief: ik, met de aandachtsfunctionaris",
    }
    return services.SafetyContent(concern="ja", **{**defaults, **fields})


def _visit(child, professional, team_lead, visit_date, *, approve=True, **extra):
    observation = ObservationFactory(child=child, professional=professional, visit_date=visit_date)
    save_content(observation, professional, **extra)
    services.observation_submit(observation=observation, user=professional)
    if approve:
        services.observation_approve(observation=observation, reviewer=team_lead)
    return Observation.objects.get(pk=observation.pk)


# Stress followed through


def test_a_stress_factor_answered_yes_is_not_handed_in_without_an_action(observation, professional):
    save_content(observation, professional, context=_debts(observation))
    with pytest.raises(ValidationError) as refused:
        services.observation_submit(observation=observation, user=professional)
    debts = _factor(observation, "RV-1").pk
    assert "wie er al mee bezig is" in refused.value.message_dict[f"factor_action_{debts}"][0]
    assert Observation.objects.get(pk=observation.pk).status == Observation.Status.DRAFT


@pytest.mark.parametrize(
    "followed",
    [
        {"stress_actions": "referral"},
        {"underway": "schuldhulpverlening gemeente, sinds maart"},
    ],
)
def test_an_action_or_who_is_already_on_it_lets_it_be_handed_in(
    observation, professional, followed
):
    factor = _factor(observation, "RV-1").pk
    extra = (
        {"stress_actions": {factor: REFERRAL}}
        if "stress_actions" in followed
        else {"underway": {factor: followed["underway"]}}
    )
    save_content(observation, professional, context=_debts(observation), **extra)
    services.observation_submit(observation=observation, user=professional)
    report = selectors.observation_report(observation)
    ((_f, answer, action),) = [row for row in report.stress_rows if row[0].pk == factor]
    if "stress_actions" in followed:
        assert action.get_who_display() == "verwijzing naar de gemeente"
        assert action.factor_id == factor
        assert report.agreements == []  # the action is not one of the general agreements
    else:
        assert answer.underway_by == followed["underway"]


def test_an_action_belongs_to_a_factor_answered_yes(observation, professional):
    factor = _factor(observation, "RV-1").pk
    with pytest.raises(ValidationError, match="Een actie hoort bij ‘ja’"):
        save_content(
            observation,
            professional,
            context=_debts(observation, "nee"),
            stress_actions={factor: REFERRAL},
        )
    assert not Agreement.objects.exists()


def test_the_form_refuses_hand_in_next_to_the_factor_and_keeps_what_was_typed(
    client, observation, professional
):
    client.force_login(professional)
    factor = _factor(observation, "RV-1")
    data = {
        "lock_version": 0,
        "caregiver": "moeder",
        "visit_date": observation.visit_date.isoformat(),
        "setting": "spel",
        "safety_concern": "nee",
        "caregiver_relation_0": "moeder",
        "network_check": "klopt",
        "next_visit": (observation.visit_date + timedelta(days=28)).isoformat(),
        f"factor_{factor.pk}": "ja",
        f"factor_note_{factor.pk}": "Fictief: aanmaning van de energie.",
        "submit": "1",
    }
    for item, (option, _note) in answers(observation).items():
        data[f"item_{item}"] = str(option)
    for condition in observation.version.condition_contents.values_list("condition", flat=True):
        data[f"work_point_{condition}"] = "nee"
    for question in observation.version.fit_questions.all():
        data[f"fit_{question.pk}"] = "meestal"
    url = reverse("observaties:observation-edit", args=[observation.pk])
    page = client.post(url, data, follow=True)  # the draft stored, the open parts listed
    html = page.content.decode()
    assert page.redirect_chain == [(f"{url}?nog-open=1", 302)]
    assert "Leg een actie vast (wat, wie en wanneer)" in html
    assert "Fictief: aanmaning van de energie." in html
    # The catalogue's examples are offered to choose from.
    assert f'list="acties-{factor.pk}"' in html
    assert "Verwijzing naar schuldhulpverlening van de gemeente" in html
    data.update(
        {
            f"factor_action_{factor.pk}": "Verwijzing naar schuldhulpverlening van de gemeente",
            f"factor_action_who_{factor.pk}": "verwijzing",
        }
    )
    data["lock_version"] += 1  # the incomplete hand-in saved the draft with the new lock
    page = client.post(url, data)
    assert "Schrijf op naar wie je verwijst." in page.content.decode()
    data[f"factor_action_other_{factor.pk}"] = "schuldhulpverlening gemeente"
    assert client.post(url, data).status_code == 302
    observation.refresh_from_db()
    assert observation.status == Observation.Status.SUBMITTED


def test_the_action_is_followed_up_at_the_next_visit_and_the_report_prints_it(
    child, professional, team_lead
):
    first = ObservationFactory(
        child=child, professional=professional, visit_date=today() - timedelta(days=60)
    )
    factor = _factor(first, "RV-1").pk
    first = _visit(
        child,
        professional,
        team_lead,
        today() - timedelta(days=60),
        context=_debts(first),
        stress_actions={factor: REFERRAL},
    )
    first_html = reports.observation_report_html(first)
    assert "Aanmelden bij schuldhulpverlening (verwijzing naar de gemeente" in first_html
    second = ObservationFactory(child=child, professional=professional, visit_date=today())
    (action,) = selectors.open_agreements(second)
    assert action.factor_id == factor
    save_content(second, professional, context=_debts(second), underway={factor: "de gemeente"})
    with pytest.raises(ValidationError, match="Kies hoe het ging met deze afspraak"):
        services.observation_submit(observation=second, user=professional)
    save_content(
        second,
        professional,
        context=_debts(second),
        underway={factor: "de gemeente"},
        follow_ups={action.pk: (AgreementFollowUp.Outcome.DONE, "")},
    )
    services.observation_submit(observation=second, user=professional)
    services.observation_approve(observation=second, reviewer=team_lead)
    # The child's report: a row per visit for the debts, with the action and how it went.
    child_html = reports.child_report_html(child)
    assert "Stress in het gezin per bezoek, en wat er is gedaan" in child_html
    assert "al in gang: de gemeente" in child_html
    assert f"{today():%-d-%-m-%Y}: gedaan" in child_html


def _stress_family(team, professional, team_lead, visits):
    """A family whose child had `visits`: (days ago, debts answer, follow the action as done)."""
    family = FamilyFactory(team=team, professionals=[professional])
    child = ChildFactory(family=family, birth_month=(today() - timedelta(days=700)).replace(day=1))
    for days, answer, done in visits:
        observation = ObservationFactory(
            child=child, professional=professional, visit_date=today() - timedelta(days=days)
        )
        factor = _factor(observation, "RV-1").pk
        extra = {"context": _debts(observation, answer)}
        if answer == "ja":
            extra["stress_actions"] = {factor: REFERRAL}
        extra["follow_ups"] = {
            agreement.pk: ("gedaan" if done else "loopt-door", "")
            for agreement in selectors.open_agreements(observation)
        }
        save_content(observation, professional, **extra)
        services.observation_submit(observation=observation, user=professional)
        services.observation_approve(observation=observation, reviewer=team_lead)
    return family


def test_the_team_lead_sees_families_with_stress_lasting_90_days_without_a_completed_action(
    client, team, professional, team_lead
):
    lasting = _stress_family(team, professional, team_lead, [(120, "ja", False), (10, "ja", False)])
    recently_done = _stress_family(
        team, professional, team_lead, [(120, "ja", False), (30, "ja", True)]
    )
    done_long_ago = _stress_family(
        team, professional, team_lead, [(200, "ja", False), (150, "ja", True), (5, "ja", False)]
    )
    short = _stress_family(team, professional, team_lead, [(60, "ja", False), (5, "ja", False)])
    over = _stress_family(team, professional, team_lead, [(200, "ja", False), (5, "nee", True)])
    broken = _stress_family(
        team, professional, team_lead, [(200, "ja", False), (100, "nee", False), (80, "ja", False)]
    )
    rows = selectors.lasting_stress(
        [lasting, recently_done, done_long_ago, short, over, broken], today=today()
    )
    assert [(row.family, row.days) for row in rows] == [(done_long_ago, 150), (lasting, 120)]
    client.force_login(team_lead)
    page = client.get(reverse("observaties:team-overview", args=[team.pk])).content.decode()
    assert "2 gezinnen: bij het laatste bezoek speelt een randvoorwaarde al langer dan 90" in page
    assert reverse("observaties:family-detail", args=[lasting.pk]) in page
    assert reverse("observaties:family-detail", args=[short.pk]) not in page


def test_the_list_tells_help_in_progress_from_nothing_under_way(
    client, team, professional, team_lead
):
    version_1 = ChecklistVersion.objects.get(number=1)
    idle = FamilyFactory(team=team, professionals=[professional])
    child = ChildFactory(family=idle, birth_month=(today() - timedelta(days=700)).replace(day=1))
    for days in (200, 100):
        observation = ObservationFactory(
            child=child, professional=professional, visit_date=today() - timedelta(days=days)
        )
        Observation.objects.filter(pk=observation.pk).update(version=version_1)
        observation.refresh_from_db()
        save_content(observation, professional, context=_debts(observation))
        services.observation_submit(observation=observation, user=professional)
        services.observation_approve(observation=observation, reviewer=team_lead)
    helped = _stress_family(team, professional, team_lead, [(120, "ja", False)])
    later = ObservationFactory(
        child=helped.children.get(),
        professional=professional,
        visit_date=today() - timedelta(days=10),
    )
    (action,) = selectors.open_agreements(later)
    factor = _factor(later, "RV-1").pk
    save_content(
        later,
        professional,
        context=_debts(later),
        underway={factor: "schuldhulpverlening gemeente"},
        follow_ups={action.pk: (AgreementFollowUp.Outcome.GOING_ON, "intake geweest")},
    )
    services.observation_submit(observation=later, user=professional)
    services.observation_approve(observation=later, reviewer=team_lead)

    rows = selectors.lasting_stress([helped, idle], today=today())
    assert [(row.family, row.days, row.help_in_progress) for row in rows] == [
        (idle, 200, False),  # nothing under way comes first
        (helped, 120, True),
    ]
    assert rows[1].under_way.text == "al in gang: schuldhulpverlening gemeente"
    assert rows[1].under_way.on == later.visit_date
    client.force_login(team_lead)
    page = client.get(reverse("observaties:team-overview", args=[team.pk])).content.decode()
    assert "Bij 1 gezin is er niets in gang; dat staat bovenaan." in page
    assert "<strong>niets in gang</strong>" in page
    assert "hulp loopt – al in gang: schuldhulpverlening gemeente (vastgelegd" in page


def test_an_action_going_on_is_the_step_shown_when_nobody_else_helps(professional, team_lead, team):
    helped = _stress_family(team, professional, team_lead, [(120, "ja", False), (10, "ja", False)])
    (row,) = selectors.lasting_stress([helped], today=today())
    # The first referral, followed up as going on at the latest visit.
    assert row.under_way.text == f"actie loopt nog: {REFERRAL[0]}"
    assert row.under_way.on == today() - timedelta(days=10)


# Safety concerns


def test_the_safety_question_needs_an_answer_before_hand_in(observation, professional):
    save_content(observation, professional, safety=services.SafetyContent())
    with pytest.raises(ValidationError) as refused:
        services.observation_submit(observation=observation, user=professional)
    assert refused.value.message_dict == {"safety_concern": ["Kies ja of nee."]}


def test_a_concern_needs_signals_and_the_meldcode_step_and_at_step_5_a_decision(
    observation, professional
):
    visit = observation.visit_date
    save_content(observation, professional, safety=services.SafetyContent(concern="ja"))
    with pytest.raises(ValidationError) as refused:
        services.observation_submit(observation=observation, user=professional)
    assert "welke signalen" in str(refused.value)
    assert "welke stap van de meldcode" in str(refused.value)
    save_content(observation, professional, safety=_concern(visit, step=5))
    with pytest.raises(ValidationError, match="Bij stap 5 hoort een besluit, met de datum"):
        services.observation_submit(observation=observation, user=professional)
    assert Observation.objects.get(pk=observation.pk).status == Observation.Status.DRAFT
    save_content(
        observation,
        professional,
        safety=_concern(
            visit,
            step=5,
            answers={1: ("ja", visit), 2: ("nee", visit), 3: ("ja", visit), 4: ("ja", visit)},
            decision="hulp",
            decision_on=visit,
        ),
    )
    services.observation_submit(observation=observation, user=professional)
    concern = SafetyConcern.objects.get()
    assert concern.is_open  # help offered does not close it
    assert concern.assessments.get().answer_3 == "ja"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (lambda: {"decision": "afgesloten", "decision_on": today()}, "waarom de zorg wordt"),
        (lambda: {"decision": "melding"}, "datum van het besluit"),
        (lambda: {"answers": {1: ("nee", None)}}, "wanneer je deze afweging maakte"),
        (lambda: {"step_on": today() + timedelta(days=1)}, "in de toekomst"),
    ],
)
def test_a_concern_with_a_missing_reason_or_date_changes_nothing(
    observation, professional, fields, message
):
    with pytest.raises(ValidationError, match=message):
        save_content(observation, professional, safety=_concern(observation.visit_date, **fields()))
    assert not SafetyConcern.objects.exists()
    assert Observation.objects.get(pk=observation.pk).lock_version == 0


def test_no_concern_after_consultation_closes_it_with_the_reason(observation, professional):
    visit = observation.visit_date
    save_content(
        observation,
        professional,
        safety=_concern(
            visit,
            decision="afgesloten",
            decision_on=visit,
            decision_note="Fictief: geen zorg na overleg met de aandachtsfunctionaris.",
        ),
    )
    assert SafetyConcern.objects.get().is_open  # until handed in
    services.observation_submit(observation=observation, user=professional)
    concern = SafetyConcern.objects.get()
    assert (concern.closed_on, concern.closed_in_id) == (visit, observation.pk)


def test_a_concern_stays_open_across_visits_until_a_closing_decision(
    child, professional, team_lead
):
    first_date = today() - timedelta(days=40)
    first = _visit(child, professional, team_lead, first_date, safety=_concern(first_date))
    concern = SafetyConcern.objects.get()
    second = ObservationFactory(child=child, professional=professional, visit_date=today())
    # The next checklist carries the open concern on, prefilled from where it stood.
    report = selectors.observation_report(second)
    assert report.safety_carried.observation_id == first.pk
    with pytest.raises(ValidationError, match="Er loopt nog een zorg over de veiligheid"):
        save_content(second, professional, safety=services.SafetyContent(concern="nee"))
    closing = _concern(
        today(),
        step=4,
        answers={1: ("nee", today())},
        decision="afgesloten",
        decision_on=today(),
        decision_note="Fictief: geen vermoeden na het gesprek.",
    )
    save_content(second, professional, safety=closing)
    assert SafetyAssessment.objects.get(observation=second).concern == concern
    services.observation_submit(observation=second, user=professional)
    concern.refresh_from_db()
    assert concern.closed_on == today()
    # Returned to its author, the observation no longer closes it.
    services.observation_return(observation=second, reviewer=team_lead, comment="Fictief.")
    concern.refresh_from_db()
    assert concern.is_open
    assert SafetyConcern.objects.count() == 1


def test_a_concern_with_a_team_leads_note_is_closed_with_a_reason_not_undone(
    observation, professional, team_lead
):
    save_content(observation, professional, safety=_concern(observation.visit_date))
    concern = SafetyConcern.objects.get()
    services.safety_note_add(concern=concern, author=team_lead, text="Fictieve notitie.")
    with pytest.raises(ValidationError, match="De teamleider schreef al een notitie"):
        save_content(observation, professional, safety=services.SafetyContent(concern="nee"))
    with pytest.raises(PermissionDenied, match="notitie van de teamleider"):
        services.observation_discard(observation=observation, user=professional)
    assert concern.notes.count() == 1


def test_an_earlier_visit_corrected_later_is_not_held_to_a_later_concern(
    child, professional, team_lead
):
    earlier = _visit(child, professional, team_lead, today() - timedelta(days=90))
    later = today() - timedelta(days=10)
    _visit(child, professional, team_lead, later, safety=_concern(later))
    services.observation_reopen(observation=earlier, team_lead=team_lead, reason="Fictief.")
    save_content(
        Observation.objects.get(pk=earlier.pk), professional, conclusion="Fictief verbeterd."
    )
    assert Observation.objects.get(pk=earlier.pk).conclusion == "Fictief verbeterd."


def test_the_team_lead_sees_open_concerns_first_with_their_age_and_can_add_a_note(
    client, child, professional, team_lead
):
    opened = today() - timedelta(days=23)
    observation = _visit(child, professional, team_lead, opened, safety=_concern(opened))
    concern = SafetyConcern.objects.get()
    (listed,) = selectors.open_concerns({child.family.team_id}, today=today())
    assert (listed.concern, listed.days_open, listed.step) == (concern, 23, 2)
    client.force_login(team_lead)
    home = client.get(reverse("home")).content.decode()
    url = reverse("observaties:safety-concern", args=[concern.pk])
    assert home.index("Open zorgen over de veiligheid") < home.index("Te beoordelen")
    assert "23 dagen" in home
    assert url in home
    page = client.post(url, {"text": "Fictief: bespreken in het teamoverleg."}, follow=True)
    html = page.content.decode()
    assert "Fictief: bespreken in het teamoverleg." in html
    assert team_lead.get_full_name() in html
    assert SIGNALS in html
    note = concern.notes.get()
    assert (note.author, note.at.date()) == (team_lead, timezone.now().date())
    # Empty notes change nothing.
    assert client.post(url, {"text": "  "}).status_code == 400
    assert concern.notes.count() == 1
    # The professional sees the concern and the note, but adds none.
    client.force_login(professional)
    assert "Fictief: bespreken" in client.get(url).content.decode()
    assert client.post(url, {"text": "Mag niet."}).status_code == 403
    assert concern.opened_in == observation


def test_a_concern_is_only_in_its_own_confidential_document_never_in_the_report(
    client, child, professional, team_lead, team, tmp_path
):
    visit = today() - timedelta(days=5)
    observation = _visit(child, professional, team_lead, visit, safety=_concern(visit))
    # The report can be shared: it holds no safety content and no trace that a concern exists.
    report = pdfs.text(reports.observation_report(observation).pdf)
    assert "Zwaluwstaart" not in report
    assert "veiligheid" not in report.lower()
    assert "meldcode" not in report.lower()
    assert "Veilig Thuis" not in report
    # The confidential part is a document of its own, archived at approval beside the report.
    archived = {document.kind: document for document in observation.archived_documents.all()}
    assert set(archived) == {"rapport", "blad-voor-de-ouder", "veiligheid"}
    confidential = pdfs.text(bytes(archived["veiligheid"].pdf))
    assert "Zorg over de veiligheid van het kind – vertrouwelijk deel" in confidential
    assert SIGNALS in confidential
    assert "Collegiale consultatie en zo nodig Veilig Thuis" in confidential  # the step's name
    assert "de aandachtsfunctionaris – Fictief: besproken." in confidential
    assert "niet aan de ouder meegegeven of gestuurd" in confidential
    assert "Niet voor de ouder" not in confidential
    assert "veiligheid" not in pdfs.text(bytes(archived["rapport"].pdf)).lower()
    # Nothing of it on the sheet for the parent, in the child's trend report or its charts.
    sheet = pdfs.text(reports.parent_sheet_report(observation).pdf)
    trend = pdfs.text(reports.child_report(child).pdf)
    for document in (sheet, trend):
        assert "Zwaluwstaart" not in document
        assert "veiligheid" not in document.lower()
    svg = "".join(charts.trend_svg(trend, chart_id="t") for trend in selectors.child_trends(child))
    assert "Zwaluwstaart" not in svg
    assert "veiligheid" not in svg.lower()
    # Nor in the team overview or its CSV.
    client.force_login(team_lead)
    overview = client.get(reverse("observaties:team-overview", args=[team.pk]))
    assert "Zwaluwstaart" not in overview.content.decode()
    response = client.get(reverse("observaties:team-overview-csv", args=[team.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    flat = " ".join(" ".join(row) for row in rows).lower()
    assert rows
    assert "zwaluwstaart" not in flat
    assert "veiligheid" not in flat
    assert "meldcode" not in flat


def test_every_view_download_change_and_export_of_a_concern_is_logged(
    client, child, professional, team_lead
):
    visit = today() - timedelta(days=5)
    observation = _visit(
        child, professional, team_lead, visit, approve=False, safety=_concern(visit)
    )
    concern = SafetyConcern.objects.get()
    target = f"veiligheid:{concern.pk}"

    def logged(action):
        return AccessEvent.objects.filter(target=target, action=action).count()

    client.force_login(team_lead)
    before = logged("bekijken")
    client.get(reverse("observaties:observation-detail", args=[observation.pk]))
    client.get(reverse("observaties:safety-concern", args=[concern.pk]))
    client.get(reverse("home"))
    assert logged("bekijken") == before + 3
    client.get(reverse("observaties:observation-pdf", args=[observation.pk]))
    assert logged("downloaden") == 0  # the report holds nothing of the concern
    client.get(reverse("observaties:observation-safety-pdf", args=[observation.pk]))
    assert logged("downloaden") == 1
    client.get(reverse("observaties:family-export", args=[child.family_id]))
    assert logged("exporteren") == 1
    client.post(reverse("observaties:safety-concern", args=[concern.pk]), {"text": "Fictief."})
    assert logged("wijzigen") == 1
    event = AccessEvent.objects.filter(target=target).latest("pk")
    assert (event.user_id, event.family_id) == (team_lead.pk, child.family_id)
    # The professional's checklist page and save are logged too.
    services.observation_return(observation=observation, reviewer=team_lead, comment="Fictief.")
    client.force_login(professional)
    client.get(reverse("observaties:observation-edit", args=[observation.pk]))
    assert AccessEvent.objects.filter(target=target, user_id=professional.pk).count() == 1


def test_the_data_request_export_includes_the_concern_marked_confidential(
    child, professional, team_lead
):
    visit = today() - timedelta(days=5)
    _visit(child, professional, team_lead, visit, safety=_concern(visit))
    services.safety_note_add(
        concern=SafetyConcern.objects.get(), author=team_lead, text="Fictieve notitie."
    )
    exported = retention.family_export(child.family)
    (concern,) = exported["kinderen"][0]["zorgen_over_veiligheid_VERTROUWELIJK"]
    assert concern["vertrouwelijk"] is True
    assert concern["per_bezoek"][0]["signalen"] == SIGNALS
    assert concern["notities_teamleider"][0]["tekst"] == "Fictieve notitie."


def test_the_demo_follows_debts_over_three_visits_and_has_a_closed_and_an_open_concern(settings):
    from io import StringIO

    from django.core.management import call_command

    settings.DEMO_MODE = True
    call_command("demo_setup", stdout=StringIO())
    noor = Observation.objects.filter(child__family__case_reference="DEMO-0001")
    actions = Agreement.objects.filter(observation__in=noor, factor__code="RV-1")
    (referral,) = actions
    assert referral.who == Agreement.Who.REFERRAL
    outcomes = list(referral.follow_ups.order_by("observation__visit_date").values_list("outcome"))
    assert outcomes == [("loopt-door",), ("gedaan",)]
    (closed,) = SafetyConcern.objects.filter(closed_on__isnull=False)
    (still_open,) = SafetyConcern.objects.filter(closed_on__isnull=True)
    assert closed.child.family.case_reference == "DEMO-0002"
    assert closed.assessments.get(decision="afgesloten").decision_note
    assert still_open.child.family.case_reference == "DEMO-0001"
    assert still_open.notes.exists()


# The catalogue


def test_the_meldcode_is_worded_in_the_catalogue_copied_into_drafts_and_required_to_publish(
    current_version,
):
    draft = checklist_version_create_draft()
    assert draft.meldcode_texts.count() == 10
    assert draft.safety_guidance == current_version.safety_guidance
    debts = draft.context_factors.get(code="RV-1")
    assert "schuldhulpverlening" in debts.action_suggestions
    assert debts.action_suggestions_source.is_organisation
    step = draft.meldcode_texts.get(kind=MeldcodeText.Kind.STEP, number=3)
    step.text = "Gesprek met de ouders (eigen woorden van de organisatie)"
    step.save()
    draft.meldcode_texts.filter(kind=MeldcodeText.Kind.QUESTION, number=5).delete()
    with pytest.raises(ValidationError, match="Vraag van het afwegingskader 5 ontbreekt"):
        checklist_version_publish(version=draft)


def test_a_concern_beside_no_tension_between_adults_asks_without_blocking(
    client, observation, professional
):
    visit = observation.visit_date
    tension = _factor(observation, "RV-4").pk
    context = {factor.pk: ("nee", "") for factor in observation.version.context_factors.all()}
    save_content(observation, professional, context=context, safety=_concern(visit))
    client.force_login(professional)
    url = reverse("observaties:observation-edit", args=[observation.pk])
    page = client.get(url).content.decode()
    question = "Bij dit bezoek staat een zorg over de veiligheid van het kind, en hier ‘nee’."
    assert question in page
    # Only from the two answers: with no concern, or tension answered otherwise, no question.
    save_content(observation, professional, context=context)
    assert question not in client.get(url).content.decode()
    save_content(
        observation,
        professional,
        context={**context, tension: ("onbekend", "")},
        safety=_concern(visit),
    )
    assert question not in client.get(url).content.decode()
    # It never blocks: the observation with a concern and ‘nee’ is handed in.
    save_content(observation, professional, context=context, safety=_concern(visit))
    services.observation_submit(observation=observation, user=professional)
    assert Observation.objects.get(pk=observation.pk).status == Observation.Status.SUBMITTED
