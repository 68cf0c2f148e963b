"""Which agency an object belongs to, so its events land in that agency's log and scope.

The engine cannot know the domain's models; it tries, in order: hooks registered with
``register_agency_resolver`` (the domain's), an ``audit_agency`` attribute, an ``agency``
attribute, a ``unit`` attribute (its agency), and for a viewflow process its concrete proxy
and then its artifact.
"""

from __future__ import annotations

from collections.abc import Callable

from accounts.models import Agency

_resolvers: list[Callable[[object], Agency | None]] = []


def register_agency_resolver(resolver: Callable[[object], Agency | None]) -> Callable[[object], Agency | None]:
    if resolver not in _resolvers:
        _resolvers.append(resolver)
    return resolver


def agency_of(obj: object, _depth: int = 0) -> Agency | None:
    if obj is None or _depth > 3:
        return None
    if isinstance(obj, Agency):
        return obj
    for resolver in _resolvers:
        found = resolver(obj)
        if found is not None:
            return found
    for attribute in ("audit_agency", "agency"):
        value = getattr(obj, attribute, None)
        if isinstance(value, Agency):
            return value
    unit = getattr(obj, "unit", None)
    if unit is not None and isinstance(getattr(unit, "agency", None), Agency):
        return unit.agency
    from viewflow.workflow.models import Process

    if isinstance(obj, Process):
        coerced = obj.coerced
        if type(coerced) is not type(obj):
            found = agency_of(coerced, _depth + 1)
            if found is not None:
                return found
        if obj.artifact_object_id is not None:
            return agency_of(obj.artifact, _depth + 1)
    return None
