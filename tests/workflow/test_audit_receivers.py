"""Events the engine records by itself: sign-in, roles, and the life of viewflow tasks."""

import pytest
from django.urls import reverse
from viewflow.workflow.status import STATUS

from accounts import services as account_services
from accounts.models import Agency, User
from accounts.roles import Role
from tests.flowapp.flows import BallotFlow
from tests.flowapp.models import BallotProcess
from workflow.audit import Action
from workflow.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "thidua@2024"


def last(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).order_by("-seq").first()


def test_a_login_is_recorded_with_the_person_and_their_agency(client, settings):
    settings.DEMO_PASSWORD = PASSWORD

    client.post(reverse("login"), {"username": "chanhvp", "password": PASSWORD}, REMOTE_ADDR="198.51.100.4")

    event = last(Action.LOGIN)
    assert event.actor.username == "chanhvp"
    assert event.agency.code == "VP"
    assert event.ip == "198.51.100.4"


def test_a_failed_login_keeps_the_login_name_and_never_the_password(client):
    client.post(reverse("login"), {"username": "chanhvp", "password": "bi-mat-sai-123"})

    event = last(Action.LOGIN_FAILED)
    assert event.actor is None
    assert event.changes == {"username": "chanhvp"}
    assert event.agency.code == "VP"
    stored = str(event.changes) + event.reason + event.object_repr
    assert "bi-mat-sai-123" not in stored and "*" not in stored


def test_a_failed_login_for_an_unknown_name_is_recorded_without_an_object(client):
    client.post(reverse("login"), {"username": "khong-ton-tai", "password": "x"})

    event = last(Action.LOGIN_FAILED)
    assert (event.changes, event.content_type, event.agency) == ({"username": "khong-ton-tai"}, None, None)


def test_a_logout_is_recorded(login):
    client = login("hcqt")

    client.post(reverse("logout"))

    assert last(Action.LOGOUT).actor.username == "hcqt"


def test_granting_and_revoking_a_role_are_recorded_in_the_same_transaction(person):
    admin, newcomer = person("admin"), person("canbo.kt.04")
    office = Agency.objects.get(code="VP")

    assignment = account_services.role_grant(actor=admin, user=newcomer, role=Role.AUDITOR, agency=office)
    account_services.role_revoke(actor=admin, assignment=assignment, reason="Hết nhiệm vụ kiểm tra")

    granted, revoked = last(Action.ROLE_GRANTED), last(Action.ROLE_REVOKED)
    assert (granted.actor, granted.object_id, granted.agency) == (admin, str(assignment.pk), office)
    assert granted.changes["role"] == Role.AUDITOR and granted.changes["user"] == "canbo.kt.04"
    assert revoked.reason == "Hết nhiệm vụ kiểm tra"


def test_the_object_permissions_a_role_brings_are_recorded(person):
    admin, newcomer = person("admin"), person("canbo.kt.04")
    office = Agency.objects.get(code="VP")

    assignment = account_services.role_grant(actor=admin, user=newcomer, role=Role.AUDITOR, agency=office)
    account_services.role_revoke(actor=admin, assignment=assignment)

    granted, revoked = last(Action.PERMISSION_GRANTED), last(Action.PERMISSION_REVOKED)
    for event in (granted, revoked):
        assert (event.object_id, event.agency) == (str(newcomer.pk), office)
        assert event.changes == {"permission": "audit_agency", "scope": office.name}
    assert revoked.seq > granted.seq


def test_a_refused_grant_leaves_no_event(person):
    before = AuditEvent.objects.count()

    with pytest.raises(Exception):  # noqa: B017 — PermissionDenied: only administrators grant roles
        account_services.role_grant(actor=person("chanhvp"), user=person("canbo.kt.04"), role=Role.AUDITOR,
                                    agency=Agency.objects.get(code="VP"))

    assert AuditEvent.objects.count() == before


@pytest.fixture
def ballot(person):
    voters = [person("chanhvp"), person("hoidong1")]
    return BallotProcess.objects.get(pk=BallotFlow.start.run(voters=voters).pk)


@pytest.mark.urls("tests.flowapp.urls")
def test_flow_start_unassign_assign_and_finish_are_recorded(client, ballot):
    started = last(Action.FLOW_STARTED)
    assert (started.object_id, started.changes) == (str(ballot.pk), {"flow": "BallotFlow"})
    task = ballot.task_set.filter(flow_task=BallotFlow.vote, owner__username="chanhvp").get()
    client.force_login(task.owner)

    client.post(reverse("ballot:vote:unassign", args=[ballot.pk, task.pk]))
    client.post(reverse("ballot:vote:assign", args=[ballot.pk, task.pk]))

    unassigned, assigned = last(Action.TASK_UNASSIGNED), last(Action.TASK_ASSIGNED)
    assert unassigned.actor.username == "chanhvp" and unassigned.changes["task"] == task.pk
    assert unassigned.changes["owner"] == [task.owner_id, None]
    assert assigned.changes["status"] == [STATUS.NEW, STATUS.ASSIGNED] and assigned.seq > unassigned.seq
    for vote in ballot.task_set.filter(flow_task=BallotFlow.vote).select_related("owner"):
        client.force_login(vote.owner)
        client.post(reverse("ballot:vote:execute", args=[ballot.pk, vote.pk]))
    assert AuditEvent.objects.filter(action=Action.FLOW_FINISHED, object_id=str(ballot.pk)).count() == 1


@pytest.mark.parametrize(("before", "action"), [
    (STATUS.ASSIGNED, Action.TASK_CANCELLED),
    (STATUS.NEW, Action.TASK_CANCELLED),
    (STATUS.DONE, Action.TASK_UNDONE),
])
def test_cancel_and_undo_are_read_from_the_status_the_task_saves(ballot, person, before, action):
    task = ballot.task_set.filter(flow_task=BallotFlow.vote).first()
    task.status = before
    task.save()
    count = AuditEvent.objects.filter(action=action).count()

    task.status = STATUS.CANCELED
    task.save()

    assert AuditEvent.objects.filter(action=action).count() == count + 1
    assert last(action).changes["status"] == [before, STATUS.CANCELED]


def test_outside_a_request_a_task_event_is_by_the_task_owner(ballot):
    task = ballot.task_set.filter(flow_task=BallotFlow.vote).select_related("owner").first()
    newcomer = User.objects.get(username="hoidong2")

    task.owner = newcomer
    task.save()

    assert last(Action.TASK_REASSIGNED).actor == newcomer
