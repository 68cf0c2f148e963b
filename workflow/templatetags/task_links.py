"""Breadcrumbs of viewflow's task pages that lead only where the reader may go.

viewflow links a task page to the flow's process list, the process and the task's detail; those
answer 403 to anyone without the model-wide "view" permission on the process, which nobody of ours
holds (roles are object permissions). The person the task is queued for clicked them and met a 403.
Here every crumb is checked the way the page it opens checks: the desk always; the flow's list and
the process page when viewflow would let the reader in, else the engine's diagram page of the
process when the reader may see it (``workflow.selectors.get_process_for_user``); the task's detail
when ``can_view`` allows, else the task's name as text.
"""

from __future__ import annotations

from django import template
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .. import naming
from ..diagrams import diagram_url
from ..selectors import get_process_for_user

register = template.Library()


@register.inclusion_tag("workflow/_task_breadcrumbs.html", takes_context=True)
def task_breadcrumbs(context) -> dict:
    request = context["request"]
    user = request.user
    activation = getattr(request, "activation", None)
    crumbs = [(reverse("home:index"), _("Bàn làm việc"))]
    if activation is None:
        return {"crumbs": crumbs, "current": ""}
    process, task = activation.process, activation.task
    flow = process.flow_class.instance
    title = str(process.flow_class.process_title)
    try:
        if flow.has_view_permission(user):
            crumbs.append((flow.reverse("index"), title))
        if flow.has_view_permission(user, obj=process):
            crumbs.append((flow.reverse("process_detail", args=[process.pk]), f"#{process.pk}"))
        else:
            get_process_for_user(user, process.pk)
            crumbs.append((diagram_url(process.pk), _("%(title)s — sơ đồ quy trình") % {"title": title}))
    except (Http404, NoReverseMatch):
        pass
    current = str(task.flow_task.task_title or task.flow_task)
    if task.pk and task.flow_task.can_view(user, task):
        crumbs.append((task.flow_task.reverse("detail", args=[process.pk, task.pk]), current))
        current = ""
    return {"crumbs": crumbs, "current": current}


@register.simple_tag(takes_context=True)
def task_name(context) -> str:
    """The name of the page's task by what it carries (``workflow.naming``): "Duyệt và ký báo cáo: Báo cáo
    tổng kết năm 2025 — Văn phòng UBND tỉnh", never "#28"."""
    activation = getattr(context["request"], "activation", None)
    return naming.task_name(activation.task) if activation is not None else ""
@register.filter
def may_cancel(process, user) -> bool:
    """viewflow's own check of its cancel page (``CancelProcessView``: the flow's manage permission)."""
    return process.flow_class.instance.has_manage_permission(user, process)
