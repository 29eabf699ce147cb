"""Retention: expired families are deleted with a trace; data requests export everything."""

import io
import json
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from audit.models import AccessEvent
from observaties.models import Child, Family, ItemScore, Observation
from observaties.retention import purge_expired_families, retention_cutoff
from tests.factories import (
    ChildFactory,
    FamilyFactory,
    ObservationFactory,
    approve,
    fill_observation,
)

pytestmark = pytest.mark.django_db

TODAY = date(2046, 6, 15)


def test_the_default_term_is_twenty_years_after_closing(settings):
    assert settings.RETENTION_YEARS == 20
    assert retention_cutoff(TODAY) == date(2026, 6, 15)
    settings.RETENTION_YEARS = 1
    assert retention_cutoff(date(2028, 2, 29)) == date(2027, 2, 28)


def test_the_purge_deletes_what_expired_and_keeps_the_rest(team, professional):
    expired = FamilyFactory(team=team, opened_on=date(2020, 1, 1))
    Family.objects.filter(pk=expired.pk).update(closed_on=date(2026, 6, 15))
    kept = FamilyFactory(team=team, opened_on=date(2020, 1, 1))
    Family.objects.filter(pk=kept.pk).update(closed_on=date(2026, 6, 16))
    open_family = FamilyFactory(team=team)
    for family in (expired, kept, open_family):
        observation = ObservationFactory(
            child=ChildFactory(family=family), professional=professional
        )
        ItemScore.objects.create(
            observation=observation, item=observation.version.items.first(), note="x"
        )

    removed = purge_expired_families(today=TODAY)

    assert removed == [expired.pk]
    assert set(Family.objects.values_list("pk", flat=True)) == {kept.pk, open_family.pk}
    assert not Child.objects.filter(family_id=expired.pk).exists()
    assert Observation.objects.count() == 2
    trace = AccessEvent.objects.get(action="verwijderen")
    assert (trace.family_id, trace.team_id) == (expired.pk, team.pk)
    assert trace.target == "bewaartermijn:1 kinderen,1 observaties"


def test_the_command_reports_what_it_did(team, capsys, settings):
    settings.RETENTION_YEARS = 0
    family = FamilyFactory(team=team, opened_on=date(2020, 1, 1))
    Family.objects.filter(pk=family.pk).update(closed_on=date(2021, 1, 1))
    call_command("purge_expired_families", "--dry-run")
    assert "1 gezinnen afgesloten" in capsys.readouterr().out
    assert Family.objects.exists()
    call_command("purge_expired_families")
    assert "1 gezinnen verwijderd" in capsys.readouterr().out
    assert not Family.objects.exists()


def test_a_data_request_exports_everything_and_is_logged(
    client, team_lead, professional, family, child, observation
):
    fill_observation(observation, professional, note="Toelichting voor de export")
    client.force_login(team_lead)
    url = reverse("observaties:family-export", args=[family.pk])
    response = client.get(url)
    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="inzage-NRD-0001.json"'
    assert data["gezin"]["dossiernummer"] == "NRD-0001"
    items = data["kinderen"][0]["observaties"][0]["items"]
    assert len(items) == 8
    assert items[0]["toelichting"] == "Toelichting voor de export"
    response = client.get(url, {"formaat": "zip"})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["LEESMIJ.txt", "gegevens.json", "controlegetallen.txt"]
    assert json.loads(archive.read("gegevens.json"))["gezin"]["dossiernummer"] == "NRD-0001"
    # A draft is in the data, not as a report: only approved reports are documents of the file.
    assert "concepten" in archive.read("LEESMIJ.txt").decode()
    assert AccessEvent.objects.filter(action="exporteren", family_id=family.pk).count() == 2


def test_the_archive_keeps_every_report_of_one_visit_date(
    client, team_lead, professional, family, child, observation
):
    """Siblings observed on the same visit, and the other parent too: three reports, one date."""
    sibling = ChildFactory(family=family, name="U.", birth_month=date(2024, 6, 1))
    same_visit = [
        observation,
        ObservationFactory(child=child, professional=professional, caregiver="vader"),
        ObservationFactory(child=sibling, professional=professional),
    ]
    for visit in same_visit:
        approve(visit, professional, team_lead)
    assert {o.visit_date for o in same_visit} == {observation.visit_date}
    client.force_login(team_lead)
    response = client.get(
        reverse("observaties:family-export", args=[family.pk]), {"formaat": "zip"}
    )
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    reports = [name for name in archive.namelist() if name.startswith("observaties/")]
    assert sorted(reports) == sorted(
        f"observaties/hechtingswijzer-NRD-0001-2025-09-15-observatie-{o.pk}.pdf" for o in same_visit
    )
    assert all(archive.read(name).startswith(b"%PDF") for name in reports)
