"""The checklist page: drafts, submitting, errors that keep input, conflicts and hostile input."""

import io
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from hechting.models import Condition
from observaties.checklist import kept_forms
from observaties.models import ItemScore, KeptForm, Observation, StatusChange
from tests.factories import MembershipFactory, ObservationFactory, fill_observation

pytestmark = pytest.mark.django_db


def _edit_url(observation):
    return reverse("observaties:observation-edit", args=[observation.pk])


def _post_data(observation, *, position=3, answer_all=True, judged=True, **extra):
    """The form as a professional sends it; `judged`: with a choice per condition ("nee"), the
    mother as the one caregiver and no concern about safety, which version 2 asks before handing
    in."""
    version = observation.version
    option = version.scale_options.get(position=position)
    data = {
        "lock_version": Observation.objects.get(pk=observation.pk).lock_version,
        "caregiver": "moeder",
        "visit_date": observation.visit_date.isoformat(),
        "setting": "spel",
    }
    for index, item in enumerate(version.items.all()):
        if answer_all or index == 0:
            data[f"item_{item.pk}"] = str(option.pk)
    if judged and version.records_caregiver_network:
        for condition in Condition.objects.all():
            data[f"work_point_{condition.pk}"] = "nee"
        data["caregiver_relation_0"] = "moeder"
        data["caregiver_days_0"] = "7"
        data["network_check"] = "klopt"
    if judged:
        for question in version.fit_questions.all():
            data[f"fit_{question.pk}"] = "meestal"
    if judged and version.has_parent_texts:
        data["next_visit"] = (observation.visit_date + timedelta(days=28)).isoformat()
        data["safety_concern"] = "nee"
    data.update(extra)
    return data


def _handed_in_incomplete(client, observation, data):
    """Hand in with parts open: the draft is stored and the page listing what is open is
    reached by a redirect, so that reloading it sends nothing again."""
    response = client.post(_edit_url(observation), data)
    assert response.status_code == 302
    assert response["Location"] == f"{_edit_url(observation)}?nog-open=1"
    return client.get(response["Location"])


def test_the_form_groups_items_per_condition_with_hints(client, professional, observation):
    client.force_login(professional)
    response = client.get(_edit_url(observation))
    content = response.content.decode()
    assert response.status_code == 200
    for heading in ("Sensitief reageren", "Zorgen voor continuïteit", "Mentaliseren"):
        assert heading in content
    assert "0 van 5 items beantwoord" in content
    assert "Waar let je op?" in content
    assert 'type="radio"' in content
    assert "<legend" in content
    assert "geen gelegenheid om te observeren" in content
    assert "js/checklist.js" in content


def test_a_partial_draft_is_saved(client, professional, observation):
    client.force_login(professional)
    data = _post_data(observation, answer_all=False, save="1")
    first = observation.version.items.first()
    data[f"note_{first.pk}"] = "Keek naar moeder bij het verschonen"
    response = client.post(_edit_url(observation), data)
    assert response.status_code == 302
    score = ItemScore.objects.get(observation=observation)
    assert score.note == "Keek naar moeder bij het verschonen"
    response = client.get(_edit_url(observation))
    assert "1 van 5 items beantwoord" in response.content.decode()


def test_handing_in_incomplete_saves_the_draft_and_lists_each_open_item(
    client, professional, observation
):
    client.force_login(professional)
    data = _post_data(observation, answer_all=False, submit="1")
    items = list(observation.version.items.all())
    data[f"note_{items[1].pk}"] = "Tekst die niet verloren mag gaan"
    response = _handed_in_incomplete(client, observation, data)
    content = response.content.decode()
    assert response.status_code == 200
    open_items = len(items) - 1
    assert f"Nog niet ingediend: {open_items} onderdelen zijn nog open." in content
    assert "Het concept is opgeslagen met alles wat je invulde." in content
    # A link per open item, to its first option, named by its code and text, in page order.
    start = content.index("data-error-summary")
    summary = content[start : content.index("</ul>", start)]
    anchors = [f'href="#id_item_{item.pk}_0"' for item in items[1:]]
    assert [summary.find(anchor) for anchor in anchors] == sorted(
        summary.find(anchor) for anchor in anchors
    )
    assert all(anchor in summary for anchor in anchors)
    assert f">{items[1].code} " in summary
    assert "Kies een antwoord of ‘geen gelegenheid om te observeren’." in content
    assert content.count('aria-invalid="true"') >= open_items
    # What was typed is stored; the page does not warn about leaving, and saves on from here.
    observation.refresh_from_db()
    assert observation.status == Observation.Status.DRAFT
    assert ItemScore.objects.get(observation=observation, item=items[1]).note == (
        "Tekst die niet verloren mag gaan"
    )
    assert ItemScore.objects.filter(observation=observation, option__isnull=False).count() == 1
    assert 'id="checklist" data-unsaved' not in content
    assert f'name="lock_version" value="{observation.lock_version}"' in content
    data.pop("submit")
    data["save"] = "1"
    data["lock_version"] = observation.lock_version
    assert client.post(_edit_url(observation), data).status_code == 302


