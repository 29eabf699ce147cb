"""Django's PostgreSQL backend, with a deadline on each wait for the server within a request
(core/db_deadline.py)."""
