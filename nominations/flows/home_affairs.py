"""A Tờ trình at Home Affairs: the officer answers each line (accept with the provincial decision,
return for supplement, reject); returned lines go back to the secretariat, who resubmits
(design §3 flow 4; domain §5; Luật Thi đua, khen thưởng 2022, Điều 84)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from accounts.roles import PERM_HOME_AFFAIRS, PERM_SECRETARIAT
from workflow.locks import process_lock
from workflow.nodes import View, lazy_view
from workflow.registry import register_flow

from .. import announcements
from ..deadlines import TO_CHIEF, TO_OWN_CHIEF
from ..models import AnswerStatus, HomeAffairsProcess
from ..process_kinds import HOME_AFFAIRS

VIEWS = "nominations.views.home_affairs_tasks."


def _province(process):
    return HOME_AFFAIRS.agency_of(process).province


def _returned(activation) -> bool:
    return HOME_AFFAIRS.carried(activation.process).answers.filter(status=AnswerStatus.RETURNED).exists()


@register_flow
class HomeAffairsFlow(flow.Flow):
    """Tờ trình đề nghị khen thưởng gửi Chủ tịch UBND tỉnh qua Sở Nội vụ."""

    process_class = HomeAffairsProcess
    lock_impl = process_lock
    process_title = _("Tờ trình đề nghị khen thưởng qua Sở Nội vụ")
    process_summary_template = "{{ process }}"  # viewflow's lists name what the process carries

    start = flow.StartHandle(this.start_submission).Annotation(title=_("Gửi tờ trình")).Next(this.review)
    review = (
        View(lazy_view(VIEWS + "home_affairs_review_view")).Annotation(title=_("Sở Nội vụ thẩm định tờ trình"))
        .Deadline(step="home_affairs.review", escalate_to=TO_OWN_CHIEF)
        .Permission(PERM_HOME_AFFAIRS, obj=_province).Next(this.returned)
    )
    returned = (
        flow.If(_returned)
        .Annotation(title=_("Có dòng bị trả lại?"))
        .Then(this.resubmit)
        .Else(this.end)
    )
    resubmit = (
        View(lazy_view(VIEWS + "submission_resubmit_view")).Annotation(title=_("Bổ sung và trình lại"))
        .Deadline(step="home_affairs.resubmit", escalate_to=TO_CHIEF)
        .Announce("home_affairs_answered", context=announcements.home_affairs_answered)
        .Permission(PERM_SECRETARIAT, obj=HOME_AFFAIRS.agency_of).Next(this.review)
    )
    end = flow.End().Annotation(title=_("Kết thúc"))

    def start_submission(self, activation, submission):
        activation.process.submission = submission
        return activation.process
