"""Nodes viewflow 2.4 lacks.

``View`` is viewflow's human task that may also declare its due date and escalation
(``.Deadline``, ``workflow.deadlines.nodes``) and the e-mail that announces it (``.Announce``).

``DynamicSplit`` opens one parallel task per item of a list computed when the split is
reached: one ballot per voting council member, one report section per unit. viewflow
documents ``Split.Next(data_source=...)`` but its 2.4 implementation raises TypeError; this
keeps the data source and hands each task its item in ``task.data``. The stock ``Join``
waits for all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.module_loading import import_string
from guardian.shortcuts import get_users_with_perms
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.nodes.split import SplitActivation

from accounts.models import User
from workflow.deadlines.nodes import DeadlineMixin
from workflow.notifications.nodes import AnnounceMixin
from workflow.task_actions import NamedAssignTaskView, NamedUnassignTaskView


def lazy_view(path: str) -> Callable:
    """A task view named by its dotted path and imported at its first request.

    A flow names its task screens; the screens call the domain's orchestration, which starts and
    moves flows. Naming the view by path keeps the import graph one-way (views → processes → flows)
    the way Django's URLconfs name views by path.
    """
    module, name = path.rsplit(".", 1)

    def view(request, **kwargs):
        return import_string(path)(request, **kwargs)

    view.__module__, view.__name__, view.__qualname__ = module, name, name
    view.view_path = path
    return view


def sole_holder(permission: str, obj) -> User | None:
    """The one active person who holds ``permission`` over ``obj`` (a guardian object permission, never a
    model-wide grant, never a superuser), or None when nobody or several do."""
    if not permission or obj is None:
        return None
    codename = permission.split(".", 1)[-1]
    holders = list(get_users_with_perms(obj, only_with_perms_in=[codename], with_superusers=False,
                                        with_group_users=False).filter(is_active=True)[:2])
    return holders[0] if len(holders) == 1 else None


class View(DeadlineMixin, AnnounceMixin, flow.View):
    """viewflow's human task that may declare a due date, an escalation and the mail that announces it; taking
    and giving back the task say which task it is (``workflow.task_actions``).

    ``.SoleHolder()``: a step only one person can take (the chief's approval and signatures) goes to the
    holder of its ``.Permission`` when it is created, instead of waiting in "Việc có thể nhận" to be
    claimed. When several people hold the permission (or nobody), the task waits in their queue as before.
    The task keeps its permission, so when that person has delegated (a deputy acting "KT.") the engine
    hands it on at once (``task_events``), and the secretariat may still reassign it.
    """

    assign_view_class = NamedAssignTaskView
    unassign_view_class = NamedUnassignTaskView
    _sole_holder = False

    def SoleHolder(self) -> View:  # noqa: N802 - viewflow's node API
        self._sole_holder = True
        return self

    def calc_owner(self, activation):
        owner = super().calc_owner(activation)
        if owner is not None or not self._sole_holder:
            return owner
        task = activation.task
        return sole_holder(task.owner_permission, task.owner_permission_obj)


class DynamicSplitActivation(SplitActivation):
    @Activation.status.super()
    def activate(self):
        for node, condition, data_source in self.flow_task._branches:
            if condition and not condition(self):
                continue
            if data_source is None:
                self.next_tasks.append((node, None))
                continue
            for item in data_source(self):
                self.next_tasks.append((node, item))
        if not self.next_tasks:
            raise FlowRuntimeError(f"{self.flow_task.name}: no parallel task to open")


class DynamicSplit(flow.Split):
    activation_class = DynamicSplitActivation

    def Next(  # noqa: N802 - viewflow's node API
        self,
        node: Any,
        case: Callable[[Activation], bool] | None = None,
        data_source: Callable[[Activation], Iterable[dict]] | None = None,
    ) -> DynamicSplit:
        """Open ``node`` once, or once per item of ``data_source(activation)``."""
        self._activate_next.append((node, case, data_source))
        return self
