"""How a flow node declares when its task is due.

``View(...).Deadline(working_days=5)`` or ``.Deadline(due=lambda task: task.process.cycle_deadline,
working_days=5)``: the callable (e.g. the cycle's deadline for this step) wins when it gives a
date; the working days, counted from the day the task is created, are the default. The engine
stores the date once, when viewflow creates the task (``workflow.task_events``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone
from viewflow.workflow import flow

from workflow.notifications.nodes import AnnounceMixin

from .workdays import add_working_days


class DeadlineMixin:
    _deadline_working_days: int | None = None
    _deadline_due: Callable | None = None

    def Deadline(  # noqa: N802 - viewflow's node API style
        self, working_days: int | None = None, due: Callable | None = None
    ):
        if working_days is None and due is None:
            raise ValueError("Deadline() needs working_days, due, or both")
        if working_days is not None and working_days < 0:
            raise ValueError("Deadline(working_days=...) must not be negative")
        self._deadline_working_days = working_days
        self._deadline_due = due
        return self

    @property
    def has_deadline(self) -> bool:
        return self._deadline_working_days is not None or self._deadline_due is not None

    def due_date_for(self, task) -> dt.date | None:
        """The due date of a new ``task`` of this node, or None when the node declares none."""
        if self._deadline_due is not None:
            due = self._deadline_due(task)
            if isinstance(due, dt.datetime):
                due = timezone.localdate(due)
            if due is not None:
                return due
        if self._deadline_working_days is None:
            return None
        created = timezone.localdate(task.created) if task.created else timezone.localdate()
        return add_working_days(created, self._deadline_working_days)


class View(DeadlineMixin, AnnounceMixin, flow.View):
    """viewflow's human task that may declare a due date and the mail that announces it."""
