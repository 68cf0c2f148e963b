"""The award domain's Celery tasks, where the worker's ``autodiscover_tasks`` looks for them."""

from __future__ import annotations

from .services.papers import achievement_report_pdf_task

__all__ = ["achievement_report_pdf_task"]
