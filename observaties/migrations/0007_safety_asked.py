"""An observation handed in before its checklist version had the safety section keeps its
meaning: that part was not asked, rather than left open.

Version 2 gained the section after it was published (hechting 0008), so a version-2 visit handed
in or approved before then has no answer to it. Drafts and returned observations are still being
worked on and are asked now, as their version asks.
"""

from django.db import migrations, models


def mark_not_asked(apps, schema_editor):
    Observation = apps.get_model("observaties", "Observation")
    Observation.objects.filter(
        version__offers_safety_section=True,
        status__in=["ingediend", "goedgekeurd"],
        safety_concern="",
    ).update(safety_asked=False)


class Migration(migrations.Migration):
    dependencies = [
        ("hechting", "0009_version_offers_and_content_hash"),
        ("observaties", "0006_kept_forms"),
    ]

    operations = [
        migrations.AddField(
            model_name="observation",
            name="safety_asked",
            field=models.BooleanField(
                default=True,
                editable=False,
                help_text="Nee bij een observatie die was ingediend voordat haar checklistversie dat deel had.",
                verbose_name="gevraagd naar zorgen over de veiligheid",
            ),
        ),
        migrations.RunPython(mark_not_asked, migrations.RunPython.noop),
    ]
