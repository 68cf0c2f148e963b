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


def queued_tasks_for(user) -> QuerySet[Task]:
    """Tasks waiting for someone with the person's permissions to take them."""
    flows = registered_flows()
    if not user.is_authenticated or not flows:
        return Task.objects.none()
    return Task.objects.queue(flows, user).select_related("process").order_by("created", "pk")
