"""The annual report (``AnnualReportFlow``): opened by the secretariat for a year."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Agency, User

from ..flows.report import AnnualReportFlow


@transaction.atomic
def report_start(*, actor: User, agency: Agency, year: int):
    """Open the year's report; one section task goes to each unit head."""
    return AnnualReportFlow.start.run(actor=actor, agency=agency, year=year)
