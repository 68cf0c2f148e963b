"""A whole year through the real services leaves every action of issue 7 in one intact chain.

Pledges from a unit to Home Affairs, a nomination cycle from dossiers to Home Affairs'
answers (simulate_cycle, which drives the same services as the pages), people signing in
and out, a role given and taken back, a task handed back, undone and cancelled — then
`verify_audit` walks the chain.
"""

import io
import json
from collections import Counter

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts import services as account_services
from accounts.models import Unit
from accounts.roles import Role
from nominations import demo_pledges
from nominations.models import Award
from tests.flowapp.flows import BallotFlow
from tests.flowapp.models import BallotProcess
from workflow.audit import Action
from workflow.audit.models import AuditEvent

from .pledge_helpers import do_task, open_round
from .test_pledges_flow import YEAR, unit_registered

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.flowapp.urls")]

# The business actions issue 7 lists, by the code each is recorded under.
EVERY_LISTED_ACTION = {
    Action.CREATED, Action.SUBMITTED, Action.RETURNED, Action.ACCEPTED, Action.VOTED, Action.TALLIED,
    Action.APPROVED, Action.SIGNED, Action.ISSUED, Action.SENT, Action.ACKNOWLEDGED,
    Action.HOME_AFFAIRS_ACCEPTED, Action.HOME_AFFAIRS_RETURNED, Action.HOME_AFFAIRS_REJECTED,
    Action.TASK_ASSIGNED, Action.TASK_UNASSIGNED, Action.TASK_UNDONE, Action.TASK_CANCELLED,
    Action.ROLE_GRANTED, Action.ROLE_REVOKED, Action.PERMISSION_GRANTED, Action.PERMISSION_REVOKED,
    Action.LOGIN, Action.LOGIN_FAILED, Action.LOGOUT,
}


def pledge_year(login, person, capture):
    demo_pledges.seed()
    agency_registration = open_round(login, person, YEAR)
    registration = unit_registered(login, person)
    client = login("hcqt")
    do_task(client, registration, "review", {"decision": "accept"})
    do_task(client, agency_registration, "compile", {"collective_title": Award.objects.get(code="CO_TINH").pk},
            agency=True)
    with capture(execute=True):
        do_task(login("chanhvp"), agency_registration, "sign", {"read_drafts": "1"}, agency=True)
    do_task(login("sonoivu"), agency_registration, "home_affairs", {"decision": "accept"}, agency=True)


def nomination_cycle(capture):
    out = io.StringIO()
    with capture(execute=True):
        call_command("simulate_cycle", "--year", "2025", "--json", "--into-current-database", stdout=out)
    return json.loads(out.getvalue())


def sign_in_and_out(client, person):
    chief = person("chanhvp")
    chief.set_password("mat-khau-nam-2025")
    chief.save()
    client.post(reverse("login"), {"username": "chanhvp", "password": "sai-mat-khau"})
    client.post(reverse("login"), {"username": "chanhvp", "password": "mat-khau-nam-2025"})
    client.post(reverse("logout"))


def role_given_and_taken_back(person):
    admin = person("admin")
    assignment = account_services.role_grant(actor=admin, user=person("canbo.kt.04"), role=Role.UNIT_HEAD,
                                             unit=Unit.objects.get(agency__code="VP", code="KT"))
    account_services.role_revoke(actor=admin, assignment=assignment, reason="Hết thời gian giữ quyền")


def tasks_handed_back_undone_and_cancelled(client, person):
    ballot = BallotProcess.objects.get(pk=BallotFlow.start.run(voters=[person("chanhvp"), person("hoidong1")]).pk)
    mine = ballot.task_set.get(flow_task=BallotFlow.vote, owner__username="chanhvp")
    client.force_login(mine.owner)
    client.post(reverse("ballot:vote:unassign", args=[ballot.pk, mine.pk]))
    client.post(reverse("ballot:vote:assign", args=[ballot.pk, mine.pk]))
    client.post(reverse("ballot:vote:execute", args=[ballot.pk, mine.pk]))
    for node, owner, step in ((BallotFlow.vote, "hoidong1", "cancel"), (BallotFlow.join, None, "cancel"),
                              (BallotFlow.vote, "chanhvp", "undo")):
        task = ballot.task_set.get(flow_task=node, **({"owner__username": owner} if owner else {}))
        with task.activation() as activation:
            getattr(activation, step)()


def test_a_full_year_records_every_listed_action_in_an_intact_chain(
    client, login, person, django_capture_on_commit_callbacks, fast_pdfs
):
    pledge_year(login, person, django_capture_on_commit_callbacks)
    summary = nomination_cycle(django_capture_on_commit_callbacks)
    sign_in_and_out(client, person)
    role_given_and_taken_back(person)
    tasks_handed_back_undone_and_cancelled(client, person)

    counts = Counter(AuditEvent.objects.values_list("action", flat=True))
    assert summary["unfinished_processes"] == 0
    assert EVERY_LISTED_ACTION - set(counts) == set()
    assert counts[Action.VOTED] == 13
    assert not AuditEvent.objects.filter(action=Action.VOTED, changes__has_key="choice").exists()

    out = io.StringIO()
    call_command("verify_audit", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["ok"] is True
    assert report["checked"] == AuditEvent.objects.count() == sum(counts.values())

    # The agency's auditor opens the timeline of every object its log names: the log linked to
    # lines, sessions, Tờ trình and processes whose timeline answered 404.
    auditor = login("kiemtra")
    named = (AuditEvent.objects.filter(agency__code="VP").exclude(content_type=None)
             .values_list("content_type_id", "object_id").distinct())
    assert len(named) > 100
    refused = [(ct, pk) for ct, pk in named
               if auditor.get(reverse("audit:timeline", args=[ct, pk])).status_code != 200]
    assert refused == []
