"""Task screens of a Tờ trình at Home Affairs and of its resubmission by the secretariat."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from workflow.dates import parse_date
from workflow.steps import step_run

from .. import services
from ..models import AnswerStatus, OutcomeDocument


def _submission(activation) -> OutcomeDocument:
    return OutcomeDocument.objects.select_related("document__agency").get(pk=activation.process.submission_id)


def _answers(submission: OutcomeDocument):
    return submission.answers.select_related("line__person__unit", "line__unit", "line__award")


def _date(value: str) -> dt.date | None:
    try:
        return parse_date(value)
    except ValidationError as exc:
        reason = " ".join(exc.messages)
        raise ValidationError(_("Ngày quyết định không hợp lệ: %(reason)s") % {"reason": reason}) from exc


def home_affairs_review_view(request, **kwargs):
    """The officer answers every pending line: accept (number and date), return, or reject."""
    activation = request.activation
    submission = _submission(activation)
    errors = []
    if request.method == "POST":
        def answer() -> None:
            answers = {
                answer.line_id: {
                    "status": request.POST.get(f"status_{answer.line_id}", ""),
                    "decision_number": request.POST.get(f"number_{answer.line_id}", ""),
                    "decision_date": _date(request.POST.get(f"date_{answer.line_id}", "")),
                    "reason": request.POST.get(f"reason_{answer.line_id}", ""),
                }
                for answer in _answers(submission).filter(status=AnswerStatus.PENDING)
            }
            return services.submission_answer(actor=request.user, submission=submission, answers=answers)

        step = step_run(activation, answer)
        errors = step.errors
        if step.ok:
            messages.success(request, _answered(submission, step.value or []))
            return HttpResponseRedirect("/")
    return render(request, "nominations/tasks/home_affairs_review.html", {
        "submission": submission, "answers": _answers(submission), "errors": errors,
        "statuses": [AnswerStatus.ACCEPTED, AnswerStatus.RETURNED, AnswerStatus.REJECTED],
    }, status=400 if errors else 200)


def _answered(submission: OutcomeDocument, answers) -> str:
    """What Sở Nội vụ's answer recorded, line by line counted, and who acts next."""
    counts = {status: sum(1 for a in answers if a.status == status) for status in AnswerStatus.values}
    text = _("Đã ghi ý kiến của Sở Nội vụ về Tờ trình %(number)s: %(accepted)s dòng tiếp nhận, %(returned)s dòng trả "
             "lại để bổ sung, %(rejected)s dòng không khen thưởng.") % {
        "number": submission.document.number_text or submission.document.summary,
        "accepted": counts[AnswerStatus.ACCEPTED], "returned": counts[AnswerStatus.RETURNED],
        "rejected": counts[AnswerStatus.REJECTED]}
    if counts[AnswerStatus.RETURNED]:
        return text + " " + _("Thường trực của cơ quan sẽ bổ sung các dòng trả lại và trình lại.")
    return text + " " + _("Thường trực và lãnh đạo cơ quan được thông báo kết quả.")


def submission_resubmit_view(request, **kwargs):
    activation = request.activation
    submission = _submission(activation)
    errors = []
    if request.method == "POST":
        step = step_run(activation, lambda: services.submission_resubmit(
            actor=request.user, submission=submission, note=request.POST.get("note", "")))
        errors = step.errors
        if step.ok:
            messages.success(request, _("Đã trình lại Tờ trình %(number)s cho Sở Nội vụ; Sở Nội vụ sẽ cho ý kiến về "
                                        "các dòng đã bổ sung.") % {
                "number": submission.document.number_text or submission.document.summary})
            return HttpResponseRedirect("/")
    return render(request, "nominations/tasks/submission_resubmit.html", {
        "submission": submission, "answers": _answers(submission), "errors": errors,
    }, status=400 if errors else 200)
