"""Transactional tests can still empty the database although the log refuses DELETE."""

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from workflow.audit import Action, audit_record, verify_chain
from workflow.audit.models import AuditEvent


def test_a_transactional_test_writes_events_and_its_flush_succeeds(seeded_transactional_db, person):
    audit_record(actor=person("hcqt"), action=Action.CREATED)

    assert AuditEvent.objects.filter(action=Action.CREATED).count() == 1
    assert verify_chain().ok


def test_the_triggers_are_back_after_the_flush(seeded_transactional_db):
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM workflow_auditevent")
