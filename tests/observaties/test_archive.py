"""The approved report is a frozen document: made once at approval, served as those bytes."""

import base64
import hashlib
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from audit.models import AccessEvent
from observaties import services
from observaties.documents import archive
from observaties.models import ArchivedDocument, Family, Observation, ParentSheet, StatusChange
from observaties.retention import purge_expired_families
from tests import pdfs
from tests.factories import ObservationFactory, approve

pytestmark = pytest.mark.django_db

REPORT = ArchivedDocument.Kind.REPORT
SHEET = ArchivedDocument.Kind.PARENT_SHEET


def _download(client, name, observation):
    response = client.get(reverse(f"observaties:{name}", args=[observation.pk]))
    assert response.status_code == 200
    return response


def test_approval_archives_the_report_and_the_parent_sheet_once(
    submitted, team_lead, django_assert_max_num_queries
):
    approved = services.observation_approve(observation=submitted, reviewer=team_lead)

    documents = {d.kind: d for d in ArchivedDocument.objects.filter(observation=approved)}
    assert set(documents) == {REPORT, SHEET}
    approval = StatusChange.objects.get(observation=approved, to_status="goedgekeurd")
    for document in documents.values():
        data = bytes(document.pdf)
        assert data.startswith(b"%PDF")
        assert (document.size, document.sha256) == (len(data), hashlib.sha256(data).hexdigest())
        assert document.approval == approval
        assert document.code_version == django_settings.CODE_VERSION
        assert document.superseded_by is None
    report = pdfs.text(bytes(documents[REPORT].pdf))
    assert "CONCEPT" not in report
    assert "goedgekeurd" in report


def test_an_approved_report_downloads_byte_identical_after_the_name_and_a_template_change(
    client, submitted, team_lead, settings, tmp_path
):
    services.observation_approve(observation=submitted, reviewer=team_lead)
    stored = {d.kind: bytes(d.pdf) for d in ArchivedDocument.objects.filter(observation=submitted)}
    client.force_login(team_lead)

    settings.ORGANISATION_NAME = "Andere Naam Jeugdhulp"
    changed = tmp_path / "templates" / "observaties"
    changed.mkdir(parents=True)
    original = Path(django_settings.BASE_DIR, "templates/observaties/report_pdf.html").read_text()
    (changed / "report_pdf.html").write_text(
        original.replace("<body", "<body data-gewijzigd").replace(
            "</body>", "<p>GEWIJZIGD SJABLOON</p></body>"
        )
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}
    ]
    # The change is real: a report that is not approved shows it.
    other = ObservationFactory(child=submitted.child, professional=submitted.professional)
    draft_text = pdfs.text(_download(client, "observation-pdf", other).content)
    assert "GEWIJZIGD SJABLOON" in draft_text
    assert "Andere Naam Jeugdhulp" in draft_text

    report = _download(client, "observation-pdf", submitted)
    sheet = _download(client, "parent-sheet-pdf", submitted)

    assert report.content == stored[REPORT]
    assert sheet.content == stored[SHEET]
    digest = hashlib.sha256(stored[REPORT]).digest()
    assert report["Repr-Digest"] == f"sha-256=:{base64.b64encode(digest).decode()}:"


def test_a_render_that_fails_refuses_the_approval_and_changes_nothing(
    client, submitted, team_lead, settings
):
    settings.REPORT_RENDER_TIMEOUT = 0.001  # far too short for a report
    client.force_login(team_lead)
    lock_version = Observation.objects.get(pk=submitted.pk).lock_version

    response = client.post(
        reverse("observaties:observation-review", args=[submitted.pk]), {"approve": "1"}
    )

    assert response.status_code == 503
    assert "Niet goedgekeurd: het rapport kon niet worden gemaakt" in response.content.decode()
    stored = Observation.objects.get(pk=submitted.pk)
    assert (stored.status, stored.lock_version) == ("ingediend", lock_version)
    assert not StatusChange.objects.filter(observation=submitted, to_status="goedgekeurd").exists()
    assert not ArchivedDocument.objects.exists()
    assert not ParentSheet.objects.filter(observation=submitted, final_at__isnull=False).exists()


def _refuse_archive_writes():
    """Every insert into the archive fails, as it does when the runtime role lost its right to
    add to it (the trigger goes with the test's transaction)."""
    table = ArchivedDocument._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_archive() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'permission denied for table %', TG_TABLE_NAME; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER refuse_archive BEFORE INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION refuse_archive()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER refuse_archive BEFORE INSERT ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'permission denied'); END"
            )


