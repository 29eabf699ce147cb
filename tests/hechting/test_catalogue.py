"""The catalogue as data: versions 1 to 3 come from their files, an imported file is a draft
that publishes only through the checks, and a published version's content never changes."""

import json
import os
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path

import psycopg
import pytest
import yaml
from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from config.views import forget_catalogue_check
from hechting import catalogue
from hechting.catalogue import files, shipped_files
from hechting.catalogue.content import content_hash, fingerprint, version_data
from hechting.catalogue.importer import checklist_version_import
from hechting.models import ChecklistVersion, TextSource
from hechting.services import checklist_version_publish
from tests.hechting.old_database import BEFORE_SAFETY

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# The fingerprints of versions 1 and 2 as the seed migrations wrote them (hechting 0002 to 0008,
# commit 005c864), computed on a database those migrations built.
WRITTEN_BY_THE_OLD_MIGRATIONS = {
    1: "sha256:7aefbecc30137f3b5da38847ec417c2c053f9bda38c0a2bb69d9ba2d516c2391",
    2: "sha256:c9bb1129bb56c10f4741343816e3374275bc4665b7fa924ceaa9aea4beacff8e",
}


def _file(number):
    return files.read(next(path for path in shipped_files() if path.stem == f"v{number}"))


def _as_json(data):
    return json.loads(json.dumps(data, default=str))


