"""A kept form belongs to the browser that was signed in as the observation's author: the forms
kept before, under a key anyone could obtain, are deleted (they were kept at most 12 hours)."""

from django.db import migrations, models


def forget_unbound_forms(apps, schema_editor):
    apps.get_model("observaties", "KeptForm").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("observaties", "0007_safety_asked"),
    ]

    operations = [
        migrations.RunPython(forget_unbound_forms, migrations.RunPython.noop),
        migrations.RemoveField(model_name="keptform", name="key_hash"),
        migrations.AddField(
            model_name="keptform",
            name="browser_hash",
            field=models.CharField(db_index=True, default="", max_length=64),
            preserve_default=False,
        ),
    ]
