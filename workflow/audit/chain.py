"""The hash chain: canonical serialisation, serialised appends, verification, the head.

Each event's hash is SHA-256 over the sorted-key JSON of its fields plus the previous
event's hash (``canonical``). Appending takes a row lock on the single ``AuditChainHead``
row (``SELECT … FOR UPDATE`` on PostgreSQL), so two transactions can never both extend the
same head; SQLite has one writer at a time anyway. ``seq`` and ``prev_hash`` are unique as
a last line of defence: a fork is a constraint violation, never a silent branch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .models import GENESIS_HASH, AuditChainHead, AuditEvent

HEAD_PK = 1

# Documented switch for one test only (tests/workflow/test_audit_concurrency.py): with it off,
# writers do not lock the head, and that test shows the chain would fork. Never turn it off.
SERIALISE_APPENDS = True
# Test hook called between reading the head and inserting (widens the race window).
_after_head_read: Callable[[], None] | None = None

CANONICAL_FIELDS = (
    "seq", "created_at", "actor_id", "on_behalf_of_id", "agency_id", "action", "content_type",
    "object_id", "object_repr", "reason", "changes", "request_id", "ip", "prev_hash",
)


def json_safe(value) -> object:
    """Plain JSON types only (Decimals, dates, UUIDs as strings), as stored and as hashed."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def utc_text(moment: dt.datetime) -> str:
    """``2024-02-05T01:02:03.000004Z``: always UTC, always microseconds."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _one_shot_encoder() -> Callable[[dict], str]:
    """``_ENCODER.encode`` for the verifier's loop: the same C encoder with the same settings, made once instead of
    on every call (``JSONEncoder.iterencode`` builds it per call), and without the circular-reference markers a
    dict decoded from JSON cannot need. Same bytes (tests/workflow/test_audit_verify.py)."""
    from json.encoder import c_encode_basestring, c_make_encoder  # noqa: PLC0415 - CPython's accelerator, may be None

    if c_make_encoder is None or c_encode_basestring is None:
        return _ENCODER.encode
    encoder = c_make_encoder(None, _ENCODER.default, c_encode_basestring, None, _ENCODER.key_separator,
                             _ENCODER.item_separator, True, False, True)
    return lambda payload: "".join(encoder(payload, 0))


def canonical(fields: dict) -> bytes:
    """The bytes that are hashed: every field of ``CANONICAL_FIELDS``, sorted keys, compact."""
    payload = {name: fields[name] for name in CANONICAL_FIELDS}
    payload["created_at"] = utc_text(payload["created_at"])
    return _ENCODER.encode(payload).encode()


def event_hash(fields: dict) -> str:
    return hashlib.sha256(canonical(fields)).hexdigest()


def _content_type_label(content_type_id: int | None) -> str:
    if content_type_id is None:
        return ""
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model}"


def _fields_of(event: AuditEvent) -> dict:
    return {
        "seq": event.seq,
        "created_at": event.created_at,
        "actor_id": event.actor_id,
        "on_behalf_of_id": event.on_behalf_of_id,
        "agency_id": event.agency_id,
        "action": event.action,
        "content_type": _content_type_label(event.content_type_id),
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "reason": event.reason,
        "changes": event.changes,
        "request_id": event.request_id,
        "ip": event.ip,
        "prev_hash": event.prev_hash,
    }


def _locked_head() -> AuditChainHead:
    queryset = AuditChainHead.objects.filter(pk=HEAD_PK)
    if SERIALISE_APPENDS:
        queryset = queryset.select_for_update()
    head = queryset.first()
    if head is None:
        # First event of a fresh (or flushed) database: create the row without racing.
        AuditChainHead.objects.bulk_create([AuditChainHead(pk=HEAD_PK)], ignore_conflicts=True)
        head = queryset.get()
    return head


@transaction.atomic(savepoint=False)
def append(events: list[AuditEvent]) -> list[AuditEvent]:
    """Chain and insert unsaved events, in order, under the head lock; one transaction."""
    if not events:
        return events
    head = _locked_head()
    if _after_head_read is not None:
        _after_head_read()
    seq, previous = head.seq, head.hash
    for event in events:
        seq += 1
        event.seq = seq
        event.prev_hash = previous
        event.hash = event_hash(_fields_of(event))
        previous = event.hash
    if len(events) == 1:
        events[0].save(force_insert=True)
    else:
        AuditEvent.objects.bulk_create(events, batch_size=2000)
    head.seq, head.hash = seq, previous
    head.save(update_fields=["seq", "hash"])
    return events


@dataclass(frozen=True)
class ChainHead:
    """What an issued document carries in its PDF metadata to anchor itself in the log."""
    seq: int
    hash: str

    @property
    def short(self) -> str:
        return self.hash[:16]

    def __str__(self) -> str:
        return f"#{self.seq} · {self.short}"


def chain_head() -> ChainHead:
    """The current head (last event's number and hash); call it after recording your event."""
    head = AuditChainHead.objects.filter(pk=HEAD_PK).values_list("seq", "hash").first()
    if head is None:
        return ChainHead(seq=0, hash=GENESIS_HASH)
    return ChainHead(seq=head[0], hash=head[1])


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    problem: str = ""
    broken_seq: int | None = None
    broken_id: int | None = None
    message: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


_VERIFY_COLUMNS = ("id", *(name if name != "content_type" else "content_type_id" for name in CANONICAL_FIELDS), "hash")
# The columns as the database gives them to a plain cursor: a SQLite timestamp as text in this form (Django's own,
# naive UTC) is turned into the hashed form without parsing; anything else goes through ``parse_datetime``.
_SQLITE_MOMENT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?")


def _rows(chunk_size: int) -> Iterator[tuple]:
    """Every event as a plain tuple of ``_VERIFY_COLUMNS`` in ``seq`` order, straight from the database cursor —
    a server-side (named) cursor on PostgreSQL, read ``chunk_size`` rows at a time — with no ORM objects and none
    of the per-value converters of a queryset (the loop below converts the two columns that need it)."""
    queryset = AuditEvent.objects.order_by("seq").values_list(*_VERIFY_COLUMNS)
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    connection = connections[queryset.db]
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            yield from rows


def _moment_text(value, zone: dt.tzinfo = dt.UTC) -> str:
    """``utc_text`` of a ``created_at`` as the cursor gives it: an aware datetime (PostgreSQL), a naive one (SQLite's
    declared-type converter) or text. A naive moment is in the connection's time zone — UTC unless DATABASES sets
    one — as the ORM's converter reads it; never the process's local time."""
    if isinstance(value, str):
        if _SQLITE_MOMENT.fullmatch(value) and zone is dt.UTC:
            return value.replace(" ", "T") + ("Z" if len(value) > 19 else ".000000Z")
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, zone)
    return utc_text(value)


