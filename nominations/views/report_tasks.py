"""The human steps of the annual report flow (``nominations.flows.report``): thin views over the services.

viewflow has already checked that the signed-in person owns the task and locked the process;
a refused step (a Vietnamese error) changes nothing and leaves the task open.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from workflow.delegation.selectors import signature_for
from workflow.steps import form_messages, step_run

from ..forms.reports import CompileForm, DecisionForm, ReturnSectionForm, SectionForm
from ..models import REPORT_PROSE_FIELDS, SECTION_PROSE_FIELDS, AnnualReport, ReportSection
from ..selectors import report as selectors
from ..selectors.previews import report_previews
from ..services import report as services
from .signing import signing_post

TEMPLATE = "nominations/reports/task.html"


def _report(activation) -> AnnualReport:
    return AnnualReport.objects.select_related("agency", "document", "returned_section__unit").get(
        pk=activation.process.report_id)


def _page(report: AnnualReport) -> str:
    return reverse("reports:detail", args=[report.pk])


def _section_step(request, section: ReportSection, *, title: str):
    """The unit head writes the section: "save" keeps the step open, "submit" sends it."""
    activation = request.activation
    initial = {name: getattr(section, name) for name in SECTION_PROSE_FIELDS}
    form = SectionForm(request.POST if request.method == "POST" else None, initial=initial)
    errors: list[str] = []
    if request.method == "POST":
        save = request.POST.get("action") == "save"
        if not form.is_valid():
            errors = form_messages(form)
        else:
            service = services.report_section_save if save else services.report_section_submit
            step = step_run(activation, lambda: service(actor=request.user, section=section, fields=form.cleaned_data),
                            complete=not save)
            errors = step.errors
            if step.ok:
                if save:
                    messages.success(request, _("Đã lưu phần báo cáo của đơn vị."))
                    return redirect(request.get_full_path())
                messages.success(request, _("Đã gửi phần báo cáo cho thường trực thi đua – khen thưởng."))
                return redirect(_page(section.report))
    return render(request, TEMPLATE, {
        "task_title": title, "report": section.report, "section": section, "form": form, "errors": errors,
        "step": "write", "button": _("Gửi phần báo cáo"), "save_button": _("Lưu nháp"),
    })


def write_view(request, **kwargs):
    """The unit head writes and sends the unit's section."""
    section = ReportSection.objects.select_related("report__agency", "unit").get(
        pk=request.activation.task.data["section"])
    return _section_step(request, section, title=_("Viết báo cáo tổng kết của đơn vị"))


def rewrite_view(request, **kwargs):
    """The unit head supplements the section the secretariat returned."""
    report = _report(request.activation)
    return _section_step(request, report.returned_section, title=_("Bổ sung báo cáo tổng kết của đơn vị"))


