"""Seed checklist version 1, published, from the knowledge page "Wat is nodig voor veilige hechting?".

The source text is kept in docs/bron/veilige-hechting.txt. Behaviour items follow its bullet lists
(sensitive responding, mentalizing) and its continuity paragraph; the stress factors follow its
"randvoorwaarden" paragraph, with the usual companions of debts. The content is frozen here on
purpose: later changes go through a new draft in the admin, never through this migration.
"""

from django.db import migrations
from django.utils import timezone

CONDITIONS = [
    ("sensitief-reageren", 1),
    ("continuiteit", 2),
    ("mentaliseren", 3),
]

CONTENT = {
    "sensitief-reageren": {
        "explanation": (
            "Sensitief reageren houdt in dat de ouder open staat voor de signalen van het kind "
            "en daar passend op reageert. Hierdoor leert het kind dat de ouder beschikbaar is als "
            "veilige basis om de wereld te ontdekken én als veilige haven om nabijheid en troost "
            "te vinden. Het vraagt van de ouder zoveel betrokkenheid bij het kind dat die passend "
            "kan reageren op de signalen van het kind."
        ),
        "guidance": (
            "Als professional kun je sensitief gedrag van de ouder herkennen en bevorderen. Als de "
            "ouder dit gedrag niet vertoont, kun je samen met de ouder werken aan de "
            "gehechtheidsrelatie."
        ),
        "advice": (
            "Werk samen met de ouder aan de gehechtheidsrelatie. Benoem wat al goed gaat en oefen "
            "kleine, concrete momenten: naar het kind kijken, lachen, vertellen wat je doet. "
            "Overweeg een interventie met video-feedback, zoals Video-hometraining of VIPP-SD; "
            "kijk in de databank Effectieve jeugdinterventies."
        ),
    },
    "continuiteit": {
        "explanation": (
            "Continuïteit in de aanwezigheid van de gehechtheidspersoon is belangrijk om een "
            "veilige gehechtheidsrelatie te kunnen opbouwen. Kinderen kunnen zich aan een beperkt "
            "aantal volwassenen hechten. Het is belangrijk dat die volwassenen regelmatig dichtbij "
            "zijn en contact met het kind hebben. Zo kan het vertrouwen groeien. Het aantal "
            "primaire opvoeders dat voor het kind zorgt is bij voorkeur niet te groot en wisselt "
            "niet te vaak."
        ),
        "guidance": (
            "Vraag de ouder wie er in een gewone week voor het kind zorgt en hoe vaak dat wisselt. "
            "Help de ouder het aantal vaste opvoeders klein en stabiel te houden, zodat die "
            "regelmatig dichtbij het kind kunnen zijn."
        ),
        "advice": (
            "Bespreek met de ouder hoe het kind steeds door dezelfde paar mensen verzorgd kan "
            "worden, en wat nodig is om wisselingen te beperken, bijvoorbeeld een vaste oppas of "
            "vaste opvang. Bij een gezin met veel risico's kan een intensief "
            "huisbezoekprogramma passen, zoals Stevig Ouderschap of VoorZorg."
        ),
    },
    "mentaliseren": {
        "explanation": (
            "Mentaliseren betekent dat de ouder gevoelens en gedachtes van het kind ziet, herkent "
            "en erkent. Het gaat dus om het vermogen van de ouder om zich in te leven in het kind, "
            "bijvoorbeeld als het kind net is gevallen en begint te huilen. Een ouder die kan "
            "mentaliseren, erkent dan dat het kind huilt omdat het is gevallen en reageert hier "
            "passend op."
        ),
        "guidance": (
            "Je kunt als professional het mentaliseren van ouders helpen bevorderen door hen het "
            "belang van dit gedrag uit te leggen en het eventueel met hen te oefenen."
        ),
        "advice": (
            "Leg de ouder in eenvoudige woorden uit waarom het belangrijk is te zien en te zeggen "
            "wat het kind voelt, en oefen het samen tijdens het bezoek, bijvoorbeeld met de vraag: "
            "'Wat denk je dat je kind nu voelt?'"
        ),
    },
}

