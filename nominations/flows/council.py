"""A council session: agenda published → one ballot per voting member → tally → minutes → the
chief approves (or returns the session to the secretariat, who write the minutes again) → decisions and
submissions issued, dossiers released (design §3 flow 3;
domain §4; Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8 for the 90 % rule)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from accounts.models import User
from accounts.roles import PERM_CHIEF, PERM_SECRETARIAT
from workflow.locks import process_lock
from workflow.nodes import DynamicSplit, View, lazy_view
from workflow.registry import register_flow

from .. import announcements, services
from ..deadlines import NOBODY, TO_CHIEF, ballot_due
from ..models import CouncilProcess, SessionStatus
from ..process_kinds import COUNCIL

VIEWS = "nominations.views.council_tasks."


def _member_person(activation) -> User:
    return User.objects.get(pk=activation.task.data["person"])


@register_flow
class CouncilFlow(flow.Flow):
    """Phiên họp Hội đồng Thi đua – Khen thưởng: bỏ phiếu kín, kiểm phiếu, biên bản, phê duyệt."""

    process_class = CouncilProcess
    lock_impl = process_lock
    process_title = _("Phiên họp Hội đồng Thi đua – Khen thưởng")
    process_summary_template = "{{ process }}"  # viewflow's lists name what the process carries

    start = flow.StartHandle(this.start_session).Annotation(title=_("Công bố danh sách, mở phiếu bầu")).Next(this.split)
    split = DynamicSplit().Annotation(title=_("Mở phiếu bầu cho từng thành viên")).Next(
        this.ballot,
        data_source=lambda activation: [
            {"member": m.pk, "person": m.person_id} for m in activation.process.session.attendees.order_by("pk")
        ],
    )
    ballot = (
        View(lazy_view(VIEWS + "ballot_view")).Annotation(title=_("Bỏ phiếu"))
        .Deadline(step="council.ballot", due=ballot_due, escalate_to=TO_CHIEF)
        .Announce("vote_opened", context=announcements.vote_opened)
        .Assign(_member_person).Next(this.join)
    )
    join = flow.Join().Annotation(title=_("Chờ đủ phiếu bầu")).Next(this.tally)
    tally = flow.Function(this.count_votes).Annotation(title=_("Kiểm phiếu")).Next(this.finalise)
    finalise = (
        View(lazy_view(VIEWS + "session_finalise_view")).Annotation(title=_("Hoàn thành biên bản"))
        .Deadline(step="council.finalise", escalate_to=TO_CHIEF)
        .Permission(PERM_SECRETARIAT, obj=COUNCIL.agency_of).Next(this.approve)
    )
    approve = (
        View(lazy_view(VIEWS + "session_approve_view")).Annotation(title=_("Phê duyệt kết quả"))
        .Deadline(step="council.approve", escalate_to=NOBODY)
        .Permission(PERM_CHIEF, obj=COUNCIL.agency_of).SoleHolder().Next(this.approved)
    )
    # The chief may return the session to the secretariat instead of signing (Luật Thi đua, khen thưởng 2022,
    # Điều 80: the council proposes, the head decides): the minutes are written again, then approved again.
    approved = (
        flow.If(lambda activation: COUNCIL.carried(activation.process).status == SessionStatus.APPROVED)
        .Annotation(title=_("Đã phê duyệt?"))
        .Then(this.end)
        .Else(this.finalise)
    )
    end = flow.End().Annotation(title=_("Kết thúc"))

    def start_session(self, activation, session):
        activation.process.session = session
        return activation.process

    def count_votes(self, activation):
        services.session_tally(session=activation.process.session)

