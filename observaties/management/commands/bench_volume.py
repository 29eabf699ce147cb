"""Volume benchmark: the same pages before and after the database grows to the large dataset.

Measures, in this process, the median time of each page over repeated requests and its query
count for the demo team on the demo dataset; then adds 50 teams, 5,000 families and 50,000
observations with generate_volume and measures the same demo pages again (the database grew, the
pages did not), and, for information, the same pages of one of the large teams (100 families,
1,000 observations). Run on a throwaway database (`make volume` makes one).
"""

import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from audit.signals import LOGIN_AT_SESSION_KEY
from observaties.models import Family, Observation

RUNS = 30


class Command(BaseCommand):
    help = "Meet pagina's op de demodataset en op een grote dataset."

    def handle(self, *args, **options):
        demo_cast = (
            User.objects.get(username="medewerker"),
            User.objects.get(username="teamleider"),
            Family.objects.get(case_reference="DEMO-0001"),
        )
        demo = self._measure(*demo_cast)
        started = time.monotonic()
        call_command("generate_volume", stdout=self.stdout)
        generated = time.monotonic() - started
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # What autovacuum does after a bulk load, done now rather than while measuring;
                # and the bulk load's dirty pages written out, so no checkpoint runs meanwhile.
                cursor.execute("VACUUM ANALYZE")
                cursor.execute("CHECKPOINT")
        grown = self._measure(*demo_cast)
        lead = User.objects.filter(username__startswith="volume-", username__endswith="-lead")
        lead = lead.order_by("pk").first()
        team = lead.memberships.get().team
        family = Family.objects.filter(team=team).order_by("pk").first()
        professional = family.professionals.get()
        volume = self._measure(professional, lead, family)
        self.stdout.write(f"\ngrote dataset gemaakt in {generated:.0f} s\n")
        self.stdout.write(
            f"{'pagina':22} {'demo ms':>8} {'na groei':>9} {'verschil':>9} {'queries':>8} "
            f"{'na groei':>9} {'groot team ms':>14} {'queries':>8}"
        )
        for name, (demo_ms, demo_queries) in demo.items():
            grown_ms, grown_queries = grown[name]
            big_ms, big_queries = volume[name]
            self.stdout.write(
                f"{name:22} {demo_ms:8.1f} {grown_ms:9.1f} "
                f"{(grown_ms / demo_ms - 1) * 100:+8.0f}% {demo_queries:8d} {grown_queries:9d} "
                f"{big_ms:14.1f} {big_queries:8d}"
            )

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
            results[name] = (statistics.median(times) * 1000, len(queries))
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
