"""E-mail notifications: the right people only, after commit, immediately or in the daily digest."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from workflow.notifications.models import DeliveryMode, Notification, NotificationPreference
from workflow.notifications.services import digests_send, notification_preference_set, notify

from .flow_helpers import open_ballot

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.flowapp.urls")]

SETTINGS = "/home/thong-bao/"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_each_new_task_is_announced_to_its_owner_only_in_text_and_html(person, committed):
    with committed():
        process = open_ballot(["hoidong1", "truongphong.kt"])

    assert sorted(m.to[0] for m in mail.outbox) == [
        "hoidong1@vp.quangngai.example", "truongphong.kt@vp.quangngai.example"]
    message = mail.outbox[0]
    assert message.subject == "Việc mới cần xử lý: Vote"
    assert f"Kính gửi {person(message.to[0].split('@')[0]).full_name}," in message.body
    assert f"/ballot/{process.pk}/vote/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Hạn xử lý" in html
    assert Notification.objects.filter(sent_at__isnull=False).count() == 2


def test_nothing_is_sent_when_the_step_rolls_back(committed):
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        open_ballot(["hoidong1"])
        raise RuntimeError("the step failed")

    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_person_chooses_the_digest_on_the_settings_page(client, person):
    member = person("hoidong1")
    client.force_login(member)

    assert client.get(SETTINGS).status_code == 200
    assert client.post(SETTINGS, {"mode": "digest"}).status_code == 302
    assert client.post(SETTINGS, {"mode": "every-minute"}).status_code == 400

    preference = NotificationPreference.objects.get(user=member)
    assert preference.mode == DeliveryMode.DIGEST
    assert preference.history.get().history_user == member


def test_the_digest_groups_a_persons_notifications_in_one_mail_once(person, committed):
    member = person("hoidong1")
    notification_preference_set(actor=member, user=member, mode=DeliveryMode.DIGEST)
    with committed():
        open_ballot(["hoidong1", "truongphong.kt"])
        open_ballot(["hoidong1"])

    assert [m.to for m in mail.outbox] == [["truongphong.kt@vp.quangngai.example"]]
    mail.outbox.clear()

    assert digests_send() == 1
    call_command("send_digests", stdout=None)

    [digest] = mail.outbox
    assert digest.to == [member.email]
    assert digest.subject == "Tổng hợp thông báo thi đua – khen thưởng: 2 việc"
    assert digest.body.count("Việc mới cần xử lý: Vote") == 2
    assert not Notification.objects.filter(sent_at__isnull=True).exists()


def test_nobody_chooses_for_someone_else(person):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        notification_preference_set(actor=person("hcqt"), user=person("hoidong1"), mode=DeliveryMode.DIGEST)
    assert not NotificationPreference.objects.exists()


def test_the_domain_notifies_its_own_events_within_a_scope_only(person, committed):
    head, member, outsider, inactive = (
        person("truongphong.kt"), person("canbo.kt.01"), person("truongphong.th"), person("canbo.kt.02"))
    inactive.is_active = False
    inactive.save()

    with committed():
        sent = notify(
            event="dossier_returned", recipients=[head, member, outsider, inactive, head], scope=head.unit,
            context={"title": "Hồ sơ bị trả lại để bổ sung", "message": "Hồ sơ của Phòng Kinh tế được trả lại.",
                     "reason": "Thiếu biên bản họp xét <đơn vị>", "path": "/ho-so/1/"},
        )

    assert sorted(n.recipient.username for n in sent) == ["canbo.kt.01", "truongphong.kt"]
    assert sorted(m.to[0] for m in mail.outbox) == [member.email, head.email]
    message = mail.outbox[0]
    assert message.subject == "[Trả lại hồ sơ] Hồ sơ bị trả lại để bổ sung"  # templates/email/dossier_returned_*
    assert "Lý do: Thiếu biên bản họp xét <đơn vị>" in message.body
    assert "&lt;đơn vị&gt;" in message.alternatives[0][0]
    assert "http://127.0.0.1:8000/ho-so/1/" in message.body


def test_sending_twice_sends_once(person, committed):
    from workflow.notifications.services import notification_send

    with committed():
        [notification] = notify(event="vote_opened", recipients=[person("hoidong1")],
                                context={"title": "Mở biểu quyết", "message": "Phiên họp đã mở biểu quyết."})

    assert notification_send(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_a_task_waiting_in_a_queue_is_announced_to_those_who_may_take_it_only(person, committed):
    """A task for "the head of Phòng Kinh tế" (object permission on that unit), not for a person."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from tests.flowapp.flows import BallotFlow

    process = open_ballot(["hoidong1"])
    unit = person("truongphong.kt").unit
    mail.outbox.clear()

    with committed():
        Task.objects.create(
            process=process, flow_task=BallotFlow.vote, status=STATUS.NEW,
            owner_permission="accounts.head_unit", owner_permission_obj=unit,
        )

    assert [m.to for m in mail.outbox] == [["truongphong.kt@vp.quangngai.example"]]
    assert mail.outbox[0].subject == "Việc mới chờ tiếp nhận: Vote"
