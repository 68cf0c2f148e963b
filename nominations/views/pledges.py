"""Pages of pledge registration (domain §6): the year's registrations, one registration, the
agency's registration, the movements and the blocs. Thin: services write, selectors read."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Agency, Unit, User
from accounts.roles import PERM_HEAD_UNIT, PERM_SECRETARIAT, Role
from accounts.scope import objects_with_perms
from accounts.selectors import agencies_in_scope, people_in_scope, roles_here, units_in_scope
from workflow.audit.timeline import history_entries
from workflow.dates import format_date
from workflow.diagrams import diagram_url
from workflow.documents import rendering
from workflow.documents.kinds import get_kind
from workflow.documents.models import IssuedDocument
from workflow.documents.services import document_context
from workflow.exports import ExcelExportMixin
from workflow.params import posted_pk
from workflow.selectors import actionable_tasks

from .. import exports
from ..forms.pledges import CollectiveTitleForm, CovenantForm, LineForm, OpenAgencyForm, TargetForm
from ..models import (
    AgencyPledgeProcess,
    AgencyPledgeRegistration,
    BlocMembership,
    PledgeLine,
    PledgeProcess,
    PledgeRegistration,
    PledgeTarget,
)
from ..processes import pledge as processes
from ..selectors import pledges as selectors
from ..selectors.deadlines import with_task_due
from ..services import pledges as services

MAX_YEAR = 9999


def _year(request) -> int:
    text = request.GET.get("year")
    if not text:
        return timezone.localdate().year
    year = posted_pk(text)
    if not 1 <= year <= MAX_YEAR:
        raise Http404
    return year


def _posted_year(value) -> int:
    """A registration's year from the form; anything else is the Vietnamese "invalid data" message."""
    year = posted_pk(value)
    if not 1 <= year <= MAX_YEAR:
        raise ValueError(value)
    return year


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("Bạn không có quyền thực hiện thao tác này.")


# The URL namespaces of the flows in the site (viewflow: the flow's name lower-cased without "Flow").
FLOW_NAMESPACES = {PledgeProcess: "pledge", AgencyPledgeProcess: "agencypledge"}


def _open_tasks(process_model, registration_pk: int, user: User) -> list[dict]:
    """The open steps of the registration's process the person may take or do, with their URLs."""
    tasks = Task.objects.filter(
        process__in=process_model.objects.filter(registration_id=registration_pk).values("pk"),
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    ).select_related("process")
    return actionable_tasks(tasks, user, FLOW_NAMESPACES[process_model])


def _diagram_of(process_model, registration_pk: int) -> str:
    """The diagram of the registration's process (its latest: a registration runs one)."""
    return diagram_url(process_model.objects.filter(registration_id=registration_pk).order_by("-pk")
                       .values_list("pk", flat=True).first())


def _due_of(model: type, pk: int) -> dict:
    """The registration's open step: its due date, overdue, escalated (one query)."""
    return (with_task_due(model.objects.filter(pk=pk))
            .values("task_due", "task_overdue", "task_escalated").first() or {})


def _with_perm(user: User, perm: str, model: type):
    """Objects the person holds ``perm`` over as a guardian object permission (never a model-level grant)."""
    return objects_with_perms(user, perm, model)


def _with_shown_title(user: User, registrations) -> list:
    """The registrations, each with ``shown_title``: the collective title the person reads (as last sent, for
    anyone outside a unit whose registration is back with it)."""
    rows = list(registrations)
    for r in rows:
        r.shown_title = (r.sent_copy.get("collective_title", "") if selectors.pledge_reads_as_sent(user, r)
                         else (r.collective_title.name if r.collective_title else ""))
    return rows


