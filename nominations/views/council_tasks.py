"""Task screens of the council session: the ballot (every line on one screen), the minutes, the approval."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from workflow.dates import format_date
from workflow.steps import step_run

from .. import services
from ..models import Session, SessionMember, VoteMethod
from ..processes import council as processes
from ..selectors.consultations import consultation_board
from ..selectors.previews import session_previews
from .signing import signing_post


def _session(activation) -> Session:
    return Session.objects.select_related("cycle__agency", "minutes").get(pk=activation.process.session_id)


def _items(session: Session):
    return session.items.select_related("line__person__unit", "line__unit", "line__award", "line__dossier__unit")


def ballot_view(request, **kwargs):
    """One screen for every line of the agenda; a line about the member is shown but not voted on."""
    activation = request.activation
    session = _session(activation)
    member = SessionMember.objects.select_related("session").get(pk=activation.task.data["member"])
    items = list(_items(session))
    errors = []
    if request.method == "POST":
        choices = {}
        for item in items:
            value = request.POST.get(f"item_{item.pk}")
            if value in ("yes", "no"):
                choices[item.pk] = value == "yes"
        step = step_run(activation, lambda: services.ballot_cast(actor=request.user, member=member, choices=choices))
        errors = step.errors
        if step.ok:
            messages.success(request, _ballot_sent(session))
            return HttpResponseRedirect("/")
    return render(request, "nominations/tasks/ballot.html", {
        "session": session, "items": items, "member": member, "errors": errors,
    }, status=400 if errors else 200)


def _ballot_sent(session: Session) -> str:
    """What happened to the member's ballot and when the result comes: once every member has a ballot (in
    person, in writing or "Không có phiếu"), the tally is counted and the secretariat completes the minutes."""
    date = format_date(session.meeting_date)
    remaining = session.attendees.filter(ballot__isnull=True).count()
    if remaining:
        return _("Đã gửi phiếu biểu quyết phiên họp ngày %(date)s. Kết quả sẽ được kiểm khi đủ phiếu (còn "
                 "%(remaining)s thành viên chưa có phiếu); sau đó Thường trực hoàn thành biên bản.") % {
            "date": date, "remaining": remaining}
    return _("Đã gửi phiếu biểu quyết phiên họp ngày %(date)s. Đã đủ phiếu, kết quả đã được kiểm; Thường trực sẽ "
             "hoàn thành biên bản.") % {"date": date}


def _counting_committee(request, present: list[SessionMember]) -> tuple[SessionMember | None, list[SessionMember]]:
    """The ban kiểm phiếu posted: a trưởng ban and members, among the members present (anything else is
    ignored here and refused by the service only if it names someone not present)."""
    by_pk = {str(member.pk): member for member in present}
    head = by_pk.get(request.POST.get("counting_head", ""))
    members = [by_pk[pk] for pk in request.POST.getlist("counting_member") if pk in by_pk]
    return head, members


def session_finalise_view(request, **kwargs):
    """The secretary completes the minutes: the meeting's hours, the ban kiểm phiếu of a secret
    ballot (members present) and their own conclusion, added to the one built from the tally."""
    activation = request.activation
    session = _session(activation)
    present = list(session.attendees.filter(present=True).select_related("person").order_by("person__name_sort_key"))
    errors = []
    if request.method == "POST":
        head, members = _counting_committee(request, present)
        step = step_run(activation, lambda: services.session_finalise(
            actor=request.user, session=session, start_time=request.POST.get("start_time") or "08 giờ 00",
            end_time=request.POST.get("end_time") or "10 giờ 00", conclusion=request.POST.get("conclusion", ""),
            counting_head=head, counting_members=members))
        errors = step.errors
        if step.ok:
            messages.success(request, _("Đã lưu biên bản phiên họp ngày %(date)s và trình %(chief)s phê duyệt kết quả, "
                                        "ký các văn bản.") % {"date": format_date(session.meeting_date),
                                                             "chief": session.cycle.agency.head_title})
            return HttpResponseRedirect("/")
    secret = session.items.filter(vote_method=VoteMethod.SECRET).exists() and not session.written_consultation
    return render(request, "nominations/tasks/session_result.html", {
        "session": session, "items": _items(session), "errors": errors, "step": "finalise",
        "heading": _("Hoàn thành biên bản phiên họp"), "present": present, "secret_ballot": secret,
    }, status=400 if errors else 200)


def session_approve_view(request, **kwargs):
    """The chief's step: every document his approval signs is listed with its draft to read first; he
    approves (ticking that he has read them) or returns the session to the secretariat with a reason.
    Afterwards he lands on the session's page, which lists what was signed."""
    activation = request.activation
    session = _session(activation)
    errors = []
    if request.method == "POST":
        exclude = request.POST.get("exclude_ineligible") == "1"
        outcome = signing_post(
            request, sign=lambda: processes.session_approve(actor=request.user, session=session,
                                                            exclude_ineligible=exclude),
            give_back=lambda reason: services.session_return(actor=request.user, session=session, reason=reason))
        if outcome.ok and outcome.returned:
            messages.success(request, _("Đã trả lại phiên họp cho Thường trực để hoàn thành lại biên bản."))
            return HttpResponseRedirect(reverse("nominations:session", args=[session.pk]))
        if outcome.ok:
            signed = session.outcome_documents.count() + 1
            messages.success(request, _(
                "Đã phê duyệt kết quả và ký %(count)s văn bản (biên bản và các văn bản kết quả); văn bản được "
                "cấp số và tạo bản PDF trong giây lát, danh sách ở dưới.") % {"count": signed})
            return HttpResponseRedirect(reverse("nominations:session", args=[session.pk]))
        errors = outcome.errors
    return render(request, "nominations/tasks/session_result.html", {
        "session": session, "items": _items(session), "errors": errors, "step": "approve",
        "heading": _("Phê duyệt kết quả phiên họp"),
        "previews": session_previews(actor=request.user, session=session),
        # Hiệp y: the answers of the bodies consulted about the lines the council passed (a "không đồng ý" too).
        "consultations": consultation_board(session.cycle, [item.line for item in _items(session) if item.passed]),
    }, status=400 if errors else 200)
