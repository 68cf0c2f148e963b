"""Reads of delegation: on whose behalf a task is done, delegations I gave or hold, the signature."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet
from django.http import Http404
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import role_holders, roles_here
from workflow.documents.models import SignatureForm
from workflow.documents.services import signature_lines

from .models import Delegation, TaskDelegation
from .rules import is_secretariat_of, task_agency


def acting_for(task: Task) -> User | None:
    """The person on whose behalf the task's owner acts (by delegation), or None.

    The audit log records both people; documents print "KT." for a deputy acting for the chief.
    """
    handover = (
        TaskDelegation.objects.filter(task=task, kind=TaskDelegation.Kind.DELEGATION, to_user_id=task.owner_id)
        .select_related("from_user__unit__agency")
        .order_by("-created_at", "-pk")
        .first()
    )
    return handover.from_user if handover is not None else None


on_behalf_of = acting_for


def signature_for(task: Task) -> dict:
    """Who signs the step and how: "KT. <head title>" over "<deputy title>" when a deputy acts for the chief.

    Nghị định 30/2020/NĐ-CP, Điều 13 and Phụ lục I mục 8 (ký thay thủ trưởng).
    """

    agent = task.owner
    principal = acting_for(task) or agent
    agency = agent.agency if agent is not None else None
    if agency is None:
        return {"lines": [], "signer_name": "", "on_behalf_of": None}
    deputy = (
        principal.pk != agent.pk
        and Role.CHIEF in roles_here(principal, agency)
        and Role.DEPUTY_CHIEF in roles_here(agent, agency)
    )
    head = Role.CHIEF in roles_here(agent, agency)
    lines = (
        signature_lines(form=SignatureForm.HEAD, deputy=True, head_title=agency.head_title,
                        deputy_title=agency.deputy_title)
        if deputy else signature_lines(form=SignatureForm.HEAD, deputy=False, head_title=agency.head_title,
                                       deputy_title=agency.deputy_title) if head else []
    )
    return {"lines": lines, "signer_name": agent.full_name, "on_behalf_of": principal if principal != agent else None}


def delegations_for(user: User) -> QuerySet[Delegation]:
    """Delegations the person gave or holds, newest first."""
    if not user.is_authenticated:
        return Delegation.objects.none()
    return (
        Delegation.objects.filter(Q(delegator=user) | Q(delegate=user))
        .select_related("delegator", "delegate", "created_by", "revoked_by")
        .order_by("-start_date", "-pk")
    )


def get_delegation_for_user(user: User, pk: int) -> Delegation:
    """404 alike when missing and when neither party nor their secretariat."""
    delegation = Delegation.objects.select_related("delegator__unit__agency", "delegate").filter(pk=pk).first()
    if delegation is None:
        raise Http404
    if user.pk not in (delegation.delegator_id, delegation.delegate_id) and not is_secretariat_of(
        user, delegation.delegator.agency
    ):
        raise Http404
    return delegation


def delegated_tasks_for(user: User) -> QuerySet[Task]:
    """Open tasks handed to the person by a delegation that is still in force."""
    if not user.is_authenticated:
        return Task.objects.none()
    return (
        Task.objects.filter(
            owner=user, status=STATUS.ASSIGNED,
            handovers__kind=TaskDelegation.Kind.DELEGATION, handovers__to_user=user,
            handovers__returned_at__isnull=True,
        )
        .select_related("process")
        .distinct()
        .order_by("created", "pk")
    )


def tasks_delegated_by(user: User) -> QuerySet[Task]:
    """The person's open tasks now with a delegate (so they can follow them while away)."""
    if not user.is_authenticated:
        return Task.objects.none()
    return (
        Task.objects.filter(
            status=STATUS.ASSIGNED,
            handovers__kind=TaskDelegation.Kind.DELEGATION, handovers__from_user=user,
            handovers__to_user=F("owner"), handovers__returned_at__isnull=True,
        )
        .select_related("process", "owner")
        .distinct()
        .order_by("created", "pk")
    )


def delegators_of_tasks(tasks: list[Task]) -> dict[int, User]:
    """For a page of tasks, on whose behalf each is held: one query whatever the page size."""
    handovers = (
        TaskDelegation.objects.filter(
            task__in=[t.pk for t in tasks], kind=TaskDelegation.Kind.DELEGATION, returned_at__isnull=True
        )
        .select_related("from_user")
        .order_by("created_at", "pk")
    )
    owners = {t.pk: t.owner_id for t in tasks}
    return {h.task_id: h.from_user for h in handovers if owners.get(h.task_id) == h.to_user_id}


def get_task_for_reassign(user: User, pk: int) -> Task:
    """An open task the secretariat of its agency may reassign; 404 alike otherwise."""
    task = (
        Task.objects.filter(pk=pk, status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .select_related("owner__unit__agency", "process").first()
    )
    if task is None or not is_secretariat_of(user, task_agency(task)):
        raise Http404
    return task


def delegate_candidates(user: User) -> QuerySet[User]:
    """People the person could pick as delegate (final check in the service)."""
    if not user.is_authenticated or user.unit_id is None:
        return User.objects.none()
    if Role.CHIEF in roles_here(user, user.unit):
        return role_holders(Role.DEPUTY_CHIEF, over=user.unit.agency)
    return User.objects.filter(unit_id=user.unit_id, is_active=True).exclude(pk=user.pk)
