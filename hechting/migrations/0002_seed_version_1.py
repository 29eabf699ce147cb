"""The three conditions for secure attachment, fixed by the theory rather than by admins.

This migration once also wrote checklist version 1; that content now lives in
hechting/catalogue/v1.yaml and is installed by `manage.py catalogue_install`. A database that
ran the old form of this migration holds the same content (tests/hechting/test_catalogue.py).
"""

from django.db import migrations

CONDITIONS = [
    ("sensitief-reageren", 1),
    ("continuiteit", 2),
    ("mentaliseren", 3),
]


def create_conditions(apps, schema_editor):
    Condition = apps.get_model("hechting", "Condition")
    for key, order in CONDITIONS:
        Condition.objects.get_or_create(key=key, defaults={"order": order})


def remove_conditions(apps, schema_editor):
    apps.get_model("hechting", "Condition").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("hechting", "0001_initial")]

    operations = [migrations.RunPython(create_conditions, remove_conditions)]
