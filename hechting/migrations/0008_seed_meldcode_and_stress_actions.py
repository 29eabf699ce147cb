"""For version 2: the safety section's wording along the meldcode, and examples of actions per
stress factor.

All of it is the organisation's own text, not the knowledge page's (the page says nothing about
the meldcode). The steps and questions are short wordings of the national basic model
(Rijksoverheid, ‘Basismodel meldcode huiselijk geweld en kindermishandeling’, 2017, with the
afwegingskader that steps 4 and 5 use since 1 January 2019) and of NJi's page on the
afwegingskader; the reference says where they come from and when to check them again. The action
examples name the kinds of help the issue and the knowledge page mention (schuldhulpverlening,
maatschappelijk werk); they are offered as choices, never as advice the product gives.

Version 2 is published; this fills fields that did not exist when it was published and changes
nothing it already said.
"""

from datetime import date

from django.db import migrations

EDITORS = "Redactie Hechtingswijzer, namens de organisatie"
WRITTEN_ON = date(2026, 12, 3)
MELDCODE_REFERENCE = (
    "Naar: ‘Basismodel meldcode huiselijk geweld en kindermishandeling’, Rijksoverheid, 2017 "
    "(https://www.rijksoverheid.nl/documenten/rapporten/2017/01/09/basismodel-meldcode-huiselijk-"
    "geweld-en-kindermishandeling), en ‘Het afwegingskader in de meldcode’, Nederlands "
    "Jeugdinstituut (https://www.nji.nl/kindermishandeling/afwegingskader-meldcode). Gecontroleerd "
    "op 3 december 2026; opnieuw controleren in december 2027, of eerder als de wet verandert. "
    "Pas de woorden aan aan de meldcode van de eigen organisatie."
)
ACTIONS_REFERENCE = (
    "Voorbeelden van de organisatie; de kennispagina ‘Wat is nodig voor veilige hechting?’ (NJi) "
    "zegt alleen dat het belangrijk is om ook met de stress aan de slag te gaan. Schuldhulp is "
    "sinds 2012 een wettelijke taak van de gemeente (Wet gemeentelijke schuldhulpverlening; CBS, "
    "https://www.cbs.nl/nl-nl/nieuws/2022/22/weer-minder-mensen-in-de-wettelijke-schuldsanering/"
    "wet-gemeentelijke-schuldhulpverlening--wgs---in-2012). Gecontroleerd op 3 december 2026; "
    "opnieuw controleren in december 2027."
)

SAFETY_GUIDANCE = (
    "Zie of hoor je signalen van huiselijk geweld of kindermishandeling? Volg dan de meldcode van "
    "je organisatie. Leg hier vast welke signalen je zag, welke stap van de meldcode je hebt "
    "bereikt en met wie je overlegde; vanaf stap 4 ook de afwegingen en het besluit, elk met de "
    "datum. Dit deel staat los van de rest van de checklist, is vertrouwelijk en komt nooit op het "
    "blad voor de ouder. Hechtingswijzer beslist niets en meldt aan niemand: dat doe jij, samen "
    "met je collega’s en je teamleider."
)

STEPS = [
    "Signalen in kaart brengen",
    "Collegiale consultatie en zo nodig Veilig Thuis of een deskundige raadplegen",
    "Gesprek met de betrokkene(n)",
    "Wegen van het geweld of de kindermishandeling, met het afwegingskader",
    "Beslissen: hulp bieden of organiseren en/of melden bij Veilig Thuis",
]

QUESTIONS = [
    "Vermoeden: heb je na stap 1 tot en met 4 een vermoeden van (dreiging van) huiselijk geweld "
    "of kindermishandeling? Nee: afsluiten en vastleggen in het dossier.",
    "Acute of structurele onveiligheid: schat je in dat daarvan sprake is? Ja: melden bij "
    "Veilig Thuis; afweging 3 tot en met 5 doe je dan samen met Veilig Thuis.",
    "Zelf hulp bieden of organiseren: kun je effectieve hulp bieden of organiseren om "
    "(toekomstig) geweld af te wenden? Nee: melden bij Veilig Thuis.",
    "Aanvaarden van hulp: aanvaarden de betrokkenen die hulp en zetten zij zich ervoor in? Nee: "
    "melden bij Veilig Thuis.",
    "Gewenst resultaat: leidt de hulp op tijd tot de nodige resultaten voor de veiligheid en het "
    "welzijn van iedereen? Nee: (opnieuw) melden bij Veilig Thuis. Ja: de hulp afsluiten, met "
    "afspraken over hoe de veiligheid gevolgd wordt.",
]

ACTIONS = {
    "RV-1": [
        "Verwijzing naar schuldhulpverlening van de gemeente",
        "Samen met de ouder een overzicht maken van inkomsten, vaste lasten en schulden",
        "Verwijzing naar maatschappelijk werk",
    ],
    "RV-2": [
        "Verwijzing naar maatschappelijk werk",
        "Samen met de ouder contact opnemen met de verhuurder of woningcorporatie",
    ],
    "RV-3": [
        "De ouder maakt een afspraak met de huisarts",
        "Verwijzing naar maatschappelijk werk",
    ],
    "RV-4": [
        "Verwijzing naar maatschappelijk werk",
        "Verwijzing naar hulp bij relatieproblemen of scheiding",
    ],
    "RV-5": [
        "Samen met de ouder nagaan wie in de omgeving kan helpen",
        "Verwijzing naar een ontmoetingsplek voor ouders in de wijk",
    ],
    "RV-6": ["Verwijzing naar maatschappelijk werk"],
}


def seed(apps, schema_editor):
    ChecklistVersion = apps.get_model("hechting", "ChecklistVersion")
    TextSource = apps.get_model("hechting", "TextSource")
    MeldcodeText = apps.get_model("hechting", "MeldcodeText")
    version = ChecklistVersion.objects.filter(edition=2, status="gepubliceerd").first()
    if version is None:
        return
    meldcode = TextSource.objects.create(
        version=version,
        kind="organisatie",
        author=EDITORS,
        written_on=WRITTEN_ON,
        reference=MELDCODE_REFERENCE,
    )
    actions = TextSource.objects.create(
        version=version,
        kind="organisatie",
        author=EDITORS,
        written_on=WRITTEN_ON,
        reference=ACTIONS_REFERENCE,
    )
    ChecklistVersion.objects.filter(pk=version.pk).update(
        safety_guidance=SAFETY_GUIDANCE, safety_guidance_source=meldcode
    )
    for kind, texts in (("stap", STEPS), ("afweging", QUESTIONS)):
        for number, text in enumerate(texts, start=1):
            MeldcodeText.objects.create(
                version=version, kind=kind, number=number, text=text, text_source=meldcode
            )
    for code, suggestions in ACTIONS.items():
        version.context_factors.filter(code=code).update(
            action_suggestions="\n".join(suggestions), action_suggestions_source=actions
        )


def unseed(apps, schema_editor):
    ChecklistVersion = apps.get_model("hechting", "ChecklistVersion")
    version = ChecklistVersion.objects.filter(edition=2, status="gepubliceerd").first()
    if version is None:
        return
    version.meldcode_texts.all().delete()
    ChecklistVersion.objects.filter(pk=version.pk).update(
        safety_guidance="", safety_guidance_source=None
    )
    version.context_factors.update(action_suggestions="", action_suggestions_source=None)
    version.sources.filter(reference__in=[MELDCODE_REFERENCE, ACTIONS_REFERENCE]).delete()


class Migration(migrations.Migration):
    dependencies = [("hechting", "0007_meldcode_and_stress_actions")]

    operations = [migrations.RunPython(seed, unseed)]
