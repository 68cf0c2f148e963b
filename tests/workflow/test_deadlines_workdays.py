"""Working days over the Vietnamese calendar data (Bộ luật Lao động 2019, Điều 111–112)."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workflow.deadlines.models import CalendarDay
from workflow.deadlines.workdays import add_working_days, is_working_day, next_working_day, working_days_between

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        ("2024-04-26", True, "an ordinary Friday"),
        ("2024-04-27", False, "an ordinary Saturday"),
        ("2024-04-29", False, "Monday off in exchange for Saturday 4/5/2024"),
        ("2024-05-04", True, "the Saturday worked in exchange"),
        ("2024-04-30", False, "30/4"),
        ("2024-05-01", False, "1/5"),
        ("2024-04-18", False, "Giỗ Tổ Hùng Vương 2024 (10/3 âm lịch)"),
        ("2025-01-27", False, "Tết Ất Tỵ"),
        ("2025-01-31", False, "Tết Ất Tỵ"),
        ("2025-02-03", True, "back to work after Tết 2025"),
        ("2025-04-26", True, "Saturday worked for 2/5/2025"),
        ("2025-05-02", False, "Friday off for 26/4/2025"),
        ("2023-09-04", False, "compensatory day for 2/9/2023, a Saturday"),
        ("2026-02-16", False, "Tết Bính Ngọ (statutory)"),
        ("2026-04-27", False, "compensatory for Giỗ Tổ 2026, a Sunday"),
        ("2027-05-03", False, "compensatory for 1/5/2027, a Saturday"),
        ("2026-01-01", False, "Tết Dương lịch"),
    ],
)
def test_the_seeded_calendar(day, working, why):
    assert is_working_day(D(day)) is working, why


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2024-04-22", 0, "2024-04-22"),
        ("2024-04-26", 1, "2024-05-02"),  # Friday + 1 skips the weekend, 29/4, 30/4, 1/5
        ("2024-04-26", 2, "2024-05-03"),
        ("2024-04-26", 3, "2024-05-04"),  # the Saturday worked in exchange counts
        ("2025-01-24", 1, "2025-02-03"),  # across the nine days of Tết 2025
        ("2024-05-02", -1, "2024-04-26"),
        ("2024-04-28", 1, "2024-05-02"),  # from a Sunday
    ],
)
def test_add_working_days_examples(start, n, expected):
    assert add_working_days(D(start), n) == D(expected)


def test_an_administrator_swap_changes_the_count():
    friday = D("2030-03-01")
    assert add_working_days(friday, 1) == D("2030-03-04")

    CalendarDay.objects.create(date=D("2030-03-02"), kind=CalendarDay.Kind.WORKING, name="Làm bù")
    CalendarDay.objects.create(date=D("2030-03-04"), kind=CalendarDay.Kind.HOLIDAY, name="Nghỉ bù")

    assert add_working_days(friday, 1) == D("2030-03-02")
    assert add_working_days(friday, 2) == D("2030-03-05")
    assert working_days_between(friday, D("2030-03-05")) == 2


def test_next_working_day():
    assert next_working_day(D("2024-04-27")) == D("2024-05-02")
    assert next_working_day(D("2024-05-02")) == D("2024-05-02")


days = st.dates(min_value=D("2022-12-01"), max_value=D("2027-12-31"))
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(start=days, n=st.integers(min_value=-60, max_value=60))
def test_adding_then_counting_agrees(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n


@PROPERTY
@given(start=days, n=st.integers(min_value=1, max_value=60))
def test_never_lands_on_a_day_off(start, n):
    for landed in (add_working_days(start, n), add_working_days(start, -n)):
        assert is_working_day(landed)
        assert landed.weekday() < 5 or CalendarDay.objects.filter(date=landed, kind="working").exists()


@PROPERTY
@given(a=days, b=days)
def test_counting_follows_the_direction_and_never_exceeds_the_days(a, b):
    count = working_days_between(a, b)

    assert (count > 0) <= (b > a) and (count < 0) <= (b < a)
    assert abs(count) <= abs((b - a).days)


def test_the_check_warns_when_a_year_has_no_holidays():
    from workflow.deadlines.checks import check_calendar_covers_this_year

    assert check_calendar_covers_this_year(databases=["default"], today=D("2026-06-01")) == []
    warnings = check_calendar_covers_this_year(databases=["default"], today=D("2027-06-01"))

    assert [w.id for w in warnings] == ["workflow.W201"] and "2028" in warnings[0].msg
    assert check_calendar_covers_this_year(databases=None) == []


def test_the_administrator_adds_a_day_off_in_the_admin_with_history(client, person):
    admin_user = person("admin")
    client.force_login(admin_user)

    response = client.post("/admin/workflow/calendarday/add/", {
        "date": "2030-06-02", "kind": "holiday", "name": "Nghỉ đột xuất", "note": "Theo thông báo của UBND tỉnh"})

    assert response.status_code == 302
    day = CalendarDay.objects.get(date=D("2030-06-02"))
    assert not is_working_day(day.date)
    assert day.history.get().history_user == admin_user


def test_nobody_else_edits_the_calendar(client, person):
    client.force_login(person("hcqt"))

    client.post("/admin/workflow/calendarday/add/", {"date": "2030-06-03", "kind": "holiday", "name": "x"})

    assert not CalendarDay.objects.filter(date=D("2030-06-03")).exists()
