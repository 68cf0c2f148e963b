"""verify_audit: exit 0 when intact; non-zero naming the first broken event when one is altered,
removed or reordered. Tampering goes through raw SQL with the triggers dropped, then restored."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from workflow.audit import Action, EventDraft, audit_record_many, chain_head, verify_chain
from workflow.audit.models import AuditEvent

from .audit_helpers import triggers_dropped

pytestmark = pytest.mark.django_db



@pytest.fixture
def log(person):
    """Ten more events after the ones the demo seeding wrote; returns them in order."""
    actor = person("hcqt")
    return audit_record_many(drafts=[
        EventDraft(action=Action.SUBMITTED, actor=actor, obj=person("canbo.kt.02"), reason=f"vòng {n}")
        for n in range(10)
    ])


def test_the_tests_tamper_with_the_log_table():
    assert AuditEvent._meta.db_table == "workflow_auditevent"


def run_verify(*args):
    from io import StringIO

    out = StringIO()
    try:
        call_command("verify_audit", *args, stdout=out)
    except CommandError as error:
        return error.returncode, str(error), out.getvalue()
    return 0, "", out.getvalue()


def test_an_intact_log_verifies_with_exit_zero(log):
    code, error, out = run_verify()

    assert code == 0, error
    assert f"#{log[-1].seq}" in out


def test_json_output_says_ok_and_counts_every_event(log):
    code, _error, out = run_verify("--json")

    result = json.loads(out)
    assert code == 0
    assert result["ok"] is True
    assert result["checked"] == AuditEvent.objects.count() == log[-1].seq


def test_an_edited_event_is_named(log):
    victim = log[4]
    with triggers_dropped() as cursor:
        cursor.execute("UPDATE workflow_auditevent SET reason = %s WHERE id = %s", ["đã sửa", victim.pk])

    code, error, _out = run_verify()

    assert code == 1
    assert f"#{victim.seq} (id {victim.pk}) đã bị sửa" in error


def test_an_edited_event_with_a_recomputed_hash_breaks_the_next_link(log):
    victim, following = log[4], log[5]
    with triggers_dropped() as cursor:
        cursor.execute("UPDATE workflow_auditevent SET hash = %s WHERE id = %s", ["f" * 64, victim.pk])

    result = verify_chain()

    assert (result.ok, result.problem, result.broken_seq) == (False, "altered", victim.seq)
    assert following.prev_hash != "f" * 64


def test_a_deleted_event_is_named_by_the_one_after_the_gap(log):
    victim, following = log[3], log[4]
    with triggers_dropped() as cursor:
        cursor.execute("DELETE FROM workflow_auditevent WHERE id = %s", [victim.pk])

    code, error, _out = run_verify()

    assert code == 1
    assert f"Sự kiện #{following.seq} (id {following.pk}): thiếu sự kiện #{victim.seq}" in error


def test_two_swapped_events_are_named(log):
    first, second = log[2], log[6]
    with triggers_dropped() as cursor:
        cursor.execute("UPDATE workflow_auditevent SET seq = %s WHERE id = %s", [10**12, first.pk])
        cursor.execute("UPDATE workflow_auditevent SET seq = %s WHERE id = %s", [first.seq, second.pk])
        cursor.execute("UPDATE workflow_auditevent SET seq = %s WHERE id = %s", [second.seq, first.pk])

    code, error, _out = run_verify("--json")
    result = verify_chain()

    assert code == 1
    assert (result.problem, result.broken_seq, result.broken_id) == ("link", first.seq, second.pk)
    assert f"#{first.seq} (id {second.pk}) không nối với sự kiện đứng trước" in error


def test_removing_the_last_event_is_caught_by_the_head(log):
    with triggers_dropped() as cursor:
        cursor.execute("DELETE FROM workflow_auditevent WHERE id = %s", [log[-1].pk])

    result = verify_chain()

    assert (result.ok, result.problem) == (False, "tail")
    assert f"#{log[-1].seq}" in result.message


def test_the_verifier_stops_at_the_first_broken_event(log):
    with triggers_dropped() as cursor:
        for victim in (log[7], log[2]):
            cursor.execute("UPDATE workflow_auditevent SET action = %s WHERE id = %s", ["object.approved", victim.pk])

    assert verify_chain().broken_seq == log[2].seq


@pytest.mark.parametrize("statement", [
    "UPDATE workflow_auditevent SET reason = 'sửa lén' WHERE seq = 1",
    "DELETE FROM workflow_auditevent WHERE seq = 1",
])
def test_with_the_triggers_in_place_raw_update_and_delete_fail(log, statement):
    with pytest.raises((IntegrityError, DatabaseError)) as refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)

    assert "append-only" in str(refused.value)
    assert verify_chain().ok


def test_the_head_is_what_documents_print(log):
    head = chain_head()

    assert (head.seq, head.hash) == (log[-1].seq, log[-1].hash)
    assert str(head) == f"#{head.seq} · {head.hash[:16]}"