def compile_view(request, **kwargs):
    """The secretariat compiles: the form starts from the data and the sections (or what was saved),
    "preview" refreshes the DỰ THẢO, "finish" sends the report to the chief, "return_section" sends
    one section back to its unit head."""
    activation = request.activation
    report = _report(activation)
    sections = list(report.sections.select_related("unit", "submitted_by"))
    facts = selectors.year_facts(report.agency, report.year)
    saved = any(getattr(report, name) for name in REPORT_PROSE_FIELDS)
    initial = ({name: getattr(report, name) for name in REPORT_PROSE_FIELDS} if saved
               else selectors.prose_prefill(report, facts=facts, sections=sections))
    action = request.POST.get("action") if request.method == "POST" else None
    form = CompileForm(request.POST if action in ("preview", "finish") else None, initial=initial)
    return_form = ReturnSectionForm(request.POST if action == "return_section" else None, report=report)
    errors: list[str] = []
    if action in ("preview", "finish"):
        if not form.is_valid():
            errors = form_messages(form)
        else:
            step = step_run(activation, lambda: services.annual_report_compile(
                actor=request.user, report=report, prose=form.cleaned_data, finish=action == "finish"),
                complete=action == "finish")
            errors = step.errors
            if step.ok:
                report = step.value
                if action == "preview":
                    messages.success(request, _("Đã lưu. Bản dự thảo (không số) đã sẵn sàng để xem."))
                    return redirect(request.get_full_path())
                messages.success(request, _("Đã tổng hợp và trình lãnh đạo ký."))
                return redirect(_page(report))
    elif action == "return_section":
        if not return_form.is_valid():
            errors = form_messages(return_form)
        else:
            step = step_run(activation, lambda: services.annual_report_return_section(
                actor=request.user, report=report, section=return_form.cleaned_data["section"],
                reason=return_form.cleaned_data["reason"]))
            errors = step.errors
            if step.ok:
                messages.success(request, _("Đã trả lại phần báo cáo cho đơn vị."))
                return redirect(_page(report))
    elif action is not None:
        errors = [_("Thao tác không hợp lệ.")]
    return render(request, TEMPLATE, {
        "task_title": _("Tổng hợp báo cáo tổng kết thi đua, khen thưởng"), "report": report,
        "sections": selectors.sections_as_read(request.user, sections),
        "facts": facts, "statistics": selectors.award_statistics(agency=report.agency, year=report.year),
        "form": form, "return_form": return_form, "errors": errors, "step": "compile",
    })


def sign_view(request, **kwargs):
    """The chief (or a deputy acting by delegation, "KT.") reads the Báo cáo's draft and signs it, ticking that he
    read it — it takes its number — or returns it to the secretariat with a reason. Either way he lands on the
    report's page, which links the Báo cáo."""
    activation = request.activation
    report = _report(activation)
    errors: list[str] = []
    if request.method == "POST":
        outcome = signing_post(
            request, sign=lambda: services.annual_report_sign(actor=request.user, report=report),
            give_back=lambda reason: services.annual_report_return(actor=request.user, report=report, reason=reason))
        if outcome.ok:
            messages.success(request, _("Đã trả lại báo cáo cho Thường trực kèm lý do; Thường trực chỉnh sửa rồi "
                                                                 "trình lại.") if outcome.returned
                             else _("Đã ký báo cáo; báo cáo được cấp số, tạo bản PDF trong giây lát và gửi Sở Nội vụ."))
            return redirect(_page(report))
        errors = outcome.errors
    return render(request, TEMPLATE, {
        "task_title": _("Duyệt và ký báo cáo tổng kết"), "report": report, "errors": errors,
        "signature": signature_for(activation.task), "step": "sign", "button": _("Duyệt và ký"),
        "previews": report_previews(actor=request.user, report=report),
    }, status=400 if errors else 200)


def home_affairs_view(request, **kwargs):
    """Sở Nội vụ acknowledges the report or returns it with the reason."""
    activation = request.activation
    report = _report(activation)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    form.fields["decision"].choices = [("accept", _("Tiếp nhận")), ("return", _("Trả lại"))]
    errors: list[str] = []
    if request.method == "POST":
        if not form.is_valid():
            errors = form_messages(form)
        else:
            step = step_run(activation, lambda: services.annual_report_home_affairs_decide(
                actor=request.user, report=report, acknowledge=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"]))
            errors = step.errors
            if step.ok:
                if form.cleaned_data["decision"] == "accept":
                    messages.success(request, _("Đã tiếp nhận báo cáo tổng kết năm %(year)s của %(agency)s.") % {
                        "year": report.year, "agency": report.agency.name})
                else:
                    messages.success(request, _("Đã trả lại báo cáo tổng kết cho %(agency)s kèm ý kiến; cơ quan chỉnh "
                                                "sửa rồi trình lại.") % {"agency": report.agency.name})
                return redirect(_page(report))
    return render(request, TEMPLATE, {
        "task_title": _("Tiếp nhận báo cáo tổng kết"), "report": report, "form": form, "errors": errors,
        "step": "home_affairs", "button": _("Ghi nhận"),
    })
