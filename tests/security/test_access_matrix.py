"""The access-control matrix (issue 8, design §5): every URL pattern × every role × A / B / other / missing.

One dataset (``dataset.build``) serves the whole module; each role's sweep asks every URL of the
table with GET, then POST (each POST in a savepoint rolled back), and compares with
``matrix.TABLE``. The GET sweep also proves that no GET changes a row (row counts of every table
and the audit log before and after), and a client enforcing CSRF proves every POST is refused
without the token. A new URL pattern the table does not mention fails
``test_every_url_pattern_is_in_the_table``.
"""

from __future__ import annotations

import fnmatch
import re
import time
from unittest import mock

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client

from accounts import services as account_services
from accounts.models import ApiClient, User
from workflow.audit import Action
from workflow.audit.models import AuditEvent
from workflow.documents import rendering

from . import matrix
from .dataset import MISSING, PDF, USERS, build
from .sweep import KEYS, all_patterns, ask, keys_for, url_for

pytestmark = pytest.mark.django_db

# Tables that a GET may write by design: the session (SESSION_SAVE_EVERY_REQUEST renews the idle timeout).
GET_MAY_WRITE = {"django_session"}
# GETs that write one audit event by design, (role, URL name) -> the action: an auditor's export of the log is
# itself audited (README "Audit log and the auditor's workspace"; workflow.auditor_views.AuditExportView). The
# sweep checks that each such GET answered "ok" wrote exactly that event by that person, and nothing else.
GET_AUDITED = {("auditor", "audit:export"): Action.AUDIT_EXPORTED}


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with mock.patch.object(rendering, "html_to_pdf", _no_render):  # the Tờ trình are issued
                built = build()
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _no_render(html: str) -> rendering.RenderResult:
    return rendering.RenderResult(pdf=PDF)


@pytest.fixture(autouse=True)
def _no_pdf_rendering(monkeypatch):
    """The matrix is about who gets a page, not how a PDF looks: skip WeasyPrint (seconds per page)."""
    monkeypatch.setattr(rendering, "html_to_pdf", _no_render)


def signed_in(role: str, **kwargs) -> Client:
    client = Client(**kwargs)
    if role != "anonymous":
        client.force_login(User.objects.get(username=USERS[role]))
    return client


