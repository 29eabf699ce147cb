"""The safety route as the meldcode works: any number of dated consultations per visit (the one
"overlegd met" field becomes a consultation, with whom as the professional wrote it), step 3's
conversation with the parent dated or skipped with a reason, help and a report together, the
report's date and Veilig Thuis's reference, who decided, and the alarm signal of an injury in a
child that does not yet move about. The confidential part becomes a document of its own."""

import django.db.models.deletion
from django.db import migrations, models


def consultations_from_the_single_field(apps, schema_editor):
    """Each recorded "overlegd met" becomes a consultation "anders" whose outcome names with whom
    it was, on its date (or the step's date, or the visit's, when none was given)."""
    assessments = apps.get_model("observaties", "SafetyAssessment")
    consultations = apps.get_model("observaties", "SafetyConsultation")
    for assessment in assessments.objects.exclude(consulted="").select_related("observation"):
        consultations.objects.create(
            assessment=assessment,
            position=0,
            on=assessment.consulted_on or assessment.step_on or assessment.observation.visit_date,
            with_whom="anders",
            outcome=f"Overlegd met: {assessment.consulted}",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("observaties", "0010_status_change_time_set_once"),
    ]

    operations = [
        migrations.AlterField(
            model_name="observation",
            name="next_visit",
            field=models.DateField(
                blank=True, null=True, verbose_name="volgend contact met het gezin"
            ),
        ),
        migrations.AddField(
            model_name="safetyassessment",
            name="decided_by",
            field=models.CharField(
                blank=True,
                help_text="Bijvoorbeeld ‘ik, samen met de aandachtsfunctionaris’.",
                max_length=200,
                verbose_name="besluit genomen door",
            ),
        ),
        migrations.AddField(
            model_name="safetyassessment",
            name="injury",
            field=models.CharField(
                blank=True,
                choices=[("ja", "ja"), ("nee", "nee")],
                max_length=3,
                verbose_name="blauwe plek of ander letsel",
            ),
        ),
        migrations.AddField(
            model_name="safetyassessment",
            name="mobile",
            field=models.CharField(
                blank=True,
                choices=[("ja", "ja"), ("nee", "nee")],
                max_length=3,
                verbose_name="beweegt zich zelf voort (rollen, kruipen, lopen)",
            ),
        ),
        migrations.AddField(
            model_name="safetyassessment",
            name="report_reference",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="kenmerk van Veilig Thuis"
            ),
        ),
        migrations.AddField(
            model_name="safetyassessment",
            name="reported_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="gemeld bij Veilig Thuis op"
            ),
        ),
        migrations.AddField(
            model_name="safetyassessment",
            name="talk_note",
            field=models.TextField(
                blank=True, max_length=1000, verbose_name="wat kwam uit het gesprek"
            ),
        ),
        migrations.AddField(
            model_name="safetyassessment",
            name="talk_on",
            field=models.DateField(blank=True, null=True, verbose_name="gesprek met de ouder op"),
        ),
        migrations.AddField(
            model_name="safetyassessment",
            name="talk_skipped",
            field=models.CharField(
                blank=True,
                choices=[
                    ("veiligheid-kind", "het gesprek brengt de veiligheid van het kind in gevaar"),
                    (
                        "veiligheid-anderen",
                        "het gesprek brengt de veiligheid van mij of van een ander in gevaar",
                    ),
                    ("contact", "ik verwacht dat de ouder door het gesprek het contact verbreekt"),
                ],
                max_length=20,
                verbose_name="gesprek niet gevoerd, omdat",
            ),
        ),
        migrations.AddField(
            model_name="safetyassessment",
            name="talk_skipped_note",
            field=models.TextField(
                blank=True, max_length=1000, verbose_name="toelichting: waarom geen gesprek"
            ),
        ),
        migrations.AlterField(
            model_name="archiveddocument",
            name="kind",
            field=models.CharField(
                choices=[
                    ("rapport", "rapport"),
                    ("blad-voor-de-ouder", "blad voor de ouder"),
                    ("veiligheid", "vertrouwelijk deel: zorg over de veiligheid"),
                ],
                max_length=20,
                verbose_name="soort",
            ),
        ),
        migrations.AlterField(
            model_name="safetyassessment",
            name="decision",
            field=models.CharField(
                blank=True,
                choices=[
                    ("hulp", "hulp geboden of georganiseerd"),
                    ("melding", "gemeld bij Veilig Thuis"),
                    ("hulp-en-melding", "hulp geboden of georganiseerd én gemeld bij Veilig Thuis"),
                    ("afgesloten", "afgesloten"),
                ],
                max_length=20,
                verbose_name="besluit",
            ),
        ),
        migrations.CreateModel(
            name="SafetyConsultation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="volgorde")),
                ("on", models.DateField(verbose_name="overlegd op")),
                (
                    "with_whom",
                    models.CharField(
                        choices=[
                            ("collega", "een collega"),
                            ("aandachtsfunctionaris", "de aandachtsfunctionaris"),
                            ("arts", "jeugdarts of andere medische professional"),
                            ("forensisch", "forensisch-medische expertise (FMEK)"),
                            ("veilig-thuis", "Veilig Thuis (advies, geen melding)"),
                            ("anders", "anders (noem wie in de uitkomst)"),
                        ],
                        max_length=30,
                        verbose_name="met wie",
                    ),
                ),
                ("outcome", models.TextField(blank=True, max_length=1000, verbose_name="uitkomst")),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consultations",
                        to="observaties.safetyassessment",
                        verbose_name="stand van een zorg over de veiligheid",
                    ),
                ),
            ],
            options={
                "verbose_name": "overleg over een zorg over de veiligheid",
                "verbose_name_plural": "overleggen over zorgen over de veiligheid",
                "ordering": ["on", "position", "pk"],
            },
        ),
        migrations.RunPython(consultations_from_the_single_field, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="safetyassessment",
            name="consulted",
        ),
        migrations.RemoveField(
            model_name="safetyassessment",
            name="consulted_on",
        ),
    ]