def test_an_archive_that_cannot_be_written_refuses_the_approval_and_changes_nothing(
    client, submitted, team_lead
):
    _refuse_archive_writes()
    client.force_login(team_lead)
    lock_version = Observation.objects.get(pk=submitted.pk).lock_version

    response = client.post(
        reverse("observaties:observation-review", args=[submitted.pk]), {"approve": "1"}
    )

    assert response.status_code == 503
    assert "Niet goedgekeurd: het rapport kon niet worden gemaakt of bewaard" in (
        response.content.decode()
    )
    stored = Observation.objects.get(pk=submitted.pk)
    assert (stored.status, stored.lock_version) == ("ingediend", lock_version)
    assert not StatusChange.objects.filter(observation=submitted, to_status="goedgekeurd").exists()
    assert not ParentSheet.objects.filter(observation=submitted, final_at__isnull=False).exists()


def test_reopen_and_approve_again_keep_both_documents(client, submitted, professional, team_lead):
    services.observation_approve(observation=submitted, reviewer=team_lead)
    first = archive.current(submitted, REPORT)
    services.observation_reopen(
        observation=submitted, team_lead=team_lead, reason="Datum van het bezoek klopt niet."
    )
    first.refresh_from_db()
    assert first.superseded_by.user == team_lead
    assert first.superseded_by.comment == "Datum van het bezoek klopt niet."
    client.force_login(team_lead)
    # While it is being corrected, the download is the draft as it is now, marked as such.
    assert "CONCEPT" in pdfs.text(_download(client, "observation-pdf", submitted).content)

    approve(submitted, professional, team_lead)

    reports = ArchivedDocument.objects.filter(observation=submitted, kind=REPORT)
    assert reports.count() == 2
    second = archive.current(submitted, REPORT)
    assert second.pk != first.pk
    assert _download(client, "observation-pdf", submitted).content == bytes(second.pdf)
    page = _download(client, "observation-detail", submitted).content.decode()
    assert "Vervangen: heropend door" in page
    assert page.count("Geldig") == 2  # the new report and the new sheet
    old = client.get(reverse("observaties:archived-document", args=[submitted.pk, first.pk]))
    assert old.content == bytes(first.pdf)
    assert AccessEvent.objects.filter(target=f"archief:{first.pk}", outcome="toegestaan").exists()
    # The report printed later says that an approved version was replaced.
    assert "het goedgekeurde rapport is vervangen" in pdfs.text(bytes(second.pdf))


def test_an_archived_document_of_another_observation_is_not_found(client, submitted, team_lead):
    services.observation_approve(observation=submitted, reviewer=team_lead)
    other = ObservationFactory(child=submitted.child, professional=submitted.professional)
    document = archive.current(submitted, REPORT)
    client.force_login(team_lead)

    response = client.get(reverse("observaties:archived-document", args=[other.pk, document.pk]))

    assert response.status_code == 404


def test_the_purge_deletes_the_archived_documents(submitted, team_lead):
    services.observation_approve(observation=submitted, reviewer=team_lead)
    family = submitted.child.family
    assert ArchivedDocument.objects.filter(observation__child__family=family).count() == 2
    Family.objects.filter(pk=family.pk).update(closed_on=submitted.visit_date)

    purge_expired_families(today=date(2070, 1, 1))

    assert not ArchivedDocument.objects.exists()


def test_the_export_zip_streams_the_archived_bytes(client, submitted, professional, team_lead):
    services.observation_approve(observation=submitted, reviewer=team_lead)
    services.observation_reopen(observation=submitted, team_lead=team_lead, reason="Aanvulling.")
    approve(submitted, professional, team_lead)
    documents = list(ArchivedDocument.objects.filter(observation=submitted))
    assert len(documents) == 4
    client.force_login(team_lead)

    response = client.get(
        reverse("observaties:family-export", args=[submitted.child.family_id]),
        {"formaat": "zip"},
    )

    assert response.streaming
    pieces = list(response.streaming_content)
    assert len(pieces) >= len(documents)  # one piece per document: never all in memory at once
    zip_file = zipfile.ZipFile(io.BytesIO(b"".join(pieces)))
    assert zip_file.testzip() is None
    by_hash = {
        hashlib.sha256(zip_file.read(name)).hexdigest(): name for name in zip_file.namelist()
    }
    for document in documents:
        assert document.sha256 in by_hash
        name = by_hash[document.sha256]
        assert name.startswith("vervangen/") == (document.superseded_by_id is not None)
        assert zip_file.read(name) == bytes(document.pdf)
    checksums = zip_file.read("controlegetallen.txt").decode().splitlines()
    assert sorted(checksums) == sorted(f"{d.sha256}  {by_hash[d.sha256]}" for d in documents)
    data = json.loads(zip_file.read("gegevens.json"))
    listed = data["kinderen"][0]["observaties"][0]["gearchiveerde_documenten"]
    assert {entry["sha256"] for entry in listed} == {d.sha256 for d in documents}


