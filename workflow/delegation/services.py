"""Writes of delegation: create, revoke, apply on schedule, and the secretariat's reassignment."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import User
from workflow.audit import Action, audit_record
from workflow.audit.actions import register_action
from workflow.notifications.events import task_context, task_delegated
from workflow.notifications.services import notify

from .models import Delegation, TaskDelegation
from .rules import delegate_scope_error, is_secretariat_of, task_agency

DELEGATION_CREATED = register_action("delegation.created", gettext_lazy("Ủy quyền xử lý thay"))
DELEGATION_REVOKED = register_action("delegation.revoked", gettext_lazy("Thu hồi ủy quyền xử lý thay"))

HUMAN = "HUMAN"


def _hand_over(task: Task, *, delegation: Delegation) -> TaskDelegation:
    handover = TaskDelegation(
        task=task, kind=TaskDelegation.Kind.DELEGATION, delegation=delegation,
        from_user=delegation.delegator, to_user=delegation.delegate, by_user=delegation.created_by,
    )
    handover._history_user = delegation.created_by
    handover.save()
    task.owner = delegation.delegate
    task.save(update_fields=["owner"])
    task_delegated(task, delegate=delegation.delegate, delegator=delegation.delegator)
    return handover


def _apply(delegation: Delegation) -> int:
    tasks = Task.objects.select_for_update().filter(
        owner=delegation.delegator, status=STATUS.ASSIGNED, flow_task_type=HUMAN
    )
    count = 0
    for task in tasks.order_by("pk"):
        _hand_over(task, delegation=delegation)
        count += 1
    return count


def _give_back(delegation: Delegation, *, now: dt.datetime, actor: User | None) -> int:
    handovers = (
        TaskDelegation.objects.select_for_update(of=("self",))
        .filter(delegation=delegation, returned_at__isnull=True)
        .select_related("task")
    )
    count = 0
    for handover in handovers:
        task = handover.task
        if task.status == STATUS.ASSIGNED and task.owner_id == delegation.delegate_id:
            task.owner = delegation.delegator
            task.save(update_fields=["owner"])
            handover.returned_at = now
            handover._history_user = actor
            handover.save(update_fields=["returned_at"])
            count += 1
    return count


@transaction.atomic
def delegation_create(
    *, actor: User, delegator: User, delegate: User, start_date: dt.date, end_date: dt.date, reason: str = ""
) -> Delegation:
    """Hand ``delegator``'s tasks to ``delegate`` for the range; the person themselves or their secretariat."""
    agency = delegator.agency
    if not actor.is_authenticated or (actor.pk != delegator.pk and not is_secretariat_of(actor, agency)):
        raise PermissionDenied(_("Bạn không có quyền ủy quyền công việc của người này."))
    error = delegate_scope_error(delegator, delegate)
    if error:
        raise ValidationError({"delegate": error})
    today = timezone.localdate()
    if end_date < today:
        raise ValidationError({"end_date": _("Thời gian ủy quyền đã qua.")})
    delegation = Delegation(
        delegator=delegator, delegate=delegate, start_date=start_date, end_date=end_date,
        reason=reason.strip(), created_by=actor,
    )
    delegation.full_clean()
    overlapping = Delegation.objects.select_for_update().filter(
        delegator=delegator, revoked_at__isnull=True, start_date__lte=end_date, end_date__gte=start_date
    )
    if overlapping.exists():
        raise ValidationError(_("Đã có ủy quyền khác trong khoảng thời gian này; hãy thu hồi trước."))
    delegation._history_user = actor
    delegation.save()
    audit_record(actor=actor, action=DELEGATION_CREATED, obj=delegation, agency=agency,
                 changes={"delegator": delegator.pk, "delegate": delegate.pk, "start_date": start_date.isoformat(),
                          "end_date": end_date.isoformat()})
    if delegation.covers(today):
        _apply(delegation)
    return delegation