class PledgeIndexView(ExcelExportMixin, TemplateView):
    """The year's registrations the person may see, their own lines, and what they can start."""

    template_name = "nominations/pledges/index.html"
    export_spec = exports.PLEDGES

    def export_rows(self):
        return _with_shown_title(self.request.user, selectors.pledges_for_user(self.request.user).filter(
            year=_year(self.request)).order_by("unit__agency__name", "unit__position", "pk"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, year = self.request.user, _year(self.request)
        headed = list(_with_perm(user, PERM_HEAD_UNIT, Unit))
        registrations = _with_shown_title(user, with_task_due(selectors.pledges_for_user(user).filter(year=year))
                                          .order_by("unit__agency__name", "unit__position", "pk"))
        registered_units = {r.unit_id for r in registrations}
        context.update(
            year=year,
            registrations=registrations,
            agency_registrations=list(with_task_due(selectors.agency_pledges_for_user(user).filter(year=year))),
            my_lines=list(selectors.my_pledge_lines(user, year)),
            units_to_register=[u for u in headed if u.pk not in registered_units],
            agencies_to_open=list(_with_perm(user, PERM_SECRETARIAT, Agency)),
            open_form=OpenAgencyForm(initial={"year": year}),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        year = _year(request)
        try:
            if action == "create":
                unit = Unit.objects.filter(pk__in=units_in_scope(request.user).values("pk"),
                                           pk=posted_pk(request.POST.get("unit"))).first()
                if unit is None:
                    raise Http404
                process = processes.pledge_start(actor=request.user, unit=unit,
                                                 year=_posted_year(request.POST.get("year")))
                messages.success(request, _("Đã lập bản đăng ký thi đua của %(unit)s. Ghi danh hiệu, chỉ tiêu và "
                                            "đăng ký của từng người, rồi gửi thường trực.") % {"unit": unit.name})
                return redirect(reverse("pledges:detail", args=[process.registration_id]))
            if action == "open":
                form = OpenAgencyForm(request.POST)
                agency = agencies_in_scope(request.user).filter(pk=posted_pk(request.POST.get("agency"))).first()
                if agency is None:
                    raise Http404
                if not form.is_valid():
                    raise ValidationError(_("Nhập năm và hạn đăng ký hợp lệ."))
                process = processes.agency_pledge_start(actor=request.user, agency=agency,
                                                        year=form.cleaned_data["year"],
                                                        deadline=form.cleaned_data["deadline"])
                messages.success(request, _("Đã mở đợt đăng ký thi đua năm %(year)s của cơ quan; các đơn vị lập và gửi "
                                            "bản đăng ký trước ngày %(deadline)s, rồi Thường trực tổng hợp.") % {
                    "year": form.cleaned_data["year"], "deadline": format_date(form.cleaned_data["deadline"])})
                return redirect(reverse("pledges:agency", args=[process.registration_id]))
        except (PermissionDenied, ValidationError, ValueError, KeyError) as exc:
            messages.error(request, _message(exc) if not isinstance(exc, ValueError | KeyError)
                           else _("Dữ liệu gửi lên không hợp lệ."))
        return redirect(f"{reverse('pledges:index')}?year={year}")


class PledgeDetailView(TemplateView):
    """One unit registration: the unit head edits it while it is a draft; members confirm their line."""

    template_name = "nominations/pledges/detail.html"

    def dispatch(self, request, *args, pk: int, **kwargs):
        self.registration = selectors.get_pledge_for_user(request.user, pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        registration = selectors.pledge_detail(self.registration)
        due = _due_of(PledgeRegistration, registration.pk)
        is_head = Role.UNIT_HEAD in roles_here(user, registration.unit)
        editable = is_head and registration.is_editable
        context.update(
            registration=registration,
            shown=selectors.pledge_as_read(user, registration),
            due=due,
            is_head=is_head,
            editable=editable,
            can_amend=is_head and registration.status == "accepted" and not hasattr(registration, "amended_by"),
            tasks=_open_tasks(PledgeProcess, registration.pk, user),
            diagram_url=_diagram_of(PledgeProcess, registration.pk),
            title_form=CollectiveTitleForm(initial={"collective_title": registration.collective_title_id}),
            target_form=TargetForm(year=registration.year),
            line_form=LineForm(members=registration.unit.members.filter(is_active=True).order_by("name_sort_key")),
            history=history_entries(registration)[::-1][:20],
        )
        return context

    def post(self, request, *args, **kwargs):
        registration, user = self.registration, request.user
        action = request.POST.get("action")
        try:
            if action == "title":
                form = CollectiveTitleForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Chọn một danh hiệu trong danh sách."))
                services.pledge_registration_update(actor=user, registration=registration,
                                                    collective_title=form.cleaned_data["collective_title"])
                messages.success(request, _("Đã lưu danh hiệu tập thể đăng ký."))
            elif action == "add_target":
                form = TargetForm(request.POST, year=registration.year)
                if not form.is_valid():
                    raise ValidationError(_("Nhập đủ nội dung, đơn vị tính và chỉ tiêu."))
                services.pledge_target_add(actor=user, registration=registration, **form.cleaned_data)
                messages.success(request, _("Đã thêm chỉ tiêu thi đua."))
            elif action == "remove_target":
                target = PledgeTarget.objects.filter(registration=registration,
                                                     pk=posted_pk(request.POST.get("target"))).first()
                if target is None:
                    raise Http404
                services.pledge_target_remove(actor=user, target=target)
                messages.success(request, _("Đã xóa chỉ tiêu thi đua."))
            elif action == "save_line":
                form = LineForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Chọn cá nhân và danh hiệu đăng ký."))
                person = people_in_scope(user).filter(pk=form.cleaned_data["person"]).first()
                if person is None:  # the same answer for a stranger and for nobody: no name leaks
                    raise ValidationError(_("Người được chọn không thuộc %(unit)s, không đăng ký trong bản này được.")
                                          % {"unit": registration.unit.name})
                services.pledge_line_save(actor=user, registration=registration, person=person,
                                          title=form.cleaned_data["title"],
                                          planned_initiative=form.cleaned_data["planned_initiative"])
                messages.success(request, _("Đã lưu đăng ký của %(name)s; người đó tự xác nhận dòng của mình.") % {
                    "name": person.full_name})
            elif action in ("remove_line", "confirm_line"):
                line = PledgeLine.objects.filter(registration=registration,
                                                 pk=posted_pk(request.POST.get("line"))).first()
                if line is None:
                    raise Http404
                if action == "remove_line":
                    services.pledge_line_remove(actor=user, line=line)
                    messages.success(request, _("Đã xóa đăng ký của cá nhân."))
                else:
                    services.pledge_line_confirm(actor=user, line=line)
                    messages.success(request, _("Đã xác nhận đăng ký của bạn."))
            elif action == "amend":
                process = processes.pledge_start(actor=user, unit=registration.unit, year=registration.year,
                                                 amends=registration)
                messages.success(request, _("Đã lập bản đăng ký bổ sung; sửa rồi gửi thường trực như bản đầu."))
                return redirect(reverse("pledges:detail", args=[process.registration_id]))
            else:
                raise ValidationError(_("Thao tác không hợp lệ."))
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, _message(exc))
        return redirect(reverse("pledges:detail", args=[registration.pk]))


def _render_unit_pdf(registration, user: User) -> bytes:
    """The unit's Bản đăng ký: unnumbered, signed by the unit head (template dang_ky_thi_dua); as last sent for
    anyone outside the unit while it is back with the unit."""
    registration = selectors.pledge_detail(registration)
    shown = selectors.pledge_as_read(user, registration)
    if shown.as_sent:
        # The movements' facts (aim, period) are read from the movements the sent targets name.
        movements = {t["movement"] for t in shown.targets if t["movement"]}
        targets = [t for t in registration.targets.all() if t.movement and t.movement.name in movements]
    else:
        targets = list(registration.targets.all())
    unit, agency = registration.unit, registration.unit.agency
    head = next((m for m in unit.members.filter(is_active=True, is_leader=True).order_by("pk")), None)
    data = {
        "level": "unit",
        "registrant": unit.name,
        "year": registration.year,
        "kinh_gui": [_("Hội đồng Thi đua – Khen thưởng %(agency)s") % {"agency": agency.name}],
        "intro": [_("%(unit)s đăng ký thi đua năm %(year)s như sau:") % {"unit": unit.name, "year": registration.year}],
        "movements": [{"name": m.name, "aim": m.aim, "period": m.period_label, "launched_by": m.launched_by}
                      for m in {t.movement_id: t.movement for t in targets if t.movement}.values()],
        "targets": [{"content": t["content"], "measure": t["measure"], "planned": t["planned_value"]}
                    for t in shown.targets],
        "collective_titles": [{"collective": unit.name, "title": shown.collective_title}]
        if shown.collective_title else [],
        "person_titles": [{"name": ln["person"], "position": ln["position"], "title": ln["title"],
                           "initiative": ln["planned_initiative"]} for ln in shown.lines],
        "unit_head": {"title": head.position_title if head else _("Trưởng đơn vị"),
                      "name": head.full_name if head else ""},
    }
    document = IssuedDocument(agency=agency, template_key=services.REGISTRATION_TEMPLATE, doc_type="",
                              summary=_("Đăng ký thi đua năm %(year)s") % {"year": registration.year}, data=data)
    kind = get_kind(services.REGISTRATION_TEMPLATE)
    return rendering.render_pdf(kind.template, document_context(document, draft=True)).pdf


class PledgePdfView(View):
    def get(self, request, pk: int):
        registration = selectors.get_pledge_for_user(request.user, pk)
        response = HttpResponse(_render_unit_pdf(registration, request.user), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="dang-ky-thi-dua-{registration.year}-{pk}.pdf"'
        return response


class AgencyPledgeView(TemplateView):
    """The agency's registration: the units in and missing, the công văn, the steps open to the person."""

    template_name = "nominations/pledges/agency.html"

    def get_context_data(self, pk: int, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = selectors.get_agency_pledge_for_user(self.request.user, pk)
        units = list(services.accepted_unit_pledges(registration))
        context.update(
            registration=registration,
            due=_due_of(AgencyPledgeRegistration, registration.pk),
            units=units,
            # A unit's registration is linked only for whoever may open it: not Sở Nội vụ, which reads the
            # agency's (issue 15: no link to a page its reader cannot open).
            readable_units=set(selectors.pledges_for_user(self.request.user)
                               .filter(pk__in=[u.pk for u in units]).values_list("pk", flat=True)),
            missing=services.missing_units(registration),
            tasks=_open_tasks(AgencyPledgeProcess, registration.pk, self.request.user),
            diagram_url=_diagram_of(AgencyPledgeProcess, registration.pk),
        )
        return context


class MovementListView(ExcelExportMixin, TemplateView):
    template_name = "nominations/pledges/movements.html"
    export_spec = exports.MOVEMENTS

    def export_rows(self):
        return selectors.movements_for_year(_year(self.request))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = _year(self.request)
        context.update(year=year, movements=list(selectors.movements_for_year(year)))
        return context


class BlocView(TemplateView):
    """A bloc's members of a year and their giao ước; the leader's secretariat records them."""

    template_name = "nominations/pledges/bloc.html"

    def dispatch(self, request, *args, pk: int, **kwargs):
        self.bloc = selectors.get_bloc_for_user(request.user, pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = _year(self.request)
        members = list(selectors.bloc_members(self.bloc, year))
        leader = next((m for m in members if m.is_leader), None)
        context.update(
            bloc=self.bloc, year=year, members=members, leader=leader,
            can_record=leader is not None and Role.SECRETARIAT in roles_here(self.request.user, leader.agency),
            form=CovenantForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = CovenantForm(request.POST)
        year = _year(request)
        if not form.is_valid():
            messages.error(request, _("Nhập ngày ký và nội dung giao ước."))
        else:
            membership = BlocMembership.objects.filter(bloc=self.bloc, pk=form.cleaned_data["membership"]).first()
            if membership is None:
                raise Http404
            try:
                services.bloc_covenant_record(actor=request.user, membership=membership,
                                              signed_on=form.cleaned_data["signed_on"],
                                              commitments=form.cleaned_data["commitments"])
            except (PermissionDenied, ValidationError) as exc:
                messages.error(request, _message(exc))
            else:
                messages.success(request, _("Đã ghi giao ước thi đua của %(agency)s.") % {
                    "agency": membership.agency.name})
        return redirect(f"{reverse('pledges:bloc', args=[self.bloc.pk])}?year={year}")


def pledge_home_section(user: User) -> dict | None:
    """The person's card on the home page: their own line and their units' registrations of this year.

    Two queries whatever the number of lines and units."""
    if not user.is_authenticated:
        return None
    year = timezone.localdate().year
    items = []
    for line in selectors.my_pledge_lines(user, year):
        state = _("đã xác nhận") if line.confirmed_at else _("chưa xác nhận")
        items.append({"text": _("Tôi đăng ký %(title)s (%(unit)s) — %(state)s") % {
            "title": line.title.name, "unit": line.registration.unit.name, "state": state},
            "url": reverse("pledges:detail", args=[line.registration_id])})
    headed = _with_perm(user, PERM_HEAD_UNIT, Unit).values("pk")
    for registration in selectors.pledges_of_units_headed(user, headed, year):
        items.append({"text": _("%(unit)s: %(status)s") % {"unit": registration.unit.name,
                                                          "status": registration.get_status_display()},
                      "url": reverse("pledges:detail", args=[registration.pk])})
    return {
        "id": "pledges", "title": _("Đăng ký thi đua năm %(year)s") % {"year": year}, "items": items,
        "empty": _("Bạn chưa có đăng ký thi đua năm này."),
        "link": {"text": _("Mở trang đăng ký thi đua"), "url": reverse("pledges:index")},
    }
