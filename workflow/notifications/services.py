"""Writes of notifications: queue a message, send it, send the digests, change one's choice.

Mail leaves only after the transaction that caused it commits (``transaction.on_commit``),
through a Celery task (inline when there is no broker): a rolled-back step tells nobody.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string, select_template
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from accounts.models import Agency, Unit, User

from .models import DeliveryMode, Notification, NotificationPreference


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
            notification.full_clean(exclude=["task", "recipient"])
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
def notification_send(*, notification_id: int) -> bool:
    """Send one immediate notification once; False when it was sent already."""
    notification = (
        Notification.objects.select_for_update(of=("self",)).select_related("recipient")
        .filter(pk=notification_id, sent_at__isnull=True).first()
    )
    if notification is None:
        return False
    message = EmailMultiAlternatives(
        subject=notification.subject, body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL, to=[notification.recipient.email],
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    message.send()
    notification.sent_at = timezone.now()
    notification.save(update_fields=["sent_at"])
    return True


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
