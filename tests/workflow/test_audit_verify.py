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


@pytest.fixture
def long_log(person):
    """3,000 events with varied content (unicode, nested changes, objects, an IP) after the seeded ones."""
    actor = person("hcqt")
    drafts = [EventDraft(action=Action.SUBMITTED if n % 2 else Action.RETURNED, actor=actor,
                         obj=person("canbo.kt.02") if n % 3 == 0 else None, reason=f"vòng {n} — đã xét",
                         changes={"status": ["draft", "submitted"], "n": n, "nested": {"b": [1, 2.5], "a": None}})
              for n in range(3000)]
    return audit_record_many(drafts=drafts)


def test_a_long_chain_streamed_in_small_chunks_verifies_and_counts_every_event(long_log):
    # given a chain of more than 3,000 events
    # when it is verified reading 256 rows at a time from the cursor
    result = verify_chain(chunk_size=256)
    # then every event is checked and the head matches
    assert result.ok, result.message
    assert result.checked == AuditEvent.objects.count() == long_log[-1].seq


def test_a_row_tampered_in_the_middle_of_a_long_chain_is_found(long_log):
    # given a long chain whose event in the middle is edited behind the application's back
    victim = long_log[1500]
    with triggers_dropped() as cursor:
        cursor.execute("UPDATE workflow_auditevent SET changes = %s WHERE id = %s",
                       ['{"status": ["draft", "approved"], "n": 1500, "nested": {"b": [1, 2.5], "a": null}}',
                        victim.pk])
    # when the chain is verified, streamed in chunks
    result = verify_chain(chunk_size=500)
    # then that event, and only the events before it as checked, are reported
    assert not result.ok and result.problem == "altered"
    assert (result.broken_seq, result.broken_id) == (victim.seq, victim.pk)
    assert result.checked == victim.seq - 1


def test_the_streamed_verifier_hashes_what_the_writer_hashed(long_log):
    # given events written by the chaining code (``canonical`` of each as it was saved)
    # when their rows are read back the way the verifier reads them
    from workflow.audit.chain import _fields_of, event_hash

    stored = AuditEvent.objects.get(pk=long_log[3].pk)
    # then the writer's hash of the stored row is its hash, and the whole chain verifies
    assert event_hash(_fields_of(stored)) == stored.hash
    assert verify_chain(chunk_size=7).ok


def test_the_verifiers_encoder_gives_the_writers_bytes():
    # given payloads like the chain's: unicode, nested and sorted keys, numbers, nulls
    from workflow.audit.chain import _ENCODER, _one_shot_encoder

    payloads = [{"b": "lý do — ✓ \"trích\"\n\u0001", "a": {"z": [1, 2.5, None, True], "y": {"x": "</script>"}},
                 "seq": 10**15},
                {"changes": {}, "reason": "", "ip": "127.0.0.1"}]
    # when the verifier's encoder and the writer's encode them
    fast = _one_shot_encoder()
    # then the text is the same
    assert [fast(p) for p in payloads] == [_ENCODER.encode(p) for p in payloads]