def test_input_that_cannot_be_saved_is_kept_on_the_page_and_stores_nothing(
    client, professional, observation
):
    client.force_login(professional)
    data = _post_data(observation, answer_all=False, save="1")
    second = observation.version.items.all()[1]
    data[f"note_{second.pk}"] = "Tekst die niet verloren mag gaan"
    data["next_visit"] = (observation.visit_date - timedelta(days=3)).isoformat()
    response = client.post(_edit_url(observation), data)
    content = response.content.decode()
    assert response.status_code == 400
    assert "Niet opgeslagen: 1 onderdeel klopt nog niet." in content
    assert 'href="#id_next_visit"' in content
    assert "Tekst die niet verloren mag gaan" in content
    assert 'class="checklist-form" id="checklist" data-unsaved' in content  # leaving asks first
    assert "data-unsaved" not in client.get(_edit_url(observation)).content.decode()
    assert not ItemScore.objects.exists()


def test_submitting_complete_hands_in_for_review(client, professional, observation):
    client.force_login(professional)
    response = client.post(_edit_url(observation), _post_data(observation, submit="1"))
    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.status == Observation.Status.SUBMITTED
    assert ItemScore.objects.filter(observation=observation).count() == 8


def test_a_second_save_with_an_old_version_gets_changed_meanwhile(
    client, professional, observation
):
    client.force_login(professional)
    stale = _post_data(observation, position=1, save="1")
    client.post(_edit_url(observation), _post_data(observation, position=4, save="1"))
    response = client.post(_edit_url(observation), stale)
    content = response.content.decode()
    assert response.status_code == 409
    assert "deze observatie is intussen opgeslagen in een ander venster" in content
    assert "Jij hebt haar op " in content  # only its author edits a draft
    # What differs: each item, stored in the other window against typed here.
    items = observation.version.items.count()
    assert f"{items} onderdelen verschillen" in content
    first = observation.version.items.first()
    row = content[content.index(f'<th scope="row">{first.code} ') :]
    row = row[: row.index("</tr>")]
    assert row.index("steeds") < row.index("niet gezien")
    labels = set(ItemScore.objects.values_list("option__label", flat=True))
    assert labels == {"steeds"}
    # Saving again with the old version is refused again; choosing to replace it stores it.
    assert client.post(_edit_url(observation), stale).status_code == 409
    stored = Observation.objects.get(pk=observation.pk).lock_version
    assert f'name="overwrite_version" value="{stored}"' in content
    stale.update(overwrite="1", overwrite_version=stored)
    assert client.post(_edit_url(observation), stale).status_code == 302
    labels = set(ItemScore.objects.values_list("option__label", flat=True))
    assert labels == {"niet gezien"}


def test_the_same_form_sent_again_is_no_conflict(client, professional, observation):
    """A reload or back-and-forward that sends the stored content again: saved, no 409."""
    client.force_login(professional)
    sent = _post_data(observation, position=2, save="1")
    assert client.post(_edit_url(observation), sent).status_code == 302
    again = client.post(_edit_url(observation), sent)
    assert again.status_code == 302
    assert again.url == _edit_url(observation)
    # Handing it in with the same old version: handed in, as with a fresh form.
    handed_in = client.post(_edit_url(observation), {**sent, "save": "", "submit": "1"})
    assert handed_in.status_code == 302
    assert Observation.objects.get(pk=observation.pk).status == Observation.Status.SUBMITTED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"visit_date": "2999-01-01"}, "kan niet in de toekomst liggen"),
        ({"visit_date": "2024-12-01"}, "vóór de geboortemaand"),
        ({"visit_date": "gisteren"}, "Voer een geldige datum in"),
        ({"caregiver": "buurman"}, "Selecteer een geldige keuze"),
        ({"next_visit": "2025-01-02"}, "ligt vóór dit huisbezoek"),
    ],
)
def test_bad_visit_fields_get_a_dutch_message(client, professional, observation, change, message):
    client.force_login(professional)
    response = client.post(_edit_url(observation), _post_data(observation, save="1", **change))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ItemScore.objects.exists()


