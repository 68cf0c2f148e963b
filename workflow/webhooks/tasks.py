"""Celery tasks of webhooks (inline without a broker)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="workflow.webhooks.send", acks_late=True)
def send_webhook_task(delivery_id: int) -> bool:
    from .services import webhook_delivery_send  # noqa: PLC0415 - the services enqueue this task

    return webhook_delivery_send(delivery_id=delivery_id)


@shared_task(name="workflow.webhooks.send_due", acks_late=True)
def send_due_webhooks_task() -> int:
    """Beat runs this every minute: retries whose backoff has passed, and deliveries whose message was lost."""
    from .services import webhook_deliveries_send_due  # noqa: PLC0415 - the services enqueue this task

    return len(webhook_deliveries_send_due())
