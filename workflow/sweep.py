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

A domain adds its own correction with ``register_sweep`` (from its ``AppConfig.ready()``), so that the
engine runs it without importing the domain (design §4): the award domain queues again the báo cáo thành
tích PDFs whose message was lost (``nominations.services.papers``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sized

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .documents.services import documents_requeue_stale
from .jobs.services import jobs_fail_stale
from .notifications.services import notifications_resend_stale
from .webhooks.services import webhook_deliveries_send_due

logger = logging.getLogger(__name__)

# name → the correction: called with keyword ``now``, returns what it corrected (a list) or how many (an int).
_sweeps: dict[str, Callable[..., Sized | int]] = {}


def register_sweep(name: str, func: Callable[..., Sized | int]) -> None:
    """Add a domain's correction of stale work to ``sweep_stale``, reported under ``name``.

    Keyed by name: registering again (``ready()`` may run twice, in tests) replaces, never doubles.
    """
    if name in ("jobs_failed", "documents_requeued", "notifications_sent", "webhooks_delivered"):
        raise ValueError(f"{name!r} is the engine's own count in sweep_stale")
    _sweeps[name] = func


def registered_sweeps() -> tuple[str, ...]:
    return tuple(_sweeps)


def sweep_stale(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Run every correction of stale work; how many each put right, by name (the registered ones last).

    A registered correction that raises is logged and the others still run; the run then raises its error
    (the beat task shows the failure), after the other corrections' transactions committed.
    """
    now = now or timezone.now()
    jobs = jobs_fail_stale(now=now, older_than=dt.timedelta(minutes=settings.WORKFLOW_STALE_JOB_MINUTES))
    documents = documents_requeue_stale(
        now=now, older_than=dt.timedelta(minutes=settings.WORKFLOW_STALE_DOCUMENT_MINUTES))
    notifications = notifications_resend_stale(
        now=now, older_than=dt.timedelta(minutes=settings.WORKFLOW_NOTIFICATION_STALE_MINUTES))
    webhooks = webhook_deliveries_send_due(now=now)
    counts = {"jobs_failed": len(jobs), "documents_requeued": len(documents), "notifications_sent": len(notifications),
              "webhooks_delivered": len(webhooks)}
    failed: Exception | None = None
    for name, func in list(_sweeps.items()):
        # One domain's failure must not keep the others from their corrections; it still fails the run.
        try:
            done = func(now=now)
        except Exception as error:
            logger.exception("The sweep %s failed", name)
            failed = failed or error
            continue
        counts[name] = done if isinstance(done, int) else len(done)
    if failed is not None:
        raise failed
    return counts


@shared_task(name="workflow.sweep_stale", acks_late=True)
def sweep_stale_task() -> dict:
    return sweep_stale()
