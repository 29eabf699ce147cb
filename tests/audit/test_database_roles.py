"""The runtime database role (PostgreSQL): the app's tables, but on the access log only reading
and adding; not the owner, so it cannot switch the append-only trigger off either."""

import secrets
from datetime import date
from unittest import skipUnless

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TransactionTestCase

from accounts.models import Team
from audit.models import AccessEvent
from observaties.db_roles import PURGE_FUNCTION
from observaties.models import ArchivedDocument, Family, StatusChange

ROLE = "hechtingswijzer_test_runtime"
LOG = AccessEvent._meta.db_table


@skipUnless(connection.vendor == "postgresql", "database roles exist only on PostgreSQL")
class RuntimeRoleTest(TransactionTestCase):
    """Committed for real, since the role connects on its own; the grants are all it leaves, on
    a test database that is dropped afterwards."""

    def setUp(self):
        self.password = secrets.token_urlsafe(16)
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [ROLE])
            verb = "ALTER" if cursor.fetchone() else "CREATE"
            # A utility statement takes no parameters; the password is URL-safe characters only.
            cursor.execute(f"{verb} ROLE {ROLE} LOGIN PASSWORD '{self.password}'")
        call_command("grant_runtime_role", ROLE, stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("grant_runtime_role", ROLE, stdout=open("/dev/null", "w"))  # noqa: SIM115

    def _fixture_teardown(self):
        pass  # nothing to empty: Django's flush would TRUNCATE the log, which it refuses

    def _as_runtime_role(self, statement, params=None):
        """Run one statement as the runtime role in a transaction that is rolled back."""
        settings = connection.settings_dict
        with psycopg.connect(
            host=settings["HOST"] or "127.0.0.1",
            port=settings["PORT"] or 5432,
            dbname=settings["NAME"],
            user=ROLE,
            password=self.password,
        ) as runtime:
            try:
                return runtime.execute(statement, params).rowcount
            finally:
                runtime.rollback()

    def test_the_runtime_role_reads_and_adds_to_the_log(self):
        assert self._as_runtime_role(f"SELECT count(*) FROM {LOG}") == 1
        inserted = self._as_runtime_role(
            f"INSERT INTO {LOG} (at, username, role, action, outcome, target) "
            "VALUES (now(), 'rollencontrole', '', 'bekijken', 'toegestaan', '')"
        )
        assert inserted == 1

    def test_the_runtime_role_cannot_change_the_log_or_switch_its_guard_off(self):
        for statement in (
            f"UPDATE {LOG} SET username = 'iemand-anders'",
            f"DELETE FROM {LOG}",
            f"TRUNCATE {LOG}",
            f"ALTER TABLE {LOG} DISABLE TRIGGER USER",
            f"DROP TRIGGER audit_accessevent_append_only ON {LOG}",
            "CREATE TABLE sluiproute (id integer)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                self._as_runtime_role(statement)

    def test_the_runtime_role_works_with_the_apps_own_tables(self):
        assert (
            self._as_runtime_role("UPDATE observaties_family SET case_reference = case_reference")
            == 0
        )
        assert self._as_runtime_role("DELETE FROM django_session") == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            self._as_runtime_role("DELETE FROM django_migrations")

    def test_an_owner_or_superuser_is_refused_as_runtime_role(self):
        with pytest.raises(CommandError, match="superuser"):
            call_command("grant_runtime_role", "postgres")
        with pytest.raises(CommandError, match="bestaat niet"):
            call_command("grant_runtime_role", "bestaat_niet")

    def test_the_runtime_role_adds_decisions_and_archived_documents_but_never_changes_them(self):
        """Who approved what and when, and the bytes that went into a client file, stay as they
        were: the role may only mark a document superseded by a reopening."""
        documents, changes = ArchivedDocument._meta.db_table, StatusChange._meta.db_table
        for statement in (
            f"UPDATE {documents} SET pdf = 'vervalst'::bytea",
            f"UPDATE {documents} SET sha256 = 'vervalst', seal = 'vervalst'",
            f"UPDATE {documents} SET kind = 'rapport', observation_id = 1, made_at = now()",
            f"DELETE FROM {documents}",
            f"UPDATE {changes} SET to_status = 'goedgekeurd'",
            f"UPDATE {changes} SET at = now(), user_id = NULL",
            f"DELETE FROM {changes}",
            f"TRUNCATE {changes}",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                self._as_runtime_role(statement)
        assert (
            self._as_runtime_role(f"UPDATE {documents} SET superseded_by_id = superseded_by_id")
            == 0
        )

    def test_the_runtime_role_deletes_decisions_only_of_an_expired_family(self):
        team = Team.objects.create(name="Wijkteam Rollen")
        expired = Family.objects.create(
            team=team,
            case_reference="ROL-0001",
            opened_on=date(2000, 1, 1),
            closed_on=date(2001, 1, 1),
        )
        current = Family.objects.create(
            team=team,
            case_reference="ROL-0002",
            opened_on=date(2020, 1, 1),
            closed_on=date(2024, 1, 1),
        )
        try:
            assert self._as_runtime_role(f"SELECT {PURGE_FUNCTION}(%s)", [expired.pk]) == 1
            with pytest.raises(psycopg.errors.RaiseException, match="bewaartermijn"):
                self._as_runtime_role(f"SELECT {PURGE_FUNCTION}(%s)", [current.pk])
        finally:
            Family.objects.filter(pk__in=[expired.pk, current.pk]).delete()
            team.delete()
