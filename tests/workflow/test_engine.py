"""The engine under a real flow (tests/flowapp): dynamic split, join, task-in-process guard."""

import pytest
from django.urls import reverse
from viewflow.workflow.lock import select_for_update_lock
from viewflow.workflow.status import STATUS

from accounts.models import User
from tests.flowapp.flows import BallotFlow
from tests.flowapp.models import BallotProcess
from workflow.checks import _all_flows, check_flow_titles, check_flows_lock, check_human_steps_deadline_and_escalation

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.flowapp.urls")]

VOTERS = ["chanhvp", "phochanhvp1", "hoidong1", "truongphong.kt"]


def open_ballot(usernames=VOTERS) -> BallotProcess:
    voters = [User.objects.get(username=u) for u in usernames]
    return BallotProcess.objects.get(pk=BallotFlow.start.run(voters=voters).pk)


def vote_url(process, task) -> str:
    return reverse("ballot:vote:execute", args=[process.pk, task.pk])


def test_dynamic_split_opens_one_task_per_item_assigned_to_its_person():
    process = open_ballot()

    tasks = process.task_set.filter(flow_task=BallotFlow.vote)

    assert tasks.count() == 4
    assert sorted(t.owner.username for t in tasks) == sorted(VOTERS)
    assert all(t.status == STATUS.ASSIGNED and t.data["voter"] == t.owner_id for t in tasks)


def test_the_join_fires_once_after_every_vote(client):
    process = open_ballot()

    for task in process.task_set.filter(flow_task=BallotFlow.vote):
        client.force_login(task.owner)
        assert client.post(vote_url(process, task)).status_code == 302

    process.refresh_from_db()
    assert (process.votes, process.closed_times, process.status) == (4, 1, STATUS.DONE)


def test_the_join_waits_while_one_vote_is_missing(client):
    process = open_ballot()
    *first, last = process.task_set.filter(flow_task=BallotFlow.vote).order_by("pk")

    for task in first:
        client.force_login(task.owner)
        client.post(vote_url(process, task))

    process.refresh_from_db()
    assert (process.votes, process.closed_times, process.status) == (3, 0, STATUS.NEW)
    assert process.task_set.get(pk=last.pk).status == STATUS.ASSIGNED


def test_nobody_else_can_cast_a_members_vote(client):
    process = open_ballot()
    task = process.task_set.filter(flow_task=BallotFlow.vote, owner__username="hoidong1").get()
    client.force_login(User.objects.get(username="chanhvp"))

    response = client.post(vote_url(process, task))

    assert response.status_code == 403
    assert BallotProcess.objects.get(pk=process.pk).votes == 0


def test_a_vote_posted_again_once_cast_is_refused_in_vietnamese(client):
    """viewflow's own refusal is its state machine's English ("Start :: no transition from "DONE"")."""
    process = open_ballot()
    task = process.task_set.filter(flow_task=BallotFlow.vote, owner__username="hoidong1").get()
    client.force_login(task.owner)
    assert client.post(vote_url(process, task)).status_code == 302

    again = client.post(vote_url(process, task))

    page = again.content.decode()
    assert again.status_code == 403
    assert "Việc này đã được xử lý xong hoặc đã hủy; không có gì thay đổi." in page
    assert "no transition" not in page
    assert BallotProcess.objects.get(pk=process.pk).votes == 1


def test_someone_elses_task_is_refused_saying_so(client):
    process = open_ballot()
    task = process.task_set.filter(flow_task=BallotFlow.vote, owner__username="hoidong1").get()
    client.force_login(User.objects.get(username="chanhvp"))

    page = client.post(vote_url(process, task)).content.decode()

    assert "Việc này đang do người khác xử lý; không có gì thay đổi." in page


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_task_url_with_another_process_is_404(client, method):
    mine, other = open_ballot(), open_ballot()
    task = mine.task_set.filter(flow_task=BallotFlow.vote, owner__username="hoidong1").get()
    client.force_login(task.owner)

    response = getattr(client, method)(vote_url(other, task))

    assert response.status_code == 404
    assert BallotProcess.objects.get(pk=mine.pk).votes == 0
    assert mine.task_set.get(pk=task.pk).status == STATUS.ASSIGNED


def test_the_right_process_and_task_pass_the_guard(client):
    process = open_ballot()
    task = process.task_set.filter(flow_task=BallotFlow.vote, owner__username="hoidong1").get()
    client.force_login(task.owner)

    assert client.get(vote_url(process, task)).status_code == 200


def test_every_flow_locks_but_the_deliberately_unlocked_test_flow():
    reported = {e.obj.__name__ for e in check_flows_lock()}

    assert reported <= {"UnlockedBallotFlow"}
    assert _all_flows(), "the check must see the flows it guards"


def test_a_flow_without_the_lock_is_reported():
    from tests.flowapp.unlocked import UnlockedBallotFlow

    class NowaitBallotFlow(BallotFlow):
        lock_impl = select_for_update_lock

    errors = check_flows_lock(flows=[UnlockedBallotFlow, NowaitBallotFlow])

    assert [e.id for e in errors] == ["workflow.E001", "workflow.E002"]


def test_every_flow_people_use_names_itself_and_each_step_through_gettext():
    from workflow.registry import registered_flows

    assert len(registered_flows()) == 6
    assert check_flow_titles() == []


def test_a_flow_whose_steps_keep_viewflows_english_names_is_reported():
    errors = check_flow_titles(flows=[BallotFlow])

    nodes = {node.name for node in BallotFlow.instance.nodes()}
    assert [e.id for e in errors] == ["workflow.E003"] + ["workflow.E004"] * len(nodes)
    assert {e.msg.split("'")[1] for e in errors[1:]} == nodes


def test_every_human_step_of_the_award_flows_declares_its_deadline_and_escalation():
    assert check_human_steps_deadline_and_escalation() == []


def test_a_human_step_without_deadline_or_escalation_is_reported():
    """Given the engine's test flow, whose vote step has working days but no escalation, and a copy
    whose vote step has neither, then the check names each missing declaration."""
    from tests.flowapp.views import vote_view
    from workflow.nodes import View

    class NoDeadlineBallotFlow(BallotFlow):
        vote = View(vote_view).Next(BallotFlow.join)

    assert [e.id for e in check_human_steps_deadline_and_escalation(flows=[BallotFlow])] == ["workflow.E006"]
    errors = check_human_steps_deadline_and_escalation(flows=[NoDeadlineBallotFlow])
    assert [e.id for e in errors] == ["workflow.E005", "workflow.E006"]


def test_the_engines_checks_run_only_for_the_apps_named():
    """``manage.py check accounts`` must not run the workflow's checks (Django's app_configs contract)."""
    from django.apps import apps

    only_accounts = [apps.get_app_config("accounts")]
    assert check_human_steps_deadline_and_escalation(app_configs=only_accounts) == []
    assert check_flows_lock(app_configs=only_accounts) == []


def test_every_system_check_id_names_one_check():
    """Silencing an id (SILENCED_SYSTEM_CHECKS) must silence one rule only."""
    import re
    from collections import Counter
    from pathlib import Path

    from django.conf import settings

    ids = Counter(
        found for app in ("accounts", "workflow", "nominations")
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py") if "migrations" not in path.parts
        for found in re.findall(r'id="((?:accounts|workflow|nominations)\.[EWI]\d{3})"', path.read_text("utf-8"))
    )
    assert ids and [check_id for check_id, count in ids.items() if count > 1] == []
