"""Celery task of the hourly reminder job (beat schedule in config.settings.base)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="workflow.deadlines.send_reminders", acks_late=True)
def send_reminders_task() -> dict:
    from workflow.delegation.services import delegations_sync  # noqa: PLC0415 - the service enqueues this task

    from .reminders import reminders_send  # noqa: PLC0415 - the service enqueues this task

    return {**delegations_sync(), **reminders_send()}
