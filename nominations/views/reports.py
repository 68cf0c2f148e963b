"""Pages of the annual report (domain §7): the reports a person may see, one report with its
sections and open steps, one section. Thin: services write, selectors read (404 alike)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Agency, User
from accounts.roles import PERM_SECRETARIAT
from accounts.scope import objects_with_perms
from accounts.selectors import agencies_in_scope
from workflow.audit.timeline import history_entries
from workflow.diagrams import diagram_url
from workflow.exports import ExcelExportMixin
from workflow.params import posted_pk
from workflow.selectors import actionable_tasks

from .. import exports
from ..forms.reports import OpenReportForm, ReferenceForm
from ..models import AnnualReportProcess, ReportReference
from ..processes.report import report_start
from ..selectors import report as selectors
from ..services import report as report_services

FLOW_NAMESPACE = "annualreport"



def open_tasks(report_pk: int, user: User) -> list[dict]:
    """The open steps of the report's process the person may take or do, with their URLs."""
    tasks = Task.objects.filter(
        process__in=AnnualReportProcess.objects.filter(report_id=report_pk).values("pk"),
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    ).select_related("process").order_by("pk")
    return actionable_tasks(tasks, user, FLOW_NAMESPACE)


def _secretariat_agencies(user: User):
    return objects_with_perms(user, PERM_SECRETARIAT, Agency)


class ReportIndexView(ExcelExportMixin, TemplateView):
    """The annual reports the person may see; the secretariat opens the year's report here."""

    template_name = "nominations/reports/index.html"
    export_spec = exports.REPORTS

    def export_rows(self):
        return selectors.reports_for_user(self.request.user).select_related("agency", "document").order_by(
            "-year", "agency__name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            reports=list(selectors.reports_for_user(user).order_by("-year", "agency__name")),
            agencies_to_open=list(_secretariat_agencies(user)),
            open_form=OpenReportForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = OpenReportForm(request.POST)
        agency = agencies_in_scope(request.user).filter(pk=posted_pk(request.POST.get("agency"))).first()
        if agency is None:
            raise Http404
        if not form.is_valid():
            messages.error(request, _("Nhập năm báo cáo hợp lệ."))
            return redirect(reverse("reports:index"))
        try:
            process = report_start(actor=request.user, agency=agency, year=form.cleaned_data["year"])
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError)
                           else (str(exc) or _("Bạn không có quyền thực hiện thao tác này.")))
            return redirect(reverse("reports:index"))
        messages.success(request, _("Đã mở báo cáo tổng kết năm %(year)s; các đơn vị được giao viết phần của mình.")
                         % {"year": form.cleaned_data["year"]})
        return redirect(reverse("reports:detail", args=[process.report_id]))


class ReportDetailView(ExcelExportMixin, TemplateView):
    """One report: its status, the sections the person may see, the document, the open steps and the
    statistics by title and outcome from the data (also as Excel: the table Sở Nội vụ asks for)."""

    template_name = "nominations/reports/detail.html"
    export_spec = exports.STATISTICS

    def export_rows(self):
        report = selectors.get_report_for_user(self.request.user, self.kwargs["pk"])
        return exports.statistics_rows(selectors.award_statistics(agency=report.agency, year=report.year))

    def get_context_data(self, pk: int, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        report = selectors.get_report_for_user(user, pk)
        context.update(
            report=report,
            sections=selectors.sections_as_read(user, selectors.sections_for_user(user, report)),
            tasks=open_tasks(report.pk, user),
            diagram_url=diagram_url(AnnualReportProcess.objects.filter(report_id=report.pk).order_by("-pk")
                                    .values_list("pk", flat=True).first()),
            statistics=selectors.award_statistics(agency=report.agency, year=report.year),
            history=history_entries(report)[::-1][:20],
            references=ReportReference.objects.filter(agency=report.agency, year=report.year)
            .select_related("movement").order_by("role", "position", "date", "pk"),
            can_edit_references=not report.is_signed and _secretariat_agencies(user).filter(
                pk=report.agency_id).exists(),
        )
        context.setdefault("reference_form", ReferenceForm(report=report))
        return context

    def post(self, request, pk: int, *args, **kwargs):
        """The secretariat adds a document the report cites, or removes one."""
        report = selectors.get_report_for_user(request.user, pk)
        action = request.POST.get("action")
        try:
            if action == "reference_add":
                form = ReferenceForm(request.POST, report=report)
                if not form.is_valid():
                    messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
                    return self.render_to_response(self.get_context_data(pk=pk, reference_form=form))
                report_services.report_reference_add(actor=request.user, report=report, **form.cleaned_data)
                messages.success(request, _("Đã ghi văn bản dẫn trong báo cáo."))
            elif action == "reference_remove":
                reference = ReportReference.objects.filter(pk=posted_pk(request.POST.get("reference")),
                                                           agency=report.agency, year=report.year).first()
                if reference is None:
                    raise Http404
                report_services.report_reference_remove(actor=request.user, report=report, reference=reference)
                messages.success(request, _("Đã bỏ văn bản khỏi báo cáo."))
            else:
                raise Http404
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError)
                           else (str(exc) or _("Bạn không có quyền thực hiện thao tác này.")))
        return redirect(reverse("reports:detail", args=[report.pk]) + "#report-references")


class SectionDetailView(TemplateView):
    template_name = "nominations/reports/section.html"

    def get_context_data(self, pk: int, **kwargs):
        context = super().get_context_data(**kwargs)
        section = selectors.get_section_for_user(self.request.user, pk)
        section = selectors.sections_as_read(self.request.user, [section])[0]
        context.update(section=section, report=section.report, tasks=open_tasks(section.report_id, self.request.user))
        return context
