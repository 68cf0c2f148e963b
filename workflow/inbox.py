""""Việc của tôi": one list across every flow of what the person holds (their own, delegated to them)
and what their queues may take, overdue first, then by due date.

A fixed number of queries whatever the number of tasks: the person's tasks, their queue (after their
object permissions, read once), the delegations behind the tasks, one query per kind of process to
name them, the calendar when a task has a due date.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .deadlines.selectors import with_due_dates
from .deadlines.workdays import add_working_days
from .delegation.selectors import delegators_of_tasks
from .naming import name_tasks
from .notifications.events import task_url
from .registry import registered_flows
from .selectors import open_tasks_for, queue_filter, queued_tasks_for

LIMIT = 200


def _sort_key(task: Task):
    return (not task.is_overdue, task.due_date is None, task.due_date or dt.date.max, task.created, task.pk)


def inbox_rows(user, *, today: dt.date) -> list[dict]:
    """Rows of the inbox: ``task`` (named, ``workflow.naming``), ``action`` ("execute" for a task the
    person holds, "assign" for one they may take), ``url`` (the task, or viewflow's assign to post to),
    ``due_date``, ``is_overdue``, ``due_soon``, ``on_behalf_of`` (a delegator)."""
    mine = list(with_due_dates(open_tasks_for(user), today=today)[:LIMIT])
    queued = list(with_due_dates(queued_tasks_for(user), today=today)[:LIMIT])
    tasks = sorted([*mine, *queued], key=_sort_key)
    name_tasks(tasks)
    delegators = delegators_of_tasks(mine)
    horizon = (add_working_days(today, settings.WORKFLOW_REMINDER_WORKING_DAYS)
               if any(t.due_date for t in tasks) else today)
    rows = []
    for task in tasks:
        action = "execute" if task.owner_id == user.pk else "assign"
        rows.append({
            "task": task, "action": action,
            "url": task_url(task) if action == "execute" else task.reverse("assign"),
            "due_date": task.due_date, "is_overdue": task.is_overdue,
            "due_soon": task.due_date is not None and today <= task.due_date <= horizon,
            "escalated": task.escalated_at is not None, "on_behalf_of": delegators.get(task.pk),
        })
    return rows


def inbox_count(user) -> int:
    """How many tasks the inbox lists: one COUNT over one flat condition, the person's open tasks or their queue
    (``selectors.queue_filter``), after their object permissions, read once a request and shared with the queue.
    (Two ``pk IN (subquery)`` of the querysets themselves cost more to build than to run: this is on every page.)"""
    flows = registered_flows()
    if not user.is_authenticated:
        return 0
    mine = Q(owner=user, status=STATUS.ASSIGNED)
    if not flows:
        return Task.objects.filter(mine).count()
    queued = Q(status=STATUS.NEW, process__flow_class__in=flows) & queue_filter(user)
    return Task.objects.filter(mine | queued).count()
