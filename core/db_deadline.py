"""A database that stops answering does not hang a request (PostgreSQL).

A new connection to a server that accepts but never answers fails after libpq's
`connect_timeout` (DATABASE_CONNECT_TIMEOUT, in the settings). A connection that stops answering
in the middle of a request is another matter: the server's own `statement_timeout` does not help
when the server itself stalls, and TCP timeouts do not fire while the peer's network stack still
acknowledges. So each query of a web request has a deadline (DATABASE_QUERY_DEADLINE seconds):
a watchdog thread, one per process, shuts the socket of a query that passes it. The query then
fails as a lost connection does (OperationalError): the user gets the app's own 503 page, the
health check answers 503, and the connection is dropped. The backend `core.postgresql` puts every
wait for the server under it: queries, the health check of a kept connection, commit and
rollback. Management commands (migrations, the purge, exports from the shell) have no deadline:
only requests (`RequestDeadline`) do.
"""

import contextlib
import contextvars
import logging
import socket
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)

_in_request = contextvars.ContextVar("database_deadline_in_request", default=False)
_running: dict[int, tuple[float, int]] = {}  # query id: (deadline, socket's file descriptor)
_lock = threading.Lock()
_watchdog = None
CHECK_EVERY = 0.2  # seconds between the watchdog's looks


class RequestDeadline:
    """Middleware, first of all: the queries of this request have a deadline."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _in_request.set(True)
        try:
            return self.get_response(request)
        finally:
            _in_request.reset(token)


@contextlib.contextmanager
def watched(wrapper):
    """Within a request, on PostgreSQL: the wait for the server under the deadline."""
    descriptor = None
    if _in_request.get() and wrapper.vendor == "postgresql" and wrapper.connection is not None:
        try:
            descriptor = wrapper.connection.pgconn.socket
        except Exception:  # not connected: the connect timeout covers that wait
            descriptor = None
    if descriptor is None:
        yield
        return
    key = object()
    with _lock:
        _running[id(key)] = (time.monotonic() + settings.DATABASE_QUERY_DEADLINE, descriptor)
    _start_watchdog()
    try:
        yield
    finally:
        with _lock:
            _running.pop(id(key), None)


def guard(execute, sql, params, many, context):
    """An execute wrapper (core.postgresql): a query of a request is watched until it returns."""
    with watched(context["connection"]):
        return execute(sql, params, many, context)


def _start_watchdog():
    global _watchdog
    if _watchdog is not None and _watchdog.is_alive():
        return
    with _lock:
        if _watchdog is None or not _watchdog.is_alive():
            _watchdog = threading.Thread(target=_watch, name="database-deadline", daemon=True)
            _watchdog.start()


def _watch():
    while True:
        time.sleep(CHECK_EVERY)
        now = time.monotonic()
        with _lock:
            late = [(key, fd) for key, (deadline, fd) in _running.items() if deadline <= now]
            for key, _fd in late:
                _running.pop(key, None)
        for _key, descriptor in late:
            logger.error(
                "A database query passed its deadline of %s s; its connection is given up.",
                settings.DATABASE_QUERY_DEADLINE,
            )
            try:
                # A second handle on the same socket: shutting it wakes the waiting query.
                with socket.fromfd(descriptor, socket.AF_INET, socket.SOCK_STREAM) as handle:
                    handle.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed: the query has ended meanwhile
