"""Benchmark of the observation report: median and p95 render time, the ratio to a one-line
document through the same renderer, and the first report in a fresh process.

The typical report: three conditions, the seeded items, notes on half of them, and a trend over
six earlier approved observations. Its data is made inside a transaction that is rolled back.
"""

import statistics
import subprocess
import sys
import time
from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Membership, Team, User
from hechting.models import ChecklistVersion
from observaties import reports, services
from observaties.models import Observation
from observaties.pdf import page_count, render_pdf


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Meet hoe snel het observatierapport als PDF wordt gemaakt."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=40)
        parser.add_argument("--first-only", action="store_true", help=("intern: één rapport"))

    def handle(self, *args, runs, first_only, **options):
        # Measured first, while no transaction of this process holds the database.
        first = None if first_only else self._first_in_fresh_process()
        try:
            with transaction.atomic():
                observation = _typical_observation()
                if first_only:
                    started = time.perf_counter()
                    reports.observation_report(observation)
                    self.stdout.write(f"{(time.perf_counter() - started) * 1000:.0f}")
                else:
                    self._bench(observation, runs, first)
                raise _Rollback
        except _Rollback:
            pass

    def _first_in_fresh_process(self):
        fresh = subprocess.run(
            [sys.executable, "manage.py", "bench_reports", "--first-only"],
            capture_output=True,
            text=True,
            check=True,
        )
        return float(fresh.stdout.strip().splitlines()[-1])

    def _bench(self, observation, runs, first):
        one_line = '<!DOCTYPE html><html lang="nl"><title>x</title><p>Eén regel.</p></html>'
        html = reports.observation_report_html(observation)
        render_pdf(html)  # warm up fonts and stylesheet, as a long-running worker is
        render_times, line_times, download_times = [], [], []
        for _run in range(runs):
            started = time.perf_counter()
            render_pdf(html)
            render_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            render_pdf(one_line)
            line_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            reports.observation_report(observation)
            download_times.append(time.perf_counter() - started)
        median = statistics.median(render_times) * 1000
        p95 = statistics.quantiles(render_times, n=20)[-1] * 1000
        line = statistics.median(line_times) * 1000
        download = statistics.median(download_times) * 1000
        pages = page_count(html)
        self.stdout.write(
            f"observatierapport ({runs} keer, {pages} pagina's, PDF/A, begrensde renderer):\n"
            f"  mediaan {median:.0f} ms, p95 {p95:.0f} ms\n"
            f"  document van één regel: mediaan {line:.0f} ms; verhouding {median / line:.1f}\n"
            f"  met de HTML erbij, zoals bij een download: mediaan {download:.0f} ms\n"
            f"  eerste rapport in een vers proces: {first:.0f} ms"
        )


def _typical_observation():
    version = ChecklistVersion.objects.current()
    team = Team.objects.create(name="Benchmarkteam")
    professional = User.objects.create(username="bench-medewerker", first_name="Bench")
    lead = User.objects.create(username="bench-teamleider", first_name="Lead")
    Membership.objects.create(user=professional, team=team, role=Membership.Role.PROFESSIONAL)
    Membership.objects.create(user=lead, team=team, role=Membership.Role.TEAM_LEAD)
    family = services.family_create(
        team=team, case_reference="BENCH-1", created_by=professional, opened_on=date(2024, 1, 1)
    )
    child = services.child_create(family=family, name="B.", birth_month=date(2023, 12, 1))
    points = [o for o in version.scale_options.all() if not o.is_no_opportunity]
    items = list(version.items.all())
    observation = None
    for visit in range(7):
        observation = services.observation_create(
            child=child,
            professional=professional,
            caregiver=Observation.Caregiver.MOTHER,
            visit_date=date(2024, 2 + visit, 10),
            setting=Observation.Setting.PLAY,
        )
        scores = {
            item.pk: (
                points[(index + visit) % len(points)].pk,
                "Moeder benoemde wat het kind deed en reageerde rustig op het huilen."
                if index % 2
                else "",
            )
            for index, item in enumerate(items)
        }
        observation = services.observation_save_and_submit(
            observation=observation,
            user=professional,
            lock_version=observation.lock_version,
            content=services.ObservationContent(
                caregiver=observation.caregiver,
                visit_date=observation.visit_date,
                setting=observation.setting,
                scores=scores,
                reflections={item.condition_id: "Een korte reflectie." for item in items},
                context={f.pk: ("nee", "") for f in version.context_factors.all()},
                conclusion="Sensitief reageren gaat goed; mentaliseren vraagt aandacht.",
                agreements=[("Samen oefenen met benoemen wat het kind voelt.", "ouder", "", None)],
                **services.example_judgement(version),
                **services.example_follow_ups(observation),
            ),
        )
        observation = services.observation_approve(observation=observation, reviewer=lead)
    return observation
