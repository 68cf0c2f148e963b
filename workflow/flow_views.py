"""viewflow's flow viewsets with their two "every process / every task of the flow" lists scoped.

viewflow's ``DashboardProcessListView`` and ``DashboardTaskListView`` list every process and task
of a flow to anyone who may view the flow: a unit head saw the registrations of every unit and
agency, with their summaries. Here they list only the processes the person took part in (held or
was handed a task of); the domain's own pages list what a role may see more widely. The list is
also ordered (viewflow's count annotation drops ``Meta.ordering`` and pagination then warns).

The chart of a process (the image on every task and process page) is shown to whoever may see the
process (``diagrams.ProcessChartView``), not to holders of the flow's model-level view permission.
"""

from __future__ import annotations

from django.db.models import Q
from viewflow.workflow.flow import FlowAppViewset as BaseFlowAppViewset
from viewflow.workflow.flow import FlowViewset as BaseFlowViewset
from viewflow.workflow.flow import views
from viewflow.workflow.models import Task

from .diagrams import ProcessChartView


def _taken_part(user):
    return Task.objects.filter(
        Q(owner=user) | Q(handovers__from_user=user) | Q(handovers__to_user=user)
    ).values("process_id")


class ScopedProcessListView(views.DashboardProcessListView):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=_taken_part(self.request.user)).order_by("-created", "-pk")


class ScopedTaskListView(views.DashboardTaskListView):
    def get_queryset(self):
        return super().get_queryset().filter(process_id__in=_taken_part(self.request.user)).order_by(
            "-created", "-pk")


class FlowViewset(BaseFlowViewset):
    process_list_view_class = ScopedProcessListView
    task_list_view_class = ScopedTaskListView
    chart_view_class = ProcessChartView


class FlowAppViewset(BaseFlowAppViewset):
    process_list_view_class = ScopedProcessListView
    task_list_view_class = ScopedTaskListView
    chart_view_class = ProcessChartView
