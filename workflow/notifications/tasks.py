"""Celery tasks of notifications (inline without a broker)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="workflow.notifications.send", acks_late=True)
def send_notification_task(notification_id: int) -> bool:
    from .services import notification_send  # noqa: PLC0415 - the service enqueues this task

    return notification_send(notification_id=notification_id)


@shared_task(name="workflow.notifications.send_digests", acks_late=True)
def send_digests_task() -> int:
    from .services import digests_send  # noqa: PLC0415 - the service enqueues this task

    return digests_send()
