"""Reads of the engine that depend on who asks: a person's tasks, the processes they may see."""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from accounts.models import Agency
from accounts.roles import PERM_SECRETARIAT
from accounts.scope import object_permission_rows, objects_with_perms, remembered

from .delegation.models import TaskDelegation
from .processes import can_view_process, visible_process_ids, visible_processes_of_kind
from .registry import registered_flows


def open_tasks_for(user) -> QuerySet[Task]:
    """Tasks assigned to the person and not yet done, oldest first."""
    if not user.is_authenticated:
        return Task.objects.none()
    return (
        Task.objects.filter(owner=user, status=STATUS.ASSIGNED)
        .select_related("process")
        .order_by("created", "pk")
    )


def _object_permissions(user) -> dict[str, list[str]]:
    """"app.codename" → the object pks on which the person holds it (their own or their groups' guardian rows),
    read once for the user object (``accounts.scope.object_permission_rows``: one query, kept for the request).

    Also fills ``_viewflow_per_object_perm_cache``, the set viewflow's own ``user_queue`` reads first
    ("app.codename_objectpk"), so its pages that still build the queue do not read the rows again.
    """
    cached = getattr(user, "_queue_object_permissions", None)
    if cached is None:
        rows = object_permission_rows(user)
        cached = {}
        for app, _model, codename, pk in rows:
            cached.setdefault(f"{app}.{codename}", []).append(pk)
        user._queue_object_permissions = cached
        if not hasattr(user, "_viewflow_per_object_perm_cache"):
            user._viewflow_per_object_perm_cache = {f"{app}.{codename}_{pk}" for app, _model, codename, pk in rows}
    return cached


def queue_filter(user) -> Q:
    """viewflow's ``user_queue`` condition on a task (``Task.objects.user_queue``), built flat: a HUMAN task nobody
    needs a permission for, the person's own, one whose permission they hold globally, or on its object.

    viewflow builds the last as ``Concat(owner_permission, "_", owner_permission_obj_pk) IN (every
    "app.codename_pk" the person holds)``, an annotation Django resolves anew on every request (about 5 ms of
    Python, on every page: the menu's count) and no index can serve. Here it is one ``owner_permission = perm AND
    owner_permission_obj_pk IN (pks)`` per permission the person holds on objects: the same tasks, since an
    object's key never contains "_" (integer primary keys), so "perm_pk" splits one way only.
    (tests/workflow/test_queue.py compares both for every role of a world with a task of each kind.)
    """
    condition = Q(flow_task_type="HUMAN")
    if user.is_superuser:
        return condition
    allowed = Q(owner_permission__isnull=True) | Q(owner=user)
    global_perms = user.get_all_permissions()
    if global_perms:
        allowed |= Q(owner_permission__in=sorted(global_perms))
    for perm, pks in sorted(_object_permissions(user).items()):
        allowed |= Q(owner_permission=perm, owner_permission_obj_pk__in=sorted(pks))
    return condition & allowed


def queued_tasks_for(user) -> QuerySet[Task]:
    """Tasks waiting for someone with the person's permissions to take them.

    Each task's own permission over its object (the secretariat of this agency, the chief, Sở Nội
    vụ of this province) decides. viewflow's ``Task.objects.queue`` would first drop every flow the
    person may not "view" as a whole, a model-level permission nobody holds here (design §1), so
    the council's minutes, the chief's approval and Home Affairs' review never reached a desk.
    The condition is viewflow's ``user_queue`` (``queue_filter``).
    """
    flows = registered_flows()
    if not user.is_authenticated or not flows:
        return Task.objects.none()
    return (Task.objects.coerce_for(flows).filter(queue_filter(user), status=STATUS.NEW)
            .select_related("process").order_by("created", "pk"))


def took_part_in(user) -> QuerySet:
    """Ids of the processes the person held, or was handed or handed over, a task of."""
    return Task.objects.filter(
        Q(owner=user) | Q(handovers__from_user=user) | Q(handovers__to_user=user)
    ).values("process_id")


