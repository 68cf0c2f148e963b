"""A decided year for the report tests, through the same services and tasks as the pages: KT proposes,
the council votes (CSTĐCS voted down), the chief approves, Sở Nội vụ answers the Tờ trình (one
accepted, one rejected); a sáng kiến is recognised."""

from __future__ import annotations

import datetime as dt

from viewflow.workflow.status import STATUS

from accounts.models import Unit, User
from nominations import services
from nominations.flows.council import CouncilFlow
from nominations.flows.home_affairs import HomeAffairsFlow
from nominations.models import AnswerStatus, InitiativeScope, OutcomeDocumentKind
from nominations.processes import council as council_processes
from nominations.processes.running import task_run
from nominations.services.registries import initiative_record
from workflow.documents.models import DocumentStatus
from workflow.documents.services import document_issue

from .helpers import accepted_dossier, open_cycle


def kt_people() -> tuple[User, ...]:
    """canbo.kt.01 is the deputy head (a leader); the others work directly."""
    return tuple(User.objects.filter(unit__code="KT", unit__agency__code="VP").exclude(
        username="truongphong.kt").order_by("pk")[:6])


def decided_year(year: int = 2023) -> dict:
    leader, b, c, d, e, f = kt_people()
    unit = Unit.objects.get(code="KT", agency__code="VP")
    cycle = open_cycle(year)
    accepted_dossier(cycle, "KT", [(leader, "LDTT"), (b, "LDTT"), (c, "CSTDCS"), (unit, "TTLDTT"),
                                   (d, "CSTD_TINH"), (e, "CSTD_TINH")])
    secretariat, chief = User.objects.get(username="hcqt"), User.objects.get(username="chanhvp")
    officer = User.objects.get(username="sonoivu")
    session = services.session_create(actor=secretariat, cycle=cycle, meeting_date=dt.date(year, 12, 20),
                                      venue="Phòng họp số 1")
    council_processes.session_publish(actor=secretariat, session=session)
    items = list(session.items.select_related("line__award"))
    for task in session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner"):
        member = session.attendees.get(pk=task.data["member"])
        choices = {item.pk: item.line.award.code != "CSTDCS" for item in items
                   if item.line.person_id != member.person_id}
        task_run(task=task, actor=task.owner,
                 action=lambda m=member, ch=choices, u=task.owner: services.ballot_cast(actor=u, member=m, choices=ch))
    finalise = session.process.task_set.get(flow_task=CouncilFlow.finalise)
    task_run(task=finalise, actor=secretariat, action=lambda: services.session_finalise(actor=secretariat,
                                                                                        session=session))
    approve = session.process.task_set.get(flow_task=CouncilFlow.approve)
    task_run(task=approve, actor=chief, action=lambda: council_processes.session_approve(actor=chief, session=session))
    session.refresh_from_db()
    for document in [session.minutes, *(o.document for o in session.outcome_documents.all())]:
        document.refresh_from_db()
        if document.status == DocumentStatus.QUEUED:
            document_issue(document_id=document.pk)
    submission = session.outcome_documents.get(kind=OutcomeDocumentKind.SUBMISSION)
    review = submission.process.task_set.get(flow_task=HomeAffairsFlow.review, status__in=[STATUS.NEW])
    answers = {
        submission.answers.get(line__person=d).line_id: {
            "status": AnswerStatus.ACCEPTED, "decision_number": "77/QĐ-UBND",
            "decision_date": dt.date(year + 1, 1, 15)},
        submission.answers.get(line__person=e).line_id: {"status": AnswerStatus.REJECTED,
                                                        "reason": "Chưa đủ tiêu chuẩn."},
    }
    task_run(task=review, actor=officer, action=lambda: services.submission_answer(
        actor=officer, submission=submission, answers=answers))
    initiative_record(actor=secretariat, title="Số hóa hồ sơ một cửa", authors=[leader, f],
                      decision_date=dt.date(year, 11, 5), scope=InitiativeScope.BASE, decision_number="15/QĐ-VP")
    return {"cycle": cycle, "session": session, "leader": leader, "workers": (b, c, d, e, f)}
