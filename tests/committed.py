"""Tests whose data is committed for real, so that other connections and processes see it."""

from django.db import connections
from django.test import TransactionTestCase

from accounts.models import Team, User
from observaties.models import Family, Observation


class CommittedTestCase(TransactionTestCase):
    """Committed for real, so that the two connections see the data; removed afterwards by
    `_fixture_teardown`, not by Django's flush: that empties every table with TRUNCATE, which
    the access log refuses, and would take the seeded checklist with it."""

    def _fixture_teardown(self):
        connections.close_all()
        Observation.objects.all().delete()
        Family.objects.all().delete()
        User.objects.all().delete()
        Team.objects.all().delete()
