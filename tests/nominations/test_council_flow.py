"""The council session over HTTP: one ballot per voting member, recusal, written votes, the tally
against each title's rule, quorum, the minutes, the chief's one-action approval, the decisions
issued through the document engine and the registry; then Home Affairs answers the Tờ trình."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from viewflow.workflow.status import STATUS

from accounts.models import Unit, User
from nominations import services
from nominations.flows.council import CouncilFlow
from nominations.flows.home_affairs import HomeAffairsFlow
from nominations.models import (
    AnswerStatus,
    Award,
    DossierStatus,
    LineStatus,
    OutcomeDocumentKind,
    PastAward,
    Session,
    SessionStatus,
)
from nominations.processes import council as council_processes
from workflow.audit.models import AuditEvent
from workflow.documents.models import DocumentStatus

from .helpers import accepted_dossier, open_cycle, open_dossier, task_url

pytestmark = pytest.mark.django_db


def people(unit_code, n):
    return list(User.objects.filter(unit__code=unit_code, unit__agency__code="VP")
                .exclude(username__startswith="truongphong").order_by("pk")[:n])


@pytest.fixture
def cycle():
    return open_cycle(2025)


@pytest.fixture
def agenda(cycle):
    """KT proposes two LĐTT, its own head for LĐTT (he sits on the council), the unit for TTLĐTT and
    one person for CSTĐ tỉnh (a higher award, 90 % of all members)."""
    a, b, c = people("KT", 3)
    head = User.objects.get(username="truongphong.kt")
    unit = Unit.objects.get(code="KT", agency__code="VP")
    accepted_dossier(cycle, "KT", [(a, "LDTT"), (b, "LDTT"), (head, "LDTT"), (unit, "TTLDTT"), (c, "CSTD_TINH")])
    return cycle


def open_session(cycle, absent=None) -> Session:
    secretariat = User.objects.get(username="hcqt")
    session = services.session_create(actor=secretariat, cycle=cycle, meeting_date=dt.date(2025, 12, 20),
                                      venue="Phòng họp số 1", absent=absent or {})
    return council_processes.session_publish(actor=secretariat, session=session)


def ballots(session):
    return session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner")


def vote(client, session, task, no_on=()):
    client.force_login(task.owner)
    data = {}
    for item in session.items.select_related("line"):
        if item.line.person_id != task.owner_id:
            data[f"item_{item.pk}"] = "no" if item.line.award.code in no_on else "yes"
    return client.post(task_url("council", task), data)


def finish_session(client, session, captured):
    finalise = session.process.task_set.get(flow_task=CouncilFlow.finalise)
    client.force_login(User.objects.get(username="hcqt"))
    client.post(task_url("council", finalise, "assign"))
    assert client.post(task_url("council", finalise), {"start_time": "08 giờ 00"}).status_code == 302
    approve = session.process.task_set.get(flow_task=CouncilFlow.approve)
    assert approve.owner.username == "chanhvp"  # only the chief approves: his at once, nothing to claim
    client.force_login(User.objects.get(username="chanhvp"))
    with captured(execute=True):
        response = client.post(task_url("council", approve), {"read_drafts": "1"})
    assert response.status_code == 302


def test_happy_path_from_ballots_to_the_registry_and_home_affairs(agenda, client,
                                                                    django_capture_on_commit_callbacks):
    session = open_session(agenda)
    tasks = list(ballots(session))
    assert len(tasks) == 13 and {t.status for t in tasks} == {STATUS.ASSIGNED}
    page = client.get(task_url("council", tasks[0])) if client.force_login(tasks[0].owner) is None else None
    assert page.status_code == 200

    for task in tasks:
        assert vote(client, session, task).status_code == 302

    session.refresh_from_db()
    assert session.status == SessionStatus.TALLIED and session.quorum_met
    head_item = session.items.get(line__person__username="truongphong.kt")
    assert (head_item.yes, head_item.recused, head_item.base, head_item.passed) == (12, 1, 12, True)
    finish_session(client, session, django_capture_on_commit_callbacks)

    session.refresh_from_db()
    assert session.status == SessionStatus.APPROVED and session.process.status == STATUS.DONE
    assert session.minutes.status == DocumentStatus.READY and session.minutes.number_text.startswith("01/BB")
    decisions = session.outcome_documents.filter(kind=OutcomeDocumentKind.DECISION).order_by("document__number")
    assert [d.document.number_text for d in decisions] == ["01/QĐ-VP", "02/QĐ-VP"]
    client.force_login(User.objects.get(username="hcqt"))
    session_page = client.get(reverse("nominations:session", args=[session.pk])).content.decode()
    for decision in decisions:
        assert reverse("documents:detail", args=[decision.document_id]) in session_page
    assert PastAward.objects.filter(year=2025, decision_number__in=["01/QĐ-VP", "02/QĐ-VP"]).count() == 4
    assert set(agenda.lines.filter(award__code__in=["LDTT", "TTLDTT"]).values_list("status", flat=True)) == {
        LineStatus.AWARDED}
    assert agenda.dossiers.get().status == DossierStatus.RELEASED
    assert agenda.dossiers.get().process.status == STATUS.DONE

    submission = session.outcome_documents.get(kind=OutcomeDocumentKind.SUBMISSION)
    assert submission.document.number_text == "01/TTr-VP"
    review = submission.process.task_set.get(flow_task=HomeAffairsFlow.review)
    client.force_login(User.objects.get(username="sonoivu"))
    client.post(task_url("homeaffairs", review, "assign"))
    line = submission.lines.get()
    response = client.post(task_url("homeaffairs", review), {
        f"status_{line.pk}": "accepted", f"number_{line.pk}": "1234/QĐ-UBND", f"date_{line.pk}": "2026-01-15"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.status == LineStatus.AWARDED
    assert PastAward.objects.get(person=line.person, award__code="CSTD_TINH").decision_number == "1234/QĐ-UBND"
    assert submission.process.task_set.get(flow_task=HomeAffairsFlow.end).status == STATUS.DONE


def test_a_written_vote_entered_by_the_secretariat_counts(agenda, client):
    absent_member = User.objects.get(username="hoidong3")
    session = open_session(agenda, absent={absent_member.pk: "Đi công tác"})
    member = session.attendees.get(person=absent_member)
    for task in ballots(session).exclude(owner=absent_member):
        vote(client, session, task)

    with pytest.raises(Exception, match="Ghi chú"):
        council_processes.ballot_enter_written(actor=User.objects.get(username="hcqt"), member=member,
                             choices={i.pk: True for i in session.items.all()}, note="")
    council_processes.ballot_enter_written(actor=User.objects.get(username="hcqt"), member=member,
                         choices={i.pk: True for i in session.items.all()}, note="Phiếu gửi ngày 19/12/2025")

    session.refresh_from_db()
    item = session.items.get(line__award__code="CSTD_TINH")
    assert session.status == SessionStatus.TALLIED
    assert (item.yes, item.base, item.passed) == (13, 13, True)
    assert session.ballots.get(member=member).written


def test_a_failed_vote_gets_no_decision(agenda, client, django_capture_on_commit_callbacks):
    session = open_session(agenda)
    for index, task in enumerate(ballots(session).order_by("pk")):
        vote(client, session, task, no_on=("CSTD_TINH",) if index < 2 else ())

    session.refresh_from_db()
    item = session.items.get(line__award__code="CSTD_TINH")
    assert (item.yes, item.percent, item.passed) == (11, Decimal("84.62"), False)
    finish_session(client, session, django_capture_on_commit_callbacks)
    item.line.refresh_from_db()
    assert item.line.status == LineStatus.VOTE_FAILED
    assert not session.outcome_documents.filter(kind=OutcomeDocumentKind.SUBMISSION).exists()


def test_too_few_members_the_ballots_do_not_open_and_the_session_is_cancelled(agenda, client):
    """Given 8 of 13 voters present (under the 2/3 quorum of the council's Quy chế, domain §4),
    when the secretariat publishes, then nothing opens and the page says why; when it cancels the
    session with a reason, the lines go back to "accepted" and a new session can take them."""
    voters = services.council_voters(agenda)
    secretariat = User.objects.get(username="hcqt")
    session = services.session_create(actor=secretariat, cycle=agenda, meeting_date=dt.date(2025, 12, 20),
                                      absent={person.pk: "Vắng" for person in voters[:5]})
    url = reverse("nominations:session", args=[session.pk])
    client.force_login(secretariat)

    response = client.post(url, {"action": "publish"}, follow=True)

    assert "chỉ có 8/13 thành viên có mặt, chưa đủ 66,67%" in response.content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.DRAFT and session.published_at is None
    assert not CouncilFlow.process_class.objects.filter(session=session).exists()

    refused = client.post(url, {"action": "cancel", "reason": "  "}, follow=True)
    assert "Vui lòng nêu lý do hủy phiên họp." in refused.content.decode()
    assert Session.objects.get(pk=session.pk).status == SessionStatus.DRAFT

    response = client.post(url, {"action": "cancel", "reason": "Không đủ thành viên dự họp"}, follow=True)

    page = response.content.decode()
    assert "Đã hủy phiên họp" in page and "Không đủ thành viên dự họp" in page
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and not session.items.exists()
    assert set(agenda.lines.values_list("status", flat=True)) == {LineStatus.ACCEPTED}
    event = AuditEvent.objects.filter(action="nominations.session_cancelled").get()
    assert event.reason == "Không đủ thành viên dự họp" and len(event.changes["lines"]) == 5
    again = open_session(agenda)
    assert again.status == SessionStatus.VOTING and again.items.count() == 5


def test_only_a_draft_session_is_cancelled_and_only_by_the_secretariat(agenda, client):
    session = open_session(agenda)
    url = reverse("nominations:session", args=[session.pk])
    client.force_login(User.objects.get(username="hcqt"))

    response = client.post(url, {"action": "cancel", "reason": "Hoãn họp"}, follow=True)

    assert "Chỉ hủy được phiên họp chưa công bố" in response.content.decode()
    assert Session.objects.get(pk=session.pk).status == SessionStatus.VOTING
    with pytest.raises(PermissionDenied):
        services.session_cancel(actor=User.objects.get(username="chanhvp"), session=session, reason="Hoãn họp")


def test_a_vote_after_voting_closed_is_refused(agenda, client):
    session = open_session(agenda)
    tasks = list(ballots(session))
    for task in tasks:
        vote(client, session, task)
    member = session.attendees.get(person=tasks[0].owner)

    with pytest.raises(Exception, match="Thành viên này đã bỏ phiếu|hết thời gian"):
        services.ballot_cast(actor=tasks[0].owner, member=member, choices={})
    response = vote(client, session, tasks[0])
    assert response.status_code in (403, 404, 302) and session.ballots.count() == 13


def test_home_affairs_return_for_supplement_then_accept(agenda, client, django_capture_on_commit_callbacks):
    session = open_session(agenda)
    for task in ballots(session):
        vote(client, session, task)
    finish_session(client, session, django_capture_on_commit_callbacks)
    submission = session.outcome_documents.get(kind=OutcomeDocumentKind.SUBMISSION)
    line = submission.lines.get()
    officer = User.objects.get(username="sonoivu")
    review = submission.process.task_set.get(flow_task=HomeAffairsFlow.review)
    client.force_login(officer)
    client.post(task_url("homeaffairs", review, "assign"))
    response = client.post(task_url("homeaffairs", review), {f"status_{line.pk}": "returned"})
    assert response.status_code == 400 and "lý do" in response.content.decode()
    client.post(task_url("homeaffairs", review), {f"status_{line.pk}": "returned",
                                                   f"reason_{line.pk}": "Thiếu quyết định công nhận sáng kiến"})
    line.refresh_from_db()
    assert line.status == LineStatus.HA_RETURNED

    resubmit = submission.process.task_set.get(flow_task=HomeAffairsFlow.resubmit)
    client.force_login(User.objects.get(username="hcqt"))
    client.post(task_url("homeaffairs", resubmit, "assign"))
    assert client.post(task_url("homeaffairs", resubmit), {"note": "Đã bổ sung"}).status_code == 302
    review = submission.process.task_set.filter(flow_task=HomeAffairsFlow.review).order_by("-pk").first()
    client.force_login(officer)
    client.post(task_url("homeaffairs", review, "assign"))
    client.post(task_url("homeaffairs", review), {f"status_{line.pk}": "rejected", f"reason_{line.pk}": "Chưa đủ"})

    answer = submission.answers.get()
    assert (answer.status, answer.rounds) == (AnswerStatus.REJECTED, 2)
    assert submission.process.task_set.get(flow_task=HomeAffairsFlow.end).status == STATUS.DONE


def test_history_names_the_acting_user_and_the_dossier_page_shows_tally_and_steps(
        agenda, client, django_capture_on_commit_callbacks, login):
    session = open_session(agenda)
    for task in ballots(session):
        vote(client, session, task)
    finish_session(client, session, django_capture_on_commit_callbacks)
    dossier = agenda.dossiers.get()
    line = dossier.lines.get(award__code="LDTT", person__username="truongphong.kt")

    assert {h.history_user.username for h in line.history.all() if h.history_user} >= {"truongphong.kt", "hcqt",
                                                                                       "chanhvp"}
    assert dossier.rounds.get().history.last().history_user.username == "truongphong.kt"
    assert session.history.filter(history_user__username="chanhvp", status=SessionStatus.APPROVED).exists()
    award = PastAward.objects.get(person=line.person, award__code="LDTT", year=2025)
    assert award.history.get().history_user.username == "chanhvp"

    page = login("kiemtra").get(f"/nominations/dossiers/{dossier.pk}/").content.decode()
    assert 'id="tallies"' in page and "12/12" in page
    for step in ("Lập, bổ sung và nộp hồ sơ", "Thường trực kiểm tra hồ sơ", "Chờ Hội đồng xét"):
        assert step in page


def test_an_issued_decision_enters_the_registry_the_checks_read(agenda, client, django_capture_on_commit_callbacks):
    from nominations.models import CommendationKind

    session = open_session(agenda)
    for task in ballots(session):
        vote(client, session, task)
    finish_session(client, session, django_capture_on_commit_callbacks)
    person = agenda.lines.filter(award__code="LDTT").exclude(person__username="truongphong.kt").first().person
    other_cycle = open_cycle(2025, name="Đợt bổ sung")
    dossier = open_dossier(other_cycle, "KT")

    with pytest.raises(ValidationError, match="đã được tặng"):
        services.line_add(actor=dossier.created_by, dossier=dossier, person=person,
                          award=Award.objects.get(code="LDTT"), commendation_kind=CommendationKind.objects.first(),
                          achievements="Hoàn thành tốt nhiệm vụ.")
    assert not dossier.lines.exists()


def test_the_audit_log_has_every_step_and_never_a_ballots_choice(agenda, client,
                                                                django_capture_on_commit_callbacks):
    from workflow.audit.models import AuditEvent

    session = open_session(agenda)
    for task in ballots(session):
        vote(client, session, task)
    finish_session(client, session, django_capture_on_commit_callbacks)

    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"object.submitted", "object.accepted", "nominations.agenda_published", "ballot.cast", "ballot.tallied",
            "nominations.minutes_finalised", "object.approved", "document.signed", "document.issued",
            "nominations.awards_registered"} <= actions
    votes = AuditEvent.objects.filter(action="ballot.cast")
    assert votes.count() == 13
    for event in votes:
        assert set(event.changes) == {"member", "written", "paper"}


def session_with(cycle, count: int, unit_code: str) -> Session:
    staff = list(User.objects.filter(unit__code=unit_code, unit__agency__code="VP")
                 .exclude(username__startswith="truongphong").order_by("pk")[:count])
    accepted_dossier(cycle, unit_code, [(person, "LDTT") for person in staff])
    return open_session(cycle)


def test_the_ballot_screen_costs_the_same_queries_for_a_long_agenda(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    short = session_with(open_cycle(2025, name="Ngắn"), 2, "KT")
    task = ballots(short).first()
    client.force_login(task.owner)
    with CaptureQueriesContext(connection) as queries:
        client.get(task_url("council", task))
    long = session_with(open_cycle(2025, name="Dài"), 12, "TTCBTH")
    assert long.items.count() == 12
    task = ballots(long).get(owner=task.owner)

    with django_assert_max_num_queries(len(queries)):
        page = client.get(task_url("council", task))
    assert page.content.decode().count('value="yes"') == 12


def test_each_queued_step_reaches_the_desk_of_those_who_may_take_it(agenda, client, login,
                                                                    django_capture_on_commit_callbacks):
    """Regression: viewflow's queue dropped these flows (no model-level "view" permission), so the
    secretariat, the chief and Sở Nội vụ never found their step on the desk."""
    session = open_session(agenda)
    for task in ballots(session):
        vote(client, session, task)
    finalise = session.process.task_set.get(flow_task=CouncilFlow.finalise)

    assert f'data-task="{finalise.pk}"' in login("hcqt").get("/home/").content.decode()
    assert f'data-task="{finalise.pk}"' not in login("truongphong.kt").get("/home/").content.decode()

    finish_session(client, session, django_capture_on_commit_callbacks)
    submission = session.outcome_documents.get(kind=OutcomeDocumentKind.SUBMISSION)
    review = submission.process.task_set.get(flow_task=HomeAffairsFlow.review)
    assert f'data-task="{review.pk}"' in login("sonoivu").get("/home/").content.decode()
    assert f'data-task="{review.pk}"' not in login("hcqt").get("/home/").content.decode()


def test_the_chiefs_approval_is_assigned_to_the_chief_with_no_claim_step(agenda, client, login):
    """Only the chief may approve: the task lands assigned to him, on his desk under "Việc đang chờ tôi",
    with no "Nhận và mở" and no claim page; the secretary sees it only among the agency's open tasks she
    may reassign."""
    session = open_session(agenda)
    for task in ballots(session):
        vote(client, session, task)
    finalise = session.process.task_set.get(flow_task=CouncilFlow.finalise)
    client.force_login(User.objects.get(username="hcqt"))
    client.post(task_url("council", finalise, "assign"))
    client.post(task_url("council", finalise), {"start_time": "08 giờ 00"})
    approve = session.process.task_set.get(flow_task=CouncilFlow.approve)

    assert (approve.status, approve.owner.username) == (STATUS.ASSIGNED, "chanhvp")
    chief_desk = login("chanhvp").get("/home/").content.decode()
    mine = chief_desk.split('id="tasks"', 1)[1].split("Việc có thể nhận", 1)[0]
    assert f'data-task="{approve.pk}"' in mine
    assert task_url("council", approve, "assign") not in chief_desk
    assert login("chanhvp").post(task_url("council", approve, "assign")).status_code == 403  # nothing to claim
    secretary_desk = login("hcqt").get("/home/").content.decode()
    assert f'data-task="{approve.pk}"' not in secretary_desk.split('id="managed-tasks"', 1)[0]


@pytest.fixture
def broker(monkeypatch):
    """As in production: tasks are published to a broker (kombu's in-memory transport here) and no
    worker runs in the request; each published task is recorded as (name, args)."""
    from celery.signals import after_task_publish

    from config.celery import app

    monkeypatch.setattr(app.conf, "task_always_eager", False)
    published = []

    def record(sender=None, body=None, **kwargs):
        published.append((sender, tuple(body[0])))

    after_task_publish.connect(record, weak=False)
    yield published
    after_task_publish.disconnect(record)


@pytest.fixture
def renders(monkeypatch):
    """Every WeasyPrint render, counted (each still renders)."""
    from workflow.documents import rendering

    calls = []
    original = rendering.html_to_pdf

    def counted(html):
        calls.append(html)
        return original(html)

    monkeypatch.setattr(rendering, "html_to_pdf", counted)
    return calls


def test_with_a_broker_the_chiefs_approval_renders_nothing_and_queues_one_issue_per_document(
        agenda, client, broker, renders, django_capture_on_commit_callbacks):
    """The approval signs the minutes, a Quyết định per in-house title and the Tờ trình: the request
    only queues their issuing after commit; a worker numbers and renders them (design §6)."""
    from workflow.documents.tasks import document_issue_task

    session = open_session(agenda)
    for task in ballots(session):
        vote(client, session, task)
    broker.clear()

    finish_session(client, session, django_capture_on_commit_callbacks)

    assert renders == []
    session.refresh_from_db()
    documents = [session.minutes, *(o.document for o in session.outcome_documents.order_by("pk"))]
    assert [d.template_key for d in documents] == ["bien_ban_hop_hoi_dong", "quyet_dinh_khen_thuong",
                                                   "quyet_dinh_khen_thuong", "to_trinh_khen_thuong"]
    assert all(d.status == DocumentStatus.QUEUED and d.number is None for d in documents)
    issued = [args for name, args in broker if name == "workflow.documents.issue"]
    assert sorted(issued) == sorted((d.pk,) for d in documents)

    for (document_id,) in issued:  # the worker
        document_issue_task.apply(args=(document_id,))

    assert len(renders) == 4
    numbers = sorted(type(d).objects.get(pk=d.pk).number_text for d in documents)
    assert numbers == ["01/BB-VP", "01/QĐ-VP", "01/TTr-VP", "02/QĐ-VP"]
