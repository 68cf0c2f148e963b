"""The events the engine itself knows: new work in my queue, work handed to me, deadlines."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.urls import NoReverseMatch, get_resolver, get_urlconf
from guardian.shortcuts import get_users_with_perms
from viewflow.workflow.models import Task

from accounts.models import User
from workflow.naming import task_name

from .services import notify


def task_url(task: Task) -> str:
    """The task's page, or the desk when the flow has no URLs in this site.

    viewflow names a node's URLs only once the URLconf has been imported (it sets each
    viewset's parent then); a Celery worker or a command may not have imported it yet.
    """
    get_resolver(get_urlconf()).url_patterns  # noqa: B018 - imports the URLconf
    try:
        return task.reverse("index")
    except (NoReverseMatch, AttributeError):
        return "/"


def task_context(task: Task, **extra) -> dict:
    try:
        due_date = task.deadline.due_date
    except ObjectDoesNotExist:
        due_date = None
    return {
        "task_title": task_name(task),  # by what it carries (workflow.naming), never by id
        "process_title": str(task.process.coerced) if task.process_id else "",
        "due_date": due_date,
        "path": task_url(task),
        **extra,
    }


def queue_people(task: Task) -> list[User]:
    """Who may take an unassigned task: holders of its permission on its object (never model-wide)."""
    if not task.owner_permission or task.owner_permission_obj is None:
        return []
    codename = task.owner_permission.split(".", 1)[-1]
    return list(
        get_users_with_perms(
            task.owner_permission_obj, only_with_perms_in=[codename], with_superusers=False,
            with_group_users=False,
        ).select_related("unit")
    )


def task_created(task: Task) -> None:
    """A human task was created: tell its owner, or everyone who may take it from the queue.

    Once: the node's own announcement (``nodes.AnnounceMixin``, e.g. the council's "vote opened")
    when it declares one for this task, else the generic "new task" mail.
    """
    if task.flow_task is None or task.flow_task.task_type != "HUMAN":
        return
    recipients = [task.owner] if task.owner_id else queue_people(task)
    announce = getattr(task.flow_task, "announcement_for", None)
    announcement = announce(task) if announce is not None else None
    if announcement is not None:
        event, extra = announcement
        notify(event=event, recipients=recipients, context=task_context(task, **extra), task=task)
    elif task.owner_id:
        notify(event="task_assigned", recipients=recipients, context=task_context(task), task=task)
    else:
        notify(event="task_queued", recipients=recipients, context=task_context(task), task=task)


def task_delegated(task: Task, *, delegate: User, delegator: User) -> None:
    notify(event="task_delegated", recipients=[delegate], task=task,
           context=task_context(task, delegator=delegator))
