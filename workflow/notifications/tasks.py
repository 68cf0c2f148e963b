"""Celery tasks of notifications (inline without a broker)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings


@shared_task(name="workflow.notifications.send", acks_late=True)
def send_notification_task(notification_id: int) -> bool:
    from .services import notification_send  # noqa: PLC0415 - the service enqueues this task

    return notification_send(notification_id=notification_id)


@shared_task(name="workflow.notifications.send_digests", acks_late=True)
def send_digests_task() -> int:
    from .services import digests_send  # noqa: PLC0415 - the service enqueues this task

    return digests_send()


@shared_task(name="workflow.notifications.resend_stale", acks_late=True)
def resend_stale_notifications_task() -> int:
    """Beat runs this more often than the sweep: a lost e-mail waits minutes, not the sweep's ten."""
    from .services import notifications_resend_stale  # noqa: PLC0415 - the service enqueues this task

    older_than = dt.timedelta(minutes=settings.WORKFLOW_NOTIFICATION_STALE_MINUTES)
    return len(notifications_resend_stale(older_than=older_than))
