"""Concurrency on PostgreSQL with real threads and one client each: every ballot cast at the same
instant counts and the join fires once; a task posted twice at the same instant completes once.
(Two documents signed at once get consecutive numbers: tests/workflow/test_documents_numbering.py.)"""


import pytest
from django.test import Client
from viewflow.workflow.status import STATUS

from accounts.models import User
from nominations import demo_facts
from nominations.flows.council import CouncilFlow
from nominations.flows.dossier import DossierFlow
from nominations.models import DossierRound, Session, SessionStatus
from nominations.processes import council as council_processes
from tests.concurrency import posts_at_once

from .helpers import accepted_dossier, edit_task, line_post, open_cycle, open_dossier, task_url

pytestmark = pytest.mark.postgres


def at_once(requests):
    return posts_at_once(requests, read=lambda response: response.status_code)


def test_every_member_voting_at_the_same_instant_counts_and_the_join_fires_once(catalogue_transactional_db):
    from nominations import services

    cycle = open_cycle(2025)
    staff = list(User.objects.filter(unit__code="KT", unit__agency__code="VP")
                 .exclude(username__startswith="truongphong").order_by("pk")[:3])
    accepted_dossier(cycle, "KT", [(person, "LDTT") for person in staff])
    secretariat = User.objects.get(username="hcqt")
    session = services.session_create(actor=secretariat, cycle=cycle, meeting_date=cycle.council_date)
    council_processes.session_publish(actor=secretariat, session=session)
    items = list(session.items.all())
    tasks = list(session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner"))

    statuses = at_once([(task.owner, task_url("council", task), {f"item_{i.pk}": "yes" for i in items})
                        for task in tasks])

    assert statuses == [302] * len(tasks) == [302] * 13
    session = Session.objects.get(pk=session.pk)
    assert session.status == SessionStatus.TALLIED and session.ballots.count() == 13
    assert [item.yes for item in session.items.all()] == [13, 13, 13]
    assert session.process.task_set.filter(flow_task=CouncilFlow.join).count() == 1
    assert session.process.task_set.filter(flow_task=CouncilFlow.tally).count() == 1
    assert session.process.task_set.filter(flow_task=CouncilFlow.finalise).count() == 1


def test_the_same_task_submitted_twice_at_once_completes_once(catalogue_transactional_db):
    dossier = open_dossier(open_cycle(2025))
    head = dossier.created_by
    staff = User.objects.filter(unit=dossier.unit).exclude(pk=head.pk).first()
    client = Client()
    client.force_login(head)
    client.post(task_url("dossier", edit_task(dossier)), line_post(staff))
    url = task_url("dossier", edit_task(dossier))

    demo_facts.papers_record(dossier=dossier)
    statuses = at_once([(head, url, {"action": "submit"}), (head, url, {"action": "submit"})])

    assert sorted(statuses)[0] == 302
    assert DossierRound.objects.filter(dossier=dossier).count() == 1
    assert dossier.process.task_set.filter(flow_task=DossierFlow.review).count() == 1
    assert dossier.process.task_set.filter(flow_task=DossierFlow.edit, status=STATUS.DONE).count() == 1
