"""The demo organisation a transactional test starts from, put back by the flush from a copy
(``tests/seed_snapshot.py``), is the one ``demo.seed()`` writes on an emptied database."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.hashers import identify_hasher
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, models

from accounts import demo
from accounts.models import Province
from tests import seed_snapshot
from workflow.audit import verify_chain

# What two runs of the same seed cannot share: the moment they ran, the audit hashes computed over it, and the
# salt of each password hash. For these columns the test compares the kind of value (set or empty; the hasher).
_HASHES_OF_THE_MOMENT = {("workflow_auditevent", "hash"), ("workflow_auditevent", "prev_hash"),
                         ("workflow_auditchainhead", "hash")}


def _flush(**options) -> None:
    """As Django's TransactionTestCase flushes when a test ends (the command alone would restart the sequences)."""
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False, allow_cascade=False, **options)


def _columns() -> dict[str, tuple[str, list[str], set[str], set[str]]]:
    """Each table: its primary key column, its columns, those that hold a moment, those that hold a password."""
    described = {}
    for model in apps.get_models(include_auto_created=True):
        fields = model._meta.local_fields
        described[model._meta.db_table] = (
            model._meta.pk.column,
            [f.column for f in fields],
            {f.column for f in fields if isinstance(f, models.DateTimeField)},
            {f.column for f in fields if f.name == "password"},
        )
    return described


def _database() -> dict[str, list[dict]]:
    described = _columns()
    quote = connection.ops.quote_name
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.django_table_names(only_existing=True, include_views=False):
            pk, columns, moments, passwords = described[table]
            cursor.execute(f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)} "  # noqa: S608  # nosec B608
                           f"ORDER BY {quote(pk)}")
            found = []
            for values in cursor.fetchall():
                row = dict(zip(columns, values, strict=True))
                for column in columns:
                    if column in moments or (table, column) in _HASHES_OF_THE_MOMENT:
                        row[column] = row[column] is not None
                    elif column in passwords:
                        row[column] = identify_hasher(row[column]).algorithm if row[column] else row[column]
                found.append(row)
            if found:
                rows[table] = found
    return rows


def test_a_restored_database_is_the_freshly_seeded_one(transactional_db):
    # Given the copy (a worker's first flush seeds and takes it) and a flush that put it back
    _flush()
    _flush()
    snapshot = seed_snapshot.state.snapshot
    assert snapshot is not None and "accounts_user" in snapshot.tables
    restored = _database()
    assert verify_chain().ok
    assert demo.seed().created == {}

    # When the database is emptied as Django empties it, and seeded from the same sequences
    with seed_snapshot.suspended():
        _flush(inhibit_post_migrate=True)
    assert not Province.objects.exists()
    seed_snapshot.set_sequences(connection, snapshot.sequences_after_delete)
    emit_post_migrate_signal(0, False, connection.alias)
    demo.seed()
    fresh = _database()

    # Then both hold the same rows, keys included
    assert sorted(fresh) == sorted(restored)
    for table, rows in fresh.items():
        assert rows == restored[table], table
    assert len(fresh["accounts_user"]) == 104 and len(fresh["workflow_auditevent"]) == 109


def test_the_catalogue_put_back_from_its_copy_is_what_the_migrations_wrote(transactional_db):
    from django.core import serializers

    from tests.conftest import _MIGRATION_DATA, _nomination_models, catalogue_put_back

    # Given a flush, the catalogue put back once (through the serialiser, which leaves a copy), and another flush
    _flush()
    catalogue_put_back()
    _flush()
    assert seed_snapshot.state.catalogue is not None

    # When it is put back from the copy
    catalogue_put_back()

    # Then the nominations tables serialise as they did right after migrating
    rows = [obj for model in _nomination_models() for obj in model._base_manager.order_by("pk")]
    assert serializers.serialize("json", rows) == _MIGRATION_DATA[0]
