"""Background rendering of the báo cáo thành tích's PDF after the unit head confirms (inline without a broker)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="nominations.achievement_report_pdf", acks_late=True, reject_on_worker_lost=True)
def achievement_report_pdf_task(report_id: int) -> str:
    """Render and attach one confirmed report's PDF. Re-delivery (``acks_late``, ``reject_on_worker_lost``)
    is safe: ``achievement_report_pdf_make`` attaches once and leaves a report with its file as it is."""
    from .services.papers import achievement_report_pdf_make  # noqa: PLC0415 - the service enqueues this task

    report = achievement_report_pdf_make(report_id=report_id)
    if report is None:
        return "gone"
    return "attached" if report.attachment_id else ("failed" if report.pdf_error else "waiting")


def enqueue_report_pdf(report_id: int) -> None:
    achievement_report_pdf_task.delay(report_id)
