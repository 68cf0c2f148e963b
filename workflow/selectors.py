"""Reads of the engine that depend on who asks: a person's tasks."""

from __future__ import annotations

from django.db.models import QuerySet
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from .registry import registered_flows


def open_tasks_for(user) -> QuerySet[Task]:
    """Tasks assigned to the person and not yet done, oldest first."""
    if not user.is_authenticated:
        return Task.objects.none()
    return (
        Task.objects.filter(owner=user, status=STATUS.ASSIGNED)
        .select_related("process")
        .order_by("created", "pk")
    )


def _object_permission_keys(user) -> set[str]:
    """"app.codename_objectpk" for every guardian object permission of the person and their groups.

    viewflow's queue builds this set itself with a query per permission row (guardian rows without
    their content type and permission joined); it reads ``_viewflow_per_object_perm_cache`` first,
    so one query here replaces two per scoped role.
    """
    from guardian.models import GroupObjectPermission, UserObjectPermission

    fields = ("content_type__app_label", "permission__codename", "object_pk")
    rows = UserObjectPermission.objects.filter(user=user).values_list(*fields).union(
        GroupObjectPermission.objects.filter(group__user=user).values_list(*fields))
    return {f"{app}.{codename}_{pk}" for app, codename, pk in rows}


def queued_tasks_for(user) -> QuerySet[Task]:
    """Tasks waiting for someone with the person's permissions to take them."""
    flows = registered_flows()
    if not user.is_authenticated or not flows:
        return Task.objects.none()
    if not hasattr(user, "_viewflow_per_object_perm_cache"):
        user._viewflow_per_object_perm_cache = _object_permission_keys(user)
    return Task.objects.queue(flows, user).select_related("process").order_by("created", "pk")