def call_command_output(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _catalogue_rows():
    return (ChecklistVersion.objects.count(), TextSource.objects.count())


def test_the_shipped_files_hold_exactly_what_the_seed_migrations_wrote():
    shipped = {files.read(path)["number"]: files.read(path) for path in shipped_files()}
    assert {
        number: fingerprint(data)
        for number, data in shipped.items()
        if number in WRITTEN_BY_THE_OLD_MIGRATIONS
    } == WRITTEN_BY_THE_OLD_MIGRATIONS
    assert sorted(shipped) == [1, 2, 3, 4]  # versions 3 and 4 came as files, never by a migration


def test_a_fresh_install_builds_each_version_from_its_file():
    version_1 = ChecklistVersion.objects.get(number=1)
    version_2 = ChecklistVersion.objects.get(number=2)
    version_3 = ChecklistVersion.objects.get(number=3)
    version_4 = ChecklistVersion.objects.get(number=4)
    assert version_1.status == ChecklistVersion.Status.RETIRED
    assert version_2.status == ChecklistVersion.Status.RETIRED
    assert version_3.status == ChecklistVersion.Status.RETIRED
    assert version_4 == ChecklistVersion.objects.current()
    for version in (version_1, version_2):
        assert version.content_hash == WRITTEN_BY_THE_OLD_MIGRATIONS[version.number]
    for version in (version_1, version_2, version_3, version_4):
        assert _as_json(version_data(version)) == _as_json(_file(version.number))
        assert version.content_hash == fingerprint(_file(version.number))
    assert version_3.offers_injury_alarm
    assert not version_2.offers_injury_alarm
    assert "Blauwe plekken bij kinderen" in version_3.injury_guidance_source.reference
    assert "december 2027" in version_3.injury_guidance_source.reference
    assert version_1.edition == 1
    assert not version_1.offers_safety_section
    assert version_2.offers_caregiver_network
    assert version_2.offers_stress_actions
    assert version_2.offers_parent_texts
    assert version_2.offers_safety_section
    # A quote of the knowledge page per text, the organisation's and publications' sources
    # shared: 18 and 7, as the seed migrations made them.
    assert version_2.sources.filter(kind=TextSource.Kind.KNOWLEDGE_PAGE).count() == 18
    assert version_2.sources.count() == 25


def test_a_version_written_as_a_file_reads_back_the_same(current_version):
    out = call_command_output("catalogue_export", "4")
    assert out.startswith("# Checklistversie 4 van Hechtingswijzer")
    assert files.to_data(yaml.safe_load(out)) == version_data(current_version)


def test_installing_again_changes_nothing_and_says_so():
    before = _catalogue_rows()
    said = call_command_output("catalogue_install")
    assert "Versie 1 staat er al, zoals v1.yaml." in said
    assert "Versie 2 staat er al, zoals v2.yaml." in said
    assert "Versie 3 staat er al, zoals v3.yaml." in said
    assert "Versie 4 staat er al, zoals v4.yaml." in said
    assert _catalogue_rows() == before


def test_an_imported_file_is_a_draft_that_publishes_only_when_the_checks_pass(
    client, functional_admin, current_version
):
    data = _file(4) | {"number": 5, "change_note": "Voorbeeld: zonder toelichting veiligheid."}
    del data["texts"]["safety_guidance"]
    draft = checklist_version_import(data=data)
    assert draft.is_draft
    assert draft.based_on == current_version
    assert draft.items.count() == current_version.items.count()

    client.force_login(functional_admin)
    publish = reverse("admin:hechting_checklistversion_publish", args=[draft.pk])
    response = client.post(publish, follow=True)
    assert "Versie 5 is niet gepubliceerd" in response.content.decode()
    assert "De toelichting bij ‘Zorgen over de veiligheid van het kind’ is leeg." in (
        response.content.decode()
    )
    assert ChecklistVersion.objects.current() == current_version

    draft.safety_guidance = current_version.safety_guidance
    draft.safety_guidance_source = draft.meldcode_texts.first().text_source
    draft.save()
    response = client.post(publish, follow=True)
    assert "Versie 5 is gepubliceerd en is nu de huidige versie." in response.content.decode()
    draft.refresh_from_db()
    assert draft == ChecklistVersion.objects.current()
    assert draft.content_hash == content_hash(draft)


def test_the_import_command_makes_a_draft_and_says_what_publishing_still_needs(tmp_path):
    text = (ROOT / "hechting" / "catalogue" / "v4.yaml").read_text()
    text = text.replace("number: 4\n", "number: 5\n").replace("- safety_section\n", "")
    path = tmp_path / "v5.yaml"
    path.write_text(text)

    said = call_command_output("catalogue_import", str(path))

    assert "Versie 5 staat klaar als concept." in said
    assert "De versie vraagt niet naar zorgen over de veiligheid, maar heeft er wel teksten" in said
    assert "Vragen naar letsel hoort bij het deel" in said
    assert ChecklistVersion.objects.get(number=5).is_draft


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("number: 5\n", "number: 5\nversion_name: x\n"), "version_name"),
        (lambda t: t.replace("source: redactie", "source: redaktie", 1), "‘redaktie’ staat niet"),
        (lambda t: t.replace("condition: mentaliseren", "condition: spelen", 1), "voorwaarde"),
        (lambda t: t.replace("code: SR-1", "code: sr1", 1), "SR-1"),
        (lambda t: t.replace("number: 5\n", "number: 4\n"), "Versie 4 bestaat al"),
        (lambda t: t.replace("kind: passend", "kind: passen", 1), "de soort is een van"),
        (lambda t: t.replace("max_age_months: 5", "max_age_months: -5", 1), "max_age_months"),
        (lambda t: t.replace("items:\n", "items: [\n", 1), "geen leesbaar YAML-bestand"),
        (lambda t: t.replace("- name: VoorZorg\n", "- starts_in_pregnancy: true\n"), "name"),
    ],
)
def test_a_wrong_file_is_refused_in_dutch_and_changes_nothing(tmp_path, change, message):
    text = (ROOT / "hechting" / "catalogue" / "v4.yaml").read_text()
    path = tmp_path / "v5.yaml"
    path.write_text(change(text.replace("number: 4\n", "number: 5\n")))
    before = _catalogue_rows()

    with pytest.raises((CommandError, ValidationError)) as error:
        call_command("catalogue_import", str(path))

    assert message in str(error.value)
    assert _catalogue_rows() == before


