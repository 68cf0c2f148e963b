"""Shared fixtures.

The test database of each xdist worker is migrated and seeded with the demo organisation once
(``django_db_setup``), so every test starts from the Office as the seed report describes it
and rolls back its own changes. Transactional tests (PostgreSQL concurrency) flush the
database when they end; pytest-django runs them after the others. The flush puts the demo
organisation back in its own transaction, from a copy taken after the worker's first flush
(``tests/seed_snapshot.py``); ``seeded_transactional_db`` still asks ``demo.seed()``, which then
only reads, and seeds where no copy can be put back.
"""

from __future__ import annotations

import pytest

from accounts import demo
from accounts.models import User
from tests import seed_snapshot
from workflow.audit import triggers


def pytest_configure(config) -> None:
    _warm_cryptography_datetime()
    _warm_psycopg()


def _warm_psycopg() -> None:
    """Import psycopg's C extension with the real clock before any test runs.

    psycopg_binary checks the size of ``datetime.datetime`` as it is imported. On SQLite nothing imports it until
    some code does lazily; if that happens first inside ``freeze_time`` (the notification sweeps), it compares
    with freezegun's ``FakeDatetime``, warns "datetime.datetime size changed", and ``error::RuntimeWarning`` turns
    the warning into a failure of whichever test came first.
    """
    import psycopg  # noqa: F401, PLC0415 - imported for its side effect, once


def _warm_cryptography_datetime() -> None:
    """Sign one throwaway certificate with the real clock before any test runs.

    cryptography's Rust core looks up the ``datetime.datetime`` type once per process, on its first use, and keeps
    it. If that first use is a document signed inside ``freeze_time`` (the reward-money tests issue a decision
    "in August 2024"), it keeps freezegun's ``FakeDatetime``, and every later real datetime in that xdist worker
    is refused ("'datetime' object is not an instance of 'FakeDatetime'"): every signing test after it fails.
    """
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "warm-up")])
    now = dt.datetime.now(dt.UTC)
    (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key()).serial_number(1)
     .not_valid_before(now).not_valid_after(now + dt.timedelta(days=1)).sign(key, hashes.SHA256()))


# What the nominations app's data migrations wrote (the catalogue, the rule sets, the default vote
# rules, with their history), serialised once right after migrating: a flush empties it, and
# ``catalogue_transactional_db`` puts it back exactly, whatever the migrations' models were then.
_MIGRATION_DATA: list[str] = []


def _nomination_models() -> list:
    from django.apps import apps

    return list(apps.get_app_config("nominations").get_models())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.core import serializers

    with django_db_blocker.unblock():
        rows = [obj for model in _nomination_models() for obj in model._base_manager.order_by("pk")]
        _MIGRATION_DATA.append(serializers.serialize("json", rows))
        demo.seed()


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """The demo organisation, committed: put back by the last flush (``tests/seed_snapshot.py``), so ``demo.seed()``
    finds it all (a few reads); on the worker's first transactional test it is ``django_db_setup``'s."""
    demo.seed()


@pytest.fixture
def catalogue_transactional_db(seeded_transactional_db):
    """Transactional tests (the browser tests too) flush the database, data migrations included: put
    back what the nominations migrations wrote (``catalogue_put_back``)."""
    catalogue_put_back()


