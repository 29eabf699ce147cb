"""Benchmark of the reports and the pages that grow with a child's history: seven figures.

1. The typical report against three A4 pages of plain paragraphs, both rendered in this process
   through the same renderer and stylesheet: CPU medians and their ratio.
2. The download of an archived report (a whole request through Django, as a team lead) against
   rendering that report: CPU medians and their ratio.
3. The data-request export of a family with 10 and with 50 approved observations: wall and CPU
   time of the whole streamed response, and the peak of Python memory while it streams.
4. The first report in a fresh process (wall time, as a user waits for it).
5. The family page and the child's trend report for a child with 5, 50 and 200 approved
   observations: CPU per request and query count.
6. The pages a professional uses most, against the signed-in constant view.
7. A client-file system listing a family's 10 approved observations through the read API,
   against the family page (demo/bench_api.py).

CPU time is this process's (time.process_time), medians of interleaved runs; ratios come from the
same run, because machines differ up to threefold. The typical report: three conditions, the
seeded items, notes on half of them, and a trend over six earlier approved observations. All data
is made inside a transaction that is rolled back.
"""

import json
import platform
import subprocess
import sys
import time
import tracemalloc
from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership, Team, User
from accounts.signals import LOGIN_AT_SESSION_KEY
from demo import bench_api
from demo.measure import cpu as _cpu
from demo.measure import interleaved as _interleaved
from demo.measure import queries
from hechting.models import ChecklistVersion
from observaties import retention, selectors, services
from observaties.checklist.form import ChecklistForm
from observaties.documents import archive, reports
from observaties.documents.pdf import page_count, render_pdf_unbounded
from observaties.models import (
    ArchivedDocument,
    ContextAnswer,
    ItemScore,
    Observation,
)

