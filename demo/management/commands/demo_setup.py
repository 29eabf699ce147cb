"""Demo team, three demo accounts and two fictional families; refused outside debug/demo mode.

Everything here is made up: the case references start with DEMO and the children have
invented first names.
"""

from contextlib import nullcontext
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Team
from accounts.roles import FUNCTIONAL_ADMIN_GROUP
from hechting.models import ChecklistVersion, Condition
from hechting.selectors import version_content
from hechting.services import checklist_version_withdraw
from observaties import selectors, services
from observaties.models import (
    Agreement,
    CaregiverChange,
    CaregiverEntry,
    Child,
    Family,
    FitAnswer,
    Observation,
    SafetyAssessment,
)

DEMO_TEAM = "Wijkteam Demo"
DEMO_PASSWORD = "demo-hechting-2026"
DEMO_ACCOUNTS = [
    # (username, first name, last name, function, team role or None for the functional admin)
    ("medewerker", "Mila", "Demo", "jeugdverpleegkundige", Membership.Role.PROFESSIONAL),
    ("teamleider", "Tarik", "Demo", "teamleider jeugdgezondheidszorg", Membership.Role.TEAM_LEAD),
    ("beheerder", "Bea", "Demo", "functioneel beheerder", None),
]
# (case reference, child, age in months today, months ago of each approved visit, one in review,
#  from which visit on the family has debts, or None, from which visit on checklist version 2)
DEMO_FAMILIES = [
    ("DEMO-0001", "Noor", 20, [12, 9, 6, 3], False, 1, 1),
    ("DEMO-0002", "Sam", 11, [8, 5, 2], True, None, 1),
]
DEMO_WORK_POINT_REASON = {
    "mentaliseren": "Fictief: moeder kijkt goed naar Noor, maar zegt weinig over wat Noor voelt.",
    "sensitief-reageren": "Fictief: moeder reageert nog niet vaak als Sam naar haar kijkt.",
}
# Per family and visit: (what, who, due in days after the visit or None for the next visit).
# At each next visit the open agreements are followed up: the professional's dated ones are still
# going on, the others done. The last visit of DEMO-0001 plans a next visit that is now overdue.
DEMO_AGREEMENTS = {
    ("DEMO-0001", 2): [
        ("Elke dag samen een boekje lezen.", Agreement.Who.PARENT, None),
        ("Informatie over de peuterspeelzaal meenemen.", Agreement.Who.PROFESSIONAL, 28),
    ],
    ("DEMO-0001", 3): [
        ("Bij het aankleden zeggen wat Noor voelt.", Agreement.Who.PARENT, None),
    ],
    ("DEMO-0002", 2): [
        ("Elke dag tien minuten samen op de grond spelen.", Agreement.Who.PARENT, None),
        ("Een folder over babymassage meenemen.", Agreement.Who.PROFESSIONAL, 14),
    ],
    ("DEMO-0002", 3): [
        ("Kijken en terugpraten als Sam geluidjes maakt.", Agreement.Who.PARENT, None),
    ],
}
DEMO_EARLY_AGREEMENT = (
    "Samen spelen en kijken wat het kind laat zien.",
    Agreement.Who.PARENT,
    None,
)
DEMO_REACTION = "Fictief: moeder zegt dat ze het fijn vindt om te horen wat goed gaat."
DEMO_NEXT_VISIT_DAYS = 42  # after the last visit of DEMO-0001: overdue by now
# Fictional, like everything here; it makes the report show the guidance on stress. The debts
# are followed over three visits: a referral, still running at the next visit, done at the one
# after (the help itself goes on).
DEMO_DEBTS_NOTE = "Fictief: er is een betalingsachterstand bij de huur en de energie."
DEMO_DEBTS_REFERRAL = (
    "Aanmelden bij schuldhulpverlening van de gemeente",
    Agreement.Who.REFERRAL,
    "schuldhulpverlening gemeente",
    28,
)
DEMO_DEBTS_FOLLOW_UP = {
    2: ("loopt-door", "Fictief: intake geweest, wacht op een plan."),
    3: ("gedaan", "Fictief: er is een betalingsregeling."),
}
DEMO_DEBTS_UNDERWAY = {2: "schuldhulpverlening gemeente", 3: "schuldhulpverlening gemeente"}
# Safety concerns, per family and visit (fictional), as the meldcode and the NVK guideline on
# bruises expect them handled; dates are days after the visit. In DEMO-0002 a bruise on a
# 6-month-old who does not yet move about: within days the aandachtsfunctionaris, the jeugdarts,
# Veilig Thuis (advice) and forensic-medical expertise are consulted and the talk with the mother
# is dated; after a week help is decided with its reasons and a next contact planned; at the next
# visit the help has worked and the concern is closed. In DEMO-0001 a concern is still open at
# step 2, with a note of the team lead and a next contact that has passed.
_SAME_TALK = "Fictief: zonder sturende vragen besproken; moeder vertelt hetzelfde als eerst."
DEMO_SAFETY = {
    ("DEMO-0002", 1): {
        "signals": "Fictief: blauwe plek op de bovenarm. Moeder vertelt dat Sam van de bank viel.",
        "injury": "ja",
        "mobile": "nee",
        "step": (5, 7),
        "consultations": [
            (0, "aandachtsfunctionaris", "Fictief: jeugdarts laten kijken, Veilig Thuis bellen."),
            (1, "arts", "Fictief: jeugdarts zag Sam; het letsel is beschreven in het dossier."),
            (2, "veilig-thuis", "Fictief: advies (anoniem): laat FMEK meekijken."),
            (5, "forensisch", "Fictief: kan bij de val passen; toegebracht niet uit te sluiten."),
        ],
        "talk": (3, _SAME_TALK),
        "answers": {1: ("ja", 7), 2: ("nee", 7), 3: ("ja", 7), 4: ("ja", 7)},
        "decision": ("hulp", 7),
        "decided_by": "Fictief: ik, samen met de aandachtsfunctionaris",
        "decision_note": (
            "Fictief: geen acute onveiligheid; moeder wil hulp. Extra huisbezoeken, om de week."
        ),
        "next_contact": 14,
    },
    ("DEMO-0002", 2): {
        "signals": "Fictief: geen nieuwe plekken gezien. Sam kruipt nu; de hulp loopt goed.",
        "injury": "nee",
        "step": (5, 0),
        "talk": "as before",
        "answers": {5: ("ja", 0)},
        "decision": ("afgesloten", 0),
        "decided_by": "Fictief: ik, samen met de aandachtsfunctionaris",
        "decision_note": "Fictief: de hulp werkt. Bij nieuwe signalen opnieuw de meldcode.",
    },
    ("DEMO-0001", 3): {
        "signals": "Fictief: harde ruzie tussen de ouders terwijl Noor erbij was; Noor schrok.",
        "step": (2, 2),
        "consultations": [
            (0, "aandachtsfunctionaris", "Fictief: eerst Veilig Thuis om advies vragen."),
            (2, "veilig-thuis", "Fictief: advies: het gesprek met de ouders samen voorbereiden."),
        ],
    },
}
# The professional's judgement of fit and of the child's signals (version 4), per family and visit
# where it is not ‘meestal’: (answer, what did not fit, note). Fictional, and in line with the
# visit: the quarrel at Noor's third visit, and a mother who keeps on playing while Sam looks away.
_MIXED = FitAnswer.Answer.MIXED
# Where a visit's answers differ from the demo's pattern (a place on the scale, from 0,
# niet gezien): what Noor's mother said when Noor was startled did not fit.
DEMO_SCORES = {("DEMO-0001", 3): {"ME-3": 1}}
DEMO_FITS = {
    ("DEMO-0001", 3): {
        "PA-1": (
            _MIXED,
            {FitAnswer.Misfit.HARSH},
            "Fictief: bij het eten snel boos toen Noor knoeide.",
        ),
        "PA-2": (
            _MIXED,
            {FitAnswer.Misfit.HARSH},
            "Fictief: toen Noor schrok, zei moeder ‘stel je niet aan’. Bij het spel paste het wel.",
        ),
        "KS-1": (_MIXED, set(), "Fictief: Noor zocht moeder op na de ruzie, maar bleef onrustig."),
    },
    ("DEMO-0002", 0): {
        "KS-2": (
            FitAnswer.Answer.NO_OPPORTUNITY,
            set(),
            "Fictief: Sam lag op schoot; ontdekken kon nog niet.",
        ),
    },
    ("DEMO-0002", 2): {
        "PA-1": (
            _MIXED,
            {FitAnswer.Misfit.INTRUSIVE},
            "Fictief: moeder bleef Sam kietelen toen Sam al wegkeek.",
        ),
    },
}
DEMO_SAFETY_NOTE = (
    "Fictief: besproken in het teamoverleg; volgend bezoek samen stap 3 voorbereiden."
)


