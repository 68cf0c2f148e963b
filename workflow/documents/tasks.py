"""Background rendering: a Celery worker issues signed documents; inline without a broker."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="workflow.documents.issue", acks_late=True, reject_on_worker_lost=True)
def document_issue_task(document_id: int) -> str:
    """Issue one signed document.

    ``acks_late`` alone does not survive a worker killed mid-job: Celery then acknowledges the
    message and the document would wait in "rendering" for ever. ``reject_on_worker_lost`` puts
    the job back on the queue; that is safe because ``document_issue`` is idempotent (a ready
    document is returned as it is, a rendering one is issued again from its committed state,
    and the killed attempt's number was rolled back with its transaction).
    """
    from .services import document_issue  # noqa: PLC0415 - the service enqueues this task

    return document_issue(document_id=document_id).status


def enqueue_issue(document_id: int) -> None:
    document_issue_task.delay(document_id)
