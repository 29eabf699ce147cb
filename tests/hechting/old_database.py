"""A database as the seed migrations left it before the catalogue moved to data files.

Until hechting 0009, migrations 0002, 0004, 0006 and 0008 wrote versions 1 and 2 (0006 and 0008
into the published version 2, in place). `data/old-database.json` holds the rows of such a
database after `make run`'s demo data, with one approved version-2 visit handed in before 0008
(no safety answer), as it would have been. It was written by `write` below from a database built
with those migrations (commit 005c864).

`python -m tests.hechting.old_database DATABASE_URL` builds that database at the old migrations
in an empty database, migrates it to the latest state, and prints what a test compares as JSON.
"""

import json
import os
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "data" / "old-database.json"
# The newest migration of each app changed since; every other app is migrated to its latest.
OLD_STATE = {
    "hechting": "0008_seed_meldcode_and_stress_actions",
    "observaties": "0006_kept_forms",
}
MODELS = [
    "hechting.checklistversion",
    "hechting.textsource",
    "hechting.conditioncontent",
    "hechting.behaviouritem",
    "hechting.scaleoption",
    "hechting.contextfactor",
    "hechting.meldcodetext",
    "hechting.interventionpointer",
    "accounts.team",
    "accounts.user",
    "accounts.membership",
    "observaties.family",
    "observaties.child",
    "observaties.observation",
    "observaties.itemscore",
    "observaties.conditionreflection",
    "observaties.caregiverentry",
    "observaties.caregiverchange",
    "observaties.contextanswer",
    "observaties.statuschange",
    "observaties.agreement",
    "observaties.agreementfollowup",
    "observaties.safetyconcern",
    "observaties.safetyassessment",
    "observaties.parentsheet",
]
# The approved version-2 visit of DEMO-0001 on 4 March 2026, handed in before 0008 asked about
# safety.
BEFORE_SAFETY = {"case_reference": "DEMO-0001", "visit_date": "2026-03-04"}


def write():
    """Write the fixture from the database DATABASE_URL names (migrated, with demo data)."""
    from django.apps import apps
    from django.core import serializers

    rows = []
    for label in MODELS:
        model = apps.get_model(label)
        rows.extend(serializers.serialize("python", model.objects.order_by("pk")))
    families = {row["pk"]: row for row in rows if row["model"] == "observaties.family"}
    children = {row["pk"]: row for row in rows if row["model"] == "observaties.child"}
    for row in rows:
        if row["model"] == "accounts.user":  # nobody logs in to it: no password, no groups
            row["fields"].update(password="!", groups=[], user_permissions=[])
        if row["model"] != "observaties.observation":
            continue
        family = families[children[row["fields"]["child"]]["fields"]["family"]]
        if (
            family["fields"]["case_reference"] == BEFORE_SAFETY["case_reference"]
            and row["fields"]["visit_date"].isoformat() == BEFORE_SAFETY["visit_date"]
        ):
            row["fields"]["safety_concern"] = ""
    FIXTURE.write_text(
        json.dumps(rows, default=str, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    )


def load(apps):
    """Insert the fixture's rows with the historical models of `apps`; a field a model did not
    have yet is left out."""
    from django.db import transaction

    rows = json.loads(FIXTURE.read_text())
    with transaction.atomic():  # foreign keys are checked at the end: versions and sources
        for row in rows:
            _insert(apps.get_model(row["model"]), row)


def _insert(model, row):
    from django.db.models import ManyToManyField

    fields = {field.name: field for field in model._meta.get_fields()}
    values, many = {}, {}
    for name, value in row["fields"].items():
        field = fields.get(name)
        if isinstance(field, ManyToManyField):
            many[name] = value
        elif field is not None and field.is_relation:
            values[field.attname] = value
        elif field is not None:
            values[name] = field.to_python(value)
    obj = model(pk=row["pk"], **values)
    model.objects.bulk_create([obj])
    for name, value in many.items():
        getattr(obj, name).set(value)


def migrate_old_database():
    """In the empty database DATABASE_URL names: the old state with the fixture, then every
    migration since. Returns what the test compares."""
    from django.core import checks
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from hechting.catalogue.content import content_hash, version_data

    executor = MigrationExecutor(connection)
    targets = [(app, OLD_STATE.get(app, name)) for app, name in executor.loader.graph.leaf_nodes()]
    executor.migrate(targets)
    load(executor.loader.project_state(targets).apps)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from hechting.models import ChecklistVersion
    from observaties.models import Child, Observation

    versions = {}
    for version in ChecklistVersion.objects.order_by("number"):
        versions[str(version.number)] = {
            "status": version.status,
            "stored_hash": version.content_hash,
            "hash": content_hash(version),
            "data": version_data(version),
        }
    child = Child.objects.filter(family__case_reference=BEFORE_SAFETY["case_reference"]).first()
    observations = {
        str(observation.visit_date): observation.safety_asked
        for observation in Observation.objects.filter(child=child)
    }
    problems = [
        message.id for message in checks.run_checks(databases=["default"]) if message.level >= 30
    ]
    return {
        "versions": versions,
        "safety_asked": observations,
        "check_problems": problems,
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    import django

    django.setup()
    if sys.argv[1:] == ["write"]:
        write()
    else:
        print(json.dumps(migrate_old_database(), default=str))
