"""The task screens of the nomination flows; each POST calls a service, then completes the task.

viewflow's wrapper has already locked the process and checked that the signed-in person owns
the task (and ``workflow.middleware`` that the task belongs to the process).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.models import User
from workflow.params import posted_pk
from workflow.steps import step_run

from .. import services
from ..forms.dossiers import AchievementReportForm, AttachmentForm, LineForm, ReviewForm
from ..models import AchievementReport, Dossier, Line
from ..services.gates import papers_missing
from ..services.papers import FIELDS as REPORT_FIELDS
from ..services.papers import report_prefill


def _dossier(activation) -> Dossier:
    return (Dossier.objects.select_related("cycle__agency", "unit").prefetch_related(
        "lines__award", "lines__person", "lines__unit", "lines__commendation_kind", "rounds", "attachments")
        .get(pk=activation.process.dossier_id))


def _line_form(dossier: Dossier, data=None, line: Line | None = None) -> LineForm:
    """The form adding a line, or (``line``, prefix "edit") changing one: only the unit and its people."""
    people = User.objects.filter(unit=dossier.unit, is_active=True).alphabetical()
    if line is None:
        return LineForm(data, people=people, unit=dossier.unit, cycle=dossier.cycle)
    nominee = f"person:{line.person_id}" if line.person_id else f"unit:{line.unit_id}"
    return LineForm(data, people=people, unit=dossier.unit, cycle=dossier.cycle, prefix="edit", initial={
        "nominee": nominee, "award": line.award_id, "commendation_kind": line.commendation_kind_id,
        "achievements": line.achievements, "report_text": line.report_text})


def _edit_line(dossier: Dossier, request) -> Line | None:
    """The line being changed: ``?edit=<pk>`` to open its form, the posted ``line`` when saving it."""
    value = (request.POST.get("line") if request.method == "POST" and request.POST.get("action") == "update_line"
             else request.GET.get("edit"))
    return dossier.lines.filter(pk=posted_pk(value)).first() if value else None


def _resolve_nominee(dossier: Dossier, token: str) -> dict:
    kind, _sep, pk = token.partition(":")
    if kind == "unit" and pk.isdigit():
        unit = dossier.cycle.agency.units.filter(pk=int(pk)).first()
        if unit is not None:
            return {"unit": unit}
    if kind == "person" and pk.isdigit():
        person = User.objects.filter(pk=int(pk), unit__agency=dossier.cycle.agency).first()
        if person is not None:
            return {"person": person}
    raise ValidationError(_("Không tìm thấy cá nhân, tập thể được đề nghị trong cơ quan."))


def _report_line(dossier: Dossier, value) -> Line | None:
    return (dossier.lines.select_related("person__unit", "unit", "award", "cycle").filter(pk=posted_pk(value)).first()
            if value else None)


def _report_form(line: Line | None, data=None) -> AchievementReportForm | None:
    """The báo cáo thành tích of ``line`` as written, or prefilled from what the registries know."""
    if line is None:
        return None
    report = AchievementReport.objects.filter(line=line).first()
    initial = ({name: getattr(report, name) for name in REPORT_FIELDS} if report is not None
               else report_prefill(line))
    return AchievementReportForm(data, initial=initial, person=line.person_id is not None)


def dossier_edit_view(request, **kwargs):
    """The unit head adds lines, writes and confirms each line's báo cáo thành tích, attaches files, and
    submits (or resubmits after a return)."""
    activation = request.activation
    dossier = _dossier(activation)
    line_form, file_form, errors = _line_form(dossier), AttachmentForm(dossier=dossier), []
    report_line = _report_line(dossier, request.POST.get("line") if request.method == "POST"
                               and request.POST.get("action", "").startswith("report_") else request.GET.get("report"))
    report_form = _report_form(report_line)
    edit_line = _edit_line(dossier, request)
    edit_form = _line_form(dossier, line=edit_line) if edit_line is not None else None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add_line":
            line_form = _line_form(dossier, request.POST)
        elif action == "update_line" and edit_line is not None:
            edit_form = _line_form(dossier, request.POST, line=edit_line)
        elif action == "upload":
            file_form = AttachmentForm(request.POST, request.FILES, dossier=dossier)
        elif action == "report_save" and report_line is not None:
            report_form = AchievementReportForm(request.POST, person=report_line.person_id is not None)

        def act() -> None:
            if action == "add_line":
                if not line_form.is_valid():
                    raise ValidationError(_("Vui lòng sửa các lỗi bên dưới."))
                data = line_form.cleaned_data
                services.line_add(actor=request.user, dossier=dossier, award=data["award"],
                                  commendation_kind=data["commendation_kind"], achievements=data["achievements"],
                                  report_text=data["report_text"], **_resolve_nominee(dossier, data["nominee"]))
            elif action == "update_line":
                if edit_line is None:
                    raise ValidationError(_("Không tìm thấy dòng đề nghị."))
                if not edit_form.is_valid():
                    raise ValidationError(_("Vui lòng sửa các lỗi bên dưới."))
                data = edit_form.cleaned_data
                services.line_update(actor=request.user, line=edit_line, award=data["award"],
                                     commendation_kind=data["commendation_kind"], achievements=data["achievements"],
                                     report_text=data["report_text"], **_resolve_nominee(dossier, data["nominee"]))
            elif action == "remove_line":
                line = dossier.lines.filter(pk=posted_pk(request.POST.get("line"))).first()
                if line is None:
                    raise ValidationError(_("Không tìm thấy dòng đề nghị."))
                services.line_remove(actor=request.user, line=line)
            elif action == "upload":
                if not file_form.is_valid():
                    raise ValidationError(_("Vui lòng chọn tệp, loại tệp và dòng đề nghị của hồ sơ."))
                data = file_form.cleaned_data
                upload = data["file"]
                services.attachment_add(actor=request.user, dossier=dossier, kind=data["kind"], line=data["line"],
                                        paper=data["paper"], filename=upload.name, content=upload.read())
            elif action in ("report_save", "report_confirm", "report_pdf_retry") and report_line is None:
                raise ValidationError(_("Không tìm thấy dòng đề nghị."))
            elif action == "report_save":
                if not report_form.is_valid():
                    raise ValidationError(_("Vui lòng sửa các lỗi bên dưới."))
                services.achievement_report_save(actor=request.user, line=report_line, **report_form.cleaned_data)
            elif action == "report_confirm":
                services.achievement_report_confirm(actor=request.user, line=report_line)
            elif action == "report_pdf_retry":
                services.achievement_report_pdf_retry(actor=request.user, line=report_line)
            elif action == "submit":
                services.dossier_submit(actor=request.user, dossier=dossier)
            else:
                raise ValidationError(_("Thao tác không hợp lệ."))

        step = step_run(activation, act, complete=action == "submit")
        errors = step.errors
        if step.ok and action == "submit":
            messages.success(request, _("Đã nộp hồ sơ cho thường trực thi đua – khen thưởng. Thường trực sẽ kiểm tra "
                                        "hồ sơ; nếu hồ sơ bị trả lại, bạn được báo kèm lý do."))
            return HttpResponseRedirect("/")
        if step.ok:
            messages.success(request, _edit_done(action, edit_line if action == "update_line" else report_line))
        if step.ok and action == "update_line":
            return HttpResponseRedirect(f"{request.path}#line-{edit_line.pk}")
        if step.ok and action in ("report_save", "report_confirm", "report_pdf_retry"):
            return HttpResponseRedirect(f"{request.path}?report={report_line.pk}#report")
        if step.ok:
            return HttpResponseRedirect(request.path)
        dossier = _dossier(activation)
        if action != "upload":
            file_form = AttachmentForm(dossier=dossier)
    lines = list(dossier.lines.all())
    reports = {r.line_id: r for r in AchievementReport.objects.filter(line__dossier=dossier)}
    missing = papers_missing(cycle=dossier.cycle, lines=lines)
    return render(request, "nominations/tasks/dossier_edit.html", {
        "activation": activation, "dossier": dossier, "line_form": line_form, "file_form": file_form,
        "errors": errors, "report_line": report_line, "report_form": report_form,
        "edit_line": edit_line, "edit_form": edit_form,
        "report": reports.get(report_line.pk) if report_line else None,
        "papers": [{"line": line, "report": reports.get(line.pk), "missing": missing.get(line.pk, [])}
                   for line in lines],
    }, status=400 if errors else 200)


def _edit_done(action: str, line: Line | None) -> str:
    """What a change to the dossier did; the dossier stays with the unit until it is submitted."""
    name = line.nominee_name if line is not None else ""
    return {
        "add_line": _("Đã thêm dòng đề nghị. Lập báo cáo thành tích và đính kèm giấy tờ của dòng, rồi nộp hồ sơ."),
        "remove_line": _("Đã xóa dòng đề nghị khỏi hồ sơ."),
        "update_line": _("Đã sửa dòng đề nghị của %(name)s.") % {"name": name},
        "upload": _("Đã đính kèm tệp vào hồ sơ."),
        "report_save": _("Đã lưu báo cáo thành tích của %(name)s. Xác nhận báo cáo (trưởng đơn vị) trước khi nộp "
                         "hồ sơ.") % {"name": name},
        "report_confirm": _("Đã xác nhận báo cáo thành tích của %(name)s. Tệp PDF đang được tạo.") % {"name": name},
        "report_pdf_retry": _("Đã yêu cầu tạo lại tệp PDF báo cáo thành tích của %(name)s.") % {"name": name},
    }.get(action, _("Đã lưu hồ sơ."))


def dossier_review_view(request, **kwargs):
    """The secretariat accepts the dossier (refusing single lines with a note) or returns it."""
    activation = request.activation
    dossier = _dossier(activation)
    form, errors = ReviewForm(request.POST or None), []
    if request.method == "POST" and form.is_valid():
        rejected = {
            line.pk: request.POST.get(f"note_{line.pk}", "")
            for line in dossier.lines.all() if request.POST.get(f"refuse_{line.pk}")
        }
        step = step_run(activation, lambda: services.dossier_review(
            actor=request.user, dossier=dossier, accept=form.cleaned_data["decision"] == "accept",
            reason=form.cleaned_data["reason"], rejected_lines=rejected, acknowledge=form.cleaned_data["acknowledge"]))
        errors = step.errors
        if step.ok:
            accepted = form.cleaned_data["decision"] == "accept"
            messages.success(request, (_(
                "Đã ghi nhận kết quả kiểm tra hồ sơ. Đã tiếp nhận hồ sơ của %(unit)s (%(refused)s dòng không tiếp "
                "nhận); các dòng được tiếp nhận chờ đưa ra Hội đồng.") if accepted else _(
                "Đã ghi nhận kết quả kiểm tra hồ sơ. Đã trả lại hồ sơ cho %(unit)s kèm lý do; đơn vị bổ sung rồi nộp "
                "lại.")) % {"unit": dossier.unit.name, "refused": len(rejected)})
            return HttpResponseRedirect("/")
    return render(request, "nominations/tasks/dossier_review.html", {
        "activation": activation, "dossier": dossier, "form": form, "errors": errors,
    }, status=400 if errors else 200)