def visible_processes(user) -> Q:
    """A filter on ``Process``: what the person took part in, and what the process kinds let them see
    (``workflow.processes``).
    (``get_process_for_user`` also opens a process to someone who may take one of its open tasks;
    those reach them through their queue.)"""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    return Q(pk__in=took_part_in(user)) | Q(pk__in=visible_process_ids(user))


def visible_process_pks(user, flow_class=None) -> set[int]:
    """The ids ``visible_processes`` selects, read the way a list needs them: the tasks the person held, the
    handovers from or to them, and each kind's visible objects, each by its own index. The ``Q`` ORs those
    subqueries, which PostgreSQL answers by testing every process (and every task, through the handovers'
    join): half a second at a million tasks.

    With ``flow_class``, only that flow's processes (a flow's own lists): its tasks are told by their node, on
    the task row itself, and only its kind's objects are read; Sở Nội vụ holds tasks of some 20,000 processes
    of a province's ten years, of which one flow's lists need a third."""
    if not user.is_authenticated or not user.is_active:
        return set()
    nodes = list(flow_class.instance.nodes()) if flow_class is not None else None
    of_flow, handed = (Q(flow_task__in=nodes), Q(task__flow_task__in=nodes)) if nodes is not None else (Q(), Q())
    ids = set(Task.objects.filter(of_flow, owner=user).values_list("process_id", flat=True).distinct())
    ids.update(TaskDelegation.objects.filter(Q(from_user=user) | Q(to_user=user), handed)
               .values_list("task__process_id", flat=True))
    ids.update(visible_process_ids(user, model=getattr(flow_class, "process_class", None)))
    return ids


# Up to this many visible processes of a flow, a list reads them first (a semi-join from the set); beyond it, the list
# walks its own order and tests each row against the set (hashed subplans). PostgreSQL cannot estimate a set given
# as a subquery (it guesses 200 rows), so it is told which plan to take by the form of the filter.
FEW_PROCESSES = 1000


def _visible_in_flow_parts(user, flow_class) -> list[QuerySet]:
    """The person's tasks of the flow's nodes, the handovers from or to them of those tasks, and the flow's kind's
    visible objects: process keys, one query each (their union is ``visible_process_pks(user, flow_class)``)."""
    nodes = list(flow_class.instance.nodes())
    parts = [Task.objects.filter(owner=user, flow_task__in=nodes).order_by().values("process_id"),
             TaskDelegation.objects.filter(Q(from_user=user) | Q(to_user=user), task__flow_task__in=nodes)
             .order_by().values("task__process_id")]
    of_kind = visible_processes_of_kind(user, getattr(flow_class, "process_class", None))
    return [*parts, of_kind] if of_kind is not None else parts


def _sees_many(user, flow_class, parts: list[QuerySet]) -> bool:
    """Whether the person may see more than ``FEW_PROCESSES`` processes of the flow (one bounded count, kept in
    the request's memo)."""
    union = parts[0].union(*parts[1:])
    return remembered(("sees_many", user.pk, flow_class, FEW_PROCESSES),
                      lambda: union[: FEW_PROCESSES + 1].count() > FEW_PROCESSES)


