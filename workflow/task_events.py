"""What the engine does when viewflow creates a task, in a fixed order.

viewflow sends ``task_started`` only when a person starts a human task, so the creation of a
task is seen here, on the row's first save: its due date first, then a hand-over to a delegate,
then the e-mail to whoever holds it (the delegate, if any). The e-mail leaves after commit.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver
from viewflow.workflow.models import Task

from workflow.deadlines.services import task_deadline_create
from workflow.delegation.services import task_delegate_on_create
from workflow.notifications import events


@receiver(post_save, sender=Task, dispatch_uid="workflow.task_created")
def task_created(sender, instance: Task, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw or instance.flow_task is None:
        return

    task_deadline_create(task=instance)
    if task_delegate_on_create(instance) is None:
        events.task_created(instance)