def verify_chain(*, chunk_size: int = 20000, rows: Iterable[tuple] | None = None) -> VerifyResult:
    """Walk the log in ``seq`` order; stop at the first event that breaks the chain.

    Problems, in the order they are looked for on each event: ``missing`` (a gap in the
    numbering: events before it were removed), ``link`` (its previous-hash does not match the
    event before it: removed, inserted or reordered), ``altered`` (its content no longer gives
    its hash). After the last event, ``tail`` when the head row remembers more than is there.

    Streams (issue 23): rows come as tuples from a server-side cursor and are hashed in one tight loop — the
    canonical bytes are the ones ``canonical`` gives for the same event (tests/workflow/test_audit_verify.py).
    """

    content_types = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    head = chain_head()
    expected_seq, previous, checked = 1, GENESIS_HASH, 0
    sha256, encode, loads = hashlib.sha256, _one_shot_encoder(), json.loads
    zone = connections[AuditEvent.objects.db].timezone or dt.UTC

    def moment_text(value) -> str:
        return _moment_text(value, zone)

    utc_zone = dt.UTC  # the cursor's UTC tzinfo object once seen: those moments skip ``astimezone``
    datetime, zero = dt.datetime, dt.timedelta(0)
    for (pk, seq, moment, actor_id, on_behalf_of_id, agency_id, action, content_type_id, object_id, object_repr,
         reason, stored_changes, request_id, ip, prev_hash, stored_hash) in (
            rows if rows is not None else _rows(chunk_size)):
        if seq != expected_seq or prev_hash != previous:
            return _broken(head, checked, seq, pk, expected_seq, problem="missing" if seq != expected_seq else "link")
        if moment.__class__ is datetime and (moment.tzinfo is utc_zone or moment.utcoffset() == zero):
            utc_zone = moment.tzinfo
            created_at = moment.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"
        else:
            created_at = moment_text(moment)
        payload = {
            "seq": seq, "created_at": created_at, "actor_id": actor_id, "on_behalf_of_id": on_behalf_of_id,
            "agency_id": agency_id, "action": action,
            "content_type": content_types.get(content_type_id, "") if content_type_id else "",
            "object_id": object_id, "object_repr": object_repr, "reason": reason,
            "changes": loads(stored_changes) if isinstance(stored_changes, str) else stored_changes,
            "request_id": request_id, "ip": ip, "prev_hash": prev_hash,
        }
        if sha256(encode(payload).encode()).hexdigest() != stored_hash:
            return _broken(head, checked, seq, pk, expected_seq, problem="altered")
        previous = stored_hash
        expected_seq += 1
        checked += 1
    last_seq = expected_seq - 1
    if head.seq != last_seq or head.hash != previous:
        return VerifyResult(
            ok=False, problem="tail", checked=checked, head_seq=head.seq, head_hash=head.hash,
            broken_seq=last_seq + 1, message=_(
                "Đầu chuỗi ghi sự kiện #%(head)s nhưng nhật ký dừng ở #%(last)s: "
                "các sự kiện cuối đã bị xóa hoặc đầu chuỗi bị sửa."
            ) % {"head": head.seq, "last": last_seq},
        )
    return VerifyResult(ok=True, checked=checked, head_seq=head.seq, head_hash=head.hash)


def _broken(head: ChainHead, checked: int, seq: int, pk: int, expected_seq: int, *, problem: str) -> VerifyResult:
    base = {"checked": checked, "head_seq": head.seq, "head_hash": head.hash, "broken_seq": seq, "broken_id": pk}
    if problem == "missing":
        message = _("Sự kiện #%(seq)s (id %(id)s): thiếu sự kiện #%(first)s–#%(last)s đứng trước nó (đã bị xóa)."
                    ) % {"seq": seq, "id": pk, "first": expected_seq, "last": seq - 1}
    elif problem == "link":
        message = _("Sự kiện #%(seq)s (id %(id)s) không nối với sự kiện đứng trước: "
                    "có sự kiện bị xóa, chèn thêm hoặc đổi chỗ.") % {"seq": seq, "id": pk}
    else:
        message = _("Sự kiện #%(seq)s (id %(id)s) đã bị sửa: nội dung không còn khớp mã băm.") % {"seq": seq, "id": pk}
    return VerifyResult(ok=False, problem=problem, **base, message=message)