def test_an_out_of_range_scale_value_is_refused(client, professional, observation):
    client.force_login(professional)
    data = _post_data(observation, save="1")
    first = observation.version.items.first()
    data[f"item_{first.pk}"] = "999999"
    response = client.post(_edit_url(observation), data)
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not ItemScore.objects.exists()


def test_items_of_another_version_are_refused(client, professional, observation, draft):
    client.force_login(professional)
    data = _post_data(observation, save="1")
    data[f"item_{draft.items.first().pk}"] = str(draft.scale_options.first().pk)
    response = client.post(_edit_url(observation), data)
    assert response.status_code == 400
    assert "niet bij deze checklistversie horen" in response.content.decode()
    assert not ItemScore.objects.exists()


def test_a_note_over_the_limit_is_refused(client, professional, observation):
    client.force_login(professional)
    data = _post_data(observation, save="1")
    data[f"note_{observation.version.items.first().pk}"] = "x" * 1001
    response = client.post(_edit_url(observation), data)
    assert response.status_code == 400
    assert "niet meer dan 1000 tekens bevat (het zijn er nu 1001)" in response.content.decode()
    assert not ItemScore.objects.exists()


def test_a_tampered_status_is_ignored(client, professional, observation):
    client.force_login(professional)
    client.post(
        _edit_url(observation),
        _post_data(observation, save="1", status="goedgekeurd", lock_version_="9"),
    )
    observation.refresh_from_db()
    assert observation.status == Observation.Status.DRAFT
    assert not StatusChange.objects.exists()


def test_markup_in_notes_is_shown_literally(client, professional, team_lead, observation):
    hostile = '<script>alert(1)</script><img src="http://example.org/x.png">'
    fill_observation(observation, professional, note=hostile)
    client.force_login(professional)
    for url in (
        _edit_url(observation),
        reverse("observaties:observation-detail", args=[observation.pk]),
    ):
        content = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_another_teams_observation_cannot_be_posted_to(client, outsider, observation):
    client.force_login(outsider)
    response = client.post(_edit_url(observation), _post_data(observation, save="1"))
    assert response.status_code == 404
    assert not ItemScore.objects.exists()


def test_an_approved_observation_cannot_be_edited(client, professional, approved):
    client.force_login(professional)
    response = client.post(_edit_url(approved), _post_data(approved, position=1, save="1"))
    assert response.status_code == 403
    assert set(ItemScore.objects.values_list("option__position", flat=True)) == {3}


def test_a_future_visit_cannot_be_started(client, professional, family, child):
    client.force_login(professional)
    response = client.post(
        reverse("observaties:observation-create", args=[family.pk]),
        {
            "child": child.pk,
            "caregiver": "vader",
            "visit_date": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "setting": "eten",
        },
    )
    assert response.status_code == 200
    assert "kan niet in de toekomst liggen" in response.content.decode()
    assert not Observation.objects.exists()


