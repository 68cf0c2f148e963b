"""A council's decision issued on a given day, for the reward-money tests (unit and browser)."""

from __future__ import annotations

from django.test import TestCase
from freezegun import freeze_time

from accounts.models import User
from nominations import services
from nominations.flows.council import CouncilFlow
from nominations.models import OutcomeDocument, OutcomeDocumentKind, Session
from nominations.processes import council as council_processes
from nominations.processes.running import task_run

from .council_helpers import open_task
from .helpers import accepted_dossier, open_cycle


def decided(year: int, lines: list[tuple], signed: str) -> OutcomeDocument:
    """The Office's council passed ``lines`` for ``year``; the chief approved at ``signed`` (UTC) and the
    Quyết định khen thưởng was issued and registered as its commit would."""
    (decision,) = decided_all(year, lines, signed)
    return decision


def decided_all(year: int, lines: list[tuple], signed: str) -> list[OutcomeDocument]:
    """As ``decided``, for lines the chief decides in several Quyết định (one per kind of title)."""
    cycle = open_cycle(year, name="Xét khen thưởng KT năm")
    accepted_dossier(cycle, "KT", lines)
    hcqt, chief = User.objects.get(username="hcqt"), User.objects.get(username="chanhvp")
    session = services.session_create(actor=hcqt, cycle=cycle, meeting_date=cycle.council_date)
    session = council_processes.session_publish(actor=hcqt, session=session)
    items = list(session.items.select_related("line"))
    for task in session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner"):
        member = session.attendees.get(pk=task.data["member"])
        choices = {item.pk: True for item in items if item.line.person_id != member.person_id}
        task_run(task=task, actor=task.owner,
                 action=lambda member=member, owner=task.owner, choices=choices: services.ballot_cast(
                     actor=owner, member=member, choices=choices))
    session = Session.objects.get(pk=session.pk)
    task_run(task=open_task(session.process, CouncilFlow.finalise), actor=hcqt,
             action=lambda: services.session_finalise(actor=hcqt, session=session))
    with freeze_time(signed), TestCase.captureOnCommitCallbacks(execute=True):
        task_run(task=open_task(session.process, CouncilFlow.approve), actor=chief,
                 action=lambda: council_processes.session_approve(actor=chief, session=session))
    decisions = list(OutcomeDocument.objects.select_related("document__agency").filter(
        session=session, kind=OutcomeDocumentKind.DECISION).order_by("pk"))
    assert decisions and all(decision.registered for decision in decisions)
    return decisions


def workers(count: int) -> list[User]:
    return list(User.objects.filter(unit__code="KT", unit__agency__code="VP").exclude(
        username__startswith="truongphong").order_by("pk")[:count])