PARAGRAPH = (
    "Tijdens het huisbezoek speelde de moeder op de grond met haar kind. Ze keek mee met wat het "
    "kind deed, benoemde wat ze zag en wachtte af voordat ze hielp. Toen het kind huilde, pakte "
    "ze het op en troostte het rustig. Na afloop bespraken we wat goed ging en wat lastig was. "
)
HISTORIES = (5, 50, 200)


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Meet rapporten, archief, inzage-export en de pagina's die met de geschiedenis groeien."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15)
        parser.add_argument("--first-only", action="store_true", help="intern: één rapport")
        parser.add_argument(
            "--daily-only", action="store_true", help="alleen de dagelijkse pagina's (figuur 6)"
        )

    def handle(self, *args, runs, first_only, daily_only, **options):
        # Measured first, while no transaction of this process holds the database.
        first = None if first_only or daily_only else self._first_in_fresh_process()
        try:
            with transaction.atomic():
                cast = _Cast()
                observation = cast.typical_observation()
                if first_only:
                    started = time.perf_counter()
                    reports.observation_report(observation)
                    self.stdout.write(f"{(time.perf_counter() - started) * 1000:.0f}")
                elif daily_only:
                    self._daily_pages(cast, observation, runs * 10)
                    bench_api.api_against_family_page(self.stdout, cast, runs * 10)
                else:
                    self.stdout.write(f"processor: {_processor()}; {date.today().isoformat()}")
                    self._report_against_plain_pages(observation, runs)
                    self._archived_download(cast, observation, runs)
                    self._export(cast, observation)
                    self.stdout.write(f"4. eerste rapport in een vers proces: {first:.0f} ms")
                    self._history(cast, runs)
                    self._daily_pages(cast, observation, runs * 10)
                    bench_api.api_against_family_page(self.stdout, cast, runs * 10)
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

    def _report_against_plain_pages(self, observation, runs):
        html = reports.observation_report_html(observation)
        plain = _plain_pages(3)
        report_ms, plain_ms = _interleaved(
            [lambda: render_pdf_unbounded(html), lambda: render_pdf_unbounded(plain)], runs
        )
        self.stdout.write(
            f"1. observatierapport ({page_count(html)} pagina's, PDF/A): {report_ms:.0f} ms CPU; "
            f"drie A4-pagina's platte tekst: {plain_ms:.0f} ms; verhouding "
            f"{report_ms / plain_ms:.2f} (doel ≤ 2)"
        )

    def _archived_download(self, cast, observation, runs):
        client = cast.client(cast.lead)
        url = reverse("observaties:observation-pdf", args=[observation.pk])
        archived = archive.current(observation, ArchivedDocument.Kind.REPORT)

        def download():
            response = client.get(url)
            assert response.status_code == 200
            assert b"".join(
                response.streaming_content if response.streaming else [response.content]
            ) == bytes(archived.pdf)

        def render():
            render_pdf_unbounded(reports.observation_report_html(observation))

        # Downloads one after another, as a server answers them; and in turns with renders,
        # which leave the processor's caches cold for the next download.
        alone_ms = _cpu(download, runs * 4)
        download_ms, render_ms = _interleaved([download, render], runs)
        self.stdout.write(
            f"2. download van het gearchiveerde rapport: {alone_ms:.2f} ms CPU "
            f"({download_ms:.2f} ms tussen renders door); opnieuw maken: {render_ms:.0f} ms; "
            f"{render_ms / alone_ms:.0f}× sneller ({render_ms / download_ms:.0f}×) "
            "(doel ≥ 50×, < 5 ms)"
        )

    def _export(self, cast, observation):
        client = cast.client(cast.lead)
        source = {
            document.kind: document
            for document in ArchivedDocument.objects.filter(observation=observation)
        }
        lines = []
        for count in (10, 50):
            family = cast.family_with_archive(count, source)
            url = reverse("observaties:family-export", args=[family.pk]) + "?formaat=zip"
            client.get(url)  # warm up
            # Time without tracemalloc, which slows Python down several times; memory apart.
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            size = sum(len(chunk) for chunk in response.streaming_content)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            tracemalloc.start()
            response = client.get(url)
            for _chunk in response.streaming_content:
                pass
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            data = len(json.dumps(retention.family_export(family), ensure_ascii=False, indent=2))
            lines.append(
                f"   {count} goedgekeurde observaties: {wall * 1000:.0f} ms ({cpu * 1000:.0f} ms "
                f"CPU), {size / 1e6:.1f} MB ZIP; piekgeheugen {peak / 1e6:.1f} MB, waarvan "
                f"gegevens.json {data / 1e6:.1f} MB"
            )
        self.stdout.write(
            "3. inzage-export als ZIP (tijd; daarna geheugen gemeten met tracemalloc):\n"
            + "\n".join(lines)
        )

    def _history(self, cast, runs):
        client = cast.client(cast.professional)
        rows = []
        for count in HISTORIES:
            child = cast.child_with_history(count)
            url = reverse("observaties:family-detail", args=[child.family_id])
            with CaptureQueriesContext(connection) as made:
                assert client.get(url).status_code == 200
            page_queries = len(made)
            page_ms = _cpu(lambda url=url: client.get(url), runs)
            with CaptureQueriesContext(connection) as made:
                html = reports.child_report_html(child)
            report_queries = len(made)
            pages = page_count(html)
            report_ms = _cpu(
                lambda child=child: render_pdf_unbounded(reports.child_report_html(child)),
                max(3, runs // (1 + count // 25)),
            )
            rows.append((count, page_ms, page_queries, report_ms, report_queries, pages))
        self.stdout.write("5. gezinspagina en verlooprapport van één kind (CPU per verzoek):")
        base_page, base_report = rows[0][1], rows[0][3]
        for count, page_ms, page_queries, report_ms, report_queries, pages in rows:
            self.stdout.write(
                f"   {count:3d} observaties: gezinspagina {page_ms:5.1f} ms "
                f"(×{page_ms / base_page:.2f}), {page_queries} queries; verlooprapport "
                f"{report_ms:6.0f} ms (×{report_ms / base_report:.1f}, {pages} pagina's), "
                f"{report_queries} queries"
            )

    def _daily_pages(self, cast, approved, runs):
        """The pages a professional uses most, against the signed-in constant view."""
        client = cast.client(cast.professional)
        draft = services.observation_create(
            child=approved.child,
            professional=cast.professional,
            caregiver=Observation.Caregiver.MOTHER,
            visit_date=approved.visit_date + timedelta(days=14),
            setting=Observation.Setting.PLAY,
        )
        draft = services.observation_save(
            observation=draft,
            user=cast.professional,
            lock_version=draft.lock_version,
            content=cast.typical_content(draft, 7),
        )
        edit = reverse("observaties:observation-edit", args=[draft.pk])
        form = ChecklistForm(observation=draft, answers=selectors.checklist_answers(draft))
        data = {name: "" if value is None else str(value) for name, value in form.initial.items()}
        data = {name: value for name, value in data.items() if value not in ("", "False")}
        data["save"] = "1"
        lock = [draft.lock_version]

        def save():
            response = client.post(edit, {**data, "lock_version": lock[0]})
            assert response.status_code == 302, response.status_code
            lock[0] += 1

        pages = {
            "vloer, ingelogd": lambda: client.get(reverse("floor")),
            "checklist": lambda: client.get(edit),
            "gezinspagina": lambda: client.get(
                reverse("observaties:family-detail", args=[approved.child.family_id])
            ),
            "checklist opslaan": save,
        }
        counts = queries(pages)
        times = dict(zip(pages, _interleaved(list(pages.values()), runs), strict=True))
        floor = times["vloer, ingelogd"]
        self.stdout.write(
            "6. dagelijkse pagina's van een medewerker tegen de constante view, ingelogd "
            "(CPU per verzoek; doel ≤ 6×):"
        )
        for name, cpu in times.items():
            self.stdout.write(
                f"   {name:18} {cpu:6.2f} ms (×{cpu / floor:4.1f}), {counts[name]} queries"
            )


def _processor():
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _plain_pages(pages):
    """Plain paragraphs that fill exactly `pages` A4 pages with the report's stylesheet."""
    paragraphs, previous = 10, None
    while True:
        html = (
            '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Tekst</title>'
            "</head><body>" + f"<p>{PARAGRAPH}</p>" * paragraphs + "</body></html>"
        )
        if page_count(html) > pages:
            return previous
        previous = html
        paragraphs += 2


class _Cast:
    """The people, team and data of the benchmark, made inside its transaction."""

    def __init__(self):
        self.version = ChecklistVersion.objects.current()
        self.team = Team.objects.create(name="Benchmarkteam")
        self.professional = User.objects.create(username="bench-medewerker", first_name="Bench")
        self.lead = User.objects.create(username="bench-teamleider", first_name="Lead")
        Membership.objects.create(
            user=self.professional, team=self.team, role=Membership.Role.PROFESSIONAL
        )
        Membership.objects.create(user=self.lead, team=self.team, role=Membership.Role.TEAM_LEAD)
        self.families = 0

    def client(self, user):
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
        client.force_login(user)
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="meting", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[LOGIN_AT_SESSION_KEY] = time.time()
        session.save()
        return client

    def child(self):
        self.families += 1
        family = services.family_create(
            team=self.team,
            case_reference=f"BENCH-{self.families}",
            created_by=self.professional,
            opened_on=date(2015, 1, 1),
        )
        return services.child_create(family=family, name="B.", birth_month=date(2014, 12, 1))

    def typical_observation(self, visits=7):
        child = self.child()
        observation = None
        for visit in range(visits):
            observation = services.observation_create(
                child=child,
                professional=self.professional,
                caregiver=Observation.Caregiver.MOTHER,
                visit_date=date(2024, 2 + visit, 10),
                setting=Observation.Setting.PLAY,
            )
            observation = services.observation_save_and_submit(
                observation=observation,
                user=self.professional,
                lock_version=observation.lock_version,
                content=self.typical_content(observation, visit),
            )
            observation = services.observation_approve(observation=observation, reviewer=self.lead)
        return observation

    def typical_content(self, observation, visit):
        """Every item answered (notes on half), reflections, no stress, one agreement."""
        points = [o for o in self.version.scale_options.all() if not o.is_no_opportunity]
        items = list(self.version.items.all())
        scores = {
            item.pk: (
                points[(index + visit) % len(points)].pk,
                "Moeder benoemde wat het kind deed en reageerde rustig op het huilen."
                if index % 2
                else "",
            )
            for index, item in enumerate(items)
        }
        return services.ObservationContent(
            caregiver=observation.caregiver,
            visit_date=observation.visit_date,
            setting=observation.setting,
            scores=scores,
            reflections={item.condition_id: "Een korte reflectie." for item in items},
            context={f.pk: ("nee", "") for f in self.version.context_factors.all()},
            conclusion="Sensitief reageren gaat goed; mentaliseren vraagt aandacht.",
            agreements=[("Samen oefenen met benoemen wat het kind voelt.", "ouder", "", None)],
            **services.example_judgement(self.version, observation.visit_date),
            **services.example_follow_ups(observation),
        )

    def _approved(self, child, count):
        """`count` approved observations of `child`, two weeks apart, every item answered and
        one stress factor on every third visit; made with bulk inserts."""
        points = [o for o in self.version.scale_options.all() if not o.is_no_opportunity]
        items = list(self.version.items.all())
        factor = self.version.context_factors.first()
        now = timezone.now()
        observations = Observation.objects.bulk_create(
            Observation(
                child=child,
                professional=self.professional,
                version=self.version,
                caregiver="moeder" if visit % 4 else "vader",
                visit_date=date(2015, 1, 5) + timedelta(days=14 * visit),
                setting="spel",
                status=Observation.Status.APPROVED,
                submitted_at=now,
                conclusion="Gegevens voor de meting.",
            )
            for visit in range(count)
        )
        ItemScore.objects.bulk_create(
            ItemScore(
                observation=observation,
                item=item,
                option=points[(index + visit) % len(points)],
                note="Toelichting." if index % 3 == 0 else "",
            )
            for visit, observation in enumerate(observations)
            for index, item in enumerate(items)
        )
        ContextAnswer.objects.bulk_create(
            ContextAnswer(
                observation=observation,
                factor=factor,
                answer=ContextAnswer.Answer.YES if visit % 3 == 0 else ContextAnswer.Answer.NO,
            )
            for visit, observation in enumerate(observations)
        )
        return observations

    def child_with_history(self, count):
        child = self.child()
        self._approved(child, count)
        return child

    def family_with_archive(self, count, source):
        """A family whose child has `count` approved observations, each with its archived
        report and sheet for the parent (the bytes of the typical observation's)."""
        child = self.child()
        now = timezone.now()
        ArchivedDocument.objects.bulk_create(
            ArchivedDocument(
                observation=observation,
                kind=kind,
                filename=f"meting-{observation.pk}-{kind}.pdf",
                pdf=document.pdf,
                size=document.size,
                sha256=document.sha256,
                made_at=now,
                code_version=document.code_version,
            )
            for observation in self._approved(child, count)
            for kind, document in source.items()
        )
        return child.family
