"""The calendar must cover the year: without this year's holidays every due date is wrong."""

from __future__ import annotations

from django.core import checks
from django.db import DatabaseError
from django.utils import timezone

from .models import CalendarDay


@checks.register(checks.Tags.database)
def check_calendar_covers_this_year(app_configs=None, databases=None, today=None, **kwargs):
    """Run with the database checks (``migrate``, ``check --database default``)."""
    if not databases:
        return []

    year = (today or timezone.localdate()).year
    try:
        known = set(
            CalendarDay.objects.filter(date__year__in=[year, year + 1], kind=CalendarDay.Kind.HOLIDAY)
            .values_list("date__year", flat=True).distinct()
        )
    except DatabaseError:
        return []  # not migrated yet
    return [
        checks.Warning(
            f"No public holidays are recorded for {missing}: due dates will count them as working days.",
            hint="Add the year's days off (Tết, Giỗ Tổ, 30/4, 1/5, 2/9) in the admin: Lịch ngày nghỉ, ngày làm bù.",
            id="workflow.W201",
        )
        for missing in (year, year + 1) if missing not in known
    ]
