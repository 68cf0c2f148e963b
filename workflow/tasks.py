"""Celery discovers tasks in ``<app>.tasks``; the engine's live in their own modules."""

from workflow.deadlines.tasks import send_reminders_task  # noqa: F401
from workflow.documents.tasks import document_issue_task  # noqa: F401
from workflow.jobs.tasks import run_job_task  # noqa: F401
from workflow.notifications.tasks import send_digests_task, send_notification_task  # noqa: F401
from workflow.sweep import sweep_stale_task  # noqa: F401
