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


def _per_object_perms(user) -> set[str]:
    """"app.codename_pk" for every object permission of the person, in one query each for the
    person's and their groups' grants (viewflow's own loop loads each row's permission and
    content type one by one); viewflow reads it from ``_viewflow_per_object_perm_cache``."""
    from guardian.models import GroupObjectPermission, UserObjectPermission

    fields = ("content_type__app_label", "permission__codename", "object_pk")
    rows = [*UserObjectPermission.objects.filter(user=user).values_list(*fields),
            *GroupObjectPermission.objects.filter(group__user=user).values_list(*fields)]
    return {f"{app}.{codename}_{pk}" for app, codename, pk in rows}


def queued_tasks_for(user) -> QuerySet[Task]:
    """Tasks waiting for someone with the person's permissions to take them."""
    flows = registered_flows()
    if not user.is_authenticated or not flows:
        return Task.objects.none()
    if not hasattr(user, "_viewflow_per_object_perm_cache"):
        user._viewflow_per_object_perm_cache = _per_object_perms(user)
    return Task.objects.queue(flows, user).select_related("process").order_by("created", "pk")
