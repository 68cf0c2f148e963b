"""Where a dossier, session, Tờ trình or registration waits on a task: its due date, overdue, escalated.

Three correlated subqueries on the list's own query, so a list costs no query more per row.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone
from viewflow.workflow.models import Task

from workflow.deadlines.selectors import OPEN

# From a task to the object its process carries.
PROCESS_OBJECT = {
    "Dossier": "process__dossierprocess__dossier",
    "Session": "process__councilprocess__session",
    "OutcomeDocument": "process__homeaffairsprocess__submission",
    "PledgeRegistration": "process__pledgeprocess__registration",
    "AgencyPledgeRegistration": "process__agencypledgeprocess__registration",
}


def with_task_due(queryset: QuerySet, *, today: dt.date | None = None) -> QuerySet:
    """Annotate ``task_due`` (the earliest due date of its open tasks), ``task_overdue``, ``task_escalated``."""
    today = today or timezone.localdate()
    lookup = PROCESS_OBJECT[queryset.model.__name__]
    tasks = Task.objects.filter(**{lookup: OuterRef("pk")}, status__in=OPEN, deadline__isnull=False)
    return queryset.annotate(
        task_due=Subquery(tasks.order_by("deadline__due_date").values("deadline__due_date")[:1]),
        task_overdue=Exists(tasks.filter(deadline__due_date__lt=today)),
        task_escalated=Exists(tasks.filter(deadline__escalated_at__isnull=False)),
    )
