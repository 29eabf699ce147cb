"""The texts of the sheet for the parent, for version 2: each behaviour item said to the parent,
a practice tip per condition and why it matters, in plain words (B1).

They are the organisation's own texts, not the knowledge page's: plain-language rewordings of the
page's bullets and of its paragraph on the benefits, with the page as their reference. They add
no fact the page does not state: each "why" repeats the page's own reason in plain words (the
child learns the parent is there; trust can grow; the parent sees what the child feels). Version 2
is published; this fills fields that did not exist when it was published and changes nothing it
already said. "{kind}" becomes the child's first name on the sheet.
"""

from datetime import date

from django.db import migrations

EDITORS = "Redactie Hechtingswijzer, namens de organisatie"
WRITTEN_ON = date(2026, 12, 3)
REFERENCE = (
    "In eenvoudige woorden (B1) naar: ‘Wat is nodig voor veilige hechting?’, Nederlands "
    "Jeugdinstituut (NJi), in samenwerking met Landelijk Kenniscentrum LVB en Kenniscentrum "
    "Kinder- en Jeugdpsychiatrie."
)

PARENT_WORDING = {
    "SR-1": "Als {kind} naar je keek of naar je toe kwam, reageerde je.",
    "SR-2": "Je keek vriendelijk en je lachte naar {kind}.",
    "SR-3": "Je praatte tegen {kind}. Je vertelde wat er gebeurde.",
    "SR-4": "Je speelde met {kind}. Jullie deden leuke dingen samen.",
    "SR-5": "Je was lief tegen {kind} en gaf complimentjes.",
    "ME-1": "Je keek en luisterde naar {kind}.",
    "ME-2": "Je zei hardop wat je {kind} zag doen.",
    "ME-3": "Wat je zei, paste bij wat {kind} voelde.",
}

PARENT_TIP = {
    "sensitief-reageren": (
        "Let op wat {kind} je laat zien. Kijkt {kind} naar je? Of komt {kind} naar je toe? "
        "Reageer dan. Kijk terug, lach of zeg iets. Zo leert {kind}: mijn ouder is er voor mij. "
        "We oefenen dit samen."
    ),
    "continuiteit": (
        "{kind} heeft een paar vaste mensen nodig. Mensen die vaak bij {kind} zijn. Zo kan {kind} "
        "hen leren vertrouwen. We kijken samen wie er voor {kind} zorgt. En hoe dat zo vast "
        "mogelijk blijft."
    ),
    "mentaliseren": (
        "Zeg hardop wat je denkt dat {kind} voelt. Is {kind} gevallen? Zeg dan bijvoorbeeld: ‘Je "
        "bent verdrietig. Dat deed pijn.’ Zo merkt {kind} dat je het ziet. We oefenen dit samen."
    ),
}

PARENT_BENEFITS = (
    "Een kind dat zich veilig voelt bij zijn ouders, groeit beter op. Het krijgt meer "
    "zelfvertrouwen. Het leert omgaan met problemen en met gevoelens. Het leert beter praten en "
    "denken. En het kan makkelijker contact maken met anderen."
)


def seed(apps, schema_editor):
    ChecklistVersion = apps.get_model("hechting", "ChecklistVersion")
    TextSource = apps.get_model("hechting", "TextSource")
    Condition = apps.get_model("hechting", "Condition")
    version = ChecklistVersion.objects.filter(edition=2, status="gepubliceerd").first()
    if version is None:
        return
    source = TextSource.objects.create(
        version=version,
        kind="organisatie",
        author=EDITORS,
        written_on=WRITTEN_ON,
        reference=REFERENCE,
    )
    ChecklistVersion.objects.filter(pk=version.pk).update(
        parent_benefits=PARENT_BENEFITS, parent_benefits_source=source
    )
    for condition in Condition.objects.all():
        version.condition_contents.filter(condition=condition).update(
            parent_tip=PARENT_TIP[condition.key], parent_tip_source=source
        )
    for code, wording in PARENT_WORDING.items():
        version.items.filter(code=code).update(parent_wording=wording, parent_wording_source=source)


def unseed(apps, schema_editor):
    ChecklistVersion = apps.get_model("hechting", "ChecklistVersion")
    TextSource = apps.get_model("hechting", "TextSource")
    for version in ChecklistVersion.objects.filter(edition=2).exclude(parent_benefits=""):
        TextSource.objects.filter(version=version, reference=REFERENCE).delete()


class Migration(migrations.Migration):
    dependencies = [("hechting", "0005_parent_texts")]

    operations = [migrations.RunPython(seed, unseed)]
