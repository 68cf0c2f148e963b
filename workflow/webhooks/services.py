"""Writes of webhooks: subscribe, change, replace the secret (the administrator, audited), send a delivery, send
again what is due, retry a failed one.

Delivery is at least once: a row is marked delivered in the transaction that claimed it, after the receiver
answered 2xx, and never sent again; a sender that dies between the answer and the commit leaves it to be sent again
under the same ``X-Thidua-Delivery`` id, which is how a receiver recognises the repeat. A failure (refused
connection, timeout, an answer other than 2xx) is kept on the row with the next try after an exponential backoff;
after ``WEBHOOK_MAX_ATTEMPTS`` the row is failed, for the administrator to see (and retry) in the admin. Nothing of
this runs inside a workflow step: the step has committed before the first POST.
"""

from __future__ import annotations

import datetime as dt
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import ApiClient, User
from accounts.roles import Role
from accounts.selectors import role_set
from workflow.audit import audit_record, register_action

from .events import webhook_events
from .models import WebhookDelivery, WebhookSubscription, new_secret
from .signing import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signature_header

SUBSCRIPTION_CHANGED = register_action(
    "webhook.subscription_changed", gettext_lazy("Đăng ký, sửa, tắt nhận sự kiện (webhook) của hệ thống kết nối"))
SECRET_ROTATED = register_action("webhook.secret_rotated", gettext_lazy("Cấp khóa bí mật webhook mới"))
DELIVERY_FAILED = register_action(
    "webhook.delivery_failed", gettext_lazy("Sự kiện (webhook) gửi không được sau nhiều lần, đã bỏ"))
DELIVERY_RETRIED = register_action("webhook.delivery_retried", gettext_lazy("Gửi lại sự kiện (webhook) đã bỏ"))
MAX_BACKOFF_SECONDS = 6 * 3600
ERROR_MAX = 2000


def _require_administrator(actor: User | None) -> None:
    if actor is None or Role.ADMINISTRATOR not in role_set(actor):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới được quản lý việc nhận sự kiện (webhook)."))


def subscription_fields_check(*, url: str, event_types: list[str]) -> tuple[str, list[str]]:
    """The address (https, or http where allowed) and the chosen events, cleaned; or a ValidationError per field."""
    url = (url or "").strip()
    schemes = ["https", "http"] if settings.WEBHOOK_ALLOW_HTTP else ["https"]
    try:
        URLValidator(schemes=schemes)(url)
    except ValidationError:
        raise ValidationError({"url": _("Địa chỉ nhận phải là một URL https hợp lệ.")}) from None
    known = webhook_events()
    chosen = sorted(set(event_types or []))
    if not chosen:
        raise ValidationError({"event_types": _("Chọn ít nhất một sự kiện.")})
    if set(chosen) - set(known):
        raise ValidationError({"event_types": _("Sự kiện không hợp lệ.")})
    return url, chosen


def _audit(actor: User, action: str, subscription: WebhookSubscription, changes: dict) -> None:
    audit_record(actor=actor, action=action, obj=subscription, agency=subscription.client.user.agency,
                 changes={"client": subscription.client.name, **changes})


@transaction.atomic
def webhook_subscription_create(*, actor: User, client: ApiClient, url: str, event_types: list[str],
                                is_active: bool = True) -> tuple[WebhookSubscription, str]:
    """Subscribe ``client`` at ``url`` to ``event_types``; returns the subscription and its secret, shown once."""
    _require_administrator(actor)
    url, chosen = subscription_fields_check(url=url, event_types=event_types)
    subscription = WebhookSubscription(client=client, url=url, event_types=chosen, is_active=is_active)
    subscription.full_clean()
    subscription._history_user = actor
    subscription.save()
    _audit(actor, SUBSCRIPTION_CHANGED, subscription,
           {"created": True, "url": url, "event_types": chosen, "is_active": is_active})
    return subscription, subscription.secret


@transaction.atomic
def webhook_subscription_update(*, actor: User, subscription: WebhookSubscription, url: str, event_types: list[str],
                                is_active: bool) -> WebhookSubscription:
    """Change the address, the events or switch the subscription on or off (the secret stays)."""
    _require_administrator(actor)
    url, chosen = subscription_fields_check(url=url, event_types=event_types)
    locked = WebhookSubscription.objects.select_for_update().select_related("client__user").get(pk=subscription.pk)
    before = {"url": locked.url, "event_types": locked.event_types, "is_active": locked.is_active}
    locked.url, locked.event_types, locked.is_active = url, chosen, is_active
    after = {"url": url, "event_types": chosen, "is_active": is_active}
    changes = {name: [before[name], value] for name, value in after.items() if before[name] != value}
    if not changes:
        return locked
    locked.full_clean()
    locked._history_user = actor
    locked.save()
    _audit(actor, SUBSCRIPTION_CHANGED, locked, changes)
    return locked


@transaction.atomic
def webhook_secret_rotate(*, actor: User, subscription: WebhookSubscription) -> str:
    """A new secret replaces the old at once (deliveries signed from now on use it); returned to be shown once."""
    _require_administrator(actor)
    locked = WebhookSubscription.objects.select_for_update().select_related("client__user").get(pk=subscription.pk)
    locked.secret = new_secret()
    locked._history_user = actor
    locked.save(update_fields=["secret"])
    _audit(actor, SECRET_ROTATED, locked, {"url": locked.url})
    return locked.secret


