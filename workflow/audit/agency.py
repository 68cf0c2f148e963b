"""Which agency an object belongs to, so its events land in that agency's log and scope.

The engine cannot know the domain's models; it tries, in order: hooks registered with
``register_agency_resolver`` (the domain's), an ``audit_agency`` attribute, an ``agency``
attribute, a ``unit`` attribute (its agency), and for a viewflow process the agency its process kind
names (``workflow.processes``), then its artifact.
"""

from __future__ import annotations

from collections.abc import Callable

from viewflow.workflow.models import Process

from accounts.models import Agency
from workflow.processes import process_agency

_resolvers: list[Callable[[object], Agency | None]] = []


def register_agency_resolver(resolver: Callable[[object], Agency | None]) -> Callable[[object], Agency | None]:
    if resolver not in _resolvers:
        _resolvers.append(resolver)
    return resolver


def _from_attributes(obj: object) -> Agency | None:
    for attribute in ("audit_agency", "agency"):
        value = getattr(obj, attribute, None)
        if isinstance(value, Agency):
            return value
    unit = getattr(obj, "unit", None)
    agency = getattr(unit, "agency", None) if unit is not None else None
    return agency if isinstance(agency, Agency) else None


def _from_artifact(obj: object, depth: int) -> Agency | None:
    if isinstance(obj, Process) and obj.artifact_object_id is not None:
        return agency_of(obj.artifact, depth + 1)
    return None


def agency_of(obj: object, _depth: int = 0) -> Agency | None:
    if obj is None or _depth > 3:
        return None
    if isinstance(obj, Agency):
        return obj
    if isinstance(obj, Process) and (found := process_agency(obj)) is not None:
        return found
    for resolver in _resolvers:
        found = resolver(obj)
        if found is not None:
            return found
    return _from_attributes(obj) or _from_artifact(obj, _depth)