def api_client(role: str) -> Client:
    """The role's person as an API client: a token issued to a client whose service account is that person."""
    if role == "anonymous":
        return Client()
    user = User.objects.get(username=USERS[role])
    client = ApiClient.objects.filter(user=user).first() or account_services.api_client_create(
        actor=None, name=f"Ma trận {role}", user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {account_services.api_token_issue(actor=None, client=client)}")


def _by_token(name: str) -> bool:
    return fnmatch.fnmatchcase(name, matrix.TOKEN_ROUTES) and name not in matrix.TOKEN_PAGES


def row_counts() -> dict[str, int]:
    tables = sorted({model._meta.db_table for model in apps.get_models()} - GET_MAY_WRITE)
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608  # nosec B608 - our own table names
            counts[table] = cursor.fetchone()[0]
    return counts


def test_every_url_pattern_is_in_the_table():
    unknown = [f"{p.name}  ({p.route})" for p in all_patterns() if matrix.lookup(p.name) is None]

    assert not unknown, (
        "URL patterns the access matrix does not mention; add one line per pattern (or a glob) to TABLE in "
        "tests/security/matrix.py, e.g.  \"app:name\": row(get=only(\"secretariat\")),  — see its docstring:\n  "
        + "\n  ".join(unknown)
    )


def _sweep(client: Client, role: str, method: str, dataset, *, audited: list[str] | None = None,
           api: Client | None = None) -> list[str]:
    """The cells that differ from the table; each GET of ``GET_AUDITED`` that answered "ok" is put in ``audited``
    (the audit action it must have written). ``api`` asks the API's token routes."""
    wrong = []
    session_client = client
    for pattern in all_patterns():
        entry = matrix.lookup(pattern.name)
        if entry is None or not matrix.asked(role, pattern.name, method):
            continue
        client = api if api is not None and _by_token(pattern.name) else session_client
        answers, by_url = {}, {}
        for key in keys_for(dataset, pattern):
            url = url_for(dataset, pattern, key)
            if url is None:
                continue
            if url in by_url:  # B's object is A's (the agency's session, report, registration): asked once
                answers[key] = (url, by_url[url])
                continue
            answers[key] = (url, by_url.setdefault(url, ask(client, method, url)))
            if audited is not None and answers[key][1] == "ok" and (role, pattern.name) in GET_AUDITED:
                audited.append(GET_AUDITED[role, pattern.name])
            if method == "POST" and role != "anonymous" and client is session_client and (
                    "_auth_user_id" not in client.session):
                client.force_login(User.objects.get(username=USERS[role]))  # after logout or password change
        missing = answers.get("missing", (None, None))[1]
        for key, (url, got) in answers.items():
            if key not in KEYS and key not in entry.more:
                wrong.append(f"{method} {url}  [{pattern.name}, object {key}]: got {got}, but the table states no "
                             "answer for this object; add it to the row's more= (tests/security/matrix.py)")
                continue
            expected = entry.expected(role, key, method)
            if expected is None:
                expected = missing
            if got != expected:
                wrong.append(f"{method} {url}  [{pattern.name}, object {key}]: expected {expected}, got {got}")
    return wrong


@pytest.mark.parametrize("role", matrix.ROLES)
def test_each_role_gets_what_the_table_says_and_no_get_writes(dataset, role):
    client, api = signed_in(role), api_client(role)
    started = time.perf_counter()
    before, last_event = row_counts(), AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()

    audited: list[str] = []
    wrong = _sweep(client, role, "GET", dataset, audited=audited, api=api)
    after = row_counts()
    written = list(AuditEvent.objects.filter(seq__gt=last_event or 0).order_by("seq")
                   .values_list("action", "actor__username"))
    wrong += _sweep(client, role, "POST", dataset, api=api)

    assert written == [(action, USERS[role]) for action in audited], f"GET requests of {role} wrote audit events"
    after[AuditEvent._meta.db_table] -= len(written)
    changed = {table: (before[table], after[table]) for table in before if before[table] != after[table]}
    assert not changed, f"GET requests of {role} changed rows: {changed}"
    assert not wrong, f"{role}: {len(wrong)} answers differ from tests/security/matrix.py:\n" + "\n".join(wrong)
    print(f"{role}: {time.perf_counter() - started:.1f} s")


def test_every_post_without_the_csrf_token_is_refused(dataset):
    client = signed_in("chief", enforce_csrf_checks=True)
    accepted = []
    for pattern in all_patterns():
        entry = matrix.lookup(pattern.name)
        if entry is None or not matrix.asked("chief", pattern.name, "POST"):
            continue
        for key in ("a", "missing"):
            url = url_for(dataset, pattern, key)
            if url is None:
                continue
            with transaction.atomic():
                status = client.post(url, {}).status_code
                transaction.set_rollback(True)
            if status != 403 and not (_by_token(pattern.name) and status == 401):  # the API takes no session
                accepted.append(f"POST {url} [{pattern.name}]: {status}")

    assert not accepted, "POSTs without a CSRF token that were not refused:\n" + "\n".join(accepted)


def test_a_task_url_whose_task_is_in_another_process_is_missing(dataset):
    client = signed_in("secretariat")
    own, other = dataset.flows["dossier"]["a"], dataset.flows["dossier"]["b"]
    task = other.task_set.order_by("pk").first()
    right = f"/flows/dossier/{other.pk}/{task.flow_task.name}/{task.pk}/detail/"
    crossed = f"/flows/dossier/{own.pk}/{task.flow_task.name}/{task.pk}/detail/"

    assert client.get(right).status_code != 404
    assert client.get(crossed).status_code == 404


def _admin_object_urls() -> list[tuple[str, str]]:
    """(URL name, route) of every admin page of one object: its change, delete and history pages and
    simple-history's page of one version (the old-style address only redirects to the change page, looking
    nothing up)."""
    one_object = re.compile(r"/(<path:object_id>|\^\(\[\^/\]\+\))/(change|delete|history)/")
    return [(p.name, p.route) for p in all_patterns() if p.name.startswith("admin:") and one_object.search(p.route)]


def _fill(route: str, model, pk) -> str:
    history = getattr(model, "history", None)
    version = history.filter(**{model._meta.pk.attname: pk}).values_list("history_id", flat=True).first() if (
        history is not None) else None
    route = route.replace("^([^/]+)/history/([^/]+)/$", f"{pk}/history/{version or MISSING}/")
    return "/" + route.replace("<path:object_id>", str(pk))


def test_the_admin_answers_an_existing_object_it_may_not_read_as_a_missing_one(dataset):
    """Issue 15: the administrator could tell which ids exist (history: 403 for an existing id, 404 or the index
    for a missing one). Every object URL of a model outside ``ADMINISTERED`` answers 404, existing or not; the
    sweep above asks missing keys only, this asks an existing row of each such model."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.admin import site
    from django.contrib.auth.models import Group
    from viewflow.workflow.models import Task

    from workflow.delegation.models import TaskDelegation
    from workflow.notifications.models import NotificationPreference

    Group.objects.get_or_create(name="Nhóm thử")
    AccessLog.objects.create(username="ai-do", ip_address="10.0.0.1", user_agent="x", path_info="/")
    AccessAttempt.objects.create(username="ai-do", ip_address="10.0.0.1", user_agent="x", path_info="/",
                                 failures_since_start=1)
    AccessFailureLog.objects.create(username="ai-do", ip_address="10.0.0.1", user_agent="x", path_info="/")
    if not TaskDelegation.objects.exists():  # a handover row, as a reassignment writes it
        TaskDelegation.objects.create(task=Task.objects.order_by("pk").first(), kind=TaskDelegation.Kind.values[0],
                                      to_user=User.objects.get(username=USERS["chief"]))
    NotificationPreference.objects.get_or_create(user=User.objects.get(username=USERS["chief"]))
    models = {f"{m._meta.app_label}/{m._meta.model_name}": m for m in site._registry}
    client = signed_in("administrator")
    wrong, asked_existing = [], 0
    for name, route in _admin_object_urls():
        if matrix.lookup(name) is not None and any(
                fnmatch.fnmatchcase(name, f"admin:{glob}") for glob in matrix.ADMINISTERED):
            continue
        model = models["/".join(route.split("/")[1:3])]
        existing = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        assert existing is not None, f"no {model._meta.label} to ask {name} with"
        asked_existing += 1
        urls = [_fill(route, model, existing), _fill(route, model, MISSING)]
        answers = [client.get(url).status_code for url in urls]
        if answers != [404, 404]:
            wrong.append(f"{name} {urls[0]}: existing {answers[0]}, missing {answers[1]}")

    assert asked_existing > 20
    assert not wrong, "the admin tells existing from missing:\n" + "\n".join(wrong)


@pytest.mark.parametrize("few", [1000, 0], ids=["semi-join form", "hashed-subplan form"])
def test_each_flow_s_lists_nest_the_processes_each_role_may_open(dataset, few, monkeypatch):
    """The flows' lists find the visible processes inside their own queries (``visible_in_flow`` on processes and
    on tasks, ``visible_flow_processes`` as a subquery); each names exactly the processes of the flow that the one
    filter of who sees what (``visible_processes``) names, for every role and flow, handovers included, in both
    forms of the filter (``FEW_PROCESSES``: 0 makes every person "see many")."""
    from django.db import connection

    from workflow import selectors

    if few == 0 and connection.vendor != "postgresql":
        pytest.skip("SQLite reads the visible keys in Python (its parser's stack); the two forms are PostgreSQL's")
    monkeypatch.setattr(selectors, "FEW_PROCESSES", few)
    from viewflow.workflow.models import Process, Task

    from nominations.flows.dossier import DossierFlow
    from workflow.delegation.models import TaskDelegation
    from workflow.registry import registered_flows
    from workflow.selectors import visible_flow_processes, visible_in_flow, visible_process_pks, visible_processes

    # Given a task of the other agency's dossier, which the Office's chief may not open, handed over to them

    chief = User.objects.get(username=USERS["chief"])
    handed = Task.objects.filter(process=dataset.flows["dossier"]["other"]).order_by("pk").first()

    def chief_may_open() -> bool:
        return Process.objects.filter(pk=handed.process_id,
                                      pk__in=visible_flow_processes(chief, DossierFlow)).exists()

    assert not chief_may_open()
    TaskDelegation.objects.create(task=handed, kind=TaskDelegation.Kind.values[0], to_user=chief)
    assert chief_may_open()

    seen, wrong, many = 0, [], False
    for role in matrix.SIGNED_IN:
        user = User.objects.get(username=USERS[role])
        for flow in registered_flows():
            # When a flow's list asks which of its processes the person may open
            nested = set(Process.objects.filter(flow_class=flow, pk__in=visible_flow_processes(user, flow))
                         .values_list("pk", flat=True))
            on_processes = set(Process.objects.filter(visible_in_flow(user, flow), flow_class=flow)
                               .values_list("pk", flat=True))
            on_tasks = set(Task.objects.filter(visible_in_flow(user, flow, "process_id"), process__flow_class=flow)
                           .values_list("process_id", flat=True))
            with_tasks = set(Task.objects.filter(process__flow_class=flow).values_list("process_id", flat=True))
            # Then they are those the filter and the ids read in Python name
            expected = set(Process.objects.filter(visible_processes(user), flow_class=flow)
                           .values_list("pk", flat=True))
            if not (nested == on_processes == expected == visible_process_pks(user, flow)
                    and on_tasks == expected & with_tasks):
                wrong.append(f"{role} {flow.__name__}: nested {sorted(nested)}, on processes {sorted(on_processes)}, "
                             f"on tasks {sorted(on_tasks)}, expected {sorted(expected)}")
            seen += len(nested)
            many |= connection.vendor == "postgresql" and selectors._sees_many(
                user, flow, selectors._visible_in_flow_parts(user, flow))
    assert not wrong, "\n".join(wrong)
    assert many == (few == 0)  # the form asked for was the one compared
    assert seen > 20