@transaction.atomic
def webhook_delivery_retry(*, actor: User, delivery: WebhookDelivery) -> WebhookDelivery:
    """The administrator sends a failed (or still retrying) delivery again now, with a fresh count of tries."""
    _require_administrator(actor)
    locked = (WebhookDelivery.objects.select_for_update(of=("self",)).select_related("subscription__client__user")
              .get(pk=delivery.pk))
    if locked.delivered_at is not None:
        raise ValidationError(_("Sự kiện này đã gửi được, không gửi lại."))
    was = {"status": locked.status, "attempts": locked.attempts, "error": locked.last_error}
    locked.attempts, locked.failed_at, locked.next_attempt_at = 0, None, None
    locked.save(update_fields=["attempts", "failed_at", "next_attempt_at"])
    audit_record(actor=actor, action=DELIVERY_RETRIED, obj=locked, agency=locked.subscription.client.user.agency,
                 changes={"delivery": str(locked.delivery_id), "event": locked.event, "was": was})
    from .outbox import enqueue  # noqa: PLC0415 - the outbox imports the task module, which imports this one

    ids = [locked.pk]
    transaction.on_commit(lambda: enqueue(ids), robust=True)
    return locked


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A receiver answering with a redirect has not received the delivery; the POST is never re-sent elsewhere."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0917 - urllib's own signature
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _post(delivery: WebhookDelivery) -> int:
    """POST the body, signed now; the receiver's status code, or raise on a failure of the connection."""
    body = delivery.body.encode()
    # The scheme is https (http only where WEBHOOK_ALLOW_HTTP), checked when the address was subscribed.
    request = urllib.request.Request(delivery.subscription.url, data=body, method="POST", headers={  # noqa: S310
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "thidua-webhooks/1",
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.delivery_id),
        SIGNATURE_HEADER: signature_header(secret=delivery.subscription.secret, body=body, timestamp=int(time.time())),
    })
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:  # nosec B310
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@transaction.atomic
def webhook_delivery_send(*, delivery_id: int, now: dt.datetime | None = None) -> bool:
    """Send one delivery; False when not delivered now (delivered already, given up, claimed by another sender, its
    subscription switched off, or this attempt failed)."""
    delivery = (
        WebhookDelivery.objects.select_for_update(of=("self",), skip_locked=True)
        .select_related("subscription__client__user")
        .filter(pk=delivery_id, delivered_at__isnull=True, failed_at__isnull=True).first()
    )
    if delivery is None or not (delivery.subscription.is_active and delivery.subscription.client.is_active):
        return False
    delivery.attempts += 1
    try:
        status = _post(delivery)
        error = "" if 200 <= status < 300 else f"HTTP {status}"
    except Exception as exc:  # noqa: BLE001 - any failure of the receiver is kept on the row and retried
        status, error = None, f"{type(exc).__name__}: {getattr(exc, 'reason', None) or exc}"
    now = now or timezone.now()
    delivery.last_status = status
    if not error:
        delivery.delivered_at, delivery.next_attempt_at, delivery.last_error = now, None, ""
        delivery.save(update_fields=["attempts", "last_status", "delivered_at", "next_attempt_at", "last_error"])
        return True
    delivery.last_error = error[:ERROR_MAX]
    if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.failed_at, delivery.next_attempt_at = now, None
    else:
        wait = min(settings.WEBHOOK_RETRY_SECONDS * 2 ** (delivery.attempts - 1), MAX_BACKOFF_SECONDS)
        delivery.next_attempt_at = now + dt.timedelta(seconds=wait)
    delivery.save(update_fields=["attempts", "last_status", "last_error", "next_attempt_at", "failed_at"])
    if delivery.failed_at is not None:
        audit_record(actor=None, action=DELIVERY_FAILED, obj=delivery, agency=delivery.subscription.client.user.agency,
                     changes={"delivery": str(delivery.delivery_id), "event": delivery.event,
                              "attempts": delivery.attempts, "error": delivery.last_error})
    return False


def webhook_deliveries_due(*, now: dt.datetime | None = None):
    """Deliveries to send now: their next try is due, or they were never tried ``WEBHOOK_STALE_MINUTES`` after
    being written (the message to the worker was lost)."""
    now = now or timezone.now()
    stale = now - dt.timedelta(minutes=settings.WEBHOOK_STALE_MINUTES)
    return (WebhookDelivery.objects.filter(delivered_at__isnull=True, failed_at__isnull=True,
                                           subscription__is_active=True, subscription__client__is_active=True)
            .filter(Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True, created_at__lt=stale)))


def webhook_deliveries_send_due(*, now: dt.datetime | None = None) -> list[int]:
    """Send every due delivery, each in its own transaction (one dead receiver holds back no other); returns the
    ids delivered now. Any number of senders may run at once: a row being sent is skipped by the others."""
    due = webhook_deliveries_due(now=now).order_by("pk").values_list("pk", flat=True)
    return [pk for pk in due if webhook_delivery_send(delivery_id=pk, now=now)]