def test_the_command_archives_what_is_missing_once_and_the_check_finds_none_missing(
    submitted, team_lead
):
    services.observation_approve(observation=submitted, reviewer=team_lead)
    ArchivedDocument.objects.all().delete()  # approved before archiving existed
    with pytest.raises(CommandError, match="1 goedgekeurde observaties zonder bewaard rapport"):
        call_command("archive_reports", "--check")
    out = io.StringIO()

    call_command("archive_reports", stdout=out)
    call_command("archive_reports", stdout=out)

    assert out.getvalue().splitlines() == [
        "1 observaties gearchiveerd; 0 hadden hun bewaarde rapport al.",
        "0 observaties gearchiveerd; 1 hadden hun bewaarde rapport al.",
    ]
    assert ArchivedDocument.objects.filter(observation=submitted).count() == 2
    approval = StatusChange.objects.get(observation=submitted, to_status="goedgekeurd")
    assert set(ArchivedDocument.objects.values_list("approval", flat=True)) == {approval.pk}
    call_command("archive_reports", "--check", stdout=out)


def _tampered(document, *, with_hash):
    """Overwrite part of the stored PDF, as someone with write access to the database could;
    `with_hash`: and its SHA-256 with it, so that the bytes and hash agree (a careful forgery)."""
    pdf = bytearray(bytes(document.pdf))
    pdf[200:210] = b"GEWIJZIGD!"
    fields = {"pdf": bytes(pdf)}
    if with_hash:
        fields["sha256"] = hashlib.sha256(pdf).hexdigest()
    ArchivedDocument.objects.filter(pk=document.pk).update(**fields)


@pytest.mark.parametrize("with_hash", [False, True], ids=["bytes", "bytes-and-hash"])
def test_an_altered_archived_document_is_refused_reported_and_found_again(
    client, submitted, team_lead, with_hash
):
    services.observation_approve(observation=submitted, reviewer=team_lead)
    document = archive.current(submitted, REPORT)
    original = bytes(document.pdf)
    _tampered(document, with_hash=with_hash)
    client.force_login(team_lead)

    for url in (
        reverse("observaties:observation-pdf", args=[submitted.pk]),
        reverse("observaties:archived-document", args=[submitted.pk, document.pk]),
        reverse("observaties:family-export", args=[submitted.child.family_id]) + "?formaat=zip",
    ):
        response = client.get(url)
        assert response.status_code == 409, url
        page = response.content.decode()
        assert "Dit document is niet meer zoals het is goedgekeurd" in page
        assert f"Document {document.pk} (rapport)" in page
        assert b"GEWIJZIGD!" not in response.content
    refused = AccessEvent.objects.filter(outcome="geweigerd", target=f"archief:{document.pk}")
    assert refused.count() == 3
    assert client.get(reverse("health")).json()["archief"].startswith("1 gewijzigde")
    with pytest.raises(CommandError, match="1 documenten zijn gewijzigd"):
        call_command("verify_archive", stdout=io.StringIO(), stderr=io.StringIO())

    # Restored from the backup: served again, and no longer reported.
    ArchivedDocument.objects.filter(pk=document.pk).update(
        pdf=original, sha256=hashlib.sha256(original).hexdigest()
    )
    out = io.StringIO()
    call_command("verify_archive", stdout=out)
    assert "Geen gewijzigde documenten." in out.getvalue()
    assert "archief" not in client.get(reverse("health")).json()
    assert client.get(reverse("observaties:observation-pdf", args=[submitted.pk])).content == (
        original
    )


def test_a_new_seal_key_verifies_the_old_seals_until_the_archive_is_resealed(
    submitted, team_lead, settings
):
    services.observation_approve(observation=submitted, reviewer=team_lead)
    document = archive.current(submitted, REPORT)
    old = settings.ARCHIVE_SEAL_KEYS[0]
    settings.ARCHIVE_SEAL_KEYS = ["nieuwe-sleutel-" + "x" * 40, old]
    assert archive.problem_of(document) == ""  # the old key still verifies
    out = io.StringIO()
    call_command("verify_archive", "--reseal", stdout=out)
    assert "opnieuw gezegeld met de nieuwste sleutel" in out.getvalue()
    settings.ARCHIVE_SEAL_KEYS = ["nieuwe-sleutel-" + "x" * 40]  # the old key retired
    assert archive.problem_of(ArchivedDocument.objects.get(pk=document.pk)) == ""
    settings.ARCHIVE_SEAL_KEYS = ["een-andere-sleutel-" + "y" * 40]
    assert "zegel" in archive.problem_of(ArchivedDocument.objects.get(pk=document.pk))
