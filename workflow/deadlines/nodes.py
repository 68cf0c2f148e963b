"""How a flow node declares when its task is due and who hears when it is late.

``.Deadline(step="dossier.review", escalate_to=escalate_to(Role.CHIEF))``: the step's name keys its
default length in working days (the process kind's ``working_days(step)``), counted from the day the
task is created; ``due=callable(task)`` gives a date from the data (e.g. the cycle's deadline),
which wins when it gives one; ``working_days=N`` overrides the default. ``escalate_to`` names who is
told of the late task (``workflow.deadlines.escalation``; ``NOBODY`` for the top of the agency).
The engine stores the date once, when viewflow creates the task (``workflow.task_events``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from workflow.processes import kind_of

from .escalation import Escalation
from .workdays import add_working_days


class DeadlineMixin:
    _deadline_working_days: int | None = None
    _deadline_due: Callable | None = None
    deadline_step: str | None = None
    escalation: Escalation | None = None

    def Deadline(  # noqa: N802 - viewflow's node API style
        self, working_days: int | None = None, due: Callable | None = None, *, step: str | None = None,
        escalate_to: Escalation | None = None,
    ):
        if working_days is None and due is None and step is None:
            raise ValueError("Deadline() needs step, working_days, due, or a combination")
        if working_days is not None and working_days < 0:
            raise ValueError("Deadline(working_days=...) must not be negative")
        self._deadline_working_days = working_days
        self._deadline_due = due
        self.deadline_step = step
        self.escalation = escalate_to
        return self

    @property
    def has_deadline(self) -> bool:
        return any(value is not None for value in (self._deadline_working_days, self._deadline_due,
                                                   self.deadline_step))

    def default_working_days(self, task) -> int | None:
        if self._deadline_working_days is not None:
            return self._deadline_working_days
        kind = kind_of(task.process) if self.deadline_step is not None else None
        if kind is None or kind.working_days is None:
            return None
        return kind.working_days(self.deadline_step)

    def due_date_for(self, task) -> dt.date | None:
        """The due date of a new ``task`` of this node, or None when the node declares none."""
        if self._deadline_due is not None:
            due = self._deadline_due(task)
            if isinstance(due, dt.datetime):
                due = timezone.localdate(due)
            if due is not None:
                return due
        days = self.default_working_days(task)
        if days is None:
            return None
        created = timezone.localdate(task.created) if task.created else timezone.localdate()
        return add_working_days(created, days)
