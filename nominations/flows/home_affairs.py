"""A Tờ trình at Home Affairs: the officer answers each line (accept with the provincial decision,
return for supplement, reject); returned lines go back to the secretariat, who resubmits
(design §3 flow 4; domain §5; Luật Thi đua, khen thưởng 2022, Điều 84)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from accounts.models import Agency, Province
from accounts.roles import PERM_HOME_AFFAIRS, PERM_SECRETARIAT
from workflow.deadlines.nodes import View
from workflow.locks import process_lock
from workflow.registry import register_flow

from .. import announcements
from ..deadlines import due
from ..models import AnswerStatus, HomeAffairsProcess
from ..views.home_affairs_tasks import home_affairs_review_view, submission_resubmit_view


def _province(process):
    return Province.objects.get(agencies__documents__nomination_outcome__process__pk=process.pk)


def _agency(process):
    return Agency.objects.get(documents__nomination_outcome__process__pk=process.pk)


@register_flow
class HomeAffairsFlow(flow.Flow):
    """Tờ trình đề nghị khen thưởng gửi Chủ tịch UBND tỉnh qua Sở Nội vụ."""

    process_class = HomeAffairsProcess
    lock_impl = process_lock
    process_title = _("Tờ trình đề nghị khen thưởng qua Sở Nội vụ")
    process_summary_template = "{{ process }}"  # viewflow's lists name what the process carries

    start = flow.StartHandle(this.start_submission).Annotation(title=_("Gửi tờ trình")).Next(this.review)
    review = (
        View(home_affairs_review_view).Annotation(title=_("Sở Nội vụ thẩm định tờ trình"))
        .Deadline(due=due("home_affairs.review"))
        .Permission(PERM_HOME_AFFAIRS, obj=_province).Next(this.returned)
    )
    returned = (
        flow.If(lambda activation: activation.process.submission.answers.filter(
            status=AnswerStatus.RETURNED).exists())
        .Annotation(title=_("Có dòng bị trả lại?"))
        .Then(this.resubmit)
        .Else(this.end)
    )
    resubmit = (
        View(submission_resubmit_view).Annotation(title=_("Bổ sung và trình lại"))
        .Deadline(due=due("home_affairs.resubmit"))
        .Announce("home_affairs_answered", context=announcements.home_affairs_answered)
        .Permission(PERM_SECRETARIAT, obj=_agency).Next(this.review)
    )
    end = flow.End().Annotation(title=_("Kết thúc"))

    def start_submission(self, activation, submission):
        activation.process.submission = submission
        return activation.process
