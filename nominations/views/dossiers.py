"""Pages of cycles and dossiers: lists with filters and search, the dossier page, file download."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView
from viewflow.workflow import flow
from viewflow.workflow.status import STATUS

from accounts import vietnamese
from accounts.roles import Role
from accounts.selectors import agencies_in_scope, roles_here
from workflow.dates import DateField
from workflow.deadlines.selectors import with_due_dates
from workflow.diagrams import diagram_url
from workflow.exports import ExcelExportMixin
from workflow.params import posted_pk

from .. import exports, services
from ..models import Award, CommendationKind, Cycle, DossierStatus, Movement
from ..models.cycles import DEFAULT_KIND_CODE
from ..processes.dossier import dossier_open, line_withdraw, urgent_dossier_open
from ..selectors import (
    attachments_for_user,
    cycles_for_user,
    cycles_managed_by,
    get_attachment_for_user,
    get_cycle_for_user,
    get_dossier_for_user,
    get_managed_cycle,
    lines_for_user,
    reads_as_sent,
    submissions_sent_to,
    unit_heads_cycles,
)
from ..selectors.dashboard import dashboard_scope
from ..selectors.deadlines import with_task_due
from ..selectors.dossiers import count_lines_and_rounds, dossier_list_for_user
from ..selectors.results import line_decisions


class DossierFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(label=gettext_lazy("Đợt xét"), queryset=Cycle.objects.none())
    status = django_filters.ChoiceFilter(label=gettext_lazy("Trạng thái"), choices=DossierStatus.choices)
    award = django_filters.ModelChoiceFilter(label=gettext_lazy("Danh hiệu"), queryset=Award.objects.all(),
                                             method="filter_award")
    q = django_filters.CharFilter(label=gettext_lazy("Tìm theo tên"), method="filter_name")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["cycle"].queryset = cycles_for_user(user)
        # Only the lines the person may read: Sở Nội vụ must not find a dossier by a line it cannot see.
        self.lines = lines_for_user(user)

    def filter_award(self, queryset, name, value):
        return queryset.filter(pk__in=self.lines.filter(award=value).values("dossier"))

    def filter_name(self, queryset, name, value):
        folded = vietnamese.fold(value)
        return queryset.filter(
            pk__in=self.lines.filter(person__name_search_key__contains=folded).values("dossier")
        ) | queryset.filter(unit__name__icontains=value)


class DossierListView(ExcelExportMixin, ListView):
    export_spec = exports.DOSSIERS
    template_name = "nominations/dossier_list.html"
    paginate_by = 100

    def get_queryset(self):
        self.filterset = DossierFilter(self.request.GET or None, queryset=dossier_list_for_user(self.request.user),
                                       user=self.request.user)
        return with_task_due(self.filterset.qs).order_by("-cycle__year", "unit__position", "unit__name", "pk")

    def export_rows(self):
        rows = list(self.get_queryset())
        count_lines_and_rounds(self.request.user, rows)
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter=self.filterset,
                                           has_dashboard=dashboard_scope(self.request.user) is not None, **kwargs)
        # Counted for the page only (the list's own query neither groups nor joins the lines).
        context["object_list"] = rows = list(context["object_list"])
        count_lines_and_rounds(self.request.user, rows)
        return context


class DossierDetailView(DetailView):
    template_name = "nominations/dossier_detail.html"
    context_object_name = "dossier"

    def get_object(self, queryset=None):
        return get_dossier_for_user(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        process = getattr(self.object, "process", None)
        context["tasks"] = tasks = (list(with_due_dates(process.task_set.select_related("owner"))
                                         .order_by("created", "pk"))
                                    if process else [])
        context["my_task_url"] = next((url for task in tasks if (url := task_url_for(self.request.user, task))), "")
        context["steps"] = [task for task in tasks if _titled(task.flow_task)]
        context["diagram_url"] = diagram_url(process.pk if process else None)
        user, dossier = self.request.user, self.object
        # What the reader may see of it: the whole dossier, or for Sở Nội vụ the lines of its Tờ trình
        # and their files (selectors.dossiers.lines_for_user / attachments_for_user, as the download checks).
        context["lines"] = lines = list(
            lines_for_user(user).filter(dossier=dossier)
            .select_related("person", "unit", "award", "commendation_kind", "agenda_item")
            .order_by("position", "pk"))
        decisions = line_decisions(user=user, lines=lines)
        for line in lines:
            line.decision = decisions.get(line.pk)
        context["attachments"] = attachments_for_user(user).filter(dossier=dossier).order_by("pk")
        # While the unit may change it, anyone else reads the dossier as last sent; lines of that round the unit has
        # deleted since are shown from the round's record (to the unit, marked as deleted, not yet sent).
        last = dossier.rounds.order_by("-number").first() if dossier.editable else None
        if last is not None:
            present = {line.pk for line in lines}
            context["withdrawn"] = [entry for entry in last.lines if entry.get("id") not in present]
            context["as_sent"] = reads_as_sent(user, dossier)
            context["withdrawn_marked"] = not context["as_sent"]
            context["last_round"] = last
        context["submissions"] = (submissions_sent_to(user).filter(lines__dossier=dossier)
                                  .select_related("document").order_by("pk").distinct())
        context["tallies"] = [line.agenda_item for line in lines
                              if hasattr(line, "agenda_item") and line.agenda_item.passed is not None]
        context["can_withdraw"] = Role.SECRETARIAT in roles_here(user, dossier.cycle.agency)
        return context

    def post(self, request, pk):
        """The secretariat withdraws an accepted line (``processes.dossier.line_withdraw``)."""
        dossier = self.object = self.get_object()
        line = dossier.lines.filter(pk=posted_pk(request.POST.get("line"))).first()
        if request.POST.get("action") != "withdraw_line" or line is None:
            raise Http404
        try:
            line_withdraw(actor=request.user, line=line, reason=request.POST.get("reason", "")[:1000])
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Đã rút “%(line)s” khỏi đợt xét.") % {
                "line": f"{line.nominee_name} — {line.award.name}"})
        return redirect("nominations:dossier", pk=dossier.pk)


def _titled(node) -> bool:
    """A step people take or wait on: the start, a person's task, the wait for the council (a
    handle); not the gateways and the end, which the diagram shows."""
    return node.task_type in ("START", "HUMAN_START", "HUMAN") or isinstance(node, flow.Handle)


def task_url_for(user, task) -> str:
    """Where the person acts on an open task of the dossier: execute their own, or take it from the queue."""
    node = task.flow_task
    namespace = "dossier"
    if task.status == STATUS.ASSIGNED and task.owner_id == user.pk:
        return reverse(f"{namespace}:{node.name}:execute", args=[task.process_id, task.pk])
    if task.status == STATUS.NEW and hasattr(node, "can_assign") and node.can_assign(user, task):
        return reverse(f"{namespace}:{node.name}:assign", args=[task.process_id, task.pk])
    return ""


class AttachmentDownloadView(View):
    """Files are served only here, to people who may see the dossier, as attachments."""

    def get(self, request, pk):
        attachment = get_attachment_for_user(request.user, pk)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        return FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                            content_type=attachment.content_type)


class CycleForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("Cơ quan"), queryset=None)
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=1945, max_value=2100)
    name = forms.CharField(label=gettext_lazy("Tên đợt xét"), max_length=200)
    kind = forms.ModelChoiceField(label=gettext_lazy("Loại hình khen thưởng"), queryset=CommendationKind.objects.all(),
                                  empty_label=None, required=False)  # not sent: thường xuyên (cycle_open)
    nominations_due = DateField(label=gettext_lazy("Hạn nộp hồ sơ"))
    posting_from = DateField(label=gettext_lazy("Công khai từ ngày"), required=False)
    posting_to = DateField(label=gettext_lazy("Công khai đến ngày"), required=False)
    movement = forms.ModelChoiceField(
        label=gettext_lazy("Phong trào thi đua (khen thưởng theo chuyên đề)"), required=False,
        queryset=Movement.objects.filter(is_active=True).order_by("position", "pk"))
    period_from = DateField(label=gettext_lazy("Thành tích từ ngày (theo chuyên đề)"), required=False)
    period_to = DateField(label=gettext_lazy("Thành tích đến ngày (theo chuyên đề)"), required=False)
    council_date = DateField(label=gettext_lazy("Ngày họp Hội đồng"), required=False)
    posting_public = forms.BooleanField(
        label=gettext_lazy("Công khai cả trên trang không cần đăng nhập (để cổng thông tin điện tử dẫn tới)"),
        required=False)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        only = list(agencies[:2]) if agencies is not None else []
        if len(only) == 1:
            # The secretariat of one agency had to pick it from a list of one before the form would send.
            self.fields["agency"].initial = only[0].pk
        self.fields["kind"].initial = CommendationKind.objects.filter(code=DEFAULT_KIND_CODE).first()


class UrgentForm(forms.Form):
    """A unit head reports a thành tích đột xuất of the unit or one of its people."""

    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị"), queryset=None, empty_label=None)
    deed = forms.CharField(label=gettext_lazy("Thành tích đột xuất"), max_length=150, min_length=10,
                           help_text=gettext_lazy("Ngắn gọn: việc gì, ở đâu, ngày nào (ví dụ “cứu người bị nạn tại "
                                                  "sông Trà Khúc ngày 02/12”)."))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class CycleListView(ExcelExportMixin, TemplateView):
    """Cycles in scope; the secretariat opens one; a unit head opens the unit's dossier."""

    template_name = "nominations/cycle_list.html"
    export_spec = exports.CYCLES

    def export_rows(self):
        return cycles_for_user(self.request.user).order_by("-year", "-pk")

    def _agencies(self):
        return agencies_in_scope(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", CycleForm(agencies=self._agencies()))
        units = unit_heads_cycles(self.request.user)
        context.setdefault("urgent_form", UrgentForm(units=units) if units.exists() else None)
        context["cycles"] = cycles_for_user(self.request.user).order_by("-year", "-pk")
        context["headed_units"] = unit_heads_cycles(self.request.user)
        context["managed_cycles"] = set(cycles_managed_by(self.request.user).values_list("pk", flat=True))
        return context

    def _open_urgent(self, request):
        form = UrgentForm(request.POST, units=unit_heads_cycles(request.user))
        if form.is_valid():
            try:
                dossier = urgent_dossier_open(actor=request.user, unit=form.cleaned_data["unit"],
                                              deed=form.cleaned_data["deed"])
            except PermissionDenied as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Đã lập hồ sơ đề nghị khen thưởng đột xuất: thêm một dòng đề nghị, báo "
                                            "cáo tóm tắt thành tích, rồi nộp trước %(due)s.")
                                 % {"due": f"{dossier.cycle.nominations_due:%d/%m/%Y}"})
                return redirect("nominations:dossier", pk=dossier.pk)
        return self.render_to_response(self.get_context_data(urgent_form=form), status=400)

    def post(self, request):
        if request.POST.get("action") == "open_urgent":
            return self._open_urgent(request)
        if request.POST.get("action") == "open_dossier":
            cycle = get_cycle_for_user(request.user, posted_pk(request.POST.get("cycle")))
            unit = unit_heads_cycles(request.user).filter(pk=posted_pk(request.POST.get("unit"))).first()
            if unit is None:
                raise Http404
            try:
                dossier = dossier_open(actor=request.user, cycle=cycle, unit=unit)
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
                return redirect(request.path)
            messages.success(request, _("Đã lập hồ sơ đề nghị khen thưởng của %(unit)s. Mở “Xử lý hồ sơ” để thêm dòng "
                                        "đề nghị, giấy tờ, rồi nộp trước hạn.") % {"unit": unit.name})
            return redirect("nominations:dossier", pk=dossier.pk)
        form = CycleForm(request.POST, agencies=self._agencies())
        if form.is_valid():
            try:
                services.cycle_open(actor=request.user, **form.cleaned_data)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Đã mở đợt xét."))
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal shown next to the field it names ("council_date": …), the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class CycleEditForm(CycleForm):
    """The cycle's name and dates; agency and year stay as the cycle was opened."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, agencies=None, **kwargs)
        del self.fields["agency"], self.fields["year"], self.fields["kind"]
        del self.fields["movement"], self.fields["period_from"], self.fields["period_to"]


class CycleEditView(TemplateView):
    """The secretariat corrects a cycle's name and dates, closes it or opens it again (history and audit
    through ``services.cycle_update`` / ``cycle_close`` / ``cycle_reopen``). 404 for anyone else."""

    template_name = "nominations/cycle_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycle = context["cycle"] = get_managed_cycle(self.request.user, self.kwargs["pk"])
        context.setdefault("form", CycleEditForm(initial={
            field: getattr(cycle, field) for field in services.cycles.EDITABLE_FIELDS}))
        return context

    def post(self, request, pk):
        cycle = get_managed_cycle(request.user, pk)
        action = request.POST.get("action", "save")
        if action in ("close", "reopen"):
            change = services.cycle_close if action == "close" else services.cycle_reopen
            try:
                change(actor=request.user, cycle=cycle, reason=request.POST.get("reason", "")[:500])
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(request, _("Đã đóng đợt xét: các đơn vị không lập được hồ sơ mới; hồ sơ đã lập vẫn "
                                            "tiếp tục.") if action == "close"
                                 else _("Đã mở lại đợt xét: các đơn vị lập được hồ sơ mới."))
            return redirect("nominations:cycle", pk=cycle.pk)
        form = CycleEditForm(request.POST)
        if form.is_valid():
            try:
                services.cycle_update(actor=request.user, cycle=cycle, **form.cleaned_data)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Đã lưu đợt xét."))
                return redirect("nominations:cycles")
        return self.render_to_response(self.get_context_data(form=form), status=400)
