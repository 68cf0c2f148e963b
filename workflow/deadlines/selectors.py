"""Reads of due dates: a person's overdue and soon-due tasks, each one bounded query."""

from __future__ import annotations

import datetime as dt

from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from workflow.selectors import open_tasks_for

from .workdays import add_working_days

OPEN = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]


def with_due_dates(tasks: QuerySet[Task], *, today: dt.date | None = None) -> QuerySet[Task]:
    """Annotate ``due_date`` (None when the step has no deadline), ``escalated_at`` and ``is_overdue``."""
    today = today or timezone.localdate()
    return tasks.annotate(
        due_date=F("deadline__due_date"),
        escalated_at=F("deadline__escalated_at"),
        is_overdue=Case(
            When(Q(deadline__due_date__lt=today) & Q(status__in=OPEN), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def overdue_tasks_for(user, *, today: dt.date | None = None) -> QuerySet[Task]:
    """The person's open tasks whose due date has passed, most overdue first."""
    today = today or timezone.localdate()
    return with_due_dates(open_tasks_for(user), today=today).filter(
        deadline__due_date__lt=today
    ).order_by("deadline__due_date", "pk")


def due_soon_tasks_for(user, *, within: int = 2, today: dt.date | None = None) -> QuerySet[Task]:
    """The person's open tasks due today or within ``within`` working days, soonest first."""
    today = today or timezone.localdate()
    horizon = add_working_days(today, within)
    return with_due_dates(open_tasks_for(user), today=today).filter(
        deadline__due_date__range=(today, horizon)
    ).order_by("deadline__due_date", "pk")


def open_tasks_due_by(day: dt.date) -> QuerySet[Task]:
    """Every open task due on or before ``day``, for the reminder job (not user-facing)."""
    return (
        Task.objects.filter(status__in=OPEN, deadline__due_date__lte=day)
        .select_related("deadline", "owner__unit__agency", "process")
        .prefetch_related("notices")
        .order_by("deadline__due_date", "pk")
    )
