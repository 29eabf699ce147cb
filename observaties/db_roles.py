"""The runtime database role's limits on what was decided and archived (PostgreSQL; registered
with audit's grant_runtime_role).

The role adds status changes and archived documents but never changes or deletes them, except
marking a document superseded when its observation is reopened: who approved what and when, and
the bytes that went into a client file, stay as they were, as the access log does. The retention
purge deletes them through `PURGE_FUNCTION`, owned by the owner, which deletes them only for a
family whose retention term has passed (the years as configured when the grants were last run).
"""

from django.conf import settings
from django.db import connection

from observaties.models import (
    ArchiveAlarm,
    ArchivedDocument,
    Child,
    Family,
    Observation,
    StatusChange,
)

PURGE_FUNCTION = "hechtingswijzer_purge_decided_records"
# Tables whose rows the runtime role may only add, and the columns it may still change.
ADD_ONLY = [StatusChange._meta.db_table, ArchivedDocument._meta.db_table]
CHANGEABLE_COLUMNS = [(ArchivedDocument._meta.db_table, "superseded_by_id")]


def _purge_function(schema):
    quote = connection.ops.quote_name
    family, child, observation = (
        quote(model._meta.db_table) for model in (Family, Child, Observation)
    )
    document, alarm, change = (
        quote(model._meta.db_table) for model in (ArchivedDocument, ArchiveAlarm, StatusChange)
    )
    of_family = (
        f"SELECT o.id FROM {observation} o JOIN {child} c ON c.id = o.child_id "
        "WHERE c.family_id = expired"
    )
    years = int(settings.RETENTION_YEARS)
    return f"""
        CREATE OR REPLACE FUNCTION {schema}.{PURGE_FUNCTION}(expired integer) RETURNS integer
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
        DECLARE removed integer;
        BEGIN
            IF NOT EXISTS (
                SELECT 1 FROM {family} WHERE id = expired
                AND closed_on <= current_date - interval '{years} years'
            ) THEN
                RAISE EXCEPTION 'gezin % is niet aan het eind van zijn bewaartermijn', expired;
            END IF;
            DELETE FROM {alarm} WHERE document_id IN (
                SELECT id FROM {document} WHERE observation_id IN ({of_family}));
            DELETE FROM {document} WHERE observation_id IN ({of_family});
            DELETE FROM {change} WHERE observation_id IN ({of_family});
            GET DIAGNOSTICS removed = ROW_COUNT;
            RETURN removed;
        END $$
    """


def runtime_grants(schema, grantee):
    quote = connection.ops.quote_name
    for table in ADD_ONLY:
        yield f"REVOKE UPDATE, DELETE ON {quote(table)} FROM {grantee}"
    for table, column in CHANGEABLE_COLUMNS:
        yield f"GRANT UPDATE ({quote(column)}) ON {quote(table)} TO {grantee}"
    yield _purge_function(schema)
    yield f"REVOKE ALL ON FUNCTION {schema}.{PURGE_FUNCTION}(integer) FROM PUBLIC"
    yield f"GRANT EXECUTE ON FUNCTION {schema}.{PURGE_FUNCTION}(integer) TO {grantee}"


def purge_decided_records(family_id) -> bool:
    """Delete an expired family's status changes and archived documents through the owner's
    function when this connection's role may not delete them itself (the runtime role on
    PostgreSQL); False otherwise (the owner, SQLite), and the caller deletes them with the rest."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT has_table_privilege(current_user, %s, 'DELETE')",
            [StatusChange._meta.db_table],
        )
        if cursor.fetchone()[0]:
            return False
        cursor.execute(f"SELECT {PURGE_FUNCTION}(%s)", [family_id])
    return True