def test_a_child_of_another_family_cannot_be_chosen(client, professional, family, outsider):
    foreign = ObservationFactory(professional=outsider).child
    client.force_login(professional)
    response = client.post(
        reverse("observaties:observation-create", args=[family.pk]),
        {"child": foreign.pk, "caregiver": "vader", "visit_date": "2025-06-01", "setting": "eten"},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert Observation.objects.filter(child=foreign).count() == 1


def test_handing_in_asks_the_professionals_own_choice_per_condition_and_the_network(
    client, professional, observation
):
    client.force_login(professional)
    response = _handed_in_incomplete(
        client, observation, _post_data(observation, judged=False, submit="1")
    )
    content = response.content.decode()
    assert response.status_code == 200
    # Once beside each condition's choice, and once per condition in the summary above.
    assert content.count("Kies of dit een werkpunt is met de ouder.") == 2 * 3
    # Version 4's four questions of fit and of the child's signals are open too.
    assert content.count("Kies een antwoord of ‘geen gelegenheid’.") == 2 * 4
    assert "Nog niet ingediend: 11 onderdelen zijn nog open." in content
    assert "Vul het volgende contact met het gezin in: het blad voor de ouder noemt die datum." in (
        content
    )
    assert "Vul in wie er in een gewone week voor het kind zorgt." in content
    assert "Loop het netwerk met de ouder na: klopt het nog, of heb je het aangepast?" in content
    observation.refresh_from_db()
    assert observation.status == Observation.Status.DRAFT


def test_a_werkpunt_needs_the_reason_in_the_professionals_own_words(
    client, professional, observation
):
    client.force_login(professional)
    mentalizing = Condition.objects.get(key="mentaliseren")
    data = _post_data(observation, submit="1", **{f"work_point_{mentalizing.pk}": "ja"})
    response = _handed_in_incomplete(client, observation, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Schrijf in je eigen woorden waarom dit een werkpunt is." in content
    # The lower-half count is shown as information, next to the professional's own choice.
    assert (
        "Ter informatie: 0 van de 5 geobserveerde items staan op ‘niet gezien’ of ‘soms’."
        in content
    )
    data[f"reflection_{mentalizing.pk}"] = "Moeder benoemt nog weinig wat N. voelt."
    data["lock_version"] += 1  # the incomplete hand-in saved the draft; the page says so
    assert client.post(_edit_url(observation), data).status_code == 302
    reflection = observation.reflections.get(condition=mentalizing)
    assert reflection.work_point == "ja"
    assert reflection.text == "Moeder benoemt nog weinig wat N. voelt."


def test_the_network_and_a_change_outside_the_parents_control_are_stored(
    client, professional, observation
):
    client.force_login(professional)
    data = _post_data(
        observation,
        save="1",
        caregiver_relation_1="kinderopvang",
        caregiver_days_1="2.5",
        change_what_0="andere kinderopvang",
        change_month_0="2025-07",
        change_cause_0="opvang",
    )
    assert client.post(_edit_url(observation), data).status_code == 302
    assert [(c.relation, str(c.days_per_week)) for c in observation.caregivers.all()] == [
        ("moeder", "7.0"),
        ("kinderopvang", "2.5"),
    ]
    change = observation.caregiver_changes.get()
    assert change.outside_parent_control
    assert change.month.isoformat() == "2025-07-01"
    # A cause outside the list: the professional says whether it lay outside the parent's control.
    data.update(change_cause_0="anders")
    response = client.post(_edit_url(observation), data)
    assert response.status_code == 400
    assert "buiten de invloed van de ouder lag" in response.content.decode()


def test_a_new_observation_shows_the_previous_visits_network_to_confirm(
    client, professional, observation
):
    client.force_login(professional)
    data = _post_data(observation, submit="1", caregiver_relation_1="grootouder")
    assert client.post(_edit_url(observation), data).status_code == 302
    later = ObservationFactory(
        child=observation.child,
        professional=professional,
        visit_date=observation.visit_date + timedelta(days=60),
    )
    content = client.get(_edit_url(later)).content.decode()
    assert "Overgenomen van het huisbezoek van 15 september 2025" in content
    assert '<option value="grootouder" selected>' in content
    # Not confirmed for this visit until the professional says so.
    assert "Klopt dit nog? Loop het netwerk met de ouder na." in content
    assert (
        'name="network_check" value="klopt" class="form-check-input" id="id_network_check_0">'
        in (content)
    )
    data = _post_data(later, submit="1", caregiver_relation_1="grootouder")
    del data["network_check"]
    response = _handed_in_incomplete(client, later, data)
    assert "Loop het netwerk met de ouder na" in response.content.decode()
    data.update(network_check="aangepast", lock_version=data["lock_version"] + 1)
    assert client.post(_edit_url(later), data).status_code == 302
    later.refresh_from_db()
    assert later.get_network_check_display() == "nee, ik heb het aangepast"


def test_a_change_in_the_network_needs_its_month(client, professional, observation):
    client.force_login(professional)
    data = _post_data(
        observation, save="1", change_what_0="andere kinderopvang", change_cause_0="opvang"
    )
    response = client.post(_edit_url(observation), data)
    assert response.status_code == 400
    assert "Vul de maand van de wisseling in." in response.content.decode()
    assert not observation.caregiver_changes.exists()


def test_a_note_over_its_limit_is_refused_in_full_never_cut(client, professional, observation):
    client.force_login(professional)
    page = client.get(_edit_url(observation)).content.decode()
    item = observation.version.items.first()
    note = f'id="id_note_{item.pk}"'
    textarea = page[page.rindex("<textarea", 0, page.index(note)) : page.index(note)]
    assert "maxlength" not in textarea  # the browser would cut pasted text without a word
    assert 'data-max-length="1000"' in textarea
    assert f'aria-describedby="id_note_{item.pk}_count"' in textarea
    assert "Hoogstens 1000 tekens." in page
    long_note = "Fictief: " + "lang verhaal " * 90  # 1,178 characters once stripped
    data = _post_data(observation, answer_all=False, save="1", **{f"note_{item.pk}": long_note})
    response = client.post(_edit_url(observation), data)
    content = response.content.decode()
    assert response.status_code == 400
    assert "niet meer dan 1000 tekens bevat (het zijn er nu 1178)" in content
    assert f'href="#id_note_{item.pk}"' in content
    assert long_note.strip() in content
    assert not ItemScore.objects.exists()


def test_in_english_the_errors_quote_the_checklists_own_dutch_labels(
    client, professional, observation
):
    """The checklist's content is the organisation's Dutch text, also for an English browser:
    a message that names an option quotes it as the page shows it."""
    client.force_login(professional)
    data = _post_data(observation, answer_all=False, submit="1")
    with translation.override("nl"):  # the request switches this thread to English
        response = client.post(_edit_url(observation), data, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    content = response.content.decode()
    assert 'lang="en"' in content
    assert "Choose an answer or ‘geen gelegenheid om te observeren’." in content
    assert "no opportunity" not in content


def _session_ends(client):
    """The idle timeout: the session is gone on the server; the browser keeps its cookies."""
    Session.objects.filter(session_key=client.session.session_key).delete()


def test_a_save_after_the_session_ended_is_kept_until_its_author_logs_in(
    client, professional, observation, team
):
    client.force_login(professional)
    assert client.get(_edit_url(observation)).status_code == 200  # the browser is bound
    data = _post_data(observation, answer_all=False, save="1")
    item = observation.version.items.first()
    data[f"note_{item.pk}"] = "Fictief: getypt terwijl de sessie afliep."
    _session_ends(client)
    response = client.post(_edit_url(observation), data)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=")
    assert "reden=bewaard" in response["Location"]
    assert not ItemScore.objects.exists()  # kept, not saved
    kept = KeptForm.objects.get()
    assert "getypt terwijl" not in kept.browser_hash
    login_page = client.get(response["Location"]).content.decode()
    assert "Je bent automatisch uitgelogd" in login_page
    assert "nog niet opgeslagen" in login_page
    next_url = client.get(response["Location"]).context["next"]
    assert next_url == _edit_url(observation) + "?bewaard=1"  # nothing secret in the address

    # Someone else of the team, in this browser, cannot take it; the author gets it back once,
    # not yet saved.
    colleague = MembershipFactory(user__username="collega", team=team).user
    client.force_login(colleague)
    assert client.get(next_url).status_code in (403, 404)
    assert KeptForm.objects.exists()
    client.force_login(professional)
    page = client.get(next_url).content.decode()
    assert "Fictief: getypt terwijl de sessie afliep." in page
    assert "Het is nog niet opgeslagen" in page
    assert 'id="checklist" data-unsaved' in page  # leaving asks first
    assert not KeptForm.objects.exists()
    again = client.get(next_url).content.decode()
    assert "Het bewaarde formulier is er niet meer" in again
    assert "Fictief: getypt terwijl" not in again
    # What came back saves as it would have.
    assert client.post(_edit_url(observation), data).status_code == 302
    assert ItemScore.objects.get(item=item).note == "Fictief: getypt terwijl de sessie afliep."


def _anonymous_post(pk, data=None, cookies=None):
    """A client that never logged in: it fetched the login page for a CSRF token and posts."""
    stranger = Client()
    for name, value in (cookies or {}).items():
        stranger.cookies[name] = value
    stranger.get(reverse("login"))
    return stranger.post(f"/observaties/{pk}/invullen/", data or {"save": "1"})


def test_nobody_can_plant_a_kept_form_or_learn_which_observations_are_open(
    client, professional, observation, other_team
):
    """Without its author's browser cookie a form sent without a session is never kept, and the
    answer is the same ordinary login page for an open, a closed, another team's and a missing
    observation."""
    other = ObservationFactory(child__family__team=other_team)
    approved = ObservationFactory(child=observation.child, status=Observation.Status.APPROVED)
    planted = _post_data(observation, answer_all=False, save="1", conclusion="Fictief: geplant")
    answers = {
        pk: _anonymous_post(pk, planted)["Location"]
        for pk in (observation.pk, other.pk, approved.pk, 999_999, 2**63)
    }
    # The ordinary login page, the same for each: nothing tells them apart.
    assert answers == {pk: f"/inloggen/?next=%2Fobservaties%2F{pk}%2Finvullen%2F" for pk in answers}
    assert not KeptForm.objects.exists()
    # Nor with a cookie of its own making, or of another user.
    assert (
        "reden"
        not in _anonymous_post(observation.pk, planted, {kept_forms.COOKIE: "nep"})["Location"]
    )
    assert not KeptForm.objects.exists()


def test_an_unbound_post_never_pushes_out_the_authors_kept_form(client, professional, observation):
    client.force_login(professional)
    client.get(_edit_url(observation))
    data = _post_data(observation, answer_all=False, save="1", conclusion="Fictief: echt")
    _session_ends(client)
    assert "reden=bewaard" in client.post(_edit_url(observation), data)["Location"]
    for _attempt in range(kept_forms.PER_OBSERVATION + 2):
        _anonymous_post(observation.pk, {"save": "1", "conclusion": "Fictief: geplant"})
    (kept,) = KeptForm.objects.all()
    assert ["conclusion", ["Fictief: echt"]] in kept.data


def test_a_form_larger_than_any_checklist_is_not_kept(client, professional, observation):
    client.force_login(professional)
    client.get(_edit_url(observation))
    _session_ends(client)
    huge = {"save": "1", "conclusion": "x" * 2_000_000}
    assert "reden" not in client.post(_edit_url(observation), huge)["Location"]
    assert not KeptForm.objects.exists()


def test_expired_kept_forms_go_with_the_daily_purge(client, professional, observation):
    client.force_login(professional)
    client.get(_edit_url(observation))
    _session_ends(client)
    client.post(_edit_url(observation), _post_data(observation, answer_all=False, save="1"))
    KeptForm.objects.update(created_at=timezone.now() - timedelta(hours=kept_forms.KEPT_HOURS + 1))
    out = io.StringIO()
    call_command("purge_expired_families", stdout=out)
    assert not KeptForm.objects.exists()
    assert "1 bewaard formulier" in out.getvalue()


def test_handing_in_shows_every_error_in_one_round(client, professional, observation):
    """A conversation date in the future and an item left open: both at once, nothing saved."""
    client.force_login(professional)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    data = _post_data(observation, answer_all=False, submit="1", discussed_on=future)
    response = client.post(_edit_url(observation), data)
    content = response.content.decode()
    assert response.status_code == 400
    assert "De datum van het gesprek kan niet in de toekomst liggen." in content
    assert "Kies een antwoord of ‘geen gelegenheid om te observeren’." in content
    assert not observation.scores.exists()  # not saved: the date stops even a draft


def test_the_error_summary_names_a_field_without_a_stray_full_stop(
    client, professional, observation
):
    client.force_login(professional)
    data = _post_data(observation, answer_all=False, submit="1")
    content = client.post(_edit_url(observation), data).content.decode()
    assert ".</a>:" not in content
    assert "?</a>:" not in content


def test_reloading_the_page_after_an_incomplete_hand_in_sends_nothing_again(
    client, professional, observation
):
    client.force_login(professional)
    data = _post_data(observation, answer_all=False, submit="1")
    first = _handed_in_incomplete(client, observation, data)
    lock_version = Observation.objects.get(pk=observation.pk).lock_version
    again = client.get(f"{_edit_url(observation)}?nog-open=1")  # F5
    assert again.status_code == first.status_code == 200
    assert again.content.decode().count("data-error-summary") == 1
    assert "in een ander venster" not in again.content.decode()
    assert Observation.objects.get(pk=observation.pk).lock_version == lock_version


def test_a_month_field_points_to_its_hint_instead_of_a_placeholder(
    client, professional, observation
):
    client.force_login(professional)
    page = client.get(_edit_url(observation)).content.decode()
    assert 'type="month"' in page
    assert "placeholder=" not in page  # not allowed on a month input
    assert 'id="wisseling-maand-uitleg"' in page
    assert 'aria-describedby="wisseling-maand-uitleg"' in page


def test_a_link_leads_past_the_checklist_to_its_buttons(client, professional, observation):
    client.force_login(professional)
    page = client.get(_edit_url(observation)).content.decode()
    link = page.index('href="#checklist-acties"')
    assert link < page.index("data-checklist-condition")  # before the first condition
    assert 'id="checklist-acties" tabindex="-1"' in page
    data = _post_data(observation, answer_all=False, submit="1")
    listed = _handed_in_incomplete(client, observation, data).content.decode()
    summary = listed[
        listed.index("data-error-summary") : listed.index(
            "</div>", listed.index("data-error-summary")
        )
    ]
    assert 'href="#checklist-acties"' in summary
