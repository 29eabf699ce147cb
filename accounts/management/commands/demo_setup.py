"""Create the demo team and its three demo accounts; refused outside debug or demo mode."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Membership, Team
from accounts.roles import FUNCTIONAL_ADMIN_GROUP

DEMO_TEAM = "Wijkteam Demo"
DEMO_PASSWORD = "demo-hechting-2026"
DEMO_ACCOUNTS = [
    # (username, first name, last name, team role or None for the functional admin)
    ("medewerker", "Mila", "Demo", Membership.Role.PROFESSIONAL),
    ("teamleider", "Tarik", "Demo", Membership.Role.TEAM_LEAD),
    ("beheerder", "Bea", "Demo", None),
]


class Command(BaseCommand):
    help = "Maakt een demoteam met drie demo-accounts (alleen in debug- of demomodus)."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demo-accounts worden alleen aangemaakt met DJANGO_DEBUG=1 of DJANGO_DEMO=1."
            )
        team, _created = Team.objects.get_or_create(name=DEMO_TEAM)
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
        self.stdout.write(
            f"\nDemo-accounts (wachtwoord voor alle drie: {DEMO_PASSWORD}):\n"
            f"  medewerker  – medewerker in {DEMO_TEAM}\n"
            f"  teamleider  – teamleider in {DEMO_TEAM}\n"
            "  beheerder   – functioneel beheerder (checklist, gebruikers, teams)\n"
            "Log in op http://127.0.0.1:8000/inloggen/\n"
        )
