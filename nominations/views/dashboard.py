"""The dashboard page: the cycle at a glance for the person's role, charts drawn as SVG on the server."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from workflow.charts import bar_chart, stacked_bar_chart

from ..selectors.dashboard import dashboard_for_user


def _int(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise Http404 from None


class DashboardView(TemplateView):
    template_name = "nominations/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        board = dashboard_for_user(self.request.user, cycle_id=_int(self.request.GET.get("cycle")),
                                   year=_int(self.request.GET.get("year")))
        charts = {}
        if board.scope.level == "province":
            charts["submissions"] = bar_chart(title=_("Tờ trình theo cơ quan"), rows=board.submissions_by_agency)
            charts["answers"] = bar_chart(title=_("Các dòng đề nghị theo ý kiến Sở Nội vụ"),
                                          rows=board.answers_by_status)
        else:
            charts["status"] = bar_chart(title=_("Hồ sơ theo trạng thái"), rows=board.by_status)
            charts["units"] = bar_chart(title=_("Hồ sơ theo đơn vị"), rows=board.by_unit)
            charts["titles"] = stacked_bar_chart(title=_("Các dòng đề nghị theo danh hiệu và kết quả"),
                                                 categories=board.titles, series=board.outcomes,
                                                 values=board.lines_by_title)
        if board.steps:
            charts["steps"] = bar_chart(title=_("Thời gian xử lý trung vị theo bước (ngày)"),
                                        rows=[(s.label, s.median_days) for s in board.steps])
        context.update(board=board, charts=charts, years=board.years)
        return context