# The demo organisation's reason for withdrawing version 1: what its reports did that later
# versions do not.
DEMO_WITHDRAWAL = (
    "Fictief, voor de demo. Versie 1 liet het rapport een advies geven dat een rekenregel "
    "berekende, niet de professional. De interventies in dat advies zijn niet getoetst aan de "
    "leeftijd van het kind. De antwoordschaal had geen uitleg per antwoord, en de teksten geen "
    "bron. Vanaf versie 2 kiest de professional zelf een werkpunt, passen de verwijzingen bij de "
    "leeftijd en heeft elke tekst een bron."
)


def _months_ago(today, months):
    month = today.year * 12 + today.month - 1 - months
    return date(month // 12, month % 12 + 1, min(today.day, 28))


class Command(BaseCommand):
    help = "Maakt een demoteam, drie demo-accounts en twee fictieve gezinnen (alleen in demomodus)."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demo-accounts worden alleen aangemaakt met DJANGO_DEBUG=1 of DJANGO_DEMO=1."
            )
        team, _created = Team.objects.get_or_create(
            name=DEMO_TEAM,
            # Fictional: how a parent reaches the team, on the sheet for the parent.
            defaults={"phone": "0800-1234567", "email": "wijkteam-demo@example.org"},
        )
        users = {}
        User = get_user_model()
        for username, first_name, last_name, function_title, role in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "last_name": last_name,
                    "function_title": function_title,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
            if role is None:
                user.is_staff = True
                user.groups.add(Group.objects.get(name=FUNCTIONAL_ADMIN_GROUP))
            else:
                Membership.objects.get_or_create(user=user, team=team, defaults={"role": role})
            user.save()
            users[username] = user
        if not Family.objects.filter(team=team).exists():
            self._families(team, users["medewerker"], users["teamleider"])
        version_1 = ChecklistVersion.objects.get(number=1)
        if version_1.status == ChecklistVersion.Status.RETIRED:
            checklist_version_withdraw(version=version_1, reason=DEMO_WITHDRAWAL)
        self.stdout.write(
            f"\nDemo-accounts (wachtwoord voor alle drie: {DEMO_PASSWORD}):\n"
            f"  medewerker  – medewerker in {DEMO_TEAM}\n"
            f"  teamleider  – teamleider in {DEMO_TEAM}\n"
            "  beheerder   – functioneel beheerder (checklist, gebruikers, teams)\n"
            "Log in op http://127.0.0.1:8000/inloggen/\n"
        )

    def _families(self, team, professional, team_lead):
        today = timezone.localdate()
        current = ChecklistVersion.objects.current()
        first = ChecklistVersion.objects.get(number=1)
        for reference, initials, age, visits, in_review, debts_from, first_on_v2 in DEMO_FAMILIES:
            family = services.family_create(
                team=team,
                case_reference=reference,
                created_by=professional,
                opened_on=_months_ago(today, age - 1),
            )
            child = services.child_create(
                family=family, name=initials, birth_month=_months_ago(today, age)
            )
            for step, months in enumerate([*visits, 0] if in_review else visits):
                observation = services.observation_create(
                    child=child,
                    professional=professional,
                    caregiver=Observation.Caregiver.MOTHER,
                    visit_date=_months_ago(today, months),
                    setting=Observation.Setting.PLAY if step % 2 else Observation.Setting.MEAL,
                )
                if step < first_on_v2:
                    # The visits before version 2 was published were recorded on version 1.
                    Observation.objects.filter(pk=observation.pk).update(version=first)
                    observation.refresh_from_db()
                version = observation.version
                content = services.ObservationContent(
                    caregiver=observation.caregiver,
                    visit_date=observation.visit_date,
                    setting=observation.setting,
                    scores=_scores(version, reference, step),
                    context=_context(version, debts=debts_from is not None and step >= debts_from),
                    conclusion="Fictieve demo-observatie.",
                )
                if version.pk == current.pk:
                    _judgement(
                        content,
                        reference,
                        step,
                        last=step == len(visits) - 1,
                        first=step == first_on_v2,
                    )
                    _fits(content, version, reference, step)
                    _stress_and_safety(content, observation, reference, step)
                _agreements(
                    content,
                    observation,
                    reference,
                    step,
                    last=step == len(visits) - 1,
                    now=not months,
                )
                # Handed in a week after the visit (with the meldcode steps of that week) and
                # approved two days later, as a real review would be; the one waiting for review
                # is handed in now.
                with _as_of(observation.visit_date, days=8, hour=16) if months else nullcontext():
                    observation = services.observation_save_and_submit(
                        observation=observation,
                        user=professional,
                        lock_version=observation.lock_version,
                        content=content,
                    )
                if months:
                    with _as_of(observation.visit_date, days=10, hour=10):
                        services.observation_approve(observation=observation, reviewer=team_lead)
        concern = selectors.open_concern(Child.objects.get(family__case_reference="DEMO-0001"))
        services.safety_note_add(concern=concern, author=team_lead, text=DEMO_SAFETY_NOTE)


