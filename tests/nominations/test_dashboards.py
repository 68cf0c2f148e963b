"""Dashboards: each role sees its own slice, charts are well-formed SVG, queries do not grow with data."""

import datetime as dt
import statistics
import xml.etree.ElementTree as ET  # noqa: S405  (our own markup, parsed to prove it well-formed)

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Unit, User
from accounts.roles import Role
from accounts.services import role_grant
from nominations import services
from nominations.models import Award, CommendationKind, Dossier
from nominations.selectors import dashboard
from tests.nominations.helpers import accepted_dossier, open_cycle, open_dossier
from workflow.deadlines.models import TaskDeadline
from workflow.deadlines.selectors import OPEN

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
UNITS = ["KT", "NC", "TH", "KGVX", "HCQT"]


def add_lines(dossier: Dossier, count: int) -> None:
    kind = CommendationKind.objects.get(code="THUONG_XUYEN")
    award = Award.objects.get(code="LDTT")
    proposed = dossier.cycle.lines.filter(person__isnull=False).values("person")
    for person in User.objects.filter(unit=dossier.unit).exclude(pk__in=proposed).order_by("pk")[:count]:
        services.line_add(actor=dossier.created_by, dossier=dossier, award=award, commendation_kind=kind,
                          achievements="Hoàn thành tốt nhiệm vụ.", person=person)


def build(size: str):
    cycle = open_cycle(2025)
    if size == "small":
        add_lines(open_dossier(cycle, "KT"), 1)
        return cycle
    for code in UNITS[:3]:
        people = list(User.objects.filter(unit__code=code, unit__agency=cycle.agency).order_by("pk")[:3])
        accepted_dossier(cycle, code, [(p, "LDTT") for p in people])
    for code in UNITS[3:]:
        add_lines(open_dossier(cycle, code), 4)
    for task in _open_tasks():
        TaskDeadline.objects.get_or_create(task=task, defaults={"due_date": dt.date(2020, 1, 2)})
    return cycle


def _open_tasks():
    from viewflow.workflow.models import Task

    return Task.objects.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED])


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def svgs(html: str) -> list[ET.Element]:
    found, start = [], 0
    while (start := html.find("<svg", start)) != -1:
        end = html.index("</svg>", start) + len("</svg>")
        found.append(ET.fromstring(  # noqa: S314
            html[start:end]))
        start = end
    return found


@pytest.mark.parametrize("username", ["hcqt", "chanhvp", "unit_head", "sonoivu"])
def test_query_count_is_the_same_for_small_and_large_data(login, person, username, monkeypatch):
    monkeypatch.setattr(dashboard, "OVERDUE_SHOWN", 2)  # the large data overflows the overdue table
    head = person("canbo.kt.04")
    role_grant(actor=person("admin"), user=head, role=Role.UNIT_HEAD, unit=head.unit)
    who = head.username if username == "unit_head" else username
    client = login(who)
    url = reverse("nominations:dashboard")
    client.get(url)  # warm the per-process caches (content types, site menu)
    cycle = build("small")
    small = count_queries(client, url)
    for code in UNITS[1:3]:
        accepted_dossier(cycle, code, [(p, "LDTT") for p in
                                       User.objects.filter(unit__code=code, unit__agency=cycle.agency)[:4]])
    for code in UNITS[3:]:
        add_lines(open_dossier(cycle, code), 5)
    add_lines(Dossier.objects.get(cycle=cycle, unit__code="KT"), 5)
    for task in _open_tasks():
        TaskDeadline.objects.get_or_create(task=task, defaults={"due_date": dt.date(2020, 1, 2)})
    assert _open_tasks().count() > dashboard.OVERDUE_SHOWN
    large = count_queries(client, url)
    assert large == small
    # 16 for the page, and up to 3 for the menu's "Việc của tôi" count (one COUNT, the reader's permissions).
    assert large <= 19


def test_secretariat_sees_every_unit_statuses_titles_overdue_and_steps(login):
    build("large")
    page = login("hcqt").get(reverse("nominations:dashboard"))
    html = page.content.decode()
    board = page.context["board"]
    assert board.scope.level == "agency"
    assert {name for name, _n in board.by_unit} == set(
        Unit.objects.filter(code__in=UNITS, agency__code="VP").values_list("name", flat=True))
    assert sum(n for _label, n in board.by_status) == 5
    assert board.line_total == 3 * 3 + 2 * 4
    assert board.overdue_count == len(_open_tasks()) > 0
    assert board.steps and all(step.count > 0 for step in board.steps)
    assert "Lao động tiên tiến" in html and "Công việc quá hạn" in html


def test_a_unit_head_sees_only_their_unit(login, person):
    build("large")
    head = person("canbo.nc.02") if User.objects.filter(username="canbo.nc.02").exists() else \
        User.objects.filter(unit__code="NC", username__startswith="canbo.").first()
    role_grant(actor=person("admin"), user=head, role=Role.UNIT_HEAD, unit=head.unit)
    board = login(head.username).get(reverse("nominations:dashboard")).context["board"]
    assert board.scope.level == "unit"
    assert [name for name, _n in board.by_unit] == [head.unit.name]
    assert board.line_total == 3
    assert board.sessions == []


