"""A Tờ trình at Sở Nội vụ (``HomeAffairsFlow``): sent when the chief approves the session."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from accounts.models import User

from .. import services
from ..flows.home_affairs import HomeAffairsFlow
from ..models import HomeAffairsProcess, OutcomeDocument, SubmissionAnswer
from .running import task_run


def submission_send(*, submission: OutcomeDocument) -> None:
    """The signed Tờ trình goes to Sở Nội vụ, whose officers take its review from their queue."""
    HomeAffairsFlow.start.run(submission=submission)


class NotAwaitingAnswer(ValidationError):
    """The Tờ trình is not at Sở Nội vụ's review (answered and back with the agency, ended), or an officer has
    taken the review on the pages: no answer can be recorded now (the API's 409)."""


@transaction.atomic
def submission_answer_from_system(*, actor: User, submission: OutcomeDocument,
                                  answers: dict[int, dict]) -> list[SubmissionAnswer]:
    """Sở Nội vụ's own system posts its answer (API, issue 22), as its officer does on the review page: the open
    "Sở Nội vụ thẩm định tờ trình" task taken and run with ``services.submission_answer`` (same verdicts per line,
    same checks, same audit events and notices; returned lines open the secretariat's resubmit step). All or
    nothing."""
    process = HomeAffairsProcess.objects.select_for_update().filter(submission=submission).first()
    task = None if process is None else (
        process.task_set.filter(flow_task=HomeAffairsFlow.review, status__in=(STATUS.NEW, STATUS.ASSIGNED))
        .select_related("owner").order_by("-pk").first())
    if task is None:
        raise NotAwaitingAnswer(_("Tờ trình không ở bước Sở Nội vụ thẩm định: không ghi được ý kiến."))
    if task.status == STATUS.ASSIGNED and task.owner_id != actor.pk:
        raise NotAwaitingAnswer(_("Cán bộ %(name)s của Sở Nội vụ đang thẩm định tờ trình này trên trang: không ghi "
                                  "được ý kiến từ hệ thống.") % {"name": task.owner.full_name})
    return task_run(task=task, actor=actor, action=lambda: services.submission_answer(
        actor=actor, submission=submission, answers=answers))
