"""Give the application's runtime database role only what the app needs (PostgreSQL).

Run as the owner of the tables after every `migrate`; running it again changes nothing. The
runtime role reads and writes the app's tables, but on the access log it may only read and add:
it is not the owner, so it cannot disable the log's append-only trigger either. Apps above audit
add their own limits (`audit.roles.register_runtime_grants`), run in the same transaction.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from audit.models import AccessEvent
from audit.roles import runtime_grants

# Tables the runtime role may read but never change: the log, and the record of migrations.
READ_AND_ADD_ONLY = [AccessEvent._meta.db_table]
READ_ONLY = ["django_migrations"]


class Command(BaseCommand):
    help = (
        "Geeft de databaserol waarmee de app draait alleen de rechten die de app nodig heeft; "
        "op het toegangslog alleen lezen en toevoegen. Na elke migrate uitvoeren als eigenaar."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="de databaserol waarmee de app draait (geen eigenaar)")

    def handle(self, *args, role, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Databaserollen zijn er alleen op PostgreSQL.")
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", [role])
            found = cursor.fetchone()
            if found is None:
                raise CommandError(f"De rol {role} bestaat niet; maak hem eerst aan.")
            if any(found):
                raise CommandError(f"De rol {role} is superuser; kies een gewone rol.")
            cursor.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
                "AND tableowner = %s",
                [role],
            )
            if cursor.fetchone()[0]:
                raise CommandError(
                    f"De rol {role} is eigenaar van tabellen; de app moet draaien met een rol "
                    "die geen eigenaar is (zie docs/deploy.md)."
                )
            cursor.execute("SELECT current_database(), current_schema()")
            database, schema = cursor.fetchone()
            grantee, schema = quote(role), quote(schema)
            for statement in [
                f"GRANT CONNECT ON DATABASE {quote(database)} TO {grantee}",
                f"GRANT USAGE ON SCHEMA {schema} TO {grantee}",
                f"REVOKE CREATE ON SCHEMA {schema} FROM {grantee}",
                f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {grantee}",
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} "
                f"TO {grantee}",
                *(
                    f"REVOKE UPDATE, DELETE ON {quote(table)} FROM {grantee}"
                    for table in READ_AND_ADD_ONLY
                ),
                *(
                    f"REVOKE INSERT, UPDATE, DELETE ON {quote(table)} FROM {grantee}"
                    for table in READ_ONLY
                ),
                f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {grantee}",
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {grantee}",
                *runtime_grants(schema, grantee),
            ]:
                cursor.execute(statement)
        self.stdout.write(
            f"De rol {role} heeft nu alleen de rechten van de app; op het toegangslog, de "
            "statuswijzigingen en de bewaarde documenten alleen lezen en toevoegen."
        )
