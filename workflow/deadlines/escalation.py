"""Who hears of an overdue task: a hook the domain registers, the agency's chief by default.

The domain knows its hierarchy (a unit head's overdue step goes to the deputy chief in charge,
the secretariat's to the chief: issue 9); the engine only knows roles in accounts.
"""

from __future__ import annotations

from collections.abc import Callable

from accounts.models import RoleAssignment, User
from accounts.roles import Role

_resolvers: list[Callable] = []


def register_escalation_target(resolver: Callable) -> Callable:
    """``resolver(task) -> User | None``; the first that returns a person wins."""
    if resolver not in _resolvers:
        _resolvers.append(resolver)
    return resolver


def unregister_escalation_target(resolver: Callable) -> None:
    if resolver in _resolvers:
        _resolvers.remove(resolver)


def chief_of_owners_agency(task) -> User | None:
    """The head of the task owner's agency (Role.CHIEF), unless the owner is that head."""
    owner = task.owner
    if owner is None or owner.unit_id is None:
        return None
    assignment = (
        RoleAssignment.objects.filter(
            role=Role.CHIEF, agency_id=owner.unit.agency_id, revoked_at__isnull=True, user__is_active=True
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if assignment is None or assignment.user_id == owner.pk:
        return None
    return assignment.user


def escalation_target(task) -> User | None:
    for resolver in _resolvers:
        target = resolver(task)
        if target is not None:
            return target
    return chief_of_owners_agency(task)
