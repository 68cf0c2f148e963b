"""The diagram of a process: viewflow's chart of its flow, the current steps highlighted.

viewflow draws the chart (``viewflow.workflow.chart``) and marks each node with the status of
a task of it; the desk's page (``ProcessDiagramView``) embeds that SVG in the site shell and lists
the current steps, and viewflow's own task and process pages show it as an image
(``ProcessChartView``, the flows' ``process_chart`` URL).

Who may see a diagram is who may see the process (``selectors.get_process_for_user``): viewflow's
chart view asked for the model-level "view" permission of the flow, which nobody holds here
(design §1: scoped roles are object permissions), so the image on the assign page of the dossier,
council and Home Affairs flows answered 403 to the very person the task was for.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from viewflow.workflow import chart, flow
from viewflow.workflow.flow.views import FlowChartView
from viewflow.workflow.status import STATUS

from .deadlines.selectors import OPEN
from .selectors import get_process_for_user

# Of several open tasks of one node (the council's ballots), the one furthest along colours it.
_CURRENT_RANK = {STATUS.STARTED: 3, STATUS.ASSIGNED: 2, STATUS.NEW: 1}
# viewflow writes an If gate's two ways as "yes" and "no", past gettext.
_GATE_LABELS = {"yes": _("có"), "no": _("không")}


def _own_incoming_edges(flow_class) -> None:
    """Point each node's incoming edges at this flow's own nodes before drawing.

    viewflow 2.4 stores incoming edges on the node objects when a flow is set up; setting up a
    subclass of a flow (tests/flowapp's UnlockedBallotFlow) rewires the parent's nodes to the
    subclass's copies, and the chart then fails ("… is not in list"). Only the chart reads
    these edges, and this recomputes them exactly as viewflow's own set-up does.
    """
    incoming = {node: [] for node in flow_class.instance.nodes()}
    for node in incoming:
        for edge in node._outgoing():
            if edge.dst in incoming:
                incoming[edge.dst].append(edge)
    for node, edges in incoming.items():
        node._incoming_edges = edges


# An exclusive gateway (If, Switch) as a diamond the size of a step with its question written inside
# ("Bị trả lại để bổ sung?"): viewflow draws a 50-px diamond with a bare "X" and keeps the name for a
# tooltip nobody finds. Same size as a step, so the rows of the layout stay even.
DECISION_SHAPE = {
    "width": 150,
    "height": 100,
    "text-align": "middle",
    "font-size": 11,
    "svg": '<path class="gateway" d="M75,0L150,50L75,100L0,50Z"/>',
}


def _label_gateways(flow_class) -> None:
    """Give each exclusive gateway of the flow the labelled diamond (idempotent; only the chart reads it)."""
    for node in flow_class.instance.nodes():
        if isinstance(node, (flow.If, flow.Switch)):
            node.shape = DECISION_SHAPE


def mark_cells(grid, tasks) -> None:
    """Colour each node by its tasks: an open task makes it current, else its latest task decides.

    viewflow's ``chart.calc_cell_status`` keeps the latest task's status and lets a new task never
    override an earlier one: a dossier back at review for the second round showed "done", and the
    council's ballot step showed "done" as soon as the last ballot created was cast, while the others
    were still open. Here a step with an open task is always the highlighted current one.
    """
    latest, current = {}, {}
    for task in tasks:  # oldest first
        latest[task.flow_task] = task.status
        if _CURRENT_RANK.get(task.status, 0) > _CURRENT_RANK.get(current.get(task.flow_task), 0):
            current[task.flow_task] = task.status
    for node in grid.nodes:
        status = current.get(node) or latest.get(node)
        if status is not None:
            grid[node].status = status


def diagram_url(process_pk: int | None) -> str:
    """The desk's diagram page of a process, for the domain's pages to link ("" when none was started)."""
    return reverse("home:process_diagram", args=[process_pk]) if process_pk else ""


def flow_grid(flow_class):
    """viewflow's layout of the flow, its gateways labelled, its gate labels in the reader's language."""
    _own_incoming_edges(flow_class)
    _label_gateways(flow_class)
    grid = chart.calc_layout_data(flow_class)
    for edge in grid.edges:
        edge.label = str(_GATE_LABELS.get(edge.label, edge.label)) if edge.label else edge.label
    return grid


def process_grid(flow_class, process):
    grid = flow_grid(flow_class)
    mark_cells(grid, process.task_set.order_by("created", "pk"))
    return grid


class ProcessDiagramView(TemplateView):
    template_name = "workflow/diagram.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        process = get_process_for_user(self.request.user, self.kwargs["process_pk"])
        flow_class = process.flow_class
        grid = process_grid(flow_class, process)
        current = list(
            process.task_set.filter(status__in=OPEN).select_related("owner").order_by("created", "pk")
        )
        context.update(
            process=process,
            flow_title=flow_class.process_title,
            grid=grid,
            cells=grid.cells,
            edges=grid.edges,
            current_tasks=current,
            current_nodes=sorted({task.flow_task.name for task in current}),
        )
        return context


class ProcessChartView(FlowChartView):
    """viewflow's chart image (SVG, or BPMN with ``?format=bpmn``) under the site's permissions.

    A process's chart is for whoever may see that process (404 alike for missing, forbidden and
    another flow's process); the flow's bare chart, without a process, keeps viewflow's check of
    the flow's view permission.
    """

    def dispatch(self, request, *args, **kwargs):
        process_pk = kwargs.get("process_pk")
        if process_pk is None:
            return super().dispatch(request, *args, **kwargs)
        process = get_process_for_user(request.user, process_pk)
        if process.flow_class is not self.flow_class:
            raise Http404
        self.process = process
        return super(FlowChartView, self).dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if kwargs.get("process_pk") is None:
            grid = flow_grid(self.flow_class)
        else:
            grid = process_grid(self.flow_class, self.process)
        if request.GET.get("format") == "bpmn":
            filename = self.flow_class.instance.flow_label.replace("/", "_")
            response = HttpResponse(chart.grid_to_bpmn(grid), content_type="application/xml")
            response["Content-Disposition"] = f'attachment; filename="{filename}.bpmn"'
            return response
        return HttpResponse(chart.grid_to_svg(grid), content_type="image/svg+xml")
