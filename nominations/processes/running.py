"""Completing a human task from code, the way the task view does over HTTP.

``simulate_cycle`` and the secretariat's written-vote screen use it: the process is locked,
the task assigned (if it waits in a queue, only to someone allowed to take it), the service
runs and the task completes, all in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS


def task_run(*, task: Task, actor, action: Callable[[], Any], on_behalf: bool = False) -> Any:
    """Run ``action`` as ``actor``'s step on ``task`` and complete the task.

    ``on_behalf``: the secretariat enters what an absent member gave in writing; the task stays
    the member's, the service has already checked the secretariat's right.
    """
    with task.activation() as activation:
        if activation.task.status == STATUS.NEW:
            if not activation.flow_task.can_assign(actor, activation.task):
                raise PermissionDenied(_("Bạn không được nhận việc này."))
            activation.assign(actor)
        if activation.task.status != STATUS.ASSIGNED:
            raise PermissionDenied(_("Việc này đã được xử lý."))
        if not on_behalf and not activation.flow_task.can_execute(actor, activation.task):
            raise PermissionDenied(_("Việc này không phải của bạn."))
        activation.start(None)
        result = action()
        activation.execute()
        return result
