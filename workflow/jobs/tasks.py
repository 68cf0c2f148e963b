"""The Celery task running a job; inline without a broker (config/celery.py)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="workflow.jobs.run", acks_late=True)
def run_job_task(job_id: int) -> str:
    from .services import job_run  # noqa: PLC0415 - the service enqueues this task

    return job_run(job_id=job_id).status
