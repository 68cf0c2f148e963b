"""A person's queue (``workflow.selectors.queued_tasks_for``, the inbox and the menu's count) is viewflow's own
``user_queue``, built flat (``queue_filter``): the same tasks for everyone, whatever permission a task asks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import User
from nominations.flows import AgencyPledgeFlow
from nominations.models import AgencyPledgeProcess
from tests.nominations.helpers import open_cycle, open_dossier
from workflow.inbox import inbox_count
from workflow.registry import registered_flows
from workflow.selectors import queued_tasks_for

pytestmark = pytest.mark.django_db

PEOPLE = ("canbo.kt.04", "truongphong.kt", "truongphong.nc", "hcqt", "hoidong2", "chanhvp", "phochanhvp2",
          "sonoivu", "kiemtra", "admin")


def fresh(username: str) -> User:
    """A new user object, as each request loads: nothing cached on it yet."""
    return User.objects.get(username=username)


def viewflows_queue(user: User) -> set[int]:
    return set(Task.objects.coerce_for(registered_flows()).user_queue(user).filter(status=STATUS.NEW)
               .values_list("pk", flat=True))


@pytest.fixture
def tasks_of_every_kind(person):
    """The agency's pledge round (its compile step waits in the secretariat's queue, by her permission on the
    agency), a unit's dossier (held by its head), and copies of the compile step asking no permission, a global
    permission (held by the auditor), a permission on another object, and one of those already the chief's."""
    registration = AgencyPledgeFlow.start.run(actor=person("hcqt"), agency=person("hcqt").agency, year=2025,
                                              deadline=dt.date(2025, 12, 1)).registration
    compile_task = AgencyPledgeProcess.objects.get(registration=registration).task_set.get(
        flow_task=AgencyPledgeFlow.compile)
    open_dossier(open_cycle(2025), "KT")
    global_perm = Permission.objects.get(codename="view_cycle")
    person("kiemtra").user_permissions.add(global_perm)

    def copy(**fields) -> Task:
        task = Task.objects.get(pk=compile_task.pk)
        task.pk = None
        for name, value in fields.items():
            setattr(task, name, value)
        return task

    Task.objects.bulk_create([  # no signals: these are rows to match, not steps to announce
        copy(owner_permission=None, owner_permission_obj_pk=None, owner_permission_content_type=None),
        copy(owner_permission="nominations.view_cycle", owner_permission_obj_pk=None,
             owner_permission_content_type=None),
        copy(owner_permission_obj_pk=str(compile_task.owner_permission_obj_pk) + "0"),
        copy(owner=person("chanhvp"), owner_permission_obj_pk=str(compile_task.owner_permission_obj_pk) + "0"),
    ])
    return compile_task


@pytest.mark.parametrize("username", PEOPLE)
def test_the_queue_is_viewflows_user_queue_for_everyone(tasks_of_every_kind, username):
    expected = viewflows_queue(fresh(username))

    queued = set(queued_tasks_for(fresh(username)).values_list("pk", flat=True))

    assert queued == expected


def test_the_secretariat_queues_the_agencys_step_and_the_steps_nobody_needs_a_permission_for(tasks_of_every_kind):
    queued = set(queued_tasks_for(fresh("hcqt")).values_list("pk", flat=True))

    assert tasks_of_every_kind.pk in queued
    assert len(queued) == 2  # hers and the one asking no permission; not the other object's, not the chief's


def test_the_menus_count_is_the_persons_tasks_and_queue(tasks_of_every_kind, django_assert_num_queries):
    head = fresh("truongphong.kt")

    with django_assert_num_queries(4):  # object permissions, model permissions (the user's, the groups'), COUNT
        count = inbox_count(head)

    assert count == 1 + len(viewflows_queue(fresh("truongphong.kt")))  # the dossier they hold, their queue
