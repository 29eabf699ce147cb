"""Seed checklist version 2 and publish it as current; version 1 is retired and stays as it was.

Every text records its source. Knowledge-page texts are the page's own words (docs/bron/
veilige-hechting.txt), quoted; square brackets mark the few words added for grammar. Everything
else is marked as the organisation's own text, written by the Hechtingswijzer editors on the date
below. The intervention pointers cite the public pages their facts were checked against.

Version 2 differs from version 1 in what it asks: continuity is recorded as the caregiver network
(no behaviour items on the scale), the professional marks each condition as a werkpunt or not,
every scale point has a definition, and the stress hints no longer name domestic violence.
"""

from datetime import date

from django.db import migrations
from django.utils import timezone

EDITORS = "Redactie Hechtingswijzer, namens de organisatie"
WRITTEN_ON = date(2026, 12, 3)
CHECKED_ON = "3 december 2026"

PAGE = "kennispagina"
OWN = "organisatie"

BENEFITS = (
    "Een veilige hechting is belangrijk voor de sociaal-emotionele ontwikkeling, de "
    "taalontwikkeling en de cognitieve ontwikkeling van het kind. De positieve gevolgen van een "
    "veilige hechting voor de ontwikkeling van kinderen zijn:\n"
    "• zelfvertrouwen, doordat ze geleerd hebben dat ze kunnen rekenen op de steun van hun "
    "opvoeders.\n"
    "• veerkracht, ze kunnen flexibel reageren op problemen en spanningen en kunnen hun emoties "
    "tonen en reguleren.\n"
    "• ze kunnen verbanden leggen tussen eigen gedrag en het effect van het eigen gedrag, doordat "
    "hun ouders sensitief reageren op het gedrag van hun kind.\n"
    "• ze kunnen relaties aangaan, doordat ze geleerd hebben dat ze kunnen vertrouwen op de ouder, "
    "kunnen ze ook makkelijker relaties aangaan met anderen."
)

STRESS_GUIDANCE = (
    "Wanneer er problemen zijn in het gezin die voor stress zorgen, bijvoorbeeld schulden, [is] "
    "het heel moeilijk om aan een veilige hechting te werken. Het is dan belangrijk om ook daarmee "
    "aan de slag te gaan. Zolang er stress is in een gezin blijft het moeilijk voor ouders om "
    "sensitief te reageren, te zorgen voor continuïteit en te mentaliseren."
)

