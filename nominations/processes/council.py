"""A council session (``CouncilFlow``): the agenda opens the ballots; the chief's approval releases
the dossiers and sends each Tờ trình on to Sở Nội vụ."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from accounts.models import User

from .. import services
from ..flows.council import CouncilFlow
from ..models import OutcomeDocument, OutcomeDocumentKind, Session, SessionMember
from .dossier import dossiers_release
from .home_affairs import submission_send
from .running import task_run


@transaction.atomic
def session_publish(*, actor: User, session: Session) -> Session:
    """Publish the agenda and open one ballot per voting member (each ballot announces itself)."""
    session = services.agenda_publish(actor=actor, session=session)
    CouncilFlow.start.run(session=session)
    return session


def ballot_task(member: SessionMember):
    return (CouncilFlow.process_class.objects.get(session=member.session_id)
            .task_set.filter(flow_task=CouncilFlow.ballot, data__member=member.pk).first())


@transaction.atomic
def ballot_enter_written(*, actor: User, member: SessionMember, choices: dict[int, bool] | None, note: str):
    """The secretariat enters an absent member's written vote (or records that none came); the
    member's ballot task completes, so the join counts it like any other."""
    task = ballot_task(member)
    if task is None or task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        raise ValidationError(_("Đã hết thời gian bỏ phiếu của phiên họp này."))
    return task_run(task=task, actor=actor, on_behalf=True,
                    action=lambda: services.ballot_cast(actor=actor, member=member, choices=choices, note=note))


@transaction.atomic
def session_approve(*, actor: User, session: Session, **kwargs) -> list[OutcomeDocument]:
    """The chief approves the results (``services.session_approve`` signs the documents); then every
    dossier on the agenda leaves the council's wait and each Tờ trình starts its way to Sở Nội vụ."""
    outcomes = services.session_approve(actor=actor, session=session, **kwargs)
    dossiers = {item.line.dossier for item in session.items.select_related("line__dossier")}
    dossiers_release(actor=actor, dossiers=dossiers)
    for outcome in outcomes:
        if outcome.kind == OutcomeDocumentKind.SUBMISSION:
            submission_send(submission=outcome)
    return outcomes
