"""The annual report (báo cáo tổng kết công tác thi đua, khen thưởng; domain §7; design §3 flow 5).

The secretariat opens the year's report → one section per unit, written in parallel by each unit
head (``DynamicSplit``) → join → the secretariat compiles the report from the sections and the
data (a section may go back to its unit head with a reason, loop) → the chief approves and signs
the numbered Báo cáo (a deputy acting by delegation signs "KT.") or returns it to the secretariat
→ Sở Nội vụ acknowledges it or returns it to the secretariat → end.
Nodes call ``nominations.services.report``; each human step has a due date in working days.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from accounts.models import User
from accounts.roles import PERM_CHIEF, PERM_HOME_AFFAIRS, PERM_SECRETARIAT, Role
from accounts.selectors import role_holders
from workflow.locks import process_lock
from workflow.nodes import DynamicSplit, View, lazy_view
from workflow.registry import register_flow

from ..deadlines import NOBODY, TO_CHIEF, TO_DEPUTY, TO_OWN_CHIEF
from ..models import AnnualReport, AnnualReportProcess, ReportStatus
from ..process_kinds import REPORT
from ..selectors.report import units_reporting
from ..services.report import annual_report_open

VIEWS = "nominations.views.report_tasks."


def _status(activation) -> str:
    """The report's status as the service left it (the process may hold an older copy)."""
    return REPORT.carried(activation.process).status


def _section_head(activation) -> User:
    return User.objects.get(pk=activation.task.data["person"])


def _returned_section_head(activation) -> User | None:
    report = AnnualReport.objects.select_related("returned_section__unit").get(pk=activation.process.report_id)
    return role_holders(Role.UNIT_HEAD, over=report.returned_section.unit).first()


def _sections(activation) -> list[dict]:
    heads = {unit.pk: head for unit, head in units_reporting(activation.process.report.agency)}
    return [{"section": section.pk, "person": heads[section.unit_id].pk}
            for section in activation.process.report.sections.order_by("unit__position", "pk")
            if section.unit_id in heads]


class _SignedInViewMixin:
    def has_view_permission(self, user, obj=None) -> bool:
        """Everyone signed in reaches the flow's pages; what they see is filtered by the selectors."""
        return user.is_authenticated and user.is_active


@register_flow
class AnnualReportFlow(_SignedInViewMixin, flow.Flow):
    """Báo cáo tổng kết công tác thi đua, khen thưởng năm gửi Sở Nội vụ: the year-end report Sở Nội vụ
    requests of every agency (domain §7; the seed answers Công văn 1273/SNV-TĐKT and 122/BTĐKT-THHC),
    numbered and signed as a Báo cáo (Nghị định 30/2020/NĐ-CP, Điều 13 for "KT.")."""

    process_class = AnnualReportProcess
    lock_impl = process_lock
    process_title = _("Báo cáo tổng kết thi đua, khen thưởng")
    process_summary_template = "{{ process }}"  # viewflow's lists name what the process carries

    start = flow.StartHandle(this.start_report).Annotation(title=_("Mở báo cáo năm")).Next(this.split)
    split = DynamicSplit().Annotation(title=_("Giao báo cáo cho các đơn vị")).Next(this.write, data_source=_sections)
    write = (
        View(lazy_view(VIEWS + "write_view")).Annotation(title=_("Viết báo cáo của đơn vị"))
        .Assign(_section_head).Deadline(step="report.write", escalate_to=TO_DEPUTY).Next(this.join)
    )
    join = flow.Join().Annotation(title=_("Chờ đủ báo cáo của các đơn vị")).Next(this.compile)
    compile = (
        View(lazy_view(VIEWS + "compile_view")).Annotation(title=_("Tổng hợp báo cáo"))
        .Permission(PERM_SECRETARIAT, obj=REPORT.agency_of)
        .Deadline(step="report.compile", escalate_to=TO_CHIEF).Next(this.compiled)
    )
    compiled = (
        flow.If(lambda activation: _status(activation) == ReportStatus.SECTION_RETURNED)
        .Annotation(title=_("Trả lại báo cáo của đơn vị?"))
        .Then(this.rewrite)
        .Else(this.sign)
    )
    rewrite = (
        View(lazy_view(VIEWS + "rewrite_view")).Annotation(title=_("Bổ sung báo cáo của đơn vị"))
        .Assign(_returned_section_head).Deadline(step="report.rewrite", escalate_to=TO_DEPUTY).Next(this.compile)
    )
    sign = (
        View(lazy_view(VIEWS + "sign_view")).Annotation(title=_("Duyệt và ký báo cáo"))
        .Permission(PERM_CHIEF, obj=REPORT.agency_of).SoleHolder()
        .Deadline(step="report.sign", escalate_to=NOBODY).Next(this.signed)
    )
    signed = (
        flow.If(lambda activation: _status(activation) == ReportStatus.SENT)
        .Annotation(title=_("Đã ký và gửi?"))
        .Then(this.home_affairs)
        .Else(this.compile)
    )
    home_affairs = (
        View(lazy_view(VIEWS + "home_affairs_view")).Annotation(title=_("Tiếp nhận báo cáo"))
        .Permission(PERM_HOME_AFFAIRS, obj=lambda process: REPORT.agency_of(process).province)
        .Deadline(step="report.home_affairs", escalate_to=TO_OWN_CHIEF).Next(this.decided)
    )
    decided = (
        flow.If(lambda activation: _status(activation) == ReportStatus.ACKNOWLEDGED)
        .Annotation(title=_("Sở Nội vụ đã tiếp nhận?"))
        .Then(this.end)
        .Else(this.compile)
    )
    end = flow.End().Annotation(title=_("Kết thúc"))

    def start_report(self, activation, *, actor, agency, year):
        activation.process.report = annual_report_open(actor=actor, agency=agency, year=year)
        return activation.process
