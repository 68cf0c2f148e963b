"""Completing a human step from its task view.

Every task screen does the same thing on POST: run the step's service, complete the task, and if
either refuses, show the person why and keep nothing (design §5: no half-saved work). viewflow's
wrapper has already locked the process and checked that the person owns the task; this module
is the rest, so that each view is only its form and its service call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

T = TypeVar("T")


def refusal_messages(error: Exception) -> list[str]:
    """What a refused step tells the person: the service's messages, or why they may not act."""
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error) or _("Bạn không có quyền thực hiện thao tác này.")]


def form_messages(form) -> list[str]:
    """A form's errors as lines the task screen lists, each with its field's label."""
    return [f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
            for name, errors in form.errors.items() for error in errors]


@dataclass
class StepOutcome(Generic[T]):
    value: T | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def step_run(activation: Any, action: Callable[[], T], *, complete: bool = True) -> StepOutcome[T]:
    """Run ``action`` (the step's service) and, when ``complete``, finish the task, in one savepoint.

    A ``ValidationError`` or ``PermissionDenied`` from either rolls both back and comes back as
    the messages to show; ``complete=False`` is for a screen's "save a draft" actions, which keep
    the task open.
    """
    try:
        with transaction.atomic():
            value = action()
            if complete:
                activation.execute()
    except (ValidationError, PermissionDenied) as error:
        return StepOutcome(errors=refusal_messages(error))
    return StepOutcome(value=value)
