"""The domain's e-mails that announce a new task, declared on the flow nodes with ``.Announce(...)``
(``workflow.notifications.nodes``).

Opening the vote created a ballot per member, and the engine's "new task" mail went out besides the
council's "vote opened": two e-mails for one event. The same held for a returned dossier or
registration (the unit head's step comes back). The domain's mail now *is* the announcement of the
task: one e-mail per person, to the task's owner or to whoever may take it, in their chosen mode
(immediately or in the morning digest). Each function gives the template's context, or None when
the task is not the event (a first round: the generic "new task" mail then goes).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import (
    AgencyPledgeProcess,
    AgencyPledgeStatus,
    AnswerStatus,
    Dossier,
    DossierStatus,
    HomeAffairsProcess,
    PledgeProcess,
    PledgeStatus,
    Session,
)


def home_affairs_answer_context(answers, submission) -> dict:
    """Sở Nội vụ's answer to a Tờ trình, counted over the lines it has just answered."""
    counts = {status: sum(1 for a in answers if a.status == status) for status in AnswerStatus.values}
    return {
        "title": _("Sở Nội vụ đã trả lời tờ trình %(number)s") % {"number": submission.document.number_text},
        "message": _("Tiếp nhận %(accepted)s, trả lại để bổ sung %(returned)s, không khen thưởng %(rejected)s dòng.")
        % {"accepted": counts[AnswerStatus.ACCEPTED], "returned": counts[AnswerStatus.RETURNED],
           "rejected": counts[AnswerStatus.REJECTED]},
    }


def home_affairs_answered(task) -> dict:
    """The secretariat's resubmit step, opened by Sở Nội vụ returning lines: it carries the answer."""
    submission = HomeAffairsProcess.objects.select_related("submission__document").get(pk=task.process_id).submission
    latest = max(submission.answers.values_list("rounds", flat=True), default=1)
    answered = submission.answers.filter(rounds=latest).exclude(status=AnswerStatus.PENDING)
    return home_affairs_answer_context(list(answered), submission)


def vote_opened(task) -> dict:
    """Each voting member's ballot: the agenda is published (domain §4; Nghị định 98/2023/NĐ-CP, Điều 52)."""
    session = Session.objects.select_related("cycle").get(process__pk=task.process_id)
    return {
        "title": _("Mở bỏ phiếu: %(session)s") % {"session": session},
        "message": _("Hội đồng Thi đua – Khen thưởng đã công bố chương trình họp ngày %(date)s (%(count)s nội "
                     "dung). Mời đồng chí bỏ phiếu kín trên hệ thống trước hoặc trong phiên họp.")
        % {"date": session.meeting_date.strftime("%d/%m/%Y"), "count": session.items.count()},
        "session": session,
    }


def dossier_returned(task) -> dict | None:
    """The unit head's step again, after the secretariat returned the dossier with a reason."""
    dossier = Dossier.objects.get(process__pk=task.process_id)
    if dossier.status != DossierStatus.RETURNED:
        return None
    last = dossier.rounds.exclude(answered_at=None).order_by("-number").first()
    return {
        "title": _("Hồ sơ %(dossier)s bị trả lại để bổ sung") % {"dossier": dossier},
        "message": _("Thường trực thi đua – khen thưởng đã trả lại hồ sơ để đơn vị bổ sung và nộp lại."),
        "reason": last.reason if last else "",
    }


def pledge_returned(task) -> dict | None:
    """The unit's registration back with the unit heads after the secretariat returned it."""
    registration = PledgeProcess.objects.select_related("registration__unit").get(pk=task.process_id).registration
    if registration.status != PledgeStatus.RETURNED:
        return None
    last = registration.reviews.order_by("-round").first()
    return {
        "title": _("Bản đăng ký thi đua năm %(year)s bị trả lại") % {"year": registration.year},
        "message": _("Thường trực thi đua – khen thưởng đã trả lại bản đăng ký thi đua năm %(year)s "
                     "của %(unit)s để chỉnh sửa.") % {"year": registration.year, "unit": registration.unit.name},
        "reason": last.reason if last else "",
    }


def agency_pledge_returned(task) -> dict | None:
    """The agency's registration back with its secretariat after its signer or Sở Nội vụ returned it."""
    registration = (AgencyPledgeProcess.objects.select_related("registration__agency")
                    .get(pk=task.process_id).registration)
    if registration.status == AgencyPledgeStatus.CHIEF_RETURNED:
        return {
            "title": _("Lãnh đạo trả lại bản đăng ký thi đua năm %(year)s") % {"year": registration.year},
            "message": _("Lãnh đạo chưa ký, trả lại bản đăng ký thi đua năm %(year)s của %(agency)s để tổng hợp "
                         "lại.") % {"year": registration.year, "agency": registration.agency.name},
            "reason": registration.return_reason,
        }
    if registration.status != AgencyPledgeStatus.RETURNED:
        return None
    return {
        "title": _("Sở Nội vụ trả lại bản đăng ký thi đua năm %(year)s") % {"year": registration.year},
        "message": _("Sở Nội vụ đã trả lại bản đăng ký thi đua năm %(year)s của %(agency)s.")
        % {"year": registration.year, "agency": registration.agency.name},
        "reason": registration.home_affairs_reason,
    }
