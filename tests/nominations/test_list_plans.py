"""The lists' queries reach a million tasks through indexes (issue 23), checked with PostgreSQL's own plan.

The volume is made cheaply: a process of a real cycle (a dossier opened through the services) is copied with
SQL, twenty thousand times, each with its tasks held by someone else; ANALYZE then gives the planner the true
sizes. The plan of each list's query (EXPLAIN, format json) must read the big tables by an index, never with a
sequential scan. ``bench/pages.py`` times the pages on ten years of a province.
"""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.db.models import Q
from viewflow.workflow.models import Process, Task

from accounts.models import User
from workflow.delegation.models import TaskDelegation
from workflow.selectors import open_tasks_for, visible_process_pks, visible_processes

from .helpers import open_cycle, open_dossier

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

COPIES = 20_000
BIG = {"viewflow_task", "viewflow_process"}


def _copy(table: str, where: str, copies: int, overrides: dict[str, str]) -> None:
    """``copies`` copies of the rows of ``table`` matching ``where`` (new keys), some columns rewritten."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> "
                       "'id' ORDER BY ordinal_position", [table])
        columns = [name for (name,) in cursor.fetchall()]
        values = [overrides.get(name, f'"{name}"') for name in columns]
        cursor.execute(f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) '  # noqa: S608 - names from the catalogue
                       f'SELECT {", ".join(values)} FROM "{table}" CROSS JOIN generate_series(1, %s) n WHERE {where}',
                       [copies])


@pytest.fixture
def province_of_tasks(db):
    """Two real dossiers (processes and tasks of the Office's unit heads), then COPIES processes each with a task
    held by someone else (done), as years of other agencies leave them."""
    cycle = open_cycle()
    open_dossier(cycle, "KT")
    open_dossier(cycle, "TH")
    other = User.objects.get(username="sonoivu")
    first = Process.objects.order_by("pk").first()
    with connection.cursor() as cursor:
        _copy("viewflow_process", f"id = {first.pk}", COPIES, {})
        cursor.execute(
            "INSERT INTO viewflow_task (flow_task, flow_task_type, status, created, finished, token, owner_id, "
            "process_id, data) SELECT t.flow_task, t.flow_task_type, 'DONE', t.created, t.created, t.token, %s, p.id, "
            "t.data FROM viewflow_process p JOIN viewflow_task t ON t.process_id = %s WHERE p.id > %s",
            [other.pk, first.pk, first.pk])
        cursor.execute("ANALYZE viewflow_task; ANALYZE viewflow_process; ANALYZE workflow_taskdelegation")
    assert Task.objects.count() > COPIES


def _scans(queryset) -> list[tuple[str, str]]:
    """(node type, table) of every scan in the query's plan."""
    plan = json.loads(queryset.explain(format="json"))[0]["Plan"]
    found, todo = [], [plan]
    while todo:
        node = todo.pop()
        if "Relation Name" in node:
            found.append((node["Node Type"], node["Relation Name"]))
        todo.extend(node.get("Plans", []))
    return found


def _no_seq_scan_on_big_tables(queryset) -> list[tuple[str, str]]:
    scans = _scans(queryset)
    assert not [s for s in scans if s[0] == "Seq Scan" and s[1] in BIG], scans
    return scans


def test_a_persons_open_tasks_are_read_by_an_index(province_of_tasks):
    # given a unit head among twenty thousand tasks of others
    head = User.objects.get(username="truongphong.kt")

    # then their open tasks (inbox, desk) are found by an index, not by reading every task
    scans = _no_seq_scan_on_big_tables(open_tasks_for(head))
    assert any(table == "viewflow_task" for _kind, table in scans)


def test_the_processes_a_person_took_part_in_are_read_by_indexes(province_of_tasks):
    # given a unit head among twenty thousand processes of others, who handed a task over once
    head = User.objects.get(username="truongphong.kt")

    # then each way the flows' lists find the processes they may open is read by an index
    for query in (Task.objects.filter(owner=head).values_list("process_id", flat=True).distinct(),
                  TaskDelegation.objects.filter(Q(from_user=head) | Q(to_user=head)).values_list("task__process_id")):
        _no_seq_scan_on_big_tables(query)
    # and they are the processes of the one filter that says who sees what
    every = Process.objects.filter(visible_processes(head)).values_list("pk", flat=True)
    assert visible_process_pks(head) == set(every)
    assert len(visible_process_pks(head)) == 1
