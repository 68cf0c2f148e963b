"""Every human task of every flow posted twice at the same instant (PostgreSQL, real threads).

A double click, two tabs, or two secretaries on the same queue: one post wins, the other gets a
clean refusal (never a 500), the service writes once and the flow creates exactly one next task.
The table below names every task kind; ``test_the_table_names_every_human_task`` fails when a flow
gains a human task the table does not drive. ``process_lock`` (workflow/locks.py) is what makes
the second post wait and then find its task done; tests/workflow/test_locks.py shows the same
scenario failing without it.

Two transactional tests walk the flows in order (each flush and re-seed costs seconds on
PostgreSQL, so the steps share one database instead of one per task kind).
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.nodes import View
from viewflow.workflow.status import STATUS

from accounts import services as account_services
from accounts.models import Agency, Unit, User
from accounts.roles import Role
from nominations import demo_facts, demo_pledges, services
from nominations.flows import AgencyPledgeFlow, AnnualReportFlow, PledgeFlow
from nominations.flows.council import CouncilFlow
from nominations.flows.dossier import DossierFlow
from nominations.flows.home_affairs import HomeAffairsFlow
from nominations.models import (
    AgencyPledgeProcess,
    AgencyPledgeRegistration,
    AgencyPledgeStatus,
    AnnualReport,
    AnnualReportProcess,
    AnswerStatus,
    Award,
    DossierRound,
    DossierStatus,
    Movement,
    OutcomeDocumentKind,
    PledgeProcess,
    PledgeRegistration,
    PledgeReview,
    PledgeStatus,
    ReportStatus,
    Session,
    SessionStatus,
)
from nominations.processes import council as council_processes
from tests.concurrency import posts_at_once
from workflow.audit import Action, verify_chain
from workflow.audit.models import AuditEvent
from workflow.documents.models import DocumentStatus, IssuedDocument

from .helpers import line_post, open_cycle, open_dossier

# Every human task kind, with the test step that posts it twice.
TASK_KINDS = {
    (DossierFlow, "edit"): "dossier submit",
    (DossierFlow, "review"): "dossier review (return, then accept)",
    (CouncilFlow, "ballot"): "every member at once",
    (CouncilFlow, "finalise"): "minutes",
    (CouncilFlow, "approve"): "chief approves",
    (HomeAffairsFlow, "review"): "Home Affairs returns, then accepts",
    (HomeAffairsFlow, "resubmit"): "secretariat resubmits",
    (PledgeFlow, "submit"): "unit submits",
    (PledgeFlow, "review"): "secretariat reviews",
    (AgencyPledgeFlow, "compile"): "secretariat compiles",
    (AgencyPledgeFlow, "sign"): "chief signs",
    (AgencyPledgeFlow, "home_affairs"): "Home Affairs acknowledges",
    (AnnualReportFlow, "write"): "unit head submits the section",
    (AnnualReportFlow, "rewrite"): "unit head supplements a returned section",
    (AnnualReportFlow, "compile"): "secretariat returns a section, then finishes",
    (AnnualReportFlow, "sign"): "chief returns, then signs",
    (AnnualReportFlow, "home_affairs"): "Home Affairs acknowledges",
}

NAMESPACES = {DossierFlow: "dossier", CouncilFlow: "council", HomeAffairsFlow: "homeaffairs",
              PledgeFlow: "pledge", AgencyPledgeFlow: "agencypledge", AnnualReportFlow: "annualreport"}


def test_the_table_names_every_human_task():
    """A new human task in any flow must be added to the table (and driven twice below)."""
    from workflow.registry import registered_flows

    assert set(registered_flows()) == set(NAMESPACES)
    found = {(flow, node.name) for flow in NAMESPACES for node in flow.instance.nodes() if isinstance(node, View)}
    assert found == set(TASK_KINDS)


def at_once(requests: list[tuple[User, str, dict]]) -> list[tuple[int, str]]:
    return posts_at_once(requests, read=lambda response: (response.status_code,
                                                          response.content.decode(errors="replace")))


def url_of(task: Task, action: str = "execute") -> str:
    ns = NAMESPACES[type(task.flow_task.flow_class.instance)]
    return reverse(f"{ns}:{task.flow_task.name}:{action}", args=[task.process_id, task.pk])


def open_tasks(process_pk: int, node) -> list[Task]:
    return list(Task.objects.filter(process_id=process_pk, flow_task=node,
                                    status__in=[STATUS.NEW, STATUS.ASSIGNED]).order_by("pk"))


def the_open_task(process_pk: int, node) -> Task:
    tasks = open_tasks(process_pk, node)
    assert len(tasks) == 1, f"expected exactly one open {node.name}, got {len(tasks)}"
    return tasks[0]


def assign(task: Task, user: User) -> Task:
    if task.owner_id is None:
        client = Client()
        client.force_login(user)
        assert client.post(url_of(task, "assign")).status_code == 302
    return Task.objects.get(pk=task.pk)


def twice(task: Task, user: User, data: dict) -> None:
    """The owner posts the same step twice at once: exactly one success, one clean refusal."""
    task = assign(task, user)
    results = at_once([(user, url_of(task), data), (user, url_of(task), data)])
    statuses = sorted(status for status, _body in results)
    assert statuses[0] == 302, results
    assert statuses[1] in (302, 403, 404), statuses  # refused or sent on, never a 500 nor a second write
    for status, body in results:
        if status == 403:
            assert "Việc này đã được xử lý xong hoặc đã hủy; không có gì thay đổi." in body, body
    assert Task.objects.get(pk=task.pk).status == STATUS.DONE
    assert Task.objects.filter(process_id=task.process_id, flow_task=task.flow_task, previous=task).count() == 0


def done_count(process_pk: int, node) -> int:
    return Task.objects.filter(process_id=process_pk, flow_task=node, status=STATUS.DONE).count()


def people(unit_code: str, n: int) -> list[User]:
    return list(User.objects.filter(unit__code=unit_code, unit__agency__code="VP")
                .exclude(username__startswith="truongphong").order_by("pk")[:n])


@pytest.mark.postgres
def test_nomination_flows_every_task_posted_twice(catalogue_transactional_db, monkeypatch):
    hcqt, chief, officer = (User.objects.get(username=u) for u in ("hcqt", "chanhvp", "sonoivu"))
    vp = Agency.objects.get(code="VP")
    second_secretary = User.objects.get(username="phochanhvp2")
    account_services.role_grant(actor=None, user=second_secretary, role=Role.SECRETARIAT, agency=vp)

    # Dossier: the unit head double-clicks "submit".
    cycle = open_cycle(2025)
    dossier = open_dossier(cycle)
    head = dossier.created_by
    a, b, c = people("KT", 3)
    demo_facts.facts_record(year=2025, lines=[(a, "LDTT"), (b, "LDTT"), (c, "CSTD_TINH")])  # lawful lines
    client = Client()
    client.force_login(head)
    for person, code in ((a, "LDTT"), (b, "LDTT"), (c, "CSTD_TINH")):
        assert client.post(url_of(the_open_task(dossier.process.pk, DossierFlow.edit)),
                           line_post(person, code)).status_code == 302
    demo_facts.papers_record(dossier=dossier)
    twice(the_open_task(dossier.process.pk, DossierFlow.edit), head, {"action": "submit"})
    assert DossierRound.objects.filter(dossier=dossier).count() == 1
    review = the_open_task(dossier.process.pk, DossierFlow.review)

    # Two secretaries take the same queued review at the same instant: one owns it, the other is told
    # in Vietnamese that someone else has it, and the log says it was taken once.
    results = at_once([(hcqt, url_of(review, "assign"), {}), (second_secretary, url_of(review, "assign"), {})])
    assert sorted(status for status, _ in results) == [302, 403]
    assert "Việc này đang do người khác xử lý" in next(body for status, body in results if status == 403)
    review.refresh_from_db()
    assert review.status == STATUS.ASSIGNED and review.owner in (hcqt, second_secretary)
    taken = AuditEvent.objects.filter(action=Action.TASK_ASSIGNED, changes__task=review.pk)
    assert [event.actor_id for event in taken] == [review.owner_id]
    owner = review.owner

    # Return twice at once: one round, one new edit task.
    twice(review, owner, {"decision": "return", "reason": "Bổ sung minh chứng"})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    demo_facts.papers_record(dossier=dossier)
    twice(the_open_task(dossier.process.pk, DossierFlow.edit), head, {"action": "submit"})
    twice(the_open_task(dossier.process.pk, DossierFlow.review), hcqt, {"decision": "accept", "reason": "",
                                                                         "acknowledge": "Đã đối chiếu bản giấy."})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ACCEPTED and DossierRound.objects.filter(dossier=dossier).count() == 2
    assert len(open_tasks(dossier.process.pk, DossierFlow.wait_council)) == 1

    # Council: every member votes at the same instant, each ballot also posted twice.
    session = services.session_create(actor=hcqt, cycle=cycle, meeting_date=cycle.council_date)
    council_processes.session_publish(actor=hcqt, session=session)
    items = list(session.items.select_related("line"))
    ballots = list(session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner"))
    requests = []
    for task in ballots:
        data = {f"item_{i.pk}": "yes" for i in items if i.line.person_id != task.owner_id}
        requests += [(task.owner, url_of(task), data)] * 2
    results = at_once(requests)
    assert sorted(s for s, _ in results)[:13] == [302] * 13 and all(s != 500 for s, _ in results)
    session = Session.objects.get(pk=session.pk)
    assert session.status == SessionStatus.TALLIED and session.ballots.count() == 13
    assert [item.yes for item in session.items.order_by("pk")] == [13, 13, 13]
    assert session.process.task_set.filter(flow_task=CouncilFlow.join).count() == 1
    assert session.process.task_set.filter(flow_task=CouncilFlow.tally).count() == 1

    twice(the_open_task(session.process.pk, CouncilFlow.finalise), hcqt, {"start_time": "08 giờ 00"})
    twice(the_open_task(session.process.pk, CouncilFlow.approve), chief, {"read_drafts": "1"})
    session = Session.objects.get(pk=session.pk)
    assert session.status == SessionStatus.APPROVED and session.process.status == STATUS.DONE
    documents = IssuedDocument.objects.filter(agency=vp).exclude(status=DocumentStatus.DRAFT)
    assert documents.count() == 3  # the minutes, one decision, one submission: never two of one
    assert all(d.status == DocumentStatus.READY for d in documents)
    for kind in ("BB", "QĐ", "TTr"):
        assert [d.number for d in documents if f"/{kind}-" in d.number_text] == [1]

    # Home Affairs returns (twice at once), the secretariat resubmits (twice), Home Affairs accepts (twice).
    submission = session.outcome_documents.get(kind=OutcomeDocumentKind.SUBMISSION)
    line = submission.lines.get()
    process_pk = submission.process.pk
    twice(the_open_task(process_pk, HomeAffairsFlow.review), officer,
          {f"status_{line.pk}": "returned", f"reason_{line.pk}": "Thiếu quyết định công nhận sáng kiến"})
    twice(the_open_task(process_pk, HomeAffairsFlow.resubmit), hcqt, {"note": "Đã bổ sung"})
    twice(the_open_task(process_pk, HomeAffairsFlow.review), officer,
          {f"status_{line.pk}": "accepted", f"number_{line.pk}": "1234/QĐ-UBND", f"date_{line.pk}": "2026-01-15"})
    answer = submission.answers.get()
    assert (answer.status, answer.rounds) == (AnswerStatus.ACCEPTED, 2)
    assert done_count(process_pk, HomeAffairsFlow.review) == 2 and done_count(process_pk, HomeAffairsFlow.resubmit) == 1
    assert done_count(process_pk, HomeAffairsFlow.end) == 1
    assert verify_chain().ok


@pytest.mark.postgres
def test_pledge_flows_every_task_posted_twice(catalogue_transactional_db):
    demo_pledges.seed()
    hcqt, chief, officer = (User.objects.get(username=u) for u in ("hcqt", "chanhvp", "sonoivu"))
    head = User.objects.get(username="truongphong.kt")
    vp = Agency.objects.get(code="VP")
    index = reverse("pledges:index")
    client = Client()
    client.force_login(hcqt)
    assert client.post(index, {"action": "open", "agency": vp.pk, "year": 2023, "deadline": "2023-01-02"}
                       ).status_code == 302
    agency_registration = AgencyPledgeRegistration.objects.get(agency=vp, year=2023)
    client.force_login(head)
    unit = Unit.objects.get(agency=vp, code="KT")
    assert client.post(index, {"action": "create", "unit": unit.pk, "year": 2023}).status_code == 302
    registration = PledgeRegistration.objects.get(unit=unit, year=2023)
    page = reverse("pledges:detail", args=[registration.pk])
    client.post(page, {"action": "title", "collective_title": Award.objects.get(code="TTLDTT").pk})
    client.post(page, {"action": "add_target", "content": "Giải quyết hồ sơ đúng hạn", "measure": "%",
                       "planned_value": "100",
                       "movement": Movement.objects.get(name__startswith="Đẩy mạnh cải cách hành chính").pk})
    member = User.objects.get(username="canbo.kt.02")
    client.post(page, {"action": "save_line", "person": member.pk, "title": Award.objects.get(code="CSTDCS").pk,
                       "planned_initiative": "Số hóa báo cáo"})
    process_pk = PledgeProcess.objects.get(registration=registration).pk

    twice(the_open_task(process_pk, PledgeFlow.submit), head, {})
    twice(the_open_task(process_pk, PledgeFlow.review), hcqt, {"decision": "return", "reason": "Thiếu chỉ tiêu"})
    twice(the_open_task(process_pk, PledgeFlow.submit), head, {})
    twice(the_open_task(process_pk, PledgeFlow.review), hcqt, {"decision": "accept", "reason": ""})
    registration.refresh_from_db()
    assert registration.status == PledgeStatus.ACCEPTED
    assert PledgeReview.objects.filter(registration=registration).count() == 2
    assert done_count(process_pk, PledgeFlow.submit) == 2 and done_count(process_pk, PledgeFlow.end) == 1

    agency_pk = AgencyPledgeProcess.objects.get(registration=agency_registration).pk
    twice(the_open_task(agency_pk, AgencyPledgeFlow.compile), hcqt,
          {"collective_title": Award.objects.get(code="CO_TINH").pk})
    twice(the_open_task(agency_pk, AgencyPledgeFlow.sign), chief, {"read_drafts": "1"})
    agency_registration.refresh_from_db()
    assert agency_registration.status == AgencyPledgeStatus.SENT
    assert agency_registration.document.status == DocumentStatus.READY
    assert list(IssuedDocument.objects.exclude(number=None).values_list("number", flat=True)) == [1]
    twice(the_open_task(agency_pk, AgencyPledgeFlow.home_affairs), officer, {"decision": "accept", "reason": ""})
    agency_registration.refresh_from_db()
    assert agency_registration.status == AgencyPledgeStatus.ACKNOWLEDGED
    assert done_count(agency_pk, AgencyPledgeFlow.end) == 1
    assert verify_chain().ok


@pytest.mark.postgres
def test_annual_report_flow_every_task_posted_twice(catalogue_transactional_db):
    from .report_helpers import SECTION_TEXT, prose_post

    hcqt, chief, officer = (User.objects.get(username=u) for u in ("hcqt", "chanhvp", "sonoivu"))
    vp = Agency.objects.get(code="VP")
    client = Client()
    client.force_login(hcqt)
    assert client.post(reverse("reports:index"), {"agency": vp.pk, "year": 2023}).status_code == 302
    report = AnnualReport.objects.get(agency=vp, year=2023)
    process_pk = AnnualReportProcess.objects.get(report=report).pk
    sections = {t.data["section"]: t for t in open_tasks(process_pk, AnnualReportFlow.write)}
    kt = report.sections.get(unit__code="KT")

    twice(sections.pop(kt.pk), User.objects.get(username="truongphong.kt"), {"action": "submit", **SECTION_TEXT})
    for task in sections.values():
        twice(task, task.owner, {"action": "submit", **SECTION_TEXT})
    assert report.sections.exclude(submitted_at=None).count() == len(sections) + 1

    twice(the_open_task(process_pk, AnnualReportFlow.compile), hcqt,
          {"action": "return_section", "section": kt.pk, "reason": "Bổ sung số liệu"})
    twice(the_open_task(process_pk, AnnualReportFlow.rewrite), User.objects.get(username="truongphong.kt"),
          {"action": "submit", **SECTION_TEXT})
    twice(the_open_task(process_pk, AnnualReportFlow.compile), hcqt, prose_post(report, "finish"))
    twice(the_open_task(process_pk, AnnualReportFlow.sign), chief, {"action": "return", "reason": "Bổ sung"})
    twice(the_open_task(process_pk, AnnualReportFlow.compile), hcqt, prose_post(report, "finish"))
    twice(the_open_task(process_pk, AnnualReportFlow.sign), chief, {"read_drafts": "1"})
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT and report.document.status == DocumentStatus.READY
    assert list(IssuedDocument.objects.exclude(number=None).values_list("number", flat=True)) == [1]
    twice(the_open_task(process_pk, AnnualReportFlow.home_affairs), officer, {"decision": "accept", "reason": ""})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACKNOWLEDGED
    assert done_count(process_pk, AnnualReportFlow.end) == 1 and done_count(process_pk, AnnualReportFlow.sign) == 2
    assert verify_chain().ok
