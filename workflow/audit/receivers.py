"""Events the engine records by itself: sign-in, roles, and viewflow's task life cycle.

Business events (submitted, returned, voted …) are recorded by the domain services that make
them; these receivers cover what happens outside any domain service. Each runs inside the
transaction of the change it reports (role grants, task saves), so the event cannot exist
without the change or the change without the event.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver
from guardian.models import UserObjectPermission
from viewflow.workflow.models import Task
from viewflow.workflow.signals import flow_finished, flow_started
from viewflow.workflow.status import STATUS

from accounts import signals as account_signals
from accounts.models import User

from . import context
from .actions import Action
from .agency import agency_of
from .services import audit_record

USERNAME_MAX = 150


@receiver(user_logged_in, dispatch_uid="audit_login")
def on_login(sender, request, user, **kwargs):
    audit_record(actor=user, action=Action.LOGIN, obj=user)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None and user.is_authenticated:
        audit_record(actor=user, action=Action.LOGOUT, obj=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    """Only the login name that was tried is kept: never the password, masked or not."""
    username = str(credentials.get("username") or "")[:USERNAME_MAX]
    person = User.objects.filter(username=username).select_related("unit__agency").first() if username else None
    audit_record(actor=None, action=Action.LOGIN_FAILED, obj=person, changes={"username": username})


def _role_changes(assignment) -> dict:
    return {
        "user": assignment.user.username,
        "role": assignment.role,
        "scope": str(assignment.scope_object or ""),
        "council_position": assignment.council_position,
    }


@receiver(account_signals.role_granted, dispatch_uid="audit_role_granted")
def on_role_granted(sender, assignment, actor, **kwargs):
    audit_record(actor=actor, action=Action.ROLE_GRANTED, obj=assignment, changes=_role_changes(assignment))


@receiver(account_signals.role_revoked, dispatch_uid="audit_role_revoked")
def on_role_revoked(sender, assignment, actor, reason="", **kwargs):
    audit_record(actor=actor, action=Action.ROLE_REVOKED, obj=assignment, reason=reason,
                 changes=_role_changes(assignment))


@receiver(account_signals.api_client_changed, dispatch_uid="audit_api_client_changed")
def on_api_client_changed(sender, client, actor, changes, **kwargs):
    audit_record(actor=actor, action=Action.API_CLIENT_CHANGED, obj=client, agency=client.user.agency,
                 changes=changes)


@receiver(account_signals.api_token_issued, dispatch_uid="audit_api_token_issued")
def on_api_token_issued(sender, client, actor, **kwargs):
    """The prefix only: the token itself is never written anywhere but the one page that shows it."""
    audit_record(actor=actor, action=Action.API_TOKEN_ISSUED, obj=client, agency=client.user.agency,
                 changes={"token_prefix": client.token_prefix})


def _permission_event(action: str, row: UserObjectPermission) -> None:
    """A guardian object permission came or went: the scope a person holds, as the checks see it."""
    target = row.content_object
    audit_record(
        actor=context.current().user,
        action=action,
        obj=row.user,
        agency=agency_of(target) or row.user.agency,
        changes={"permission": row.permission.codename, "scope": str(target or row.object_pk)},
    )


@receiver(post_save, sender=UserObjectPermission, dispatch_uid="audit_permission_granted")
def on_permission_granted(sender, instance, created, **kwargs):
    if created:
        _permission_event(Action.PERMISSION_GRANTED, instance)


@receiver(post_delete, sender=UserObjectPermission, dispatch_uid="audit_permission_revoked")
def on_permission_revoked(sender, instance, **kwargs):
    _permission_event(Action.PERMISSION_REVOKED, instance)


def _flow_actor(task):
    return context.current().user or (task.owner if task is not None else None)


@receiver(flow_started, dispatch_uid="audit_flow_started")
def on_flow_started(sender, process, task=None, **kwargs):
    audit_record(actor=_flow_actor(task), action=Action.FLOW_STARTED, obj=process,
                 changes={"flow": process.flow_class.__name__ if process.flow_class else ""})


@receiver(flow_finished, dispatch_uid="audit_flow_finished")
def on_flow_finished(sender, process, task=None, **kwargs):
    audit_record(actor=_flow_actor(task), action=Action.FLOW_FINISHED, obj=process,
                 changes={"flow": process.flow_class.__name__ if process.flow_class else ""})


@receiver(post_init, sender=Task, dispatch_uid="audit_task_snapshot")
def remember_task_state(sender, instance, **kwargs):
    instance._audit_state = (instance.status, instance.owner_id)


_CANCELLABLE = (STATUS.NEW, STATUS.ASSIGNED, STATUS.ERROR, STATUS.STARTED, STATUS.SCHEDULED)
# (status before, status after) → action; owner changes within ASSIGNED are reassignments.
_TRANSITIONS = {
    (STATUS.NEW, STATUS.ASSIGNED): Action.TASK_ASSIGNED,
    (STATUS.ASSIGNED, STATUS.NEW): Action.TASK_UNASSIGNED,
    (STATUS.DONE, STATUS.CANCELED): Action.TASK_UNDONE,
    **{(status, STATUS.CANCELED): Action.TASK_CANCELLED for status in _CANCELLABLE},
    **{(status, STATUS.REVIVED): Action.TASK_REVIVED for status in (STATUS.CANCELED, STATUS.ERROR)},
}


def _task_action(before: tuple, after: tuple) -> str | None:
    (old_status, old_owner), (new_status, new_owner) = before, after
    if old_status == new_status == STATUS.ASSIGNED and old_owner != new_owner:
        return Action.TASK_REASSIGNED
    return _TRANSITIONS.get((old_status, new_status))


@receiver(post_save, sender=Task, dispatch_uid="audit_task_transitions")
def on_task_saved(sender, instance, created, **kwargs):
    """Assign, reassign, unassign, undo, cancel and revive, read from the status the task saves.

    viewflow 2.4 sends no signal for these; every path (HTTP views, the activation API, the
    admin) ends in ``task.save()``, so the saved status is the reliable witness.
    """
    after = (instance.status, instance.owner_id)
    before = getattr(instance, "_audit_state", (None, None))
    instance._audit_state = after
    if created:
        return
    action = _task_action(before, after)
    if action is None:
        return
    process = instance.process
    actor = context.current().user or instance.owner
    audit_record(
        actor=actor,
        action=action,
        obj=process,
        changes={
            "task": instance.pk,
            "node": instance.flow_task.name if instance.flow_task else "",
            "status": [before[0], after[0]],
            "owner": [before[1], after[1]],
        },
    )