# Per condition: (text, source) for explanation, item intro, guidance and advice; an organisation
# text may carry a reference to what it builds on.
CONTENT = {
    "sensitief-reageren": {
        "explanation": (
            "Sensitief reageren houdt in dat de ouder open staat voor de signalen van het kind en "
            "daar passend op reageert. Hierdoor leert het kind dat de ouder beschikbaar is als "
            "veilige basis om de wereld te ontdekken én als veilige haven om nabijheid en troost "
            "te vinden.",
            PAGE,
        ),
        "item_intro": (
            "Sensitief reageren vraagt van de ouder zoveel betrokkenheid bij het kind dat het "
            "passend kan reageren op de signalen van het kind. Dat houdt in dat de ouder:",
            PAGE,
        ),
        "guidance": (
            "Als professional kun je sensitief gedrag van de ouder herkennen en bevorderen. Als de "
            "ouder dit gedrag niet vertoont, kun je samen met de ouder werken aan de "
            "gehechtheidsrelatie.",
            PAGE,
        ),
        "advice": (
            "Werk samen met de ouder aan de gehechtheidsrelatie. Benoem eerst wat al goed gaat. "
            "Oefen daarna samen kleine, gewone momenten, zoals reageren als het kind kijkt of iets "
            "laat zien. Een programma met videofeedback kan helpen; zie de verwijzingen hieronder.",
            OWN,
        ),
    },
    "continuiteit": {
        "explanation": (
            "Continuïteit in de aanwezigheid van de gehechtheidspersoon is belangrijk om een "
            "veilige gehechtheidsrelatie te kunnen opbouwen. Kinderen kunnen zich aan een beperkt "
            "aantal volwassenen hechten. Het is belangrijk dat die volwassenen regelmatig dichtbij "
            "zijn en contact met het kind hebben. Zo kan het vertrouwen groeien. Het aantal "
            "primaire opvoeders dat voor het kind zorgt is bij voorkeur niet te groot en wisselt "
            "niet te vaak.",
            PAGE,
        ),
        "item_intro": ("", None),
        "guidance": (
            "Vragen om over na te denken, geen score: Zorgt een beperkt aantal volwassenen voor "
            "het kind? Zijn zij regelmatig dichtbij en hebben zij contact met het kind? Wisselen "
            "de opvoeders niet te vaak? Een wisseling die de ouder niet zelf koos, zoals een "
            "plaatsing, een andere opvang, een ziekenhuisopname of een verhuizing, telt niet tegen "
            "de ouder.",
            OWN,
        ),
        "advice": (
            "Bespreek met de ouder wie er voor het kind zorgen en wat nodig is om die mensen vaak "
            "en voorspelbaar dichtbij te laten zijn, bijvoorbeeld vaste dagen bij dezelfde oppas "
            "of opvang. Kijk bij een wisseling die niet te vermijden is samen hoe het kind contact "
            "houdt met de mensen die het kent.",
            OWN,
        ),
    },
    "mentaliseren": {
        "explanation": (
            "Mentaliseren betekent dat de ouder gevoelens en gedachtes van het kind ziet, herkent "
            "en erkent. Het gaat dus om het vermogen van de ouder om zich in te leven in het kind, "
            "bijvoorbeeld als het kind net is gevallen en begint te huilen. Een ouder die kan "
            "mentaliseren, erkent dan dat het kind huilt omdat het is gevallen en reageert hier "
            "passend op.",
            PAGE,
        ),
        "item_intro": (
            "Als professional kun je zien of een ouder kan mentaliseren aan het volgende gedrag:",
            PAGE,
        ),
        "guidance": (
            "Je kunt als professional het mentaliseren van ouders helpen bevorderen door hen het "
            "belang van dit gedrag uit te leggen en het eventueel met hen te oefenen.",
            PAGE,
        ),
        "advice": (
            "Leg de ouder in eenvoudige woorden uit waarom het belangrijk is te zien en te zeggen "
            "wat het kind voelt. Oefen het samen tijdens het bezoek, bijvoorbeeld met de vraag: "
            "‘Wat denk je dat je kind nu voelt?’",
            OWN,
        ),
    },
}

# (condition, code, text from the page, hint of the organisation)
ITEMS = [
    (
        "sensitief-reageren",
        "SR-1",
        "reageert als het kind naar de ouder kijkt of toenadering zoekt.",
        "Let op kijken, reiken, geluidjes maken of naar de ouder toe kruipen: merkt de ouder het "
        "op en reageert die er passend op?",
    ),
    (
        "sensitief-reageren",
        "SR-2",
        "een vriendelijke gezichtsuitdrukking heeft en naar het kind lacht.",
        "Kijk naar het gezicht van de ouder als die met het kind bezig is, niet alleen als die "
        "met jou praat.",
    ),
    (
        "sensitief-reageren",
        "SR-3",
        "praat tegen het kind en vertel[t] wat het doet, bijvoorbeeld bij het aankleden, in bad "
        "doen of in bed leggen.",
        "Let op verzorgingsmomenten: vertelt de ouder wat het kind doet, bijvoorbeeld ‘Je trekt "
        "je sok uit’ of ‘Je spettert met je handen’?",
    ),
    (
        "sensitief-reageren",
        "SR-4",
        "speelt met het kind en leuke dingen met het kind doet.",
        "Speelt de ouder mee of doen ze samen iets leuks? Een kind dat even alleen speelt terwijl "
        "de ouder dichtbij en beschikbaar is, ontdekt de wereld vanuit een veilige basis; dat is "
        "geen tekort.",
    ),
    (
        "sensitief-reageren",
        "SR-5",
        "het kind positief benadert en het complimenten geeft.",
        "Let op hoe de ouder het kind aanspreekt: vriendelijk, met een compliment of een "
        "aanmoediging?",
    ),
    (
        "mentaliseren",
        "ME-1",
        "De ouder kijkt en luistert naar het kind.",
        "Richt de ouder de aandacht op het kind, ook als het kind niets vraagt?",
    ),
    (
        "mentaliseren",
        "ME-2",
        "De ouder benoemt wat die ziet aan het gedrag van het kind.",
        "Zegt de ouder hardop wat het kind doet of laat zien, zoals ‘Je bent moe’ of ‘Je wilt de "
        "bal’?",
    ),
    (
        "mentaliseren",
        "ME-3",
        "Het gedrag dat de ouder benoemt past bij de situatie, bijvoorbeeld door te zeggen wanneer "
        "het kind net gevallen is: 'Je bent verdrietig omdat je gevallen bent, je hebt vast pijn.'",
        "Klopt wat de ouder zegt met wat jij ziet gebeuren bij het kind?",
    ),
]

