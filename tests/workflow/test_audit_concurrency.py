"""On PostgreSQL, writers racing for the head of the chain never fork it.

Real threads, each with its own connection, write at the same instant. With the head row
locked (the product) every event lands and the chain is one line. With the lock switched off
(``chain.SERIALISE_APPENDS``, documented as test-only) every writer reads the same head, and
all but one of them would fork the chain: the unique ``seq`` / ``prev_hash`` constraints turn
each would-be fork into an error. This shows the lock is what keeps writers from failing.
"""

import threading
import time

import pytest
from django.db import IntegrityError, connection

from accounts.models import User
from workflow.audit import Action, audit_record, verify_chain
from workflow.audit import chain as chain_module
from workflow.audit.models import AuditEvent

pytestmark = pytest.mark.postgres

WRITERS = 4
EVENTS_EACH = 10


def run_writers(events_each: int, after_head_read) -> tuple[int, list[Exception]]:
    actors = list(User.objects.filter(username__in=["chanhvp", "hcqt", "hoidong1", "kiemtra"]))[:WRITERS]
    start = threading.Barrier(len(actors))
    errors: list[Exception] = []
    written = []

    def write(actor):
        try:
            start.wait(timeout=10)
            for n in range(events_each):
                try:
                    written.append(audit_record(actor=actor, action=Action.SUBMITTED, reason=f"{actor.username} {n}"))
                except IntegrityError as error:
                    errors.append(error)
        finally:
            connection.close()

    chain_module._after_head_read = after_head_read
    try:
        threads = [threading.Thread(target=write, args=(actor,)) for actor in actors]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        chain_module._after_head_read = None
    return len(written), errors


def test_simultaneous_writers_keep_one_linear_chain(seeded_transactional_db):
    before = AuditEvent.objects.count()

    written, errors = run_writers(EVENTS_EACH, after_head_read=lambda: time.sleep(0.005))

    assert (written, errors) == (WRITERS * EVENTS_EACH, [])
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, before + WRITERS * EVENTS_EACH + 1))
    result = verify_chain()
    assert result.ok, result.message


def test_without_the_head_lock_the_writers_would_fork_the_chain(seeded_transactional_db, monkeypatch):
    monkeypatch.setattr(chain_module, "SERIALISE_APPENDS", False)
    all_read_the_head = threading.Barrier(WRITERS)

    written, errors = run_writers(1, after_head_read=lambda: all_read_the_head.wait(timeout=10))

    assert written == 1
    assert len(errors) == WRITERS - 1
    assert verify_chain().ok
