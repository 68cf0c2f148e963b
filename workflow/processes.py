"""What the engine must know of each kind of process the domain runs, said once per process model.

A domain registers one ``ProcessKind`` per process model (``register_process_kind``): what the
process carries (a dossier, a registration, a session), the agency it belongs to, which of those
objects a person may see, and each step's default length in working days. Everything the engine
does per process reads it from here — the 404 rule on flow pages and viewflow's lists
(``can_view_process``, ``visible_process_ids``), the agency of a process in the audit log, whose
secretariat may hand over its tasks, where a late step escalates — so a new flow is wired by one
descriptor instead of a hook in each of those places.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models import QuerySet
from viewflow.workflow.models import Process

from accounts.models import Agency, User


@dataclass(frozen=True)
class ProcessKind:
    """One kind of process.

    ``carries``: the process model's foreign key to what it carries. ``agency``: the lookup from that
    object to its agency (``"cycle__agency"``). ``visible(user)``: the carried objects the person may
    see. ``working_days(step)``: a step's default due date, in working days from the day its task is
    created (a node's own ``Deadline(working_days=...)`` wins).
    """

    model: type[Process]
    carries: str
    agency: str
    visible: Callable[[User], QuerySet]
    working_days: Callable[[str], int] | None = None

    @property
    def carried_model(self) -> type[models.Model]:
        return self.model._meta.get_field(self.carries).related_model

    def _carried_pk(self, process: Process):
        """The carried object's key: read from a concrete process, a subquery for viewflow's base one."""
        if isinstance(process, self.model):
            return getattr(process, f"{self.carries}_id")
        return models.Subquery(self.model.objects.filter(pk=process.pk).values(f"{self.carries}_id")[:1])

    def carried(self, process: Process) -> models.Model | None:
        """What the process carries, read afresh in one query: a gateway must see the status the service
        has just written, never a copy cached on the process by an earlier step."""
        return self.carried_model._default_manager.filter(pk=self._carried_pk(process)).first()

    def agency_of(self, process: Process) -> Agency | None:
        """The agency of the process, in one query (viewflow asks it for every task a queue lists)."""
        carried = self.carried_model._default_manager.filter(pk=self._carried_pk(process))
        return (Agency.objects.filter(pk=models.Subquery(carried.values(self.agency)[:1]))
                .select_related("province").first())


_kinds: dict[type[Process], ProcessKind] = {}


def register_process_kind(kind: ProcessKind) -> ProcessKind:
    _kinds[kind.model] = kind
    return kind


def process_kinds() -> list[ProcessKind]:
    return list(_kinds.values())


def kind_of(process: Process | None) -> ProcessKind | None:
    """The kind of a process, whether viewflow hands over the concrete model or the base ``Process``."""
    if process is None:
        return None
    if type(process) in _kinds:
        return _kinds[type(process)]
    flow_class = process.flow_class
    return _kinds.get(getattr(flow_class, "process_class", None)) if flow_class else None


def process_agency(process: Process | None) -> Agency | None:
    kind = kind_of(process)
    return kind.agency_of(process) if kind is not None else None


def can_view_process(user: User, process: Process) -> bool:
    """Whether the person may see what the process carries (and so the process)."""
    kind = kind_of(process)
    if kind is None:
        return False
    return kind.model.objects.filter(pk=process.pk, **{f"{kind.carries}__in": kind.visible(user).values("pk")}).exists()


def visible_process_ids(user: User, *, model: type[Process] | None = None) -> list[int]:
    """Ids of every process whose carried object the person may see: one query per kind, read at once
    (a nested union makes SQLite's parser give up); with ``model``, of that kind only (one flow's list)."""
    ids: list[int] = []
    for kind in _kinds.values():
        if model is not None and kind.model is not model:
            continue
        ids.extend(kind.model.objects.filter(**{f"{kind.carries}__in": kind.visible(user).values("pk")})
                   .values_list("pk", flat=True))
    return ids


def visible_processes_of_kind(user: User, model: type[Process]) -> QuerySet | None:
    """The ids ``visible_process_ids(user, model=model)`` reads, as a query to nest in another (``pk__in=``),
    never read into Python; ``None`` when no kind runs that model."""
    kind = _kinds.get(model)
    if kind is None:
        return None
    return kind.model.objects.filter(**{f"{kind.carries}__in": kind.visible(user).values("pk")}).order_by().values("pk")