@transaction.atomic
def delegation_revoke(*, actor: User, delegation: Delegation) -> Delegation:
    """End a delegation now; the tasks still open go back to the delegator."""
    locked = (
        Delegation.objects.select_for_update(of=("self",)).select_related("delegator__unit").get(pk=delegation.pk)
    )
    allowed = actor.pk in (locked.delegator_id, locked.delegate_id) or is_secretariat_of(actor, locked.delegator.agency)
    if not actor.is_authenticated or not allowed:
        raise PermissionDenied(_("Bạn không có quyền thu hồi ủy quyền này."))
    if locked.revoked_at is not None:
        raise ValidationError(_("Ủy quyền này đã được thu hồi."))
    now = timezone.now()
    locked.revoked_at = now
    locked.revoked_by = actor
    locked._history_user = actor
    locked.save()
    _give_back(locked, now=now, actor=actor)
    audit_record(actor=actor, action=DELEGATION_REVOKED, obj=locked, agency=locked.delegator.agency)
    return locked


@transaction.atomic
def delegations_sync(*, today: dt.date | None = None) -> dict[str, int]:
    """Start the delegations whose range began and end those whose range is over (periodic job)."""
    today = today or timezone.localdate()
    now = timezone.now()
    started = ended = 0
    for delegation in Delegation.objects.filter(revoked_at__isnull=True, start_date__lte=today, end_date__gte=today):
        started += _apply(delegation)
    finished = Delegation.objects.filter(end_date__lt=today, task_handovers__returned_at__isnull=True).distinct()
    for delegation in finished:
        ended += _give_back(delegation, now=now, actor=None)
    return {"handed_over": started, "given_back": ended}


def active_delegation_for(delegator: User, day: dt.date) -> Delegation | None:
    return (
        Delegation.objects.filter(
            delegator=delegator, revoked_at__isnull=True, start_date__lte=day, end_date__gte=day
        ).select_related("delegator", "delegate", "created_by").order_by("pk").first()
    )


def task_delegate_on_create(task: Task) -> TaskDelegation | None:
    """A task created for someone who delegated today goes straight to the delegate.

    Only human tasks waiting for a person: a start task is executed by whoever starts it.
    """
    if task.owner_id is None or task.status != STATUS.ASSIGNED or task.flow_task.task_type != HUMAN:
        return None
    delegation = active_delegation_for(task.owner, timezone.localdate())
    if delegation is None:
        return None
    return _hand_over(task, delegation=delegation)


@transaction.atomic
def task_reassign(*, actor: User, task: Task, to_user: User, reason: str = "") -> TaskDelegation:
    """The secretariat gives an open task to another person of the agency."""
    locked = Task.objects.select_for_update(of=("self",)).select_related("owner__unit__agency").get(pk=task.pk)
    agency = task_agency(locked)
    if not is_secretariat_of(actor, agency):
        raise PermissionDenied(_("Chỉ thường trực thi đua – khen thưởng của cơ quan mới được chuyển người xử lý."))
    if locked.status not in (STATUS.NEW, STATUS.ASSIGNED):
        raise ValidationError(_("Công việc đã xử lý xong hoặc đã hủy, không thể chuyển."))
    if not to_user.is_active or to_user.agency is None or to_user.agency.pk != agency.pk:
        raise ValidationError({"to_user": _("Chỉ chuyển cho người đang làm việc tại cùng cơ quan.")})
    if locked.owner_id == to_user.pk:
        raise ValidationError({"to_user": _("Công việc đang do chính người này xử lý.")})
    handover = TaskDelegation(
        task=locked, kind=TaskDelegation.Kind.REASSIGNMENT, from_user=locked.owner, to_user=to_user,
        by_user=actor, reason=reason.strip(),
    )
    handover.full_clean(exclude=["task", "delegation", "from_user", "to_user", "by_user"])
    handover._history_user = actor
    handover.save()
    before = (locked.status, locked.owner_id)
    locked.owner = to_user
    locked.status = STATUS.ASSIGNED
    # The event is this service's, by the secretariat and with the reason: the task's post_save receiver
    # (workflow.audit.receivers), which outside a request would name the new owner as the actor, sees no change.
    locked._audit_state = (locked.status, locked.owner_id)
    locked.save(update_fields=["owner", "status"])
    audit_record(actor=actor, action=Action.TASK_REASSIGNED, obj=locked.process, agency=agency, reason=handover.reason,
                 changes={"task": locked.pk, "node": locked.flow_task.name if locked.flow_task else "",
                          "status": [before[0], locked.status], "owner": [before[1], to_user.pk]})
    notify(event="task_reassigned", recipients=[to_user], task=locked, context=task_context(locked))
    return handover