# (position, label, no opportunity, definition of the organisation)
SCALE = [
    (
        1,
        "niet gezien",
        False,
        "Er waren tijdens dit bezoek momenten waarop dit gedrag kon, maar je zag het niet.",
    ),
    (
        2,
        "soms",
        False,
        "Je zag het gedrag een enkele keer, op een klein deel van de momenten waarop het kon.",
    ),
    (3, "vaak", False, "Je zag het gedrag op de meeste momenten waarop het kon."),
    (4, "steeds", False, "Je zag het gedrag op (bijna) elk moment waarop het kon."),
    (
        0,
        "geen gelegenheid om te observeren",
        True,
        "Er was tijdens dit bezoek geen moment waarop het gedrag kon voorkomen, bijvoorbeeld "
        "omdat het kind sliep. Dit zegt niets over de ouder en telt nergens mee; ‘niet gezien’ "
        "betekent dat er wel een moment was.",
    ),
]

# (code, label, label source, hint of the organisation)
CONTEXT_FACTORS = [
    (
        "RV-1",
        "Schulden",
        PAGE,
        "Bijvoorbeeld een achterstand in huur of energie, beslag op inkomen, of geen geld voor "
        "eten of kleding.",
    ),
    (
        "RV-2",
        "Zorgen over huisvesting",
        OWN,
        "Dreigende uitzetting, tijdelijke of te kleine woonruimte, slechte staat van de woning.",
    ),
    (
        "RV-3",
        "Gezondheid van de ouder",
        OWN,
        "Lichamelijke of psychische klachten, vermoeidheid, gebruik van alcohol of drugs.",
    ),
    (
        "RV-4",
        "Spanningen of conflicten tussen volwassenen in huis",
        OWN,
        "Bijvoorbeeld ruzies of een scheiding. Zorgen over de veiligheid van het kind horen hier "
        "niet: volg daarvoor de meldcode van je organisatie.",
    ),
    (
        "RV-5",
        "Weinig steun uit de omgeving",
        OWN,
        "Geen familie, vrienden of buren bij wie de ouder terecht kan.",
    ),
    (
        "RV-6",
        "Andere bron van stress",
        OWN,
        "Bijvoorbeeld werk, verblijfsstatus of zorgen om een ander kind. Licht toe.",
    ),
]