def visible_in_flow(user, flow_class, field: str = "pk") -> Q:
    """``visible_process_pks(user, flow_class)`` as a filter on ``field`` (a process key: ``"pk"`` on processes,
    ``"process_id"`` on tasks) that PostgreSQL answers inside the list's own query, never read into Python.

    Sở Nội vụ may see 6,560 processes of a flow at ten years of a province: read into Python, each list query
    carried them as 6,560 parameters (planned anew each time, 4-7 queries a board, 0.5-1.3 s a page). Inside the
    query its form decides the plan: for a few processes, ``IN (a UNION ALL b UNION ALL c)`` (a semi-join: the
    set is read, then its rows); for many, ``IN a OR IN b OR IN c`` (each a hashed subplan: the list walks its
    order and stops at the page, where a semi-join from the set read all 118,080 tasks of Sở Nội vụ's processes
    for a page of 25)."""
    if not user.is_authenticated or not user.is_active:
        return Q(**{f"{field}__in": []})
    if connection.vendor == "sqlite":
        # SQLite's parser has a fixed stack ("parser stack overflow"): the domain's visible set nested once more
        # inside a list's query overflows it. SQLite is the single-machine default (``make run``), never a
        # province's data, so it keeps the keys read once into Python.
        pks = remembered(("visible_pks", user.pk, flow_class),
                         lambda: sorted(visible_process_pks(user, flow_class)))
        return Q(**{f"{field}__in": pks})
    parts = _visible_in_flow_parts(user, flow_class)
    if not _sees_many(user, flow_class, parts):
        return Q(**{f"{field}__in": parts[0].union(*parts[1:], all=True)})
    visible = Q()
    for part in parts:
        visible |= Q(**{f"{field}__in": part})
    return visible


def visible_flow_processes(user, flow_class) -> QuerySet:
    """The keys of the flow's processes ``visible_in_flow`` selects, as a subquery (``process_id__in=``): the
    board's, whose columns and finished row PostgreSQL then reads from a hash of those processes (with
    ``visible_in_flow`` on the tasks themselves it walked every finished task: 0.5 s for Sở Nội vụ)."""
    return Process.objects.filter(visible_in_flow(user, flow_class), flow_class=flow_class).order_by().values("pk")


def get_process_for_user(user, pk: int) -> Process:
    """A process the person took part in (held or handed over a task of it), may take an open task
    of (viewflow's own ``can_assign``), or that the domain lets them see; 404 alike for missing and
    forbidden."""
    if not user.is_authenticated:
        raise Http404
    process = Process.objects.filter(pk=pk).first()
    if process is None:
        raise Http404
    took_part = took_part_in(user).filter(process=process).exists()
    if took_part or can_view_process(user, process):
        return process
    # viewflow's ``can_assign`` refuses a task someone holds, and grants one asking no permission or a permission
    # held globally; otherwise it needs the permission on the task's object, which asks the process for it (a
    # query) and guardian (two more), per task. Whoever holds that permission on no object at all is refused
    # without asking: the same answer, without the queries.
    held = _object_permissions(user)
    for task in process.task_set.filter(status=STATUS.NEW, owner__isnull=True).exclude(flow_task_type="FUNCTION"):
        perm = task.owner_permission
        if perm and perm not in held and not user.has_perm(perm) and not user.is_superuser:
            continue
        can_assign = getattr(task.flow_task, "can_assign", None)
        if can_assign is not None and can_assign(user, task):
            return process
    raise Http404


def managed_open_tasks_for(user) -> QuerySet[Task]:
    """Open tasks held by people of the agencies where the person is the secretariat (to reassign)."""
    if not user.is_authenticated or not user.is_active:
        return Task.objects.none()
    agencies = objects_with_perms(user, [PERM_SECRETARIAT], Agency).values("pk")
    return (
        Task.objects.filter(status=STATUS.ASSIGNED, owner__unit__agency__in=agencies, flow_task_type="HUMAN")
        .select_related("process", "owner")
        .order_by("created", "pk")
    )


def actionable_tasks(tasks, user, namespace: str) -> list[dict]:
    """Of ``tasks`` (one flow's open tasks), those the person does (their own) or may take (queued,
    viewflow's ``can_assign``), each with the URL of that action under the flow's URL ``namespace``."""

    found = []
    for task in tasks:
        name = f"{namespace}:{task.flow_task.name}"
        if task.owner_id == user.pk:
            action = "execute"
        elif task.owner_id is None and task.flow_task.can_assign(user, task):
            action = "assign"
        else:
            continue
        found.append({"task": task, "url": reverse(f"{name}:{action}", args=[task.process_id, task.pk]),
                      "action": action})
    return found
