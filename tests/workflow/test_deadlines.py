"""Due dates on tasks, overdue and soon-due lists, reminders and escalation (time frozen)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from freezegun import freeze_time
from viewflow.workflow.status import STATUS

from accounts.roles import Role
from tests.flowapp.flows import VOTE_WORKING_DAYS, BallotFlow
from workflow.deadlines.escalation import OWNER, escalate_to
from workflow.deadlines.models import TaskDeadline, TaskNotice
from workflow.deadlines.reminders import reminders_send
from workflow.deadlines.selectors import due_soon_tasks_for, overdue_tasks_for
from workflow.nodes import View

from .flow_helpers import open_ballot, vote_task, vote_url

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.flowapp.urls")]

D = dt.date.fromisoformat
# 09:00 in Quảng Ngãi (UTC+7) on each day.
TUESDAY = "2024-04-23 02:00:00"
VOTERS = ["hoidong1", "truongphong.kt"]


def at(day: str) -> str:
    return f"{day} 02:00:00"


@pytest.fixture(autouse=True)
def send_after_commit(django_capture_on_commit_callbacks):
    """The test's transaction never commits; run the on-commit callbacks as a commit would."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run


def outbox_of(kind_subject: str) -> list[tuple[str, ...]]:
    return sorted(tuple(m.to) for m in mail.outbox if m.subject.startswith(kind_subject))


def test_every_vote_task_gets_its_due_date_in_working_days_when_created():
    with freeze_time(TUESDAY):
        process = open_ballot(VOTERS)

    deadlines = TaskDeadline.objects.filter(task__process=process)
    assert VOTE_WORKING_DAYS == 3
    assert sorted(d.due_date for d in deadlines) == [D("2024-04-26")] * 2
    assert not TaskDeadline.objects.filter(task__process=process).exclude(task__flow_task=BallotFlow.vote).exists()


def test_a_due_date_across_the_april_holidays_skips_them():
    with freeze_time(at("2024-04-25")):
        process = open_ballot(["hoidong1"])

    # Thursday + 3 working days: Friday 26/4, Thursday 2/5, Friday 3/5 (27–28/4 weekend, 29/4–1/5 off)
    assert vote_task(process, "hoidong1").deadline.due_date == D("2024-05-03")


def test_a_node_may_take_its_due_date_from_the_process():
    node = View(lambda request: None).Deadline(due=lambda task: D("2024-12-31"), working_days=5)
    fallback = View(lambda request: None).Deadline(due=lambda task: None, working_days=1)

    class FakeTask:
        created = None

    with freeze_time(TUESDAY):
        assert node.due_date_for(FakeTask()) == D("2024-12-31")
        assert fallback.due_date_for(FakeTask()) == D("2024-04-24")
    with pytest.raises(ValueError):
        View(lambda request: None).Deadline()


def test_overdue_and_due_soon_lists(person):
    with freeze_time(TUESDAY):
        process = open_ballot(VOTERS)
    member = person("hoidong1")

    with freeze_time(at("2024-04-24")):
        assert list(due_soon_tasks_for(member)) == [vote_task(process, "hoidong1")]
        assert not overdue_tasks_for(member).exists()
    with freeze_time(at("2024-05-02")):
        overdue = list(overdue_tasks_for(member))
        assert overdue == [vote_task(process, "hoidong1")]
        assert overdue[0].is_overdue and overdue[0].due_date == D("2024-04-26")
        assert not due_soon_tasks_for(member).exists()


def test_a_task_done_on_time_is_never_overdue(client, person):
    with freeze_time(TUESDAY):
        process = open_ballot(VOTERS)
        task = vote_task(process, "hoidong1")
        client.force_login(task.owner)
        client.post(vote_url(process, task))

    with freeze_time(at("2024-05-02")):
        assert not overdue_tasks_for(person("hoidong1")).exists()


@pytest.mark.parametrize("ballots", [1, 6])
def test_the_lists_take_a_fixed_number_of_queries(ballots, person, django_assert_max_num_queries):
    with freeze_time(TUESDAY):
        for _ in range(ballots):
            open_ballot(VOTERS)
    member = person("hoidong1")

    with freeze_time(at("2024-05-02")), django_assert_max_num_queries(3):
        assert len(list(overdue_tasks_for(member))) == ballots
        assert list(due_soon_tasks_for(member)) == []


