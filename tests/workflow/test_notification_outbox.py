"""The notification outbox (issue 24): an e-mail whose sender died after the commit is sent later by the
sweep, exactly once, with the Message-ID its row was written with; a refused send is tried again with a
growing wait and, after the last attempt, is failed for good with its error for the administrator."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from freezegun import freeze_time

from accounts.models import User
from workflow.audit.models import AuditEvent
from workflow.notifications.models import Notification, NotificationStatus
from workflow.notifications.services import notification_send, notifications_resend_stale, notify
from workflow.sweep import sweep_stale

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2025, 12, 22, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
VOTE_OPENED = {"title": "Mở biểu quyết", "message": "Phiên họp đã mở biểu quyết."}


class WorkerKilled(BaseException):
    """What a killed worker looks like from inside: nothing after this line runs, no handler catches it."""


@pytest.fixture
def council():
    """Thirteen people with an address, like the council told of a vote."""
    return list(User.objects.filter(is_active=True, unit__isnull=False).exclude(email="").order_by("pk")[:13])


@pytest.fixture
def mail_server(monkeypatch):
    """The test mail backend, told what to do with the next sends: ``fail(exc, times)``; counts calls."""
    real = EmailBackend.send_messages
    state = {"calls": 0, "failures": []}

    def send_messages(self, messages):
        state["calls"] += 1
        if state["failures"]:
            raise state["failures"].pop(0)
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    state["fail"] = lambda exc, times=1: state["failures"].extend([exc] * times)
    return state


def message_ids(messages) -> list[str]:
    return [m.message()["Message-ID"] for m in messages]


def sweep_at(when: dt.datetime) -> dict:
    with freeze_time(when):
        return sweep_stale()


def test_a_sender_killed_after_commit_loses_nothing_the_sweep_sends_each_once(
        council, mail_server, settings, django_capture_on_commit_callbacks):
    settings.WORKFLOW_NOTIFICATION_STALE_MINUTES = 5
    # Given a vote opened for thirteen people, whose sender dies in the first send after the commit
    mail_server["fail"](WorkerKilled())
    with freeze_time(T0), pytest.raises(WorkerKilled), django_capture_on_commit_callbacks(execute=True):
        rows = notify(event="vote_opened", recipients=council, context=VOTE_OPENED)
    assert len(rows) == 13
    assert mail.outbox == []
    assert Notification.objects.filter(sent_at__isnull=True, attempts=0).count() == 13

    # When the sweep runs before the rows are stale, it leaves them to their sender
    assert sweep_at(T0 + dt.timedelta(minutes=4))["notifications_sent"] == 0
    assert mail.outbox == []

    # When it runs after, then every one is sent once, with the Message-ID its row was written with
    assert sweep_at(T0 + dt.timedelta(minutes=6))["notifications_sent"] == 13
    rows = {n.recipient.email: n for n in Notification.objects.select_related("recipient")}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in council)
    assert [m.message()["Message-ID"] for m in mail.outbox] == [rows[m.to[0]].message_id for m in mail.outbox]
    assert len(set(message_ids(mail.outbox))) == 13
    assert all(n.sent_at == T0 + dt.timedelta(minutes=6) and n.attempts == 1 for n in rows.values())
    assert AuditEvent.objects.filter(action="notification.resent").count() == 13

    # And a second run (and a late sender) sends nothing
    assert sweep_at(T0 + dt.timedelta(minutes=60))["notifications_sent"] == 0
    assert all(notification_send(notification_id=n.pk) is False for n in rows.values())
    assert len(mail.outbox) == 13
    assert AuditEvent.objects.filter(action="notification.resent").count() == 13


def test_a_sender_whose_message_to_the_worker_was_lost_is_recovered_by_the_beat_task(
        council, monkeypatch, settings, django_capture_on_commit_callbacks):
    from workflow.notifications import services
    from workflow.notifications.tasks import resend_stale_notifications_task

    settings.WORKFLOW_NOTIFICATION_STALE_MINUTES = 5
    # Given the task messages never reach a worker
    monkeypatch.setattr(services, "_enqueue", lambda pks: None)
    with freeze_time(T0), django_capture_on_commit_callbacks(execute=True):
        notify(event="vote_opened", recipients=council[:3], context=VOTE_OPENED)
    assert mail.outbox == []

    # When beat runs the resend task past the stale time, then each is sent once
    with freeze_time(T0 + dt.timedelta(minutes=5, seconds=1)):
        assert resend_stale_notifications_task.delay().get() == 3
        assert resend_stale_notifications_task.delay().get() == 0
    assert sorted(message_ids(mail.outbox)) == sorted(Notification.objects.values_list("message_id", flat=True))


def test_a_refused_send_is_tried_again_after_the_wait_with_the_same_message_id(
        council, mail_server, settings, django_capture_on_commit_callbacks):
    settings.WORKFLOW_NOTIFICATION_STALE_MINUTES = 5
    settings.WORKFLOW_NOTIFICATION_RETRY_MINUTES = 5
    member = council[0]
    # Given the mail server refuses the first send: the step that caused it does not fail
    mail_server["fail"](smtplib.SMTPServerDisconnected("Connection unexpectedly closed"))
    with freeze_time(T0), django_capture_on_commit_callbacks(execute=True):
        [row] = notify(event="vote_opened", recipients=[member], context=VOTE_OPENED)

    row.refresh_from_db()
    assert (row.status, row.attempts, row.sent_at) == (NotificationStatus.PENDING, 1, None)
    assert row.next_attempt_at == T0 + dt.timedelta(minutes=5)
    assert row.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"

    # When the sweep runs before the next try is due, nothing; when after, then it is sent with its id
    with freeze_time(T0 + dt.timedelta(minutes=4)):
        assert notifications_resend_stale(older_than=dt.timedelta(minutes=0)) == []
    assert sweep_at(T0 + dt.timedelta(minutes=6))["notifications_sent"] == 1
    [message] = mail.outbox
    assert message.to == [member.email] and message.message()["Message-ID"] == row.message_id
    row.refresh_from_db()
    assert (row.status, row.attempts, row.next_attempt_at) == (NotificationStatus.SENT, 2, None)


def test_after_the_last_attempt_the_row_is_failed_with_its_error_and_left_alone(
        council, mail_server, settings, client, django_capture_on_commit_callbacks):
    settings.WORKFLOW_NOTIFICATION_STALE_MINUTES = 5
    settings.WORKFLOW_NOTIFICATION_RETRY_MINUTES = 5
    settings.WORKFLOW_NOTIFICATION_MAX_ATTEMPTS = 3
    member = council[0]
    # Given an address the mail server always refuses
    refused = smtplib.SMTPRecipientsRefused({member.email: (550, b"5.1.1 mailbox unavailable")})
    mail_server["fail"](refused, times=10)
    with freeze_time(T0), django_capture_on_commit_callbacks(execute=True):
        [row] = notify(event="vote_opened", recipients=[member], context=VOTE_OPENED)

    # When the sweep tries again: after 5 minutes (attempt 2), then 10 more (attempt 3, the last)
    assert sweep_at(T0 + dt.timedelta(minutes=6))["notifications_sent"] == 0
    row.refresh_from_db()
    assert row.attempts == 2 and row.next_attempt_at == T0 + dt.timedelta(minutes=16)
    assert sweep_at(T0 + dt.timedelta(minutes=15))["notifications_sent"] == 0
    assert mail_server["calls"] == 2
    assert sweep_at(T0 + dt.timedelta(minutes=17))["notifications_sent"] == 0

    # Then the row is failed with the server's answer, one audit event of the system, never tried again
    row.refresh_from_db()
    assert (row.status, row.attempts, row.failed_at, row.next_attempt_at) == (
        NotificationStatus.FAILED, 3, T0 + dt.timedelta(minutes=17), None)
    assert "mailbox unavailable" in row.last_error
    event = AuditEvent.objects.get(action="notification.failed")
    assert event.actor is None and event.object_id == str(row.pk) and event.changes["attempts"] == 3
    assert sweep_at(T0 + dt.timedelta(days=2))["notifications_sent"] == 0
    assert notification_send(notification_id=row.pk) is False
    assert mail_server["calls"] == 3 and mail.outbox == []

    # And the superuser sees it among the failed, with the error (the administrators' role reads people, not mail)
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    page = client.get("/admin/workflow/notification/", {"status": "failed"})
    assert page.status_code == 200
    assert "mailbox unavailable" in page.content.decode() and "Gửi không được, đã bỏ" in page.content.decode()
    assert client.get("/admin/workflow/notification/", {"status": "sent"}).content.decode().count(
        "mailbox unavailable") == 0


@pytest.mark.postgres
def test_a_row_a_sender_holds_right_now_is_left_to_that_sender(seeded_transactional_db, monkeypatch, settings):
    """Two senders at once (a slow first send and the sweep): SKIP LOCKED gives each row to one of them."""
    import threading

    from django.db import connection

    from workflow.notifications import services

    settings.WORKFLOW_NOTIFICATION_STALE_MINUTES = 5
    monkeypatch.setattr(services, "_enqueue", lambda pks: None)
    people = list(User.objects.filter(is_active=True, unit__isnull=False).exclude(email="").order_by("pk")[:3])
    with freeze_time(T0):
        rows = notify(event="vote_opened", recipients=people, context=VOTE_OPENED)
    slow = rows[0]
    sending, release = threading.Event(), threading.Event()
    real = EmailBackend.send_messages

    def send_messages(self, messages):
        if messages[0].to == [slow.recipient.email] and not release.is_set():
            sending.set()
            release.wait(30)
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)

    def first_sender():
        try:
            notification_send(notification_id=slow.pk)
        finally:
            connection.close()

    thread = threading.Thread(target=first_sender)
    thread.start()
    assert sending.wait(30)
    try:
        with freeze_time(T0 + dt.timedelta(minutes=6)):
            swept = notifications_resend_stale(older_than=dt.timedelta(minutes=5))
        held_throughout = thread.is_alive()  # the sweep did not wait for the slow sender's lock
    finally:
        release.set()
        thread.join(30)

    assert held_throughout and swept == [rows[1].pk, rows[2].pk]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert sweep_at(T0 + dt.timedelta(minutes=7))["notifications_sent"] == 0
    assert len(mail.outbox) == 3