POINTERS = [
    {
        "name": "Kortdurende Video-Hometraining (K-VHT) in gezinnen met jonge kinderen",
        "conditions": ["sensitief-reageren", "mentaliseren"],
        "starts_in_pregnancy": False,
        "min_age_months": 0,
        "max_age_months": 59,
        "target_group": (
            "Ouders van kinderen van 0 tot en met 4 jaar die spanning ervaren in de opvoeding of "
            "lichte opvoedingsvragen hebben."
        ),
        "recognition": (
            "Goed onderbouwd (de erkenning is ouder dan vijf jaar en wordt opnieuw beoordeeld)"
        ),
        "recognised_on": date(2017, 12, 16),
        "description": (
            "Een video-hometrainer maakt korte opnames van de gewone omgang thuis en bespreekt ze "
            "met de ouders, met de aandacht op de initiatieven van het kind. Acht huisbezoeken, "
            "met drie opnames en drie nabesprekingen."
        ),
        "where_to_find": (
            "Databank Effectieve Jeugdinterventies (NJi), nji.nl/interventies; in veel regio’s "
            "aangeboden door de jeugdgezondheidszorg."
        ),
        "reference": (
            "NJi, Databank Effectieve Jeugdinterventies: ‘Kortdurende Video-Hometraining (K-VHT) "
            "in gezinnen met jonge kinderen’, https://www.nji.nl/interventies/kortdurende-video-"
            f"hometraining-k-vht-in-gezinnen-met-jonge-kinderen (geraadpleegd {CHECKED_ON}); "
            "beschrijving Eliëns en Prinsen (2017)."
        ),
        # In re-assessment: check again soon.
        "review_on": date(2027, 3, 1),
    },
    {
        "name": "VIPP-SD (Video-feedback Intervention to promote Positive Parenting and "
        "Sensitive Discipline)",
        "conditions": ["sensitief-reageren", "mentaliseren"],
        "starts_in_pregnancy": False,
        "min_age_months": 6,
        "max_age_months": 71,
        "target_group": (
            "Ouders, ook pleeg- en adoptieouders, van kinderen van 1 tot 6 jaar met (een verhoogd "
            "risico op) gedragsproblemen of problemen in de ouder-kindrelatie. Bij baby’s van 6 "
            "tot 12 maanden zonder het deel over grenzen stellen (VIPP)."
        ),
        "recognition": "Effectief volgens sterke aanwijzingen (zoals vermeld door het NCJ)",
        "recognised_on": None,
        "description": (
            "Zes tot zeven huisbezoeken waarin opnames van gewone momenten tussen ouder en kind "
            "samen worden nabesproken, gericht op sensitief reageren en sensitief grenzen stellen."
        ),
        "where_to_find": (
            "JGZ-interventiebibliotheek van het NCJ (ncj.nl), ‘VIPP-SD’; Universiteit Leiden "
            "(vippleiden.com)."
        ),
        "reference": (
            "NCJ, JGZ-interventiebibliotheek: ‘Video-feedback Intervention to Promote Positive "
            "Parenting and Sensitive Discipline (VIPP-SD)’, https://www.ncj.nl/producten-diensten/"
            "interventies/jgz-interventiebibliotheek/details1/?item=231; Universiteit Leiden, "
            "https://www.vipp-sd-international.org/vipp-sd-1 (beide geraadpleegd "
            f"{CHECKED_ON}). Het NCJ noemt 0 tot en met 6 jaar, de ontwikkelaars 1 tot 6 jaar "
            "en 6 tot 12 maanden voor VIPP; hier de smalste grenzen."
        ),
        "review_on": date(2027, 6, 1),
    },
    {
        "name": "VoorZorg",
        "conditions": ["continuiteit"],
        "starts_in_pregnancy": True,
        "min_age_months": None,
        "max_age_months": None,
        "target_group": (
            "Jonge vrouwen, zwanger van hun eerste kind, met een opeenstapeling van problemen; zij "
            "starten uiterlijk bij 28 weken zwangerschap. Dus nooit na de geboorte van het kind."
        ),
        "recognition": "Goede aanwijzingen voor effectiviteit",
        "recognised_on": date(2021, 9, 30),
        "description": (
            "40 tot 60 huisbezoeken door een VoorZorg-verpleegkundige van de "
            "jeugdgezondheidszorg, tijdens de zwangerschap en de eerste twee levensjaren. Hoort "
            "hier alleen als achtergrond: een gezin dat al meedoet, kan dat vertellen."
        ),
        "where_to_find": "Loket Gezond Leven (RIVM), interventie 1401047; de JGZ in de regio.",
        "reference": (
            "Loket Gezond Leven, ‘VoorZorg’, https://interventies.loketgezondleven.nl/"
            f"leefstijlinterventies/interventies-zoeken/1401047 (geraadpleegd {CHECKED_ON})."
        ),
        "review_on": date(2027, 6, 1),
    },
]


