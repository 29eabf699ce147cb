"""Demo team, three demo accounts and two fictional families; refused outside debug/demo mode.

Everything here is made up: the case references start with DEMO and the children have
invented initials.
"""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Team
from accounts.roles import FUNCTIONAL_ADMIN_GROUP
from hechting.models import ChecklistVersion
from observaties import services
from observaties.models import Family, Observation

DEMO_TEAM = "Wijkteam Demo"
DEMO_PASSWORD = "demo-hechting-2026"
DEMO_ACCOUNTS = [
    # (username, first name, last name, team role or None for the functional admin)
    ("medewerker", "Mila", "Demo", Membership.Role.PROFESSIONAL),
    ("teamleider", "Tarik", "Demo", Membership.Role.TEAM_LEAD),
    ("beheerder", "Bea", "Demo", None),
]
# (case reference, child, age in months today, months ago of each approved visit, one in review,
#  from which visit on the family has debts, or None)
DEMO_FAMILIES = [
    ("DEMO-0001", "N.", 20, [12, 9, 6, 3], False, 2),
    ("DEMO-0002", "S.B.", 11, [8, 5, 2], True, None),
]
# Fictional, like everything here; it makes the report show the guidance on stress.
DEMO_DEBTS_NOTE = (
    "Fictief: er is een betalingsachterstand; de ouders hebben schuldhulp aangevraagd."
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
        team, _created = Team.objects.get_or_create(name=DEMO_TEAM)
        users = {}
        User = get_user_model()
        for username, first_name, last_name, role in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": first_name, "last_name": last_name}
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
        self.stdout.write(
            f"\nDemo-accounts (wachtwoord voor alle drie: {DEMO_PASSWORD}):\n"
            f"  medewerker  – medewerker in {DEMO_TEAM}\n"
            f"  teamleider  – teamleider in {DEMO_TEAM}\n"
            "  beheerder   – functioneel beheerder (checklist, gebruikers, teams)\n"
            "Log in op http://127.0.0.1:8000/inloggen/\n"
        )

    def _families(self, team, professional, team_lead):
        today = timezone.localdate()
        version = ChecklistVersion.objects.current()
        items = list(version.items.all())
        points = [o for o in version.scale_options.all() if not o.is_no_opportunity]
        no_opportunity = version.scale_options.get(is_no_opportunity=True)
        factors = list(version.context_factors.all())
        debts = version.context_factors.get(code="RV-1")
        for reference, initials, age, visits, in_review, debts_from in DEMO_FAMILIES:
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
                scores = {}
                for index, item in enumerate(items):
                    if (index + step) % 7 == 6:
                        scores[item.pk] = (no_opportunity.pk, "")
                    else:
                        level = min(len(points) - 1, (index + step) % 3 + step // 2)
                        scores[item.pk] = (points[level].pk, "")
                context = {factor.pk: ("nee", "") for factor in factors}
                if debts_from is not None and step >= debts_from:
                    context[debts.pk] = ("ja", DEMO_DEBTS_NOTE)
                observation = services.observation_save_and_submit(
                    observation=observation,
                    user=professional,
                    lock_version=observation.lock_version,
                    content=services.ObservationContent(
                        caregiver=observation.caregiver,
                        visit_date=observation.visit_date,
                        setting=observation.setting,
                        scores=scores,
                        context=context,
                        conclusion="Fictieve demo-observatie.",
                        agreed_actions=(
                            "Volgend bezoek samen spelen en benoemen wat het kind laat zien."
                        ),
                    ),
                )
                if months:
                    services.observation_approve(observation=observation, reviewer=team_lead)
