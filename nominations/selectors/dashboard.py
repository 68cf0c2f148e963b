"""The year at a glance per role (issue 9): a fixed number of queries whatever the data size.

Who sees what (design §1, §5): the agency's secretariat, chief, deputies and auditor see every
unit of their agency; a unit head (even one sitting on the council, whose vote is not a right to
follow other units' files) sees their unit only; Home Affairs sees the Tờ trình of the agencies
of its province. Scope comes from the person's active role assignments (one query), the same
rows the guardian permissions are kept in step with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from viewflow.workflow.models import Task

from accounts.models import Agency, Unit, User
from accounts.roles import Role
from accounts.selectors import active_roles
from workflow.deadlines.selectors import OPEN
from workflow.stats import StepTime, step_times

from ..models import (
    Cycle,
    Dossier,
    DossierStatus,
    Line,
    LineStatus,
    OutcomeDocument,
    OutcomeDocumentKind,
    Session,
    SessionStatus,
)
from ..models.council import CouncilProcess
from ..models.dossiers import DossierProcess
from ..models.submissions import AnswerStatus, HomeAffairsProcess, SubmissionAnswer

AGENCY_ROLES = (Role.SECRETARIAT, Role.CHIEF, Role.DEPUTY_CHIEF, Role.AUDITOR)
PROVINCE_ROLES = (Role.HOME_AFFAIRS, Role.AUDITOR)
OVERDUE_SHOWN = 20


@dataclass
class Scope:
    level: str  # "agency", "unit" or "province"
    agencies: list[int] = field(default_factory=list)
    units: list[int] = field(default_factory=list)
    provinces: list[int] = field(default_factory=list)


@dataclass
class Dashboard:
    scope: Scope
    year: int | None
    years: list[int]  # newest first: the year select
    cycles: list[Cycle]  # the cycle select's (none on the province's page, which has no cycle select)
    cycle: Cycle | None
    by_status: list[tuple[str, int]] = field(default_factory=list)
    by_unit: list[tuple[str, int]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    lines_by_title: dict[tuple[str, str], int] = field(default_factory=dict)
    line_total: int = 0
    overdue: list[Task] = field(default_factory=list)
    overdue_count: int = 0
    steps: list[StepTime] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    submissions_by_agency: list[tuple[str, int]] = field(default_factory=list)
    answers_by_status: list[tuple[str, int]] = field(default_factory=list)


def dashboard_scope(user: User) -> Scope | None:
    """The widest view the person holds: the agency, else the province (Home Affairs), else a unit."""
    if not user.is_authenticated or not user.is_active:
        return None
    roles = active_roles(user)
    agencies = sorted({r.agency_id for r in roles if r.role in AGENCY_ROLES and r.agency_id})
    provinces = sorted({r.province_id for r in roles if r.role in PROVINCE_ROLES and r.province_id})
    units = sorted({r.unit_id for r in roles if r.role == Role.UNIT_HEAD and r.unit_id})
    if agencies:
        return Scope("agency", agencies=agencies)
    if provinces:
        return Scope("province", provinces=provinces)
    if units:
        return Scope("unit", units=units)
    return None


def _cycles(scope: Scope):
    """The scope's cycles, each once: the agencies by a semi-join (a join on units repeated each cycle once per
    unit, and its ``DISTINCT`` over every column took 90 ms for Sở Nội vụ's 6,560 cycles at ten years)."""
    if scope.level == "agency":
        return Cycle.objects.filter(agency__in=scope.agencies)
    if scope.level == "unit":
        return Cycle.objects.filter(agency__in=Unit.objects.filter(pk__in=scope.units).values("agency_id"))
    return Cycle.objects.filter(agency__in=Agency.objects.filter(province__in=scope.provinces).values("pk"))


