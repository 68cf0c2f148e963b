"""The demo organisation put back after each transactional test's flush, without running ``demo.seed()`` again.

A transactional test (concurrency, faults, browser) empties the database when it ends; the next one used to seed the
demo organisation again: 2,318 queries through the services, 3–5 s under load. Instead, the first flush of a worker
seeds once, as the next test would have (``post_migrate`` then ``demo.seed()``), and keeps a copy of every table's
rows; every later flush puts that copy back in the transaction of its DELETEs. On PostgreSQL the copy is kept in the
test database itself (schema ``test_seed_snapshot``, tables ``t0``, ``t1``, … that Django's introspection does not
see) and put back with ``INSERT … SELECT``, with the triggers off as the DELETEs already have them
(``session_replication_role = replica``): the rows come back as they were, the audit chain's hashes included. On
SQLite the copy is the rows as SQL literals (``quote()``), inserted with the audit triggers lifted as the flush
lifts them; the foreign keys are checked at the commit. The seed writes no files.

Sequences only grow under a DELETE flush, so they stay above the copied keys; the restore still moves any sequence
below its table's copied maximum up to it (after a ``reset_sequences`` flush, for example).

``tests/test_seed_snapshot.py`` compares a restored database with one freshly seeded from the same sequences.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

SCHEMA = "test_seed_snapshot"


@dataclass
class Snapshot:
    restore_sql: list[str] = field(default_factory=list)
    # The sequences right after the DELETEs that preceded the copied seed (for the equality test):
    # PostgreSQL: qualified sequence name -> last_value (None if never used); SQLite: table -> sqlite_sequence.seq.
    sequences_after_delete: dict[str, int | None] = field(default_factory=dict)
    tables: list[str] = field(default_factory=list)


@dataclass
class _State:
    snapshot: Snapshot | None = None
    catalogue: Snapshot | None = None  # what the nominations migrations wrote, once restored (conftest)
    suspended: bool = False
    capture_pending: bool = False


state = _State()


@contextlib.contextmanager
def suspended():
    """Flushes inside neither restore nor take the copy: an empty database, as Django's flush leaves it."""
    state.suspended = True
    try:
        yield
    finally:
        state.suspended = False


def statements_after_delete(tables) -> list[str]:
    """What a whole-database DELETE flush appends: the copy's INSERTs, once a copy exists. Without a copy yet, the
    flush is marked so that ``after_flush`` seeds and takes it."""
    if state.suspended:
        return []
    if state.snapshot is None:
        state.capture_pending = True
        return []
    if not set(state.snapshot.tables) <= set(tables):
        return []
    return list(state.snapshot.restore_sql)


def after_flush(connection, sequences_after_delete: dict) -> None:
    """Called after a flush committed: the first time, seed as the next test would, and take the copy."""
    if not state.capture_pending:
        return
    state.capture_pending = False
    from django.core.management.sql import emit_post_migrate_signal

    from accounts import demo

    emit_post_migrate_signal(0, False, connection.alias)
    demo.seed()
    state.snapshot = take(connection, sequences_after_delete)


def sequences(connection) -> dict:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), last_value "
                           "FROM pg_sequences")
        else:
            cursor.execute("SELECT name, seq FROM sqlite_sequence")
        return dict(cursor.fetchall())


def set_sequences(connection, values: dict) -> None:
    """Put the sequences back where ``sequences`` read them (for the equality test)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name, last_value in values.items():
                cursor.execute("SELECT setval(%s::regclass, %s, %s)",
                               [name, last_value or 1, last_value is not None])
        else:
            cursor.execute("DELETE FROM sqlite_sequence")
            cursor.executemany("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", list(values.items()))


def _tables(connection) -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def take(connection, sequences_after_delete: dict, *, tables=None, prefix: str = "t") -> Snapshot:
    """A copy of the rows of ``tables`` (every Django table by default; the copy tables named ``prefix`` and a
    number on PostgreSQL; the whole-database copy starts the schema afresh)."""
    snapshot = Snapshot(sequences_after_delete=dict(sequences_after_delete))
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and tables is None:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        bumps = []
        for table in sorted(tables) if tables is not None else _tables(connection):
            cursor.execute(f"SELECT * FROM {quote(table)} LIMIT 1")  # noqa: S608 - names from Django's introspection  # nosec B608
            if cursor.fetchone() is None:
                continue
            columns = ", ".join(quote(column[0]) for column in cursor.description)
            snapshot.tables.append(table)
            if connection.vendor == "postgresql":
                copy = f"{SCHEMA}.{prefix}{len(snapshot.tables)}"
                cursor.execute(f"CREATE TABLE {copy} AS SELECT {columns} FROM {quote(table)}")  # noqa: S608  # nosec B608
                snapshot.restore_sql.append(f"INSERT INTO {quote(table)} ({columns}) "  # noqa: S608  # nosec B608
                                            f"SELECT {columns} FROM {copy}")
                for sequence in connection.introspection.get_sequences(cursor, table):
                    cursor.execute(f"SELECT max({quote(sequence['column'])}), "  # noqa: S608  # nosec B608
                                   f"pg_get_serial_sequence(%s, %s) FROM {quote(table)}",
                                   [quote(table), sequence["column"]])
                    highest, name = cursor.fetchone()
                    if highest is not None and name:
                        bumps.append(f"('{name}', {int(highest)})")
            else:
                literals = ", ".join(f"quote({quote(column[0])})" for column in cursor.description)
                cursor.execute(f"SELECT {literals} FROM {quote(table)} ORDER BY rowid")  # noqa: S608  # nosec B608
                rows = [f"({', '.join(row)})" for row in cursor.fetchall()]
                for start in range(0, len(rows), 400):
                    snapshot.restore_sql.append(f"INSERT INTO {quote(table)} ({columns}) VALUES "  # noqa: S608  # nosec B608
                                                + ", ".join(rows[start:start + 400]))
        if bumps:
            snapshot.restore_sql.append(
                f"SELECT setval(s.name::regclass, s.highest) FROM (VALUES {', '.join(bumps)}) AS s(name, highest) "  # noqa: S608  # nosec B608
                "WHERE COALESCE(pg_sequence_last_value(s.name::regclass), 0) < s.highest")
    return snapshot