def _as_of(day, *, days, hour):
    """Django's clock set to `hour` o'clock, `days` after `day` (local time): the demo's history
    is written as it would have happened. Only here, in the demo data."""
    moment = timezone.make_aware(datetime.combine(day + timedelta(days=days), time(hour)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _scores(version, reference, step):
    items = list(version.items.all())
    points = [o for o in version.scale_options.all() if not o.is_no_opportunity]
    no_opportunity = version.scale_options.get(is_no_opportunity=True)
    overrides = DEMO_SCORES.get((reference, step), {})
    scores = {}
    for index, item in enumerate(items):
        if item.code in overrides:
            scores[item.pk] = (points[overrides[item.code]].pk, "")
        elif (index + step) % 7 == 6:
            scores[item.pk] = (no_opportunity.pk, "")
        else:
            level = min(len(points) - 1, (index + step) % 3 + step // 2)
            scores[item.pk] = (points[level].pk, "")
    return scores


def _on_a_working_day(day):
    """A Saturday or Sunday moves to the Monday after."""
    return day + timedelta(days=7 - day.weekday() if day.weekday() >= 5 else 0)


def _context(version, *, debts):
    context = {factor.pk: ("nee", "") for factor in version.context_factors.all()}
    if debts:
        context[version.context_factors.get(code="RV-1").pk] = ("ja", DEMO_DEBTS_NOTE)
    return context


def _agreements(content, observation, reference, step, *, last, now):
    """What was agreed at the visit and how the open agreements of earlier visits went; every
    visit was discussed with the parent that same day."""
    visit = observation.visit_date
    planned = DEMO_AGREEMENTS.get((reference, step), [DEMO_EARLY_AGREEMENT])
    content.agreements = [
        (what, who, "", visit + timedelta(days=days) if days else None)
        for what, who, days in planned
    ]
    for agreement in selectors.open_agreements(observation):
        if agreement.factor_id is not None:
            content.follow_ups[agreement.pk] = DEMO_DEBTS_FOLLOW_UP[step]
        elif agreement.who == Agreement.Who.PROFESSIONAL and agreement.due:
            content.follow_ups[agreement.pk] = ("loopt-door", "Fictief: nog niet gelukt.")
        else:
            content.follow_ups[agreement.pk] = ("gedaan", "")
    content.discussed_on = visit
    if last or now:
        content.parent_reaction = DEMO_REACTION
    if reference == "DEMO-0001" and last:
        content.next_visit = _on_a_working_day(visit + timedelta(days=DEMO_NEXT_VISIT_DAYS))
    elif now:
        content.next_visit = _on_a_working_day(visit + timedelta(days=10))
    elif content.next_visit is None:
        # The next visit, planned about three months on, as the demo's visits are.
        content.next_visit = _on_a_working_day(visit + timedelta(days=91))


def _stress_and_safety(content, observation, reference, step):
    """The debts' referral and who is on them; the safety section as DEMO_SAFETY has it."""
    version = observation.version
    debts = version.context_factors.get(code="RV-1")
    if content.context.get(debts.pk, ("",))[0] == "ja":
        if step in DEMO_DEBTS_UNDERWAY:
            content.underway[debts.pk] = DEMO_DEBTS_UNDERWAY[step]
        else:
            what, who, whom, days = DEMO_DEBTS_REFERRAL
            content.stress_actions[debts.pk] = (
                what,
                who,
                whom,
                content.visit_date + timedelta(days=days),
            )
    safety = DEMO_SAFETY.get((reference, step))
    if safety is None:
        content.safety = services.SafetyContent(concern="nee")
        return
    visit = content.visit_date

    def day(offset):
        return visit + timedelta(days=offset)

    step_number, step_day = safety["step"]
    answers = {n: (answer, day(on)) for n, (answer, on) in safety.get("answers", {}).items()}
    earlier_answers, talk = {}, {}
    if safety.get("talk") == "as before":  # the talk of step 3, as an earlier visit recorded it
        earlier = SafetyAssessment.objects.filter(
            observation__child=observation.child, concern__closed_on__isnull=True
        ).exclude(talk_on=None)
        carried = earlier.order_by("observation__visit_date").last()
        talk = {"talk_on": carried.talk_on, "talk_note": carried.talk_note}
        earlier_answers = {n: (answer, on) for n, answer, on in carried.answers if answer}
    elif "talk" in safety:
        talk = {"talk_on": day(safety["talk"][0]), "talk_note": safety["talk"][1]}
    decided = {}
    if "decision" in safety:
        decision, decided_day = safety["decision"]
        decided = {
            "decision": decision,
            "decision_on": day(decided_day),
            "decided_by": safety["decided_by"],
            "decision_note": safety["decision_note"],
        }
    content.safety = services.SafetyContent(
        concern="ja",
        signals=safety["signals"],
        injury=safety.get("injury", ""),
        mobile=safety.get("mobile", ""),
        step=step_number,
        step_on=day(step_day),
        consultations=[
            (day(offset), whom, outcome)
            for offset, whom, outcome in safety.get("consultations", [])
        ],
        answers={**earlier_answers, **answers},
        **talk,
        **decided,
    )
    if "next_contact" in safety:
        content.next_visit = _on_a_working_day(day(safety["next_contact"]))


def _fits(content, version, reference, step):
    """Per question of fit or of the child's signals ‘meestal’, unless DEMO_FITS says otherwise."""
    overrides = DEMO_FITS.get((reference, step), {})
    content.fits = {
        question.pk: (
            overrides[question.code][0],
            frozenset(overrides[question.code][1]),
            overrides[question.code][2],
        )
        if question.code in overrides
        else (FitAnswer.Answer.MOSTLY, frozenset(), "")
        for question in version_content(version).fit_questions
    }


def _judgement(content, reference, step, *, last, first):
    """A version-2 visit: the network gone through with the parent (with, in the first family,
    a change of day care that the parent did not choose, and the network changed to match) and
    the professional's choice per condition, one werkpunt at the last approved visit."""
    conditions = {condition.key: condition.pk for condition in Condition.objects.all()}
    changed = reference == "DEMO-0001" and last
    content.caregivers = [
        (CaregiverEntry.Relation.MOTHER, Decimal(7), ""),
        (CaregiverEntry.Relation.GRANDPARENT, Decimal(1), "fictief: oma, op woensdag"),
        (
            CaregiverEntry.Relation.DAY_CARE,
            Decimal(2),
            "fictief: nieuwe groep, nog aan het wennen" if changed else "fictief: vaste groep",
        ),
    ]
    content.network_check = (
        Observation.NetworkCheck.FIRST
        if first
        else Observation.NetworkCheck.CHANGED
        if changed
        else Observation.NetworkCheck.STILL_TRUE
    )
    if changed:
        content.changes = [
            (
                "fictief: andere kinderopvang, de oude locatie sloot",
                CaregiverChange.Cause.DAY_CARE,
                True,
                _months_ago(content.visit_date, 1).replace(day=1),
            )
        ]
    content.work_points = dict.fromkeys(conditions.values(), "nee")
    content.reflections = {}
    if last:
        key = "mentaliseren" if reference == "DEMO-0001" else "sensitief-reageren"
        content.work_points[conditions[key]] = "ja"
        content.reflections[conditions[key]] = DEMO_WORK_POINT_REASON[key]
