"""The secretariat's council pages: build the agenda and attendance, publish, enter written votes;
everyone in scope sees the session and its tally (never how a named member voted)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from accounts.roles import Role
from accounts.selectors import roles_here
from workflow.dates import format_date, parse_date
from workflow.diagrams import diagram_url
from workflow.documents.selectors import documents_for_user
from workflow.exports import ExcelExportMixin
from workflow.params import posted_pk

from .. import exports, services
from ..models import SessionStatus
from ..processes import council as processes
from ..selectors import cycles_ready_for_a_session, get_cycle_for_user, get_session_for_user, sessions_for_user
from ..selectors.deadlines import with_task_due
from ..selectors.previews import session_preview_pdf
from ..services import gates

# A session still waiting on someone: its agenda, its votes, its minutes or the chief's approval.
IN_PROGRESS = (SessionStatus.DRAFT, SessionStatus.VOTING, SessionStatus.TALLIED, SessionStatus.FINALISED)
IN_PROGRESS_SHOWN = 20


def _messages(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


class SessionListView(ExcelExportMixin, ListView):
    """Every session the person may read, newest first, a page at a time (all of them in the Excel export), the
    sessions still in progress above the list, and a form per cycle ready for a session (the secretariat's).

    Fifty a page: the secretariat holds the sessions of every year of the agency, and rendering all of
    them on one page took ~2.2 s at ten years of a province. The sessions in progress (not approved nor
    cancelled) are shown apart, at most ``IN_PROGRESS_SHOWN``, so one left open in an earlier year is still at hand
    on the first screen. Constant queries: the page, its count, the sessions in progress, the cycles."""

    template_name = "nominations/session_list.html"
    export_spec = exports.SESSIONS
    paginate_by = 50
    context_object_name = "sessions"

    def get_queryset(self):
        # The row shows the session (its cycle's name, its date), its agenda count, status and due date: not the
        # minutes, whose document's JSON (``data``, ``snapshot``) decoded for 50 rows was ~40 ms of the page.
        sessions = sessions_for_user(self.request.user).select_related(None).select_related("cycle")
        return with_task_due(sessions).order_by("-meeting_date", "-pk")

    def export_rows(self):
        return sessions_for_user(self.request.user).order_by("-meeting_date", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        in_progress = list(self.get_queryset().filter(status__in=IN_PROGRESS)[:IN_PROGRESS_SHOWN + 1])
        context["in_progress"] = in_progress[:IN_PROGRESS_SHOWN]
        context["more_in_progress"] = len(in_progress) > IN_PROGRESS_SHOWN
        cycles = list(cycles_ready_for_a_session(user))
        voters: dict[int, list] = {}  # the council is the agency's: one query per agency, not per cycle
        for cycle in cycles:
            if cycle.agency_id not in voters:
                voters[cycle.agency_id] = services.council_voters(cycle)
            cycle.voters = voters[cycle.agency_id]
        context["cycles"] = cycles
        return context

    def post(self, request):
        cycle = get_cycle_for_user(request.user, posted_pk(request.POST.get("cycle")))
        absent = {
            person.pk: request.POST.get(f"reason_{person.pk}", "").strip() or _("Vắng")
            for person in services.council_voters(cycle) if request.POST.get(f"absent_{person.pk}")
        }
        try:
            meeting_date = parse_date(request.POST.get("meeting_date", ""))
            if meeting_date is None:
                raise ValueError
            session = services.session_create(actor=request.user, cycle=cycle, meeting_date=meeting_date,
                                              venue=request.POST.get("venue", ""), absent=absent,
                                              written_consultation=request.POST.get("written_consultation") == "1")
        except ValueError:
            messages.error(request, _("Nhập ngày họp theo dạng ngày/tháng/năm, ví dụ 20/12/2026."))
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _messages(error))
        else:
            messages.success(request, _("Đã lập phiên họp ngày %(date)s. Xem lại chương trình và thành viên, rồi "
                                        "công bố để mở phiếu bầu.") % {"date": format_date(session.meeting_date)})
            return redirect("nominations:session", pk=session.pk)
        return redirect(request.path)


def _visible_outcomes(user, session) -> list:
    """The session's Quyết định and Tờ trình, each linked only when the person may open it."""
    outcomes = list(session.outcome_documents.select_related("document", "award").order_by("kind", "pk"))
    visible = set(documents_for_user(user).filter(pk__in=[o.document_id for o in outcomes])
                  .values_list("pk", flat=True))
    for outcome in outcomes:
        outcome.visible = outcome.document_id in visible
    return outcomes


class SessionDetailView(TemplateView):
    template_name = "nominations/session_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = get_session_for_user(self.request.user, self.kwargs["pk"])
        can_manage = Role.SECRETARIAT in roles_here(self.request.user, session.cycle.agency)
        context.update(
            session=session,
            items=session.items.select_related("line__person", "line__unit", "line__award", "line__dossier__unit"),
            members=session.attendees.select_related("person", "ballot"),
            show_tally=session.status not in ("draft", "voting"),
            outcomes=_visible_outcomes(self.request.user, session),
            can_manage=can_manage,
            # The running figure of the agency's caps, for whoever builds the agenda (issue 16).
            caps=gates.cap_figures(cycle=session.cycle) if can_manage and session.status != "cancelled" else [],
            diagram_url=diagram_url(getattr(getattr(session, "process", None), "pk", None)),
        )
        return context

    def post(self, request, pk):
        session = get_session_for_user(request.user, pk)
        try:
            if request.POST.get("action") == "publish":
                processes.session_publish(actor=request.user, session=session)
                messages.success(request, _("Đã công bố danh sách và mở phiếu bầu."))
            elif request.POST.get("action") == "cancel":
                services.session_cancel(actor=request.user, session=session, reason=request.POST.get("reason", ""))
                messages.success(request, _(
                    "Đã hủy phiên họp; các dòng đề nghị trở lại danh sách chờ đưa ra Hội đồng."))
            elif request.POST.get("action") == "written":
                member = session.attendees.filter(pk=posted_pk(request.POST.get("member"))).first()
                if member is None:
                    raise ValidationError(_("Không tìm thấy thành viên."))
                choices = None
                if not request.POST.get("no_ballot"):
                    choices = {item.pk: request.POST.get(f"item_{item.pk}") == "yes"
                               for item in session.items.select_related("line")
                               if item.line.person_id != member.person_id and request.POST.get(f"item_{item.pk}")}
                processes.ballot_enter_written(actor=request.user, member=member, choices=choices,
                                     note=request.POST.get("note", ""))
                messages.success(request, (
                    _("Đã ghi nhận phiếu của thành viên vắng mặt: %(name)s không có phiếu (tính là không đồng ý).")
                    if choices is None else _("Đã ghi nhận phiếu của thành viên vắng mặt: phiếu bằng văn bản của "
                                              "%(name)s.")) % {"name": member.person.full_name})
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _messages(error))
        return redirect(request.path)


class SessionPreviewView(View):
    """One draft of what the chief's approval will sign, as a PDF marked "DỰ THẢO" (selectors.previews):
    404 alike for a missing session, a reader outside it and a reader who may not see drafts."""

    def get(self, request, pk: int, index: int):
        session = get_session_for_user(request.user, pk)
        pdf = session_preview_pdf(actor=request.user, session=session, index=index)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="du-thao-phien-hop-{session.pk}-{index}.pdf"'
        return response
