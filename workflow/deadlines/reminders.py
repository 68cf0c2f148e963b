"""The periodic job: a reminder before the due date, a notice on it, one escalation after it.

Each notice is recorded (``TaskNotice``, unique per task and kind) in the same transaction
that queues its e-mail, so running the job every hour, twice at once, or again after a crash
sends each notice exactly once.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from workflow.notifications.events import queue_people, task_context
from workflow.notifications.services import notify

from .escalation import escalation_target
from .models import TaskNotice
from .selectors import open_tasks_due_by
from .workdays import add_working_days, is_working_day

logger = logging.getLogger(__name__)


def _kind_due(due: dt.date, today: dt.date, sent: set[str]) -> str | None:
    if due < today:
        return None if TaskNotice.Kind.ESCALATION in sent else TaskNotice.Kind.ESCALATION
    if due == today:
        return None if TaskNotice.Kind.DUE in sent else TaskNotice.Kind.DUE
    if sent & {TaskNotice.Kind.REMINDER, TaskNotice.Kind.DUE}:
        return None
    return TaskNotice.Kind.REMINDER


def _send(task, kind: str, now: dt.datetime) -> bool:
    context = task_context(task, owner=task.owner)
    if kind == TaskNotice.Kind.ESCALATION:
        target = escalation_target(task)
        recipients = [target] if target is not None else []
    else:
        target = task.owner
        recipients = [task.owner] if task.owner_id else queue_people(task)
    try:
        with transaction.atomic():
            TaskNotice.objects.create(task=task, kind=kind, recipient=target)
            if kind == TaskNotice.Kind.ESCALATION:
                deadline = task.deadline
                deadline.escalated_at = now
                deadline.save(update_fields=["escalated_at"])
            notify(event=f"task_{kind if kind != 'escalation' else 'escalated'}", recipients=recipients,
                   context=context, task=task)
    except IntegrityError:
        logger.info("notice %s of task %s was sent by another run", kind, task.pk)
        return False
    return True


def reminders_send(*, now: dt.datetime | None = None, before: int | None = None) -> dict[str, int]:
    """Send what is due now; counts per kind. Does nothing on a day off (no one reads it)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {kind: 0 for kind in TaskNotice.Kind.values}
    if not is_working_day(today):
        return counts
    before = settings.WORKFLOW_REMINDER_WORKING_DAYS if before is None else before
    for task in open_tasks_due_by(add_working_days(today, before)):
        sent = {notice.kind for notice in task.notices.all()}
        kind = _kind_due(task.deadline.due_date, today, sent)
        if kind is not None and _send(task, kind, now):
            counts[kind] += 1
    return counts
