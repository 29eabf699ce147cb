"""Django's PostgreSQL backend with every wait for the server in a request under the deadline of
core/db_deadline.py: queries (an execute wrapper), and what Django sends past the cursor (the
health check of a kept connection, commit and rollback)."""

from django.db.backends.postgresql import base

from core import db_deadline


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.execute_wrappers.append(db_deadline.guard)

    def is_usable(self):
        with db_deadline.watched(self):
            return super().is_usable()

    def _commit(self):
        with db_deadline.watched(self):
            return super()._commit()

    def _rollback(self):
        with db_deadline.watched(self):
            return super()._rollback()