def test_a_council_member_heading_a_unit_gets_the_unit_view(login):
    build("large")
    board = login("truongphong.kt").get(reverse("nominations:dashboard")).context["board"]
    assert board.scope.level == "unit" and [name for name, _n in board.by_unit] == ["Phòng Kinh tế"]


def test_home_affairs_gets_the_provincial_view(login):
    build("small")
    page = login("sonoivu").get(reverse("nominations:dashboard"))
    assert page.status_code == 200 and page.context["board"].scope.level == "province"


def test_staff_without_a_dashboard_get_404(login):
    assert login("canbo.kt.02").get(reverse("nominations:dashboard")).status_code == 404


def test_a_cycle_of_another_agency_is_404_and_bad_input_is_not_a_500(login):
    cycle = build("small")
    client = login("hcqt")
    assert client.get(reverse("nominations:dashboard") + f"?cycle={cycle.pk}").status_code == 200
    assert client.get(reverse("nominations:dashboard") + f"?cycle={cycle.pk + 999}").status_code == 404
    assert client.get(reverse("nominations:dashboard") + "?year=abc").status_code == 404


def test_filter_by_year_leaves_other_years_out(login):
    build("small")
    board = login("hcqt").get(reverse("nominations:dashboard") + "?year=2024").context["board"]
    assert board.year == 2024 and board.line_total == 0 and sum(n for _l, n in board.by_status) == 0


def test_charts_are_well_formed_accessible_svg(login):
    build("large")
    html = login("hcqt").get(reverse("nominations:dashboard")).content.decode()
    charts = svgs(html)
    assert len(charts) >= 4
    for chart in charts:
        assert chart.get("role") == "img"
        title, desc = chart.find(f"{SVG}title"), chart.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert chart.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "<script" not in html.split('id="dashboard"')[1].split("</div>")[0]


def test_chart_text_is_escaped():
    from workflow.charts import bar_chart, stacked_bar_chart

    chart = bar_chart(title="<b>x</b>", rows=[("<script>alert(1)</script>", 3)])
    assert "<script>" not in chart and ET.fromstring(  # noqa: S314
            str(chart)) is not None
    stacked = stacked_bar_chart(title="t", categories=["a&b"], series=["<i>"], values={("a&b", "<i>"): 2})
    assert ET.fromstring(  # noqa: S314
            str(stacked)) is not None


def test_dashboard_renders_in_english(login):
    build("small")
    client = login("hcqt")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("nominations:dashboard")).content.decode()
    assert "Dossiers by status" in html and "Overdue tasks: " in html and "Công việc quá hạn" not in html


def test_the_secretariat_s_steps_and_overdue_tasks_include_the_council_s(login):
    # Given a session whose members have all voted (its ballots finished) and whose minutes step is overdue
    from nominations.flows.council import CouncilFlow
    from tests.nominations.council_helpers import open_task, tallied_session
    from workflow.stats import step_label

    session = tallied_session("KT")
    minutes = open_task(session.process, CouncilFlow.finalise)
    TaskDeadline.objects.update_or_create(task=minutes, defaults={"due_date": dt.date(2020, 1, 2)})
    ballots = session.process.task_set.filter(flow_task=CouncilFlow.ballot).count()

    # When the secretariat opens the dashboard of that year
    board = login("hcqt").get(reverse("nominations:dashboard") + "?year=2025").context["board"]

    # Then the council's steps are timed beside the dossier's, and its overdue task is listed
    steps = {step.label: step for step in board.steps}
    ballot = steps[step_label(CouncilFlow.ballot)]
    assert ballot.count == ballots > 0
    spans = [task.finished - task.created for task in session.process.task_set.filter(flow_task=CouncilFlow.ballot)]
    assert (ballot.median, ballot.slowest) == (statistics.median(spans), max(spans))
    assert minutes.pk in {task.pk for task in board.overdue}
    dossier_tasks = Task.objects.filter(process__dossierprocess__dossier__cycle=session.cycle)
    assert board.overdue_count == dossier_tasks.filter(status__in=OPEN, deadline__due_date__lt=timezone.localdate()
                                                       ).count() + 1


def test_home_affairs_lists_the_province_s_years_and_reads_one_cycle(login):
    # Given cycles of two years in the province (the later one twice)
    earlier = open_cycle(2024)
    open_cycle(2025)
    open_cycle(2025, name="Xét khen thưởng đột xuất năm")
    client = login("sonoivu")

    # When Sở Nội vụ opens the dashboard, then a year, then a cycle
    board = client.get(reverse("nominations:dashboard")).context["board"]
    by_year = client.get(reverse("nominations:dashboard") + "?year=2024").context["board"]
    by_cycle = client.get(reverse("nominations:dashboard") + f"?cycle={earlier.pk}").context["board"]

    # Then each year is offered once, newest first, the latest shown (two cycles: none of them alone), and the
    # year or the cycle asked is the one read; a cycle out of the province is 404
    assert board.years == [2025, 2024] and board.year == 2025 and board.cycle is None
    assert by_year.year == 2024 and by_year.cycle == earlier
    assert by_cycle.year == 2024 and by_cycle.cycle == earlier
    assert 'value="2024"' in client.get(reverse("nominations:dashboard")).content.decode()
    assert client.get(reverse("nominations:dashboard") + f"?cycle={earlier.pk + 999}").status_code == 404
