"""Writes of notifications: queue a message, send it, send again what was lost, send the digests,
change one's choice.

The notification rows are a transactional outbox: they are written in the step's transaction, and
mail leaves only after that transaction commits (``transaction.on_commit``), through a Celery task
(inline when there is no broker): a rolled-back step tells nobody. A worker that dies between the
commit and the send leaves its rows unsent; ``notifications_resend_stale`` (run by ``sweep_stale``
and beat) sends them later. Delivery is at least once: each row carries its own Message-ID, so a
repeat after a send that was never acknowledged is recognisable, and a row marked sent is never
sent again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string, select_template
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from viewflow.workflow.models import Task

from accounts.models import Agency, Unit, User
from workflow.audit import audit_record, register_action

from .models import DeliveryMode, Notification, NotificationPreference

NOTIFICATION_RESENT = register_action(
    "notification.resent", gettext_lazy("Gửi lại thông báo bị sót (máy xử lý dừng trước khi gửi)"))
NOTIFICATION_FAILED = register_action(
    "notification.failed", gettext_lazy("Thông báo gửi không được sau nhiều lần, đã bỏ"))


def _modes(users: list[User]) -> dict[int, str]:
    return dict(
        NotificationPreference.objects.filter(user__in=[u.pk for u in users]).values_list("user_id", "mode")
    )


def _in_scope(user: User, scope: Unit | Agency | None) -> bool:
    if scope is None:
        return True
    if isinstance(scope, Unit):
        return user.unit_id == scope.pk
    return user.unit_id is not None and user.unit.agency_id == scope.pk


def _render(event: str, context: dict) -> tuple[str, str, str]:
    names = (f"email/{event}", "email/event")
    subject = select_template([f"{n}_subject.txt" for n in names]).render(context)
    text = select_template([f"{n}.txt" for n in names]).render(context)
    try:
        html = select_template([f"{n}.html" for n in names]).render(context)
    except TemplateDoesNotExist:
        html = ""
    return " ".join(subject.split())[:250], text.strip() + "\n", html


@transaction.atomic(savepoint=False)
def notify(
    *,
    event: str,
    recipients: Iterable[User],
    context: dict | None = None,
    task: Task | None = None,
    scope: Unit | Agency | None = None,
) -> list[Notification]:
    """Tell ``recipients`` of ``event``; the one call the domain uses for its own events.

    Nobody inactive, without an e-mail address, or (when ``scope`` is given) outside that unit
    or agency is told. Each person gets the message now or in the next digest, as they chose.
    Called inside the step that caused it (no savepoint of its own): if it fails, so does the step.
    """
    people = {u.pk: u for u in recipients if u is not None and u.is_active and u.email}
    people = {pk: u for pk, u in people.items() if _in_scope(u, scope)}
    if not people:
        return []
    modes = _modes(list(people.values()))
    base = {"site_url": settings.SITE_URL.rstrip("/"), **(context or {})}
    created = []
    with translation.override(settings.LANGUAGE_CODE):
        for user in sorted(people.values(), key=lambda u: u.pk):
            subject, text, html = _render(event, {**base, "recipient": user})
            notification = Notification(
                recipient=user, event=event, subject=subject, body_text=text, body_html=html,
                mode=modes.get(user.pk, DeliveryMode.IMMEDIATE), task=task,
            )
            # message_id is a fresh uuid: checking its uniqueness would cost a query per person.
            notification.full_clean(exclude=["task", "recipient", "message_id"])
            created.append(notification)
    # An outbox without history (history_exempt_reason): one INSERT for a council of thirteen.
    created = Notification.objects.bulk_create(created)
    immediate = [n.pk for n in created if n.mode == DeliveryMode.IMMEDIATE]
    if immediate:
        transaction.on_commit(lambda: _enqueue(immediate))
    return created


def _enqueue(pks: list[int]) -> None:
    from .tasks import send_notification_task  # noqa: PLC0415 - the task module imports this service

    for pk in pks:
        send_notification_task.delay(pk)


@transaction.atomic
def notification_send(*, notification_id: int, now: dt.datetime | None = None, recovered: bool = False) -> bool:
    """Send one immediate notification; False when it was not sent now (sent already, given up,
    claimed by another sender, or this attempt failed).

    The row is claimed under its row lock (``SKIP LOCKED`` on PostgreSQL: a row locked is being sent
    by someone else) and marked sent in the same transaction, so a row marked sent is never sent
    again; a sender that dies after the send but before the commit leaves the row unsent, and the
    repeat carries the same Message-ID. A failed send is kept on the row (attempts, error, next try
    after a backoff) instead of failing the step that caused it; after
    ``WORKFLOW_NOTIFICATION_MAX_ATTEMPTS`` the row is failed for good, for the administrator to see.
    ``recovered``: the sweep sends a row that was lost, which is an audit event of the system.
    """
    now = now or timezone.now()
    notification = (
        Notification.objects.select_for_update(of=("self",), skip_locked=True).select_related("recipient")
        .filter(pk=notification_id, mode=DeliveryMode.IMMEDIATE, sent_at__isnull=True, failed_at__isnull=True)
        .first()
    )
    if notification is None:
        return False
    message = EmailMultiAlternatives(
        subject=notification.subject, body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL, to=[notification.recipient.email],
        headers={"Message-ID": notification.message_id},
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    notification.attempts += 1
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 - any refusal of the mail server is kept on the row and retried
        _attempt_failed(notification, error=f"{type(exc).__name__}: {exc}", now=now)
        return False
    notification.sent_at, notification.next_attempt_at = now, None
    notification.save(update_fields=["sent_at", "attempts", "next_attempt_at"])
    if recovered:
        audit_record(actor=None, action=NOTIFICATION_RESENT, obj=notification,
                     agency=notification.recipient.agency,
                     changes={"event": notification.event, "message_id": notification.message_id,
                              "attempts": notification.attempts, "created_at": notification.created_at.isoformat()})
    return True


def _attempt_failed(notification: Notification, *, error: str, now: dt.datetime) -> None:
    notification.last_error = error[:2000]
    if notification.attempts >= settings.WORKFLOW_NOTIFICATION_MAX_ATTEMPTS:
        notification.failed_at, notification.next_attempt_at = now, None
    else:
        wait = settings.WORKFLOW_NOTIFICATION_RETRY_MINUTES * 2 ** (notification.attempts - 1)
        notification.next_attempt_at = now + dt.timedelta(minutes=wait)
    notification.save(update_fields=["attempts", "last_error", "next_attempt_at", "failed_at"])
    if notification.failed_at is not None:
        audit_record(actor=None, action=NOTIFICATION_FAILED, obj=notification,
                     agency=notification.recipient.agency,
                     changes={"event": notification.event, "attempts": notification.attempts,
                              "error": notification.last_error})


def notifications_resend_stale(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> list[int]:
    """Send the immediate notifications still unsent ``older_than`` after they were written (their
    sender died, or its message to the worker was lost) and those whose next try is due; returns
    the ids sent now.

    Each row is sent in its own transaction (``notification_send``), so one bad address does not
    hold back the others and two sweeps at once never send one row twice. Rows sent already or
    given up are not looked at; the sweep may run any number of times.
    """
    now = now or timezone.now()
    due = (
        Notification.objects.filter(mode=DeliveryMode.IMMEDIATE, sent_at__isnull=True, failed_at__isnull=True,
                                    created_at__lt=now - older_than)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    )
    return [pk for pk in due.order_by("pk").values_list("pk", flat=True)
            if notification_send(notification_id=pk, now=now, recovered=True)]


@transaction.atomic
def digests_send(*, now: dt.datetime | None = None) -> int:
    """One e-mail per person with every digest notification still waiting, oldest first."""
    now = now or timezone.now()
    pending = list(
        Notification.objects.select_for_update(of=("self",))
        .filter(mode=DeliveryMode.DIGEST, sent_at__isnull=True, created_at__lte=now)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_person: dict[int, list[Notification]] = {}
    for notification in pending:
        by_person.setdefault(notification.recipient_id, []).append(notification)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for items in by_person.values():
            recipient = items[0].recipient
            context = {"recipient": recipient, "items": items, "site_url": settings.SITE_URL.rstrip("/"),
                       "day": timezone.localdate(now)}
            message = EmailMultiAlternatives(
                subject=_("Tổng hợp thông báo thi đua – khen thưởng: %(count)s việc") % {"count": len(items)},
                body=render_to_string("email/digest.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient.email],
            )
            message.attach_alternative(render_to_string("email/digest.html", context), "text/html")
            message.send()
            for notification in items:
                notification.sent_at = now
                notification.save(update_fields=["sent_at"])
            sent += 1
    return sent


@transaction.atomic
def notification_preference_set(*, actor: User, user: User, mode: str) -> NotificationPreference:
    """A person chooses how they hear of new work; only for themselves."""
    if not actor.is_authenticated or actor.pk != user.pk:
        raise PermissionDenied(_("Mỗi người chỉ chọn cách nhận thông báo của chính mình."))
    if mode not in DeliveryMode.values:
        raise ValidationError({"mode": _("Cách nhận thông báo không hợp lệ.")})
    preference = NotificationPreference.objects.select_for_update().filter(user=user).first()
    preference = preference or NotificationPreference(user=user)
    preference.mode = mode
    preference.full_clean()
    preference._history_user = actor
    preference.save()
    return preference
