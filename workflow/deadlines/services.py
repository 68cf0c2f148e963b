"""Writes of the deadline mechanism: the due date of a new task."""

from __future__ import annotations

from django.db import transaction
from viewflow.workflow.models import Task

from .models import TaskDeadline


@transaction.atomic(savepoint=False)
def task_deadline_create(*, task: Task) -> TaskDeadline | None:
    """Store the due date a node declares for its new task (the engine acts; no person to check).

    Runs inside viewflow's transaction for each new task, so without a savepoint of its own:
    a failure here fails the step that created the task, as it should.
    """
    due_date_for = getattr(task.flow_task, "due_date_for", None)
    if due_date_for is None:
        return None
    due = due_date_for(task)
    if due is None:
        return None
    deadline = TaskDeadline(task=task, due_date=due)
    deadline.full_clean(exclude=["task"])
    deadline.save()
    task.deadline = deadline  # the e-mail about the new task reads it without a query
    return deadline
