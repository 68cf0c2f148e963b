"""The audit service: one event per call, in the caller's transaction, chained, UTC, stamped."""

import datetime as dt
import hashlib

import pytest
from django.db import transaction

from accounts.models import Agency, Unit
from workflow.audit import Action, EventDraft, audit_record, audit_record_many, chain_head, register_action
from workflow.audit.chain import canonical
from workflow.audit.models import GENESIS_HASH, AuditEvent

pytestmark = pytest.mark.django_db


def test_an_event_keeps_who_what_why_and_the_agency_of_the_object(person):
    unit = Unit.objects.get(agency__code="VP", code="KT")
    chief = person("chanhvp")

    event = audit_record(actor=chief, action=Action.RETURNED, obj=unit, reason="Thiếu biên bản họp đơn vị",
                         changes={"status": ["submitted", "returned"]})

    event.refresh_from_db()
    assert event.actor == chief
    assert event.agency == Agency.objects.get(code="VP")
    assert (event.content_type.model, event.object_id, event.object_repr) == ("unit", str(unit.pk), "Phòng Kinh tế")
    assert event.reason == "Thiếu biên bản họp đơn vị"
    assert event.changes == {"status": ["submitted", "returned"]}
    assert event.created_at.utcoffset() == dt.timedelta(0)


def test_each_event_links_to_the_one_before_and_the_head_follows(person):
    before = chain_head()

    first = audit_record(actor=person("hcqt"), action=Action.CREATED, obj=person("canbo.kt.02"))
    second = audit_record(actor=person("hcqt"), action=Action.SUBMITTED, obj=person("canbo.kt.02"))

    assert first.seq == before.seq + 1 and first.prev_hash == before.hash
    assert second.seq == first.seq + 1 and second.prev_hash == first.hash
    assert chain_head().seq == second.seq and chain_head().hash == second.hash


def test_the_hash_is_sha256_of_the_canonical_sorted_json(person):
    event = audit_record(actor=person("hcqt"), action=Action.CREATED, changes={"b": 1, "a": "Ư"})
    event.refresh_from_db()

    payload = canonical({
        "seq": event.seq, "created_at": event.created_at, "actor_id": event.actor_id, "on_behalf_of_id": None,
        "agency_id": None, "action": "object.created", "content_type": "", "object_id": "", "object_repr": "",
        "reason": "", "changes": {"a": "Ư", "b": 1}, "request_id": "", "ip": None, "prev_hash": event.prev_hash,
    })

    assert payload.startswith(b'{"action":"object.created","actor_id":')
    assert '"a":"Ư","b":1'.encode() in payload
    assert event.hash == hashlib.sha256(payload).hexdigest()


def test_the_event_rolls_back_with_the_change_it_records(person):
    head = chain_head()

    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=person("hcqt"), action=Action.CREATED)
        raise RuntimeError("the service failed after recording")

    assert chain_head() == head
    assert not AuditEvent.objects.filter(seq__gt=head.seq).exists()


def test_an_unregistered_action_is_refused_so_typos_cannot_split_the_log(person):
    with pytest.raises(ValueError, match="register_action"):
        audit_record(actor=person("hcqt"), action="object.submited")


def test_a_domain_can_register_its_own_action_with_a_label(person):
    code = register_action("test.line_withdrawn", "Rút dòng đề nghị")

    event = audit_record(actor=person("truongphong.kt"), action=code)

    assert event.action == "test.line_withdrawn"
    with pytest.raises(ValueError):
        register_action("test.line_withdrawn", "Nhãn khác")


def test_delegation_is_recorded_as_on_behalf_of(person):
    event = audit_record(actor=person("phochanhvp1"), on_behalf_of=person("chanhvp"), action=Action.SIGNED)

    assert (event.actor.username, event.on_behalf_of.username) == ("phochanhvp1", "chanhvp")


def test_many_events_at_once_are_chained_in_order(person):
    head = chain_head()
    actor = person("hcqt")

    events = audit_record_many(drafts=[EventDraft(action=Action.VOTED, actor=actor) for _ in range(5)])

    assert [e.seq for e in events] == list(range(head.seq + 1, head.seq + 6))
    assert events[0].prev_hash == head.hash
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
    assert chain_head().hash == events[-1].hash


def test_decimals_and_dates_in_changes_are_stored_as_text(person):
    from decimal import Decimal

    event = audit_record(actor=person("hcqt"), action=Action.UPDATED,
                         changes={"ratio": [Decimal("0.15"), Decimal("0.20")], "day": dt.date(2024, 2, 5)})
    event.refresh_from_db()

    assert event.changes == {"ratio": ["0.15", "0.20"], "day": "2024-02-05"}


def test_an_empty_log_starts_from_the_genesis_hash():
    assert len(GENESIS_HASH) == 64 and set(GENESIS_HASH) == {"0"}
    assert AuditEvent.objects.order_by("seq").first().prev_hash == GENESIS_HASH


def test_request_id_and_ip_come_from_the_request(client, person):
    client.force_login(person("kiemtra"))

    response = client.post("/home/", REMOTE_ADDR="203.0.113.7", HTTP_X_REQUEST_ID="req-0123456789")

    assert response.status_code == 403
    event = AuditEvent.objects.get(action=Action.AUDITOR_WRITE_REFUSED)
    assert (event.request_id, event.ip) == ("req-0123456789", "203.0.113.7")
    assert response["X-Request-ID"] == "req-0123456789"


def test_a_malformed_request_id_is_replaced(client):
    response = client.get("/accounts/login/", HTTP_X_REQUEST_ID="<script>")

    assert response["X-Request-ID"] != "<script>" and len(response["X-Request-ID"]) == 32
