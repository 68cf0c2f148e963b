"""The audit log's listener that fills the webhook outbox, in the transaction of the event.

For each appended event whose action some registered webhook event reads (``events.events_for``), every active
subscription of an active client that chose that event, and whose service account may read the object
(``WebhookEvent.visible``, the API's own selectors), gets one ``WebhookDelivery`` row. The rows are sent after the
transaction commits (``transaction.on_commit``, robust: a broker that refuses the message never fails the step that
committed; the beat task sends such rows later). A rolled-back step leaves no row and tells nobody.

The body holds ids only: the event, the delivery id, when, the agency's code, the object's type and id and the API
address to read it at. What the object says is read through the API, which applies the client's scope again.
"""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.db import models, transaction

from workflow.audit.chain import utc_text
from workflow.audit.models import AuditEvent

from .events import events_for, subscribable_actions
from .models import WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)


def body_of(delivery: WebhookDelivery, *, event: AuditEvent, obj: models.Model, path: str | None) -> str:
    payload = {
        "id": str(delivery.delivery_id),
        "event": delivery.event,
        "created_at": utc_text(event.created_at),
        "audit_seq": event.seq,
        "agency": event.agency.code if event.agency_id else None,
        "object": {"type": obj._meta.label_lower, "id": str(obj.pk)},
        "url": settings.SITE_URL.rstrip("/") + path if path else None,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_deliveries(events: list[AuditEvent], objects: list[models.Model | None]) -> list[WebhookDelivery]:
    """Write the deliveries of ``events`` (the audit log calls this right after appending them)."""
    actions = subscribable_actions()
    wanted = [(event, obj) for event, obj in zip(events, objects, strict=True)
              if obj is not None and event.action in actions]
    if not wanted:
        return []
    subscriptions = list(WebhookSubscription.objects.filter(is_active=True, client__is_active=True)
                         .select_related("client__user"))
    if not subscriptions:
        return []
    rows = []
    for event, obj in wanted:
        for spec in events_for(event.action, obj._meta.label_lower):
            for subscription in subscriptions:
                if spec.code not in subscription.event_types or not spec.visible(subscription.client.user, obj):
                    continue
                delivery = WebhookDelivery(subscription=subscription, event=spec.code, audit_event=event)
                delivery.body = body_of(delivery, event=event, obj=obj,
                                        path=spec.resource_path(obj) if spec.resource_path else None)
                rows.append(delivery)
    if rows:
        rows = WebhookDelivery.objects.bulk_create(rows)
        ids = [row.pk for row in rows]
        transaction.on_commit(lambda: enqueue(ids), robust=True)
    return rows


def enqueue(ids: list[int]) -> None:
    from .tasks import send_webhook_task  # noqa: PLC0415 - the task module imports the services

    for pk in ids:
        send_webhook_task.delay(pk)