def seed_version_2(apps, schema_editor):
    Condition = apps.get_model("hechting", "Condition")
    ChecklistVersion = apps.get_model("hechting", "ChecklistVersion")
    TextSource = apps.get_model("hechting", "TextSource")
    ConditionContent = apps.get_model("hechting", "ConditionContent")
    BehaviourItem = apps.get_model("hechting", "BehaviourItem")
    ScaleOption = apps.get_model("hechting", "ScaleOption")
    ContextFactor = apps.get_model("hechting", "ContextFactor")
    InterventionPointer = apps.get_model("hechting", "InterventionPointer")

    conditions = {condition.key: condition for condition in Condition.objects.all()}
    now = timezone.now()
    # Every version so far printed advice by a rule and scored continuity on the scale, a draft
    # in progress included (it was copied from one of them).
    ChecklistVersion.objects.update(edition=1)
    previous = ChecklistVersion.objects.filter(status="gepubliceerd").first()
    ChecklistVersion.objects.filter(status="gepubliceerd").update(
        status="vervallen", retired_at=now
    )
    highest = ChecklistVersion.objects.order_by("-number").values_list("number", flat=True)
    # Created as published at once: a draft an admin may have in progress keeps its place.
    version = ChecklistVersion.objects.create(
        number=(highest.first() or 0) + 1,
        status="gepubliceerd",
        published_at=now,
        edition=2,
        based_on=previous,
        change_note=(
            "Elke tekst met zijn bron; continuïteit als netwerk van opvoeders; de professional "
            "kiest per voorwaarde of het een werkpunt is; betekenis van elk schaalpunt; "
            "verwijzingen naar interventies met leeftijd en erkenning; huiselijk geweld is geen "
            "stressfactor meer (zorgen over veiligheid volgen de meldcode)."
        ),
        stress_guidance=STRESS_GUIDANCE,
        benefits=BENEFITS,
    )
    editors = TextSource.objects.create(
        version=version, kind=OWN, author=EDITORS, written_on=WRITTEN_ON
    )

    def source(text, kind, reference=""):
        if kind == PAGE:
            return TextSource.objects.create(version=version, kind=PAGE, quote=text)
        if reference:
            return TextSource.objects.create(
                version=version,
                kind=OWN,
                author=EDITORS,
                written_on=WRITTEN_ON,
                reference=reference,
            )
        return editors

    version.stress_guidance_source = source(STRESS_GUIDANCE, PAGE)
    version.benefits_source = source(BENEFITS, PAGE)
    version.save()

    for key, texts in CONTENT.items():
        fields = {}
        for name, (text, kind) in texts.items():
            fields[name] = text
            fields[f"{name}_source"] = source(text, kind) if text else None
        ConditionContent.objects.create(version=version, condition=conditions[key], **fields)

    order = {}
    for key, code, text, hint in ITEMS:
        order[key] = order.get(key, 0) + 1
        BehaviourItem.objects.create(
            version=version,
            condition=conditions[key],
            code=code,
            text=text,
            text_source=source(text, PAGE),
            hint=hint,
            hint_source=editors,
            order=order[key],
        )
    for position, label, no_opportunity, definition in SCALE:
        ScaleOption.objects.create(
            version=version,
            position=position,
            label=label,
            is_no_opportunity=no_opportunity,
            definition=definition,
            definition_source=editors,
        )
    for index, (code, label, label_kind, hint) in enumerate(CONTEXT_FACTORS, start=1):
        ContextFactor.objects.create(
            version=version,
            code=code,
            label=label,
            label_source=source("bijvoorbeeld schulden", PAGE) if label_kind == PAGE else editors,
            hint=hint,
            hint_source=editors,
            order=index,
        )
    for index, facts in enumerate(POINTERS, start=1):
        facts = dict(facts)
        keys = facts.pop("conditions")
        reference = facts.pop("reference")
        pointer = InterventionPointer.objects.create(
            version=version,
            order=index,
            source=TextSource.objects.create(
                version=version, kind="publicatie", reference=reference
            ),
            **facts,
        )
        pointer.conditions.set([conditions[key] for key in keys])


def remove_version_2(apps, schema_editor):
    ChecklistVersion = apps.get_model("hechting", "ChecklistVersion")
    ChecklistVersion.objects.filter(edition=2, status="gepubliceerd").delete()
    previous = ChecklistVersion.objects.filter(status="vervallen").order_by("-number").first()
    if previous is not None:
        ChecklistVersion.objects.filter(pk=previous.pk).update(
            status="gepubliceerd", retired_at=None
        )


class Migration(migrations.Migration):
    dependencies = [("hechting", "0003_provenance_pointers_edition")]

    operations = [migrations.RunPython(seed_version_2, remove_version_2)]
