"""Delegation for a date range and the secretariat's reassignment, driven over HTTP with BallotFlow."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from viewflow.workflow.status import STATUS

from tests.flowapp.models import BallotProcess
from workflow.delegation.models import Delegation, TaskDelegation
from workflow.delegation.selectors import (
    acting_for,
    delegated_tasks_for,
    delegators_of_tasks,
    signature_for,
    tasks_delegated_by,
)
from workflow.delegation.services import delegation_create, delegations_sync, task_reassign

from .flow_helpers import open_ballot, vote_task, vote_url

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.flowapp.urls")]

DELEGATIONS = "/home/uy-quyen/"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the e-mails) as the real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _range(days=5):
    today = timezone.localdate()
    return {"start_date": today.isoformat(), "end_date": (today + dt.timedelta(days=days)).isoformat()}


def test_the_chief_delegates_and_the_deputy_votes_for_him_signing_kt(client, person, committed):
    chief, deputy = person("chanhvp"), person("phochanhvp1")
    process = open_ballot(["chanhvp", "hoidong1"])
    task = vote_task(process, "chanhvp")
    mail.outbox.clear()

    client.force_login(chief)
    with committed():
        response = client.post(DELEGATIONS, {"delegate": deputy.pk, "reason": "Đi công tác", **_range()})

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[deputy.email]]
    assert mail.outbox[0].subject.startswith("Việc được ủy quyền")
    task.refresh_from_db()
    assert task.owner == deputy

    home = client.get("/home/").content.decode()
    assert 'id="handed-over"' in home and deputy.full_name in home  # the chief follows it while away

    client.force_login(deputy)
    home = client.get("/home/").content.decode()
    assert 'id="delegated"' in home and f"Xử lý thay {chief.full_name}" in home
    assert client.post(vote_url(process, task)).status_code == 302

    task.refresh_from_db()
    assert task.status == STATUS.DONE
    assert acting_for(task) == chief
    signature = signature_for(task)
    assert signature["lines"] == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    assert signature["signer_name"] == deputy.full_name
    assert signature["on_behalf_of"] == chief
    assert BallotProcess.objects.get(pk=process.pk).votes == 1


def test_the_chief_signing_himself_has_no_kt(person):
    process = open_ballot(["chanhvp"])
    task = vote_task(process, "chanhvp")

    assert acting_for(task) is None
    assert signature_for(task)["lines"] == ["CHÁNH VĂN PHÒNG"]


def test_the_delegator_can_no_longer_execute_a_handed_over_task(client, person):
    chief, deputy = person("chanhvp"), person("phochanhvp1")
    process = open_ballot(["chanhvp"])
    delegation_create(actor=chief, delegator=chief, delegate=deputy, start_date=timezone.localdate(),
                      end_date=timezone.localdate())
    client.force_login(chief)

    assert client.post(vote_url(process, vote_task(process, "phochanhvp1"))).status_code == 403


def test_a_task_created_during_the_delegation_goes_to_the_delegate_and_only_he_is_told(person, committed):
    chief, deputy = person("chanhvp"), person("phochanhvp1")
    delegation_create(actor=chief, delegator=chief, delegate=deputy, start_date=timezone.localdate(),
                      end_date=timezone.localdate() + dt.timedelta(days=2))
    mail.outbox.clear()

    with committed():
        process = open_ballot(["chanhvp", "hoidong1"])

    assert vote_task(process, voter="chanhvp").owner == deputy
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert len(mail.outbox) == 2
    assert subjects[deputy.email].startswith("Việc được ủy quyền")
    assert subjects[person("hoidong1").email].startswith("Việc mới cần xử lý")


@pytest.mark.parametrize(
    ("delegator", "delegate", "message"),
    [
        ("chanhvp", "hoidong1", "Thủ trưởng cơ quan chỉ ủy quyền cho cấp phó của cùng cơ quan."),
        ("chanhvp", "chanhvp", "Không thể ủy quyền cho chính mình."),
        ("truongphong.kt", "canbo.th.01", "Chỉ ủy quyền cho người cùng đơn vị."),
        ("truongphong.kt", "sonoivu", "Chỉ ủy quyền cho người cùng đơn vị."),
    ],
)
def test_a_delegate_outside_the_scope_is_refused_in_vietnamese(person, delegator, delegate, message):
    who = person(delegator)

    with pytest.raises(ValidationError) as error:
        delegation_create(actor=who, delegator=who, delegate=person(delegate),
                          start_date=timezone.localdate(), end_date=timezone.localdate())

    assert message in error.value.messages
    assert not Delegation.objects.exists()


def test_a_unit_head_delegates_to_a_member_of_the_unit(person):
    head, member = person("truongphong.kt"), person("canbo.kt.01")
    process = open_ballot(["truongphong.kt"])

    delegation_create(actor=head, delegator=head, delegate=member, start_date=timezone.localdate(),
                      end_date=timezone.localdate())

    assert vote_task(process, voter="truongphong.kt").owner == member


def test_nobody_delegates_someone_else_and_overlaps_are_refused(person):
    chief, deputy = person("chanhvp"), person("phochanhvp1")
    with pytest.raises(PermissionDenied):
        delegation_create(actor=deputy, delegator=chief, delegate=deputy,
                          start_date=timezone.localdate(), end_date=timezone.localdate())

    delegation_create(actor=chief, delegator=chief, delegate=deputy,
                      start_date=timezone.localdate(), end_date=timezone.localdate() + dt.timedelta(days=3))
    with pytest.raises(ValidationError) as error:
        delegation_create(actor=chief, delegator=chief, delegate=person("phochanhvp2"),
                          start_date=timezone.localdate() + dt.timedelta(days=1),
                          end_date=timezone.localdate() + dt.timedelta(days=5))
    assert "Đã có ủy quyền khác trong khoảng thời gian này; hãy thu hồi trước." in error.value.messages


def test_bad_form_input_is_a_400_with_a_vietnamese_message_and_nothing_changes(client, person):
    client.force_login(person("chanhvp"))

    wrong_person = client.post(DELEGATIONS, {"delegate": person("hoidong1").pk, **_range()})
    backwards = client.post(DELEGATIONS, {"delegate": person("phochanhvp1").pk, "start_date": "2030-01-10",
                                          "end_date": "2030-01-01"})

    assert wrong_person.status_code == 400 and "Người được chọn không hợp lệ." in wrong_person.content.decode()
    assert backwards.status_code == 400
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in backwards.content.decode()
    assert not Delegation.objects.exists()


def test_revoking_gives_the_open_tasks_back(client, person):
    chief, deputy = person("chanhvp"), person("phochanhvp1")
    process = open_ballot(["chanhvp"])
    delegation = delegation_create(actor=chief, delegator=chief, delegate=deputy,
                                   start_date=timezone.localdate(), end_date=timezone.localdate())
    client.force_login(deputy)

    response = client.post(reverse("home:delegation_revoke", args=[delegation.pk]))

    assert response.status_code == 302
    assert vote_task(process, voter="chanhvp").owner == chief
    delegation.refresh_from_db()
    assert delegation.revoked_by == deputy
    assert delegation.history.count() == 2


def test_a_stranger_cannot_see_or_revoke_a_delegation(client, person):
    chief = person("chanhvp")
    delegation = delegation_create(actor=chief, delegator=chief, delegate=person("phochanhvp1"),
                                   start_date=timezone.localdate(), end_date=timezone.localdate())
    client.force_login(person("canbo.kt.01"))

    assert client.post(reverse("home:delegation_revoke", args=[delegation.pk])).status_code == 404
    assert Delegation.objects.get(pk=delegation.pk).revoked_at is None


def test_a_future_delegation_starts_and_ends_with_the_periodic_job(person):
    chief, deputy = person("chanhvp"), person("phochanhvp1")
    with freeze_time("2030-03-01 02:00:00"):
        process = open_ballot(["chanhvp"])
        delegation_create(actor=chief, delegator=chief, delegate=deputy,
                          start_date=dt.date(2030, 3, 4), end_date=dt.date(2030, 3, 5))
        assert vote_task(process, voter="chanhvp").owner == chief

    with freeze_time("2030-03-04 02:00:00"):
        assert delegations_sync() == {"handed_over": 1, "given_back": 0}
        assert delegations_sync() == {"handed_over": 0, "given_back": 0}
    assert vote_task(process, voter="chanhvp").owner == deputy

    with freeze_time("2030-03-06 02:00:00"):
        assert delegations_sync() == {"handed_over": 0, "given_back": 1}
    assert vote_task(process, voter="chanhvp").owner == chief


def test_the_secretariat_reassigns_a_task_over_http(client, person, committed):
    process = open_ballot(["hoidong1"])
    task = vote_task(process, "hoidong1")
    new_owner = person("hoidong2")
    mail.outbox.clear()
    client.force_login(person("hcqt"))
    url = reverse("home:task_reassign", args=[task.pk])

    assert f'href="{url}"' in client.get("/home/").content.decode()
    assert client.get(url).status_code == 200
    with committed():
        response = client.post(url, {"to_user": new_owner.pk, "reason": "Vắng mặt dài ngày"})

    assert response.status_code == 302
    task.refresh_from_db()
    assert task.owner == new_owner
    handover = TaskDelegation.objects.get(task=task)
    assert (handover.kind, handover.from_user.username, handover.by_user.username) == (
        TaskDelegation.Kind.REASSIGNMENT, "hoidong1", "hcqt")
    assert [m.to for m in mail.outbox] == [[new_owner.email]]
    assert acting_for(task) is None  # reassigned, not acting on anyone's behalf


def test_a_reassignment_is_recorded_once_as_the_secretariats_act_with_its_reason(person):
    # given a member's open ballot task
    from workflow.audit import Action
    from workflow.audit.models import AuditEvent

    process = open_ballot(["hoidong1"])
    task = vote_task(process, "hoidong1")
    before = AuditEvent.objects.filter(action=Action.TASK_REASSIGNED).count()

    # when the secretariat gives it to another member, outside any request (no signed-in person to read)
    task_reassign(actor=person("hcqt"), task=task, to_user=person("hoidong2"), reason="Vắng mặt dài ngày")

    # then one event: by the secretariat (not the new owner), with the reason and the owners before and after
    events = AuditEvent.objects.filter(action=Action.TASK_REASSIGNED).order_by("pk")[before:]
    [event] = list(events)
    assert event.actor == person("hcqt") and event.reason == "Vắng mặt dài ngày"
    assert event.changes["task"] == task.pk
    assert event.changes["owner"] == [person("hoidong1").pk, person("hoidong2").pk]


def test_only_the_secretariat_may_reassign_and_only_within_the_agency(client, person):
    process = open_ballot(["hoidong1"])
    task = vote_task(process, "hoidong1")
    url = reverse("home:task_reassign", args=[task.pk])

    client.force_login(person("truongphong.kt"))
    assert client.post(url, {"to_user": person("hoidong2").pk}).status_code == 404
    with pytest.raises(PermissionDenied):
        task_reassign(actor=person("truongphong.kt"), task=task, to_user=person("hoidong2"))
    with pytest.raises(ValidationError) as error:
        task_reassign(actor=person("hcqt"), task=task, to_user=person("sonoivu"))

    assert "Chỉ chuyển cho người đang làm việc tại cùng cơ quan." in error.value.messages
    task.refresh_from_db()
    assert task.owner.username == "hoidong1"


@pytest.mark.parametrize("ballots", [1, 5])
def test_delegated_lists_take_a_fixed_number_of_queries(ballots, person, django_assert_max_num_queries):
    chief, deputy = person("chanhvp"), person("phochanhvp1")
    for _ in range(ballots):
        open_ballot(["chanhvp"])
    delegation_create(actor=chief, delegator=chief, delegate=deputy, start_date=timezone.localdate(),
                      end_date=timezone.localdate())

    with django_assert_max_num_queries(3):
        tasks = list(delegated_tasks_for(deputy))
        on_behalf = delegators_of_tasks(tasks)
        handed_over = list(tasks_delegated_by(chief))

    assert len(tasks) == ballots and set(on_behalf.values()) == {chief}
    assert handed_over == tasks


def test_reassigning_to_someone_outside_the_agency_is_a_400_in_vietnamese(client, person):
    process = open_ballot(["hoidong1"])
    task = vote_task(process, "hoidong1")
    client.force_login(person("hcqt"))

    response = client.post(reverse("home:task_reassign", args=[task.pk]), {"to_user": person("sonoivu").pk})

    assert response.status_code == 400
    assert "Người được chọn không hợp lệ." in response.content.decode()
    task.refresh_from_db()
    assert task.owner.username == "hoidong1" and not TaskDelegation.objects.exists()


def test_the_decision_the_deputy_signs_for_the_chief_carries_the_same_kt_block(client, person):
    """Issue 9: the delegated chief's step done by the deputy, then the Quyết định he signs."""
    from workflow.documents import examples
    from workflow.documents import services as documents

    chief, deputy = person("chanhvp"), person("phochanhvp1")
    process = open_ballot(["chanhvp"])
    delegation_create(actor=chief, delegator=chief, delegate=deputy, start_date=timezone.localdate(),
                      end_date=timezone.localdate())
    task = vote_task(process, voter="chanhvp")
    client.force_login(deputy)
    client.post(vote_url(process, task))
    task.refresh_from_db()
    agency = chief.agency
    draft = documents.document_create(
        actor=person("hcqt"), agency=agency, template_key="quyet_dinh_khen_thuong",
        summary="Về việc tặng Giấy khen", data=examples.decision_data(agency, names=3), issuer_unit_code="HCQT",
    )

    signed = documents.document_sign(actor=deputy, document=draft)

    doc = documents.document_context(signed, draft=False)["doc"]
    assert doc["signature_lines"] == signature_for(task)["lines"] == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    assert doc["signer_name"] == signature_for(task)["signer_name"] == deputy.full_name
