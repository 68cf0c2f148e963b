"""A council session: agenda published → one ballot per voting member → tally → minutes → the
chief approves → decisions and submissions issued, dossiers released (design §3 flow 3;
domain §4; Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8 for the 90 % rule)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.status import STATUS

from accounts.models import Agency, User
from accounts.roles import PERM_CHIEF, PERM_SECRETARIAT
from workflow.deadlines.nodes import View
from workflow.locks import process_lock
from workflow.nodes import DynamicSplit
from workflow.registry import register_flow

from .. import announcements, services
from ..deadlines import ballot_due, due
from ..models import CouncilProcess, Dossier, SessionMember
from ..views.council_tasks import ballot_view, session_approve_view, session_finalise_view
from .dossier import DossierFlow
from .running import task_run


def _agency(process):
    return Agency.objects.get(cycles__sessions__process__pk=process.pk)


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
        View(ballot_view).Annotation(title=_("Bỏ phiếu")).Deadline(due=due("council.ballot", ballot_due))
        .Announce("vote_opened", context=announcements.vote_opened)
        .Assign(_member_person).Next(this.join)
    )
    join = flow.Join().Annotation(title=_("Chờ đủ phiếu bầu")).Next(this.tally)
    tally = flow.Function(this.count_votes).Annotation(title=_("Kiểm phiếu")).Next(this.finalise)
    finalise = (
        View(session_finalise_view).Annotation(title=_("Hoàn thành biên bản")).Deadline(due=due("council.finalise"))
        .Permission(PERM_SECRETARIAT, obj=_agency).Next(this.approve)
    )
    approve = (
        View(session_approve_view).Annotation(title=_("Phê duyệt kết quả")).Deadline(due=due("council.approve"))
        .Permission(PERM_CHIEF, obj=_agency).Next(this.end)
    )
    end = flow.End().Annotation(title=_("Kết thúc"))

    def start_session(self, activation, session):
        activation.process.session = session
        return activation.process

    def count_votes(self, activation):
        services.session_tally(session=activation.process.session)


def ballot_task(member: SessionMember):
    return (CouncilFlow.ballot.flow_class.process_class.objects.get(session=member.session_id)
            .task_set.filter(flow_task=CouncilFlow.ballot, data__member=member.pk).first())


def ballot_enter_written(*, actor: User, member: SessionMember, choices: dict[int, bool] | None, note: str):
    """The secretariat enters an absent member's written vote (or records that none came); the
    member's ballot task completes, so the join counts it like any other."""
    task = ballot_task(member)
    if task is None or task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError(_("Đã hết thời gian bỏ phiếu của phiên họp này."))
    return task_run(task=task, actor=actor, on_behalf=True,
                    action=lambda: services.ballot_cast(actor=actor, member=member, choices=choices, note=note))


def dossiers_release(*, actor: User, dossiers: set[Dossier]) -> None:
    """Dossiers whose every line has its outcome leave the council's wait (their flow ends)."""
    for dossier in dossiers:
        if services.dossier_release(actor=actor, dossier=dossier):
            task = dossier.process.task_set.filter(flow_task=DossierFlow.wait_council, status=STATUS.NEW).first()
            if task is not None:
                DossierFlow.wait_council.run(task)
