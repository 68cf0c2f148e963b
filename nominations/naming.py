"""Names of the award processes by what they carry, for the engine's task names
(``workflow.naming``): one query per kind of process on the page, whatever the number of tasks."""

from __future__ import annotations

from collections import defaultdict

from .process_kinds import KINDS

# What each process's ``__str__`` reads, loaded with it.
_RELATED = {
    "dossier": ("dossier__unit", "dossier__cycle"),
    "session": ("session__cycle",),
    "submission": ("submission__document",),
    "registration": (),
    "report": ("report__agency",),
}
_REGISTRATION = {"PledgeProcess": ("registration__unit",), "AgencyPledgeProcess": ("registration__agency",)}


def name_processes(processes: list) -> dict[int, str]:
    by_model = {kind.model: kind for kind in KINDS}
    wanted: dict[type, list[int]] = defaultdict(list)
    for process in processes:
        flow_class = process.flow_class
        model = getattr(flow_class, "process_class", None) if flow_class is not None else None
        if model in by_model:
            wanted[model].append(process.pk)
    names: dict[int, str] = {}
    for model, pks in wanted.items():
        kind = by_model[model]
        related = _REGISTRATION.get(model.__name__) or _RELATED.get(kind.carries, ())
        for process in model.objects.filter(pk__in=pks).select_related(*related):
            names[process.pk] = str(process)
    return names
