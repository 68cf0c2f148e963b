"""viewflow's flow viewsets, scoped to what the person took part in and labelled in Vietnamese.

viewflow's ``DashboardView``, ``DashboardProcessListView`` and ``DashboardTaskListView`` show every
process and task of a flow to anyone who may view the flow: a unit head saw the registrations of
every unit and agency, and the board linked to processes that then answered 404. Here they show
the processes the person may open: those they took part in and those whose dossier, registration
or report the domain lets them see (``selectors.visible_processes``,
read as ``visible_process_pks``). The lists are also ordered
(viewflow's count annotation drops ``Meta.ordering`` and pagination then warns).

viewflow names some list columns after the attribute they read ("Brief", "Process id", "Active
tasks", "Process summary") past gettext, and prints a step by its node's name ("Review"); the
columns below carry Vietnamese labels and print the step's title.

The chart of a process (the image on every task and process page) is shown to whoever may see the
process (``diagrams.ProcessChartView``), not to holders of the flow's model-level view permission.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.flow import FlowAppViewset as BaseFlowAppViewset
from viewflow.workflow.flow import FlowViewset as BaseFlowViewset
from viewflow.workflow.flow import views
from viewflow.workflow.status import STATUS

from .diagrams import ProcessChartView
from .selectors import visible_process_pks


def _visible(view) -> list[int]:
    """The processes the person may open, read once per page."""
    if not hasattr(view, "_visible_ids"):
        view._visible_ids = sorted(visible_process_pks(view.request.user))
    return view._visible_ids


def _labelled(label):
    def label_column(method):
        method.short_description = label
        return method
    return label_column


class VietnameseColumns:
    """The columns viewflow's lists read from the task or process itself, with Vietnamese labels."""

    @_labelled(_("Nội dung"))
    def brief(self, obj):
        return obj.brief

    @_labelled(_("Bước"))
    def flow_task(self, task):
        return task.title

    @_labelled(_("Quy trình"))
    def process_summary(self, task):
        return super().process_summary(task)


class ScopedDashboardView(views.DashboardView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tasks = (self.flow_class.task_class._default_manager
                 .filter(process__flow_class=self.flow_class, process_id__in=_visible(self))
                 .select_related("process").order_by("-created", "-pk"))
        for column in context["columns"]:
            column["tasks"] = tasks.filter(Q(finished__isnull=True) | Q(status=STATUS.ERROR),
                                           flow_task=column["node"])[: self.MAX_ROWS]
        context["finished"] = tasks.filter(finished__isnull=False,
                                           flow_task__in=context["end_nodes"])[: self.MAX_ROWS]
        return context


class ScopedProcessListView(VietnameseColumns, views.DashboardProcessListView):
    @property
    def title(self):
        return self.flow_class.process_title

    @_labelled(_("Mã"))
    def process_id(self, process):
        return super().process_id(process)

    @_labelled(_("Việc đang mở"))
    def active_tasks(self, process):
        return super().active_tasks(process)

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=_visible(self)).order_by("-created", "-pk")


class ScopedTaskListView(VietnameseColumns, views.DashboardTaskListView):
    title = _("Các bước của quy trình")

    def get_queryset(self):
        return super().get_queryset().filter(process_id__in=_visible(self)).order_by(
            "-created", "-pk")


class InboxView(VietnameseColumns, views.FlowInboxListView):
    pass


class QueueView(VietnameseColumns, views.FlowQueueListView):
    pass


class ArchiveView(VietnameseColumns, views.FlowArchiveListView):
    pass


class FlowViewset(BaseFlowViewset):
    dashboard_view_class = ScopedDashboardView
    process_list_view_class = ScopedProcessListView
    task_list_view_class = ScopedTaskListView
    chart_view_class = ProcessChartView


class FlowAppViewset(BaseFlowAppViewset):
    # viewflow's kanban boards are not in the drawer (workflow.menu.ProductSite): a task is opened from the
    # desk, and its pages keep rendering in the site's shell through this application.
    in_menu = False
    dashboard_view_class = ScopedDashboardView
    process_list_view_class = ScopedProcessListView
    task_list_view_class = ScopedTaskListView
    inbox_view_class = InboxView
    queue_view_class = QueueView
    archive_view_class = ArchiveView
    chart_view_class = ProcessChartView
