"""The diagram of a process: viewflow's chart of its flow, the current steps highlighted.

viewflow draws the chart (``viewflow.workflow.chart``) and marks each node with the status of
its latest task; the page embeds that SVG in the site shell and lists the current steps.
"""

from __future__ import annotations

from django.views.generic import TemplateView
from viewflow.workflow import chart
from viewflow.workflow.status import STATUS

from .selectors import get_process_for_user

CURRENT = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


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


class ProcessDiagramView(TemplateView):
    template_name = "workflow/diagram.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        process = get_process_for_user(self.request.user, self.kwargs["process_pk"])
        flow_class = process.flow_class
        _own_incoming_edges(flow_class)
        grid = chart.calc_layout_data(flow_class)
        chart.calc_cell_status(flow_class, grid, process.pk)
        current = list(
            process.task_set.filter(status__in=CURRENT).select_related("owner").order_by("created", "pk")
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
