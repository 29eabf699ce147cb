"""A realistic large dataset, made fast with bulk inserts (for volume benchmarks only).

Default: 50 teams, 5,000 families (one child each), 50,000 observations with a score for every
item, mostly approved and spread over two years. Refuses to run outside demo or load-test mode.
"""

import os
import time
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Team, User
from hechting.models import ChecklistVersion
from observaties.models import Child, Family, ItemScore, Observation

BATCH = 5000


class Command(BaseCommand):
    help = "Maakt een grote, realistische dataset met bulk-inserts (alleen voor metingen)."

    def add_arguments(self, parser):
        parser.add_argument("--teams", type=int, default=50)
        parser.add_argument("--families", type=int, default=5000)
        parser.add_argument("--observations", type=int, default=50000)

    @transaction.atomic
    def handle(self, *args, teams, families, observations, **options):
        if not (settings.DEMO_MODE or os.environ.get("HECHTINGSWIJZER_LOADTEST") == "1"):
            raise CommandError("Alleen in demo- of meetmodus (DJANGO_DEMO=1).")
        started = time.monotonic()
        version = ChecklistVersion.objects.current()
        items = list(version.items.all())
        points = [o for o in version.scale_options.all() if not o.is_no_opportunity]
        password = make_password("volume-" + str(time.time()))
        now = timezone.now()

        team_rows = Team.objects.bulk_create(Team(name=f"Volumeteam {n:03d}") for n in range(teams))
        users = User.objects.bulk_create(
            User(username=f"volume-{team.pk}-{role}", password=password, first_name="Volume")
            for team in team_rows
            for role in ("lead", "a", "b", "c")
        )
        by_team = {
            team.pk: users[index * 4 : index * 4 + 4] for index, team in enumerate(team_rows)
        }
        Membership.objects.bulk_create(
            Membership(
                user=user,
                team_id=team_id,
                role=Membership.Role.TEAM_LEAD if user.username.endswith("-lead") else "medewerker",
            )
            for team_id, members in by_team.items()
            for user in members
        )
        per_team = families // teams
        family_rows = Family.objects.bulk_create(
            (
                Family(
                    team=team,
                    case_reference=f"VOL-{team.pk}-{n:04d}",
                    opened_on=date(2024, 1, 1) + timedelta(days=n % 300),
                )
                for team in team_rows
                for n in range(per_team)
            ),
            batch_size=BATCH,
        )
        through = Family.professionals.through
        through.objects.bulk_create(
            (
                through(family_id=family.pk, user_id=by_team[family.team_id][1 + n % 3].pk)
                for n, family in enumerate(family_rows)
            ),
            batch_size=BATCH,
        )
        children = Child.objects.bulk_create(
            (
                Child(family=family, name=f"K{n % 97}.", birth_month=date(2023, 1 + n % 12, 1))
                for n, family in enumerate(family_rows)
            ),
            batch_size=BATCH,
        )
        per_child = observations // len(children)
        observation_rows = Observation.objects.bulk_create(
            (
                Observation(
                    child=child,
                    professional=by_team[child.family.team_id][1 + n % 3],
                    version=version,
                    caregiver="moeder" if visit % 3 else "vader",
                    visit_date=date(2024, 2, 1) + timedelta(days=60 * visit + n % 20),
                    setting="spel",
                    status=Observation.Status.APPROVED
                    if visit < per_child - 1
                    else (Observation.Status.SUBMITTED if n % 4 == 0 else Observation.Status.DRAFT),
                    submitted_at=now,
                    conclusion="Volumegegevens.",
                )
                for n, child in enumerate(children)
                for visit in range(per_child)
            ),
            batch_size=BATCH,
        )
        ItemScore.objects.bulk_create(
            (
                ItemScore(
                    observation_id=observation.pk,
                    item_id=item.pk,
                    option_id=points[(index + observation.pk) % len(points)].pk,
                    note="Toelichting." if index % 3 == 0 else "",
                )
                for observation in observation_rows
                for index, item in enumerate(items)
            ),
            batch_size=BATCH,
        )
        self.stdout.write(
            f"{len(team_rows)} teams, {len(family_rows)} gezinnen, {len(observation_rows)} "
            f"observaties, {len(observation_rows) * len(items)} scores in "
            f"{time.monotonic() - started:.0f} s"
        )
