"""Task screens of the council session: the ballot (every line on one screen), the minutes, the approval."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from workflow.steps import step_run

from .. import services
from ..models import Session, SessionMember
from ..processes import council as processes
from ..selectors.previews import session_previews


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
            return HttpResponseRedirect("/")
    return render(request, "nominations/tasks/ballot.html", {
        "session": session, "items": items, "member": member, "errors": errors,
    }, status=400 if errors else 200)


def session_finalise_view(request, **kwargs):
    activation = request.activation
    session = _session(activation)
    errors = []
    if request.method == "POST":
        step = step_run(activation, lambda: services.session_finalise(
            actor=request.user, session=session, start_time=request.POST.get("start_time") or "08 giờ 00",
            end_time=request.POST.get("end_time") or "10 giờ 00", conclusion=request.POST.get("conclusion", "")))
        errors = step.errors
        if step.ok:
            return HttpResponseRedirect("/")
    return render(request, "nominations/tasks/session_result.html", {
        "session": session, "items": _items(session), "errors": errors, "step": "finalise",
        "heading": _("Hoàn thành biên bản phiên họp"),
    }, status=400 if errors else 200)


def session_approve_view(request, **kwargs):
    """The chief's step: every document his approval signs is listed with its draft to read first; he
    approves (ticking that he has read them) or returns the session to the secretariat with a reason.
    Afterwards he lands on the session's page, which lists what was signed."""
    activation = request.activation
    session = _session(activation)
    errors = []
    if request.method == "POST":
        if request.POST.get("action") == "return":
            reason = request.POST.get("reason", "")
            step = step_run(activation, lambda: services.session_return(actor=request.user, session=session,
                                                                        reason=reason))
            if step.ok:
                messages.success(request, _("Đã trả lại phiên họp cho Thường trực để hoàn thành lại biên bản."))
                return HttpResponseRedirect(reverse("nominations:session", args=[session.pk]))
        else:
            exclude = request.POST.get("exclude_ineligible") == "1"
            step = step_run(activation, lambda: processes.session_approve(actor=request.user, session=session,
                                                                         exclude_ineligible=exclude))
            if step.ok:
                signed = session.outcome_documents.count() + 1
                messages.success(request, _(
                    "Đã phê duyệt kết quả và ký %(count)s văn bản (biên bản và các văn bản kết quả); văn bản được "
                    "cấp số và tạo bản PDF trong giây lát, danh sách ở dưới.") % {"count": signed})
                return HttpResponseRedirect(reverse("nominations:session", args=[session.pk]))
        errors = step.errors
    return render(request, "nominations/tasks/session_result.html", {
        "session": session, "items": _items(session), "errors": errors, "step": "approve",
        "heading": _("Phê duyệt kết quả phiên họp"),
        "previews": session_previews(actor=request.user, session=session),
    }, status=400 if errors else 200)
