"""Every service that changes domain data writes its audit event (issue 24): the simulated year runs
with each public transactional service of ``nominations`` (and the engine's) wrapped. Each write and
each audit event counts for the innermost service call running it, so a service called by another is
judged on its own and a caller is not covered by its callee's event: a call that wrote rows of the
domain itself but appended no event to the audit log is named, with the tables it wrote. Only the
parts listed in ``PARTS`` may be silent, and only inside the service whose event covers them."""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
import sys
from dataclasses import dataclass, field

import pytest
from django.db import connection, transaction

from nominations.simulation import simulate

pytestmark = pytest.mark.django_db

SERVICE_PACKAGES = ["nominations.services", "nominations.processes"]
ENGINE_SERVICES = ["workflow.documents.services", "workflow.signing.services", "workflow.deadlines.services",
                   "workflow.delegation.services", "workflow.jobs.services"]
AUDIT_TABLES = {"workflow_auditevent", "workflow_auditchainhead"}
# Not domain data: the row-level history of each model (simple-history's), the sign-in sessions, the
# outbox of e-mails (an effect of the action, not the action) and the log itself.
IGNORED = re.compile(r"^(.*historical.*|django_session|workflow_notification|workflow_audit.*)$")
# Services that are not business actions of their own, and why.
NOT_ACTIONS = {
    # Runs for each new task from the post_save of viewflow's Task (workflow.task_events): the due date is
    # part of the step that created the task, and that step is the action with its event.
    "workflow.deadlines.services.task_deadline_create",
}
# Services that are one part of another service's action, whose event covers them, and why. Called as an
# action of their own (outermost), they are judged like any other.
PARTS = {
    # processes.dossier.dossier_open creates the dossier, then starts its flow: the event is flow.started.
    "nominations.services.dossiers.dossier_create",
    # processes.dossier.dossiers_release (within the chief's approval) ends the dossier's flow: flow.finished.
    "nominations.services.dossiers.dossier_release",
    # The eligibility engine's verdicts, stored as derived data by line_add, line_update, line_remove and
    # dossier_submit, each with its own event.
    "nominations.services.dossiers.lines_check",
}
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE)


def _is_atomic(fn) -> bool:
    """``@transaction.atomic`` leaves a wrapper whose closure holds the ``Atomic`` it enters."""
    return callable(fn) and any(isinstance(getattr(c, "cell_contents", None), transaction.Atomic)
                                for c in getattr(fn, "__closure__", None) or ())


def services() -> dict[object, str]:
    """Each public transactional service, by the function object, named module.function."""
    modules = [importlib.import_module(name) for name in ENGINE_SERVICES]
    for package in SERVICE_PACKAGES:
        root = importlib.import_module(package)
        modules += [importlib.import_module(f"{package}.{info.name}") for info in pkgutil.iter_modules(root.__path__)]
    found = {}
    for module in modules:
        for name, fn in vars(module).items():
            qualified = f"{module.__name__}.{name}"
            if (not name.startswith("_") and getattr(fn, "__module__", None) == module.__name__ and _is_atomic(fn)
                    and qualified not in NOT_ACTIONS):
                found[fn] = qualified
    return found


@dataclass
class Call:
    service: str
    tables: set[str] = field(default_factory=set)
    events: int = 0
    nested: bool = False  # called by another service
    raised: bool = False  # its transaction rolled back: nothing it wrote stays


@dataclass
class Recorder:
    """Counts, for each service call, its own writes to domain tables and its own audit events (those of
    a service it calls count for that one)."""

    calls: list[Call] = field(default_factory=list)
    stack: list[Call] = field(default_factory=list)

    def wrap(self, fn, name: str):
        @functools.wraps(fn)
        def recorded(*args, **kwargs):
            call = Call(service=name, nested=bool(self.stack))
            self.stack.append(call)
            try:
                return fn(*args, **kwargs)
            except BaseException:
                call.raised = True
                raise
            finally:
                self.stack.pop()
                self.calls.append(call)

        return recorded

    def __call__(self, execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match and self.stack:
            table = match.group(1).lower()
            if table == "workflow_auditevent" and sql.lstrip().upper().startswith("INSERT"):
                self.stack[-1].events += 1
            elif not IGNORED.match(table):
                self.stack[-1].tables.add(table)
        return execute(sql, params, many, context)

    def silent(self) -> dict[str, set[str]]:
        """Each service that, as a business action of its own, wrote domain rows without an event."""
        found: dict[str, set[str]] = {}
        for call in self.calls:
            if call.tables and not call.events and not call.raised and not (call.nested and call.service in PARTS):
                found.setdefault(call.service, set()).update(call.tables)
        return found


@pytest.fixture
def recorder(monkeypatch):
    """Every name bound to a service in a loaded module of the project (the simulation's own imports
    included) is replaced by its recording wrapper, so a call is seen however it is reached."""
    recorder = Recorder()
    wrapped = {fn: recorder.wrap(fn, name) for fn, name in services().items()}
    for module_name, module in list(sys.modules.items()):
        if module is None or not module_name.startswith(("nominations", "workflow", "accounts")):
            continue
        for attribute, value in list(vars(module).items()):
            try:
                replacement = wrapped.get(value)
            except TypeError:  # an unhashable module attribute is no service
                continue
            if replacement is not None:
                monkeypatch.setattr(module, attribute, replacement)
    with connection.execute_wrapper(recorder):
        yield recorder


def test_every_business_action_of_the_simulated_year_writes_its_audit_event(
        recorder, fast_pdfs, django_capture_on_commit_callbacks):
    # Given every service recorded, when a whole year runs (pledges, dossiers, council, decisions,
    # Home Affairs, the annual report) with the work after each commit done as well
    with django_capture_on_commit_callbacks(execute=True):
        summary = simulate(year=2025, units=3, staff_per_unit=5, seed=1)
    assert summary["unfinished_processes"] == 0

    # Then the year exercised the services, and none of them changed the domain silently
    called = {call.service for call in recorder.calls}
    assert len(called) > 30 and "nominations.services.council.session_create" in called
    silent = recorder.silent()
    assert not silent, "Services that wrote domain rows without an audit event:\n" + "\n".join(
        f"  {service}: {', '.join(sorted(tables))}" for service, tables in sorted(silent.items()))
