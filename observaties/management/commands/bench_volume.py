"""Volume benchmark: the demo team's pages on the demo dataset and after the database grows.

`make volume` makes a throwaway database with the demo data and a copy of it. This command grows
the first with generate_volume (50 teams, 5,000 families, 50,000 observations) and then measures
the demo team's pages on both, in fresh processes taking turns: so neither the machine's drift
between two measurements nor the memory of the process that generated the data counts, only the
size of the database. It also measures the pages of one of the large teams (100 families, 1,000
observations), for information.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from audit.signals import LOGIN_AT_SESSION_KEY
from observaties.models import Family, Observation

RUNS = 30  # requests per page in one round
ROUNDS = 3


class Command(BaseCommand):
    help = "Meet pagina's op de demodataset en op een grote dataset."

    def add_arguments(self, parser):
        parser.add_argument("--demo-database", help="URL van de kopie die de demodata houdt")
        parser.add_argument("--measure", choices=["demo", "large-team"], help=argparse.SUPPRESS)

    def handle(self, *args, demo_database, measure, **options):
        if measure:
            self.stdout.write(json.dumps(self._measure(*self._cast(measure))))
            return
        if not demo_database:
            raise CommandError("Geef met --demo-database de kopie met alleen de demodata op.")
        started = time.monotonic()
        call_command("generate_volume", stdout=self.stdout)
        generated = time.monotonic() - started
        _settle()
        demo, grown = {}, {}
        for _round in range(ROUNDS):
            for results, database in ((demo, demo_database), (grown, None)):
                for name, (times, queries) in _in_fresh_process(database, "demo").items():
                    results.setdefault(name, ([], queries))[0].extend(times)
        volume = _in_fresh_process(None, "large-team")
        self.stdout.write(f"\ngrote dataset gemaakt in {generated:.0f} s\n")
        self.stdout.write(
            f"{'pagina':22} {'demo ms':>8} {'na groei':>9} {'verschil':>9} {'queries':>8} "
            f"{'na groei':>9} {'groot team ms':>14} {'queries':>8}"
        )
        for name, (demo_times, demo_queries) in demo.items():
            grown_times, grown_queries = grown[name]
            demo_ms, grown_ms = statistics.median(demo_times), statistics.median(grown_times)
            big_ms, big_queries = statistics.median(volume[name][0]), volume[name][1]
            self.stdout.write(
                f"{name:22} {demo_ms:8.1f} {grown_ms:9.1f} "
                f"{(grown_ms / demo_ms - 1) * 100:+8.0f}% {demo_queries:8d} {grown_queries:9d} "
                f"{big_ms:14.1f} {big_queries:8d}"
            )

    @staticmethod
    def _cast(which):
        if which == "demo":
            return (
                User.objects.get(username="medewerker"),
                User.objects.get(username="teamleider"),
                Family.objects.get(case_reference="DEMO-0001"),
            )
        lead = User.objects.filter(username__startswith="volume-", username__endswith="-lead")
        lead = lead.order_by("pk").first()
        family = Family.objects.filter(team=lead.memberships.get().team).order_by("pk").first()
        return family.professionals.get(), lead, family

    def _measure(self, professional, lead, family):
        draft = Observation.objects.filter(
            child__family=family, professional=professional, status="concept"
        ).first() or Observation.objects.create(
            child=family.children.first(),
            professional=professional,
            version=Observation.objects.filter(child__family=family).first().version,
            caregiver="moeder",
            visit_date=family.opened_on,
            setting="spel",
        )
        approved = Observation.objects.filter(child__family=family, status="goedgekeurd").last()
        team = family.team
        pages = {
            "dashboard": (professional, reverse("home")),
            "gezinnenlijst": (professional, reverse("observaties:family-list")),
            "gezinspagina": (professional, reverse("observaties:family-detail", args=[family.pk])),
            "checklist GET": (
                professional,
                reverse("observaties:observation-edit", args=[draft.pk]),
            ),
            "beoordelingspagina": (
                lead,
                reverse("observaties:observation-detail", args=[approved.pk]),
            ),
            "dashboard teamleider": (lead, reverse("home")),
            "teamoverzicht": (lead, reverse("observaties:team-overview", args=[team.pk])),
        }
        clients = {user.pk: self._client(user) for user in (professional, lead)}
        results = {}
        for name, (user, url) in pages.items():
            client = clients[user.pk]
            client.get(url)
            times = []
            for _run in range(RUNS):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - started)
                assert response.status_code == 200, (name, response.status_code)
            results[name] = ([t * 1000 for t in times], len(queries))
        return results

    def _client(self, user):
        client = Client()
        client.force_login(user)
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="meting", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[LOGIN_AT_SESSION_KEY] = time.time()
        session.save()
        return client


def _settle():
    """What autovacuum does after a bulk load, done now rather than while measuring; and the
    bulk load's dirty pages written out, so that no checkpoint runs meanwhile."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")


def _in_fresh_process(database, cast):
    env = dict(os.environ)
    if database:
        env["DATABASE_URL"] = database
    measured = subprocess.run(
        [sys.executable, "manage.py", "bench_volume", "--measure", cast],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return json.loads(measured.stdout.strip().splitlines()[-1])
