"""One place that names a task by what it carries: "Thường trực kiểm tra hồ sơ: Phòng Kinh tế — Xét khen
thưởng năm 2026", never "Hồ sơ đề nghị khen thưởng #1".

The step says what to do (its node's title); the process says on what, through the namers the domain
registers (``workflow.registry.register_process_namer``), so the engine stays domain-free. The desk, the
inbox, the e-mails about a task and the task pages all read it from here.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from viewflow.workflow.models import Process, Task

from .registry import process_names


def _fallback(process: Process) -> str:
    flow_class = process.flow_class
    return str(flow_class.process_title) if flow_class is not None else _("Quy trình")


def name_tasks(tasks: Iterable[Task]) -> list[Task]:
    """Set ``task.name`` (step and content) and ``task.process_name`` (content) on each task, in a fixed
    number of queries whatever their number; the tasks are returned as a list."""
    tasks = list(tasks)
    processes = {task.process_id: task.process for task in tasks if task.process_id}
    names = process_names(list(processes.values()))
    for task in tasks:
        process = processes.get(task.process_id)
        content = names.get(task.process_id)
        task.process_name = content or (_fallback(process) if process is not None else "")
        # A process no namer knows is named by its step alone (its flow's title says nothing it carries).
        task.name = _("%(step)s: %(content)s") % {"step": task.title, "content": content} if content else task.title
    return tasks


def task_name(task: Task) -> str:
    """The name of one task (for an e-mail or a task page)."""
    return name_tasks([task])[0].name


def process_name(process: Process) -> str:
    """What one process carries, named ("Phòng Kinh tế — Xét khen thưởng năm 2026")."""
    return process_names([process]).get(process.pk) or _fallback(process)
