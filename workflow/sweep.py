"""The sweep for stale background work: jobs whose worker died, documents signed but never issued.

Celery delivers each job at least once (``acks_late``), but a message can still be lost (a broker
restart without persistence, a publish refused after commit) and a worker can die where nothing
re-delivers. ``sweep_stale`` runs periodically (beat, ``config.settings.base``; by hand with
``manage.py sweep_stale``) and puts such work right: a job running past
``WORKFLOW_STALE_JOB_MINUTES`` is failed with a message to its owner; a document queued or
rendering past ``WORKFLOW_STALE_DOCUMENT_MINUTES`` is queued again (it takes its number only when
issued, once); an immediate notification still unsent past ``WORKFLOW_NOTIFICATION_STALE_MINUTES``
is sent (once: a row marked sent is never sent again); a webhook delivery due (its backoff passed, or its
message lost) is sent. Each correction is an audit event of the system.
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .documents.services import documents_requeue_stale
from .jobs.services import jobs_fail_stale
from .notifications.services import notifications_resend_stale
from .webhooks.services import webhook_deliveries_send_due


def sweep_stale(*, now: dt.datetime | None = None) -> dict:

    now = now or timezone.now()
    jobs = jobs_fail_stale(now=now, older_than=dt.timedelta(minutes=settings.WORKFLOW_STALE_JOB_MINUTES))
    documents = documents_requeue_stale(
        now=now, older_than=dt.timedelta(minutes=settings.WORKFLOW_STALE_DOCUMENT_MINUTES))
    notifications = notifications_resend_stale(
        now=now, older_than=dt.timedelta(minutes=settings.WORKFLOW_NOTIFICATION_STALE_MINUTES))
    webhooks = webhook_deliveries_send_due(now=now)
    return {"jobs_failed": len(jobs), "documents_requeued": len(documents), "notifications_sent": len(notifications),
            "webhooks_delivered": len(webhooks)}


@shared_task(name="workflow.sweep_stale", acks_late=True)
def sweep_stale_task() -> dict:
    return sweep_stale()
