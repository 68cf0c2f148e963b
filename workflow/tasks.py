"""Celery discovers tasks in ``<app>.tasks``; the engine's live in their own modules."""

from workflow.documents.tasks import document_issue_task  # noqa: F401
