"""The one way to write the audit log: ``audit_record`` (and ``audit_record_many``).

Domain services call it inside their own ``@transaction.atomic`` block, right after the
change, so the event and the change commit or roll back together (design §5)::

    from workflow.audit import Action, audit_record

    audit_record(actor=actor, action=Action.RETURNED, obj=dossier, reason=reason,
                 changes={"status": [old, new]})

Time is UTC; request id and IP come from ``RequestContextMiddleware``; the agency is
resolved from the object unless given; secret-ballot fields never reach the log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from accounts.models import Agency, User

from . import actions, chain, context, secrets
from .agency import agency_of
from .models import AuditEvent

OBJECT_REPR_MAX = 255

# Called with the events just appended and their objects, in the same transaction (the webhook outbox,
# ``workflow.webhooks.outbox``): what they write commits or rolls back with the event.
_listeners: list[Callable[[list[AuditEvent], list[models.Model | None]], None]] = []


def register_append_listener(listener: Callable[[list[AuditEvent], list[models.Model | None]], None]) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def _appended(events: list[AuditEvent], objects: list[models.Model | None]) -> list[AuditEvent]:
    for listener in _listeners:
        listener(events, objects)
    return events


@dataclass
class EventDraft:
    """One event to record; ``audit_record_many`` takes a list of them."""

    action: str
    actor: User | None = None
    obj: models.Model | None = None
    agency: Agency | None = None
    reason: str = ""
    changes: dict | None = None
    on_behalf_of: User | None = None
    at: dt.datetime | None = field(default=None, repr=False)


def object_label(obj: models.Model) -> str:
    """How the object prints in the log; a secret model prints as its kind and number only."""
    if secrets.is_secret_model(obj._meta.model):
        return f"{obj._meta.verbose_name} #{obj.pk}"[:OBJECT_REPR_MAX]
    return str(obj)[:OBJECT_REPR_MAX]


def _build(draft: EventDraft, request: context.RequestContext) -> AuditEvent:
    if not actions.is_registered(draft.action):
        raise ValueError(f"Unregistered audit action {draft.action!r}: register_action() it first.")
    obj = draft.obj
    if obj is not None and obj.pk is None:
        raise ValueError("Record the event after saving the object: it has no primary key yet.")
    changes = chain.json_safe(draft.changes or {})
    if request.api_client and isinstance(changes, dict):
        changes = {**changes, "api_client": request.api_client}  # the other system that called (README "API")
    if not isinstance(changes, dict):
        raise TypeError("changes must be a mapping of field name to [before, after].")
    changes = secrets.strip_secrets(obj._meta.model if obj is not None else None, changes)
    agency = draft.agency if draft.agency is not None else agency_of(obj)
    actor = draft.actor if draft.actor is not None and draft.actor.is_authenticated else None
    return AuditEvent(
        created_at=(draft.at or timezone.now()).astimezone(dt.UTC),
        actor=actor,
        on_behalf_of=draft.on_behalf_of,
        agency=agency,
        action=draft.action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=object_label(obj) if obj is not None else "",
        reason=draft.reason.strip(),
        changes=changes,
        request_id=request.request_id,
        ip=request.ip,
    )


@transaction.atomic(savepoint=False)
def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    agency: Agency | None = None,
    reason: str = "",
    changes: dict | None = None,
    on_behalf_of: User | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction.

    The chain head stays locked until that transaction commits, and every writer of the
    installation waits for it: call this as the last write of the service (after its own
    row locks), so the lock is held briefly and always taken in the same order.

    ``changes`` maps a field name to ``[before, after]`` (or any JSON-able value);
    ``on_behalf_of`` names the person a delegate acted for (a deputy signing "KT.").
    """
    draft = EventDraft(action=action, actor=actor, obj=obj, agency=agency, reason=reason,
                       changes=changes, on_behalf_of=on_behalf_of)
    return _appended(chain.append([_build(draft, context.current())]), [obj])[0]


@transaction.atomic(savepoint=False)
def audit_record_many(*, drafts: list[EventDraft]) -> list[AuditEvent]:
    """Append several events under one lock and one bulk insert (a tally, an import, a bench)."""
    request = context.current()
    return _appended(chain.append([_build(draft, request) for draft in drafts]), [draft.obj for draft in drafts])