def dashboard_for_user(user: User, *, cycle_id: int | None = None, year: int | None = None,
                       today: dt.date | None = None) -> Dashboard:
    """Everything the dashboard page shows; 404 for a person with no dashboard or a cycle out of scope."""
    scope = dashboard_scope(user)
    if scope is None:
        raise Http404
    today = today or timezone.localdate()
    scoped = _cycles(scope)
    if scope.level == "province":
        # The province's page has no cycle select, only its years: reading its 6,560 cycles of ten years (~0.8 s;
        # with their agencies 13,124 objects, ~2.5 s) to list ten years and find one cycle was the page's cost.
        # The years, then the one cycle asked (or the year's only one): two small queries.
        cycles: list[Cycle] = []
        years = list(scoped.order_by("-year").values_list("year", flat=True).distinct())

        def cycle_of(pk: int) -> Cycle | None:
            return scoped.filter(pk=pk).first()

        def first_two_of(year: int | None) -> list[Cycle]:
            return list(scoped.filter(year=year)[:2])
    else:
        # The cycle select shows every cycle of the scope with its agency (one agency's: ~160 at ten years).
        cycles = list(scoped.order_by("-year", "-pk").select_related("agency"))
        years = sorted({c.year for c in cycles}, reverse=True)

        def cycle_of(pk: int) -> Cycle | None:
            return next((c for c in cycles if c.pk == pk), None)

        def first_two_of(year: int | None) -> list[Cycle]:
            return [c for c in cycles if c.year == year][:2]
    if cycle_id is not None:
        cycle = cycle_of(cycle_id)
        if cycle is None:
            raise Http404
        year = cycle.year
    else:
        year = year or (years[0] if years else None)
        in_year = first_two_of(year)
        cycle = in_year[0] if len(in_year) == 1 else None
    board = Dashboard(scope=scope, year=year, years=years, cycles=cycles, cycle=cycle)
    if scope.level == "province":
        _home_affairs(board, scope, today)
        return board

    dossiers = Dossier.objects.filter(cycle__year=year)
    if cycle is not None:
        dossiers = dossiers.filter(cycle=cycle)
    dossiers = (dossiers.filter(cycle__agency__in=scope.agencies) if scope.level == "agency"
                else dossiers.filter(unit__in=scope.units))
    _dossiers(board, dossiers)
    _lines(board, Line.objects.filter(dossier__in=dossiers.values("pk")))
    dossier_processes = DossierProcess.objects.filter(dossier__in=dossiers.values("pk")).order_by().values("pk")
    tasks = Task.objects.filter(process__in=dossier_processes)
    if scope.level == "agency":
        sessions = Session.objects.filter(cycle__agency__in=scope.agencies, cycle__year=year)
        if cycle is not None:
            sessions = sessions.filter(cycle=cycle)
        council_processes = CouncilProcess.objects.filter(session__in=sessions.values("pk")).order_by().values("pk")
        # One set of processes (``IN (a UNION ALL b)``), never ``IN a OR IN b``: PostgreSQL answers the OR with two
        # hashed subplans tested on every task row, a scan of all 1,036,480 tasks of the province's ten years
        # (2.8 s for the secretariat); the union is a semi-join probing the task index by process (as
        # ``workflow.selectors.visible_in_flow`` does for few processes). A process is a dossier's or a session's,
        # never both, so ``UNION ALL`` repeats none.
        tasks = Task.objects.filter(process__in=dossier_processes.union(council_processes, all=True))
        board.sessions = list(
            sessions.filter(status=SessionStatus.VOTING).select_related("cycle")
            .annotate(member_count=Count("attendees", distinct=True),
                      outstanding=Count("attendees", filter=Q(attendees__ballot__isnull=True), distinct=True))
            .order_by("meeting_date", "pk")
        )
    _tasks(board, tasks, today)
    return board


def _dossiers(board: Dashboard, dossiers) -> None:
    labels = dict(DossierStatus.choices)
    counts = dict(dossiers.order_by().values_list("status").annotate(n=Count("pk")))
    board.by_status = [(str(labels[code]), counts.get(code, 0)) for code in labels]
    board.by_unit = [
        (name, n) for name, n in dossiers.order_by().values("unit__position", "unit__name")
        .annotate(n=Count("pk")).order_by("unit__position", "unit__name").values_list("unit__name", "n")
    ]


def _lines(board: Dashboard, lines) -> None:
    labels = dict(LineStatus.choices)
    rows = list(lines.order_by().values("award__name", "award__position", "status").annotate(n=Count("pk"))
                .order_by("award__position", "award__name", "status")
                .values_list("award__name", "status", "n"))
    board.titles = list(dict.fromkeys(name for name, _status, _n in rows))
    present = {status for _name, status, _n in rows}
    board.outcomes = [str(labels[code]) for code in labels if code in present]
    board.lines_by_title = {(name, str(labels.get(status, status))): n for name, status, n in rows}
    board.line_total = sum(n for _name, _status, n in rows)


def _tasks(board: Dashboard, tasks, today: dt.date) -> None:
    overdue = tasks.filter(status__in=OPEN, deadline__due_date__lt=today)
    board.overdue = list(overdue.select_related("owner", "deadline", "process")
                         .order_by("deadline__due_date", "pk")[:OVERDUE_SHOWN])
    board.overdue_count = overdue.count()  # always asked, so the page's query count never depends on the data
    board.steps = step_times(tasks)


def _home_affairs(board: Dashboard, scope: Scope, today: dt.date) -> None:
    submissions = OutcomeDocument.objects.filter(
        kind=OutcomeDocumentKind.SUBMISSION, document__status="ready",
        document__agency__province__in=scope.provinces, session__cycle__year=board.year)
    board.submissions_by_agency = list(
        submissions.order_by().values("document__agency__name").annotate(n=Count("pk"))
        .order_by("document__agency__name").values_list("document__agency__name", "n"))
    labels = dict(AnswerStatus.choices)
    counts = dict(SubmissionAnswer.objects.filter(submission__in=submissions.values("pk")).order_by()
                  .values_list("status").annotate(n=Count("pk")))
    board.answers_by_status = [(str(labels[code]), counts.get(code, 0)) for code in labels]
    processes = HomeAffairsProcess.objects.filter(submission__in=submissions.values("pk")).values("pk")
    _tasks(board, Task.objects.filter(process__in=processes), today)
