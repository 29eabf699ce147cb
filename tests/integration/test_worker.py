"""A real Celery worker (with its beat) on Redis registers approved documents in a real Open Zaak:
the task sent when an approval commits, and the periodic pickup of one whose family got its case
later. The worker is a process of its own, so it sees only committed data in the PostgreSQL test
database."""

import os
import subprocess
import sys
import time
from datetime import date
from unittest import skipUnless

import pytest
import redis
from django.db import connection

from accounts.models import Membership, Team
from config.celery import app as celery_app
from observaties.models import Delivery, Family
from tests.committed import CommittedTestCase
from tests.factories import ChildFactory, FamilyFactory, MembershipFactory, ObservationFactory
from tests.factories import approve as fill_and_approve
from tests.integration.conftest import ROOT, configure, documents_named, new_zaak
from zaaksysteem.models import CaseSystem

BROKER = os.environ.get("HECHTINGSWIJZER_TEST_BROKER", "redis://127.0.0.1:6379/14")


def _wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.3)
    return True


@skipUnless(
    connection.vendor == "postgresql",
    "a worker in its own process sees only a PostgreSQL test database",
)
class WorkerOnRedisTest(CommittedTestCase):
    @pytest.fixture(autouse=True)
    def _openzaak(self, openzaak, tmp_path):
        self.openzaak = openzaak
        self.tmp_path = tmp_path

    def setUp(self):
        redis.Redis.from_url(BROKER).flushdb()
        team = Team.objects.create(name="Wijkteam Worker")
        self.professional = MembershipFactory(user__username="medewerker", team=team).user
        self.team_lead = MembershipFactory(
            user__username="teamleider", team=team, role=Membership.Role.TEAM_LEAD
        ).user
        self.case_system = configure(self.openzaak)
        self.worker = self._start_worker()
        self.addCleanup(self._stop_worker)
        previous = celery_app.conf.task_always_eager, celery_app.conf.broker_url
        celery_app.conf.update(task_always_eager=False, broker_url=BROKER)
        self.addCleanup(
            celery_app.conf.update, task_always_eager=previous[0], broker_url=previous[1]
        )

    def _fixture_teardown(self):
        super()._fixture_teardown()
        CaseSystem.objects.all().delete()

    def _start_worker(self):
        database = connection.settings_dict
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
            "DJANGO_SETTINGS_MODULE": "config.settings_test",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database['NAME']}",
            "HECHTINGSWIJZER_CELERY_BROKER": BROKER,
            "HECHTINGSWIJZER_DELIVERY_INTERVAL_SECONDS": "2",
        }
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--beat",
                "--pool=solo",
                "--loglevel=WARNING",
                f"--schedule={self.tmp_path / 'beat-schedule'}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def _stop_worker(self):
        self.worker.terminate()
        self.worker.wait(timeout=30)

    def _approved_family(self, *, zaak):
        family = FamilyFactory(team=self.team_lead.memberships.get().team)
        if zaak:
            family.zaak_url, family.zaak_identification = zaak["url"], zaak["identificatie"]
            family.save()
        child = ChildFactory(family=family, name="W.", birth_month=date(2025, 6, 1))
        observation = ObservationFactory(child=child, professional=self.professional)
        family.professionals.add(self.professional)
        # Committed, so its delivery goes to Redis when the approval commits.
        fill_and_approve(observation, self.professional, self.team_lead)
        return family, Delivery.objects.get(
            document__observation=observation, document__kind="rapport"
        )

    def _state(self, delivery):
        return Delivery.objects.values_list("state", flat=True).get(pk=delivery.pk)

    def test_the_worker_registers_an_approved_report_and_picks_up_one_that_waited(self):
        zaak = new_zaak(self.openzaak, self.case_system)
        _family, delivery = self._approved_family(zaak=zaak)
        assert _wait_for(lambda: self._state(delivery) == Delivery.State.DELIVERED), (
            Delivery.objects.get(pk=delivery.pk).last_error
        )
        assert len(documents_named(self.case_system, delivery.identification)) == 1

        # A family without its case: the document waits, without a try; once the case is there
        # (written without sending anything), the worker's beat picks it up.
        waiting_family, waiting = self._approved_family(zaak=None)
        time.sleep(3)
        waiting.refresh_from_db()
        assert (waiting.state, waiting.attempts) == (Delivery.State.WAITING, 0)
        other = new_zaak(self.openzaak, self.case_system)
        Family.objects.filter(pk=waiting_family.pk).update(
            zaak_url=other["url"], zaak_identification=other["identificatie"]
        )
        assert _wait_for(lambda: self._state(waiting) == Delivery.State.DELIVERED), (
            Delivery.objects.get(pk=waiting.pk).last_error
        )
        assert len(documents_named(self.case_system, waiting.identification)) == 1
