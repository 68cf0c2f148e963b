"""The application keeps serving after its PostgreSQL connection dies (``CONN_HEALTH_CHECKS``).

Why terminating the backend stands for a server restart: Django keeps one persistent connection
per worker thread (``CONN_MAX_AGE``). When the PostgreSQL server restarts, every backend process
is ended and every client socket is closed by the server ("terminating connection due to
administrator command", SQLSTATE 57P01); the server then accepts new connections as before.
``pg_terminate_backend(pid)`` does exactly that to the one backend serving this test, and nothing
else — the shared server, and the other test workers on it, keep running. From Django's side the
two are the same event: a persistent connection object whose socket the server closed. With
health checks on, ``close_old_connections`` at the start of the next request pings the
connection, finds it dead and opens a new one; without them the request uses the dead socket
and fails with a 500 (the second test shows it, so the first one can fail).

The requests go through Django's real WSGI handler (``request_started``/``request_finished``
run ``close_old_connections``, which the test client deliberately skips).
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections
from django.test import Client, RequestFactory

from accounts.models import User

pytestmark = pytest.mark.postgres


def test_the_settings_ask_for_health_checks():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def get(path: str, cookie: str) -> int:
    """One request as a WSGI server makes it, closing the response (which fires request_finished)."""
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET", HTTP_COOKIE=cookie)
    status: list[str] = []
    response = WSGIHandler()(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        b"".join(response)
    finally:
        response.close()
    return int(status[0].split()[0])


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def terminate(pid: int) -> None:
    """End the backend from another connection, as a server restart would, and wait until it is gone."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            for _ in range(100):
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
                if cursor.fetchone()[0] == 0:
                    return
                time.sleep(0.05)
    finally:
        other.close()
    raise AssertionError(f"backend {pid} did not end")


def persistent(monkeypatch, *, health_checks: bool) -> str:
    """Persistent connections as production runs them; returns a signed-in session cookie.

    Django reads both settings when it opens a connection, hence the close first."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 600)
    monkeypatch.setitem(connection.settings_dict, "CONN_HEALTH_CHECKS", health_checks)
    connection.close()
    client = Client()
    client.force_login(User.objects.get(username="truongphong.kt"))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def test_the_next_request_succeeds_after_the_database_connection_died(seeded_transactional_db, monkeypatch):
    cookie = persistent(monkeypatch, health_checks=True)
    assert get("/home/", cookie) == 200
    assert connection.connection is not None  # kept open between requests
    dead = backend_pid()

    terminate(dead)

    assert get("/home/", cookie) == 200
    assert backend_pid() != dead


def test_without_health_checks_the_first_request_after_it_fails(seeded_transactional_db, monkeypatch):
    cookie = persistent(monkeypatch, health_checks=False)
    assert get("/home/", cookie) == 200
    dead = backend_pid()

    terminate(dead)

    assert get("/home/", cookie) == 500
    assert get("/home/", cookie) == 200  # the failed request marked the connection unusable