# (condition key, code, text, hint)
ITEMS = [
    (
        "sensitief-reageren",
        "SR-1",
        "Reageert als het kind naar de ouder kijkt of toenadering zoekt.",
        "Let op kijken, reiken, geluidjes maken of naar de ouder toe kruipen: merkt de ouder het "
        "op en reageert die er snel en passend op?",
    ),
    (
        "sensitief-reageren",
        "SR-2",
        "Heeft een vriendelijke gezichtsuitdrukking en lacht naar het kind.",
        "Kijk naar het gezicht van de ouder als die met het kind bezig is, niet alleen als die "
        "met jou praat.",
    ),
    (
        "sensitief-reageren",
        "SR-3",
        "Praat tegen het kind en vertelt wat het doet, bijvoorbeeld bij het aankleden, in bad "
        "doen of in bed leggen.",
        "Let op verzorgingsmomenten: zegt de ouder wat er gebeurt ('Nu gaat je trui aan')?",
    ),
    (
        "sensitief-reageren",
        "SR-4",
        "Speelt met het kind en doet leuke dingen met het kind.",
        "Doet de ouder mee met het spel van het kind, of laat die het kind alleen spelen?",
    ),
    (
        "sensitief-reageren",
        "SR-5",
        "Benadert het kind positief en geeft het complimenten.",
        "Hoor je vaker iets aardigs of een compliment dan kritiek of een verbod?",
    ),
    (
        "continuiteit",
        "CO-1",
        "Is regelmatig dichtbij het kind en heeft contact met het kind.",
        "Blijft de ouder tijdens het bezoek in de buurt van het kind en zoekt die contact "
        "(aankijken, aanraken, praten)? Vraag ook hoe dat op een gewone dag gaat.",
    ),
    (
        "continuiteit",
        "CO-2",
        "Zorgt ervoor dat een beperkt aantal vaste opvoeders voor het kind zorgt.",
        "Vraag wie er in een gewone week voor het kind zorgt: ouders, grootouders, oppas, "
        "opvang. Weinig en steeds dezelfde personen is gunstig.",
    ),
    (
        "continuiteit",
        "CO-3",
        "Zorgt ervoor dat de opvoeders van het kind niet te vaak wisselen.",
        "Vraag naar wisselingen in de afgelopen maanden: verhuizing, nieuwe partner, andere "
        "oppas of opvang.",
    ),
    (
        "mentaliseren",
        "ME-1",
        "Kijkt en luistert naar het kind.",
        "Richt de ouder de aandacht op het kind, ook als het kind niets vraagt?",
    ),
    (
        "mentaliseren",
        "ME-2",
        "Benoemt wat die ziet aan het gedrag van het kind.",
        "Zegt de ouder hardop wat het kind doet of laat zien ('Je bent moe', 'Je wilt de bal')?",
    ),
    (
        "mentaliseren",
        "ME-3",
        "Wat de ouder benoemt past bij de situatie, bijvoorbeeld wanneer het kind net gevallen "
        "is: 'Je bent verdrietig omdat je gevallen bent, je hebt vast pijn.'",
        "Klopt wat de ouder zegt met wat jij ziet gebeuren bij het kind?",
    ),
]

# (position, label, is_no_opportunity)
SCALE = [
    (1, "niet gezien", False),
    (2, "soms", False),
    (3, "vaak", False),
    (4, "steeds", False),
    (0, "geen gelegenheid om te observeren", True),
]

# (code, label, hint)
CONTEXT_FACTORS = [
    (
        "RV-1",
        "Schulden of financiële zorgen",
        "Bijvoorbeeld achterstand in huur of energie, beslag, geen geld voor eten of kleding.",
    ),
    (
        "RV-2",
        "Zorgen over huisvesting",
        "Dreigende uitzetting, tijdelijke of te kleine woonruimte, slechte staat van de woning.",
    ),
    (
        "RV-3",
        "Gezondheid van de ouder",
        "Lichamelijke of psychische klachten, vermoeidheid, gebruik van alcohol of drugs.",
    ),
    (
        "RV-4",
        "Spanningen of conflicten tussen volwassenen in huis",
        "Ruzies, scheiding, huiselijk geweld.",
    ),
    (
        "RV-5",
        "Weinig steun uit de omgeving",
        "Geen familie, vrienden of buren bij wie de ouder terecht kan.",
    ),
    (
        "RV-6",
        "Andere bron van stress",
        "Bijvoorbeeld werk, verblijfsstatus of zorgen om een ander kind. Licht toe.",
    ),
]

STRESS_GUIDANCE = (
    "Wanneer er problemen zijn in het gezin die voor stress zorgen, bijvoorbeeld schulden, is het "
    "heel moeilijk om aan een veilige hechting te werken. Het is dan belangrijk om ook daarmee aan "
    "de slag te gaan. Zolang er stress is in een gezin blijft het moeilijk voor ouders om "
    "sensitief te reageren, te zorgen voor continuïteit en te mentaliseren."
)


def seed_version_1(apps, schema_editor):
    Condition = apps.get_model("hechting", "Condition")
    ChecklistVersion = apps.get_model("hechting", "ChecklistVersion")
    ConditionContent = apps.get_model("hechting", "ConditionContent")
    BehaviourItem = apps.get_model("hechting", "BehaviourItem")
    ScaleOption = apps.get_model("hechting", "ScaleOption")
    ContextFactor = apps.get_model("hechting", "ContextFactor")

    conditions = {key: Condition.objects.create(key=key, order=order) for key, order in CONDITIONS}
    version = ChecklistVersion.objects.create(
        number=1,
        status="gepubliceerd",
        change_note="Eerste versie, opgesteld uit de kennispagina 'Wat is nodig voor veilige "
        "hechting?' (Landelijk Kenniscentrum LVB en Kenniscentrum Kinder- en Jeugdpsychiatrie).",
        stress_guidance=STRESS_GUIDANCE,
        published_at=timezone.now(),
    )
    for key, texts in CONTENT.items():
        ConditionContent.objects.create(version=version, condition=conditions[key], **texts)
    item_order = {}
    for key, code, text, hint in ITEMS:
        item_order[key] = item_order.get(key, 0) + 1
        BehaviourItem.objects.create(
            version=version,
            condition=conditions[key],
            code=code,
            text=text,
            hint=hint,
            order=item_order[key],
        )
    for position, label, is_no_opportunity in SCALE:
        ScaleOption.objects.create(
            version=version, position=position, label=label, is_no_opportunity=is_no_opportunity
        )
    for order, (code, label, hint) in enumerate(CONTEXT_FACTORS, start=1):
        ContextFactor.objects.create(
            version=version, code=code, label=label, hint=hint, order=order
        )


def remove_version_1(apps, schema_editor):
    apps.get_model("hechting", "ChecklistVersion").objects.filter(number=1).delete()
    apps.get_model("hechting", "Condition").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("hechting", "0001_initial")]

    operations = [migrations.RunPython(seed_version_1, remove_version_1)]