def test_reminder_before_notice_on_and_escalation_after_the_due_date_each_once(person, send_after_commit):
    with freeze_time(TUESDAY):
        process = open_ballot(VOTERS)
    mail.outbox.clear()
    owners = [(f"{u}@vp.quangngai.example",) for u in sorted(VOTERS)]

    with freeze_time(TUESDAY):
        send_after_commit(reminders_send)
    assert mail.outbox == []  # due Friday: more than two working days away

    for day in ["2024-04-24", "2024-04-24", "2024-04-25"]:
        with freeze_time(at(day)):
            send_after_commit(reminders_send)
    assert outbox_of("Nhắc việc sắp đến hạn") == owners
    assert len(mail.outbox) == 2

    for _ in range(2):
        with freeze_time(at("2024-04-26")):
            send_after_commit(reminders_send)
    assert outbox_of("Hôm nay đến hạn") == owners

    with freeze_time(at("2024-04-29")):  # a day off (swapped for Saturday 4/5): nobody is written to
        assert sum(send_after_commit(reminders_send).values()) == 0
    for _ in range(2):
        with freeze_time(at("2024-05-02")):
            send_after_commit(reminders_send)
    assert outbox_of("Việc quá hạn") == [("chanhvp@vp.quangngai.example",)] * 2
    assert len(mail.outbox) == 6
    assert TaskNotice.objects.filter(task__process=process).count() == 6
    assert all(d.escalated_at for d in TaskDeadline.objects.filter(task__process=process))


def test_escalation_names_the_late_person_and_goes_where_the_node_declares(person, send_after_commit, monkeypatch):
    """Given a step that declares its escalation to the owner's agency's deputy chief, when its task is
    late, then the longest-serving deputy is told (not the chief, the engine's default)."""
    monkeypatch.setattr(BallotFlow.vote, "escalation", escalate_to(Role.DEPUTY_CHIEF, of=OWNER))
    with freeze_time(TUESDAY):
        open_ballot(["hoidong1"])
    mail.outbox.clear()
    with freeze_time(at("2024-05-02")):
        counts = send_after_commit(reminders_send)

    assert counts["escalation"] == 1
    [message] = mail.outbox
    assert message.to == ["phochanhvp1@vp.quangngai.example"]
    assert person("hoidong1").full_name in message.subject


def test_the_chiefs_own_overdue_task_escalates_to_nobody_but_is_recorded(send_after_commit):
    with freeze_time(TUESDAY):
        process = open_ballot(["chanhvp"])
    mail.outbox.clear()

    with freeze_time(at("2024-05-02")):
        send_after_commit(reminders_send)

    assert mail.outbox == []
    notice = TaskNotice.objects.get(task__process=process)
    assert (notice.kind, notice.recipient) == (TaskNotice.Kind.ESCALATION, None)


def test_the_command_runs_the_job(capsys, send_after_commit):
    with freeze_time(TUESDAY):
        open_ballot(["hoidong1"])
    mail.outbox.clear()

    with freeze_time(at("2024-04-26")):
        send_after_commit(call_command, "send_reminders")
        send_after_commit(call_command, "send_reminders")

    assert "due: 1" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_the_home_page_shows_due_dates_and_the_overdue_flag(client, person):
    with freeze_time(TUESDAY):
        process = open_ballot(VOTERS)
    with freeze_time(at("2024-04-24")):
        client.force_login(person("hoidong1"))
        page = client.get("/home/").content.decode()
    assert "ngày 26 tháng 4 năm 2024" in page and "badge-overdue" not in page
    assert "Sắp đến hạn" in page  # due within the reminder's two working days

    with freeze_time(at("2024-05-02")):
        client.force_login(person("hoidong1"))  # the idle session of 24/4 has ended
        page = client.get("/home/").content.decode()
    task = vote_task(process, "hoidong1")
    assert f'class="task-row overdue" data-task="{task.pk}"' in page
    assert f"/quy-trinh/{process.pk}/so-do/" in page
    assert "badge-escalated" not in page

    with freeze_time(at("2024-05-02")):
        reminders_send()
        client.force_login(person("hoidong1"))
        page = client.get("/home/").content.decode()
    assert "Đã báo cáo cấp trên" in page


def test_finished_and_cancelled_tasks_get_no_notice(send_after_commit):
    with freeze_time(TUESDAY):
        process = open_ballot(["hoidong1"])
    task = vote_task(process, "hoidong1")
    task.status = STATUS.CANCELED
    task.save()
    mail.outbox.clear()

    with freeze_time(at("2024-05-02")):
        send_after_commit(reminders_send)

    assert mail.outbox == []


@pytest.mark.parametrize("ballots", [1, 8])
def test_the_home_page_takes_a_fixed_number_of_queries(ballots, client, person, django_assert_max_num_queries):
    with freeze_time(TUESDAY):
        for _ in range(ballots):
            open_ballot(["hoidong1", "hcqt"])
    with freeze_time(at("2024-05-02")):
        client.force_login(person("hcqt"))
        with django_assert_max_num_queries(HOME_QUERIES):
            page = client.get("/home/").content.decode()

    assert page.count("badge-overdue") == 3 * ballots  # my vote, and both votes in the agency list


# session, user, calendar, mine, delegated to me, by me, roles, agency list (+ content type): 14; with
# the product's flows registered, the queue (the person's permissions: 3, the tasks: 1) and the pledge
# card (3) join them, and the person's awards card (1); issue 18: the secretariat's open cycles (1) and the
# written votes to enter (1). Naming the tasks costs one query per kind of the domain's processes on the
# page (none here: these ballots are the test flow's).
HOME_QUERIES = 24