def catalogue_put_back() -> None:
    """Put back what the nominations migrations wrote, as it was serialised after migrating, if a flush emptied it:
    the first time through the serialiser, then from a copy of the rows that wrote (``tests/seed_snapshot.py``)."""
    from django.apps import apps
    from django.core import serializers
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from nominations.models import Award

    if Award.objects.exists():
        return
    if seed_snapshot.state.catalogue is not None:
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in seed_snapshot.state.catalogue.restore_sql:
                cursor.execute(statement)
        return
    nominations = apps.get_app_config("nominations").get_models(include_auto_created=True)
    filled_before = any(model._base_manager.exists() for model in _nomination_models())
    for restored in serializers.deserialize("json", _MIGRATION_DATA[0]):
        restored.save()
    # As loaddata does: PostgreSQL's sequences follow the restored keys.
    statements = connection.ops.sequence_reset_sql(no_style(), _nomination_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    if not filled_before and seed_snapshot.state.snapshot is not None:
        seed_snapshot.state.catalogue = seed_snapshot.take(
            connection, {}, tables={model._meta.db_table for model in nominations}, prefix="c")


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Each test starts in Vietnamese: a request in English leaves its thread switched to English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(scope="session", autouse=True)
def _audit_log_flushable():
    """Let transactional tests empty the database on SQLite; on PostgreSQL, empty it quickly; on both, put the demo
    organisation back in the flush's transaction (``tests/seed_snapshot.py``).

    SQLite flushes with DELETE, which the audit log's append-only triggers refuse (PostgreSQL
    truncates, which they do not see). Only the test runner's flush lifts them, and puts them
    back at once.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        yield from _postgresql_flush_by_delete(connection)
        return
    if connection.vendor != "sqlite":
        yield
        return
    operations = type(connection.ops)
    original, original_sql_flush = operations.execute_sql_flush, operations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = original_sql_flush(self, style, tables, reset_sequences=reset_sequences,
                                        allow_cascade=allow_cascade)
        if reset_sequences or not tables:
            return statements
        return [*statements, *seed_snapshot.statements_after_delete(tables)]

    def execute_sql_flush(self, sql_list):
        triggers.drop(self.connection)
        try:
            original(self, sql_list)
            after_delete = seed_snapshot.sequences(self.connection) if seed_snapshot.state.capture_pending else {}
        finally:
            triggers.install(self.connection)
        seed_snapshot.after_flush(self.connection, after_delete)

    operations.execute_sql_flush, operations.sql_flush = execute_sql_flush, sql_flush
    yield
    operations.execute_sql_flush, operations.sql_flush = original, original_sql_flush


def _postgresql_flush_by_delete(connection):
    """Empty the tables with DELETE instead of TRUNCATE between transactional tests on PostgreSQL.

    TRUNCATE gives each of the ~170 tables and their indexes new files and unlinks the old ones at commit: 1.5–9 s a
    flush on this machine (idle to loaded), paid by every transactional test (concurrency, faults, browser). The
    tables hold a few hundred demo rows by then, and DELETE empties them in 0.1–0.2 s. ``session_replication_role =
    replica`` (this transaction only) turns off the triggers while it runs — the foreign keys' (so the order of the
    tables does not matter, and nothing is left) and the audit log's append-only ones, which TRUNCATE never saw
    either. The demo organisation's rows are put back in the same transaction, triggers still off
    (``tests/seed_snapshot.py``). Setting it needs a superuser, as the test database's owner is in CI; any other
    role keeps TRUNCATE (and ``demo.seed()`` in each test). With ``reset_sequences`` Django's own statements run
    (they restart the sequences)."""
    operations = type(connection.ops)
    original, original_execute = operations.sql_flush, operations.execute_sql_flush
    superuser: list[bool] = []  # asked at the first flush, when the test database is there and access allowed

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not superuser:
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                superuser.append(bool(cursor.fetchone()[0]))
        if reset_sequences or not tables or not superuser[0]:
            return original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return ["SET LOCAL session_replication_role = replica",
                *(f"DELETE FROM {self.quote_name(table)}"  # noqa: S608 - table names from Django's introspection # nosec B608
                  for table in sorted(tables)),
                *seed_snapshot.statements_after_delete(tables)]

    def execute_sql_flush(self, sql_list):
        original_execute(self, sql_list)
        after_delete = seed_snapshot.sequences(self.connection) if seed_snapshot.state.capture_pending else {}
        seed_snapshot.after_flush(self.connection, after_delete)

    operations.sql_flush, operations.execute_sql_flush = sql_flush, execute_sql_flush
    yield
    operations.sql_flush, operations.execute_sql_flush = original, original_execute


@pytest.fixture
def person(db):
    """Look a demo person up by login: ``person("chanhvp")``."""

    def get(username: str) -> User:
        return User.objects.select_related("unit__agency").get(username=username)

    return get


@pytest.fixture
def login(client, person):
    """Sign a demo person in on the test client and return the client."""

    def sign_in(username: str):
        client.force_login(person(username))
        return client

    return sign_in


def pytest_collection_modifyitems(config, items):
    """``@pytest.mark.postgres`` tests need row locks and triggers that SQLite lacks."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL (SQLite ignores SELECT … FOR UPDATE); .ci/run runs it on PostgreSQL"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def fast_pdfs(monkeypatch):
    """For tests whose subject is not how a document looks (who reads it, what a year records, the links to
    it): WeasyPrint's layout, about a second a document, becomes one blank page. Documents are still built,
    numbered, stored, hashed, signed and served; their look is tested by the document tests, which render for
    real. As WeasyPrint does, the page carries the HTML's audit chain head in its metadata, so that
    ``verify_documents`` checks these documents as it checks real ones."""
    from workflow.documents import rendering

    monkeypatch.setattr(rendering, "html_to_pdf", blank_renderer())


def blank_renderer():
    """``fast_pdfs``' stand-in for WeasyPrint, for fixtures wider than one test (they patch it themselves)."""
    import re
    from html import unescape as html_unescape

    from tests.pdfs import blank_pdf
    from workflow.documents import rendering

    pdf = blank_pdf()
    by_head: dict[str, bytes] = {}

    def blank(html: str) -> rendering.RenderResult:
        found = re.search(r'<meta name="audit-chain-head" content="([^"]*)">', html)
        if found is None:
            return rendering.RenderResult(pdf=pdf)
        head = html_unescape(found.group(1))
        if head not in by_head:
            by_head[head] = blank_pdf(metadata={rendering.AUDIT_HEAD_KEY: head})
        return rendering.RenderResult(pdf=by_head[head])

    return blank
