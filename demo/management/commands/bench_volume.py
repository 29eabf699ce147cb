"""Volume benchmark: the demo team's pages on the demo dataset and after the database grows.

`make volume` makes a throwaway database with the demo data and a copy of it. This command grows
the first with generate_volume (50 teams, 5,000 families, 50,000 observations) and then measures
the demo team's pages on both. Each database is served by a fresh process of its own, and the two
answer the same page request by request, in turns (ABBA): so the machine's ups and downs, which
on a shared two-core machine reach tens of percent over seconds, fall on both alike, and neither
the memory of the process that generated the data counts, only the size of the database. It also
measures the pages of one of the large teams (100 families, 1,000 observations), for information.
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
from accounts.signals import LOGIN_AT_SESSION_KEY
from observaties.models import Family, Observation

RUNS = 90  # requests per page and database


class Command(BaseCommand):
    help = "Meet pagina's op de demodataset en op een grote dataset."

    def add_arguments(self, parser):
        parser.add_argument("--demo-database", help="URL van de kopie die de demodata houdt")
        parser.add_argument("--serve", choices=["demo", "large-team"], help=argparse.SUPPRESS)

    def handle(self, *args, demo_database, serve, **options):
        if serve:
            self._serve(*self._cast(serve))
            return
        if not demo_database:
            raise CommandError("Geef met --demo-database de kopie met alleen de demodata op.")
        started = time.monotonic()
        call_command("generate_volume", stdout=self.stdout)
        generated = time.monotonic() - started
        _settle()
        with _Server(demo_database, "demo") as on_demo, _Server(None, "demo") as on_grown:
            demo, grown = {}, {}
            for name in on_demo.pages:
                for run in range(RUNS):
                    pair = ((on_demo, demo), (on_grown, grown))
                    for server, results in pair if run % 4 in (0, 3) else reversed(pair):
                        server.measure(name, into=results)
        with _Server(None, "large-team") as on_large_team:
            volume = {}
            for name in on_large_team.pages:
                for _run in range(RUNS):
                    on_large_team.measure(name, into=volume)
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

    def _serve(self, professional, lead, family):
        """Answers page names read from stdin with one timed request each, as a JSON line."""
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
        for user, url in pages.values():
            clients[user.pk].get(url)  # warm up: templates, frozen checklist versions
        self.stdout.write(json.dumps(list(pages)))
        self.stdout.flush()
        for line in sys.stdin:
            user, url = pages[line.strip()]
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = clients[user.pk].get(url)
                elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise CommandError(f"{url}: {response.status_code}")
            self.stdout.write(json.dumps([elapsed * 1000, len(queries)]))
            self.stdout.flush()

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


def _on_first_core():
    """Every measuring process on the same core (Linux), so that a core that is slower for a
    while (two cores shared with other machines) does not favour one of them."""
    os.sched_setaffinity(0, {0})


class _Server:
    """A fresh process that measures the pages of `cast` on `database` (None: this one)."""

    def __init__(self, database, cast):
        env = dict(os.environ)
        if database:
            env["DATABASE_URL"] = database
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "bench_volume", "--serve", cast],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            preexec_fn=_on_first_core if hasattr(os, "sched_setaffinity") else None,
        )
        self.pages = json.loads(self._answer())

    def measure(self, name, *, into):
        """One request for page `name`; its time goes into `into[name]` as (times, queries)."""
        self.process.stdin.write(name + "\n")
        self.process.stdin.flush()
        milliseconds, queries = json.loads(self._answer())
        into.setdefault(name, ([], queries))[0].append(milliseconds)

    def _answer(self):
        line = self.process.stdout.readline()
        if not line:
            raise CommandError(f"De meetprocedure stopte (code {self.process.wait()}).")
        return line

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.process.stdin.close()
        self.process.wait(timeout=60)
