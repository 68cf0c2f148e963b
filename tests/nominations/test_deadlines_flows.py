"""Due dates of the award flows' steps, overdue marks in every list, reminders and escalation up the
hierarchy (issue 9), with time frozen at 09:00 in Quảng Ngãi."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from accounts.models import Agency, Unit
from nominations import deadlines, demo_facts, demo_pledges, services
from nominations.flows.council import CouncilFlow
from nominations.flows.dossier import DossierFlow
from nominations.models import Award, CommendationKind
from nominations.processes import council as council_processes
from nominations.services import pledges as pledge_services
from workflow.deadlines.models import TaskNotice
from workflow.deadlines.reminders import reminders_send

from .helpers import accepted_dossier, edit_task, open_cycle, open_dossier, review_task, run
from .pledge_helpers import open_task

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat
OVERDUE = "Quá hạn"


def at(day: str) -> str:
    return f"{day} 02:00:00"  # 09:00 Asia/Ho_Chi_Minh


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (the e-mails) as a commit would."""

    def call(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return call


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_unit_heads_dossier_is_due_on_the_cycles_deadline_and_shows_overdue_in_every_list(client, person):
    with freeze_time(at("2025-12-01")):
        dossier = open_dossier(open_cycle(2025))
    task = edit_task(dossier)
    assert task.deadline.due_date == D("2025-12-10")  # Cycle.nominations_due

    head, secretariat = person("truongphong.kt"), person("hcqt")
    lists = ["/home/", reverse("nominations:index"),
             reverse("nominations:dossier", args=[dossier.pk])]
    with freeze_time(at("2025-12-10")):
        client.force_login(head)
        for url in lists:
            text = page(client, url)
            assert "ngày 10 tháng 12 năm 2025" in text and OVERDUE not in text, url

    with freeze_time(at("2025-12-11")):
        for user, urls in ((head, lists), (secretariat, lists[1:])):
            client.force_login(user)
            for url in urls:
                text = page(client, url)
                assert OVERDUE in text and "ngày 10 tháng 12 năm 2025" in text, (user, url)


def test_reminder_due_notice_and_escalation_go_out_once_each_to_the_unit_head_then_the_deputy_chief(
        person, committed):
    with freeze_time(at("2025-12-01")):
        dossier = open_dossier(open_cycle(2025))
    task = edit_task(dossier)
    head, deputy = person("truongphong.kt"), person("phochanhvp1")
    mail.outbox.clear()

    for day in ("2025-12-05", "2025-12-08", "2025-12-09", "2025-12-10", "2025-12-11", "2025-12-12", "2025-12-15"):
        with freeze_time(at(day)):
            committed(reminders_send)
            committed(reminders_send)  # the hourly job runs again: nothing twice

    notices = {n.kind: n.recipient for n in TaskNotice.objects.filter(task=task)}
    assert notices == {TaskNotice.Kind.REMINDER: head, TaskNotice.Kind.DUE: head,
                       TaskNotice.Kind.ESCALATION: deputy}
    assert len([m for m in mail.outbox if m.to == [head.email]]) == 2  # the reminder and the due-day notice
    escalations = [m for m in mail.outbox if m.to == [deputy.email]]
    assert len(escalations) == 1 and "Việc quá hạn" in escalations[0].subject
    assert {tuple(m.to) for m in mail.outbox} == {(head.email,), (deputy.email,)}
    task.deadline.refresh_from_db()
    assert task.deadline.escalated_at is not None


def test_an_escalated_task_is_flagged_in_the_lists_and_on_the_deputys_desk(client, person, committed):
    with freeze_time(at("2025-12-01")):
        dossier = open_dossier(open_cycle(2025))
    with freeze_time(at("2025-12-11")):
        committed(reminders_send)
        client.force_login(person("truongphong.kt"))
        assert "Đã báo cáo cấp trên" in page(client, reverse("nominations:index"))
        client.force_login(person("phochanhvp1"))
        desk = page(client, "/home/")
        assert 'id="escalated-to-me"' in desk and person("truongphong.kt").full_name in desk
        assert "Lập, bổ sung và nộp hồ sơ: Phòng Kinh tế — Xét khen thưởng năm 2025" in desk  # named, not by id
        client.force_login(person("phochanhvp2"))
        assert 'id="escalated-to-me"' not in page(client, "/home/")
    assert dossier.pk


def test_the_secretariats_overdue_check_escalates_to_the_chief(person, committed):
    secretariat, chief = person("hcqt"), person("chanhvp")
    with freeze_time(at("2025-12-01")):
        dossier = open_dossier(open_cycle(2025))
        head = dossier.created_by
        demo_facts.facts_record(year=2025, lines=[(head.unit, "TTLDTT")])
        services.line_add(actor=head, dossier=dossier, unit=head.unit, award=Award.objects.get(code="TTLDTT"),
                          commendation_kind=CommendationKind.objects.get(code="THUONG_XUYEN"),
                          achievements="Hoàn thành xuất sắc.")
        demo_facts.papers_record(dossier=dossier)
        run(edit_task(dossier), head, lambda: services.dossier_submit(actor=head, dossier=dossier))
    review = review_task(dossier)
    assert review.owner_id is None and review.deadline.due_date == D("2025-12-08")  # 5 working days
    mail.outbox.clear()

    with freeze_time(at("2025-12-09")):
        committed(reminders_send)

    notice = TaskNotice.objects.get(task=review, kind=TaskNotice.Kind.ESCALATION)
    assert notice.recipient == chief
    assert [m.to for m in mail.outbox if m.subject.startswith("Việc quá hạn")] == [[chief.email]]
    assert secretariat.email not in {a for m in mail.outbox for a in m.to if m.subject.startswith("Việc quá hạn")}


def test_a_returned_dossier_is_due_after_the_default_but_never_before_the_cycles_deadline(person):
    with freeze_time(at("2025-12-01")):
        cycle = open_cycle(2025)
        dossier = accepted_dossier(cycle, "KT", [(person("truongphong.kt").unit, "TTLDTT")])
    assert dossier.process.task_set.filter(flow_task=DossierFlow.review).get().deadline.due_date == D("2025-12-08")
    assert deadlines.step_working_days("dossier.edit") == 5


@pytest.fixture
def session(person):
    with freeze_time(at("2025-12-01")):
        cycle = open_cycle(2025)
        accepted_dossier(cycle, "KT", [(person("truongphong.kt").unit, "TTLDTT")])
        secretariat = person("hcqt")
        session = services.session_create(actor=secretariat, cycle=cycle, meeting_date=dt.date(2025, 12, 19),
                                          venue="Phòng họp số 1", absent={})
        return council_processes.session_publish(actor=secretariat, session=session)


def test_ballots_are_due_on_the_meeting_day_and_a_members_overdue_ballot_goes_to_the_chief_not_the_chiefs(
        session, client, person, committed):
    ballots = list(session.process.task_set.filter(flow_task=CouncilFlow.ballot).select_related("owner", "deadline"))
    assert {b.deadline.due_date for b in ballots} == {D("2025-12-19")}
    chief = person("chanhvp")

    with freeze_time(at("2025-12-22")):
        client.force_login(person("hcqt"))
        assert OVERDUE in page(client, reverse("nominations:sessions"))
        mail.outbox.clear()
        committed(reminders_send)

    escalations = {n.task.owner.username: n.recipient for n in TaskNotice.objects.filter(
        task__in=ballots, kind=TaskNotice.Kind.ESCALATION).select_related("task__owner", "recipient")}
    assert len(escalations) == len(ballots)
    assert escalations.pop("chanhvp") is None  # the chief's own ballot: nobody above him here
    assert set(escalations.values()) == {chief}
    assert {a for m in mail.outbox if m.subject.startswith("Việc quá hạn") for a in m.to} == {chief.email}


@pytest.fixture
def pledge_year(person):
    """The Office opens 2025's registration on 3 March with the units' deadline on Friday 14 March."""
    demo_pledges.seed()
    with freeze_time(at("2025-03-03")):
        from nominations.flows import AgencyPledgeFlow, PledgeFlow

        vp = Agency.objects.get(code="VP")
        agency = AgencyPledgeFlow.start.run(actor=person("hcqt"), agency=vp, year=2025,
                                            deadline=dt.date(2025, 3, 14)).registration
        units = [PledgeFlow.start.run(actor=person(f"truongphong.{code}"), unit=Unit.objects.get(
            agency=vp, code=code.upper()), year=2025).registration for code in ("kt", "hcqt")]
    return agency, units


def test_a_units_pledge_is_due_on_the_agencys_deadline_overdue_in_the_pledge_pages_then_escalated(
        pledge_year, client, person, committed):
    agency, (kt, hcqt) = pledge_year
    task = open_task(kt, "submit")
    assert task.deadline.due_date == D("2025-03-14")
    assert open_task(agency, "compile", agency=True).deadline.due_date == D("2025-03-21")  # deadline + 5

    with freeze_time(at("2025-03-17")):
        for user in ("truongphong.kt", "hcqt"):
            client.force_login(person(user))
            index = page(client, reverse("pledges:index") + "?year=2025")
            assert OVERDUE in index and "ngày 14 tháng 3 năm 2025" in index, user
        client.force_login(person("truongphong.kt"))
        assert OVERDUE in page(client, reverse("pledges:detail", args=[kt.pk]))
        mail.outbox.clear()
        committed(reminders_send)

    notice = TaskNotice.objects.get(task=task, kind=TaskNotice.Kind.ESCALATION)
    assert notice.recipient == person("phochanhvp1")
    assert [m.to for m in mail.outbox if m.subject.startswith("Việc quá hạn")] == [
        [person("phochanhvp1").email], [person("phochanhvp1").email]]  # KT's and HCQT's registrations


def test_a_returned_pledge_gets_the_default_after_the_return(pledge_year, person):
    agency, (kt, _hcqt) = pledge_year
    head, secretariat = person("truongphong.kt"), person("hcqt")
    with freeze_time(at("2025-03-20")):
        pledge_services.pledge_registration_update(actor=head, registration=kt,
                                                   collective_title=Award.objects.get(code="TTLDTT"))
        pledge_services.pledge_line_save(actor=head, registration=kt, person=person("canbo.kt.02"),
                                         title=Award.objects.get(code="CSTDCS"), planned_initiative="")
        run(open_task(kt, "submit"), head, lambda: pledge_services.pledge_registration_submit(actor=head,
                                                                                               registration=kt))
        run(open_task(kt, "review"), secretariat, lambda: pledge_services.pledge_registration_review(
            actor=secretariat, registration=kt, accept=False, reason="Thiếu chỉ tiêu"))
    assert open_task(kt, "submit").deadline.due_date == D("2025-04-03")  # 20/3 + 10 working days


def _queries(client, url: str) -> int:
    """The queries of the page in steady state: the first request of a worker fills per-process caches
    (content types, the holiday calendar) and renews the session, which a later request does not."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_lists_cost_the_same_queries_whatever_the_number_of_rows(client, person):
    with freeze_time(at("2025-12-01")):
        cycle = open_cycle(2025)
        open_dossier(cycle, "KT")
    client.force_login(person("hcqt"))
    with freeze_time(at("2025-12-11")):
        one = _queries(client, reverse("nominations:index")), _queries(client, "/home/")
    with freeze_time(at("2025-12-01")):
        for code in ("HCQT", "TTHC"):
            open_dossier(cycle, code)
    with freeze_time(at("2025-12-11")):
        three = _queries(client, reverse("nominations:index")), _queries(client, "/home/")
        assert page(client, reverse("nominations:index")).count(OVERDUE) == 3
    assert three == one


def test_the_pledge_index_costs_the_same_queries_whatever_the_number_of_registrations(pledge_year, client, person):
    client.force_login(person("hcqt"))
    url = reverse("pledges:index") + "?year=2025"
    with freeze_time(at("2025-03-17")):
        two = _queries(client, url)
    with freeze_time(at("2025-03-03")):
        from nominations.flows import PledgeFlow

        PledgeFlow.start.run(actor=person("truongphong.tthc"), unit=Unit.objects.get(agency__code="VP", code="TTHC"),
                             year=2025)
    with freeze_time(at("2025-03-17")):
        assert _queries(client, url) == two
        assert page(client, url).count(OVERDUE) == 3
