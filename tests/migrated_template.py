"""On PostgreSQL under xdist, the workers' test databases are migrated once, not once per worker.

Migrating is ~45 s of Python per database (Django renders the models' states 34,000 times; the SQL is ~3 % of it), and
two workers migrating at once on this 2-core machine shared with other jobs took 122 s against 47 s for one alone
(docs/performance.md, branch f/suite3). So the first worker to take a file lock migrates its own database as before,
copies it, still unseeded, into a template database (``CREATE DATABASE … TEMPLATE``, 0.1 s), and lets go of the lock;
the other worker, which waited on the lock, creates its database from that template. Django's ``migrate`` still runs
on the copy and finds nothing to apply (its ``post_migrate`` handlers run again, as on any migrate). The copy is the
migrated database byte for byte: the same rows, sequences and triggers as a migration would leave.

The template is this run's only (its name carries xdist's run id) and is dropped by the worker that made it when its
session ends. Anything unexpected (no xdist, SQLite, an error while copying) falls back to migrating as before.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from pathlib import Path


class Template:
    def __init__(self, name: str, lock_path: Path):
        self.name, self.lock_path = name, lock_path
        self._lock = None
        self.building = False

    def acquire(self) -> None:
        self._lock = self.lock_path.open("w")
        fcntl.flock(self._lock, fcntl.LOCK_EX)

    def release(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None


def for_this_run(settings_dict: dict, worker_input: dict | None) -> Template | None:
    """The run's template, when the workers' databases are PostgreSQL ones made by xdist workers."""
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID", "")
    if not worker_input or not run_id or settings_dict["ENGINE"] != "django.db.backends.postgresql":
        return None
    name = f"test_{settings_dict['NAME']}_tmpl_{run_id[:12]}".lower()
    return Template(name, Path(tempfile.gettempdir()) / f"{name}.lock")


def _exists(connection, name: str) -> bool:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def prepare(template: Template, connection) -> None:
    """Before the worker's database is made: wait for the lock; clone the template if it is there, else build it."""
    template.acquire()
    try:
        if _exists(connection, template.name):
            connection.settings_dict.setdefault("TEST", {})["TEMPLATE"] = template.name
        else:
            template.building = True
    except Exception:
        template.release()
        raise


def publish(template: Template, connection) -> None:
    """After the worker's database is migrated (and before it is seeded): copy it into the template, let go."""
    try:
        if template.building:
            source = connection.settings_dict["NAME"]
            connection.close()  # CREATE DATABASE … TEMPLATE needs no session on the source
            with contextlib.suppress(Exception), connection._nodb_cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(template.name)} "
                               f"TEMPLATE {connection.ops.quote_name(source)}")
    finally:
        template.release()


def drop(template: Template, connection) -> None:
    """At the session's end, by the worker that built it (under the lock, so no one is cloning it then)."""
    if not template.building:
        return
    template.acquire()
    try:
        with contextlib.suppress(Exception), connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(template.name)}")
    finally:
        template.release()
        with contextlib.suppress(OSError):
            template.lock_path.unlink()
