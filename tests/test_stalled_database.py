"""A database server that accepts connections but stops answering: the app answers with its own
503 page and `/gezond/` with 503, within its timeouts, instead of hanging until the worker is
killed. A real listener on loopback stands in for the server: one that never says a word, and a
proxy to the real PostgreSQL that goes silent after the connection has been in use.

The app runs in a process of its own, as production runs (debug off, connections kept), with
the timeouts at two seconds.
"""

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 2  # seconds: the connect timeout and the query deadline in the app's process

APP = """
import json, signal, sys, time
import django
signal.alarm(40)  # a request that hangs fails the test instead of holding it up
django.setup()
from django.test import Client

client = Client(raise_request_exception=False)

def health():
    started = time.monotonic()
    response = client.get("/gezond/")
    return [response.status_code, response.json()["status"], time.monotonic() - started]

def login():
    started = time.monotonic()
    response = client.post("/inloggen/", {"username": "iemand", "password": "iets"})
    text = response.content.decode()
    return [response.status_code, "geen verbinding met de gegevens" in text,
            time.monotonic() - started]

print(json.dumps({"before": health()}), flush=True)
sys.stdin.readline()  # the test makes the server go silent
print(json.dumps({"health": health(), "login": login()}), flush=True)
"""


class Listener:
    """Accepts connections on loopback; forwards them to `upstream` until `silence()`, then
    reads what comes and answers nothing (without `upstream`: silent from the first byte)."""

    def __init__(self, upstream=None):
        self.upstream = upstream
        self.silent = threading.Event()
        if upstream is None:
            self.silent.set()
        self.sockets = []  # every connection made, closed with the listener
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def silence(self):
        self.silent.set()

    def _accept(self):
        while True:
            try:
                client, _address = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        self.sockets.append(client)
        if self.silent.is_set():
            self._swallow(client)
            return
        server = socket.create_connection(self.upstream)
        self.sockets.append(server)
        threading.Thread(target=self._pump, args=(server, client), daemon=True).start()
        self._pump(client, server)

    def _pump(self, source, target):
        try:
            while data := source.recv(65536):
                if self.silent.is_set():
                    continue  # heard, never passed on: the server has stalled
                target.sendall(data)
        except OSError:
            pass

    @staticmethod
    def _swallow(client):
        try:
            while client.recv(65536):
                pass
        except OSError:
            pass

    def close(self):
        for made in self.sockets:
            with contextlib.suppress(OSError):
                made.shutdown(socket.SHUT_RDWR)  # the server ends the session it had for us
            made.close()
        self.server.close()


def _app(listener, database):
    settings = connection.settings_dict
    user = settings.get("USER") or "postgres"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",  # plain static files
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"postgres://{user}@127.0.0.1:{listener.port}/{database}",
        "DATABASE_CONNECT_TIMEOUT": str(TIMEOUT),
        "DATABASE_QUERY_DEADLINE": str(TIMEOUT),
        "DATABASE_PREPARED_STATEMENTS": "0",
    }
    return subprocess.Popen(
        [sys.executable, "-c", APP],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # the error log of each refused request: not read here
        text=True,
    )


def _answers(app, listener):
    before = json.loads(app.stdout.readline())
    listener.silence()
    app.stdin.write("\n")
    app.stdin.flush()
    after = json.loads(app.stdout.readline())
    app.wait(timeout=30)
    return before["before"], after


def _sessions_ended():
    """Wait until the server has ended the app's sessions, so the test database can go."""
    for _attempt in range(50):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.1)


def _unavailable(after, *, within):
    status, state, seconds = after["health"]
    assert (status, state) == (503, "database-onbereikbaar")
    assert seconds < within
    status, says_so, seconds = after["login"]
    assert (status, says_so) == (503, True)  # the app's own page: what was saved is safe
    assert seconds < within


def test_a_server_that_never_answers_gets_the_503_page_within_the_connect_timeout():
    listener = Listener()
    try:
        app = _app(listener, "hechtingswijzer")
        before, after = _answers(app, listener)
    finally:
        listener.close()
    assert before[:2] == [503, "database-onbereikbaar"]
    assert before[2] < TIMEOUT + 1.5
    _unavailable(after, within=TIMEOUT + 1.5)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a connection in use needs the PostgreSQL server"
)
@pytest.mark.django_db
def test_a_server_that_stops_answering_a_connection_in_use_gets_the_503_page_in_time():
    settings = connection.settings_dict
    listener = Listener(upstream=(settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432)))
    try:
        app = _app(listener, settings["NAME"])
        before, after = _answers(app, listener)
    finally:
        listener.close()
        _sessions_ended()
    assert before[:2] == [200, "ok"]  # the connection worked, and is kept
    # The kept connection's health check waits its deadline; a new one its connect timeout.
    _unavailable(after, within=2 * TIMEOUT + 2)
