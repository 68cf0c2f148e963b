"""Shared fixtures.

The test database of each xdist worker is migrated and seeded with the demo organisation once
(``django_db_setup``), so every test starts from the Office as the seed report describes it
and rolls back its own changes. Transactional tests (PostgreSQL concurrency) flush the
database when they end; pytest-django runs them after the others, and they must seed what
they need themselves (``seeded_transactional_db``).
"""

from __future__ import annotations

import pytest
from django.db import connection

from accounts import demo
from accounts.models import User
from workflow.audit import triggers


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo.seed()


@pytest.fixture
def _audit_triggers_back_after_flush(django_db_blocker):
    """Set up before ``transactional_db``, so this teardown runs after its flush."""
    yield
    if connection.vendor == "sqlite":
        with django_db_blocker.unblock():
            triggers.install(connection)


@pytest.fixture
def seeded_transactional_db(_audit_triggers_back_after_flush, transactional_db):
    demo.seed()
    yield
    # SQLite flushes with DELETE, which the audit log's triggers refuse (PostgreSQL truncates).
    if connection.vendor == "sqlite":
        triggers.drop(connection)


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
