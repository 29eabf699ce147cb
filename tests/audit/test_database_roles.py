"""The runtime database role (PostgreSQL): the app's tables, but on the access log only reading
and adding; not the owner, so it cannot switch the append-only trigger off either."""

import secrets
from unittest import skipUnless

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TransactionTestCase

from audit.models import AccessEvent

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
