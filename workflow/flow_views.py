"""viewflow's flow viewsets, scoped to what the person took part in and labelled in Vietnamese.

viewflow's ``DashboardView``, ``DashboardProcessListView`` and ``DashboardTaskListView`` show every
process and task of a flow to anyone who may view the flow: a unit head saw the registrations of
every unit and agency, and the board linked to processes that then answered 404. Here they show
the processes the person may open: those they took part in and those whose dossier, registration
or report the domain lets them see (``selectors.visible_processes``, for one flow
``visible_in_flow``, answered inside each list's query). The lists are also ordered
(viewflow's count annotation drops ``Meta.ordering`` and pagination then warns).

viewflow names some list columns after the attribute they read ("Brief", "Process id", "Active
tasks", "Process summary") past gettext, and prints a step by its node's name ("Review"); the
columns below carry Vietnamese labels and print the step's title.

The chart of a process (the image on every task and process page) is shown to whoever may see the
process (``diagrams.ProcessChartView``), not to holders of the flow's model-level view permission.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.flow import FlowAppViewset as BaseFlowAppViewset
from viewflow.workflow.flow import FlowViewset as BaseFlowViewset
from viewflow.workflow.flow import views
from viewflow.workflow.models import Process
from viewflow.workflow.status import STATUS

from .diagrams import ProcessChartView
from .registry import process_names
from .selectors import queue_filter, visible_flow_processes, visible_in_flow


def coerce_processes(tasks) -> None:
    """Give each task its process as its flow's own model, read in one query per model.

    viewflow's ``Task.brief`` renders with ``task.process.coerced``, a query per task when the process is
    viewflow's base row (as ``select_related("process")`` gives it); a process already of its flow's model
    coerces to itself. The tasks are changed in place."""
    wanted: dict[type, set[int]] = defaultdict(set)
    for task in tasks:
        process = task.process if task.process_id else None
        model = getattr(process.flow_class, "process_class", None) if process is not None else None
        if model is not None and not isinstance(process, model):
            wanted[model].add(task.process_id)
    concrete = {}
    for model, pks in wanted.items():
        concrete.update({process.pk: process for process in model._default_manager.filter(pk__in=pks)})
    for task in tasks:
        if task.process_id in concrete:
            task.process = concrete[task.process_id]


def _labelled(label):
    def label_column(method):
        method.short_description = label
        return method
    return label_column


class VietnameseColumns:
    """The columns viewflow's lists read from the task or process itself, with Vietnamese labels.

    A process is named by what it carries (``workflow.registry.process_names``) for the whole page at once:
    viewflow's ``Process.brief`` coerces each process to its flow's model and renders "{{ process }}", a
    query for the process and more for what it carries, on every row (25 rows: 45-115 queries a page).
    """

    _names: dict[int, str] | None = None

    def get_page_data(self, page):
        rows = list(page)
        tasks = [row for row in rows if not isinstance(row, Process)]
        coerce_processes(tasks)
        processes = [row if isinstance(row, Process) else row.process for row in rows]
        self._names = process_names([process for process in processes if process is not None])
        return super().get_page_data(rows)

    def process_brief(self, process) -> str:
        """``process.brief``, from the page's names when the flow's text is the process's own name."""
        flow_class = process.flow_class
        name = (self._names or {}).get(process.pk)
        if (name is None or flow_class is None or flow_class.process_summary_template != "{{ process }}"
                or (process.finished and flow_class.process_result_template)):
            return process.brief
        return name

    @_labelled(_("Nội dung"))
    def brief(self, obj):
        return self.process_brief(obj) if isinstance(obj, Process) else obj.brief

    @_labelled(_("Bước"))
    def flow_task(self, task):
        return task.title

    @_labelled(_("Quy trình"))
    def process_summary(self, task):
        return self.process_brief(task.process)


class ScopedDashboardView(views.DashboardView):
    """The board, with each card's button decided for all cards at once.

    viewflow's template asks ``task|can_assign:user`` on every card: the node computes the permission's object
    from the process (the registration, then its unit) and asks guardian, about five queries a card. Here a
    card may be taken when the task is in the person's queue (``queue_filter``: the same permission, on the
    object the task was created for), read in one query for the board; execute and view are viewflow's own
    checks, which read nothing once the task's owner and concrete process are loaded.
    """

    template_name = "workflow/process_dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tasks = (self.flow_class.task_class._default_manager
                 .filter(process__flow_class=self.flow_class,
                         process_id__in=visible_flow_processes(self.request.user, self.flow_class))
                 .select_related("process", "owner").order_by("-created", "-pk"))
        for column in context["columns"]:
            column["tasks"] = list(tasks.filter(Q(finished__isnull=True) | Q(status=STATUS.ERROR),
                                                flow_task=column["node"])[: self.MAX_ROWS])
        context["finished"] = list(tasks.filter(finished__isnull=False,
                                                flow_task__in=context["end_nodes"])[: self.MAX_ROWS])
        cards = [task for column in context["columns"] for task in column["tasks"]]
        coerce_processes([*cards, *context["finished"]])
        user = self.request.user
        takeable = [task.pk for task in cards
                    if task.owner_id is None and hasattr(task.flow_task, "can_assign") and user.is_authenticated]
        queued = set(self.flow_class.task_class._default_manager.filter(pk__in=takeable)
                     .filter(queue_filter(user)).values_list("pk", flat=True)) if takeable else set()
        for task in cards:
            if hasattr(task.flow_task, "can_execute") and task.flow_task.can_execute(user, task):
                task.card_action = "execute"
            elif task.pk in queued:
                task.card_action = "assign"
            elif hasattr(task.flow_task, "can_view") and task.flow_task.can_view(user, task):
                task.card_action = "detail"
            else:
                task.card_action = ""
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
        # viewflow's own (``DashboardProcessListView.get_queryset``) annotates every process with its open tasks'
        # count: a join of every task of every visible process, grouped before the page is cut and again for the
        # paginator's count (Sở Nội vụ: 118,080 tasks, ~0.6 s). The page's processes are counted in
        # ``get_page_data`` instead; the column is not sortable, so the order and the rows are the same.
        queryset = super(views.DashboardProcessListView, self).get_queryset()
        visible = visible_in_flow(self.request.user, self.flow_class)
        return queryset.filter(visible, flow_class=self.flow_class).order_by("-created", "-pk")

    def get_page_data(self, page):
        rows = list(page)
        counts = dict(self.flow_class.task_class._default_manager
                      .filter(process_id__in=[row.pk for row in rows], finished__isnull=True)
                      .order_by().values("process_id").annotate(n=Count("pk")).values_list("process_id", "n"))
        for row in rows:
            row.active_tasks_count = counts.get(row.pk, 0)
        return super().get_page_data(rows)


class ScopedTaskListView(VietnameseColumns, views.DashboardTaskListView):
    title = _("Các bước của quy trình")

    def get_queryset(self):
        visible = visible_in_flow(self.request.user, self.flow_class, "process_id")
        return super().get_queryset().filter(visible).select_related("owner").order_by(
            "-created", "-pk")


class InboxView(VietnameseColumns, views.FlowInboxListView):
    pass


class QueueView(VietnameseColumns, views.FlowQueueListView):
    pass


class ArchiveView(VietnameseColumns, views.FlowArchiveListView):
    @_labelled(_("Quy trình"))
    def process_summary(self, task):
        process_url = self.request.resolver_match.flow_viewset.reverse("process_detail", args=[task.process_id])
        return format_html('<a href="{}">{}</a>', process_url, self.process_brief(task.process))


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
