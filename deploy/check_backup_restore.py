"""Backup and restore, tested: dump a database with data, restore it into a fresh one, compare.

Uses the same commands as docs/deploy.md (`pg_dump --format=custom`, `pg_restore`), against
throwaway databases on the PostgreSQL server; exits non-zero when any table's row count differs,
or when an archived report's bytes no longer match their SHA-256.
"""

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deploy.serving import POSTGRES, drop_database, recreate_database  # noqa: E402

SERVER = POSTGRES
SOURCE, TARGET = "hechtingswijzer_backup_bron", "hechtingswijzer_backup_herstel"


def _counts(database):
    with psycopg.connect(f"{SERVER}/{database}") as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }


def _archived_checksums(database):
    """Each archived document's stored SHA-256 and the SHA-256 of its bytes as restored."""
    with psycopg.connect(f"{SERVER}/{database}") as connection:
        return [
            (stored, hashlib.sha256(data).hexdigest())
            for stored, data in connection.execute(
                "SELECT sha256, pdf FROM observaties_archiveddocument ORDER BY id"
            )
        ]


def main():
    recreate_database(SOURCE)
    recreate_database(TARGET)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",  # demo data only in demo mode; these databases are thrown away
        "DATABASE_URL": f"{SERVER}/{SOURCE}",
    }
    manage = [sys.executable, "manage.py"]
    try:
        subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [*manage, "catalogue_install"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        subprocess.run([*manage, "demo_setup"], cwd=ROOT, env=env, check=True, capture_output=True)
        # Every approved demo observation has its archived report before the backup is made.
        subprocess.run([*manage, "archive_reports", "--check"], cwd=ROOT, env=env, check=True)
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / "hechtingswijzer.dump"
            subprocess.run(
                ["pg_dump", "--format=custom", f"--file={dump}", f"{SERVER}/{SOURCE}"], check=True
            )
            subprocess.run(
                ["pg_restore", "--no-owner", f"--dbname={SERVER}/{TARGET}", str(dump)], check=True
            )
        before, after = _counts(SOURCE), _counts(TARGET)
        differing = {t: (before[t], after.get(t)) for t in before if before[t] != after.get(t)}
        if differing or set(before) != set(after):
            sys.exit(f"Herstel wijkt af: {differing}")
        rows = sum(before.values())
        print(f"Back-up hersteld: {len(before)} tabellen, {rows} rijen, alle aantallen gelijk.")
        documents = _archived_checksums(TARGET)
        if not documents or any(stored != actual for stored, actual in documents):
            sys.exit("Een bewaard rapport is na herstel niet meer byte voor byte hetzelfde.")
        print(f"Bewaarde rapporten na herstel: {len(documents)}, elk met hetzelfde SHA-256.")
    finally:
        drop_database(SOURCE)
        drop_database(TARGET)


if __name__ == "__main__":
    main()
