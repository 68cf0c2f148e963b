"""Working-day arithmetic over the calendar data (Bộ luật Lao động 2019, Điều 111–112).

Saturday and Sunday are rest days unless a ``CalendarDay`` makes one a working day; a
weekday is a working day unless a ``CalendarDay`` makes it a holiday. Each call reads the
calendar exceptions of the window it needs in one query (a year has about twenty).
"""

from __future__ import annotations

import datetime as dt

from .models import CalendarDay

WEEKEND = (5, 6)


def _exceptions(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    if end < start:
        start, end = end, start
    return dict(CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind"))


def _is_working(day: dt.date, exceptions: dict[dt.date, str]) -> bool:
    kind = exceptions.get(day)
    if kind is not None:
        return kind == CalendarDay.Kind.WORKING
    return day.weekday() not in WEEKEND


def is_working_day(day: dt.date) -> bool:
    """True on a weekday that is not a holiday, and on a Saturday or Sunday made a working day."""
    return _is_working(day, _exceptions(day, day))


def _window(n: int) -> dt.timedelta:
    # Enough calendar days to hold n working days around the longest break (Tết: 9 days).
    return dt.timedelta(days=abs(n) * 7 // 5 + 30)


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The n-th working day after ``day`` (before it when n < 0); ``day`` itself when n == 0.

    A deadline "within 5 working days" from a Friday counts the next Monday as day 1.
    """
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    current = day
    while remaining:
        window_end = current + step * _window(remaining)
        exceptions = _exceptions(current, window_end)
        while remaining and current != window_end:
            current += dt.timedelta(days=step)
            if _is_working(current, exceptions):
                remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end``; when ``end`` is earlier, minus
    the working days from ``end`` up to but excluding ``start``.

    Either way ``working_days_between(d, add_working_days(d, n)) == n`` for every n.
    """
    if start == end:
        return 0
    if end > start:
        exceptions = _exceptions(start, end)
        days = (start + dt.timedelta(days=i) for i in range(1, (end - start).days + 1))
        return sum(1 for day in days if _is_working(day, exceptions))
    exceptions = _exceptions(end, start)
    days = (end + dt.timedelta(days=i) for i in range((start - end).days))
    return -sum(1 for day in days if _is_working(day, exceptions))


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the first working day after it."""
    return day if is_working_day(day) else add_working_days(day, 1)
