"""Background rendering: a Celery worker issues signed documents; inline without a broker."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="workflow.documents.issue", acks_late=True)
def document_issue_task(document_id: int) -> str:
    from .services import document_issue

    return document_issue(document_id=document_id).status


def enqueue_issue(document_id: int) -> None:
    document_issue_task.delay(document_id)
