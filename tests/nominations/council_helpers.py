"""A council session or a Tờ trình brought to one step, through the same services and tasks as the pages.

Built for the tests that post to one step (hostile input, replays): one higher-award line (CSTĐ tỉnh),
so the chief's approval makes only the minutes and one Tờ trình; ballots are cast through the
services (13 HTTP posts would cost seconds and prove nothing new here).
"""

from __future__ import annotations

from django.test import TestCase
from viewflow.workflow.status import STATUS

from accounts.models import User
from nominations import services
from nominations.flows.council import CouncilFlow
from nominations.flows.home_affairs import HomeAffairsFlow
from nominations.models import OutcomeDocument, OutcomeDocumentKind, Session
from nominations.processes import council as council_processes
from nominations.processes.running import task_run
from workflow.documents import services as document_services

from .helpers import accepted_dossier, open_cycle


def open_task(process, node):
    return process.task_set.filter(flow_task=node, status__in=[STATUS.NEW, STATUS.ASSIGNED]).order_by("-pk").first()


def taken(task, user: User):
    """The task assigned to ``user`` (as their "take" button does), ready for its execute URL."""
    if task.status == STATUS.NEW:
        with task.activation() as activation:
            activation.assign(user)
        task.refresh_from_db()
    return task


def tallied_session(unit_code: str = "KT", *, also: list[tuple] = (), files: list[tuple] = ()) -> Session:
    """Every voting member has voted yes on the unit's one CSTĐ tỉnh line: the minutes step is open.

    Each unit gets its own 2025 cycle, so one test may hold sessions at several steps at once. ``also``: more
    (nominee, award code) lines of the dossier, voted yes too; ``files``: as ``helpers.accepted_dossier``'s (line
    0 is the CSTĐ tỉnh one)."""
    cycle = open_cycle(2025, name=f"Xét khen thưởng {unit_code} năm")
    nominee = User.objects.filter(unit__code=unit_code, unit__agency__code="VP").exclude(
        username__startswith="truongphong").order_by("pk").first()
    accepted_dossier(cycle, unit_code, [(nominee, "CSTD_TINH"), *also], files)
    hcqt = User.objects.get(username="hcqt")
    session = services.session_create(actor=hcqt, cycle=cycle, meeting_date=cycle.council_date)
    session = council_processes.session_publish(actor=hcqt, session=session)
    items = list(session.items.select_related("line"))
    for task in session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner"):
        member = session.attendees.get(pk=task.data["member"])
        choices = {item.pk: True for item in items if item.line.person_id != member.person_id}
        task_run(task=task, actor=task.owner,
                 action=lambda member=member, owner=task.owner, choices=choices: services.ballot_cast(
                     actor=owner, member=member, choices=choices))
    return Session.objects.get(pk=session.pk)


def finalised_session(unit_code: str = "KT", **lines) -> Session:
    """The minutes are drafted: the chief's approval step is open (``lines``: ``tallied_session``'s)."""
    session = tallied_session(unit_code, **lines)
    hcqt = User.objects.get(username="hcqt")
    task_run(task=open_task(session.process, CouncilFlow.finalise), actor=hcqt,
             action=lambda: services.session_finalise(actor=hcqt, session=session))
    return Session.objects.get(pk=session.pk)


def approved_submission(unit_code: str = "KT", **lines) -> OutcomeDocument:
    """The chief has approved: the Tờ trình is signed, queued to be issued, not yet sent (``lines``:
    ``tallied_session``'s)."""
    session = finalised_session(unit_code, **lines)
    chief = User.objects.get(username="chanhvp")
    task_run(task=open_task(session.process, CouncilFlow.approve), actor=chief,
             action=lambda: council_processes.session_approve(actor=chief, session=session))
    return session.outcome_documents.select_related("document").get(kind=OutcomeDocumentKind.SUBMISSION)


def sent_submission(unit_code: str = "KT", **lines) -> OutcomeDocument:
    """The chief has approved; the Tờ trình is issued (numbered, PDF stored) and waits at Home Affairs.

    Only the Tờ trình is issued, as its commit would (the minutes stay queued): one render, not two.
    """
    submission = approved_submission(unit_code, **lines)
    with TestCase.captureOnCommitCallbacks(execute=True):
        document_services.document_issue(document_id=submission.document_id)
    return OutcomeDocument.objects.select_related("document").get(pk=submission.pk)


def returned_submission(unit_code: str = "KT") -> OutcomeDocument:
    """Home Affairs returned the line for supplement: the secretariat's resubmit step is open."""
    submission = sent_submission(unit_code)
    officer = User.objects.get(username="sonoivu")
    line = submission.lines.get()
    task_run(task=open_task(submission.process, HomeAffairsFlow.review), actor=officer,
             action=lambda: services.submission_answer(actor=officer, submission=submission, answers={
                 line.pk: {"status": "returned", "reason": "Thiếu quyết định công nhận sáng kiến"}}))
    return submission
