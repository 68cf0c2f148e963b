"""How a flow node says which e-mail announces its new task.

By default a new human task sends the engine's "new task" mail (``task_assigned`` to its owner,
``task_queued`` to whoever may take it). Where the domain has a mail of its own for the same moment
(the council's "vote opened" for each ballot, "dossier returned" when the unit head's step comes
back), the node declares it, and that mail replaces the generic one: one e-mail per person per
event, sent now or in the digest as each person chose (issue 9)::

    View(ballot_view).Announce("vote_opened", context=lambda task: {"title": ..., "message": ...})

``context(task)`` returning None keeps the generic mail for that task (e.g. a first round, where
nothing was returned). The task's own context (title, due date, link) is merged under it.
"""

from __future__ import annotations

from collections.abc import Callable


class AnnounceMixin:
    _announce_event: str | None = None
    _announce_context: Callable | None = None

    def Announce(self, event: str, context: Callable):  # noqa: N802 - viewflow's node API style
        if not event:
            raise ValueError("Announce() needs the event of the mail that announces the task")
        self._announce_event = event
        self._announce_context = context
        return self

    def announcement_for(self, task) -> tuple[str, dict] | None:
        """The (event, context) of the mail announcing ``task``, or None for the generic one."""
        if self._announce_event is None:
            return None
        context = self._announce_context(task)
        return None if context is None else (self._announce_event, context)
