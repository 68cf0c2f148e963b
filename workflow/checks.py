"""System checks for the engine's invariants (cf. django.contrib.auth.checks)."""

from __future__ import annotations

from django.core import checks
from django.utils.functional import Promise
from viewflow.workflow import flow
from viewflow.workflow.flow import Flow
from viewflow.workflow.lock import SelectForUpdateLock

from accounts.checks import checks_app

from .registry import registered_flows


def _all_flows() -> list[type[Flow]]:
    found, queue = [], list(Flow.__subclasses__())
    while queue:
        cls = queue.pop()
        queue.extend(cls.__subclasses__())
        if cls.process_class is not None:
            found.append(cls)
    return found


@checks.register()
def check_flows_lock(app_configs=None, flows: list[type[Flow]] | None = None, **kwargs):
    """Every flow must lock its process row (viewflow's default is no lock at all)."""
    if flows is None and not checks_app(app_configs, "workflow"):
        return []
    errors = []
    for flow_class in flows if flows is not None else _all_flows():
        name = f"{flow_class.__module__}.{flow_class.__name__}"
        lock_impl = flow_class.lock_impl
        if not isinstance(lock_impl, SelectForUpdateLock):
            errors.append(checks.Error(
                f"{name} does not lock its process row.",
                hint="Set `lock_impl = workflow.locks.process_lock`.", obj=flow_class, id="workflow.E001",
            ))
        elif lock_impl.nowait:
            errors.append(checks.Error(
                f"{name} locks with NOWAIT, which gives up when many people act at once.",
                hint="Set `lock_impl = workflow.locks.process_lock`.", obj=flow_class, id="workflow.E002",
            ))
    return errors


@checks.register()
def check_flow_titles(app_configs=None, flows: list[type[Flow]] | None = None, **kwargs):
    """Every flow people use names itself and each of its steps through gettext: the desk, viewflow's
    lists, the diagrams, the timelines and the e-mails print these titles, and viewflow's default is
    the node's name in English ("Review", "End")."""
    if flows is None and not checks_app(app_configs, "workflow"):
        return []
    errors = []
    for flow_class in flows if flows is not None else registered_flows():
        name = f"{flow_class.__module__}.{flow_class.__name__}"
        if not isinstance(flow_class.process_title, Promise):
            errors.append(checks.Error(
                f"{name}.process_title is not marked for translation.",
                hint='Write `process_title = _("...")` with gettext_lazy.', obj=flow_class, id="workflow.E003",
            ))
        for node in flow_class.instance.nodes():
            if not isinstance(node.task_title, Promise):
                errors.append(checks.Error(
                    f"Step {node.name!r} of {name} has no translated title ({node.task_title!r}).",
                    hint='Give it `.Annotation(title=_("..."))` with gettext_lazy.', obj=flow_class,
                    id="workflow.E004",
                ))
    return errors


@checks.register()
def check_human_steps_deadline_and_escalation(app_configs=None, flows: list[type[Flow]] | None = None, **kwargs):
    """Every human step of a flow people use says when it is due and who hears when it is late
    (``.Deadline(step=..., escalate_to=...)``, ``NOBODY`` for the top of the agency): a step without
    them waits for ever and nobody is told."""
    if flows is None and not checks_app(app_configs, "workflow"):
        return []
    errors = []
    for flow_class in flows if flows is not None else registered_flows():
        name = f"{flow_class.__module__}.{flow_class.__name__}"
        for node in flow_class.instance.nodes():
            if not isinstance(node, flow.View):
                continue
            if not getattr(node, "has_deadline", False):
                errors.append(checks.Error(
                    f"Human step {node.name!r} of {name} declares no deadline.",
                    hint='Add `.Deadline(step="...", escalate_to=...)` (workflow.deadlines.nodes).', obj=flow_class,
                    id="workflow.E005",
                ))
            if getattr(node, "escalation", None) is None:
                errors.append(checks.Error(
                    f"Human step {node.name!r} of {name} does not say who hears when it is late.",
                    hint="Give `.Deadline(..., escalate_to=escalate_to(Role....))`, or `NOBODY` for the top of "
                    "the agency.", obj=flow_class, id="workflow.E006",
                ))
    return errors