def _alter(sql, params):
    """A change made past the application, as a database tool could."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _check_ids():
    return [message.id for message in checks.run_checks(databases=["default"])]


def test_the_system_check_and_the_health_check_report_a_version_changed_after_publishing(
    client, current_version
):
    forget_catalogue_check()
    assert "hechting.E001" not in _check_ids()
    assert client.get("/gezond/").json() == {"status": "ok"}

    _alter(
        "UPDATE hechting_behaviouritem SET hint = %s WHERE version_id = %s AND code = 'SR-2'",
        ["Een andere tekst.", current_version.pk],
    )

    found = [m for m in checks.run_checks(databases=["default"]) if m.id == "hechting.E001"]
    assert len(found) == 1
    assert "checklistversie 4 is veranderd na het publiceren" in found[0].msg
    forget_catalogue_check()
    assert client.get("/gezond/").json() == {
        "status": "ok",
        "checklist": "gewijzigd na publiceren: versie 4",
    }
    forget_catalogue_check()


def test_without_a_current_version_the_checks_say_how_to_install_one(client, current_version):
    _alter(
        "UPDATE hechting_checklistversion SET status = 'vervallen' WHERE id = %s",
        [current_version.pk],
    )
    assert "hechting.W001" in _check_ids()
    forget_catalogue_check()
    assert client.get("/gezond/").json()["checklist"] == "geen huidige versie"
    forget_catalogue_check()


def _warnings(check_id):
    return [m.msg for m in checks.run_checks(databases=["default"]) if m.id == check_id]


def test_a_version_published_from_the_admin_is_reported_until_its_file_is_shipped(draft):
    assert _warnings("hechting.W002") == []
    checklist_version_publish(version=draft)

    assert _warnings("hechting.W002") == [
        "De meegeleverde bestanden en de database verschillen: versie 5 staat niet in "
        "hechting/catalogue/."
    ]


def test_a_shipped_file_edited_after_publishing_is_reported(tmp_path, monkeypatch):
    for path in shipped_files():
        (tmp_path / path.name).write_text(path.read_text())
    edited = tmp_path / "v2.yaml"
    edited.write_text(edited.read_text().replace("Schulden", "Geldzorgen", 1))
    monkeypatch.setattr(catalogue, "SHIPPED_DIR", tmp_path)

    assert _warnings("hechting.W002") == [
        "De meegeleverde bestanden en de database verschillen: versie 2 is anders dan v2.yaml."
    ]
    said = call_command_output("catalogue_install")
    assert "Versie 2 staat er al, maar anders dan v2.yaml; niets veranderd." in said


def _throwaway_database():
    """A URL for an empty database of the run's kind, and how to remove it."""
    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        path = Path(f"/tmp/hechtingswijzer-old-{uuid.uuid4().hex}.sqlite3")
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
    name = f"hechtingswijzer_old_{uuid.uuid4().hex[:12]}"
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    server = f"postgres://{database['USER']}{password}@{database['HOST']}:{database['PORT']}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")

    def drop():
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    return f"{server}/{name}", drop


def test_an_old_database_migrates_to_what_a_fresh_install_holds_and_no_version_changes():
    """Every migration since the seed migrations, run on a database holding a published and a
    retired version with approved observations: the content and its fingerprint stay what the
    old migrations wrote, which is what the files install."""
    url, remove = _throwaway_database()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": url,
    }
    try:
        run = subprocess.run(
            [sys.executable, "-m", "tests.hechting.old_database", "run"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        remove()
    migrated = json.loads(run.stdout.strip().splitlines()[-1])

    assert set(migrated["versions"]) == {"1", "2"}  # no migration creates a version either
    for number, fresh in ((1, "vervallen"), (2, "gepubliceerd")):
        old = migrated["versions"][str(number)]
        assert old["status"] == fresh
        assert old["stored_hash"] == old["hash"] == WRITTEN_BY_THE_OLD_MIGRATIONS[number]
        version = ChecklistVersion.objects.get(number=number)
        assert old["data"] == _as_json(version_data(version))
    assert migrated["safety_asked"][BEFORE_SAFETY["visit_date"]] is False
    assert sum(asked is False for asked in migrated["safety_asked"].values()) == 1
    assert migrated["check_problems"] == []
